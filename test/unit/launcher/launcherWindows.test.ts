// The Windows launcher. agentguard-resolve.js is plain Node, so it runs here
// for real: it picks the CLI as the POSIX launcher does, loads it in its own
// process, and answers each host's block when none is left or the CLI cannot
// load. agentguard.cmd runs in cmd.exe only under Wine (test/windows-wine,
// `npm run test:windows`); here its text is checked for
// what would break it in cmd.exe (a jump to a missing label, a `%` that
// would expand, a line that is not CRLF), and that it clears Node's loader
// variables before it starts anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readAnswer } from '../../../src/core/hosts';
import { HOSTS } from '../../../src/core/hosts/types';
import { LAUNCHER_REASONS, SCRUBBED_ENV, type LauncherRecord } from '../../../src/core/launcher';
import { launcherBlock } from '../../../src/core/launcher/blocks';
import { sha256Bytes } from '../../../src/core/launcher/pins';
import { windowsLauncher, windowsResolver } from '../../../src/core/launcher/windows';
import { mergeRecord } from '../../../src/core/launcher/file';
import { readLauncherRecord } from '../../../src/core/launcher/posix';
import { writeKillSwitch } from '../../../src/core/state';
import { fakeInstall, installCopy } from '../support/launcherHarness';
import { sandbox, type Sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

/** What a writer records in `sb.home` now (as the editor at activation, or `install`): the CLIs editors registered, hashed. */
function recorded(sb: Sandbox, pin?: string): LauncherRecord {
  return mergeRecord(undefined, { home: sb.home, env: {}, ...(pin ? { pin } : {}) });
}

function resolver(
  sb: Sandbox,
  record: LauncherRecord,
  args: string[],
  input = '',
  extraEnv: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const file = path.join(sb.home, '.agentguard', 'bin', 'agentguard-resolve.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, windowsResolver(record, sb.home));
  const r = spawnSync(process.execPath, [file, ...args], {
    cwd: sb.workspace,
    env: {
      ...extraEnv,
      PATH: process.env.PATH ?? '',
      HOME: sb.home,
      AGENTGUARD_STATE_DIR: confirmedState(sb.state),
      AGENTGUARD_JUDGE: 'off',
      AGENTGUARD_LAUNCHER_TRACE: '1',
    },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the resolver runs the newest install (numbers, not text) in its own process, or the pinned CLI while it exists', () => {
  const sb = sandbox();
  try {
    installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.9');
    const newest = installCopy(path.join(sb.home, '.cursor', 'extensions'), '0.1.10');
    const payload = JSON.stringify({
      session_id: 's',
      cwd: sb.workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf /' },
    });
    const r = resolver(sb, recorded(sb), ['hook', 'claude'], payload);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, 'deny');
    assert.ok(r.stderr.includes(`cli ${path.join(newest, 'dist', 'cli.js')}`), r.stderr);
    const pinned = path.join(installCopy(path.join(sb.root, 'checkout'), '0.0.1'), 'dist', 'cli.js');
    const withPin = recorded(sb, pinned);
    assert.ok(resolver(sb, withPin, ['--version']).stderr.includes(`cli ${pinned}`));
    fs.rmSync(path.dirname(path.dirname(pinned)), { recursive: true });
    assert.ok(resolver(sb, withPin, ['--version']).stderr.includes(`cli ${path.join(newest, 'dist', 'cli.js')}`));
  } finally {
    sb.cleanup();
  }
});

test("no AgentGuard left, or a CLI that cannot load: each host's block form; anything else exits 69", () => {
  const sb = sandbox();
  try {
    for (const host of HOSTS) {
      const r = resolver(sb, { runtimes: [], extensionRoots: [] }, ['hook', host]);
      const block = launcherBlock(host, 'missing');
      assert.equal(r.code, block.exitCode, host);
      assert.equal(r.stdout, block.stdout, host);
      const read = readAnswer(host, { stdout: r.stdout, stderr: r.stderr, code: r.code });
      if (host !== 'opencode') assert.ok(read.ok && read.decision === 'deny', `${host}: ${JSON.stringify(read)}`);
      assert.ok(r.stderr.includes(LAUNCHER_REASONS.missing), host);
    }
    assert.equal(resolver(sb, { runtimes: [], extensionRoots: [] }, ['doctor']).code, 69);
    fakeInstall(path.join(sb.home, '.vscode', 'extensions'), '0.1.0', 'module.exports = (');
    const died = resolver(sb, recorded(sb), ['hook', 'cline']);
    assert.equal(died.code, 0);
    assert.equal(JSON.parse(died.stdout).cancel, true);
    assert.ok(died.stderr.includes(LAUNCHER_REASONS.died));
  } finally {
    sb.cleanup();
  }
});

const PIN = { sha256: 'a'.repeat(64), stamp: '1:2:3:4.000000000' };

test('agentguard.cmd: every jump has its label, nothing would expand, CRLF lines, loader variables cleared first', () => {
  const text = windowsLauncher({
    pinnedCli: 'C:\\Users\\me\\src\\agentguard\\dist\\cli.js',
    runtimes: [
      { kind: 'electron', path: 'C:\\Users\\me\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', ...PIN },
      { kind: 'node', path: 'C:\\Program Files\\nodejs\\node.exe', ...PIN },
    ],
    extensionRoots: [],
  });
  const lines = text.split('\r\n');
  assert.ok(!lines.some((l) => l.includes('\n')), 'CRLF only');
  const labels = new Set(lines.filter((l) => l.startsWith(':')).map((l) => l.slice(1)));
  for (const m of text.matchAll(/goto :(\S+)/g)) assert.ok(labels.has(m[1]), `label ${m[1]}`);
  for (const l of lines.filter((x) => /^(>&2 )?echo /.test(x) || x.includes(' >&2 echo '))) {
    assert.ok(!/%(?!AG_|~)/.test(l.replace(/%AG_[A-Z]+%/g, '')), `no % expands in ${l.slice(0, 60)}`);
  }
  const clear = lines.findIndex((l) => l.startsWith('for %%V in ('));
  assert.ok(clear > 0 && clear < lines.findIndex((l) => l.includes('"%AG_RT%"')));
  for (const name of SCRUBBED_ENV)
    assert.ok(lines[clear].includes(` ${name}`) || lines[clear].includes(`(${name}`), name);
  // The recorded Node first, then the editor's binary (with ELECTRON_RUN_AS_NODE); PATH is never read while one is recorded.
  assert.ok(!text.includes('%PATH'), 'PATH is not consulted');
  const order = ['C:\\Program Files\\nodejs\\node.exe', 'Code.exe'].map((s) =>
    lines.findIndex((l) => l.startsWith('if not defined AG_RT') && l.includes(s)),
  );
  assert.ok(
    order.every((i) => i > 0),
    JSON.stringify(order),
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
  );
  assert.ok(lines.includes('if "%AG_KIND%"=="electron" set "ELECTRON_RUN_AS_NODE=1"'));
  // With nothing recorded (or only runtimes no writer hashed), node.exe on PATH is the one way left, as on POSIX.
  for (const runtimes of [[], [{ kind: 'node' as const, path: 'C:\\Program Files\\nodejs\\node.exe' }]])
    assert.ok(windowsLauncher({ runtimes, extensionRoots: [] }).includes('%%~$PATH:X'));
  // A path cmd.exe would expand is left out, not written.
  assert.ok(
    !windowsLauncher({ runtimes: [{ kind: 'node', path: 'C:\\100%\\node.exe' }], extensionRoots: [] }).includes('100%'),
  );
});

test('the resolver passes over an install still being unpacked, and blocks a hook call the CLI ends without confirming, for every host, kill switch engaged or not', () => {
  const sb = sandbox();
  try {
    const root = path.join(sb.home, '.vscode', 'extensions');
    const complete = installCopy(root, '0.1.0');
    const unpacking = installCopy(root, '0.2.0');
    fs.writeFileSync(path.join(unpacking, 'dist', 'agentguard.js'), '');
    let none = recorded(sb);
    assert.ok(resolver(sb, none, ['--version']).stderr.includes(`cli ${path.join(complete, 'dist', 'cli.js')}`));
    const payload = JSON.stringify({
      session_id: 's',
      cwd: sb.workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'git status' },
    });
    const judged = resolver(sb, none, ['hook', 'claude'], payload);
    assert.deepEqual(
      [judged.code, judged.stdout],
      [0, ''],
      `the complete install's no decision, unchanged: ${judged.stderr}`,
    );
    // A bundle cut short where it still parses: the real CLI loads it, nothing answers, exit 0.
    fs.rmSync(complete, { recursive: true });
    fs.rmSync(sb.state, { recursive: true });
    fs.mkdirSync(sb.state);
    fs.writeFileSync(path.join(unpacking, 'dist', 'agentguard.js'), '/* cut short */\n');
    // Recorded as it is now (the editor records again when it starts): a cut-short bundle, not a changed one.
    none = recorded(sb);
    for (const engaged of [false, true]) {
      if (engaged) writeKillSwitch(sb.state, { engaged: true, by: 'user', since: new Date().toISOString() });
      for (const host of HOSTS) {
        const r = resolver(sb, none, ['hook', host], payload);
        const block = launcherBlock(host, 'died');
        assert.deepEqual([r.code, r.stdout], [block.exitCode, block.stdout], `${host}: ${r.stderr}`);
        assert.ok(
          r.stderr.includes(LAUNCHER_REASONS.died) && /without confirming an answer/.test(r.stderr),
          `${host}: ${r.stderr}`,
        );
        const read = readAnswer(host, { stdout: r.stdout, stderr: r.stderr, code: r.code });
        if (host !== 'opencode') assert.ok(read.ok && read.decision === 'deny', `${host}: ${JSON.stringify(read)}`);
      }
    }
    assert.equal(fs.existsSync(path.join(sb.state, 'audit.jsonl')), false);
  } finally {
    sb.cleanup();
  }
});

test('the resolver runs only a recorded CLI that hashes as recorded: a planted newer folder is never run, a changed cli.js or bundle is the host block', () => {
  const sb = sandbox();
  try {
    const root = path.join(sb.home, '.vscode', 'extensions');
    const registered = path.join(installCopy(root, '0.1.0'), 'dist', 'cli.js');
    // A newer folder the editor never installed (not in its extensions.json), there before and after the record.
    const planted = installCopy(root, '9.9.9', undefined, false);
    fs.writeFileSync(path.join(planted, 'dist', 'cli.js'), "require('fs').writeFileSync(process.env.MARK, 'ran');\n");
    const record = recorded(sb);
    assert.deepEqual(
      record.clis?.map((c) => c.cli),
      [registered],
    );
    const later = installCopy(root, '9.9.10', undefined, false);
    fs.writeFileSync(path.join(later, 'dist', 'cli.js'), "require('fs').writeFileSync(process.env.MARK, 'ran');\n");
    const mark = path.join(sb.root, 'planted-ran');
    const payload = JSON.stringify({
      session_id: 's',
      cwd: sb.workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf /' },
    });
    const ok = resolver(sb, record, ['hook', 'claude'], payload, { MARK: mark });
    assert.equal(JSON.parse(ok.stdout).hookSpecificOutput.permissionDecision, 'deny', ok.stderr);
    assert.ok(ok.stderr.includes(`cli ${registered}`), ok.stderr);
    assert.equal(fs.existsSync(mark), false, 'no planted folder ran');

    // A bundle changed after it was recorded: the CLI compiles nothing of it, and every host gets its block.
    const bundle = path.join(path.dirname(registered), 'agentguard.js');
    const original = fs.readFileSync(bundle);
    fs.appendFileSync(bundle, "\nrequire('fs').writeFileSync(process.env.MARK, 'ran');\n");
    for (const host of HOSTS) {
      // A pin the caller's environment names is not the launcher's: the recorded one is set over it.
      const forged = { MARK: mark, AGENTGUARD_BUNDLE_SHA256: sha256Bytes(fs.readFileSync(bundle)) };
      const r = resolver(sb, record, ['hook', host], payload, forged);
      const block = launcherBlock(host, 'tampered');
      assert.deepEqual([r.code, r.stdout], [block.exitCode, block.stdout], `${host}: ${r.stderr}`);
      assert.ok(r.stderr.includes(LAUNCHER_REASONS.tampered), r.stderr);
    }
    assert.equal(fs.existsSync(mark), false, 'nothing of the changed bundle ran');
    fs.writeFileSync(bundle, original);

    // cli.js changed: refused before any of it runs.
    fs.appendFileSync(registered, "\nrequire('fs').writeFileSync(process.env.MARK, 'ran');\n");
    const changed = resolver(sb, record, ['hook', 'claude'], payload, { MARK: mark });
    assert.equal(changed.code, 2, changed.stderr);
    assert.ok(changed.stderr.includes(LAUNCHER_REASONS.tampered), changed.stderr);
    assert.ok(changed.stderr.includes(`${registered} is not the CLI AgentGuard recorded`), changed.stderr);
    assert.equal(resolver(sb, record, ['--version'], '', { MARK: mark }).code, 69);
    assert.equal(fs.existsSync(mark), false, 'nothing of the changed cli.js ran');
  } finally {
    sb.cleanup();
  }
});

test('agentguard.cmd keeps every line within what cmd.exe reads, however many CLIs are recorded', () => {
  const clis = Array.from({ length: 12 }, (_, i) => ({
    cli: `C:\\Users\\a-rather-long-account-name\\AppData\\Local\\Programs\\Some Editor Insiders\\data\\extensions\\agentguard.agentguard-0.${i}.0\\dist\\cli.js`,
    version: `0.${i}.0`,
    sha256: 'c'.repeat(64),
    stamp: '1234567890:98765432109876:72152:1764131000.123456789',
    bundleSha256: 'd'.repeat(64),
  }));
  const runtimes = Array.from({ length: 6 }, (_, i) => ({
    kind: 'electron' as const,
    path: `C:\\Users\\a-rather-long-account-name\\AppData\\Local\\Programs\\Some Editor ${i}\\Some Editor.exe`,
    ...PIN,
  }));
  const record: LauncherRecord = { runtimes, extensionRoots: [], clis: [...clis, ...clis, ...clis] };
  const text = windowsLauncher(record);
  for (const line of text.split('\r\n')) assert.ok(line.length < 8191, `${line.length}: ${line.slice(0, 60)}`);
  const kept = readLauncherRecord(text);
  assert.ok(kept?.clis && kept.clis.length > 0 && kept.clis.length < 36);
  assert.deepEqual(kept.clis[0], clis[0], 'the first (the pin, then the newest) is kept');
  assert.deepEqual(kept.runtimes, runtimes);
});
