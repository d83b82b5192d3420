// The packaged extension as a user gets it: agentguard.vsix installed into
// a fresh code-server profile, the fixture workspace opened in Chromium, the
// kill switch clicked in the real status bar and released through the real
// modal. The harness extension (test/e2e/harness) reports from inside the
// extension host what AgentGuard's API says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import {
  TIMEOUTS, codeServerCli, collectHostLogs, copyWorkspace, createSandbox, ensureTestHost, launchBrowser, log,
  outputRoot, pollUntil, recordPageLog, repoRoot, seconds, openWorkbench, startCodeServer,
} from './lib/host.mjs';
import { vsixPath } from './lib/vsix.mjs';

const outDir = path.join(outputRoot, 'workbench');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const HARNESS_DIR = path.join(repoRoot, 'test', 'e2e', 'harness');
const harnessManifest = JSON.parse(fs.readFileSync(path.join(HARNESS_DIR, 'package.json'), 'utf8'));
const HARNESS_ID = `${harnessManifest.publisher}.${harnessManifest.name}`;
// VS Code gives a status-bar item the id `<extension id>.<item id>`.
const KILL_SWITCH_ITEM = `[id="${EXTENSION_ID}.agentguard.killSwitch"]`;
const RELEASE_QUESTION = 'Release the AgentGuard kill switch?';

suite('Workbench: the installed .vsix in code-server', function () {
  // Each step builds on the one before; after a failure the rest would only
  // time out.
  this.bail(true);

  let host;
  let sandbox;
  let workspace;
  let server;
  let browser;
  let page;
  let reportFile;
  let stateFile;
  let screenshots = 0;

  function harnessEvents(name) {
    if (!fs.existsSync(reportFile)) return [];
    return fs.readFileSync(reportFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
      .filter((event) => !name || event.event === name);
  }

  function killSwitchChanges() {
    return harnessEvents('kill-switch-changed').map((event) => event.engaged);
  }

  function readStateFile() {
    return fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : undefined;
  }

  async function screenshot(name, locator = page) {
    const file = path.join(outDir, `${String(++screenshots).padStart(2, '0')}-${name}.png`);
    await locator.screenshot({ path: file, timeout: TIMEOUTS.ui });
    log(`screenshot ${path.relative(repoRoot, file)}`);
  }

  async function statusText() {
    return (await page.locator(KILL_SWITCH_ITEM).innerText({ timeout: TIMEOUTS.ui })).trim();
  }

  async function waitForStatus(text, icon) {
    await pollUntil(async () => (await statusText()) === text
      && await page.locator(`${KILL_SWITCH_ITEM} .codicon-${icon}`).count() === 1, {
      what: async () => `the status bar item to read "${text}" with the ${icon} icon (it reads "${await statusText().catch(() => '?')}")`,
    });
  }

  async function runFromCommandPalette(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill(`>${title}`);
    const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await entry.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await entry.click({ timeout: TIMEOUTS.ui });
    await input.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    log(`command palette: ran "${title}"`);
  }

  suiteSetup(function () {
    this.timeout(TIMEOUTS.install);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    host = ensureTestHost();
    sandbox = createSandbox('workbench');
    reportFile = path.join(sandbox.root, 'harness-report.jsonl');
    sandbox.env.AGENTGUARD_E2E_REPORT = reportFile;
    // AgentGuard resolves its state folder from XDG_STATE_HOME here, as it
    // would for a user without AGENTGUARD_STATE_DIR.
    stateFile = path.join(sandbox.state, 'agentguard', 'killswitch.json');
    workspace = copyWorkspace(sandbox, path.join(repoRoot, 'test', 'fixtures', 'workspace'));
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && page && !page.isClosed()) {
      const name = `failure-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      await screenshot(name).catch((err) => log(`no failure screenshot: ${err.message}`));
    }
  });

  suiteTeardown(async function () {
    this.timeout(4 * TIMEOUTS.shutdown);
    await browser?.close();
    await server?.stop();
    if (sandbox) {
      collectHostLogs(sandbox, outDir);
      if (fs.existsSync(reportFile)) fs.copyFileSync(reportFile, path.join(outDir, 'harness-report.jsonl'));
      sandbox.dispose();
    }
  });

  suite('(a) install and activation', () => {
    test('the .vsix installs into a fresh profile beside the pre-seeded harness', function () {
      this.timeout(2 * TIMEOUTS.cli);
      // Seeded before the first install, so VS Code records it in the
      // profile's extensions.json together with the .vsix.
      fs.cpSync(HARNESS_DIR, path.join(sandbox.extensions, `${HARNESS_ID}-${harnessManifest.version}`), { recursive: true });
      const t0 = Date.now();
      const output = codeServerCli(host, sandbox, ['--install-extension', vsixPath]);
      assert.match(output, /successfully installed/);
      log(`installed ${path.relative(repoRoot, vsixPath)} in ${seconds(Date.now() - t0)}`);
      const installed = codeServerCli(host, sandbox, ['--list-extensions', '--show-versions']).split('\n').filter(Boolean).sort();
      assert.deepEqual(installed, [`${EXTENSION_ID}@${manifest.version}`, `${HARNESS_ID}@${harnessManifest.version}`].sort());
      log(`extensions in the profile: ${installed.join(', ')}`);
    });

    test('the workbench loads the fixture workspace', async function () {
      this.timeout(TIMEOUTS.listen * 2 + TIMEOUTS.workbench);
      server = await startCodeServer(host, sandbox, { logFile: path.join(outDir, 'code-server.log') });
      browser = await launchBrowser(host);
      page = await browser.browser.newPage({ viewport: { width: 1400, height: 900 } });
      recordPageLog(page, path.join(outDir, 'browser.log'));
      const loadMs = await openWorkbench(page, server.workbenchUrl(workspace));
      const folder = path.basename(workspace);
      await pollUntil(async () => (await page.title()).includes(folder), { what: `the window title to name ${folder}` });
      log(`workbench loaded in ${seconds(loadMs)}: "${await page.title()}"`);
    });

    test('AgentGuard activates by itself and its API reports the kill switch released', async function () {
      this.timeout(TIMEOUTS.activation + TIMEOUTS.ui);
      const [activated] = await pollUntil(() => {
        const failed = harnessEvents().find((e) => e.event === 'agentguard-missing' || e.event === 'agentguard-not-activated');
        if (failed) throw new assert.AssertionError({ message: `harness: ${JSON.stringify(failed)}` });
        const events = harnessEvents('agentguard-activated');
        return events.length ? events : undefined;
      }, { timeout: TIMEOUTS.activation, interval: 250, what: `the harness to see ${EXTENSION_ID} activate (report: ${reportFile})` });
      assert.equal(activated.version, manifest.version);
      assert.equal(path.dirname(activated.extensionPath), sandbox.extensions, 'AgentGuard must run from the installed .vsix');
      assert.equal(activated.hasKillSwitchApi, true);
      assert.equal(activated.engaged, false);
      log(`extension activated: ${EXTENSION_ID}@${activated.version} from the .vsix; API killSwitch.engaged = ${activated.engaged}`);
    });

    test('the AgentGuard output channel logs the activation', async function () {
      this.timeout(2 * TIMEOUTS.ui);
      const logs = path.join(sandbox.userData, 'logs');
      const channelLog = await pollUntil(() => fs.readdirSync(logs, { recursive: true })
        .map((name) => path.join(logs, name))
        .find((file) => file.endsWith(path.join(EXTENSION_ID, 'AgentGuard.log'))), { what: 'the AgentGuard output channel log' });
      const line = await pollUntil(() => fs.readFileSync(channelLog, 'utf8').split('\n').find((l) => l.includes('AgentGuard activated')),
        { what: `"AgentGuard activated" in ${channelLog}` });
      assert.match(line, /AgentGuard activated; kill switch released/);
      log(`output channel "AgentGuard": ${line.trim()}`);
    });

    test('"AgentGuard: Show Log" shows the channel in the Output panel', async function () {
      this.timeout(3 * TIMEOUTS.ui);
      await runFromCommandPalette('AgentGuard: Show Log');
      // The editor renders spaces as no-break spaces.
      const lines = page.locator('.part.panel .monaco-editor .view-lines');
      const shown = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
      await pollUntil(async () => (await shown()).includes('AgentGuard activated; kill switch released'), {
        what: async () => `the Output panel to show "AgentGuard activated" (it shows "${await shown().catch(() => '?')}")`,
      });
      log('Output panel shows the AgentGuard channel');
    });

    test('the kill switch shows in the status bar', async function () {
      this.timeout(2 * TIMEOUTS.ui);
      const item = page.locator(KILL_SWITCH_ITEM);
      await item.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      await waitForStatus('AgentGuard', 'shield');
      assert.match(await item.getAttribute('aria-label'), /Click to halt every agent/);
      log(`status bar: "${await statusText()}" (shield icon)`);
      await screenshot('workbench');
    });
  });

  suite('(b) one click halts every agent', () => {
    test('clicking the status-bar item engages the kill switch in the extension, the state file and the status bar', async function () {
      this.timeout(3 * TIMEOUTS.ui);
      await page.locator(KILL_SWITCH_ITEM).click({ timeout: TIMEOUTS.ui });
      log('clicked the kill switch in the status bar');
      await pollUntil(() => killSwitchChanges().length >= 1, { what: 'the extension to report the kill switch change' });
      assert.deepEqual(killSwitchChanges(), [true], 'the API must say engaged after one click, without a question');
      log('extension: killSwitch.engaged = true');
      const saved = await pollUntil(() => readStateFile()?.engaged === true && readStateFile(), { what: `${stateFile} to say engaged` });
      assert.equal(saved.by, 'user');
      log(`state file: ${JSON.stringify(saved)}`);
      await waitForStatus('Agents halted', 'circle-slash');
      assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'engaging must not ask');
      log(`status bar: "${await statusText()}"`);
      await screenshot('engaged');
    });
  });

  suite('(c) releasing asks in a real modal', () => {
    async function openReleaseModal() {
      await page.locator(KILL_SWITCH_ITEM).click({ timeout: TIMEOUTS.ui });
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      await pollUntil(async () => (await dialog.locator('.dialog-message-text').innerText()).trim() === RELEASE_QUESTION,
        { what: `the modal to ask "${RELEASE_QUESTION}"` });
      log(`modal shown: "${RELEASE_QUESTION}"`);
      return dialog;
    }

    async function answer(dialog, button) {
      await dialog.getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
      log(`modal: clicked "${button}"`);
      await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    }

    test('Cancel keeps agents halted', async function () {
      this.timeout(4 * TIMEOUTS.ui);
      const dialog = await openReleaseModal();
      await answer(dialog, 'Cancel');
      await waitForStatus('Agents halted', 'circle-slash');
      assert.equal(readStateFile()?.engaged, true);
      // The API's view is checked after Release: the harness must then have
      // seen exactly one engage and one release, none from this Cancel.
    });

    test('Release releases the kill switch in the extension, the state file and the status bar', async function () {
      this.timeout(5 * TIMEOUTS.ui);
      const dialog = await openReleaseModal();
      assert.ok(await dialog.getAttribute('aria-modal'), 'the dialog must be modal');
      await screenshot('release-modal');
      await screenshot('release-modal-dialog', dialog);
      await answer(dialog, 'Release');
      await pollUntil(() => killSwitchChanges().length >= 2, { what: 'the extension to report the release' });
      assert.deepEqual(killSwitchChanges(), [true, false], 'one engage, then one release (Cancel changed nothing)');
      log('extension: killSwitch.engaged = false');
      const saved = await pollUntil(() => readStateFile()?.engaged === false && readStateFile(), { what: `${stateFile} to say released` });
      log(`state file: ${JSON.stringify(saved)}`);
      await waitForStatus('AgentGuard', 'shield');
      log(`status bar: "${await statusText()}"`);
      await screenshot('released');
    });
  });
});
