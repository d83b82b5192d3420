// Deleting every tag (the list comes from `git tag` run on the same line) and
// dropping annexed content without the check that another copy exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('every tag deleted at once, and git annex drop --force, ask', () => {
  const ws = diskWorkspace('ag-gitbulk-', { 'src/a.ts': '' }, { git: true });
  try {
    const gated: Array<[string, string]> = [
      ['git tag -d $(git tag)', 'git.tag-delete-all'],
      ['git tag -d `git tag -l`', 'git.tag-delete-all'],
      ['git tag -l | xargs git tag -d', 'git.tag-delete-all'],
      ['git tag | xargs -n1 git tag -d', 'git.tag-delete-all'],
      ["git for-each-ref --format='%(refname:short)' refs/tags | xargs git tag -d", 'git.tag-delete-all'],
      ['git show-ref --tags | xargs git tag -d', 'git.tag-delete-all'],
      ['git show-ref -s | xargs git tag -d', 'git.tag-delete-all'],
      ["git tag -d $(git show-ref --tags | cut -d' ' -f2)", 'git.tag-delete-all'],
      ['git annex drop --force', 'git.annex-drop-force'],
      ['git annex dropunused --force all', 'git.annex-drop-force'],
    ];
    for (const [command, id] of gated) {
      const r = ws.judge(command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${JSON.stringify(r.findings)}`,
      );
    }
    for (const command of [
      'git tag -d v1.0',
      "git tag -l 'nightly-*' | xargs git tag -d",
      "git tag -d $(git tag -l 'nightly-*')",
      'git annex drop big.iso',
      'git tag -l | head',
      'git show-ref --tags',
      'git show-ref --tags v1.0 | xargs git tag -d',
      'git show-ref --heads | xargs git tag -d',
      'git show-ref --verify refs/tags/v1.0',
      "git for-each-ref --format='%(refname:short)' refs/tags/nightly | xargs git tag -d",
    ])
      assert.equal(ws.judge(command).decision, 'allow', command);
  } finally {
    ws.done();
  }
});
