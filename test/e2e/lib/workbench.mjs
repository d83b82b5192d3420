// One real workbench per suite: what every Playwright suite does around its
// scenario, in one place. Called inside a mocha `suite`, `useWorkbench()`
// registers the suite's set-up and tear-down (a throwaway sandbox and output
// folder, a failure screenshot per failed test, live hooks killed, code-server
// and Chromium stopped and their logs kept) and returns the session the
// scenario drives: `open()` installs the packaged .vsix into the fresh profile
// and loads the workbench on the suite's workspace in Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suiteSetup, suiteTeardown, teardown } from 'mocha';
import {
  TIMEOUTS,
  codeServerCli,
  copyWorkspace,
  createSandbox,
  ensureTestHost,
  launchBrowser,
  log,
  openWorkbench,
  outputRoot,
  recordPageLog,
  repoRoot,
  seconds,
  startCodeServer,
} from './host.mjs';
import { killLiveHooks, seedExtension, seedHarness } from './hook.mjs';
import { closeSession, screenshotter } from './session.mjs';
import { vsixPath } from './vsix.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export const EXTENSION_VERSION = manifest.version;

/** `prepare` for suites that work in a copy of the fixture workspace (test/fixtures/workspace). */
export function fixtureWorkspace({ sandbox }) {
  return copyWorkspace(sandbox, path.join(repoRoot, 'test', 'fixtures', 'workspace'));
}

/** Every set-up step a suite may take, each within its own limit. */
export const SETUP_TIMEOUT = 2 * TIMEOUTS.cli + 2 * TIMEOUTS.listen + TIMEOUTS.workbench + TIMEOUTS.activation;

/**
 * `label`: the sandbox's and the output folder's name. `prepare(session)`
 * runs in suiteSetup after the sandbox exists and returns the workspace
 * folder. `harness: true` seeds the harness extension (which spawns hooks
 * from inside the extension host) before the .vsix is installed.
 * `onScreenshot(name, file)` and `beforeDispose(session)` are passed through.
 */
export function useWorkbench(
  label,
  { prepare = () => undefined, harness = false, extensions = [], sandboxParent, onScreenshot, beforeDispose } = {},
) {
  const session = {
    label,
    outDir: path.join(outputRoot, label),
    host: undefined,
    sandbox: undefined,
    workspace: undefined,
    server: undefined,
    browser: undefined,
    page: undefined,
    /** Set by `prepare` to run code-server through a wrapper (startCodeServer's `wrap`). */
    wrapServer: undefined,

    /** Installs the packaged extension into the profile; returns code-server's output. */
    installVsix() {
      const t0 = Date.now();
      const output = codeServerCli(session.host, session.sandbox, ['--install-extension', vsixPath]);
      assert.match(output, /successfully installed/);
      log(`installed ${path.relative(repoRoot, vsixPath)} in ${seconds(Date.now() - t0)}`);
      return output;
    },

    /** Starts code-server and Chromium and loads the workbench on `folder`; returns how long the load took. */
    async startWorkbench(folder = session.workspace) {
      session.server = await startCodeServer(session.host, session.sandbox, {
        logFile: path.join(session.outDir, 'code-server.log'),
        ...(session.wrapServer ? { wrap: session.wrapServer } : {}),
      });
      session.browser = await launchBrowser(session.host);
      session.page = await session.browser.browser.newPage({ viewport: { width: 1400, height: 900 } });
      recordPageLog(session.page, path.join(session.outDir, 'browser.log'));
      const loadMs = await openWorkbench(session.page, session.server.workbenchUrl(folder));
      log(`workbench loaded in ${seconds(loadMs)}`);
      return loadMs;
    },

    /** installVsix() then startWorkbench(). */
    async open(folder) {
      session.installVsix();
      return session.startWorkbench(folder);
    },

    /** Everything AgentGuard's output channel wrote this session (one log per extension host start). */
    channelLog() {
      const logs = path.join(session.sandbox.userData, 'logs');
      if (!fs.existsSync(logs)) return '';
      return fs
        .readdirSync(logs, { recursive: true })
        .map((name) => path.join(logs, name))
        .filter((file) => file.endsWith(path.join(EXTENSION_ID, 'AgentGuard.log')))
        .map((file) => fs.readFileSync(file, 'utf8'))
        .join('\n');
    },

    /** The workbench's modal dialog. */
    dialog: () => session.page.locator('.monaco-dialog-box'),
  };
  session.screenshot = screenshotter(session.outDir, () => session.page, onScreenshot);

  suiteSetup(function () {
    this.timeout(TIMEOUTS.install);
    fs.rmSync(session.outDir, { recursive: true, force: true });
    fs.mkdirSync(session.outDir, { recursive: true });
    session.host = ensureTestHost();
    session.sandbox = createSandbox(label, sandboxParent ? { parent: sandboxParent } : {});
    if (harness) seedHarness(session.sandbox);
    for (const dir of extensions) seedExtension(session.sandbox, dir);
    session.workspace = prepare(session);
  });

  teardown(async function () {
    killLiveHooks();
    const page = session.page;
    if (this.currentTest?.state === 'failed' && page && !page.isClosed()) {
      const name = `failure-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      await session.screenshot(name).catch((err) => log(`no failure screenshot: ${err.message}`));
    }
  });

  suiteTeardown(async function () {
    this.timeout(4 * TIMEOUTS.shutdown);
    await closeSession({
      browser: session.browser,
      server: session.server,
      sandbox: session.sandbox,
      outDir: session.outDir,
      beforeDispose: () => beforeDispose?.(session),
    });
  });

  return session;
}
