// Reverse tunnels (packs/outgoing/tunnels.ts): a port opened on another host
// that leads back into this machine asks; a forward tunnel, a SOCKS proxy here
// and a reverse tunnel to this machine itself stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { readSshLine, reverseForwards } from '../../../../src/core/command/ssh';

test('a reverse tunnel to another host asks, however it is spelled', () => {
  const { judge } = engine();
  for (const command of [
    'ssh -R 8080:localhost:5432 user@host',
    'ssh -N -R 9000 user@host',
    'ssh -NR 9000 user@host',
    'ssh -fNR8080:localhost:3000 relay.example.com',
    'ssh -o RemoteForward=8080:localhost:5432 host',
    "ssh -o 'RemoteForward 8080 localhost:5432' host",
    'autossh -M 0 -R 8080:localhost:22 relay.example.com',
    'ssh -R 8080:localhost:5432 host uptime',
    'ssh -p 2222 -R 0.0.0.0:80:127.0.0.1:3000 ssh://deploy@tunnel.example.com',
  ]) {
    const r = judge(command);
    assert.ok(
      r.decision === 'ask' && r.findings.some((f) => f.id === 'outgoing.reverse-tunnel'),
      `${command}: ${JSON.stringify(r.findings)}`,
    );
  }
});

test('forward tunnels, a local SOCKS proxy and a reverse tunnel to this machine stay quiet', () => {
  const { judge } = engine();
  for (const command of [
    'ssh -L 5432:localhost:5432 bastion',
    'ssh -fNL 8080:localhost:80 bastion',
    'ssh -N -L 5432:db.internal:5432 bastion',
    'ssh -D 1080 bastion',
    'ssh -R 8080:localhost:5432 localhost',
    'ssh -p 2222 -i ~/.ssh/id_ed25519 deploy@web1 uptime',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});

test('clustered letters are read as ssh reads them: the host after `-NR 9000` is the destination', () => {
  const line = readSshLine(['ssh', '-NR', '9000', 'user@host', 'uptime']);
  assert.equal(line.destination, 3);
  assert.deepEqual(reverseForwards(line), ['9000']);
  assert.equal(readSshLine(['ssh', '-p2222', 'host']).destination, 2);
  assert.equal(readSshLine(['autossh', '-M', '0', 'host']).destination, 3);
  assert.equal(readSshLine(['ssh', '-N']).destination, 2);
  // The remote command of `ssh -NR 9000 host 'rm -rf /srv/data'` is judged, not taken for the host.
  assert.notEqual(engine().decide("ssh -NR 9000 host 'rm -rf /srv/data'"), 'allow');
});
