// The test host: code-server (real VS Code workbench, real Node extension
// host) started in a throwaway profile, and Debian's Chromium driven by
// playwright-core to render it. Shared by the end-to-end runner and by the
// launcher that stands in for a VS Code executable.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { confirmedState } from '../../../scripts/confirm-state.mjs';

export const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
const { chromium } = requireFromRepo('playwright-core');

/** Where logs and screenshots of a run go (gitignored). */
export const outputRoot = path.resolve(process.env.AGENTGUARD_E2E_OUTPUT ?? path.join(repoRoot, 'test-output', 'e2e'));

// Generous because other builds may share the two cores; every wait is
// still bounded so a hang fails the run instead of stalling CI.
export const TIMEOUTS = {
  install: 40 * 60_000,
  cli: 120_000,
  listen: 60_000,
  workbench: 120_000,
  activation: 120_000,
  ui: 30_000,
  shutdown: 10_000,
};

const started = Date.now();
export function log(message) {
  console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Polls `probe` until it returns something truthy. Tests wait for states,
 * never for a fixed time. `what` (a string, or a function for a message
 * that shows the last state) names the state in the timeout error.
 */
export async function pollUntil(probe, { timeout = TIMEOUTS.ui, interval = 100, what }) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const description = typeof what === 'function' ? await what() : what;
      throw new Error(
        `timed out after ${seconds(timeout)} waiting for ${description}${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// --- the installed host ------------------------------------------------------

let installed;

/** Installs the host (or finds it in the cache) and returns absolute paths into it. */
export function ensureTestHost() {
  if (installed) return installed;
  const script = path.join(repoRoot, 'scripts', 'install-test-host.sh');
  const t0 = Date.now();
  const result = spawnSync('bash', [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: TIMEOUTS.install,
  });
  if (result.status !== 0) {
    throw new Error(
      `${path.relative(repoRoot, script)} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
    );
  }
  const dir = result.stdout.trim().split('\n').pop();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'host.json'), 'utf8'));
  installed = {
    dir,
    key: manifest.key,
    codeServerVersion: manifest.codeServerVersion,
    node: path.join(dir, manifest.node),
    codeServer: path.join(dir, manifest.codeServer),
    chromium: manifest.chromium,
    installMs: Date.now() - t0,
  };
  return installed;
}

// --- a throwaway profile -----------------------------------------------------

// Variables that would point the host or the extension at the developer's
// real profile, or change how Node runs inside code-server.
const LEAKY_ENV = /^(AGENTGUARD_STATE_DIR|NODE_OPTIONS|VSCODE_.*|ELECTRON_.*|XDG_.*)$/;

/**
 * Fresh HOME and XDG folders, user-data-dir and extensions-dir. code-server
 * writes ~/.config/code-server, Chromium ~/.config/chromium, AgentGuard its
 * kill switch under $XDG_STATE_HOME: none of it may touch the real profile.
 */
export function createSandbox(label, { extraEnv = {}, parent = os.tmpdir() } = {}) {
  fs.mkdirSync(parent, { recursive: true });
  const root = fs.mkdtempSync(path.join(parent, `agentguard-e2e-${label}-`));
  const dirs = {
    home: path.join(root, 'home'),
    config: path.join(root, 'xdg', 'config'),
    cache: path.join(root, 'xdg', 'cache'),
    data: path.join(root, 'xdg', 'data'),
    state: path.join(root, 'xdg', 'state'),
    runtime: path.join(root, 'xdg', 'runtime'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !LEAKY_ENV.test(name)));
  Object.assign(env, {
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
    ...extraEnv,
  });

  // The sandbox's state folder, confirmed as the editor or `agentguard install` confirms its own: a hook started here
  // before the sandbox's editor (or with none) honours it too.
  confirmedState(env.AGENTGUARD_STATE_DIR || path.join(dirs.state, 'agentguard'));
  ensureUserSettings(dirs.userData);
  liveSandboxes.add(root);
  return {
    root,
    ...dirs,
    env,
    dispose() {
      liveSandboxes.delete(root);
      if (process.env.AGENTGUARD_E2E_KEEP === '1') {
        log(`kept sandbox ${root}`);
        return;
      }
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

// A quiet workbench: no welcome page, chat panel, update or telemetry
// traffic, so screenshots show the extension and CPU goes to the test.
// Settings a caller already put in the profile are kept.
export function ensureUserSettings(userData) {
  const file = path.join(userData, 'User', 'settings.json');
  if (fs.existsSync(file)) return;
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Copies a fixture folder into the sandbox so a run never dirties the checkout. */
export function copyWorkspace(sandbox, fixture) {
  const target = path.join(sandbox.root, path.basename(fixture));
  fs.cpSync(fixture, target, { recursive: true });
  return target;
}

// --- processes ---------------------------------------------------------------

// Process groups this process started, and sandboxes not yet disposed.
// However we exit, no code-server or Chromium outlives the run and no
// throwaway profile is left in the temp folder.
const liveGroups = new Map();
const liveSandboxes = new Set();

process.on('exit', () => {
  for (const pid of liveGroups.keys()) killGroup(pid, 'SIGKILL');
  if (process.env.AGENTGUARD_E2E_KEEP === '1') return;
  for (const root of liveSandboxes) {
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 2 });
    } catch (err) {
      // A host that was just killed may still be writing into it.
      console.error(`could not remove ${root}: ${err.message}`);
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping ${[...liveGroups.values()].join(', ') || 'nothing'}`);
    process.exit(128 + os.constants.signals[signal]);
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  return killGroup(pid, 0);
}

/** SIGTERM to the whole group, then SIGKILL if it lingers. */
export async function stopGroup(pid, name) {
  if (!pid || !liveGroups.has(pid)) return;
  const t0 = Date.now();
  killGroup(pid, 'SIGTERM');
  try {
    await pollUntil(() => !groupAlive(pid), { timeout: TIMEOUTS.shutdown, what: `${name} to exit` });
    log(`${name} stopped in ${seconds(Date.now() - t0)}`);
  } catch {
    log(`${name} ignored SIGTERM for ${seconds(Date.now() - t0)}; killing it`);
    killGroup(pid, 'SIGKILL');
  }
  liveGroups.delete(pid);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function profileArgs(sandbox) {
  return ['--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions];
}

/** Runs code-server's CLI (install or list extensions) against the sandbox profile. */
export function codeServerCli(host, sandbox, args) {
  const result = spawnSync(host.node, [host.codeServer, ...profileArgs(sandbox), ...args], {
    env: sandbox.env,
    cwd: sandbox.root,
    encoding: 'utf8',
    timeout: TIMEOUTS.cli,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(
      `code-server ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${output}`,
    );
  }
  return result.stdout;
}

/**
 * argv run as an account of this user whose passwd home is the sandbox's
 * HOME (bubblewrap binds a copy of /etc/passwd in a mount namespace of its
 * own): the extension takes the account's home, not HOME, for its launcher,
 * hook files and records, so each editor gets the home the test gave it.
 * Without bubblewrap, argv as it is.
 */
export function asSandboxAccount(sandbox, argv) {
  const bwrap = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p));
  if (!bwrap || process.platform !== 'linux') return argv;
  const uid = process.getuid();
  let found = false;
  const lines = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const f = line.split(':');
      if (found || f.length < 7 || Number(f[2]) !== uid) return line;
      found = true;
      f[5] = sandbox.home;
      return f.join(':');
    });
  if (!found) lines.push(`agentguard-e2e:x:${uid}:${process.getgid()}:AgentGuard e2e:${sandbox.home}:/bin/sh`);
  const passwd = path.join(sandbox.root, 'passwd');
  fs.writeFileSync(passwd, lines.join('\n') + '\n');
  return [bwrap, '--dev-bind', '/', '/', '--ro-bind', passwd, '/etc/passwd', '--', ...argv];
}

/**
 * Starts code-server in its own process group and waits until it answers.
 * `testDriver` honours development and test paths passed in the page URL.
 * `wrap(argv)` returns the command line that runs argv (e.g. under another
 * OS user, in a mount namespace of the test's own); by default as an account
 * whose home is the sandbox's HOME (asSandboxAccount).
 */
export async function startCodeServer(
  host,
  sandbox,
  { logFile, testDriver = false, wrap = (argv) => asSandboxAccount(sandbox, argv) },
) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      host.codeServer,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      ...profileArgs(sandbox),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    const out = fs.openSync(logFile, 'a');
    const [command, ...rest] = wrap([host.node, ...args]);
    const child = spawn(command, rest, {
      env: sandbox.env,
      cwd: sandbox.root,
      detached: true,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    liveGroups.set(child.pid, 'code-server');
    let exit;
    child.on('exit', (code, signal) => {
      exit = { code, signal };
    });
    const t0 = Date.now();
    try {
      await pollUntil(
        async () => {
          if (exit)
            throw new Error(
              `code-server exited (${exit.code ?? exit.signal}); see ${path.relative(repoRoot, logFile)}`,
            );
          const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
          return response.ok;
        },
        { timeout: TIMEOUTS.listen, interval: 100, what: `code-server on port ${port}` },
      );
    } catch (err) {
      await stopGroup(child.pid, 'code-server');
      // Another process may have taken the port between freePort() and bind.
      if (attempt < 3 && /EADDRINUSE/.test(fs.readFileSync(logFile, 'utf8'))) continue;
      throw err;
    }
    log(`code-server ${host.codeServerVersion} listening on 127.0.0.1:${port} after ${seconds(Date.now() - t0)}`);
    return {
      port,
      pid: child.pid,
      get exited() {
        return exit;
      },
      workbenchUrl(folder, payload) {
        const url = new URL(`http://127.0.0.1:${port}/`);
        if (folder) url.searchParams.set('folder', folder);
        if (payload) url.searchParams.set('payload', JSON.stringify(payload));
        return url.toString();
      },
      remoteUri(absolutePath) {
        return `vscode-remote://127.0.0.1:${port}${absolutePath}`;
      },
      stop: () => stopGroup(child.pid, 'code-server'),
    };
  }
}

/**
 * Debian's Chromium, never a downloaded browser. Launched as a server so
 * its process is known and can be killed even when Playwright hangs.
 */
export async function launchBrowser(host) {
  const server = await chromium.launchServer({
    executablePath: host.chromium,
    headless: true,
    timeout: TIMEOUTS.listen,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const pid = server.process().pid;
  liveGroups.set(pid, 'chromium');
  const browser = await chromium.connect(server.wsEndpoint(), { timeout: TIMEOUTS.listen });
  return {
    browser,
    async close() {
      await Promise.race([
        browser
          .close()
          .then(() => server.close())
          .catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, TIMEOUTS.shutdown)),
      ]);
      await stopGroup(pid, 'chromium');
    },
  };
}

/** Sends the page's console and errors to a log file, not to the CI log. */
export function recordPageLog(page, logFile) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const write = (line) => fs.appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  page.on('console', (message) => write(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (err) => write(`[pageerror] ${err.stack ?? err.message}`));
  page.on('crash', () => write('[crash] the page crashed'));
}

/** Opens the workbench and waits until it has rendered its status bar; returns how long that took. */
export async function openWorkbench(page, url) {
  const t0 = Date.now();
  await page.goto(url, { timeout: TIMEOUTS.workbench, waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
  return Date.now() - t0;
}

/** Copies the host's own logs (extension host, output channels) next to ours. */
export function collectHostLogs(sandbox, targetDir) {
  const logs = path.join(sandbox.userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(targetDir, 'host-logs'), { recursive: true });
}
