// A glob whose first segments match a hook file named as a file is (`*` matching `opencode.json`) cannot reach
// inside it: `rm -rf */target` deletes each project's target folder and no hook file. A glob that matches the hook
// file itself, or reaches into a hook folder (`.opencode/*`), still finds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { ids } = engine();

test('a glob reaching into folders below the workspace, not into its hook files: no guard finding', () => {
  for (const c of ['rm -rf */target', 'rm -rf ./*/node_modules', 'rm -rf */dist */build'])
    assert.ok(!ids(c).includes('path.agentguard'), `${c}: ${ids(c).join(',')}`);
});

test('a glob matching a hook file, or reaching into a hook folder, is still a guard finding', () => {
  for (const c of [
    'rm -rf open*',
    'rm -rf *',
    'rm -rf .opencode/*',
    'rm -rf .opencode/*/agentguard.js',
    'rm -rf ~/.config/*/opencode.json',
    'rm -f ~/.claude/settings*.json',
    'mv ./*.json /tmp/',
    'rm -rf ~/.claude/*',
  ])
    assert.ok(ids(c).includes('path.agentguard'), `${c}: ${ids(c).join(',')}`);
});
