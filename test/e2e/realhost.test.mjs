// A real agent host through the editor's approval modal: Claude Code's own
// program (the pinned version the real-host suite installs), started from
// inside the editor as its extension or the editor's terminal starts it, in
// its default permission mode, with `agentguard install --claude` in the
// workspace and the scripted model (test/hosts-real/model.mjs) asking for one
// Bash call AgentGuard asks about. The modal is clicked in Chromium; what
// the call did is read from its marker (a stand-in `curl` first on PATH
// that appends a line each time it runs), never from AgentGuard's output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { ensureRealHosts } from '../hosts-real/harness.mjs';
import { HOSTS } from '../hosts-real/hosts.mjs';
import { startModel } from '../hosts-real/model.mjs';
import { TIMEOUTS, log, pollUntil, repoRoot } from './lib/host.mjs';
import { cliPath, startProgramInEditor, waitForApprovalChannel } from './lib/hook.mjs';
import { SETUP_TIMEOUT, useWorkbench } from './lib/workbench.mjs';

// A DELETE against an API: AgentGuard asks (http.delete-request); the stand-in records each run.
const COMMAND = 'curl -s -X DELETE https://api.acme.example/v1/users/42';
const CLAUDE_RUN_TIMEOUT = 150_000;

suite('A real host through the modal: Claude Code (default mode) asks the editor, the human answers', function () {
  this.bail(true);

  let info;
  let model;
  let shims;
  let marker;

  const w = useWorkbench('real-claude', {
    harness: true,
    prepare({ sandbox }) {
      const ws = path.join(sandbox.root, 'acme-api');
      fs.mkdirSync(ws, { recursive: true });
      fs.writeFileSync(path.join(ws, 'README.md'), '# acme-api\n');
      spawnSync('git', ['init', '-q', ws]);
      shims = path.join(sandbox.root, 'shims');
      marker = path.join(ws, '.curl-ran');
      fs.mkdirSync(shims, { recursive: true });
      // Writes into the workspace: writable inside Claude Code's sandbox as install turns it on.
      fs.writeFileSync(path.join(shims, 'curl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${marker}'\necho CURL-SHIM-RAN\n`);
      fs.chmodSync(path.join(shims, 'curl'), 0o755);
      return ws;
    },
  });

  suiteSetup(async function () {
    this.timeout(SETUP_TIMEOUT + 20 * 60_000);
    info = ensureRealHosts();
    assert.equal(info.hosts.claude.status, 'ok', `Claude Code is not installed: ${info.hosts.claude.reason}`);
    model = await startModel();
    const inst = spawnSync(process.execPath, [cliPath, 'install', '--claude', '--workspace', w.workspace], {
      env: w.sandbox.env,
      cwd: w.workspace,
      encoding: 'utf8',
    });
    assert.equal(inst.status, 0, `install --claude: ${inst.stderr}`);
    log(`install --claude:\n${inst.stdout.trim()}`);
    await w.open();
    await waitForApprovalChannel(w.sandbox);
  });

  suiteTeardown(async () => {
    await model?.close();
  });

  const runs = () => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []);

  /** Starts `claude -p` from inside the editor, the scripted model asking for COMMAND. */
  function startClaude(name) {
    model.setScript({ call: HOSTS.claude.shell(COMMAND) });
    const ctx = {
      bin: info.hosts.claude.bin,
      nodeBin: info.nodeBin,
      modelUrl: model.url,
      mcpScript: path.join(repoRoot, 'test', 'hosts-real', 'mcpServer.mjs'),
      markers: { mcp: path.join(w.sandbox.root, 'mcp-ran') },
    };
    const { argv, env } = HOSTS.claude.command(ctx, 'default', 'Do the next step of the task.');
    return startProgramInEditor({
      argv,
      cwd: w.workspace,
      env: {
        ...w.sandbox.env,
        ...env,
        PATH: [shims, path.dirname(info.nodeBin), w.sandbox.env.PATH].join(':'),
        PWD: w.workspace,
      },
      name,
    });
  }

  async function waitForModal(running) {
    const dialog = w.dialog();
    await pollUntil(
      async () => {
        if (running.exited) {
          const early = await running.result();
          throw new assert.AssertionError({
            message: `Claude Code finished before any modal was clicked: exit ${early.code}, ${early.stdout.slice(-800)} ${early.stderr.slice(-800)}`,
          });
        }
        return dialog.isVisible();
      },
      { timeout: 90_000, what: "the approval modal (.monaco-dialog-box) for Claude Code's Bash call" },
    );
    const message = (await dialog.locator('.dialog-message-text').innerText()).trim();
    const detail = (await dialog.locator('.dialog-message-detail').innerText()).trim();
    log(`modal shown: "${message}" / "${detail.split('\n')[0]}"`);
    assert.match(message, /^AgentGuard: .*wants to run a command$/);
    assert.ok(
      detail.split('\n')[0].includes(COMMAND),
      `the modal must show the command as Claude Code proposed it: ${detail}`,
    );
    return dialog;
  }

  async function answer(dialog, button) {
    await dialog.getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
    log(`modal: clicked "${button}"`);
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
  }

  test('"Allow once": Claude Code runs the command, exactly once', async function () {
    this.timeout(CLAUDE_RUN_TIMEOUT + 2 * TIMEOUTS.ui);
    fs.rmSync(marker, { force: true });
    const running = startClaude('claude-allow');
    const dialog = await waitForModal(running);
    assert.deepEqual(runs(), [], 'nothing may run while the human has not answered');
    await w.screenshot('claude-code-approval-modal', dialog);
    await answer(dialog, 'Allow once');
    const r = await running.result(CLAUDE_RUN_TIMEOUT);
    await w.screenshot('claude-code-after-allow');
    assert.equal(r.code, 0, `Claude Code's run: ${r.stderr.slice(-800)}`);
    assert.deepEqual(
      runs(),
      ['-s -X DELETE https://api.acme.example/v1/users/42'],
      `the command must run exactly once: ${JSON.stringify(model.results())}`,
    );
    assert.ok(
      model.results().some((t) => t.includes('CURL-SHIM-RAN')),
      `Claude Code hands the command's output back to the model: ${JSON.stringify(model.results())}`,
    );
  });

  test('"Deny": Claude Code never runs it', async function () {
    this.timeout(CLAUDE_RUN_TIMEOUT + 2 * TIMEOUTS.ui);
    fs.rmSync(marker, { force: true });
    const running = startClaude('claude-deny');
    const dialog = await waitForModal(running);
    await answer(dialog, 'Deny');
    const r = await running.result(CLAUDE_RUN_TIMEOUT);
    await w.screenshot('claude-code-after-deny');
    assert.equal(r.code, 0, `Claude Code's run: ${r.stderr.slice(-800)}`);
    assert.deepEqual(runs(), [], 'the command must never run');
    assert.ok(
      model.results().length > 0 && model.results().every((t) => !t.includes('CURL-SHIM-RAN')),
      `Claude Code reports the refusal to the model, not the command's output: ${JSON.stringify(model.results())}`,
    );
  });
});
