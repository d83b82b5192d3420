// The packaged extension as a user gets it: agentguard.vsix installed into
// a fresh code-server profile, the fixture workspace opened in Chromium, the
// kill switch clicked in the real status bar and released through the real
// modal, and real `agentguard hook claude` processes answered through the
// approval modal (and the production name box) the extension shows. The
// harness extension (test/e2e/harness) reports from inside the extension
// host what AgentGuard's API says.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite, test } from 'mocha';
import { TIMEOUTS, codeServerCli, log, pollUntil, repoRoot, seconds } from './lib/host.mjs';
import { HARNESS, claudeBashPayload, cliPath, killLiveHooks, startHook } from './lib/hook.mjs';
import { runFromCommandPalette } from './lib/session.mjs';
import { EXTENSION_ID, EXTENSION_VERSION, fixtureWorkspace, useWorkbench } from './lib/workbench.mjs';

// VS Code gives a status-bar item the id `<extension id>.<item id>`.
const KILL_SWITCH_ITEM = `[id="${EXTENSION_ID}.agentguard.killSwitch"]`;
const RELEASE_QUESTION = 'Release the AgentGuard kill switch?';

suite('Workbench: the installed .vsix in code-server', function () {
  // Each step builds on the one before; after a failure the rest would only
  // time out.
  this.bail(true);

  let reportFile;
  let stateFile;

  function harnessEvents(name) {
    if (!fs.existsSync(reportFile)) return [];
    return fs
      .readFileSync(reportFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((event) => !name || event.event === name);
  }

  // pid, ppid, session and command line of a process and its ancestors (Linux /proc).
  function processTree(pid) {
    const chain = [];
    for (let p = pid; p > 1 && chain.length < 32;) {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      chain.push({
        pid: p,
        ppid: Number(rest[1]),
        sid: Number(rest[3]),
        args: fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ').trim(),
      });
      p = Number(rest[1]);
    }
    return chain;
  }

  function killSwitchChanges() {
    return harnessEvents('kill-switch-changed').map((event) => event.engaged);
  }

  function readStateFile() {
    return fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : undefined;
  }

  const w = useWorkbench('workbench', {
    harness: true,
    prepare(session) {
      reportFile = path.join(session.sandbox.root, 'harness-report.jsonl');
      session.sandbox.env.AGENTGUARD_E2E_REPORT = reportFile;
      // AgentGuard resolves its state folder from XDG_STATE_HOME here, as it
      // would for a user without AGENTGUARD_STATE_DIR.
      stateFile = path.join(session.sandbox.state, 'agentguard', 'killswitch.json');
      const workspace = fixtureWorkspace(session);
      // Two hosts wired in the folder: Gemini CLI (no sandbox AgentGuard can turn on) and Codex (its own, on by default).
      for (const [file, text] of [
        ['.gemini/settings.json', '{ "hooks": {} }\n'],
        ['.codex/hooks.json', '{ "hooks": {} }\n'],
      ]) {
        fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
        fs.writeFileSync(path.join(workspace, file), text);
      }
      return workspace;
    },
    beforeDispose({ outDir }) {
      if (fs.existsSync(reportFile)) fs.copyFileSync(reportFile, path.join(outDir, 'harness-report.jsonl'));
    },
  });
  const { screenshot } = w;

  async function statusText() {
    return (await w.page.locator(KILL_SWITCH_ITEM).innerText({ timeout: TIMEOUTS.ui })).trim();
  }

  async function waitForStatus(text, icon) {
    await pollUntil(
      async () =>
        (await statusText()) === text && (await w.page.locator(`${KILL_SWITCH_ITEM} .codicon-${icon}`).count()) === 1,
      {
        what: async () =>
          `the status bar item to read "${text}" with the ${icon} icon (it reads "${await statusText().catch(() => '?')}")`,
      },
    );
  }

  suite('(a) install and activation', () => {
    test('the .vsix installs into a fresh profile beside the pre-seeded harness', function () {
      this.timeout(2 * TIMEOUTS.cli);
      // The harness was seeded before the first install, so VS Code records
      // it in the profile's extensions.json together with the .vsix.
      w.installVsix();
      const installed = codeServerCli(w.host, w.sandbox, ['--list-extensions', '--show-versions'])
        .split('\n')
        .filter(Boolean)
        .sort();
      assert.deepEqual(installed, [`${EXTENSION_ID}@${EXTENSION_VERSION}`, `${HARNESS.id}@${HARNESS.version}`].sort());
      log(`extensions in the profile: ${installed.join(', ')}`);
    });

    test('the workbench loads the fixture workspace', async function () {
      this.timeout(TIMEOUTS.listen * 2 + TIMEOUTS.workbench);
      const loadMs = await w.startWorkbench();
      const folder = path.basename(w.workspace);
      await pollUntil(async () => (await w.page.title()).includes(folder), {
        what: `the window title to name ${folder}`,
      });
      log(`workbench loaded in ${seconds(loadMs)}: "${await w.page.title()}"`);
    });

    test('AgentGuard activates by itself and its API reports the kill switch released', async function () {
      this.timeout(TIMEOUTS.activation + TIMEOUTS.ui);
      const [activated] = await pollUntil(
        () => {
          const failed = harnessEvents().find(
            (e) => e.event === 'agentguard-missing' || e.event === 'agentguard-not-activated',
          );
          if (failed) throw new assert.AssertionError({ message: `harness: ${JSON.stringify(failed)}` });
          const events = harnessEvents('agentguard-activated');
          return events.length ? events : undefined;
        },
        {
          timeout: TIMEOUTS.activation,
          interval: 250,
          what: `the harness to see ${EXTENSION_ID} activate (report: ${reportFile})`,
        },
      );
      assert.equal(activated.version, EXTENSION_VERSION);
      assert.equal(
        path.dirname(activated.extensionPath),
        w.sandbox.extensions,
        'AgentGuard must run from the installed .vsix',
      );
      assert.equal(activated.hasKillSwitchApi, true);
      assert.equal(activated.engaged, false);
      log(
        `extension activated: ${EXTENSION_ID}@${activated.version} from the .vsix; API killSwitch.engaged = ${activated.engaged}`,
      );
    });

    test('the AgentGuard output channel logs the activation', async function () {
      this.timeout(2 * TIMEOUTS.ui);
      const line = await pollUntil(
        () =>
          w
            .channelLog()
            .split('\n')
            .find((l) => l.includes('AgentGuard activated')),
        { what: '"AgentGuard activated" in the AgentGuard output channel log' },
      );
      assert.match(line, /AgentGuard activated; kill switch released/);
      log(`output channel "AgentGuard": ${line.trim()}`);
    });

    test('"AgentGuard: Show Log" shows the channel in the Output panel', async function () {
      this.timeout(3 * TIMEOUTS.ui);
      await runFromCommandPalette(w.page, 'AgentGuard: Show Log');
      // The editor renders spaces as no-break spaces.
      const lines = w.page.locator('.part.panel .monaco-editor .view-lines');
      const shown = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
      await pollUntil(async () => (await shown()).includes('AgentGuard activated; kill switch released'), {
        what: async () =>
          `the Output panel to show "AgentGuard activated" (it shows "${await shown().catch(() => '?')}")`,
      });
      log('Output panel shows the AgentGuard channel');
    });

    test('the kill switch shows in the status bar', async function () {
      this.timeout(2 * TIMEOUTS.ui);
      const item = w.page.locator(KILL_SWITCH_ITEM);
      await item.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      await waitForStatus('AgentGuard', 'shield');
      assert.match(await item.getAttribute('aria-label'), /Click to halt every agent/);
      log(`status bar: "${await statusText()}" (shield icon)`);
      await screenshot('workbench');
    });

    test("hovering the kill switch names each wired host's own sandbox, and plainly the hosts whose routine calls run unconfined", async function () {
      this.timeout(2 * TIMEOUTS.ui);
      await w.page.locator(KILL_SWITCH_ITEM).hover();
      const hover = w.page.locator('.monaco-hover', { hasText: 'Host sandboxes' }).first();
      await hover.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      const tip = (await hover.innerText()).replace(/\u00a0/g, ' ');
      assert.match(tip, /Host sandboxes: Routine agent calls run unconfined for Gemini CLI\./);
      assert.match(tip, /Codex CLI: sandbox on; it takes no deny-write list/);
      assert.match(
        tip,
        /Gemini CLI: no sandbox AgentGuard can turn on; routine calls run unconfined unless answerHarmless/,
      );
      log(`kill switch tooltip: ${tip.replace(/\s+/g, ' ')}`);
      await w.page.mouse.move(700, 300);
    });
  });

  suite('(b) one click halts every agent', () => {
    test('clicking the status-bar item engages the kill switch in the extension, the state file and the status bar', async function () {
      this.timeout(3 * TIMEOUTS.ui);
      await w.page.locator(KILL_SWITCH_ITEM).click({ timeout: TIMEOUTS.ui });
      log('clicked the kill switch in the status bar');
      await pollUntil(() => killSwitchChanges().length >= 1, {
        what: 'the extension to report the kill switch change',
      });
      assert.deepEqual(killSwitchChanges(), [true], 'the API must say engaged after one click, without a question');
      log('extension: killSwitch.engaged = true');
      const saved = await pollUntil(() => readStateFile()?.engaged === true && readStateFile(), {
        what: `${stateFile} to say engaged`,
      });
      assert.equal(saved.by, 'user');
      log(`state file: ${JSON.stringify(saved)}`);
      await waitForStatus('Agents halted', 'circle-slash');
      assert.equal(await w.page.locator('.monaco-dialog-box').count(), 0, 'engaging must not ask');
      log(`status bar: "${await statusText()}"`);
      await screenshot('engaged');
    });
  });

  suite('(c) releasing asks in a real modal', () => {
    async function openReleaseModal() {
      await w.page.locator(KILL_SWITCH_ITEM).click({ timeout: TIMEOUTS.ui });
      const dialog = w.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      await pollUntil(
        async () => (await dialog.locator('.dialog-message-text').innerText()).trim() === RELEASE_QUESTION,
        { what: `the modal to ask "${RELEASE_QUESTION}"` },
      );
      log(`modal shown: "${RELEASE_QUESTION}"`);
      return dialog;
    }

    async function answer(dialog, button) {
      await dialog.getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
      log(`modal: clicked "${button}"`);
      await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    }

    test('Enter keeps agents halted: "Keep halted" is the default button, releasing takes a deliberate click', async function () {
      this.timeout(4 * TIMEOUTS.ui);
      const dialog = await openReleaseModal();
      const focused = await w.page.evaluate(() => document.activeElement?.textContent?.trim());
      assert.equal(focused, 'Keep halted', 'the focused, default button of the release modal must keep agents halted');
      await w.page.keyboard.press('Enter');
      log('modal: pressed Enter');
      await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
      await waitForStatus('Agents halted', 'circle-slash');
      assert.equal(readStateFile()?.engaged, true);
      // The API's view is checked after Release: the harness must then have
      // seen exactly one engage and one release, none from this Enter.
    });

    test('a release written by another process is reverted at once and shown', async function () {
      this.timeout(4 * TIMEOUTS.ui);
      // What a background script of an agent could do: rewrite the state file to "released".
      fs.writeFileSync(stateFile, JSON.stringify({ engaged: false, since: new Date().toISOString(), by: 'user' }));
      log('runner: wrote a release into the state file');
      const saved = await pollUntil(
        () => readStateFile()?.engaged === true && readStateFile().by === 'extension' && readStateFile(),
        { what: `${stateFile} to be re-engaged by the extension` },
      );
      assert.match(saved.reason, /a release not made in the editor was reverted/);
      const toast = w.page.locator('.notifications-toasts .notification-toast', {
        hasText: 'released the kill switch outside the editor',
      });
      await toast.first().waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      log(`notification: "${(await toast.first().innerText()).split('\n')[0]}"`);
      await screenshot('release-reverted');
      await waitForStatus('Agents halted', 'circle-slash');
    });

    test('Release releases the kill switch in the extension, the state file and the status bar', async function () {
      this.timeout(5 * TIMEOUTS.ui);
      const dialog = await openReleaseModal();
      assert.ok(await dialog.getAttribute('aria-modal'), 'the dialog must be modal');
      await screenshot('release-modal');
      await screenshot('release-modal-dialog', dialog);
      await answer(dialog, 'Release');
      await pollUntil(() => killSwitchChanges().length >= 2, { what: 'the extension to report the release' });
      assert.deepEqual(
        killSwitchChanges(),
        [true, false],
        'one engage, then one release (Enter and the reverted release changed nothing)',
      );
      log('extension: killSwitch.engaged = false');
      const saved = await pollUntil(() => readStateFile()?.engaged === false && readStateFile(), {
        what: `${stateFile} to say released`,
      });
      log(`state file: ${JSON.stringify(saved)}`);
      await waitForStatus('AgentGuard', 'shield');
      log(`status bar: "${await statusText()}"`);
      await screenshot('released');
    });
  });

  // An agent's risky command, end to end: the built CLI runs as Claude Code
  // runs it, finds the extension's approval socket through the shared state
  // folder, and waits while the extension shows its modal; Playwright answers
  // it like a human would, and the hook's stdout is what Claude would read.
  suite('(d) the approval gate: a real hook answered in the real modal', () => {
    const FORCE_PUSH = 'git push --force origin main';
    const PROD_WRITE = `psql "postgres://app@db.prod.acme.internal/app" -c 'UPDATE users SET x = 1 WHERE id = 1'`;
    const PROD_NAME = 'production';
    const ALLOW = 'Allow once';
    const DENY = 'Deny';
    const CONFIRM_TITLE = 'AgentGuard: confirm a production action';
    // Under the box VS Code shows the prompt while the input is valid, the
    // validation error while it is not.
    const CONFIRM_PROMPT = `Type "${PROD_NAME}" to let the agent do this in production`;
    const REFUSAL = `Type ${PROD_NAME} exactly, or press Escape to deny`;
    // The hook must not give up on the editor while a bounded UI wait is still running.
    const HOOK_APPROVAL_TIMEOUT_MS = 4 * TIMEOUTS.ui;
    // The sessions of the hooks answered here, for the audit check at the end.
    const answered = [];

    let stateDir;
    let auditFile;
    let channelName;

    // The inode of the extension's listening approval socket, from /proc/net/unix.
    function channelInode() {
      const entry = fs
        .readFileSync('/proc/net/unix', 'utf8')
        .split('\n')
        .find((l) => l.includes(` ${channelName}-`));
      return Number(entry?.trim().split(/\s+/)[6]);
    }

    suiteSetup(() => {
      // No AGENTGUARD_STATE_DIR in the sandbox: code-server and the hooks both
      // resolve $XDG_STATE_HOME/agentguard from the same environment.
      stateDir = path.join(w.sandbox.state, 'agentguard');
      auditFile = path.join(stateDir, 'audit.jsonl');
    });

    teardown(() => {
      // A hook left waiting after a failure would only hit its own timeout.
      killLiveHooks();
    });

    function hook(name, command) {
      // Started in the folder, like Claude Code starts its hooks in the project.
      return startHook({
        name,
        payload: claudeBashPayload({ command, cwd: w.workspace, home: w.sandbox.home }),
        cwd: w.workspace,
        env: { ...w.sandbox.env, AGENTGUARD_APPROVAL_TIMEOUT_MS: String(HOOK_APPROVAL_TIMEOUT_MS) },
      });
    }

    async function waitForApprovalModal(hookProcess, { production }) {
      const dialog = w.page.locator('.monaco-dialog-box');
      await pollUntil(
        async () => {
          if (hookProcess.exited) {
            const early = await hookProcess.result();
            throw new assert.AssertionError({
              message: `the hook answered before any modal was clicked: ${early.stdout}${early.stderr}`,
            });
          }
          return dialog.isVisible();
        },
        { what: 'the approval modal (.monaco-dialog-box)' },
      );
      assert.ok(await dialog.getAttribute('aria-modal'), 'the approval dialog must be modal');
      const message = (await dialog.locator('.dialog-message-text').innerText()).trim();
      const detail = (await dialog.locator('.dialog-message-detail').innerText()).trim();
      const expected = `AgentGuard: Claude Code wants to run a command${production ? ` in PRODUCTION (${PROD_NAME})` : ''}`;
      assert.equal(message, expected);
      assert.equal(
        detail.split('\n')[0],
        hookProcess.payload.tool_input.command,
        'the modal must show the command first',
      );
      assert.ok(detail.includes(`In: ${w.workspace}`), `the modal must name the folder: ${detail}`);
      log(`modal shown: "${message}" / "${detail.split('\n')[0]}"`);
      return { dialog, message, detail };
    }

    async function click(dialog, button) {
      await dialog.getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
      log(`modal: clicked "${button}"`);
      await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    }

    async function waitForNameBox(hookProcess) {
      const box = w.page.locator('.quick-input-widget');
      await box.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      await pollUntil(async () => (await box.locator('.quick-input-title').innerText()).trim() === CONFIRM_TITLE, {
        what: `the input box titled "${CONFIRM_TITLE}"`,
      });
      const input = box.locator('.quick-input-box input');
      assert.equal(await input.getAttribute('placeholder'), PROD_NAME);
      assert.equal(hookProcess.exited, undefined, 'clicking the modal alone must not answer a production request');
      log(`input box shown: "${CONFIRM_TITLE}", placeholder "${PROD_NAME}"`);
      return { box, input };
    }

    async function validationMessage(box) {
      return (await box.locator('.quick-input-message').innerText()).trim();
    }

    function claudeAnswer(result, decision) {
      assert.equal(result.code, 0, `the hook must exit 0 so Claude reads its answer (stderr: ${result.stderr})`);
      assert.deepEqual(Object.keys(result.answer), ['hookSpecificOutput']);
      const out = result.answer.hookSpecificOutput;
      assert.equal(out.hookEventName, 'PreToolUse');
      assert.equal(out.permissionDecision, decision);
      assert.equal(typeof out.permissionDecisionReason, 'string');
      return out;
    }

    test('the engine asks for both commands, and the extension listens for this folder', async function () {
      this.timeout(TIMEOUTS.cli + TIMEOUTS.ui);
      for (const [command, production] of [
        [FORCE_PUSH, false],
        [PROD_WRITE, true],
      ]) {
        const check = spawnSync(process.execPath, [cliPath, 'check', '--', command], {
          cwd: w.workspace,
          env: w.sandbox.env,
          encoding: 'utf8',
          timeout: TIMEOUTS.cli,
        });
        assert.equal(
          check.status,
          1,
          `\`agentguard check\` must say ask (exit 1) for ${command}: ${check.stdout}${check.stderr}`,
        );
        assert.match(check.stdout, /^ask \(score \d+\)/);
        assert.equal(check.stdout.includes(`[production: ${PROD_NAME}]`), production, check.stdout);
        log(`agentguard check: ${check.stdout.split('\n')[0]}`);
      }
      // Linux: an abstract socket, listed in /proc/net/unix; nothing on disk an agent could unlink or replace.
      const line = await pollUntil(
        () =>
          w
            .channelLog()
            .split('\n')
            .find((l) => l.includes('approval channel listening on')),
        { what: '"approval channel listening on" in the AgentGuard output channel' },
      );
      const name = line
        .slice(line.indexOf('approval channel listening on ') + 'approval channel listening on '.length)
        .trim();
      assert.match(name, /^@agentguard-approval-\d+-[0-9a-f]{16}-[0-9a-f]{16}$/, line);
      channelName = name;
      const listed = fs
        .readFileSync('/proc/net/unix', 'utf8')
        .split('\n')
        .filter((l) => l.includes(` ${name}-`));
      assert.equal(listed.length, 1, `one listening entry for ${name}`);
      assert.ok(channelInode() > 0);
      assert.equal(fs.existsSync(path.join(stateDir, 'approval')), false, 'no socket file in the state folder');
      assert.equal(await w.page.locator('.monaco-dialog-box').count(), 0, 'no dialog may be open before the hook asks');
      log(`approval channel: ${name} (abstract socket)`);
    });

    test('"Allow once" in the modal: the waiting hook answers allow', async function () {
      this.timeout(6 * TIMEOUTS.ui);
      const running = hook('allow', FORCE_PUSH);
      const { dialog, detail } = await waitForApprovalModal(running, { production: false });
      assert.match(detail, /• force-pushes main\b.*\[git\.force-push\]/);
      assert.match(detail, /Safer: do not rewrite main/);
      assert.match(detail, /Environment: \S+ · risk \d+\/100/);
      assert.equal(running.exited, undefined, 'the hook must wait for the human');
      // The hook descends from the extension host that holds the channel: the peer check's first case.
      const tree = processTree(running.pid);
      log(
        `process tree of the hook (pid ppid sid args):\n${tree.map((p) => `    ${p.pid} ${p.ppid} ${p.sid} ${p.args.slice(0, 110)}`).join('\n')}`,
      );
      const inode = channelInode();
      const holds = (pid) =>
        fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
          try {
            return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
          } catch {
            return false;
          }
        });
      assert.ok(
        holds(tree[1].pid),
        `the hook's parent (pid ${tree[1].pid}, ${tree[1].args.slice(0, 80)}) must be the extension host holding the channel (inode ${inode})`,
      );
      await screenshot('approval-modal');
      await screenshot('approval-modal-dialog', dialog);
      await click(dialog, ALLOW);
      const out = claudeAnswer(await running.result(), 'allow');
      assert.match(
        out.permissionDecisionReason,
        /^AgentGuard: a human approved this command in the editor\.\n- .*\[git\.force-push\]/,
      );
      assert.equal(
        await w.page.locator('.quick-input-widget').isVisible(),
        false,
        'no name to type outside production',
      );
      answered.push({
        sessionId: running.payload.session_id,
        command: FORCE_PUSH,
        decision: 'allow',
        production: false,
        finding: 'git.force-push',
      });
    });

    test('Enter in the modal denies: "Deny" is the default button, so approving takes a deliberate click', async function () {
      this.timeout(6 * TIMEOUTS.ui);
      const running = hook('deny', FORCE_PUSH);
      const { dialog } = await waitForApprovalModal(running, { production: false });
      assert.equal(running.exited, undefined, 'the hook must wait for the human');
      await screenshot('deny-modal-dialog', dialog);
      const focused = await w.page.evaluate(() => document.activeElement?.textContent?.trim());
      assert.equal(focused, DENY, 'the focused, default button of the approval modal must deny');
      await w.page.keyboard.press('Enter');
      log('modal: pressed Enter');
      await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
      const out = claudeAnswer(await running.result(), 'deny');
      assert.match(
        out.permissionDecisionReason,
        /^AgentGuard: a human denied this command in the editor\.\n- .*\[git\.force-push\]/,
      );
      answered.push({
        sessionId: running.payload.session_id,
        command: FORCE_PUSH,
        decision: 'deny',
        production: false,
        finding: 'git.force-push',
      });
    });

    test('production: "Allow once", then the environment name typed, answers allow', async function () {
      this.timeout(8 * TIMEOUTS.ui);
      const running = hook('production-allow', PROD_WRITE);
      const { dialog, detail } = await waitForApprovalModal(running, { production: true });
      assert.match(detail, /• changes state in a production environment .*\[env\.production-write\]/);
      assert.match(detail, new RegExp(`Environment: ${PROD_NAME} \\(production\\) · risk \\d+/100`));
      await screenshot('production-modal-dialog', dialog);
      await click(dialog, ALLOW);
      const { box, input } = await waitForNameBox(running);
      await input.pressSequentially(PROD_NAME, { timeout: TIMEOUTS.ui });
      await pollUntil(
        async () =>
          (await input.inputValue()) === PROD_NAME && (await validationMessage(box)).startsWith(CONFIRM_PROMPT),
        {
          what: async () =>
            `the name box to accept "${PROD_NAME}" (message: "${await validationMessage(box).catch(() => '?')}")`,
        },
      );
      log(`input box: typed "${PROD_NAME}"`);
      await screenshot('production-name-typed', box);
      await input.press('Enter');
      log('input box: pressed Enter');
      await box.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
      const out = claudeAnswer(await running.result(), 'allow');
      assert.match(
        out.permissionDecisionReason,
        new RegExp(
          `^AgentGuard: a human approved this command in the editor\\. Target environment: ${PROD_NAME} \\(production\\)\\.\\n- .*\\[env\\.production-write\\]`,
        ),
      );
      answered.push({
        sessionId: running.payload.session_id,
        command: PROD_WRITE,
        decision: 'allow',
        production: true,
        finding: 'env.production-write',
      });
    });

    test('production: a wrong name cannot confirm, and Escape answers deny', async function () {
      this.timeout(8 * TIMEOUTS.ui);
      const running = hook('production-wrong-name', PROD_WRITE);
      const { dialog } = await waitForApprovalModal(running, { production: true });
      await click(dialog, ALLOW);
      const { box, input } = await waitForNameBox(running);
      const wrong = PROD_NAME.slice(0, 4);
      await input.pressSequentially(wrong, { timeout: TIMEOUTS.ui });
      await pollUntil(async () => (await validationMessage(box)).startsWith(REFUSAL), {
        what: async () =>
          `the name box to refuse "${wrong}" (message: "${await validationMessage(box).catch(() => '?')}")`,
      });
      await input.press('Enter');
      log(`input box: typed "${wrong}" and pressed Enter: "${await validationMessage(box)}"`);
      await screenshot('production-wrong-name', box);
      // Enter reaches the extension host before the next keystrokes do: once
      // they have turned the error back into the prompt, the box still being
      // open proves that Enter with the wrong name was refused, not answered.
      await input.pressSequentially(PROD_NAME.slice(wrong.length), { timeout: TIMEOUTS.ui });
      await pollUntil(async () => (await validationMessage(box)).startsWith(CONFIRM_PROMPT), {
        what: 'the name box to show its prompt again',
      });
      assert.ok(await box.isVisible(), 'Enter with a wrong name must not close the box');
      assert.equal(running.exited, undefined, 'Enter with a wrong name must not answer the hook');
      // Escape denies, even with the right name in the box.
      await input.press('Escape');
      log('input box: pressed Escape');
      await box.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
      const out = claudeAnswer(await running.result(), 'deny');
      assert.match(
        out.permissionDecisionReason,
        new RegExp(
          `^AgentGuard: a human denied this command in the editor\\. Target environment: ${PROD_NAME} \\(production\\)\\.`,
        ),
      );
      answered.push({
        sessionId: running.payload.session_id,
        command: PROD_WRITE,
        decision: 'deny',
        production: true,
        finding: 'env.production-write',
      });
    });

    test("the audit log and the output channel record each decision as the human's", async function () {
      this.timeout(2 * TIMEOUTS.ui);
      assert.equal(answered.length, 4, 'every approval test above must have passed');
      const audit = fs
        .readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      for (const expected of answered) {
        const records = audit.filter((r) => r.sessionId === expected.sessionId);
        assert.equal(records.length, 1, `one audit line for session ${expected.sessionId}`);
        const [r] = records;
        assert.deepEqual(
          {
            host: r.host,
            event: r.event,
            tool: r.tool,
            kind: r.kind,
            command: r.command,
            cwd: r.cwd,
            workspace: r.workspace,
            policy: r.policy,
            approval: r.approval,
            decision: r.decision,
          },
          {
            host: 'claude',
            event: 'PreToolUse',
            tool: 'Bash',
            kind: 'shell',
            command: expected.command,
            cwd: w.workspace,
            workspace: w.workspace,
            policy: 'ask',
            approval: expected.decision,
            decision: expected.decision,
          },
        );
        assert.ok(r.findings.includes(expected.finding), `${expected.finding} in ${r.findings}`);
        assert.equal(r.environment.production, expected.production);
        if (expected.production) assert.equal(r.environment.name, PROD_NAME);
        log(
          `audit: ${expected.decision} (policy ${r.policy}, approval ${r.approval}) ${r.environment.name} ${r.command}`,
        );
      }
      const approvals = w
        .channelLog()
        .split('\n')
        .filter((l) => /\bapproval (allow|deny)\b/.test(l));
      assert.deepEqual(
        approvals.map((l) => l.match(/\bapproval (allow|deny)\b/)[1]),
        answered.map((a) => a.decision),
      );
      for (const [i, l] of approvals.entries()) assert.ok(l.includes(`Claude Code shell ${answered[i].command}`), l);
      log(`output channel: ${approvals.length} approval lines (${answered.map((a) => a.decision).join(', ')})`);
      // Four gated calls in a row stay under the rate limit: the gate asked, it did not halt the agents.
      assert.equal(readStateFile()?.engaged, false);
    });

    // Processes that do not descend from the editor: the runner plays an agent
    // that runs its own hook, or starts its own approver.
    async function afterRateWindow() {
      // Two more gated calls must not add up with the four above to trip the rate limit (5 in 10 s).
      const audit = fs
        .readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const wait = Date.parse(audit[audit.length - 1].time) + 10_500 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }

    test('a hook started outside the editor reaches no human and gets no allow', async function () {
      this.timeout(4 * TIMEOUTS.ui + 11_000);
      await afterRateWindow();
      const running = startHook({
        name: 'outside',
        outside: true,
        payload: claudeBashPayload({ command: FORCE_PUSH, cwd: w.workspace, home: w.sandbox.home }),
        cwd: w.workspace,
        env: { ...w.sandbox.env, AGENTGUARD_APPROVAL_TIMEOUT_MS: String(HOOK_APPROVAL_TIMEOUT_MS) },
      });
      const result = await running.result();
      const out = claudeAnswer(result, 'ask');
      assert.match(out.permissionDecisionReason, /no verified editor/);
      assert.match(
        result.stderr,
        /no verified editor: .*process \d+ is neither an ancestor of this hook nor a child of one/,
      );
      assert.equal(
        await w.page.locator('.monaco-dialog-box').count(),
        0,
        'no modal for a hook the editor cannot vouch for',
      );
      log(`outside hook: ${out.permissionDecision}: ${result.stderr.trim()}`);
    });

    test('an approver started outside the editor cannot take the channel, and a look-alike for a subfolder neither answers nor hides the editor', async function () {
      this.timeout(8 * TIMEOUTS.ui);
      const fakeScript = path.join(repoRoot, 'test', 'fixtures', 'approval', 'fake-approver.js');
      const sub = path.join(w.workspace, 'sub');
      fs.mkdirSync(sub, { recursive: true });
      const taken = spawnSync(process.execPath, [fakeScript, repoRoot, stateDir, w.workspace, 'self'], {
        encoding: 'utf8',
        timeout: TIMEOUTS.cli,
      });
      assert.match(taken.stdout, /"code":"EADDRINUSE"/, 'the editor holds its own name');
      const fake = spawn(process.execPath, [fakeScript, repoRoot, stateDir, sub, 'self'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        await new Promise((r) => fake.stdout.once('data', r));
        log(`runner: a fake approver (pid ${fake.pid}) listens for ${path.relative(w.sandbox.root, sub)}`);
        const running = startHook({
          name: 'look-alike',
          payload: claudeBashPayload({ command: FORCE_PUSH, cwd: sub, home: w.sandbox.home }),
          cwd: sub,
          env: { ...w.sandbox.env, AGENTGUARD_APPROVAL_TIMEOUT_MS: String(HOOK_APPROVAL_TIMEOUT_MS) },
        });
        const { dialog } = await waitForApprovalModal(running, { production: false });
        await click(dialog, DENY);
        const result = await running.result();
        claudeAnswer(result, 'deny');
        assert.match(
          result.answer.hookSpecificOutput.permissionDecisionReason,
          /^AgentGuard: a human denied this command in the editor/,
        );
        assert.match(result.stderr, /no verified editor/);
        log(`look-alike: skipped (${result.stderr.trim().slice(0, 160)}), the human answered`);
      } finally {
        fake.kill('SIGKILL');
      }
    });
  });
});
