// A folder synced to object storage takes every file in it
// (packs/common/uploadFolders.ts): a credential file no --exclude covers asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('syncing a folder that holds a credential file asks, naming the file', () => {
  const w = diskWorkspace('ag-upfolders-', {
    '.env': 'API_KEY=x\n',
    '.env.example': 'API_KEY=\n',
    'keys/server.pem': 'k',
    'dist/app.js': 'x',
  });
  try {
    for (const [command, file] of [
      ['aws s3 sync . s3://b', '.env (in .)'],
      ['aws s3 sync . s3://b --exclude .env', 'keys/server.pem (in .)'],
      ['gsutil -m rsync -r . gs://b', '.env (in .)'],
      ['rclone sync . remote:b', '.env (in .)'],
      ['az storage blob upload-batch -s . -d c', '.env (in .)'],
      ['aws s3 cp . s3://b --recursive', '.env (in .)'],
    ]) {
      const r = w.judge(command);
      const f = r.findings.find((x) => x.id === 'secrets.send-to-network');
      assert.ok(f && r.decision !== 'allow', `${command}: ${JSON.stringify(r.findings)}`);
      assert.equal(f.target, file);
    }
    for (const command of [
      "aws s3 sync . s3://b --exclude '.env' --exclude '*.pem'",
      "aws s3 sync . s3://b --exclude 'keys/*' --exclude .env",
      "gsutil -m rsync -r -x '(\\.env|.*\\.pem)$' . gs://b",
      'aws s3 sync dist s3://b',
    ])
      assert.equal(w.judge(command).decision, 'allow', command);
  } finally {
    w.done();
  }
});

test('a tree larger than is read, or a folder too big to list, asks', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 2100; i++) files[`tree/a/f${i}.txt`] = files[`tree/b/f${i}.txt`] = '';
  for (let i = 0; i < 4100; i++) files[`wide/f${i}.txt`] = '';
  const w = diskWorkspace('ag-upfolders-big-', files);
  try {
    for (const command of ['aws s3 sync tree s3://b', 'aws s3 sync wide s3://b']) {
      const r = w.judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.match(r.findings.map((f) => f.summary).join('\n'), /more files than AgentGuard reads/);
    }
  } finally {
    w.done();
  }
});
