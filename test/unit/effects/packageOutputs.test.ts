// Package tools that write what they fetch or build into a folder the command names: into a protected place
// (keys, the system's configuration) that asks as any write there does; into the project it is routine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { judge, decide } = engine();

test('packages written into a protected folder ask', () => {
  for (const command of [
    'pip download -d ~/.ssh requests',
    'pip download --dest=/etc/cron.d requests',
    'pip3 wheel -w ~/.ssh .',
    'pip install --target ~/.ssh requests',
    'python3 -m pip download -d /etc requests',
    'npm pack --pack-destination ~/.ssh',
    'npm pack --pack-destination=/etc/profile.d',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id.startsWith('fs.write-')),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
});

test('packages written into the project, or nowhere named, stay quiet', () => {
  for (const command of [
    'pip download -d vendor requests',
    'pip wheel -w dist .',
    'pip install -t ./lib requests',
    'pip install -r requirements.txt',
    'python3 -m pip install -e .',
    'npm pack',
    'npm pack --pack-destination dist',
    'npm install --save-dev typescript',
  ])
    assert.equal(decide(command), 'allow', command);
});
