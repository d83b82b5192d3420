// The AgentGuard package installed globally (`npm install -g agentguard`) is what the agent hooks may run: removing it
// or swapping it for another version through a package manager disarms or changes the guard, and asks. The package
// installed into a project, another global package, and looking at it say nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../support/engineHarness';

const { judge } = engine();

test('removing or replacing the global AgentGuard package asks', () => {
  for (const command of [
    'npm uninstall -g agentguard',
    'npm rm --global agentguard',
    'npm install --location=global agentguard@0.0.1',
    'yarn global remove agentguard',
    'pnpm remove -g agentguard',
    'bun remove -g agentguard',
  ])
    assertGated(judge, command, 'path.agentguard', 'ask');
});

test('a project install, another global package and looking stay quiet', () => {
  for (const command of [
    'npm uninstall agentguard',
    'npm install -g typescript',
    'npm ls -g agentguard',
    'npm view agentguard',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});
