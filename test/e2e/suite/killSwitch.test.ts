// The kill switch as the extension host sees it: the API other extensions
// get, the command behind the status-bar item, the state file the hook
// process reads. Modals are refused while extension tests run (in every
// VS Code build), so the confirmation is answered by replacing
// showWarningMessage here; the real dialog is clicked in the workbench suite.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AgentGuardApi } from '../../../src/extension/extension';
import { killSwitchFile, readKillSwitch, stateDir, writeKillSwitch } from '../../../src/core/state';

const EXTENSION_ID = 'agentguard.agentguard';

type ShowWarningMessage = typeof vscode.window.showWarningMessage;

async function waitFor(condition: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

suite('Kill switch in the extension host', () => {
  let api: AgentGuardApi;
  const dir = stateDir();
  const window = vscode.window as { showWarningMessage: ShowWarningMessage };
  const realShowWarningMessage = window.showWarningMessage;
  let asked: { message: string; options: unknown; items: unknown[] }[];

  function answerConfirmationWith(answer: string | undefined): void {
    window.showWarningMessage = (async (message: string, options: unknown, ...items: unknown[]) => {
      asked.push({ message, options, items });
      return answer;
    }) as ShowWarningMessage;
  }

  suiteSetup(async () => {
    // The runner points the state at a throwaway folder; never test against
    // a real user's kill switch.
    assert.ok(process.env.AGENTGUARD_STATE_DIR, 'AGENTGUARD_STATE_DIR must point at a throwaway folder');
    const extension = vscode.extensions.getExtension<AgentGuardApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
  });

  setup(() => {
    asked = [];
  });

  teardown(() => {
    window.showWarningMessage = realShowWarningMessage;
  });

  test('activation exposes the kill switch, released in a fresh profile', () => {
    assert.equal(typeof api.killSwitch.onDidChange, 'function');
    assert.equal(api.killSwitch.engaged, false);
    assert.equal(readKillSwitch(dir).engaged, false);
  });

  test('the command engages at once, without asking, and writes the state file', async () => {
    let changes = 0;
    const listener = api.killSwitch.onDidChange(() => changes++);
    try {
      await vscode.commands.executeCommand('agentguard.toggleKillSwitch');
    } finally {
      listener.dispose();
    }
    assert.equal(api.killSwitch.engaged, true);
    assert.equal(changes, 1);
    const saved = JSON.parse(fs.readFileSync(killSwitchFile(dir), 'utf8'));
    assert.equal(saved.engaged, true);
    assert.equal(saved.by, 'user');
  });

  test('releasing asks in a modal, and dismissing it keeps agents halted', async () => {
    answerConfirmationWith(undefined);
    await vscode.commands.executeCommand('agentguard.toggleKillSwitch');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, 'Release the AgentGuard kill switch?');
    assert.equal((asked[0].options as vscode.MessageOptions).modal, true);
    // "Keep halted" first: the modal's default button, so Enter never releases.
    assert.deepEqual(asked[0].items, ['Keep halted', 'Release']);
    assert.equal(api.killSwitch.engaged, true);
    assert.equal(readKillSwitch(dir).engaged, true);
  });

  test('answering Release releases the switch and the file', async () => {
    answerConfirmationWith('Release');
    await vscode.commands.executeCommand('agentguard.toggleKillSwitch');
    assert.equal(asked.length, 1);
    assert.equal(api.killSwitch.engaged, false);
    assert.equal(readKillSwitch(dir).engaged, false);
  });

  test('an engage written by another process (the hook) reaches the API', async () => {
    let changes = 0;
    const listener = api.killSwitch.onDidChange(() => changes++);
    try {
      writeKillSwitch(dir, {
        engaged: true,
        since: new Date().toISOString(),
        by: 'rate-limit',
        reason: 'end-to-end test',
      });
      await waitFor(() => api.killSwitch.engaged && changes === 1, 'the file watcher to report the engage');
    } finally {
      listener.dispose();
    }
  });

  suiteTeardown(() => {
    writeKillSwitch(dir, { engaged: false, since: new Date().toISOString(), by: 'test' });
  });
});
