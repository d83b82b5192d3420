// The CLI a new user meets: install refuses AgentGuard's own folder, and
// every subcommand answers --help the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { windowsResolver } from '../../../src/core/launcher/windows';
import { pinCli } from '../../../src/core/launcher/file';
import { RESCUE_FILES } from '../../../src/core/launcher';
import { confirmStateRelocation } from '../../../src/core/state';
import { CLI, hookEnv, ownAccountNode, ROOT, type Sandbox, withSandbox } from '../support/hookHarness';

test("install run in AgentGuard's own checkout refuses it as the workspace and writes nothing there", () =>
  withSandbox(async (sb) => {
    const before = ['.claude', '.cursor', '.github/hooks'].map((d) => fs.existsSync(path.join(ROOT, d)));
    for (const args of [
      ['install', '--claude'],
      ['install', '--claude', '--workspace', '.'],
    ]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: hookEnv(sb), encoding: 'utf8' });
      assert.equal(r.status, 64, r.stdout + r.stderr);
      assert.match(
        r.stderr,
        /is AgentGuard's own folder \(the CLI runs from it\), not your project: name your project with --workspace DIR/,
      );
    }
    assert.deepEqual(
      ['.claude', '.cursor', '.github/hooks'].map((d) => fs.existsSync(path.join(ROOT, d))),
      before,
    );
    assert.equal(fs.existsSync(path.join(sb.home, '.agentguard')), false, 'not even the launcher was written');
  }));

const SUBCOMMANDS = [
  'check',
  'hook',
  'env',
  'install',
  'uninstall',
  'doctor',
  'kill-switch',
  'snapshot',
  'audit',
  'shell-init',
  'lsp',
];

/** Runs the built CLI as the sandbox's own account: HOME is the account's home, as a developer has it. */
function cli(sb: Sandbox, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const node = ownAccountNode(sb);
  // As the sandbox's account the state folder is confirmed in its home, as the editor or install would have done.
  if (node !== process.execPath) confirmStateRelocation(sb.state, sb.home);
  // stdin stays open unless input is given: a subcommand that read it would hang until the timeout.
  const r = spawnSync(node, [CLI, ...args], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout: 10_000,
    ...(input !== undefined ? { input } : { stdio: ['pipe', 'pipe', 'pipe'] }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('every subcommand, and each word after it, answers --help and -h with its usage on stdout and exit 0, changing nothing', () =>
  withSandbox(async (sb) => {
    const top = cli(sb, ['--help']);
    assert.equal(top.status, 0);
    for (const sub of SUBCOMMANDS) {
      for (const args of [
        [sub, '--help'],
        [sub, '-h'],
        ['help', sub],
      ]) {
        const r = cli(sb, args);
        assert.equal(r.status, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^usage: agentguard ${sub}\\b`), args.join(' '));
        assert.equal(r.stderr, '', args.join(' '));
        // What the subcommand's help shows is in the top-level usage too.
        const first = r.stdout.split('\n')[0].replace(/^usage: /, '');
        assert.ok(top.stdout.includes(first), `the top-level usage lists ${first}`);
      }
    }
    // After a sub-subcommand too: nothing runs, nothing is restored, nothing shipped.
    for (const args of [
      ['snapshot', 'list', '--help'],
      ['snapshot', 'restore', 'X', '--help'],
      ['audit', 'verify', '--help'],
      ['audit', 'ship', '--help'],
      ['kill-switch', 'engage', '--help'],
      ['install', '--claude', '--help'],
    ]) {
      const r = cli(sb, args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /^usage: agentguard /);
    }
    assert.equal(fs.existsSync(path.join(sb.workspace, '.claude')), false, 'install --help wired nothing');
    assert.equal(
      fs.existsSync(path.join(sb.state, 'killswitch.json')),
      false,
      'kill-switch engage --help engaged nothing',
    );
    // check's own command may carry -h: that is judged, not taken for help.
    const grep = cli(sb, ['check', '--', 'ls', '-h']);
    assert.match(grep.stdout, /^allow .*ls -h/);
  }));

test('--version and -V print the build; help names an unknown command; a mistyped command or host flag gets a suggestion', () =>
  withSandbox(async (sb) => {
    const v = cli(sb, ['--version']);
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^agentguard \d+\.\d+\.\d+\+[0-9a-f]+\n$/);
    assert.equal(cli(sb, ['-V']).stdout, v.stdout);
    const unknown = cli(sb, ['help', 'nope']);
    assert.equal(unknown.status, 64);
    assert.match(cli(sb, ['instal']).stderr, /unknown command 'instal' \(did you mean 'install'\?\)/);
    const typo = cli(sb, ['install', '--claud']);
    assert.equal(typo.status, 64);
    assert.match(typo.stderr, /unknown option --claud \(did you mean --claude\?\)/);
    assert.match(cli(sb, ['install', '--copilotcli']).stderr, /did you mean --copilot-cli\?/);
    assert.doesNotMatch(cli(sb, ['install', '--frobnicate']).stderr, /did you mean/);
  }));

test('the top-level usage lists every option the docs use', () => {
  const usage = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout;
  for (const option of [
    '--shell',
    '--batch',
    '--cwd',
    '--config',
    '--terminal',
    '--managed',
    '--allow-managed-hooks-only',
    '--cli',
    '--node',
    '--shipped',
    '--once',
    '--syslog',
    '--otlp',
    '--ca',
    '--reason',
  ]) {
    assert.ok(usage.includes(option), `${option} is in the usage`);
  }
});

test('audit verify --json says whether the chain is intact, for scripts', () =>
  withSandbox(async (sb) => {
    const r = cli(sb, ['audit', 'verify', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { ok: boolean; entries: number; file: string };
    assert.equal(parsed.ok, true);
    assert.equal(parsed.entries, 0);
    assert.equal(parsed.file, path.join(sb.state, 'audit.jsonl'));
  }));

test(
  'with the checkout install ran from deleted, uninstall and doctor still work through the launcher, and hooks still block',
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      // A checkout of its own (the built bundles and a package.json), so it can be deleted.
      const checkout = path.join(sb.root, 'agentguard-checkout');
      fs.mkdirSync(path.join(checkout, 'dist'), { recursive: true });
      for (const f of RESCUE_FILES) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(checkout, 'dist', f));
      fs.writeFileSync(path.join(checkout, 'package.json'), JSON.stringify({ name: 'agentguard' }));
      // As the sandbox's own account: install writes the launcher under the account's home.
      const installed = spawnSync(
        ownAccountNode(sb),
        [path.join(checkout, 'dist', 'cli.js'), 'install', '--claude', '--workspace', sb.workspace],
        { cwd: sb.workspace, env: hookEnv(sb), encoding: 'utf8' },
      );
      assert.equal(installed.status, 0, installed.stderr);
      const settings = path.join(sb.workspace, '.claude', 'settings.json');
      assert.match(fs.readFileSync(settings, 'utf8'), /agentguard/);
      fs.rmSync(checkout, { recursive: true, force: true });

      const launcher = path.join(sb.home, '.agentguard', 'bin', 'agentguard');
      const run = (args: string[], input = '') =>
        spawnSync(launcher, args, { cwd: sb.workspace, env: hookEnv(sb), encoding: 'utf8', input, timeout: 30_000 });
      // A hook call blocks: the CLI a human chose is gone.
      const hook = run(
        ['hook', 'claude'],
        JSON.stringify({
          session_id: 's',
          cwd: sb.workspace,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command: 'ls' },
        }),
      );
      assert.equal(hook.status, 2, hook.stdout + hook.stderr);
      assert.match(hook.stderr, /not installed any more/);
      // doctor runs (it says what is wrong) instead of exiting 69.
      const doctor = run(['doctor', '--workspace', sb.workspace]);
      assert.notEqual(doctor.status, 69, doctor.stderr);
      assert.match(doctor.stderr, /is gone; doctor runs the copy install kept/);
      assert.match(doctor.stdout, /workspace +/);
      // uninstall takes the hook out.
      const removed = run(['uninstall', '--claude', '--workspace', sb.workspace]);
      assert.equal(removed.status, 0, removed.stdout + removed.stderr);
      assert.match(removed.stdout, /hook removed/);
      // The file install created goes with the hook (or keeps only what else it held).
      assert.ok(
        !fs.existsSync(settings) || !/agentguard/.test(fs.readFileSync(settings, 'utf8')),
        'no AgentGuard hook left',
      );
      // Any other command still says the CLI is missing.
      assert.equal(run(['env']).status, 69);
    }),
);

test('doctor --json reports its checks as JSON, and a usage error as JSON too', () =>
  withSandbox(async (sb) => {
    const r = cli(sb, ['doctor', '--json', '--workspace', sb.workspace]);
    assert.equal(r.status, 1, 'nothing is wired here');
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      workspace: string;
      wired: number;
      killSwitch: { engaged: boolean };
      checks: { name: string; detail: string }[];
    };
    assert.equal(report.ok, false);
    assert.equal(report.wired, 0);
    assert.equal(report.workspace, sb.workspace);
    assert.equal(report.killSwitch.engaged, false);
    assert.ok(
      report.checks.some((c) => c.name === 'workspace' && c.detail === sb.workspace),
      JSON.stringify(report.checks.slice(0, 3)),
    );
    assert.ok(report.checks.some((c) => c.name === 'confine'));
    const bad = cli(sb, ['doctor', '--json', '--frobnicate']);
    assert.equal(bad.status, 64);
    assert.equal((JSON.parse(bad.stdout) as { error: string }).error, 'unknown option --frobnicate');
  }));

test('install --dry-run says what it would write and writes nothing; --json prints it, and its errors, as JSON', () =>
  withSandbox(async (sb) => {
    const claude = path.join(sb.workspace, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(claude), { recursive: true });
    fs.writeFileSync(claude, JSON.stringify({ permissions: { allow: ['Bash(ls)'] } }));
    const before = fs.readFileSync(claude, 'utf8');
    const text = cli(sb, ['install', '--claude', '--cursor', '--dry-run', '--workspace', sb.workspace]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /claude +\S+\.claude\/settings\.json {2}would be: hook added\n/);
    assert.match(text.stdout, /cursor +\S+\.cursor\/hooks\.json {2}would be: hook added \(new file\)\n/);
    assert.match(text.stdout, /Nothing was changed \(--dry-run\)/);
    const json = cli(sb, ['install', '--claude', '--cursor', '--dry-run', '--json', '--workspace', sb.workspace]);
    assert.equal(json.status, 0, json.stderr);
    const plan = JSON.parse(json.stdout) as { dryRun: boolean; outcomes: { host: string; status: string }[] };
    assert.deepEqual(
      plan.outcomes.map((o) => `${o.host}:${o.status}`),
      ['claude:updated', 'cursor:installed'],
    );
    assert.equal(fs.readFileSync(claude, 'utf8'), before, 'the settings file is untouched');
    assert.equal(fs.existsSync(path.join(sb.workspace, '.cursor')), false);
    assert.equal(fs.existsSync(path.join(sb.home, '.agentguard')), false, 'no launcher either');
    const bad = cli(sb, ['install', '--claud', '--dry-run', '--json']);
    assert.equal(bad.status, 64);
    assert.match(
      (JSON.parse(bad.stdout) as { error: string }).error,
      /unknown option --claud \(did you mean --claude\?\)/,
    );
  }));

test('check --json and env --json say their errors as JSON on stdout: usage, a missing workspace, an invalid config', () =>
  withSandbox(async (sb) => {
    const usage = cli(sb, ['check', '--json', '--shell', 'tcsh', '--', 'ls']);
    assert.equal(usage.status, 64);
    assert.match(
      (JSON.parse(usage.stdout) as { error: string }).error,
      /--shell must be one of bash, .*pwsh, cmd \(got tcsh\)/,
    );
    const missing = cli(sb, ['env', '--json', '--workspace', path.join(sb.root, 'nope')]);
    assert.equal(missing.status, 64);
    assert.match((JSON.parse(missing.stdout) as { error: string }).error, /nope is not a directory/);
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), '{ "thresholds": { "ask": "high" } }');
    for (const args of [
      ['check', '--json', '--workspace', sb.workspace, '--', 'ls'],
      ['env', '--json', '--workspace', sb.workspace],
    ]) {
      const r = cli(sb, args);
      assert.equal(r.status, 78, args.join(' '));
      const e = JSON.parse(r.stdout) as { error: string; errors: { jsonPath: string; line: number }[] };
      assert.equal(e.error, 'invalid .agentguard.json');
      assert.ok(
        e.errors.some((x) => /thresholds/.test(x.jsonPath) && x.line === 1),
        JSON.stringify(e.errors),
      );
    }
    // Without --json, the same errors stay text on stderr.
    const text = cli(sb, ['check', '--workspace', sb.workspace, '--', 'ls']);
    assert.equal(text.status, 78);
    assert.equal(text.stdout, '');
    assert.match(text.stderr, /thresholds/);
  }));

test('the Windows resolver runs the kept copy for uninstall and doctor once the pinned CLI is gone, and still blocks hooks', () =>
  withSandbox(async (sb) => {
    const rescue = path.join(sb.home, '.agentguard', 'rescue');
    fs.mkdirSync(rescue, { recursive: true });
    for (const f of RESCUE_FILES) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(rescue, f));
    const file = path.join(sb.home, '.agentguard', 'bin', 'agentguard-resolve.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      windowsResolver(
        { pinnedCli: path.join(sb.root, 'gone', 'dist', 'cli.js'), runtimes: [], extensionRoots: [] },
        sb.home,
      ),
    );
    const run = (args: string[], input = '') =>
      spawnSync(process.execPath, [file, ...args], {
        cwd: sb.workspace,
        env: { ...hookEnv(sb), AGENTGUARD_JUDGE: 'off' },
        input,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const doctor = run(['doctor', '--json', '--workspace', sb.workspace]);
    assert.notEqual(doctor.status, 69, doctor.stderr);
    assert.match(doctor.stderr, /is gone; doctor runs the copy install kept/);
    assert.equal((JSON.parse(doctor.stdout) as { workspace: string }).workspace, sb.workspace);
    assert.equal(run(['uninstall', '--claude', '--workspace', sb.workspace]).status, 0);
    const hook = run(
      ['hook', 'claude'],
      JSON.stringify({
        session_id: 's',
        cwd: sb.workspace,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: 'ls' },
      }),
    );
    assert.equal(hook.status, 2, hook.stdout + hook.stderr);
    assert.equal(run(['env']).status, 69);
  }));

test(
  "hook --help through either launcher prints the usage and exits 0: a human, not a host's call to block",
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      const file = path.join(sb.home, '.agentguard', 'bin', 'agentguard-resolve.js');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        windowsResolver({ pinnedCli: CLI, runtimes: [], extensionRoots: [], clis: [pinCli(CLI)!] }, sb.home),
      );
      const viaResolver = spawnSync(process.execPath, [file, 'hook', '--help'], {
        cwd: sb.workspace,
        env: hookEnv(sb),
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(viaResolver.status, 0, viaResolver.stderr);
      assert.match(viaResolver.stdout, /^usage: agentguard hook HOST/);
      // The POSIX launcher, as install writes it (under the account's home: run as the sandbox's own account).
      const installed = spawnSync(ownAccountNode(sb), [CLI, 'install', '--claude', '--workspace', sb.workspace], {
        cwd: sb.workspace,
        env: hookEnv(sb),
        encoding: 'utf8',
      });
      assert.equal(installed.status, 0, installed.stderr);
      const viaLauncher = spawnSync(path.join(sb.home, '.agentguard', 'bin', 'agentguard'), ['hook', '--help'], {
        cwd: sb.workspace,
        env: hookEnv(sb),
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(viaLauncher.status, 0, viaLauncher.stderr);
      assert.match(viaLauncher.stdout, /^usage: agentguard hook HOST/);
      assert.equal(viaLauncher.stderr, '');
    }),
);
