// The editor side as a user meets it: the packaged .vsix in code-server, a
// workspace whose .env points at production, and real `agentguard hook
// claude` processes (Write, Edit, Bash) answered in the real modal, with the
// diff of the change open beside it. Screenshots of each state land in
// test-output/e2e/editor/; AGENTGUARD_UPDATE_MEDIA=1 also copies the ones the
// README and docs/ pages show into media/.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import { TIMEOUTS, copyWorkspace, log, pollUntil, repoRoot } from './lib/host.mjs';
import {
  claudeBashPayload,
  claudeEditPayload,
  claudeWritePayload,
  startHook,
  waitForApprovalChannel,
} from './lib/hook.mjs';
import { EXTENSION_ID, SETUP_TIMEOUT, useWorkbench } from './lib/workbench.mjs';
import { createRequire } from 'node:module';

// The suite's policy is the user's own: recorded as confirmed, as the policy
// review in the editor would after a human's click (its looser rate limit is
// the point of this suite; an unconfirmed one would not apply).
const requireCore = createRequire(path.join(repoRoot, 'out', 'src', 'core', 'index.js'));
function confirmPolicy(stateDir, workspace) {
  const { writeBaseline } = requireCore('./policy/baseline.js');
  const { parseConfigText } = requireCore('./config/load.js');
  const file = path.join(workspace, '.agentguard.json');
  const text = fs.readFileSync(file, 'utf8');
  const loaded = parseConfigText(text, file);
  assert.ok(loaded.ok, `the suite's .agentguard.json must be valid: ${JSON.stringify(loaded.errors)}`);
  writeBaseline(stateDir, workspace, text, loaded.config ?? null);
}

const KILL_SWITCH_ITEM = `[id="${EXTENSION_ID}.agentguard.killSwitch"]`;
const BADGE_ITEM = `[id="${EXTENSION_ID}.agentguard.environment"]`;
const MIGRATION = 'CREATE TABLE users (\n  id serial PRIMARY KEY,\n  email text NOT NULL\n);\n';
const HOOK_APPROVAL_TIMEOUT_MS = 4 * TIMEOUTS.ui;
const README_SHOTS = {
  'diff-and-confirm': 'diff-and-confirm.png',
  'production-badge': 'production-badge.png',
  'kill-switch': 'kill-switch.png',
};

suite('Editor: diff-and-confirm, badge, queue, Always allow, Problems', function () {
  this.bail(true);

  let fakeCli;

  // Agents' hooks run inside the editor (its terminal, its extensions): here the harness extension spawns them.
  const w = useWorkbench('editor', {
    harness: true,
    prepare({ sandbox }) {
      const workspace = copyWorkspace(sandbox, path.join(repoRoot, 'test', 'fixtures', 'editor-workspace'));
      // A CLI an agent could have planted through the user's settings: it leaves a mark if anything runs it.
      fakeCli = path.join(sandbox.home, 'planted-cli.js');
      fs.writeFileSync(
        fakeCli,
        `require('fs').writeFileSync(${JSON.stringify(`${fakeCli}.ran`)}, process.argv.join(' '));\n`,
      );
      // agentguard.cliPath has machine scope: code-server (a remote workbench) reads it from the machine settings.
      const machineSettings = path.join(sandbox.userData, 'Machine', 'settings.json');
      fs.mkdirSync(path.dirname(machineSettings), { recursive: true });
      fs.writeFileSync(machineSettings, JSON.stringify({ 'agentguard.cliPath': fakeCli }, null, 2));
      confirmPolicy(path.join(sandbox.state, 'agentguard'), workspace);
      return workspace;
    },
    onScreenshot(name, file) {
      if (process.env.AGENTGUARD_UPDATE_MEDIA === '1' && README_SHOTS[name])
        fs.copyFileSync(file, path.join(repoRoot, 'media', README_SHOTS[name]));
    },
  });
  const { channelLog, dialog, screenshot } = w;
  const stateDir = () => path.join(w.sandbox.state, 'agentguard');
  const configFile = () => path.join(w.workspace, '.agentguard.json');

  // The left end of the status bar, where AgentGuard's items sit, large enough to read.
  async function statusBarShot(name) {
    const box = await w.page.locator('.part.statusbar').boundingBox();
    await screenshot(name, w.page, {
      clip: { x: 0, y: box.y - 4, width: 420, height: box.height + 8 },
      scale: 'device',
    });
  }

  function hook(name, payload) {
    return startHook({
      name,
      payload,
      cwd: w.workspace,
      env: { ...w.sandbox.env, AGENTGUARD_APPROVAL_TIMEOUT_MS: String(HOOK_APPROVAL_TIMEOUT_MS) },
    });
  }

  const home = () => w.sandbox.home;

  async function modalFor(running, firstLine) {
    await pollUntil(
      async () => {
        if (running.exited) {
          const early = await running.result();
          throw new assert.AssertionError({
            message: `the hook answered before any modal was clicked: ${early.stdout}${early.stderr}`,
          });
        }
        if (!(await dialog().isVisible())) return false;
        const detail = await dialog().locator('.dialog-message-detail').innerText();
        return detail.split('\n')[0].trim() === firstLine;
      },
      { what: `the approval modal for ${firstLine}` },
    );
    const message = (await dialog().locator('.dialog-message-text').innerText()).trim();
    const detail = (await dialog().locator('.dialog-message-detail').innerText()).trim();
    log(`modal: "${message}" / ${JSON.stringify(detail)}`);
    return { message, detail };
  }

  async function click(button) {
    await dialog().getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
    log(`modal: clicked "${button}"`);
  }

  function decisionOf(result) {
    assert.equal(result.code, 0, result.stderr);
    return result.answer.hookSpecificOutput.permissionDecision;
  }

  const text = async (locator) => (await locator.innerText()).replace(/\u00a0/g, ' ');

  async function diffSides() {
    const diff = w.page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    // Side by side: the current text in the original editor, the proposed in the modified one.
    const original = diff.locator('.editor.original .view-lines');
    await original.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    return {
      diff,
      original: await text(original),
      modified: await text(diff.locator('.editor.modified .view-lines:not(.line-delete)')),
    };
  }

  async function badge() {
    const item = w.page.locator(BADGE_ITEM);
    if (!(await item.isVisible())) return { visible: false, text: '', className: '', background: '' };
    return {
      visible: true,
      text: (await item.innerText()).trim(),
      className: await item.getAttribute('class'),
      background: await item.evaluate((el) => getComputedStyle(el).backgroundColor),
    };
  }

  suiteSetup(async function () {
    this.timeout(SETUP_TIMEOUT);
    await w.open();
    await w.page.locator(KILL_SWITCH_ITEM).waitFor({ state: 'visible', timeout: TIMEOUTS.activation });
    await waitForApprovalChannel(w.sandbox);
    log('AgentGuard active: kill switch in the status bar, approval socket listening');
  });

  test('a production workspace shows a red badge beside the kill switch, with the evidence', async function () {
    this.timeout(3 * TIMEOUTS.ui);
    const b = await pollUntil(
      async () => {
        const now = await badge();
        return now.visible && now.text.includes('PRODUCTION') && now;
      },
      { what: async () => `the badge to say PRODUCTION (it is ${JSON.stringify(await badge())})` },
    );
    assert.match(b.className, /\berror-kind\b/, `the badge must use statusBarItem.errorBackground: ${b.className}`);
    assert.notEqual(b.background, 'rgba(0, 0, 0, 0)');
    assert.equal(await w.page.locator(`${BADGE_ITEM} .codicon-flame`).count(), 1);
    const label = await w.page.locator(BADGE_ITEM).getAttribute('aria-label');
    assert.match(label, /production/);
    // One glance: the badge sits right beside the kill switch.
    const [ks, bg] = await Promise.all([
      w.page.locator(KILL_SWITCH_ITEM).boundingBox(),
      w.page.locator(BADGE_ITEM).boundingBox(),
    ]);
    assert.ok(Math.abs(bg.x - (ks.x + ks.width)) < 12, `badge at x=${bg.x}, kill switch ends at ${ks.x + ks.width}`);
    assert.match(channelLog(), /workspace environment: .*: production \(production\)/);
    log(`badge: "${b.text}" class "${b.className}" background ${b.background}`);
    await statusBarShot('production-badge');
  });

  test('the kill switch and the badge read at one glance when agents are halted', async function () {
    this.timeout(3 * TIMEOUTS.ui);
    fs.writeFileSync(
      path.join(stateDir(), 'killswitch.json'),
      JSON.stringify({ engaged: true, by: 'user', since: new Date().toISOString() }),
    );
    await pollUntil(async () => (await w.page.locator(KILL_SWITCH_ITEM).innerText()).includes('Agents halted'), {
      what: 'the kill switch to read "Agents halted"',
    });
    await statusBarShot('kill-switch');
    // Only a click in the editor releases it (a release written to the file would be reverted).
    await w.page.locator(KILL_SWITCH_ITEM).click({ timeout: TIMEOUTS.ui });
    const dialog = w.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await dialog.getByRole('button', { name: 'Release', exact: true }).click({ timeout: TIMEOUTS.ui });
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    await pollUntil(async () => (await w.page.locator(KILL_SWITCH_ITEM).innerText()).trim() === 'AgentGuard', {
      what: 'the kill switch to be released',
    });
  });

  test('dropping production from the confirmed .agentguard.json keeps the red badge (the hook still judges production), with the pending loosening in its tooltip', async function () {
    this.timeout(4 * TIMEOUTS.ui);
    const text0 = fs.readFileSync(configFile(), 'utf8');
    fs.writeFileSync(
      configFile(),
      text0.replace('"production": { "production": true, "hosts"', '"staging": { "hosts"'),
    );
    const b = await pollUntil(
      async () => {
        const now = await badge();
        return (
          now.visible &&
          now.text.includes('PRODUCTION') &&
          (await w.page.locator(`${BADGE_ITEM} .codicon-warning`).count()) === 1 &&
          now
        );
      },
      {
        what: async () => `the badge to say PRODUCTION with a pending review (it is ${JSON.stringify(await badge())})`,
      },
    );
    assert.match(b.className, /\berror-kind\b/);
    assert.match(await w.page.locator(BADGE_ITEM).getAttribute('aria-label'), /a loosening waits for your review/);
    assert.match(channelLog(), /workspace environment: .*: production \(production\) \(1 loosening pending\)/);
    await w.page.locator(BADGE_ITEM).hover();
    const hover = w.page.locator('.monaco-hover', { hasText: 'Waiting for your review' }).first();
    await hover.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const tip = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(tip, /production environment "production" removed/);
    log(`badge after the change: "${b.text}"; tooltip: ${tip.replace(/\s+/g, ' ')}`);
    await screenshot('badge-pending-loosening');
    await w.page.mouse.move(700, 300);
  });

  test('a Write to a protected file: the diff shows old and new text beside the modal; Deny keeps the file', async function () {
    this.timeout(6 * TIMEOUTS.ui);
    const file = path.join(w.workspace, 'migrations', '001.sql');
    const running = hook(
      'write',
      claudeWritePayload({ filePath: file, content: 'DROP TABLE users;\n', cwd: w.workspace, home: home() }),
    );
    const { message, detail } = await modalFor(running, 'migrations/001.sql');
    assert.equal(message, 'AgentGuard: Claude Code wants to change files');
    assert.match(detail, /\[path\.protected\]/);
    assert.match(detail, /shown in a diff beside this dialog/);
    // The production mark's removal still waits for review: the modal names what the hook enforces, as the badge does.
    assert.match(detail, /Workspace environment: production \(PRODUCTION\)/);
    const { original, modified } = await diffSides();
    assert.ok(original.includes('email text NOT NULL'), `current side: ${original}`);
    assert.ok(modified.includes('DROP TABLE users;'), `proposed side: ${modified}`);
    assert.ok(!modified.includes('email text'), 'the proposed side is the whole new file');
    const focused = await w.page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, 'Deny', "the diff must not take the focus from the modal's default Deny");
    await screenshot('write-diff-and-modal');
    await click('Deny');
    assert.equal(decisionOf(await running.result()), 'deny');
    await pollUntil(async () => (await w.page.locator('.monaco-diff-editor').count()) === 0, {
      what: 'the diff to close after the answer',
    });
    assert.equal(fs.readFileSync(file, 'utf8'), MIGRATION);
  });

  test('an Edit to a protected file: the diff applies the replacement to the file; Allow once answers allow', async function () {
    this.timeout(6 * TIMEOUTS.ui);
    const file = path.join(w.workspace, 'migrations', '001.sql');
    const running = hook(
      'edit',
      claudeEditPayload({
        filePath: file,
        oldString: 'email text NOT NULL',
        newString: 'email text NOT NULL UNIQUE',
        cwd: w.workspace,
        home: home(),
      }),
    );
    await modalFor(running, 'migrations/001.sql');
    const { original, modified } = await diffSides();
    assert.ok(original.includes('email text NOT NULL') && !original.includes('UNIQUE'), original);
    assert.ok(modified.includes('email text NOT NULL UNIQUE') && modified.includes('id serial PRIMARY KEY'), modified);
    await screenshot('diff-and-confirm');
    await click('Allow once');
    assert.equal(decisionOf(await running.result()), 'allow');
    await pollUntil(async () => (await w.page.locator('.monaco-diff-editor').count()) === 0, {
      what: 'the diff to close after the answer',
    });
  });

  test('a deleting command: the modal says what would go', async function () {
    this.timeout(6 * TIMEOUTS.ui);
    fs.mkdirSync(path.join(w.workspace, 'migrations', 'old'), { recursive: true });
    for (const n of ['a', 'b', 'c'])
      fs.writeFileSync(path.join(w.workspace, 'migrations', 'old', `${n}.sql`), 'x'.repeat(100));
    const command = 'rm -rf migrations/old';
    const running = hook('delete', claudeBashPayload({ command, cwd: w.workspace, home: home() }));
    const { detail } = await modalFor(running, command);
    assert.match(detail, /Deletes 4 files and folders, 300 B:/);
    assert.ok(detail.split('\n').includes('  migrations/old/a.sql'), detail);
    await screenshot('delete-modal', dialog());
    await click('Deny');
    assert.equal(decisionOf(await running.result()), 'deny');
  });

  test('two requests at once are asked one after the other', async function () {
    this.timeout(8 * TIMEOUTS.ui);
    const first = 'git push --force origin main';
    const second = 'git push --force origin release';
    const a = hook('queue-first', claudeBashPayload({ command: first, cwd: w.workspace, home: home() }));
    await modalFor(a, first);
    const b = hook('queue-second', claudeBashPayload({ command: second, cwd: w.workspace, home: home() }));
    await pollUntil(() => /approval queued: 1 waiting/.test(channelLog()), {
      what: 'the second request to queue behind the open modal',
    });
    assert.equal(b.exited, undefined, 'the second request waits for its turn');
    await click('Deny');
    assert.equal(decisionOf(await a.result()), 'deny');
    const { detail } = await modalFor(b, second);
    assert.match(detail, /This request was waiting while you answered the one before\./);
    await screenshot('queued-modal', dialog());
    await click('Allow once');
    assert.equal(decisionOf(await b.result()), 'allow');
  });

  test('"Always allow in this workspace" writes one exact rule, comments kept, and confirms only that rule; the same request then passes without a modal', async function () {
    this.timeout(8 * TIMEOUTS.ui);
    const command = 'git push --force origin main';
    // "Always allow" is never offered where the hook judges production: a human confirms dropping the mark first
    // (the policy review itself is tested in policy.test.mjs). Then an agent slips an allow rule into the file.
    confirmPolicy(stateDir(), w.workspace);
    const agentRule = '{ "match": "curl *", "decision": "allow" }';
    fs.writeFileSync(
      configFile(),
      fs.readFileSync(configFile(), 'utf8').replace('"rules": [\n', `"rules": [\n    ${agentRule},\n`),
    );
    const before = fs.readFileSync(configFile(), 'utf8');
    assert.ok(before.includes(agentRule), before);
    const running = hook('always', claudeBashPayload({ command, cwd: w.workspace, home: home() }));
    const { detail } = await modalFor(running, command);
    assert.ok(
      detail.includes(`"Always allow" adds {"match": "${command}", "decision": "allow"} to .agentguard.json.`),
      detail,
    );
    await screenshot('always-allow-modal', dialog());
    await click('Always allow in this workspace');
    assert.equal(decisionOf(await running.result()), 'allow');
    const after = fs.readFileSync(configFile(), 'utf8');
    assert.ok(after.includes('// Keep this comment: "Always allow" must not lose it.'), after);
    assert.ok(after.includes("// Policy of the editor suite's workspace."), after);
    assert.match(
      after,
      /\{ "match": "git push --force origin main", "decision": "allow", "reason": "allowed from the approval modal on \d{4}-\d\d-\d\d" \}/,
    );
    assert.equal(
      after.replace(/,\n {4}\{ "match": "git push --force origin main".*\}/, ''),
      before,
      'nothing else in the file changed',
    );
    const again = hook('always-again', claudeBashPayload({ command, cwd: w.workspace, home: home() }));
    const result = await again.result();
    assert.equal(decisionOf(result), 'allow');
    assert.equal(await dialog().count(), 0, 'no modal for an allowed request');
    // The click confirmed the human's rule, not the agent's (still waiting for review).
    const { readBaseline } = requireCore('./policy/baseline.js');
    const confirmed = readBaseline(stateDir(), w.workspace);
    assert.ok(
      confirmed.config.rules.some((r) => r.match === command && r.decision === 'allow'),
      JSON.stringify(confirmed.config),
    );
    assert.ok(
      !confirmed.config.rules.some((r) => r.match === 'curl *'),
      `the agent's allow rule must stay unconfirmed: ${JSON.stringify(confirmed.config)}`,
    );
    assert.match(await w.page.locator(BADGE_ITEM).getAttribute('aria-label'), /a loosening waits for your review/);
    const other = hook(
      'always-other',
      claudeBashPayload({ command: 'git push --force origin dev', cwd: w.workspace, home: home() }),
    );
    await modalFor(other, 'git push --force origin dev');
    await click('Deny');
    assert.equal(decisionOf(await other.result()), 'deny', 'the rule is exact: another branch still asks');
  });

  test('a request whose agent went away is denied: the diff closes and a late click on the stale modal changes nothing', async function () {
    this.timeout(6 * TIMEOUTS.ui);
    const file = path.join(w.workspace, 'migrations', '001.sql');
    const running = hook(
      'gone',
      claudeWritePayload({ filePath: file, content: 'SELECT 1;\n', cwd: w.workspace, home: home() }),
    );
    await modalFor(running, 'migrations/001.sql');
    await diffSides();
    process.kill(running.pid, 'SIGKILL');
    log(`killed hook pid ${running.pid} while its modal is open`);
    await pollUntil(() => /approval deny \(the agent stopped waiting\)/.test(channelLog()), {
      what: 'the extension to deny the abandoned request',
    });
    await pollUntil(async () => (await w.page.locator('.monaco-diff-editor').count()) === 0, {
      what: 'the diff of the abandoned request to close',
    });
    // VS Code cannot close a modal from an extension: it stays until clicked, and the click is ignored.
    assert.ok(await dialog().isVisible(), 'the stale modal is still on screen');
    await screenshot('stale-modal-after-abort');
    const seen = channelLog().length;
    await click('Allow once');
    await pollUntil(async () => !(await dialog().isVisible()), { what: 'the stale modal to close' });
    assert.doesNotMatch(
      channelLog().slice(seen),
      /approval allow/,
      'a click on the stale modal must not approve anything',
    );
  });

  test('agentguard.approvalTimeoutSeconds: an unanswered request is denied when the wait is over', async function () {
    this.timeout(8 * TIMEOUTS.ui);
    // A workspace setting: VS Code picks up .vscode/settings.json through the workspace's file watcher.
    const settings = path.join(w.workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'agentguard.approvalTimeoutSeconds': 5 }, null, 2));
    try {
      await pollUntil(() => /approval timeout: 5 s/.test(channelLog()), {
        what: 'the extension to read the new approval timeout',
      });
      const command = 'git push --force origin staging';
      const running = hook('timeout', claudeBashPayload({ command, cwd: w.workspace, home: home() }));
      const { detail } = await modalFor(running, command);
      assert.match(detail, /Unanswered, it is denied in 5 s\./);
      const t0 = Date.now();
      assert.equal(decisionOf(await running.result()), 'deny');
      log(`hook answered deny ${Date.now() - t0} ms after the modal was seen`);
      assert.match(channelLog(), /approval deny \(nobody answered within 5 s\)/);
      await click('Cancel');
    } finally {
      fs.rmSync(settings);
    }
  });

  test('"AgentGuard: Check a Command…" shows the decision, findings and safer alternative', async function () {
    this.timeout(4 * TIMEOUTS.ui);
    await w.page.keyboard.press('F1');
    const input = w.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill('>AgentGuard: Check a Command');
    await w.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Check a Command' })
      .first()
      .click({ timeout: TIMEOUTS.ui });
    await pollUntil(
      async () =>
        (await w.page.locator('.quick-input-widget .quick-input-title').innerText()).includes('Check a Command'),
      { what: 'the Check a Command input box' },
    );
    await input.fill('git push --force origin hotfix');
    await input.press('Enter');
    const editor = w.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await pollUntil(async () => (await text(editor)).includes('**ASK** (score'), {
      what: async () => `the report to show ASK (it shows ${JSON.stringify(await text(editor).catch(() => '?'))})`,
    });
    // Markdown wraps long lines in the editor: compare the text unwrapped.
    const report = (await text(editor)).replace(/\n/g, '');
    assert.match(report, /`git\.force-push`/);
    assert.match(report, /Safer: /);
    await screenshot('check-command');
  });

  // Every file under `dirs` by path, with a digest of its bytes (a link by its target): what install may have written.
  function filesUnder(dirs) {
    const out = new Map();
    const walk = (dir, depth) => {
      if (depth > 12 || !fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, depth + 1);
        else if (e.isSymbolicLink()) out.set(p, `-> ${fs.readlinkSync(p)}`);
        else out.set(p, createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
      }
    };
    for (const d of dirs) walk(d, 0);
    return out;
  }

  /**
   * Paths added, removed or changed between two filesUnder() maps, but for
   * the CLI's V8 code cache: the dry run that fills the modal starts the CLI,
   * which caches its compiled code there (a cache, not a setting).
   */
  function changedFiles(before, after) {
    const cache = `${stateDir()}/code-cache/`;
    return [...new Set([...before.keys(), ...after.keys()])]
      .filter((p) => before.get(p) !== after.get(p) && !p.startsWith(cache))
      .sort();
  }

  // What install may write: the workspace, the home (launcher, user hook files) and AgentGuard's state folder.
  const installPlaces = () => [w.workspace, home(), stateDir()];
  const installsLogged = () => channelLog().match(/install exited 0/g)?.length ?? 0;
  const hookFile = () => path.join(w.workspace, '.github', 'hooks', 'agentguard.json');
  const vsSettingsFile = () => path.join(w.workspace, '.vscode', 'settings.json');
  const SANDBOX_QUESTION = "Turn on VS Code's agent sandbox (Copilot) with AgentGuard's deny-write list?";

  /** "AgentGuard: Install Agent Hooks…" from the palette, the pre-picked VS Code agent, Enter on the agentguard.cliPath modal; returns the sandbox modal's detail. */
  async function openSandboxModal({ firstTime = false } = {}) {
    // Not runFromCommandPalette: the command's own picker reuses the palette's widget at once.
    await w.page.keyboard.press('F1');
    const input = w.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill('>AgentGuard: Install Agent Hooks');
    await w.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Install Agent Hooks' })
      .first()
      .click({ timeout: TIMEOUTS.ui });
    const row = w.page.locator('.quick-input-list .monaco-list-row', { hasText: 'VS Code agent (Copilot)' });
    await row.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    if (firstTime) {
      // No ~/.claude or ~/.cursor in the sandbox: only the VS Code agent is found, and pre-picked.
      assert.match(await text(w.page.locator('.quick-input-list')), /Claude Code.*not found/s);
      // Hosts the editor has no offer for are listed by name, not pre-picked as if they were this editor.
      assert.match(await text(w.page.locator('.quick-input-list')), /Gemini CLI/);
      assert.equal((await text(w.page.locator('.quick-input-widget .quick-input-count'))).trim(), '1 Selected');
      await screenshot('install-hooks-pick', w.page.locator('.quick-input-widget'));
    }
    await input.press('Enter');
    // The user settings name another CLI: a modal asks, and its default is the bundled one.
    await dialog().waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    assert.equal(
      (await dialog().locator('.dialog-message-text').innerText()).trim(),
      'Install hooks that run the CLI from agentguard.cliPath?',
    );
    if (firstTime) {
      assert.ok((await dialog().locator('.dialog-message-detail').innerText()).includes(fakeCli));
      const focused = await pollUntil(
        async () => (await dialog().locator('.dialog-buttons .monaco-button:focus').allInnerTexts())[0]?.trim(),
        { what: 'a focused button in the modal' },
      );
      assert.equal(focused, 'Use the bundled CLI');
      await screenshot('install-cli-path-modal', dialog());
    }
    await w.page.keyboard.press('Enter');
    // Install turns on VS Code's agent sandbox: before anything is written, a modal says exactly what changes there.
    await pollUntil(
      async () =>
        (await dialog().isVisible()) &&
        (await dialog().locator('.dialog-message-text').innerText()).trim() === SANDBOX_QUESTION,
      {
        what: async () =>
          `the sandbox modal (the dialog reads "${await dialog()
            .locator('.dialog-message-text')
            .innerText()
            .catch(() => '?')}")`,
      },
    );
    return dialog().locator('.dialog-message-detail').innerText();
  }

  async function answerSandboxModal(button) {
    await dialog().getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
    log(`modal: clicked "${button}"`);
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
  }

  /** The launcher the hook runs, and proof that it runs the bundled CLI (the planted one was never pinned). */
  function assertHookRunsBundledCli(installed) {
    const launcher = path.join(home(), '.agentguard', 'bin', 'agentguard');
    assert.ok(installed.includes(`'${launcher}' hook copilot`), `the hook must run the launcher: ${installed}`);
    const trace = spawnSync(launcher, ['--version'], {
      env: { ...w.sandbox.env, AGENTGUARD_LAUNCHER_TRACE: '1' },
      encoding: 'utf8',
    });
    assert.match(
      trace.stderr,
      new RegExp(`cli ${w.sandbox.extensions.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^"' ]+/dist/cli\\.js`),
      `the launcher must run the bundled CLI: ${trace.stderr}`,
    );
    assert.ok(!installed.includes(fakeCli), 'the planted CLI must not be wired');
    assert.equal(fs.existsSync(`${fakeCli}.ran`), false, 'the planted CLI must not have run');
  }

  test('"AgentGuard: Install Agent Hooks…" asks before it changes the agent\'s sandbox; Cancel writes nothing at all (home, workspace and state folder byte for byte)', async function () {
    this.timeout(5 * TIMEOUTS.ui);
    const before = filesUnder(installPlaces());
    const detail = await openSandboxModal({ firstTime: true });
    assert.match(
      detail,
      /^Installing hooks also turns on VS Code's agent sandbox \(Copilot\): every command the agent runs is confined by the agent itself/,
      detail,
    );
    assert.match(
      detail,
      /^VS Code agent \(Copilot\) — \.vscode\/settings\.json: chat\.agent\.sandbox\.enabled set to "on" \(was unset\); chat\.agent\.sandbox\.allowUnsandboxedCommands set to false \(was unset\); chat\.agent\.sandbox\.allowAutoApprove set to false \(was unset\); \d+ paths added to its deny-write list\.$/m,
      detail,
    );
    assert.match(
      detail,
      /^The deny-write list \(\d+ paths\): .*~\/\.agentguard, ~\/\.local\/bin, .*, and \d+ more \(every one in the AgentGuard log\)\.$/m,
      detail,
    );
    assert.doesNotMatch(detail, /\)'s/, 'no possessive on a parenthesis');
    assert.deepEqual(
      changedFiles(before, filesUnder(installPlaces())),
      [],
      'nothing is written before the human answers',
    );
    await screenshot('install-sandbox-modal', dialog());
    const installs = installsLogged();
    await answerSandboxModal('Cancel');
    await pollUntil(() => /install: the hosts' sandboxes: cancelled/.test(channelLog()), {
      what: 'the log to say the install was cancelled',
    });
    assert.deepEqual(changedFiles(before, filesUnder(installPlaces())), [], 'Cancel writes nothing');
    assert.equal(installsLogged(), installs, 'no install ran');
  });

  test('"Install hooks only": the hook is wired through the launcher to the bundled CLI, and no host sandbox setting changes', async function () {
    this.timeout(5 * TIMEOUTS.ui);
    const before = filesUnder(installPlaces());
    await openSandboxModal();
    const installs = installsLogged();
    await answerSandboxModal('Install hooks only');
    await pollUntil(() => installsLogged() > installs, { what: 'the install result in the log' });
    assert.ok(/install: .* --no-host-sandbox/.test(channelLog()), 'install ran with --no-host-sandbox');
    assertHookRunsBundledCli(fs.readFileSync(hookFile(), 'utf8'));
    const changed = changedFiles(before, filesUnder(installPlaces()));
    log(`"Install hooks only" wrote: ${changed.map((p) => path.relative(w.sandbox.root, p)).join(', ')}`);
    assert.ok(changed.includes(hookFile()), changed.join('\n'));
    // The hook file, the launcher and AgentGuard's own records: no settings file of any agent's sandbox.
    const workspaceChanges = changed.filter((p) => p.startsWith(`${w.workspace}/`));
    assert.deepEqual(workspaceChanges, [hookFile()], 'in the workspace only the hook file is written');
    assert.ok(!changed.includes(vsSettingsFile()), '.vscode/settings.json is left as it was');
    assert.ok(
      changed.every(
        (p) =>
          p.startsWith(`${w.workspace}/`) || p.startsWith(`${home()}/.agentguard/`) || p.startsWith(`${stateDir()}/`),
      ),
      changed.join('\n'),
    );
    assert.ok(!fs.existsSync(path.join(w.workspace, '.claude')), 'only the picked agent is wired');
    // The human's choice is on record: declined, for the VS Code agent.
    const declined = fs
      .readFileSync(path.join(stateDir(), 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((r) => r.event === 'host-sandbox.declined');
    assert.equal(declined.length, 1, JSON.stringify(declined));
    assert.match(declined[0].changes.join('\n'), /^copilot: sandbox off\b/);
  });

  test('"Install and turn sandboxes on": VS Code\'s agent sandbox is on with AgentGuard\'s deny-write list, as the modal said', async function () {
    this.timeout(5 * TIMEOUTS.ui);
    const settingsBefore = fs.existsSync(vsSettingsFile()) ? fs.readFileSync(vsSettingsFile(), 'utf8') : undefined;
    await openSandboxModal();
    const installs = installsLogged();
    assert.equal(
      fs.existsSync(vsSettingsFile()) ? fs.readFileSync(vsSettingsFile(), 'utf8') : undefined,
      settingsBefore,
      'nothing is written before the human answers',
    );
    await answerSandboxModal('Install and turn sandboxes on');
    await pollUntil(() => installsLogged() > installs, { what: 'the install result in the log' });
    assertHookRunsBundledCli(fs.readFileSync(hookFile(), 'utf8'));
    // What the modal said is what changed: VS Code's agent sandbox on, AgentGuard's launcher folder on its deny-write list.
    const vsSettings = JSON.parse(fs.readFileSync(vsSettingsFile(), 'utf8'));
    assert.equal(vsSettings['chat.agent.sandbox.enabled'], 'on');
    assert.equal(vsSettings['chat.agent.sandbox.allowUnsandboxedCommands'], false);
    assert.ok(
      vsSettings['chat.agent.sandbox.fileSystem.linux']?.denyWrite?.includes(path.join(home(), '.agentguard')),
      JSON.stringify(vsSettings),
    );
  });

  test('Problems shows a semantic .agentguard.json error at its place (thresholds.ask ≥ deny)', async function () {
    this.timeout(6 * TIMEOUTS.ui);
    const text0 = fs.readFileSync(configFile(), 'utf8');
    fs.writeFileSync(
      configFile(),
      text0.replace('"protectedPaths"', '"thresholds": { "ask": 95, "deny": 90 },\n  "protectedPaths"'),
    );
    await w.page.keyboard.press('F1');
    const input = w.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill('.agentguard.json');
    await w.page
      .locator('.quick-input-list .monaco-list-row', { hasText: '.agentguard.json' })
      .first()
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.press('Enter');
    await pollUntil(() => /language server started/.test(channelLog()), {
      what: 'the language server to start for .agentguard.json',
    });
    await w.page.keyboard.press('F1');
    await input.fill('>View: Focus Problems');
    await w.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Focus Problems' })
      .first()
      .click({ timeout: TIMEOUTS.ui });
    const problems = w.page.locator('.markers-panel');
    await pollUntil(
      async () => (await text(problems)).includes('thresholds.ask (95) must be below thresholds.deny (90)'),
      {
        what: async () =>
          `Problems to show the thresholds error (it shows ${JSON.stringify(await text(problems).catch(() => '?'))})`,
      },
    );
    await screenshot('problems');
  });
});
