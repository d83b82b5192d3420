// lefthook's configuration is a git hook manager's, as pre-commit's is: an
// edit that plants a `run:` line asks with the command shown, since
// `lefthook install` makes git run it on every commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../../../../src/core/request';
import { autorunPlace, autorunPlaceList } from '../../../../src/core/packs/autorun/places';
import { HOME, WORKSPACE } from '../../support/helpers';

function write(path: string, content: string, before?: string) {
  return judgeRequest(
    {
      event: 'PreToolUse',
      kind: 'edit',
      toolName: 'Write',
      workspaceRoots: [],
      targets: [{ path, op: 'write', content }],
    },
    {
      workspace: WORKSPACE,
      home: HOME,
      env: { HOME },
      readFile: (p) => (p === path ? before : undefined),
      cwd: WORKSPACE,
      config: undefined,
    },
  );
}

test('an edit planting a lefthook run line asks, block values included; one that changes no run line does not', () => {
  for (const file of ['lefthook.yml', '.lefthook.yml', 'lefthook-local.yml']) {
    const path = `${WORKSPACE}/${file}`;
    assert.equal(autorunPlace(path, { workspace: WORKSPACE, home: HOME })?.kind, 'hook-runner-config', file);
    const v = write(
      path,
      'pre-commit:\n  commands:\n    wipe:\n      run: |\n        npx eslint .\n        rm -rf ~\n',
    );
    assert.equal(v.decision, 'ask', `${file}: ${JSON.stringify(v.findings)}`);
    const f = v.findings.find((x) => x.id === 'autorun.git-hook');
    assert.match(f?.summary ?? '', /rm -rf ~/, file);
  }
  const path = `${WORKSPACE}/lefthook.yml`;
  const before = 'pre-commit:\n  commands:\n    lint:\n      run: npx eslint {staged_files}\n';
  assert.equal(write(path, before.replace('pre-commit:', 'pre-commit:\n  parallel: true'), before).decision, 'allow');
});

test('the listed autorun places are worked out once per workspace and home; each caller gets its own list', () => {
  const first = autorunPlaceList(WORKSPACE, HOME);
  const again = autorunPlaceList(WORKSPACE, HOME);
  assert.notEqual(first, again);
  assert.deepEqual(first, again);
  // The same entries, not built again: a batch judges every landing against this list.
  assert.equal(first[0], again[0]);
  first.length = 0;
  assert.deepEqual(autorunPlaceList(WORKSPACE, HOME), again);
  assert.throws(() => {
    again[0].path = '/elsewhere';
  });
  // Another home, another list.
  const other = autorunPlaceList(WORKSPACE, '/home/someone-else');
  assert.ok(other.some((p) => p.path === '/home/someone-else/.gitconfig'));
  assert.ok(!again.some((p) => p.path === '/home/someone-else/.gitconfig'));
});
