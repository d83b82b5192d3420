// A policy that gets looser behind the editor's back does not take effect,
// in the real workbench: the packaged extension opens a workspace whose
// `.agentguard.json` says "monitor" and allows `rm -rf ~` (as a cloned
// repository could), the warning notification appears, "Review…" shows the
// diff and the modal, Enter keeps the stricter policy, and only a click on
// "Apply loosening" records the file as what a human confirmed — which the
// built CLI then honours. The same for `agentguard.mode`: "monitor" written
// into .vscode/settings.json (as an agent could) leaves the hook enforcing
// until a human clicks "Switch to monitor" (and a new window remembers the
// click); back to enforce applies at once. Removed hook entries and deleted
// whole hook files (Cline's script) are put back until a human allows it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import { TIMEOUTS, log, pollUntil, repoRoot, seconds } from './lib/host.mjs';
import { claudeBashPayload, cliPath, startHook } from './lib/hook.mjs';
import { runFromCommandPalette } from './lib/session.mjs';
import { SETUP_TIMEOUT, fixtureWorkspace, useWorkbench } from './lib/workbench.mjs';

const { generatedFile } = createRequire(path.join(repoRoot, 'out', 'src', 'core', 'index.js'))('./hosts/hostFiles.js');
const LOOSE = JSON.stringify({ mode: 'monitor', rules: [{ match: 'rm -rf ~', decision: 'allow' }] }, null, 2) + '\n';
const NOTICE = /The AgentGuard policy of .* was loosened outside your review — the loosening is not applied/;
const QUESTION = /^Apply the loosening of the AgentGuard policy of /;
const MODE_NOTICE =
  /^AgentGuard monitor mode for .* was requested by the (workspace|folder) settings \(.*\.vscode\/settings\.json\) — not applied until you confirm; agents stay guarded$/;
const MODE_QUESTION = /^Switch AgentGuard to monitor mode for /;
const BADGE_ITEM = (() => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return `[id="${manifest.publisher}.${manifest.name}.agentguard.environment"]`;
})();
// Claude Code's hook file and Cline's hook script as `agentguard install` writes them: they run the launcher in the sandbox's home.
let HOOK_COMMAND;
let CLINE_HOOK;
const hooked = () => ({
  hooks: {
    PreToolUse: [
      {
        matcher: 'Bash|Edit|Write|MultiEdit|NotebookEdit|Read|Grep|Glob|NotebookRead|mcp__.*',
        hooks: [{ type: 'command', command: HOOK_COMMAND, timeout: 90 }],
      },
    ],
  },
});

suite('Policy gate: a loosened .agentguard.json waits for a human', function () {
  this.bail(true);

  let baselineFile;
  let hookSettings;
  let modeFile;
  let vscodeSettings;
  let clineHook;

  const w = useWorkbench('policy', { prepare: fixtureWorkspace });
  const { screenshot } = w;

  // What the hook would answer, through `agentguard check` (its stderr note says when the hook is stricter).
  function check(command) {
    const r = spawnSync(process.execPath, [cliPath, 'check', '--workspace', w.workspace, '--', command], {
      env: w.sandbox.env,
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  const dialog = () => w.page.locator('.monaco-dialog-box');

  async function waitForQuestion(question = QUESTION) {
    await dialog().waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const text = async () => (await dialog().locator('.dialog-message-text').innerText()).trim();
    await pollUntil(async () => question.test(await text()), {
      what: async () => `the modal to ask ${question} (it says "${await text().catch(() => '?')}")`,
    });
    return (await dialog().locator('.dialog-message-detail').innerText()).trim();
  }

  // The peerProof of the editor's audit entry of a human's confirmation: what the kernel backs here
  // (Yama ptrace_scope 1 or more: "kernel"; none, or 0: "recorded", launcher/yama.ts). The editor writes
  // the mode record, then appends the audit entry: a test that saw the record polls for the entry.
  async function confirmationProof(event) {
    const entry = await pollUntil(
      () =>
        fs
          .readFileSync(path.join(w.sandbox.state, 'agentguard', 'audit.jsonl'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
          .filter((e) => e.event === event)
          .at(-1),
      { what: `an audit entry ${event}` },
    );
    return entry.peerProof;
  }
  const kernelProof = (() => {
    try {
      return Number(fs.readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8').trim()) >= 1 ? 'kernel' : 'recorded';
    } catch {
      return 'recorded';
    }
  })();

  // What the editor told the hook about this folder's mode (core/policy/editorMode's record).
  const modeRecord = () => (fs.existsSync(modeFile) ? JSON.parse(fs.readFileSync(modeFile, 'utf8')) : undefined);

  // The hook's answer to a force push, started as an agent's process outside the editor: no human can
  // be asked there, so an enforced ask stays "ask" (Claude's own prompt), and only monitor mode allows.
  async function hookDecision(name) {
    const running = startHook({
      name,
      outside: true,
      payload: claudeBashPayload({ command: 'git push --force origin main', cwd: w.workspace, home: w.sandbox.home }),
      cwd: w.workspace,
      env: w.sandbox.env,
    });
    const result = await running.result();
    assert.equal(result.code, 0, result.stderr);
    return result.answer.hookSpecificOutput.permissionDecision;
  }

  suiteSetup(function () {
    const launcher = path.join(w.sandbox.home, '.agentguard', 'bin', 'agentguard');
    HOOK_COMMAND = `'${launcher}' hook claude`;
    CLINE_HOOK = generatedFile('cline', launcher, 30, 'linux');
    fs.writeFileSync(path.join(w.workspace, '.agentguard.json'), LOOSE);
    hookSettings = path.join(w.workspace, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(hookSettings), { recursive: true });
    fs.writeFileSync(hookSettings, JSON.stringify(hooked(), null, 2) + '\n');
    clineHook = path.join(w.workspace, '.clinerules', 'hooks', 'PreToolUse');
    fs.mkdirSync(path.dirname(clineHook), { recursive: true });
    fs.writeFileSync(clineHook, CLINE_HOOK, { mode: 0o755 });
    baselineFile = path.join(
      w.sandbox.state,
      'agentguard',
      'policy',
      `${createHash('sha256').update(w.workspace).digest('hex')}.json`,
    );
    modeFile = path.join(
      w.sandbox.state,
      'agentguard',
      'mode',
      `${createHash('sha256').update(w.workspace).digest('hex').slice(0, 16)}.json`,
    );
    // The folder's settings exist from the start (empty), as in most projects.
    vscodeSettings = path.join(w.workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(vscodeSettings), { recursive: true });
    fs.writeFileSync(vscodeSettings, '{}\n');
  });

  test('before anyone looks, the hook holds the loosening back', function () {
    this.timeout(2 * TIMEOUTS.cli);
    const r = check('rm -rf ~');
    // `check` prints the file as written; the hook judges the confirmed policy, says so, and its answer is the exit code.
    const note = /^note: the hook answers (ask|deny): 2 loosenings of \.agentguard\.json wait for a human/.exec(
      r.stderr,
    );
    assert.ok(note, r.stderr);
    assert.match(r.stdout, /^allow/);
    assert.equal(r.status, note[1] === 'ask' ? 1 : 2, r.stderr);
    log(`agentguard check: ${r.stderr.trim()}`);
    assert.equal(fs.existsSync(baselineFile), false);
  });

  test('the workbench opens the workspace and warns that the policy was loosened', async function () {
    this.timeout(SETUP_TIMEOUT);
    await w.open();
    const t0 = Date.now();
    const toast = w.page.locator('.notification-toast', { hasText: 'was loosened outside your review' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUTS.activation });
    const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
    assert.match(message, NOTICE);
    assert.ok(message.includes(path.basename(w.workspace)), message);
    log(`notification ${seconds(Date.now() - t0)} after the workbench loaded: "${message}"`);
    // Let the toast finish sliding in before the picture.
    await toast.getByRole('button', { name: 'Review…' }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await screenshot('notification');
  });

  test('"Review…" shows the confirmed and current policy side by side and a modal naming each loosening', async function () {
    this.timeout(4 * TIMEOUTS.ui);
    const toast = w.page.locator('.notification-toast', { hasText: 'was loosened outside your review' });
    await toast.getByRole('button', { name: 'Review…' }).click({ timeout: TIMEOUTS.ui });
    log('notification: clicked "Review…"');
    const detail = await waitForQuestion();
    assert.match(detail, /mode "monitor"/);
    assert.match(detail, /allow rule `rm -rf ~` \(rules\[0\]\)/);
    assert.ok(await dialog().getAttribute('aria-modal'), 'the question must be modal');
    const buttons = (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual([...buttons].sort(), ['Apply loosening', 'Cancel', 'Keep stricter policy']);
    // The default (focused) button keeps the stricter policy: a reflexive Enter confirms nothing.
    const focused = await pollUntil(
      async () => (await dialog().locator('.dialog-buttons .monaco-button:focus').allInnerTexts())[0]?.trim(),
      { what: 'a focused button in the modal' },
    );
    assert.equal(focused, 'Keep stricter policy');
    log(`modal: ${buttons.join(' | ')}; detail: ${detail.replace(/\n+/g, ' / ')}`);
    const tab = w.page.locator('.tabs-container .tab', { hasText: 'confirmed ↔ current' });
    await tab.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    log(`diff editor: "${(await tab.innerText()).trim()}"`);
    await screenshot('review-modal');
    await screenshot('review-modal-dialog', dialog());
  });

  test('Enter keeps the stricter policy: nothing is recorded and the hook still holds the loosening back', async function () {
    this.timeout(3 * TIMEOUTS.ui + TIMEOUTS.cli);
    await w.page.keyboard.press('Enter');
    log('modal: pressed Enter');
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    // Give the extension host time to act on the answer before looking.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(fs.existsSync(baselineFile), false, 'Enter must not confirm the loosening');
    assert.match(check('rm -rf ~').stderr, /^note: the hook answers (ask|deny)/);
    // The diff shows what the human would confirm: the confirmed side is the built-in defaults.
    const diff = w.page.locator('.monaco-diff-editor');
    await diff.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const text = (await diff.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /nothing confirmed yet: the built-in defaults/);
    assert.match(text, /"mode": "monitor"/);
    await screenshot('diff-after-enter');
  });

  test('a click on "Apply loosening" records the file as confirmed, and the hook then honours it', async function () {
    this.timeout(5 * TIMEOUTS.ui + TIMEOUTS.cli);
    await w.page.keyboard.press('F1');
    const input = w.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill('>AgentGuard: Review Policy Loosening');
    const entry = w.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Review Policy Loosening' }).first();
    await entry.click({ timeout: TIMEOUTS.ui });
    await waitForQuestion();
    await dialog().getByRole('button', { name: 'Apply loosening', exact: true }).click({ timeout: TIMEOUTS.ui });
    log('modal: clicked "Apply loosening"');
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    const saved = await pollUntil(
      () => fs.existsSync(baselineFile) && JSON.parse(fs.readFileSync(baselineFile, 'utf8')),
      { what: `${baselineFile} to be written` },
    );
    assert.equal(saved.text, LOOSE);
    assert.equal(saved.workspace, w.workspace);
    assert.deepEqual(saved.config, JSON.parse(LOOSE));
    log(`baseline recorded: ${path.relative(w.sandbox.root, baselineFile)} (confirmed ${saved.confirmedAt})`);
    const r = check('rm -rf ~');
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '', 'the hook now judges the confirmed file as written');
    // The diff's confirmed side follows: both sides now hold the same text.
    const diff = w.page.locator('.monaco-diff-editor');
    await pollUntil(async () => !(await diff.innerText()).includes('nothing confirmed yet'), {
      what: 'the confirmed side of the diff to show the applied file',
    });
    await screenshot('applied');
  });

  test("AgentGuard's entry removed from a hook file behind the editor's back is restored, until a human allows the removal", async function () {
    this.timeout(6 * TIMEOUTS.ui);
    const before = fs.readFileSync(hookSettings, 'utf8');
    assert.ok(JSON.parse(before).hooks.PreToolUse[0].hooks[0].command === HOOK_COMMAND);
    // What an agent's script would do: drop the hook, keep the rest.
    fs.writeFileSync(hookSettings, JSON.stringify({ hooks: {} }, null, 2) + '\n');
    log("hook file: AgentGuard's entry removed from .claude/settings.json");
    const restored = await pollUntil(
      () => {
        const text = fs.readFileSync(hookSettings, 'utf8');
        const hooks = JSON.parse(text).hooks?.PreToolUse?.[0]?.hooks ?? [];
        return hooks.some((h) => h.command === HOOK_COMMAND) && text;
      },
      { what: 'the extension to restore the hook entry' },
    );
    log(`hook file restored: ${restored.replace(/\s+/g, ' ').slice(0, 160)}`);
    const toast = w.page.locator('.notification-toast', { hasText: 'it has been restored' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
    assert.match(
      message,
      /AgentGuard's hook was removed from .*\.claude\/settings\.json outside your review — it has been restored/,
    );
    await toast.getByRole('button', { name: 'Allow removal' }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await screenshot('hook-restored');
    await toast.getByRole('button', { name: 'Allow removal' }).click({ timeout: TIMEOUTS.ui });
    log('notification: clicked "Allow removal"');
    await pollUntil(() => !JSON.stringify(JSON.parse(fs.readFileSync(hookSettings, 'utf8'))).includes('hook claude'), {
      what: 'the hook entry to be removed after "Allow removal"',
    });
    // And it stays removed: the removal was a human's choice.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.ok(
      !fs.readFileSync(hookSettings, 'utf8').includes('hook claude'),
      'a removal a human allowed must not be undone',
    );
    log('hook file: removal allowed by a human, and it stays removed');
  });

  test('"monitor" written into .vscode/settings.json as an agent would: the hook keeps enforcing, the editor asks', async function () {
    this.timeout(6 * TIMEOUTS.ui);
    // Back to a strict policy (a tightening: it applies at once), so only the editor's mode could allow.
    fs.writeFileSync(path.join(w.workspace, '.agentguard.json'), '{}\n');
    await pollUntil(() => /"text": "\{\}\\n"/.test(fs.readFileSync(baselineFile, 'utf8')), {
      what: 'the tightened policy to become the confirmed one',
    });
    // The review diff still open from above follows both files.
    const diff = w.page.locator('.monaco-diff-editor');
    await pollUntil(async () => !(await diff.innerText()).includes('rm -rf'), {
      what: async () =>
        `the open review diff to show the tightened file on both sides (it shows ${JSON.stringify(await diff.innerText().catch(() => '?'))})`,
    });
    assert.equal(modeRecord()?.mode, 'enforce', 'the editor records enforce for the folder at start');
    assert.equal(await hookDecision('before'), 'ask');
    fs.writeFileSync(vscodeSettings, JSON.stringify({ 'agentguard.mode': 'monitor' }, null, 2) + '\n');
    log('agent: wrote "agentguard.mode": "monitor" into .vscode/settings.json');
    const toast = w.page.locator('.notification-toast', { hasText: 'monitor mode for' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
    assert.match(message, MODE_NOTICE);
    log(`notification: "${message}"`);
    const record = modeRecord();
    assert.equal(record.mode, 'enforce', `the mode file must still say enforce: ${JSON.stringify(record)}`);
    assert.equal(await hookDecision('requested'), 'ask', 'a requested monitor mode must not let a gated call through');
    // The badge says what waits (the folder has no named environment: it shows only for this).
    const badge = w.page.locator(BADGE_ITEM);
    await pollUntil(async () => (await badge.isVisible()) && (await badge.innerText()).includes('review pending'), {
      what: 'the badge to say a review is pending',
    });
    await toast.getByRole('button', { name: 'Review…' }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await screenshot('mode-notification');
    await badge.hover();
    const hover = w.page.locator('.monaco-hover', { hasText: 'monitor mode' }).first();
    await hover.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const tip = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(
      tip,
      /Waiting for your review, not applied: monitor mode, requested by the (workspace|folder) settings/,
    );
    log(`badge tooltip: ${tip.replace(/\s+/g, ' ')}`);
    await screenshot('mode-badge-tooltip');
    await w.page.mouse.move(700, 300);
  });

  test('"Review…" opens a modal whose default keeps enforcing: Enter changes nothing', async function () {
    this.timeout(4 * TIMEOUTS.ui);
    const toast = w.page.locator('.notification-toast', { hasText: 'monitor mode for' });
    await toast.getByRole('button', { name: 'Review…' }).click({ timeout: TIMEOUTS.ui });
    const detail = await waitForQuestion(MODE_QUESTION);
    assert.match(detail, /blocks nothing/);
    assert.match(detail, /a file an agent can write/);
    const buttons = (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual([...buttons].sort(), ['Cancel', 'Keep enforcing', 'Switch to monitor']);
    const focused = await pollUntil(
      async () => (await dialog().locator('.dialog-buttons .monaco-button:focus').allInnerTexts())[0]?.trim(),
      { what: 'a focused button in the modal' },
    );
    assert.equal(focused, 'Keep enforcing');
    await screenshot('mode-modal');
    await w.page.keyboard.press('Enter');
    log('mode modal: pressed Enter');
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(modeRecord().mode, 'enforce', 'Enter must not switch to monitor');
    assert.equal(await hookDecision('after-enter'), 'ask');
  });

  test('a click on "Switch to monitor" records the confirmation, the hook then only records, a new window asks nothing; back to enforce applies at once', async function () {
    this.timeout(6 * TIMEOUTS.ui + TIMEOUTS.workbench + TIMEOUTS.activation);
    await runFromCommandPalette(w.page, 'AgentGuard: Review Loosened Editor Setting');
    await waitForQuestion(MODE_QUESTION);
    await dialog().getByRole('button', { name: 'Switch to monitor', exact: true }).click({ timeout: TIMEOUTS.ui });
    log('mode modal: clicked "Switch to monitor"');
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    const confirmed = await pollUntil(() => modeRecord()?.mode === 'monitor' && modeRecord(), {
      what: 'the mode file to say monitor',
    });
    assert.match(confirmed.source, /^workspace(Folder)?$/);
    assert.equal(confirmed.version, 2);
    log(`mode record: ${JSON.stringify(confirmed)}`);
    assert.equal(await confirmationProof('policy.monitor-confirmed'), kernelProof, 'a confirmation says what backs it');
    assert.equal(await hookDecision('monitor'), 'allow');
    const badge = w.page.locator(BADGE_ITEM);
    await pollUntil(async () => !(await badge.isVisible()), { what: 'the badge to have nothing pending to say' });
    await screenshot('mode-confirmed');
    // A new window (extension host started again) keeps the confirmed mode and asks nothing.
    const remembered = () =>
      w
        .channelLog()
        .split('\n')
        .filter((l) => l.includes('monitor, as confirmed by a human')).length;
    const before = remembered();
    await w.page.reload({ waitUntil: 'domcontentloaded' });
    await w.page
      .locator('.monaco-workbench .part.statusbar')
      .waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
    await pollUntil(() => remembered() > before, {
      timeout: TIMEOUTS.activation,
      what: 'the reloaded extension to find the confirmed monitor mode',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(
      await w.page.locator('.notification-toast', { hasText: 'monitor mode for' }).count(),
      0,
      'a confirmed, unchanged setting is not asked about again',
    );
    assert.deepEqual(modeRecord(), confirmed);
    log('reloaded window: monitor mode kept as confirmed, no question');
    // The agent (or the human) sets enforce: no question, the hook enforces at once.
    fs.writeFileSync(vscodeSettings, JSON.stringify({ 'agentguard.mode': 'enforce' }, null, 2) + '\n');
    await pollUntil(() => modeRecord()?.mode === 'enforce', { what: 'the mode file to say enforce' });
    assert.equal(await hookDecision('enforce-again'), 'ask');
    assert.equal(await dialog().count(), 0, 'tightening asks nobody');
  });

  test('monitor confirmed from the user settings does not carry over to a monitor an agent writes into the folder settings', async function () {
    this.timeout(8 * TIMEOUTS.ui);
    // agentguard.mode is machine-overridable: code-server (a remote workbench) reads the user level from its machine settings.
    const userSettings = path.join(w.sandbox.userData, 'Machine', 'settings.json');
    fs.mkdirSync(path.dirname(userSettings), { recursive: true });
    const original = fs.existsSync(userSettings) ? fs.readFileSync(userSettings, 'utf8') : '{}';
    const toast = (from) =>
      w.page.locator('.notification-toast', {
        hasText: `monitor mode for ${path.basename(w.workspace)} was requested by ${from}`,
      });
    fs.writeFileSync(vscodeSettings, '{}\n');
    fs.writeFileSync(userSettings, JSON.stringify({ ...JSON.parse(original), 'agentguard.mode': 'monitor' }, null, 2));
    log('user (machine) settings: "agentguard.mode": "monitor"');
    await toast('your user settings').waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    assert.equal(modeRecord().mode, 'enforce');
    assert.equal(await hookDecision('user-requested'), 'ask');
    await runFromCommandPalette(w.page, 'AgentGuard: Review Loosened Editor Setting');
    await waitForQuestion(MODE_QUESTION);
    assert.match(
      await dialog().locator('.dialog-message-detail').innerText(),
      /The request came from your user settings/,
    );
    await dialog().getByRole('button', { name: 'Switch to monitor', exact: true }).click({ timeout: TIMEOUTS.ui });
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    await pollUntil(() => modeRecord()?.mode === 'monitor' && modeRecord().source === 'user', {
      what: 'the mode file to say monitor, confirmed from the user settings',
    });
    assert.equal(await hookDecision('user-monitor'), 'allow');
    // An agent now writes monitor into the folder settings, which win over the user's: a new request, not the confirmed one.
    fs.writeFileSync(vscodeSettings, JSON.stringify({ 'agentguard.mode': 'monitor' }, null, 2) + '\n');
    await pollUntil(() => modeRecord()?.mode === 'enforce', { what: 'the mode file to go back to enforce' });
    await toast('the folder settings').waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    assert.equal(await hookDecision('folder-over-user'), 'ask');
    await screenshot('mode-new-level-asks-again');
    fs.writeFileSync(userSettings, original);
    fs.writeFileSync(vscodeSettings, '{}\n');
    await pollUntil(() => modeRecord()?.mode === 'enforce' && !modeRecord().source, {
      what: 'the mode file to say enforce',
    });
  });

  // The hook's answer to a harmless call, from outside the editor: the host's "no decision" unless a human handed routine approvals to AgentGuard.
  async function harmlessDecision(name) {
    const running = startHook({
      name,
      outside: true,
      payload: claudeBashPayload({ command: 'ls -la', cwd: w.workspace, home: w.sandbox.home }),
      cwd: w.workspace,
      env: w.sandbox.env,
    });
    const result = await running.result();
    assert.equal(result.code, 0, result.stderr);
    return result.answer.hookSpecificOutput?.permissionDecision ?? 'defer';
  }

  test('"answerHarmless": "allow" written into .vscode/settings.json: harmless calls stay with the host until a human clicks "Let AgentGuard approve"; back to defer at once', async function () {
    this.timeout(8 * TIMEOUTS.ui);
    assert.equal(
      await harmlessDecision('harmless-before'),
      'defer',
      'a harmless call gets Claude Code\'s own "no decision"',
    );
    fs.writeFileSync(vscodeSettings, JSON.stringify({ 'agentguard.answerHarmless': 'allow' }, null, 2) + '\n');
    log('agent: wrote "agentguard.answerHarmless": "allow" into .vscode/settings.json');
    const toast = w.page.locator('.notification-toast', { hasText: 'answering harmless calls with an allow' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
    assert.match(
      message,
      /^AgentGuard answering harmless calls with an allow for .* was requested by the (workspace|folder) settings .* — not applied until you confirm; agents stay guarded$/,
    );
    assert.equal(modeRecord()?.answerHarmless?.value, 'defer');
    assert.equal(await harmlessDecision('harmless-requested'), 'defer', 'a request alone changes nothing');
    await toast.getByRole('button', { name: 'Review…' }).click({ timeout: TIMEOUTS.ui });
    const detail = await waitForQuestion(/^Let AgentGuard approve harmless agent calls in /);
    assert.match(detail, /switches the agent host's own permission prompt off/);
    const buttons = (await dialog().locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual([...buttons].sort(), ['Cancel', 'Keep the host deciding', 'Let AgentGuard approve']);
    const focused = await pollUntil(
      async () => (await dialog().locator('.dialog-buttons .monaco-button:focus').allInnerTexts())[0]?.trim(),
      { what: 'a focused button in the modal' },
    );
    assert.equal(focused, 'Keep the host deciding');
    await screenshot('answer-harmless-modal');
    await dialog().getByRole('button', { name: 'Let AgentGuard approve', exact: true }).click({ timeout: TIMEOUTS.ui });
    log('modal: clicked "Let AgentGuard approve"');
    await pollUntil(() => modeRecord()?.answerHarmless?.value === 'allow', {
      what: 'the record to say a human handed harmless calls over',
    });
    assert.match(modeRecord().answerHarmless.source, /^workspace(Folder)?$/);
    assert.equal(await confirmationProof('policy.answer-harmless-confirmed'), kernelProof);
    assert.equal(await harmlessDecision('harmless-confirmed'), 'allow');
    // A gated call is never handed over.
    assert.equal(await hookDecision('gated-with-harmless-allowed'), 'ask');
    fs.writeFileSync(vscodeSettings, '{}\n');
    await pollUntil(() => modeRecord()?.answerHarmless?.value === 'defer', { what: 'the record to go back to defer' });
    assert.equal(await harmlessDecision('harmless-defer-again'), 'defer');
    assert.equal(await dialog().count(), 0, 'going back asks nobody');
  });

  test("AgentGuard's whole hook file (Cline's script) deleted behind the editor's back comes back, executable, until a human allows the removal", async function () {
    this.timeout(6 * TIMEOUTS.ui);
    fs.rmSync(clineHook);
    log('hook file: .clinerules/hooks/PreToolUse deleted');
    await pollUntil(() => fs.existsSync(clineHook) && fs.readFileSync(clineHook, 'utf8') === CLINE_HOOK, {
      what: 'the extension to write the Cline hook file back',
    });
    assert.equal(fs.statSync(clineHook).mode & 0o777, 0o755, 'Cline runs the file: it must stay executable');
    const toast = w.page.locator('.notification-toast', { hasText: 'PreToolUse was deleted outside your review' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
    assert.match(
      message,
      /AgentGuard's hook file .*\.clinerules\/hooks\/PreToolUse was deleted outside your review — it has been restored/,
    );
    await toast.getByRole('button', { name: 'Allow removal' }).waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await screenshot('whole-hook-restored');
    await toast.getByRole('button', { name: 'Allow removal' }).click({ timeout: TIMEOUTS.ui });
    log('notification: clicked "Allow removal"');
    await pollUntil(() => !fs.existsSync(clineHook), {
      what: 'the Cline hook file to be removed after "Allow removal"',
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(fs.existsSync(clineHook), false, 'a removal a human allowed must not be undone');
  });
});
