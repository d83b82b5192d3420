// AgentGuard the Windows way, on Wine: Node's own Windows build (node.exe,
// from the npm registry) installs AgentGuard into a Windows profile from an
// editor's extension folder, `install` writes each host's hook command and
// the Windows launcher (agentguard.cmd and agentguard-resolve.js), and each
// hook command runs exactly as its host starts it on Windows (host.cjs:
// through cmd.exe, from a Windows node.exe, over Windows pipes) with the
// host's real payload shape carrying Windows paths. Every assertion is on
// what the host reads: the exit code and the JSON on stdout.
//
// What Wine cannot stand in for is in docs/hosts.md (Windows, as far as
// this project tests it). Needs Wine and the cached prefix
// (`bash scripts/install-wine-host.sh`, which `.ci/run` runs; the suite only
// looks for them and skips, saying why, where Wine is not installed) and a
// build (`npm run test:windows` builds first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const POCKETOS = `curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_3d2f9c\\") }"}'`;
const REMOVE_ITEM = 'Remove-Item -Recurse -Force .\\src';
// The launcher's own text, as the build compiled it (`npm run build` compiles src/ into out/ too).
const requireOut = createRequire(path.join(ROOT, 'out', 'src', 'core', 'launcher', 'index.js'));
const { windowsLauncher, windowsResolver } = requireOut('./windows.js');
const { readLauncherRecord } = requireOut('./posix.js');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The cached Wine host (scripts/install-wine-host.sh), or why there is none. */
function wineHost() {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-wine-host.sh')], {
    encoding: 'utf8',
    env: { ...process.env, AGENTGUARD_SKIP_APT: '1' },
  });
  if (r.status !== 0)
    return {
      why: `scripts/install-wine-host.sh failed (exit ${r.status}):\n${r.stderr.trim().split('\n').slice(-4).join('\n')}`,
    };
  const dir = r.stdout.trim().split('\n').at(-1);
  const host = JSON.parse(fs.readFileSync(path.join(dir, 'wine.json'), 'utf8'));
  return { ...host, prefix: path.join(dir, host.prefix) };
}

let wine;
let skip;
/** The Wine user's profile, as Wine's C: drive holds it, and as Windows names it. */
let profile;
let winHome;
/** A profile a forged USERPROFILE names (never created). */
let decoy;
/** The profile's entries before the suite (after() removes what was added). */
let existed;
let winWorkspace;
let scratch;

function win(...parts) {
  return [winHome, ...parts].join('\\');
}

function unix(...parts) {
  return path.join(profile, ...parts);
}

/** Runs Windows' node.exe under Wine with `args`; returns what it printed (stdout and stderr, in a file: Windows' Node cannot use a Unix pipe). */
function wineNode(args) {
  const stdout = path.join(scratch, 'wine.out');
  const r = spawnSync(wine.wine, [wine.node, ...args], {
    env: {
      ...process.env,
      WINEPREFIX: wine.prefix,
      WINEDEBUG: '-all',
      WINEDLLOVERRIDES: 'mscoree,mshtml=',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    },
    stdio: ['ignore', fs.openSync(stdout, 'w'), fs.openSync(stdout, 'a')],
    timeout: 240_000,
  });
  const out = fs.readFileSync(stdout, 'utf8');
  assert.equal(r.status, 0, `node.exe under Wine: exit ${r.status} ${r.signal ?? ''}\n${out}`);
  return out;
}

/** Runs host.cjs under Wine with `calls`; returns its results by name. */
function runHost(calls) {
  const job = unix('job.json');
  const out = unix('results.json');
  fs.rmSync(out, { force: true });
  fs.writeFileSync(
    job,
    JSON.stringify({
      env: {
        USERPROFILE: winHome,
        HOMEDRIVE: 'C:',
        HOMEPATH: winHome.slice(2),
        APPDATA: win('AppData', 'Roaming'),
        LOCALAPPDATA: win('AppData', 'Local'),
        TEMP: win('AppData', 'Local', 'Temp'),
        TMP: win('AppData', 'Local', 'Temp'),
        // node.exe on PATH, as after Node's Windows installer.
        PATH: `${path.win32.dirname(wine.node)};C:\\windows\\system32;C:\\windows`,
      },
      calls,
    }),
  );
  wineNode([win('host.cjs'), win('job.json'), win('results.json')]);
  const results = JSON.parse(fs.readFileSync(out, 'utf8'));
  for (const x of results.filter((x) => x.retried > 0))
    process.stdout.write(`# ${x.name}: Wine could not start the process ${x.retried} time(s); started again\n`);
  return Object.fromEntries(results.map((x) => [x.name, x]));
}

/** A real payload (test/fixtures/hooks/HOST/real/FILE) with this run's Windows profile and workspace, and `command`. */
function payload(host, file, command, permissionMode) {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'hooks', host, 'real', file), 'utf8');
  const p = JSON.parse(
    text
      .replaceAll('__WORKSPACE__', JSON.stringify(winWorkspace).slice(1, -1))
      .replaceAll('__HOME__', JSON.stringify(winHome).slice(1, -1)),
  );
  p.transcript_path = p.transcript_path.replaceAll('/', '\\');
  p.tool_input = { ...p.tool_input, command };
  p.permission_mode = permissionMode;
  return JSON.stringify(p);
}

/** The command AgentGuard's entry runs, read from the settings file install wrote. */
function installedCommand(settingsFile) {
  const settings = JSON.parse(fs.readFileSync(unix(...settingsFile.split('\\')), 'utf8'));
  const commands = Object.values(settings.hooks)
    .flat()
    .flatMap((g) => g.hooks.map((h) => h.command))
    .filter((c) => /agentguard/.test(c));
  assert.equal(commands.length, 1, JSON.stringify(settings.hooks));
  return commands[0];
}

/** What a PreToolUse host (Claude Code, Qwen Code) reads: blocked by exit 2, else the JSON's permissionDecision, else no decision. */
function decision(r) {
  assert.equal(r.error, undefined, r.error);
  if (r.code === 2) return 'blocked';
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  if (r.stdout.trim() === '') return 'none';
  return JSON.parse(r.stdout).hookSpecificOutput?.permissionDecision ?? 'none';
}

before(() => {
  const host = wineHost();
  if (host.why) {
    skip = `Wine cannot start here, so the Windows suite did not run: ${host.why}`;
    return;
  }
  wine = host;
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'run `npm run build` first');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-wine-'));
  // The Wine user's own profile, as Windows reads it from the process's token: AgentGuard's state folder hangs
  // from it whatever USERPROFILE a hook is handed, so the test installs there too (and removes what it added).
  winHome = wineNode(['-e', "process.stdout.write(require('os').userInfo().homedir)"]).trim();
  assert.match(winHome, /^C:\\users\\[^\\]+$/i, 'the Wine user has a profile');
  profile = path.join(wine.prefix, 'drive_c', ...winHome.slice(3).split('\\'));
  assert.ok(fs.statSync(profile).isDirectory(), profile);
  decoy = `C:\\users\\agentguard-decoy-${process.pid}`;
  winWorkspace = win('code', 'acme-api');
  removeOwn();
  existed = snapshotProfile();
  for (const d of [
    ['code', 'acme-api', 'src'],
    ['AppData', 'Roaming'],
    ['AppData', 'Local', 'Temp'],
  ])
    fs.mkdirSync(unix(...d), { recursive: true });
  fs.writeFileSync(unix('code', 'acme-api', 'src', 'index.ts'), 'export {};\n');
  // The extension as an editor unpacks it: its package.json and dist/.
  const ext = unix('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`);
  fs.mkdirSync(path.join(ext, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(ext, 'package.json'));
  for (const f of fs.readdirSync(path.join(ROOT, 'dist')))
    if (f.endsWith('.js')) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(ext, 'dist', f));
  fs.copyFileSync(path.join(ROOT, 'test', 'windows-wine', 'host.cjs'), unix('host.cjs'));
});

/** What a run of this suite adds to the profile (left behind by one that was killed, too). */
function removeOwn() {
  for (const p of [
    ['code'],
    ['state'],
    ['.agentguard'],
    ['.claude'],
    ['.qwen'],
    ['.gemini'],
    ['host.cjs'],
    ['job.json'],
    ['results.json'],
    ['AppData', 'Local', 'AgentGuard'],
  ])
    fs.rmSync(unix(...p), { recursive: true, force: true });
  const exts = unix('.vscode', 'extensions');
  if (fs.existsSync(exts))
    for (const e of fs.readdirSync(exts))
      if (e.startsWith('agentguard.')) fs.rmSync(path.join(exts, e), { recursive: true, force: true });
  for (const d of fs.readdirSync(path.dirname(profile)))
    if (d.startsWith('agentguard-decoy-'))
      fs.rmSync(path.join(path.dirname(profile), d), { recursive: true, force: true });
}

/** The profile's entries, and those of AppData\Local and AppData\Roaming, before the suite. */
function snapshotProfile() {
  const list = (...p) => (fs.existsSync(unix(...p)) ? fs.readdirSync(unix(...p)).map((e) => [...p, e]) : []);
  return new Set([list(), list('AppData', 'Local'), list('AppData', 'Roaming')].flat().map((p) => p.join('/')));
}

after(() => {
  if (profile) {
    removeOwn();
    // Anything else install or a hook added (nothing is expected): the cached prefix stays as it was.
    for (const p of snapshotProfile())
      if (!existed.has(p)) fs.rmSync(unix(...p.split('/')), { recursive: true, force: true });
  }
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test("Windows: install, then Claude Code's and Qwen Code's hook commands through cmd.exe and agentguard.cmd under Wine", (t) => {
  if (skip) return t.skip(skip);
  const cli = win('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`, 'dist', 'cli.js');
  const installed = runHost([
    {
      name: 'install',
      how: 'direct',
      command: wine.node,
      args: [cli, 'install', '--claude', '--qwen', '--gemini', '--user'],
      cwd: winWorkspace,
    },
  ]).install;
  assert.equal(installed.code, 0, installed.stdout + installed.stderr);
  assert.ok(installed.stdout.includes(`Hooks run ${win('.agentguard', 'bin', 'agentguard.cmd')}`), installed.stdout);
  assert.ok(fs.existsSync(unix('.agentguard', 'bin', 'agentguard-resolve.js')));
  // Claude Code has no sandbox on native Windows: install sets no switch that would protect nothing.
  assert.equal(JSON.parse(fs.readFileSync(unix('.claude', 'settings.json'), 'utf8')).sandbox, undefined);
  assert.match(installed.stdout, /claude.*: no sandbox AgentGuard can turn on/);

  // Each host's command in the form its Windows shell reads.
  const launcher = win('.agentguard', 'bin', 'agentguard.cmd');
  const claude = installedCommand('.claude\\settings.json');
  const qwen = installedCommand('.qwen\\settings.json');
  assert.equal(claude, `"${launcher}" hook claude`);
  assert.equal(qwen, `${launcher} hook qwen`);
  assert.equal(installedCommand('.gemini\\settings.json'), `& '${launcher}' hook gemini`);

  const calls = [];
  // A state folder per host: more gated calls than the rate limit allows in 10 s would engage the kill switch.
  const call = (name, how, command, stdin) =>
    calls.push({
      name,
      how,
      command,
      stdin,
      cwd: winWorkspace,
      env: { AGENTGUARD_STATE_DIR: win('state', name.split(' ')[0]) },
    });
  // A relocation counts only once a human's editor confirmed it in the profile's own state folder (AppData\Local\AgentGuard),
  // as the editor does when it is started with one: an agent-shaped environment alone moves nothing.
  fs.mkdirSync(unix('AppData', 'Local', 'AgentGuard'), { recursive: true });
  fs.writeFileSync(
    unix('AppData', 'Local', 'AgentGuard', 'relocated.json'),
    JSON.stringify({ stateDirs: [win('state', 'claude'), win('state', 'qwen')] }),
  );
  for (const mode of ['default', 'bypassPermissions']) {
    call(`claude routine ${mode}`, 'shell', claude, payload('claude', 'shell-routine.json', 'git status', mode));
    call(`claude pocketos ${mode}`, 'shell', claude, payload('claude', 'shell-routine.json', POCKETOS, mode));
  }
  // Claude Code's PowerShell tool on Windows.
  const removeItem = (mode) =>
    payload('claude', 'shell-routine.json', REMOVE_ITEM, mode).replace(
      '"tool_name":"Bash"',
      '"tool_name":"PowerShell"',
    );
  call('claude remove-item default', 'shell', claude, removeItem('default'));
  call('claude remove-item bypassPermissions', 'shell', claude, removeItem('bypassPermissions'));
  for (const mode of ['default', 'yolo']) {
    call(`qwen routine ${mode}`, 'cmd-argv', qwen, payload('qwen', 'run-shell-command.json', 'git status', mode));
    call(`qwen pocketos ${mode}`, 'cmd-argv', qwen, payload('qwen', 'run-shell-command.json', POCKETOS, mode));
    call(`qwen remove-item ${mode}`, 'cmd-argv', qwen, payload('qwen', 'run-shell-command.json', REMOVE_ITEM, mode));
  }
  // doctor runs each wired hook the way its host does.
  calls.push({ name: 'doctor', how: 'direct', command: wine.node, args: [cli, 'doctor'], cwd: winWorkspace });
  // Why Qwen Code's command is written bare: the quoted form, handed over as Qwen hands it, is not even started.
  call(
    'qwen quoted',
    'cmd-argv',
    `"${launcher}" hook qwen`,
    payload('qwen', 'run-shell-command.json', POCKETOS, 'yolo'),
  );
  // An environment that names a state folder nobody confirmed (a host's `env`, a `.env` it loads) moves nothing:
  // the call keeps the profile's own kill switch, rate limit and log.
  calls.push({
    name: 'forged state',
    how: 'shell',
    command: claude,
    stdin: payload('claude', 'shell-routine.json', POCKETOS, 'default'),
    cwd: winWorkspace,
    env: { AGENTGUARD_STATE_DIR: win('state', 'forged') },
  });
  // An environment naming another profile (USERPROFILE, HOME, its AppData folders) moves nothing either: the state
  // folder hangs from the token's profile, and that profile's AppData\Local\AgentGuard is there, unconfirmed elsewhere.
  calls.push({
    name: 'forged profile',
    how: 'shell',
    command: claude,
    stdin: payload('claude', 'shell-routine.json', POCKETOS, 'default'),
    cwd: winWorkspace,
    env: {
      USERPROFILE: decoy,
      HOME: decoy,
      HOMEPATH: decoy.slice(2),
      APPDATA: `${decoy}\\AppData\\Roaming`,
      LOCALAPPDATA: `${decoy}\\AppData\\Local`,
    },
  });
  const auditFile = unix('AppData', 'Local', 'AgentGuard', 'audit.jsonl');
  const r = runHost(calls);
  const ms = (host) =>
    calls
      .filter((c) => c.name.startsWith(host) && c.name !== 'qwen quoted')
      .map((c) => r[c.name].ms)
      .sort((a, b) => a - b);
  for (const host of ['claude', 'qwen']) t.diagnostic(`${host}: a hook call took ${ms(host).join(', ')} ms under Wine`);

  for (const host of ['claude', 'qwen']) {
    for (const mode of host === 'claude' ? ['default', 'bypassPermissions'] : ['default', 'yolo']) {
      assert.equal(decision(r[`${host} routine ${mode}`]), 'none', `${host} ${mode}: git status runs without a word`);
      // Where the host asks a human (its default mode), AgentGuard's ask is its prompt; where it asks nobody, a deny.
      const want = mode === 'default' ? 'ask' : 'deny';
      const pocketos = r[`${host} pocketos ${mode}`];
      assert.equal(decision(pocketos), want, `${host} ${mode}: the PocketOS call\n${pocketos.stdout}`);
      assert.match(JSON.parse(pocketos.stdout).hookSpecificOutput.permissionDecisionReason, /volumeDelete/);
      const removed = r[`${host} remove-item ${mode}`];
      assert.equal(decision(removed), want, `${host} ${mode}: Remove-Item -Recurse -Force\n${removed.stdout}`);
      assert.match(JSON.parse(removed.stdout).hookSpecificOutput.permissionDecisionReason, /recursively deletes src/);
    }
  }
  assert.ok(fs.existsSync(unix('code', 'acme-api', 'src', 'index.ts')), 'nothing ran the delete');
  // doctor: each wired hook probed the way its host runs it (PowerShell is not on this PATH: Wine's is a stub that runs nothing).
  for (const [host, event] of [
    ['claude', 'PreToolUse'],
    ['qwen', 'PreToolUse'],
  ]) {
    assert.match(
      r.doctor.stdout,
      new RegExp(
        `^${host} +user +\\S+  ${event}: harmless true → defer in \\d+ ms; dangerous rm -rf / → deny in \\d+ ms$`,
        'm',
      ),
      r.doctor.stdout,
    );
  }
  assert.match(r.doctor.stdout, /^sandbox +claude +none: Claude Code: Claude Code has no sandbox on native Windows/m);
  assert.equal(decision(r['forged state']), 'ask', r['forged state'].stdout);
  assert.equal(fs.existsSync(unix('state', 'forged')), false, 'an unconfirmed AGENTGUARD_STATE_DIR is not used');
  assert.ok(fs.existsSync(auditFile), "the call was recorded in the profile's own state folder");
  assert.equal(decision(r['forged profile']), 'ask', r['forged profile'].stdout + r['forged profile'].stderr);
  const recorded = fs
    .readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.command === POCKETOS);
  assert.equal(recorded.length, 2, 'both forged calls recorded in the profile the token names');
  assert.equal(
    fs.existsSync(path.join(path.dirname(profile), decoy.split('\\').at(-1))),
    false,
    'nothing was written under the profile USERPROFILE named',
  );
  const quoted = r['qwen quoted'];
  assert.notEqual(quoted.code, 0, 'cmd.exe does not read a quoted path Node escaped');
  assert.notEqual(quoted.code, 2);
  assert.equal(quoted.stdout.includes('permissionDecision'), false);
});

test('Windows: agentguard.cmd never runs a node.exe planted on PATH while a runtime is recorded, nor a newer AgentGuard folder no editor installed', (t) => {
  if (skip) return t.skip(skip);
  const claude = installedCommand('.claude\\settings.json');
  const cmdFile = unix('.agentguard', 'bin', 'agentguard.cmd');
  const resolverFile = unix('.agentguard', 'bin', 'agentguard-resolve.js');
  const installedCmd = fs.readFileSync(cmdFile, 'utf8');
  const installedResolver = fs.readFileSync(resolverFile, 'utf8');
  const record = readLauncherRecord(installedCmd);
  const installedCli = win('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`, 'dist', 'cli.js');
  assert.deepEqual(
    record.clis.map((c) => c.cli),
    [installedCli],
    'install recorded the CLI it ran, hashed',
  );
  // node.exe where an agent could put one first on PATH, and an editor's runtime where the extension recorded it
  // (both the same node.exe, linked: the trace names the path each was started from).
  const nodeUnix = path.join(wine.prefix, 'drive_c', ...wine.node.slice(3).split('\\'));
  fs.mkdirSync(unix('code', 'planted'), { recursive: true });
  fs.mkdirSync(unix('code', 'editor'), { recursive: true });
  fs.linkSync(nodeUnix, unix('code', 'planted', 'node.exe'));
  fs.linkSync(nodeUnix, unix('code', 'editor', 'Code.exe'));
  // A newer AgentGuard folder no editor registered: its cli.js would leave a mark.
  const planted = unix('.vscode', 'extensions', 'agentguard.agentguard-99.0.0');
  fs.mkdirSync(path.join(planted, 'dist'), { recursive: true });
  for (const f of fs.readdirSync(unix('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`, 'dist')))
    fs.copyFileSync(
      unix('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`, 'dist', f),
      path.join(planted, 'dist', f),
    );
  fs.writeFileSync(
    path.join(planted, 'dist', 'cli.js'),
    `require('fs').writeFileSync(${JSON.stringify(win('code', 'planted-ran'))}, 'ran');\n`,
  );
  const call = (name) => ({
    name,
    how: 'shell',
    command: claude,
    stdin: payload('claude', 'shell-routine.json', 'git status', 'default'),
    cwd: winWorkspace,
    env: {
      AGENTGUARD_LAUNCHER_TRACE: '1',
      PATH: `${win('code', 'planted')};${path.win32.dirname(wine.node)};C:\\windows\\system32;C:\\windows`,
    },
  });
  try {
    const asInstalled = runHost([call('installed')]).installed;
    // Only an editor's runtime recorded (as the extension records its own binary), PATH's node.exe first on PATH.
    const editor = win('code', 'editor', 'Code.exe');
    const editorOnly = {
      ...record,
      runtimes: [{ kind: 'electron', path: editor, sha256: 'a'.repeat(64), stamp: '0', editor: true }],
    };
    fs.writeFileSync(cmdFile, windowsLauncher(editorOnly));
    fs.writeFileSync(resolverFile, windowsResolver(editorOnly, winHome));
    const editorRuntime = runHost([call('editor')]).editor;
    fs.rmSync(unix('code', 'editor', 'Code.exe'));
    const gone = runHost([call('gone')]).gone;
    fs.writeFileSync(cmdFile, installedCmd);
    fs.writeFileSync(resolverFile, installedResolver);
    // The bundle changed after install recorded it: nothing of it is compiled.
    const bundle = unix('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`, 'dist', 'agentguard.js');
    const original = fs.readFileSync(bundle);
    fs.appendFileSync(
      bundle,
      `\nrequire('fs').writeFileSync(${JSON.stringify(win('code', 'planted-ran'))}, 'bundle');\n`,
    );
    const tampered = runHost([call('tampered')]).tampered;
    fs.writeFileSync(bundle, original);
    t.diagnostic(
      `a hook call through the recorded node.exe took ${asInstalled.ms} ms, through the recorded editor runtime ${editorRuntime.ms} ms under Wine`,
    );

    assert.equal(decision(asInstalled), 'none', asInstalled.stderr);
    assert.match(asInstalled.stderr, new RegExp(`cli ${escape(installedCli)}, runtime ${escape(wine.node)}`, 'i'));
    assert.equal(decision(editorRuntime), 'none', editorRuntime.stderr);
    assert.match(editorRuntime.stderr, new RegExp(`cli ${escape(installedCli)}, runtime ${escape(editor)}`, 'i'));
    // The recorded runtime gone: the host's block, never the node.exe PATH offers.
    assert.equal(decision(gone), 'blocked', gone.stdout + gone.stderr);
    assert.match(gone.stderr, /AgentGuard found no Node.js to run its CLI/);
    assert.doesNotMatch(gone.stderr, /agentguard launcher: cli/);
    assert.equal(decision(tampered), 'blocked', tampered.stdout + tampered.stderr);
    assert.match(tampered.stderr, /AgentGuard's runtime or CLI is not the one it recorded/);
    for (const r of [asInstalled, editorRuntime, gone, tampered]) assert.doesNotMatch(r.stderr, /planted/i);
    assert.equal(
      fs.existsSync(unix('code', 'planted-ran')),
      false,
      'neither the planted folder nor the changed bundle ran',
    );
  } finally {
    fs.writeFileSync(cmdFile, installedCmd);
    fs.writeFileSync(resolverFile, installedResolver);
    fs.rmSync(planted, { recursive: true, force: true });
    fs.rmSync(unix('code', 'planted'), { recursive: true, force: true });
    fs.rmSync(unix('code', 'editor'), { recursive: true, force: true });
  }
});

test("Windows: with AgentGuard's bundle changed since it was recorded or its extension folder gone, agentguard.cmd answers each host's block", (t) => {
  if (skip) return t.skip(skip);
  const claude = installedCommand('.claude\\settings.json');
  const qwen = installedCommand('.qwen\\settings.json');
  const ext = unix('.vscode', 'extensions', `agentguard.agentguard-${VERSION}`);
  const calls = () => [
    {
      name: 'claude',
      how: 'shell',
      command: claude,
      stdin: payload('claude', 'shell-routine.json', 'git status', 'default'),
      cwd: winWorkspace,
    },
    {
      name: 'qwen',
      how: 'cmd-argv',
      command: qwen,
      stdin: payload('qwen', 'run-shell-command.json', 'git status', 'default'),
      cwd: winWorkspace,
    },
  ];
  // A bundle that would end at once without answering (exit 0, nothing written): not the bundle install recorded,
  // so the CLI compiles none of it.
  fs.writeFileSync(path.join(ext, 'dist', 'agentguard.js'), 'process.exitCode = 0;\n');
  const died = runHost(calls());
  fs.rmSync(ext, { recursive: true });
  const gone = runHost(calls());
  for (const host of ['claude', 'qwen']) {
    assert.equal(decision(died[host]), 'blocked', `${host}: ${died[host].stdout}${died[host].stderr}`);
    assert.match(
      died[host].stderr,
      /AgentGuard's runtime or CLI is not the one it recorded .*, so this call is blocked/,
    );
    assert.equal(decision(gone[host]), 'blocked', `${host}: ${gone[host].stdout}${gone[host].stderr}`);
    assert.match(gone[host].stderr, /AgentGuard is not installed any more, so this call is blocked/);
  }
});
