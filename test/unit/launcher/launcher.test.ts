// The launcher (~/.agentguard/bin/agentguard) as real processes: which CLI
// and which runtime it picks among editor flavours, versions, a pin and
// PATH; that nothing the caller's environment says can load code into the
// hook; and that whenever no CLI answers — none installed, no runtime, a CLI
// that dies, hangs or prints garbage — each host gets its own block form
// with the repair, never an exit code it ignores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostAdapter } from '../../../src/core/hosts';
import { HOSTS, type HostId } from '../../../src/core/hosts/types';
import { ANSWER_MARK, LAUNCHER_REASONS, launcherPath } from '../../../src/core/launcher';
import { hostLaunches } from '../../../src/core/launcher/blocks';
import { chosenInstall, findInstalls } from '../../../src/core/launcher/find';
import { readLauncher, writeLauncher } from '../../../src/core/launcher/file';
import { installHooks } from '../../../src/core/launcher/wiring';
import {
  fakeInstall,
  installCopy,
  notBlocked,
  POCKETOS,
  runInstalledHook,
  spawnTreeSync,
} from '../support/launcherHarness';
import { ROOT, sandbox, type Sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

const skip = process.platform === 'win32' ? 'the POSIX launcher' : false;

/** A PATH with the shell's tools and no node: one folder of links to what sh scripts here need. */
function pathWithoutNode(sb: Sandbox): string {
  const bin = path.join(sb.root, 'bin-no-node');
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of ['sh', 'sleep', 'kill', 'cat', 'env']) {
    for (const dir of ['/usr/bin', '/bin']) {
      const p = path.join(dir, tool);
      if (fs.existsSync(p) && !fs.existsSync(path.join(bin, tool))) fs.symlinkSync(p, path.join(bin, tool));
    }
  }
  return bin;
}

/** The node the launcher finds on PATH: the first absolute PATH entry holding one. */
function nodeOnPath(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir.startsWith('/')) continue;
    try {
      fs.accessSync(path.join(dir, 'node'), fs.constants.X_OK);
      return path.join(dir, 'node');
    } catch {
      // next
    }
  }
  throw new Error('no node on PATH');
}

function env(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    AGENTGUARD_JUDGE: 'off',
    ...extra,
  };
}

function launcher(
  sb: Sandbox,
  args: string[],
  e: Record<string, string>,
  input = '',
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnTreeSync(launcherPath(sb.home), args, { cwd: sb.workspace, env: e, input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Which CLI and runtime the launcher picks, from its trace. */
function picked(
  sb: Sandbox,
  e: Record<string, string>,
): { cli?: string; runtime?: string; kind?: string; code: number | null; stderr: string } {
  const r = launcher(sb, ['--version'], { ...e, AGENTGUARD_LAUNCHER_TRACE: '1' });
  const m = /agentguard launcher: cli (.*), runtime (.*) \((node|electron)\)/.exec(r.stderr);
  return { cli: m?.[1], runtime: m?.[2], kind: m?.[3], code: r.code, stderr: r.stderr };
}

test(
  'the newest AgentGuard every editor flavour registered runs, as the TypeScript search says; a folder no editor registered never runs',
  { skip },
  () => {
    const sb = sandbox();
    try {
      installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
      installCopy(path.join(sb.home, '.cursor', 'extensions'), '0.1.9');
      installCopy(path.join(sb.home, '.vscode-server', 'extensions'), '0.1.10-linux-x64');
      installCopy(path.join(sb.home, '.local', 'share', 'code-server', 'extensions'), '0.0.99');
      // Not registered by any editor (planted by a copy), however new: never recorded, never run.
      const planted = fakeInstall(
        path.join(sb.home, '.windsurf', 'extensions'),
        '9.9.9',
        'process.stdout.write("planted")',
        false,
      );
      // Not AgentGuard's, or not complete: never picked.
      fs.mkdirSync(path.join(sb.home, '.kiro', 'extensions', 'agentguard.agentguard-7.0.0', 'dist'), {
        recursive: true,
      });
      fs.mkdirSync(path.join(sb.home, '.vscode-insiders', 'extensions', 'someone.agentguard-8.0.0', 'dist'), {
        recursive: true,
      });
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      const e = env(sb);
      const p = picked(sb, e);
      assert.equal(
        p.cli,
        path.join(sb.home, '.vscode-server', 'extensions', 'agentguard.agentguard-0.1.10-linux-x64', 'dist', 'cli.js'),
        '0.1.10 is newer than 0.1.9: numbers, not text',
      );
      assert.equal(
        chosenInstall(findInstalls(sb.home, readLauncher(sb.home), e))?.cli,
        p.cli,
        'the shell and the TypeScript search agree',
      );
      assert.ok(!findInstalls(sb.home, readLauncher(sb.home), e).some((i) => i.cli === planted));
      assert.match(launcher(sb, ['--version'], e).stdout, /^agentguard 0\.1\.0\+/);
      // Planted after the record, in a registered folder's place of a newer name: still not run.
      fakeInstall(path.join(sb.home, '.vscode', 'extensions'), '0.2.0', 'process.stdout.write("planted")', false);
      assert.equal(picked(sb, e).cli, p.cli);
      // code-server follows XDG_DATA_HOME: as the launcher's writer saw it, never as a hook is handed it.
      fs.rmSync(path.join(sb.home, '.vscode-server'), { recursive: true });
      fs.rmSync(path.join(sb.home, '.cursor'), { recursive: true });
      fs.rmSync(path.join(sb.home, '.vscode'), { recursive: true });
      fs.rmSync(path.join(sb.home, '.windsurf'), { recursive: true });
      const data = path.join(sb.root, 'xdg-data');
      fs.renameSync(path.join(sb.home, '.local', 'share'), data);
      assert.equal(picked(sb, e).code, 69, 'nothing recorded is left');
      writeLauncher({ home: sb.home, env: { XDG_DATA_HOME: data } });
      assert.equal(
        picked(sb, e).cli,
        path.join(data, 'code-server', 'extensions', 'agentguard.agentguard-0.0.99', 'dist', 'cli.js'),
      );
      assert.equal(
        chosenInstall(findInstalls(sb.home, readLauncher(sb.home), { XDG_DATA_HOME: data }))?.cli,
        picked(sb, e).cli,
      );
      // A HOME handed to the hook is not searched: a folder of the agent's with a "newer AgentGuard" in it never runs.
      const plantedHome = path.join(sb.root, 'planted-home');
      fakeInstall(path.join(plantedHome, '.vscode', 'extensions'), '99.0.0', 'process.stdout.write("planted")');
      assert.equal(
        picked(sb, { ...e, HOME: plantedHome, XDG_DATA_HOME: path.join(plantedHome, 'data') }).cli,
        path.join(data, 'code-server', 'extensions', 'agentguard.agentguard-0.0.99', 'dist', 'cli.js'),
      );
      // A host that passes no HOME: the home the launcher was written for; a newly registered install runs once recorded.
      installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.7');
      writeLauncher({ home: sb.home, env: { XDG_DATA_HOME: data } });
      const { HOME: _home, ...noHome } = e;
      assert.equal(
        picked(sb, noHome).cli,
        path.join(sb.home, '.vscode', 'extensions', 'agentguard.agentguard-0.1.7', 'dist', 'cli.js'),
      );
    } finally {
      sb.cleanup();
    }
  },
);

test(
  'a pinned CLI runs while it exists unchanged; the extension folders an editor was started with are searched too',
  { skip },
  () => {
    const sb = sandbox();
    try {
      installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.2.0');
      const custom = path.join(sb.root, 'portable', 'extensions');
      const mine = installCopy(custom, '0.3.0');
      const pinned = path.join(installCopy(path.join(sb.root, 'checkout'), '0.0.1', ROOT, false), 'dist', 'cli.js');
      writeLauncher({
        home: sb.home,
        pin: pinned,
        runtime: { kind: 'node', path: process.execPath },
        extensionFolder: mine,
      });
      const e = env(sb);
      assert.equal(picked(sb, e).cli, pinned);
      // A later writer (the extension starting) keeps the pin and the folder it recorded.
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      assert.equal(picked(sb, e).cli, pinned);
      fs.rmSync(path.join(sb.root, 'checkout'), { recursive: true });
      assert.equal(
        picked(sb, e).cli,
        path.join(mine, 'dist', 'cli.js'),
        'the pin is gone: the newest install, in the recorded folder',
      );
      // Choosing the bundled CLI clears a pin.
      fs.mkdirSync(path.dirname(pinned), { recursive: true });
      fs.copyFileSync(path.join(mine, 'dist', 'cli.js'), pinned);
      writeLauncher({ home: sb.home, pin: null });
      assert.equal(picked(sb, e).cli, path.join(mine, 'dist', 'cli.js'));
      assert.equal(readLauncher(sb.home)?.pinnedCli, undefined);
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "runtime: a recorded Node, else a recorded editor runtime with ELECTRON_RUN_AS_NODE; node on PATH or an editor server's Node only when none was recorded",
  { skip },
  () => {
    const sb = sandbox();
    try {
      installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
      const keptNode = path.join(sb.home, '.nvm', 'versions', 'node', 'v20', 'bin', 'node');
      fs.mkdirSync(path.dirname(keptNode), { recursive: true });
      fs.copyFileSync(process.execPath, keptNode);
      fs.chmodSync(keptNode, 0o755);
      const editor = path.join(sb.root, 'editor', 'code');
      fs.mkdirSync(path.dirname(editor), { recursive: true });
      fs.symlinkSync(process.execPath, editor);
      writeLauncher({ home: sb.home, runtime: { kind: 'electron', path: editor } });
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: keptNode } });
      const noNode = pathWithoutNode(sb);
      assert.deepEqual([picked(sb, env(sb)).runtime, picked(sb, env(sb)).kind], [keptNode, 'node']);
      // The version manager moved it: the recorded editor runtime, never node on PATH.
      fs.renameSync(path.dirname(keptNode), path.join(sb.home, '.nvm', 'moved'));
      assert.deepEqual([picked(sb, env(sb)).runtime, picked(sb, env(sb)).kind], [editor, 'electron']);
      // The editor runtime gets ELECTRON_RUN_AS_NODE=1 (a plain node ignores it) and judges.
      const e = env(sb, { PATH: noNode });
      const r = launcher(
        sb,
        ['hook', 'claude'],
        e,
        JSON.stringify({
          session_id: 's',
          cwd: sb.workspace,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command: 'rm -rf /' },
        }),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, 'deny');
      // Every recorded runtime gone: the host's block, not whatever node PATH finds first.
      fs.rmSync(path.dirname(editor), { recursive: true });
      const gone = launcher(sb, ['hook', 'claude'], env(sb), '{}');
      assert.equal(gone.code, 2);
      assert.ok(gone.stderr.includes(LAUNCHER_REASONS.runtime), gone.stderr);
      // A launcher with no runtime recorded (written where none ran Node): node on PATH (absolute entries only), then an editor server's Node.
      writeLauncher({ home: sb.home });
      assert.equal(picked(sb, env(sb)).runtime, nodeOnPath());
      const rel = path.join(sb.workspace, 'tools');
      fs.mkdirSync(rel, { recursive: true });
      fs.writeFileSync(path.join(rel, 'node'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
      const serverNode = path.join(sb.home, '.vscode-server', 'bin', '0123abcd', 'node');
      fs.mkdirSync(path.dirname(serverNode), { recursive: true });
      fs.symlinkSync(process.execPath, serverNode);
      assert.deepEqual(
        [
          picked(sb, env(sb, { PATH: `tools:${noNode}` })).runtime,
          picked(sb, env(sb, { PATH: `tools:${noNode}` })).kind,
        ],
        [serverNode, 'node'],
      );
      fs.rmSync(path.join(sb.home, '.vscode-server'), { recursive: true });
      // A HOME handed to the hook is not searched: a server Node of the agent's there is never run.
      const plantedHome = path.join(sb.root, 'planted-home');
      const plantedNode = path.join(plantedHome, '.vscode-server', 'bin', '0123abcd', 'node');
      fs.mkdirSync(path.dirname(plantedNode), { recursive: true });
      fs.symlinkSync(process.execPath, plantedNode);
      assert.equal(picked(sb, env(sb, { PATH: noNode, HOME: plantedHome })).runtime, undefined);
      const none = launcher(sb, ['hook', 'claude'], e, '{}');
      assert.equal(none.code, 2);
      assert.ok(none.stderr.includes(LAUNCHER_REASONS.runtime), none.stderr);
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "Node's loader variables never reach the hook: a NODE_OPTIONS --require, NODE_PATH, extra CA certificates, OpenSSL config",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const marker = path.join(sb.root, 'preloaded');
      const evil = path.join(sb.root, 'evil.js');
      fs.writeFileSync(
        evil,
        `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.stdout.write('{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"preload"}}'); process.exit(0);`,
      );
      // A CLI stand-in that reports what it was started with.
      const report = fakeInstall(
        path.join(sb.home, '.vscode', 'extensions'),
        '0.1.0',
        `process.stdout.write(JSON.stringify({ env: process.env, execArgv: process.execArgv }));`,
      );
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      const poisoned = env(sb, {
        NODE_OPTIONS: `--require ${evil}`,
        NODE_PATH: sb.root,
        NODE_EXTRA_CA_CERTS: evil,
        OPENSSL_CONF: evil,
        NODE_REPL_EXTERNAL_MODULE: evil,
        NODE_V8_COVERAGE: sb.root,
        NODE_REDIRECT_WARNINGS: marker,
        LD_PRELOAD: path.join(sb.root, 'evil.so'),
        ELECTRON_RUN_AS_NODE: '1',
        NODE_ENV: 'production',
      });
      const r = launcher(sb, ['status'], poisoned);
      assert.equal(r.code, 0, r.stderr);
      const seen = JSON.parse(r.stdout) as { env: Record<string, string>; execArgv: string[] };
      for (const name of [
        'NODE_OPTIONS',
        'NODE_PATH',
        'NODE_EXTRA_CA_CERTS',
        'OPENSSL_CONF',
        'NODE_REPL_EXTERNAL_MODULE',
        'NODE_V8_COVERAGE',
        'NODE_REDIRECT_WARNINGS',
        'LD_PRELOAD',
        'ELECTRON_RUN_AS_NODE',
      ]) {
        assert.equal(seen.env[name], undefined, name);
      }
      // No runtime option at all: nothing the environment named, and none of the launcher's own (a V8 option
      // would make Node compile its own modules without their code cache at every call).
      assert.deepEqual(seen.execArgv, []);
      assert.equal(seen.env.NODE_ENV, 'production', 'evidence the engine judges by stays');
      assert.equal(fs.existsSync(marker), false);
      // The real CLI, through a hook: the preload would have allowed rm -rf /.
      fs.rmSync(path.dirname(path.dirname(report)), { recursive: true });
      installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      const hook = launcher(
        sb,
        ['hook', 'claude'],
        poisoned,
        JSON.stringify({
          session_id: 's',
          cwd: sb.workspace,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command: 'rm -rf /' },
        }),
      );
      assert.equal(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision, 'deny', hook.stdout + hook.stderr);
      assert.equal(fs.existsSync(marker), false);
    } finally {
      sb.cleanup();
    }
  },
);

/** Each host's exit code when the launcher blocks: 0 where the block is read from stdout, else 2. */
const BLOCK_EXIT: Record<HostId, number> = {
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

test(
  "no AgentGuard left: every host's installed hook, run as the host runs it, answers its block form with the repair",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const folder = installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
      const { file: launcherFile } = writeLauncher({
        home: sb.home,
        runtime: { kind: 'node', path: process.execPath },
      });
      assert.deepEqual(
        installHooks({
          hosts: HOSTS,
          scope: 'project',
          workspace: sb.workspace,
          home: sb.home,
          launcher: launcherFile,
        }).filter((o) => o.status === 'refused'),
        [],
      );
      fs.rmSync(folder, { recursive: true });
      for (const host of HOSTS) {
        const r = runInstalledHook(host, {
          workspace: sb.workspace,
          home: sb.home,
          env: env(sb),
          command: 'git status',
        });
        // OpenCode's plugin turns any block into a throw; the others are read from the launcher's own output.
        if (host !== 'opencode') assert.equal(r.code, BLOCK_EXIT[host], `${host} exit code; stderr ${r.stderr}`);
        assert.ok(
          r.read.ok && r.read.decision === 'deny',
          `${host}: ${JSON.stringify(r.read)} ${r.stdout} ${r.stderr}`,
        );
        assert.ok(
          (r.read.ok && r.read.reason?.includes('AgentGuard is not installed any more')) ||
            r.stderr.includes(LAUNCHER_REASONS.missing),
          `${host}: the repair is said`,
        );
      }
      // Not a hook call: the repair, and exit 69.
      const status = launcher(sb, ['doctor'], env(sb));
      assert.equal(status.code, 69);
      assert.ok(status.stderr.includes(LAUNCHER_REASONS.missing));
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "a CLI that dies, prints garbage, or hangs past the budget becomes the host's block, within the host's time",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const root = path.join(sb.home, '.vscode', 'extensions');
      const { file: launcherFile } = writeLauncher({
        home: sb.home,
        runtime: { kind: 'node', path: process.execPath },
      });
      installHooks({ hosts: HOSTS, scope: 'project', workspace: sb.workspace, home: sb.home, launcher: launcherFile });
      const pidFile = path.join(sb.root, 'cli.pid');
      const cases: { name: string; source: string; detail: RegExp }[] = [
        { name: 'a truncated bundle (syntax error)', source: 'module.exports = function (', detail: /exited with 1/ },
        { name: 'a crash before answering', source: 'throw new Error("boom")', detail: /exited with 1/ },
        { name: 'exit 127', source: 'process.exit(127)', detail: /exited with 127/ },
        { name: 'killed by a signal', source: 'process.kill(process.pid, "SIGKILL")', detail: /killed by signal 9/ },
        // Exit 0 is Amp's allow and Windsurf's, Kiro's, Augment's no decision: text that is no confirmed answer must not become one.
        {
          name: 'garbage on stdout, exit 0',
          source: 'process.stdout.write("Segmentation fault?\\n")',
          detail: /without confirming an answer/,
        },
        { name: 'nothing at all, exit 0', source: '// nothing', detail: /without confirming an answer/ },
        {
          name: 'a hang',
          source: `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`,
          detail: /killed by signal 9/,
        },
      ];
      for (const c of cases) {
        fs.rmSync(root, { recursive: true, force: true });
        fakeInstall(root, '0.1.0', c.source);
        // Installed and recorded as the editor does: what dies here is the CLI the launcher vouched for.
        writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
        for (const host of HOSTS) {
          const hang = c.name === 'a hang';
          // A budget the test can wait for (the launcher only ever lowers its own).
          const r = runInstalledHook(host, {
            workspace: sb.workspace,
            home: sb.home,
            env: env(sb, hang ? { AGENTGUARD_LAUNCHER_BUDGET_SECONDS: '2' } : {}),
            command: 'git status',
            timeoutMs: 30_000,
          });
          if (host !== 'opencode')
            assert.equal(r.code, BLOCK_EXIT[host], `${c.name}: ${host} exit code; stderr ${r.stderr}`);
          assert.ok(
            r.read.ok && r.read.decision === 'deny',
            `${c.name}: ${host}: ${JSON.stringify(r.read)} ${r.stderr}`,
          );
          if (host !== 'opencode') assert.match(r.stderr, c.detail, `${c.name}: ${host}`);
          if (hang) {
            assert.ok(r.ms < 2000 + 8000, `${host}: blocked after ${r.ms} ms`);
            const pid = Number(fs.readFileSync(pidFile, 'utf8'));
            assert.equal(
              fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '),
              false,
              'the hung CLI is gone',
            );
          }
        }
      }
    } finally {
      sb.cleanup();
    }
  },
);

test("garbage on stdin, through the launcher, is each host's block", { skip }, () => {
  const sb = sandbox();
  try {
    installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
    const { file: launcherFile } = writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
    installHooks({ hosts: HOSTS, scope: 'project', workspace: sb.workspace, home: sb.home, launcher: launcherFile });
    for (const host of HOSTS.filter((h) => h !== 'opencode')) {
      const r = runInstalledHook(host, {
        workspace: sb.workspace,
        home: sb.home,
        env: env(sb, { AGENTGUARD_STATE_DIR: confirmedState(fs.mkdtempSync(path.join(sb.root, 's-'))) }),
        command: 'x',
        rawInput: '{"tool_input": {"command": "rm -rf /"',
      });
      assert.ok(r.read.ok && r.read.decision === 'deny', `${host}: ${JSON.stringify(r)}`);
    }
  } finally {
    sb.cleanup();
  }
});

test("every host's launcher budget ends before the host gives up on the hook, and after the CLI's own deadline", () => {
  for (const h of hostLaunches()) {
    assert.ok(h.budgetSeconds < hostAdapter(h.host).timeoutSeconds, h.host);
    assert.ok(
      h.budgetSeconds * 1000 > hostAdapter(h.host).timeoutSeconds * 1000 - 5000,
      `${h.host}: the CLI's own deadline (host timeout - 5 s) comes first`,
    );
  }
});

test(
  "a shorter launcher budget may be asked for (AGENTGUARD_LAUNCHER_BUDGET_SECONDS), never one past the host's",
  { skip },
  () => {
    const sb = sandbox();
    try {
      fakeInstall(
        path.join(sb.home, '.vscode', 'extensions'),
        '0.1.0',
        `process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 0\n`)})`,
      );
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      for (const h of hostLaunches()) {
        const budget = (asked?: string) => {
          const r = launcher(
            sb,
            ['hook', h.host],
            env(sb, {
              AGENTGUARD_LAUNCHER_TRACE: '1',
              ...(asked === undefined ? {} : { AGENTGUARD_LAUNCHER_BUDGET_SECONDS: asked }),
            }),
          );
          return Number(/hook budget (\d+) s/.exec(r.stderr)?.[1]);
        };
        assert.equal(budget(), h.budgetSeconds, h.host);
        assert.equal(budget('2'), 2, `${h.host}: shorter`);
        for (const asked of [String(h.budgetSeconds + 1), '99999', '0', '-5', 'x', '1e9'])
          assert.equal(budget(asked), h.budgetSeconds, `${h.host}: ${asked}`);
      }
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "through the launcher, each host's hook still judges: the PocketOS call is blocked, git status is not",
  { skip },
  () => {
    const sb = sandbox();
    try {
      installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
      const { file: launcherFile } = writeLauncher({
        home: sb.home,
        runtime: { kind: 'node', path: process.execPath },
      });
      installHooks({ hosts: HOSTS, scope: 'project', workspace: sb.workspace, home: sb.home, launcher: launcherFile });
      for (const host of HOSTS) {
        // One state folder per host: twelve gated calls in a row would trip the rate limiter's kill switch.
        const e = env(sb, {
          AGENTGUARD_STATE_DIR: confirmedState(fs.mkdtempSync(path.join(sb.root, `state-${host}-`))),
        });
        const harmless = runInstalledHook(host, {
          workspace: sb.workspace,
          home: sb.home,
          env: e,
          command: 'git status',
        });
        // Amp's delegate contract has no "no decision": a harmless call gets Amp's own default, its prompt.
        if (host === 'amp') assert.match(harmless.stderr, /no objection; Amp asks/, JSON.stringify(harmless));
        else assert.ok(notBlocked(harmless), `${host}: git status ${JSON.stringify(harmless)}`);
        const pocketos = runInstalledHook(host, { workspace: sb.workspace, home: sb.home, env: e, command: POCKETOS });
        assert.ok(
          pocketos.read.ok && pocketos.read.decision !== 'allow' && pocketos.read.decision !== 'defer',
          `${host}: the PocketOS call ${JSON.stringify(pocketos)}`,
        );
        if (host === 'amp') assert.doesNotMatch(pocketos.stderr, /no objection/);
      }
    } finally {
      sb.cleanup();
    }
  },
);

test('the launcher is written atomically and never through a link planted at its path', { skip }, () => {
  const sb = sandbox();
  try {
    const target = path.join(sb.root, 'bashrc');
    fs.writeFileSync(target, 'untouched\n');
    fs.mkdirSync(path.dirname(launcherPath(sb.home)), { recursive: true });
    fs.symlinkSync(target, launcherPath(sb.home));
    writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched\n');
    assert.ok(fs.lstatSync(launcherPath(sb.home)).isFile());
    assert.equal(fs.statSync(launcherPath(sb.home)).mode & 0o777, 0o755);
    // Same text again: nothing rewritten, but a lost execute bit comes back.
    fs.chmodSync(launcherPath(sb.home), 0o644);
    assert.equal(writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } }).changed, false);
    assert.equal(fs.statSync(launcherPath(sb.home)).mode & 0o777, 0o755);
    // A new text goes to a new file renamed over the old one: a hook starting meanwhile reads the old text or the new, whole.
    const reader = fs.openSync(launcherPath(sb.home), 'r');
    try {
      const before = fs.fstatSync(reader);
      const oldText = fs.readFileSync(launcherPath(sb.home), 'utf8');
      const other = path.join(sb.root, 'other-node');
      fs.symlinkSync(process.execPath, other);
      assert.equal(writeLauncher({ home: sb.home, runtime: { kind: 'node', path: other } }).changed, true);
      const after = fs.statSync(launcherPath(sb.home));
      assert.notEqual(after.ino, before.ino, 'replaced, not written in place');
      assert.equal(fs.readFileSync(reader, 'utf8'), oldText, 'the old file is intact for whoever has it open');
      assert.ok(fs.readFileSync(launcherPath(sb.home), 'utf8').includes(other));
      assert.deepEqual(
        fs.readdirSync(path.dirname(launcherPath(sb.home))).sort(),
        ['agentguard', 'agentguard-run'],
        'no temporary file left beside it: the launcher and its sandbox wrapper',
      );
    } finally {
      fs.closeSync(reader);
    }
  } finally {
    sb.cleanup();
  }
});

test(
  "the launcher behaves the same under bash (macOS's /bin/sh) as under dash",
  { skip: skip || (!fs.existsSync('/bin/bash') && 'no bash') },
  () => {
    const sb = sandbox();
    try {
      const root = path.join(sb.home, '.vscode', 'extensions');
      installCopy(root, '0.1.0');
      writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      const payload = (command: string) =>
        JSON.stringify({
          session_id: 's',
          cwd: sb.workspace,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command },
        });
      for (const shell of [['/bin/bash'], ['/bin/bash', '--posix']]) {
        const run = (e: Record<string, string>, input: string) =>
          spawnTreeSync(shell[0], [...shell.slice(1), launcherPath(sb.home), 'hook', 'claude'], {
            cwd: sb.workspace,
            env: e,
            input,
            timeout: 30_000,
          });
        const denied = run(env(sb), payload('rm -rf /'));
        assert.equal(
          JSON.parse(denied.stdout).hookSpecificOutput.permissionDecision,
          'deny',
          `${shell.join(' ')}: ${denied.stderr}`,
        );
        fs.rmSync(root, { recursive: true });
        fakeInstall(root, '0.1.0', 'setInterval(() => {}, 1000)');
        writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
        const hung = run(env(sb, { AGENTGUARD_LAUNCHER_BUDGET_SECONDS: '1' }), payload('ls'));
        assert.equal(hung.status, 2, shell.join(' '));
        assert.match(hung.stderr, /killed by signal 9/);
        fs.rmSync(root, { recursive: true });
        const none = run(env(sb), payload('ls'));
        assert.equal(none.status, 2);
        assert.ok(none.stderr.includes(LAUNCHER_REASONS.missing));
        installCopy(root, '0.1.0');
        writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
      }
    } finally {
      sb.cleanup();
    }
  },
);
