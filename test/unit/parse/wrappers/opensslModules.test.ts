// `openssl req -engine /tmp/x.so`: OpenSSL loads the shared object named as an
// engine (or the providers in a `-provider-path` folder) and runs its code. It
// was allowed. A file outside the system's library folders asks; an engine named
// by its id, one the system installed, and everyday openssl stay quiet. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return JSON.parse(r.stdout) as { decision: string; findings: { id: string }[] };
}

test('openssl loading an engine or provider from a file outside the system folders asks', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      'openssl req -engine /tmp/x.so -new',
      'openssl s_client -engine ./evil.so -connect example.com:443',
      'openssl genrsa -provider-path /tmp/p -provider evil',
      'openssl dgst -keyengine /tmp/k.so -sign key.pem file',
    ]) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === 'system.unread-script'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'openssl req -engine pkcs11 -new -key id_01',
      'openssl x509 -in cert.pem -noout -text',
      'openssl rand -hex 32',
      'openssl req -engine /usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so -new',
    ])
      assert.equal(check(sb, command).decision, 'allow', command);
  });
});
