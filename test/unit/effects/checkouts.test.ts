// Paths restored from another commit land that commit's tree: a settings
// folder (`.claude`, `.vscode`) restored from a remote branch or a stash is
// judged as the copy of an unknown tree into it, as writing its hook file
// is. A restore from the index reaches the folder as rewriting it does; restores of
// ordinary source files stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/engine';
import { assertGatedBy } from '../support/helpers';

test('a settings folder restored from another commit, a stash or a remote branch asks as landing files in it', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-checkouts-')));
  try {
    const home = path.join(root, 'home');
    const ws = path.join(home, 'code', 'app');
    for (const d of ['src', '.claude', '.vscode']) fs.mkdirSync(path.join(ws, d), { recursive: true });
    fs.writeFileSync(path.join(ws, 'src', 'app.ts'), 'export const x = 1;\n');
    const decide = (command: string) => evaluate({ command, cwd: ws }, { workspace: ws, home, env: {} });
    for (const [command, id] of [
      ['git checkout origin/main -- .claude', 'path.agentguard'],
      ['git restore --source=HEAD~1 .claude', 'path.agentguard'],
      ['git restore -s HEAD~1 -W .claude', 'path.agentguard'],
      ['git checkout stash@{0} -- .vscode', 'autorun.mcp-server'],
      ['git -C . checkout origin/main .claude', 'path.agentguard'],
      // From the index too: hooks installed into a tracked settings file and not yet committed are undone.
      ['git checkout -- .claude', 'path.agentguard'],
      ['git restore .claude', 'path.agentguard'],
    ])
      assertGatedBy(decide(command), id, command);
    for (const command of [
      'git checkout -- src/app.ts',
      'git checkout origin/main -- src/app.ts',
      'git restore --staged .claude',
      'git checkout main',
      'git checkout -b feat origin/main',
    ])
      assert.equal(decide(command).decision, 'allow', `${command}: ${JSON.stringify(decide(command).findings)}`);
    // `git restore .` and `git restore src` ask for the work they throw away, as before: nothing more.
    for (const command of ['git restore .', 'git restore src'])
      assert.deepEqual(
        decide(command).findings.map((f) => f.id),
        ['git.restore-discard'],
        command,
      );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
