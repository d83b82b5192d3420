// The hook on a real user's machine, from the packaged extension: agentguard.vsix
// unpacked where VS Code keeps it (~/.vscode/extensions/agentguard.agentguard-VERSION)
// in a throwaway HOME, hooks installed from there with a Node kept under HOME
// (as nvm keeps it). Then what happens to users: the editor installs a newer
// version and deletes the old folder, the version manager moves the Node, a
// machine has no node on PATH (code-server's Node 24, from the test host,
// stands in for an editor's Electron binary run with ELECTRON_RUN_AS_NODE=1),
// and at last no AgentGuard is left. Each host's installed hook is run as that
// host runs it (the command line through `sh -c`, Cline's hook file and Amp's
// delegate program directly, OpenCode's plugin loaded) after every step.
//
// Second suite, in the real workbench: hooks an older AgentGuard wrote (a
// pinned node, a versioned folder since deleted) are repaired when the
// extension starts, with a notification naming each one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import {
  TIMEOUTS,
  asSandboxAccount,
  createSandbox,
  ensureTestHost,
  log,
  pollUntil,
  repoRoot,
  seconds,
} from './lib/host.mjs';
import { vsixPath } from './lib/vsix.mjs';
import { SETUP_TIMEOUT, fixtureWorkspace, useWorkbench } from './lib/workbench.mjs';
import { confirmedState } from '../../scripts/confirm-state.mjs';

const requireOut = createRequire(path.join(repoRoot, 'out', 'index.js'));
const { HOSTS } = requireOut('./src/core/hosts/types.js');
const { hostAdapter } = requireOut('./src/core/hosts/index.js');
const { LAUNCHER_REASONS, launcherPath } = requireOut('./src/core/launcher/index.js');
const { writeLauncher, readLauncher } = requireOut('./src/core/launcher/file.js');
const { hookCommand, hookFile } = requireOut('./src/core/hosts/hostConfig.js');
const { hookScript, legacyHookCommand } = requireOut('./src/core/hosts/hostFiles.js');
const { wiredCommands } = requireOut('./src/core/launcher/wiring.js');
const { POCKETOS, notBlocked, runInstalledHook } = requireOut('./test/unit/support/launcherHarness.js');

/** Each host's exit code when the launcher blocks: 0 where the block is read from stdout. */
const BLOCK_EXIT = {
  claude: 2,
  cursor: 2,
  copilot: 2,
  'copilot-cli': 0,
  windsurf: 2,
  cline: 0,
  gemini: 2,
  codex: 2,
  kiro: 2,
  augment: 2,
  amp: 2,
  opencode: 0,
  qwen: 2,
};

/** Unpacks agentguard.vsix as the editor does: its `extension/` folder becomes `<root>/agentguard.agentguard-<version>`. */
function unpackVsix(root, version, scratch) {
  const tmp = fs.mkdtempSync(path.join(scratch, 'vsix-'));
  const r = spawnSync('unzip', ['-q', vsixPath, 'extension/*', '-d', tmp], { encoding: 'utf8' });
  assert.equal(r.status, 0, `unzip: ${r.stderr}`);
  const folder = path.join(root, `agentguard.agentguard-${version}`);
  fs.mkdirSync(root, { recursive: true });
  fs.renameSync(path.join(tmp, 'extension'), folder);
  fs.rmSync(tmp, { recursive: true, force: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  manifest.version = version;
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  return folder;
}

suite('Field: a packaged install through updates, a moved Node, no Node, and no AgentGuard left', function () {
  this.bail(true);
  let sandbox;
  let host;
  let workspace;
  let extensions;
  let keptNode;
  let pathWithNode;
  let states = 0;

  /** The sandbox environment with a PATH, and a fresh state folder per call (gated calls in a row would trip the rate limiter). */
  function env(PATH) {
    const state = path.join(sandbox.root, `state-${++states}`);
    fs.mkdirSync(state, { recursive: true, mode: 0o700 });
    return { ...sandbox.env, PATH, AGENTGUARD_STATE_DIR: confirmedState(state), AGENTGUARD_JUDGE: 'off' };
  }

  /** What the launcher picks, from its trace. */
  function picked(PATH) {
    const r = spawnSync(launcherPath(sandbox.home), ['--version'], {
      env: { ...env(PATH), AGENTGUARD_LAUNCHER_TRACE: '1' },
      encoding: 'utf8',
      timeout: TIMEOUTS.cli,
    });
    const m = /agentguard launcher: cli (.*), runtime (.*) \((node|electron)\)/.exec(r.stderr);
    assert.ok(m, `launcher trace: ${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
    return { cli: m[1], runtime: m[2], kind: m[3], version: r.stdout.trim() };
  }

  /** Every host's hook still judges: the PocketOS call is blocked, `git status` is not. */
  function everyHostJudges(PATH, step) {
    for (const h of HOSTS) {
      const harmless = runInstalledHook(h, { workspace, home: sandbox.home, env: env(PATH), command: 'git status' });
      // Amp's delegate contract has no "no decision": a harmless call gets Amp's own default, its prompt.
      if (h === 'amp')
        assert.match(harmless.stderr, /no objection; Amp asks/, `${step}: amp: ${JSON.stringify(harmless)}`);
      else assert.ok(notBlocked(harmless), `${step}: ${h}: git status was blocked: ${JSON.stringify(harmless)}`);
      const pocketos = runInstalledHook(h, { workspace, home: sandbox.home, env: env(PATH), command: POCKETOS });
      assert.ok(
        pocketos.read.ok && pocketos.read.decision !== 'allow' && pocketos.read.decision !== 'defer',
        `${step}: ${h}: the PocketOS call was not blocked: ${JSON.stringify(pocketos)}`,
      );
    }
    log(`${step}: all ${HOSTS.length} hosts' hooks judged (git status not blocked, the PocketOS volumeDelete blocked)`);
  }

  suiteSetup(function () {
    this.timeout(TIMEOUTS.install);
    host = ensureTestHost();
    sandbox = createSandbox('field');
    workspace = path.join(sandbox.home, 'code', 'acme-api');
    fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
    extensions = path.join(sandbox.home, '.vscode', 'extensions');
    keptNode = path.join(sandbox.home, '.nvm', 'versions', 'node', 'v20', 'bin', 'node');
    fs.mkdirSync(path.dirname(keptNode), { recursive: true });
    fs.copyFileSync(process.execPath, keptNode);
    fs.chmodSync(keptNode, 0o755);
    pathWithNode = `${path.dirname(keptNode)}:${process.env.PATH}`;
  });

  suiteTeardown(() => sandbox?.dispose());

  test('install from the packaged extension with a Node under HOME: hook files run the launcher, no version, no node path', function () {
    this.timeout(TIMEOUTS.cli);
    const folder = unpackVsix(extensions, '0.1.0', sandbox.root);
    // Install writes the launcher under the account's home, whatever HOME says: run it as the account whose home is this one.
    const [bin, ...args] = asSandboxAccount(sandbox, [
      keptNode,
      path.join(folder, 'dist', 'cli.js'),
      'install',
      ...HOSTS.map((h) => `--${h}`),
      '--workspace',
      workspace,
    ]);
    const r = spawnSync(bin, args, { cwd: workspace, env: env(pathWithNode), encoding: 'utf8', timeout: TIMEOUTS.cli });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(fs.statSync(launcherPath(sandbox.home)).mode & 0o100, 'the launcher is executable');
    for (const h of HOSTS) {
      for (const w of wiredCommands(h, 'project', workspace, sandbox.home)) {
        assert.ok(w.command.includes(launcherPath(sandbox.home)), `${h}: ${w.command}`);
        assert.ok(
          !w.command.includes('0.1.0') && !w.command.includes(keptNode),
          `${h} names no versioned folder or node: ${w.command}`,
        );
      }
    }
    // Recorded by content: its sha256, and the stamp the launcher checks at every call.
    assert.deepEqual(
      readLauncher(sandbox.home)?.runtimes.map(({ kind, path: p, sha256 }) => ({
        kind,
        path: p,
        hashed: /^[0-9a-f]{64}$/.test(sha256),
      })),
      [{ kind: 'node', path: keptNode, hashed: true }],
    );
    assert.equal(readLauncher(sandbox.home)?.pinnedCli, undefined, "an extension's own CLI is found, never pinned");
    const p = picked(pathWithNode);
    assert.equal(p.cli, path.join(folder, 'dist', 'cli.js'));
    assert.equal(p.runtime, keptNode);
    everyHostJudges(pathWithNode, '0.1.0 on the Node under HOME');
  });

  test('the editor installs 0.1.1 and deletes the 0.1.0 folder: every hook runs 0.1.1', function () {
    this.timeout(4 * TIMEOUTS.cli);
    const next = unpackVsix(extensions, '0.1.1', sandbox.root);
    // Unpacked, not yet recorded: the launcher runs only what was recorded (the update activates and records itself).
    assert.equal(picked(pathWithNode).cli, path.join(extensions, 'agentguard.agentguard-0.1.0', 'dist', 'cli.js'));
    writeLauncher({ home: sandbox.home, runtime: { kind: 'node', path: keptNode }, extensionFolder: next });
    fs.rmSync(path.join(extensions, 'agentguard.agentguard-0.1.0'), { recursive: true });
    assert.equal(picked(pathWithNode).cli, path.join(next, 'dist', 'cli.js'));
    everyHostJudges(pathWithNode, 'after the update');
  });

  test("the version manager moves the Node: every hook is its host's block with the repair, never node on PATH, until the Node is recorded again", function () {
    this.timeout(4 * TIMEOUTS.cli);
    fs.renameSync(path.join(sandbox.home, '.nvm', 'versions'), path.join(sandbox.home, '.nvm', 'moved'));
    for (const h of HOSTS) {
      const r = runInstalledHook(h, {
        workspace,
        home: sandbox.home,
        env: env(`${path.join(sandbox.home, '.nvm', 'moved', 'node', 'v20', 'bin')}:${process.env.PATH}`),
        command: 'git status',
      });
      assert.ok(r.read.ok && r.read.decision === 'deny', `${h}: ${JSON.stringify(r.read)}`);
      assert.ok(
        r.stderr.includes(LAUNCHER_REASONS.runtime) || r.read.reason?.includes('found no Node.js'),
        `${h}: the repair message: ${r.stderr}`,
      );
    }
    const moved = path.join(sandbox.home, '.nvm', 'moved', 'node', 'v20', 'bin', 'node');
    writeLauncher({ home: sandbox.home, runtime: { kind: 'node', path: moved } });
    const p = picked(pathWithNode);
    assert.deepEqual([p.runtime, p.kind], [moved, 'node']);
    log(`Node moved: blocked until recorded again, then the launcher runs ${p.runtime}`);
    everyHostJudges(pathWithNode, 'after the Node moved');
  });

  test("no node on PATH: the hook runs on the editor's own binary with ELECTRON_RUN_AS_NODE=1 (code-server's Node standing in)", function () {
    this.timeout(4 * TIMEOUTS.cli);
    // The recorded Node uninstalled; what the extension records when it starts in a desktop editor: its own runtime, seen to run Node code.
    fs.rmSync(path.join(sandbox.home, '.nvm'), { recursive: true });
    writeLauncher({ home: sandbox.home, runtime: { kind: 'electron', path: host.node } });
    const bin = path.join(sandbox.root, 'bin-without-node');
    fs.mkdirSync(bin, { recursive: true });
    for (const tool of ['sh', 'sleep', 'env', 'cat']) {
      const found = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
      if (found) fs.symlinkSync(found, path.join(bin, tool));
    }
    const p = picked(bin);
    assert.deepEqual([p.runtime, p.kind], [host.node, 'electron']);
    log(`no node on PATH: the launcher runs ${p.runtime} (${p.kind}), ${p.version}`);
    everyHostJudges(bin, "on the editor's binary");
  });

  test("no AgentGuard left: every host's hook answers its own block form with the repair message", function () {
    this.timeout(4 * TIMEOUTS.cli);
    fs.rmSync(extensions, { recursive: true });
    for (const h of HOSTS) {
      const r = runInstalledHook(h, { workspace, home: sandbox.home, env: env(pathWithNode), command: 'git status' });
      if (h !== 'opencode') assert.equal(r.code, BLOCK_EXIT[h], `${h}: exit code (stderr ${r.stderr})`);
      assert.ok(r.read.ok && r.read.decision === 'deny', `${h}: ${JSON.stringify(r.read)}`);
      assert.ok(
        r.stderr.includes(LAUNCHER_REASONS.missing) || r.read.reason?.includes('AgentGuard is not installed any more'),
        `${h}: the repair message`,
      );
      log(`${h}: blocked, exit ${r.code}${hostAdapter(h).exitCodeOnly ? ' (its block)' : ''}`);
    }
  });
});

suite('Field: the updated extension repairs hooks an older version wrote, on activation in the workbench', function () {
  this.bail(true);
  const oldCli = () => path.join(w.sandbox.extensions, 'agentguard.agentguard-0.0.9', 'dist', 'cli.js');
  const legacy = (h) => legacyHookCommand(h, process.execPath, oldCli(), 'linux');

  const w = useWorkbench('field-repair', {
    prepare: (session) => {
      const ws = fixtureWorkspace(session);
      // What AgentGuard 0.0.9 wrote: a pinned node and its versioned folder, which the update deleted.
      const write = (file, text, mode) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text, mode ? { mode } : undefined);
      };
      write(
        hookFile('claude', 'project', ws, session.sandbox.home),
        JSON.stringify(
          {
            hooks: {
              PreToolUse: [
                { matcher: 'Bash', hooks: [{ type: 'command', command: './scripts/team-lint.sh' }] },
                {
                  matcher: 'Bash|Edit|Write|MultiEdit|NotebookEdit|mcp__.*',
                  hooks: [{ type: 'command', command: legacy('claude'), timeout: 90 }],
                },
              ],
            },
          },
          null,
          2,
        ),
      );
      write(
        hookFile('cursor', 'project', ws, session.sandbox.home),
        JSON.stringify(
          {
            version: 1,
            hooks: { beforeShellExecution: [{ command: legacy('cursor'), timeout: 90, failClosed: true }] },
          },
          null,
          2,
        ),
      );
      write(hookFile('cline', 'project', ws, session.sandbox.home), hookScript('cline', legacy('cline')), 0o755);
      write(
        hookFile('gemini', 'user', ws, session.sandbox.home),
        JSON.stringify(
          {
            hooks: {
              BeforeTool: [
                {
                  matcher: 'run_shell_command',
                  hooks: [{ type: 'command', name: 'agentguard', command: legacy('gemini'), timeout: 90000 }],
                },
              ],
            },
          },
          null,
          2,
        ),
      );
      return ws;
    },
  });

  suiteSetup(async function () {
    this.timeout(SETUP_TIMEOUT);
    await w.open();
  });

  test("a notification names each repaired hook; the files run the launcher and the team's own hooks stay", async function () {
    this.timeout(TIMEOUTS.activation + 4 * TIMEOUTS.ui);
    const t0 = Date.now();
    const toast = w.page.locator('.notification-toast', { hasText: 'AgentGuard repaired' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUTS.activation });
    const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
    log(`notification ${seconds(Date.now() - t0)} after the workbench loaded: "${message}"`);
    assert.match(message, /^AgentGuard repaired 4 hooks that ran an old install path: /);
    for (const label of [
      `Claude Code (${w.workspace}/.claude/settings.json)`,
      `Cursor (${w.workspace}/.cursor/hooks.json)`,
      `Cline (${w.workspace}/.clinerules/hooks/PreToolUse)`,
      'Gemini CLI (~/.gemini/settings.json)',
    ])
      assert.ok(message.includes(label), `${label} in "${message}"`);
    assert.match(message, /now run ~\/\.agentguard\/bin\/agentguard\.$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await w.screenshot('hooks-repaired');

    const launcher = launcherPath(w.sandbox.home);
    for (const [h, scope] of [
      ['claude', 'project'],
      ['cursor', 'project'],
      ['cline', 'project'],
      ['gemini', 'user'],
    ]) {
      // Every entry runs the launcher (Cursor's repair wires all three of its events).
      const wired = wiredCommands(h, scope, w.workspace, w.sandbox.home);
      assert.ok(
        wired.length > 0 && wired.every((x) => x.command === hookCommand(h, launcher, 'linux')),
        `${h}: ${JSON.stringify(wired)}`,
      );
    }
    const claude = JSON.parse(fs.readFileSync(hookFile('claude', 'project', w.workspace, w.sandbox.home), 'utf8'));
    assert.deepEqual(claude.hooks.PreToolUse[0], {
      matcher: 'Bash',
      hooks: [{ type: 'command', command: './scripts/team-lint.sh' }],
    });
    // The launcher the extension wrote: its own runtime (code-server's Node) and its extensions folder.
    const record = readLauncher(w.sandbox.home);
    assert.deepEqual(
      record.runtimes.map(({ kind, path: p, editor }) => ({ kind, path: p, editor })),
      [{ kind: 'node', path: ensureTestHost().node, editor: true }],
    );
    assert.deepEqual(record.extensionRoots, [w.sandbox.extensions]);
  });

  test('the repaired Claude hook, run as Claude Code runs it, judges with the installed extension', async function () {
    this.timeout(4 * TIMEOUTS.cli);
    const e = { ...w.sandbox.env, AGENTGUARD_JUDGE: 'off' };
    const harmless = runInstalledHook('claude', {
      workspace: w.workspace,
      home: w.sandbox.home,
      env: e,
      command: 'git status',
    });
    assert.ok(notBlocked(harmless), JSON.stringify(harmless));
    const pocketos = runInstalledHook('claude', {
      workspace: w.workspace,
      home: w.sandbox.home,
      env: e,
      command: POCKETOS,
    });
    assert.ok(
      pocketos.read.ok && pocketos.read.decision !== 'allow' && pocketos.read.decision !== 'defer',
      JSON.stringify(pocketos),
    );
    // The output channel says what each entry ran before.
    await pollUntil(
      () => /hook repair: claude \(project\) .* ran .*agentguard\.agentguard-0\.0\.9/.test(w.channelLog()),
      { what: 'the repaired entry in the AgentGuard log' },
    );
  });
});
