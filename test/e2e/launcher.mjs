#!/usr/bin/env node
// Stands in for a VS Code executable. @vscode/test-electron's runTests()
// spawns it with Electron-style arguments; it runs the same extension tests
// in code-server (real workbench, real Node extension host) rendered by
// Chromium, and exits with the tests' own exit code. Where a desktop VS Code
// exists, runTests() is pointed at it instead and nothing else changes.
//
// Understood: --extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, and one workspace folder. Other
// Electron flags (--no-sandbox, --disable-updates, ...) mean nothing here.
//
// Environment: AGENTGUARD_E2E_LABEL names the output folder (default
// "launcher"); AGENTGUARD_E2E_TESTS_TIMEOUT_MS bounds the test run
// (default 5 minutes).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  collectHostLogs,
  createSandbox,
  ensureTestHost,
  ensureUserSettings,
  launchBrowser,
  log,
  outputRoot,
  pollUntil,
  recordPageLog,
  seconds,
  openWorkbench,
  startCodeServer,
} from './lib/host.mjs';

const WORKBENCH_FRAME = /^\s+at .*\(?https?:\/\/127\.0\.0\.1:\d+\//;
const testsTimeout = Number(process.env.AGENTGUARD_E2E_TESTS_TIMEOUT_MS ?? 5 * 60_000);

function parseArgs(argv) {
  const options = {
    developmentPaths: [],
    testsPath: undefined,
    userDataDir: undefined,
    extensionsDir: undefined,
    folders: [],
    ignored: [],
  };
  const valued = {
    '--extensionDevelopmentPath': (v) => options.developmentPaths.push(path.resolve(v)),
    '--extensionTestsPath': (v) => {
      options.testsPath = path.resolve(v);
    },
    '--user-data-dir': (v) => {
      options.userDataDir = path.resolve(v);
    },
    '--extensions-dir': (v) => {
      options.extensionsDir = path.resolve(v);
    },
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--')
      ? [arg.split('=', 1)[0], arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined]
      : [arg, undefined];
    if (valued[name]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value`);
      valued[name](value);
    } else if (arg.startsWith('-')) {
      options.ignored.push(arg);
    } else {
      options.folders.push(path.resolve(arg));
    }
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // The workbench takes the development path from a map in the page URL:
  // one per run.
  if (options.developmentPaths.length > 1)
    throw new Error('code-server runs one --extensionDevelopmentPath per window');
  if (options.folders.length > 1) throw new Error(`one workspace folder per run, got ${options.folders.join(', ')}`);
  const folder = options.folders[0];
  if (folder && !fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`workspace folder ${folder} does not exist`);
  if (options.ignored.length) log(`launcher: not applicable to code-server, ignored: ${options.ignored.join(' ')}`);

  const label = process.env.AGENTGUARD_E2E_LABEL ?? 'launcher';
  const outDir = path.join(outputRoot, label);
  fs.mkdirSync(outDir, { recursive: true });

  const host = ensureTestHost();
  // The caller's throwaway state folder (runTests' extensionTestsEnv) is
  // the one variable of the developer's environment kept.
  const sandbox = createSandbox(label, {
    extraEnv: process.env.AGENTGUARD_STATE_DIR ? { AGENTGUARD_STATE_DIR: process.env.AGENTGUARD_STATE_DIR } : {},
  });
  if (options.userDataDir) {
    sandbox.userData = options.userDataDir;
    fs.mkdirSync(sandbox.userData, { recursive: true });
    ensureUserSettings(sandbox.userData);
  }
  if (options.extensionsDir) {
    sandbox.extensions = options.extensionsDir;
    fs.mkdirSync(sandbox.extensions, { recursive: true });
  }

  let server;
  let browser;
  let page;
  let code = 1;
  // runTests() may be killed without passing the signal on; an orphaned
  // launcher must not keep code-server running until its timeout.
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parent) {
      log('launcher: parent process gone; stopping');
      process.exit(1);
    }
  }, 1000);
  orphanWatch.unref();

  try {
    server = await startCodeServer(host, sandbox, {
      logFile: path.join(outDir, 'code-server.log'),
      testDriver: Boolean(options.testsPath || options.developmentPaths.length),
    });
    browser = await launchBrowser(host);
    page = await browser.browser.newPage({ viewport: { width: 1400, height: 900 } });
    recordPageLog(page, path.join(outDir, 'browser.log'));

    let reportExit;
    const exited = new Promise((resolve) => {
      reportExit = resolve;
    });
    // The workbench calls these when the test driver is enabled: log lines
    // of the extension host, and its exit code once run() settles.
    const automationLog = path.join(outDir, 'automation.log');
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      fs.appendFileSync(automationLog, `[${level}] ${text}\n`);
      // Stack frames inside the workbench bundle say nothing about our code.
      process.stdout.write(
        `${text
          .split('\n')
          .filter((line) => !WORKBENCH_FRAME.test(line))
          .join('\n')}\n`,
      );
    });
    await page.exposeFunction('codeAutomationExit', (exitCode, logs) => {
      for (const entry of Array.isArray(logs) ? logs : []) {
        if (!entry?.relativePath || typeof entry.contents !== 'string') continue;
        const target = path.join(
          outDir,
          'host-exit-logs',
          path.normalize(entry.relativePath).replace(/^(\.\.[/\\])+/, ''),
        );
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, entry.contents);
      }
      reportExit(exitCode);
    });

    const payload = [];
    if (options.developmentPaths[0])
      payload.push(['extensionDevelopmentPath', server.remoteUri(options.developmentPaths[0])]);
    if (options.testsPath) payload.push(['extensionTestsPath', server.remoteUri(options.testsPath)]);
    const loadMs = await openWorkbench(page, server.workbenchUrl(folder, payload.length ? payload : undefined));
    log(`launcher: workbench loaded in ${seconds(loadMs)}`);

    if (!options.testsPath) {
      log('launcher: no --extensionTestsPath; nothing to wait for');
      code = 0;
    } else {
      const t0 = Date.now();
      code = await Promise.race([
        exited,
        pollUntil(() => server.exited || page.isClosed(), {
          timeout: testsTimeout,
          interval: 500,
          what: 'the extension tests to finish',
        }).then(() => {
          throw new Error(
            server.exited
              ? `code-server exited (${server.exited.code ?? server.exited.signal}) during the tests`
              : 'the workbench page closed during the tests',
          );
        }),
      ]);
      log(`launcher: extension tests finished with exit code ${code} after ${seconds(Date.now() - t0)}`);
    }
  } catch (err) {
    log(`launcher: ${err.message}`);
    if (page && !page.isClosed()) await page.screenshot({ path: path.join(outDir, 'failure.png') }).catch(() => {});
    code = 1;
  } finally {
    await browser?.close();
    await server?.stop();
    collectHostLogs(sandbox, outDir);
    sandbox.dispose();
  }
  return typeof code === 'number' ? code : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`launcher: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
