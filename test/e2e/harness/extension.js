// Pre-seeded into the throwaway extensions folder of the workbench suite.
// Extension tests (--extensionTestsPath) would make VS Code refuse every
// modal, and the kill switch's release is a modal; so this plain extension
// watches AgentGuard from inside the extension host instead and appends what
// it sees, as JSON lines, to $AGENTGUARD_E2E_REPORT for the runner. It also
// starts agent hooks for the runner from inside the extension host.
//
// It never calls activate() on AgentGuard: that AgentGuard activates by
// itself in an installed profile is part of what is tested.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { startSpawner } = require('./spawner');

const AGENTGUARD = 'agentguard.agentguard';
const ACTIVATION_TIMEOUT_MS = 120_000;

exports.activate = async function activate(context) {
  const reportFile = process.env.AGENTGUARD_E2E_REPORT;
  const report = (event, fields = {}) => {
    if (reportFile)
      fs.appendFileSync(reportFile, `${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
  };
  // Hooks are started from here, inside the editor (see spawner.js and
  // test/e2e/lib/hook.mjs), whether or not the runner wants a report.
  const spawnDir =
    process.env.AGENTGUARD_E2E_SPAWN_DIR || path.join(process.env.HOME || '', '.agentguard-e2e', 'hooks');
  context.subscriptions.push(startSpawner(spawnDir, report));
  if (!reportFile) return;

  report('harness-activated', {
    vscodeVersion: vscode.version,
    extensions: vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id),
  });
  const extension = vscode.extensions.getExtension(AGENTGUARD);
  if (!extension) {
    report('agentguard-missing');
    return;
  }

  const started = Date.now();
  while (!extension.isActive && Date.now() - started < ACTIVATION_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!extension.isActive) {
    report('agentguard-not-activated', { waitedMs: Date.now() - started });
    return;
  }

  const api = extension.exports;
  const killSwitch = api && api.killSwitch;
  report('agentguard-activated', {
    waitedMs: Date.now() - started,
    version: extension.packageJSON.version,
    extensionPath: extension.extensionPath,
    hasKillSwitchApi: Boolean(killSwitch && typeof killSwitch.onDidChange === 'function'),
    engaged: killSwitch ? killSwitch.engaged : null,
  });
  if (!killSwitch) return;
  context.subscriptions.push(
    killSwitch.onDidChange(() => report('kill-switch-changed', { engaged: killSwitch.engaged })),
  );
};

exports.deactivate = function deactivate() {};
