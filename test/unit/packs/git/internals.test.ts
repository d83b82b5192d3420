// Git plumbing that rewrites what history says or drops objects at once, and
// git's own path commands reaching a protected folder: judged as the porcelain
// and the file tools that do the same are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace, judgedOnDisk } from '../../support/engineHarness';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const project = { 'src/index.ts': 'export const x = 1;\n', '.claude/settings.json': '{}\n' };

test('a shared branch moved by update-ref, a replace ref and a repack that drops unreachable objects ask', () => {
  const { judge, done } = diskWorkspace('ag-gitplumb-', project, { git: true });
  try {
    const gated: Array<[string, string]> = [
      [`git update-ref refs/heads/main ${EMPTY_TREE}`, 'git.branch-force-move'],
      ['git update-ref refs/heads/release/2.0 HEAD~3', 'git.branch-force-move'],
      ['git update-ref --stdin < refs.txt', 'git.branch-force-move'],
      ['git update-ref -d refs/heads/feature/x', 'git.update-ref-delete'],
      [`git replace HEAD ${EMPTY_TREE}`, 'git.rewrite-history'],
      ['git replace --graft HEAD~2', 'git.rewrite-history'],
      ['git repack -a -d --depth=1 && git prune-packed', 'git.prune'],
      ['git repack -ad', 'git.prune'],
    ];
    for (const [command, id] of gated) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${r.findings.map((f) => f.id).join(',')}`,
      );
    }
  } finally {
    done();
  }
});

test('a new topic branch, a listing, repack that keeps unreachable objects and gc stay quiet', () => {
  judgedOnDisk(
    'ag-gitplumb-',
    project,
    [
      'git update-ref refs/heads/feature/x HEAD',
      `git update-ref refs/heads/topic ${EMPTY_TREE}`,
      'git update-ref refs/tags/v1.0 HEAD',
      'git replace -l',
      'git replace -d 1234abcd',
      'git repack -d',
      'git repack -A -d',
      'git repack -a -d -k',
      'git repack -a -d --cruft',
      'git prune-packed',
      'git gc',
      'git stash',
    ],
    'allow',
    { git: true },
  );
});

test('git restore, checkout, rm --cached and update-index --chmod reach a protected folder as rm or chmod would', () => {
  judgedOnDisk(
    'ag-gitpaths-',
    project,
    [
      'git restore .claude',
      'git restore --source=HEAD~3 -- .claude/settings.json',
      'git checkout .claude',
      'git checkout HEAD -- .claude',
      'git -C src restore ../.claude',
      'git rm -rf --cached .claude && git commit -m x',
      'git update-index --chmod=+x .git/hooks/pre-commit',
    ],
    'gate',
    { git: true },
  );
  judgedOnDisk(
    'ag-gitpaths-',
    project,
    [
      'git restore src/index.ts',
      'git restore --staged .claude',
      'git checkout -- src/index.ts',
      'git checkout main',
      'git checkout -b feature/x',
      'git rm --cached src/index.ts',
      'git rm -r --cached node_modules',
      'git update-index --chmod=+x scripts/run.sh',
    ],
    'allow',
    { git: true },
  );
});
