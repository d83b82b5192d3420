#!/usr/bin/env node
// Whole-process time of `agentguard hook claude` — what an agent pays before
// every command — against a bare `node -e 0`, interleaved so that machine
// noise hits every variant alike. Prints medians, the ratio to node and the
// difference in milliseconds. The launcher rows run the hook as a host does:
// `sh -c "'~/.agentguard/bin/agentguard' hook claude"`; the instant-CLI pair
// isolates what the launcher itself adds (finding the CLI and a runtime,
// holding the answer, the watchdog).
//
// Two ways a call is judged: by the editor's judge (Linux; the hook hands
// the call to a long-running process, core/judge), and in the hook's own
// process (no editor, or AGENTGUARD_JUDGE=off). For the first, this script
// runs the judge server in its own process and measures from a child
// ("runner"), so the hooks descend from the judge as they descend from the
// editor's extension host, and the judge's event loop is free while the
// runner waits for each hook.
//
//   node scripts/bench-hook.mjs [--runs 30] [--cli dist/cli.js] [--compare OTHER/dist/cli.js] [--max-ratio 1.3]
//                               [--extra-ca-certs FILE] [--json] [--judge-only]
//
// --judge-only measures only `node -e 0` and the two calls an editor's judge
// answers (`ls -la`, directly and through the launcher): many runs of the
// judge's client path in little time, to compare builds run after run.
//
// --extra-ca-certs sets NODE_EXTRA_CA_CERTS to FILE for every variant, the
// `node -e 0` baseline included, as on a machine behind a TLS-inspecting
// proxy: Node reads and parses the file when it starts.
//
// --max-ratio makes the exit code 1 when any hook variant is slower than
// that multiple of `node -e 0`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshotBlob } from './snapshot-blob.mjs';
import { confirmedState } from './confirm-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const runs = Number(option('--runs', '30'));
const cli = path.resolve(option('--cli', path.join(root, 'dist', 'cli.js')));
// Another build's CLI (an earlier commit's dist/cli.js) measured in the same rounds, its variants prefixed `before:`.
const compare = option('--compare', process.env.BENCH_COMPARE_CLI || undefined);
const maxRatio = option('--max-ratio', undefined);
const asJson = process.argv.includes('--json');
const extraCaCerts = option('--extra-ca-certs', undefined);
const judgeOnly = process.argv.includes('--judge-only');

// The judge, the launcher's writer and the other helpers come from the build the CLI belongs to (its checkout's out/):
// an earlier commit's build, given by --cli, is measured with its own judge and launcher.
const cliCheckout = path.dirname(path.dirname(cli));

if (!fs.existsSync(cli)) {
  console.error(`bench-hook: ${cli} does not exist; run npm run build first`);
  process.exit(64);
}

// The hook trusts a judge whose parent runs a recorded editor binary (an editor's main process or server): the judge
// runs in a child of this process, on the same node, as profile-hook.mjs runs it.
if (!process.argv.includes('--runner') && !process.argv.includes('--in-judge')) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...process.argv.slice(2), '--in-judge'], {
    stdio: 'inherit',
  });
  process.exit(await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1))));
}
const judgeServer = path.join(cliCheckout, 'out', 'src', 'channels', 'editorJudge', 'server.js');
// The judge serves hooks that share its state folder (as an editor and the agents in it do).
const judgeState = process.env.BENCH_JUDGE_STATE ?? fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-judge-'));
if (!process.argv.includes('--runner')) {
  // The judge: the same code as the CLI's build (the hook checks the build id it announces).
  let judge;
  if (process.platform === 'linux' && fs.existsSync(judgeServer)) {
    const build = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
    const { startJudgeServer } = createRequire(import.meta.url)(judgeServer);
    judge = await startJudgeServer({ build, channels: () => [], stateDir: judgeState });
    // As the extension does at activation: the hooks trust the judge only from a process running a binary recorded here.
    const pins = path.join(cliCheckout, 'out', 'src', 'core', 'launcher', 'pins.js');
    if (fs.existsSync(pins)) createRequire(import.meta.url)(pins).recordEditorBinary(judgeState);
  }
  const args = process.argv.slice(2).filter((a) => a !== '--in-judge');
  const runner = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args, '--runner'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_JUDGE: judge ? '1' : '', BENCH_JUDGE_STATE: judgeState },
  });
  const code = await new Promise((resolve) => runner.on('close', (c) => resolve(c ?? 1)));
  await judge?.close();
  fs.rmSync(judgeState, { recursive: true, force: true });
  process.exit(code);
}
const withJudge = process.env.BENCH_JUDGE === '1';

// Everything the hook touches lives in a throwaway tree: never the real home or state.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-'));
const home = path.join(tmp, 'home');
const workspace = path.join(tmp, 'home', 'code', 'app');
const state = path.join(tmp, 'state');
const haltedState = path.join(tmp, 'state-halted');
fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
fs.mkdirSync(state, { recursive: true });
fs.mkdirSync(haltedState, { recursive: true });
fs.writeFileSync(path.join(haltedState, 'killswitch.json'), JSON.stringify({ engaged: true, by: 'user' }));

const claudePayload = (command, cwd = workspace) =>
  JSON.stringify({
    session_id: 'bench',
    transcript_path: path.join(home, '.claude', 'transcript.jsonl'),
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'benchmark' },
    tool_use_id: 'toolu_bench',
  });

// A second workspace with a config, as most guarded projects have one. Its
// rate limit is raised so that a run of denials does not engage the kill switch
// (which would then answer instead of the engine).
const configured = path.join(tmp, 'home', 'code', 'configured');
fs.mkdirSync(path.join(configured, '.git'), { recursive: true });
const configuredPolicy = {
  environments: { production: { production: true, hosts: ['*.prod.acme.internal'] } },
  rules: [{ match: 'git push *', decision: 'ask' }],
  protectedPaths: ['migrations/**'],
  rateLimit: { maxGated: 1000, windowSeconds: 1 },
};
fs.writeFileSync(path.join(configured, '.agentguard.json'), JSON.stringify(configuredPolicy));
// A raised rate limit is a loosening: it applies once a human confirmed it in the editor, as recorded here.
const { writeBaseline } = createRequire(import.meta.url)(
  path.join(cliCheckout, 'out', 'src', 'core', 'policy', 'baseline.js'),
);
const confirmed = (dir) => {
  writeBaseline(dir, configured, JSON.stringify(configuredPolicy), configuredPolicy);
  return dir;
};

// Workspaces with Claude Code's own settings files, which each Claude call
// compares with the hash record install made (core/frontdoor/shadow.ts): one
// whose files are as recorded (a stat each), one with no record (each file
// read, hashed and parsed at every call: the bound).
const claudeSettings = (name) => {
  const dir = path.join(tmp, 'home', 'code', name);
  fs.mkdirSync(path.join(dir, '.claude'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  const userHook = { matcher: 'Edit', hooks: [{ type: 'command', command: 'npx prettier --write' }] };
  const settings = { permissions: { allow: ['Bash(npm test:*)'] }, hooks: { PostToolUse: [userHook] } };
  fs.writeFileSync(path.join(dir, '.claude', 'settings.json'), JSON.stringify(settings, null, 2));
  fs.writeFileSync(path.join(dir, '.claude', 'settings.local.json'), '{ "permissions": { "allow": ["Bash(ls:*)"] } }');
  return dir;
};
const recordedSettings = claudeSettings('claude-recorded');
const unrecordedSettings = claudeSettings('claude-unrecorded');
const recordedState = path.join(tmp, 'state-claude-recorded');
const hookRecord = path.join(cliCheckout, 'out', 'src', 'core', 'launcher', 'hookRecord.js');
if (fs.existsSync(hookRecord))
  createRequire(import.meta.url)(hookRecord).recordHookFiles(
    recordedState,
    [{ host: 'claude', scope: 'project', file: path.join(recordedSettings, '.claude', 'settings.json') }],
    recordedSettings,
    path.join(home, '.agentguard', 'bin', 'agentguard'),
  );

const baseEnv = {
  PATH: process.env.PATH,
  HOME: home,
  TMPDIR: os.tmpdir(),
  ...(extraCaCerts ? { NODE_EXTRA_CA_CERTS: path.resolve(extraCaCerts) } : {}),
};
const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'`;
// One state directory per variant, kept across runs as on a real machine (it holds the code and config caches).
const stateFor = (name) => {
  const dir = path.join(tmp, `state-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  return { ...baseEnv, AGENTGUARD_STATE_DIR: confirmedState(confirmed(dir)) };
};
const inProcess = { AGENTGUARD_JUDGE: 'off' };

// The launcher hook files run (~/.agentguard/bin/agentguard), pinned to this CLI, recording this node: what a host
// starts through `sh -c`. A second home's launcher runs a CLI that answers at once, so the launcher's own share shows.
const { writeLauncher } = createRequire(import.meta.url)(
  path.join(cliCheckout, 'out', 'src', 'core', 'launcher', 'file.js'),
);
const launcher = writeLauncher({ home, pin: cli, runtime: { kind: 'node', path: process.execPath } }).file;
const emptyHome = path.join(tmp, 'home-empty-cli');
const emptyCli = path.join(tmp, 'empty-cli', 'dist', 'cli.js');
fs.mkdirSync(path.dirname(emptyCli), { recursive: true });
// It confirms its answer as the real CLI does (core/launcher: ANSWER_MARK), or the launcher would block it.
fs.writeFileSync(
  emptyCli,
  'process.stdout.write((process.argv.includes("--launcher-confirms") ? "agentguard-answered 0\\n" : "") + "{}\\n");\n',
);
fs.writeFileSync(
  path.join(path.dirname(emptyCli), 'agentguard.js'),
  '// the launcher runs only a CLI with its bundle beside it\n',
);
const emptyLauncher = writeLauncher({
  home: emptyHome,
  pin: emptyCli,
  runtime: { kind: 'node', path: process.execPath },
}).file;
const viaShell = (command) => ({ cmd: '/bin/sh', args: ['-c', command] });
const q = (p) => `'${p.replace(/'/g, `'\\''`)}'`;
const judgeEnv = {
  ...baseEnv,
  AGENTGUARD_STATE_DIR: process.env.BENCH_JUDGE_STATE ? confirmed(process.env.BENCH_JUDGE_STATE) : '',
};
// Audit shipping runs beside the hook, never in it: a state folder whose log
// `agentguard audit ship` follows to a local receiver that takes everything
// (reads to the end, then closes, as a syslog daemon does). Its variant is the
// same call as 'in-process: allow'; the two medians should agree.
const sink = net.createServer((s) => {
  s.on('data', () => undefined);
  s.on('end', () => s.end());
  s.on('error', () => undefined);
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const shippingState = path.join(tmp, 'state-shipping');
fs.mkdirSync(shippingState, { recursive: true });
const shipper = spawn(process.execPath, [cli, 'audit', 'ship', '--syslog', `tcp://127.0.0.1:${sink.address().port}`], {
  env: { ...baseEnv, AGENTGUARD_STATE_DIR: shippingState },
  stdio: 'ignore',
});

const allVariants = [
  { name: 'node -e 0', args: ['-e', '0'], env: baseEnv },
  { name: 'sh -c: node -e 0', ...viaShell(`${q(process.execPath)} -e 0`), env: baseEnv },
  { name: 'sh -c: node, instant CLI', ...viaShell(`${q(process.execPath)} ${q(emptyCli)} hook claude`), env: baseEnv },
  {
    name: 'sh -c: launcher, instant CLI',
    ...viaShell(`${q(emptyLauncher)} hook claude`),
    env: { ...baseEnv, HOME: emptyHome },
  },
  ...(withJudge
    ? [
        {
          name: 'launcher, judge: defer (ls -la)',
          ...viaShell(`${q(launcher)} hook claude`),
          input: claudePayload('ls -la'),
          env: judgeEnv,
          expect: 'defer',
          judged: true,
        },
        {
          name: 'editor judge: defer (ls -la)',
          args: [cli, 'hook', 'claude'],
          input: claudePayload('ls -la'),
          env: judgeEnv,
          expect: 'defer',
          judged: true,
        },
        {
          name: 'editor judge: defer, config',
          args: [cli, 'hook', 'claude'],
          input: claudePayload('npm test', configured),
          env: judgeEnv,
          expect: 'defer',
          judged: true,
        },
        {
          // A file written (its copy kept first): the judge takes it while it is a few small files.
          name: 'editor judge: write a file',
          args: [cli, 'hook', 'claude'],
          input: claudePayload('echo done > notes.txt'),
          env: judgeEnv,
          expect: 'defer',
          judged: true,
        },
        {
          name: 'editor judge: deny (rm -rf /)',
          args: [cli, 'hook', 'claude'],
          input: claudePayload('rm -rf /', configured),
          env: judgeEnv,
          expect: 'deny',
          judged: true,
        },
      ]
    : []),
  {
    name: 'in-process: defer (ls -la)',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('ls -la'),
    env: { ...baseEnv, ...inProcess, AGENTGUARD_STATE_DIR: state },
    expect: 'defer',
  },
  {
    name: 'in-process: defer, shipping',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('ls -la'),
    env: { ...baseEnv, ...inProcess, AGENTGUARD_STATE_DIR: shippingState },
    expect: 'defer',
  },
  {
    name: 'in-process: defer, config',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('npm test', configured),
    env: { ...stateFor('configured-allow'), ...inProcess },
    expect: 'defer',
  },
  {
    name: 'in-process: defer, .claude as recorded',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('ls -la', recordedSettings),
    env: { ...baseEnv, ...inProcess, AGENTGUARD_STATE_DIR: recordedState },
    expect: 'defer',
  },
  {
    name: 'in-process: defer, .claude no record',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('ls -la', unrecordedSettings),
    env: { ...stateFor('claude-unrecorded'), ...inProcess },
    expect: 'defer',
  },
  {
    name: 'launcher, in-process: defer',
    ...viaShell(`${q(launcher)} hook claude`),
    input: claudePayload('ls -la'),
    env: { ...stateFor('launcher-allow'), ...inProcess },
    expect: 'defer',
  },
  {
    name: 'in-process: deny (rm -rf /)',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('rm -rf /', configured),
    env: { ...stateFor('configured-deny'), ...inProcess },
    expect: 'deny',
  },
  ...pathVariants(cli, launcher, ''),
  {
    name: 'kill switch (either way)',
    args: [cli, 'hook', 'claude'],
    input: claudePayload('ls -la'),
    env: { ...baseEnv, AGENTGUARD_STATE_DIR: haltedState },
    expect: 'deny',
  },
];
const JUDGE_ONLY = ['node -e 0', 'launcher, judge: defer (ls -la)', 'editor judge: defer (ls -la)'];
if (judgeOnly && !withJudge) {
  console.error('bench-hook: --judge-only needs the editor judge (Linux, and the unbundled build in out/)');
  process.exit(64);
}
const variants = judgeOnly ? allVariants.filter((v) => JUDGE_ONLY.includes(v.name)) : allVariants;

// The same CLI started from a V8 startup snapshot of its bundle (scripts/snapshot-blob.mjs; measured, not
// shipped): its module bodies already run, and the bytecode of what one real call compiled (that call's code
// cache) already in it. Started as the hook's own process is (no launcher, no editor judge).
const snapshotBlob = judgeOnly ? undefined : snapshotOfCli();
if (snapshotBlob) variants.push(...snapshotVariants(snapshotBlob));

function snapshotOfCli() {
  // Node 20 and 22 build a snapshot with --build-snapshot; a build of the engine without the entry points is skipped.
  const bundle = fs.readFileSync(path.join(path.dirname(cli), 'agentguard.js'), 'utf8');
  if (!bundle.includes('loadForSnapshot')) return undefined;
  const env = { ...stateFor('snapshot-code-cache'), ...inProcess };
  spawnSync(process.execPath, [cli, 'hook', 'claude'], {
    input: claudePayload('git status', configured),
    env,
    cwd: workspace,
  });
  const cacheDir = path.join(env.AGENTGUARD_STATE_DIR, 'code-cache');
  const cache = fs.readdirSync(cacheDir).find((f) => f.endsWith('.bin') && !f.includes('-batch-'));
  return buildSnapshotBlob({
    out: path.join(tmp, 'agentguard.blob'),
    dist: path.dirname(cli),
    codeCache: cache && path.join(cacheDir, cache),
  });
}

function snapshotVariants(blob) {
  const args = ['--snapshot-blob', blob, 'hook', 'claude'];
  return [
    {
      name: 'snapshot, in-process: git status',
      args,
      input: claudePayload('git status', configured),
      env: { ...stateFor('snapshot-git'), ...inProcess },
      expect: 'defer',
    },
    {
      name: 'snapshot, in-process: PocketOS',
      args,
      input: claudePayload(POCKETOS, configured),
      env: { ...stateFor('snapshot-pocketos'), ...inProcess },
      expect: 'ask',
    },
  ];
}

if (compare && !judgeOnly) {
  // The earlier build's launcher is written by that build's own code, as its install would write it: a change to
  // the launcher's text (what it runs, with which runtime options) is measured too, not only the CLI behind it.
  const compareWriter = path.join(
    path.dirname(path.dirname(path.resolve(compare))),
    'out',
    'src',
    'core',
    'launcher',
    'file.js',
  );
  const writeBefore = fs.existsSync(compareWriter)
    ? createRequire(import.meta.url)(compareWriter).writeLauncher
    : writeLauncher;
  const before = writeBefore({
    home: path.join(tmp, 'home-before'),
    pin: path.resolve(compare),
    runtime: { kind: 'node', path: process.execPath },
  }).file;
  variants.push(...pathVariants(path.resolve(compare), before, 'before: '));
}

// The two calls every figure is quoted for: a harmless `git status` and the PocketOS deletion (a GraphQL
// volumeDelete through curl, asked and run confined), in the hook's own process and through the launcher.
function pathVariants(theCli, theLauncher, prefix) {
  const tag = prefix ? 'before' : 'after';
  return [
    {
      name: `${prefix}in-process: git status`,
      args: [theCli, 'hook', 'claude'],
      input: claudePayload('git status', configured),
      env: { ...stateFor(`${tag}-git`), ...inProcess },
      expect: 'defer',
    },
    {
      name: `${prefix}in-process: PocketOS`,
      args: [theCli, 'hook', 'claude'],
      input: claudePayload(POCKETOS, configured),
      env: { ...stateFor(`${tag}-pocketos`), ...inProcess },
      expect: 'ask',
    },
    {
      name: `${prefix}launcher: git status`,
      ...viaShell(`${q(theLauncher)} hook claude`),
      input: claudePayload('git status', configured),
      env: { ...stateFor(`${tag}-launcher-git`), ...inProcess },
      expect: 'defer',
    },
    {
      name: `${prefix}launcher: PocketOS`,
      ...viaShell(`${q(theLauncher)} hook claude`),
      input: claudePayload(POCKETOS, configured),
      env: { ...stateFor(`${tag}-launcher-pocketos`), ...inProcess },
      expect: 'ask',
    },
  ];
}

// The judge variants must really have been judged by the judge: its audit records say so.
function judgedByEditor(v) {
  const log = path.join(v.env.AGENTGUARD_STATE_DIR, 'audit.jsonl');
  const records = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const judgedHere = records.filter((r) => r.judge !== 'editor');
  if (judgedHere.length)
    throw new Error(
      `${v.name}: ${judgedHere.length} calls were judged in the hook's process, not by the editor's judge`,
    );
}

// CPU time of the children this process waited for (user + system, Linux's /proc, in clock ticks of 10 ms):
// summed over all runs of a variant, it is a second measure that a busy machine disturbs far less than wall time.
const TICK_MS = 10;
function childCpuMs() {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return NaN;
  }
}
const cpuTotals = new Map();

function runOnce(v) {
  const env = typeof v.env === 'function' ? v.env() : v.env;
  // Confirmed before each run, outside the timing: the record keeps the most recently confirmed folders only.
  if (env.AGENTGUARD_STATE_DIR) confirmedState(env.AGENTGUARD_STATE_DIR);
  const cpu0 = childCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(v.cmd ?? process.execPath, v.args, {
    input: v.input ?? '',
    env,
    cwd: workspace,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  cpuTotals.set(v, (cpuTotals.get(v) ?? 0) + childCpuMs() - cpu0);
  if (v.expect) {
    let decision;
    try {
      // Exit 0 with nothing printed: Claude Code's "no decision", a harmless call's answer.
      const out = r.stdout.trim() ? JSON.parse(r.stdout).hookSpecificOutput : { permissionDecision: 'defer' };
      decision =
        out.permissionDecision === v.expect
          ? out.permissionDecision
          : `${out.permissionDecision}: ${out.permissionDecisionReason}`;
    } catch {
      decision = `unreadable output: ${JSON.stringify(r.stdout)} ${r.stderr}`;
    }
    if (r.status !== 0 || decision !== v.expect) {
      throw new Error(`${v.name}: expected ${v.expect} with exit 0, got ${decision} (exit ${r.status})`);
    }
  }
  return ms;
}

// What the hook pays, on Linux, to verify the process that answers on the
// approval channel (read /proc/net/unix, scan the peer's open files, walk the
// hook's ancestors): timed in this process against a stand-in editor process
// that holds the channel and, like an extension host, many other files.
async function peerVerification() {
  if (process.platform !== 'linux') return undefined;
  const out = path.join(cliCheckout, 'out', 'src', 'channels');
  // A module moved without this script following it must fail the bench, not drop the figure.
  const require = createRequire(import.meta.url);
  const { approvalSocketPath } = require(path.join(out, 'approval', 'paths.js'));
  const { verifyApprovalPeer } = require(path.join(out, 'peer.js'));
  const { pinFile } = require(path.join(cliCheckout, 'out', 'src', 'core', 'launcher', 'pins.js'));
  // The stand-in runs this node, recorded as the editor's binary, so every step of the check is taken.
  const editorBinaries = [{ ...pinFile(process.execPath), path: process.execPath }];
  const socketPath = approvalSocketPath(tmp, workspace);
  const fds = 150;
  const editor = spawn(
    process.execPath,
    [
      '-e',
      `
    const fs = require('node:fs');
    for (let i = 0; i < ${fds}; i++) fs.openSync('/dev/null', 'r');
    require(${JSON.stringify(path.join(out, 'approval', 'server.js'))}).startApprovalServer({ socketPath: ${JSON.stringify(socketPath)}, decide: async () => 'deny' })
      .then(() => console.log('ready'));
    setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise((resolve) => editor.stdout.once('data', resolve));
    const ms = [];
    let outcome;
    for (let i = 0; i < 200; i++) {
      const t0 = process.hrtime.bigint();
      outcome = verifyApprovalPeer(editor.pid, socketPath, { editorBinaries });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    ms.sort((a, b) => a - b);
    // The stand-in is this process's child in its session, which the check refuses at its last step.
    if (outcome.ok || !/own session/.test(outcome.reason ?? ''))
      throw new Error(
        `approval peer check stopped early, so its time is not the whole check's: ${JSON.stringify(outcome)}`,
      );
    return { medianMs: +median(ms).toFixed(2), p90Ms: +ms[Math.floor(ms.length * 0.9)].toFixed(2), fds };
  } finally {
    editor.kill();
  }
}

/** The shipping variant's entries the follower delivered (its cursor), once it caught up; proof it shipped while measured. */
async function shippedWhileMeasured() {
  const written = fs.readFileSync(path.join(shippingState, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).length;
  let delivered = 0;
  for (let i = 0; i < 100 && delivered < written; i++) {
    const dir = path.join(shippingState, 'ship');
    const cursor = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith('.cursor.json')) : undefined;
    delivered = cursor ? JSON.parse(fs.readFileSync(path.join(dir, cursor), 'utf8')).seq : 0;
    if (delivered < written) await new Promise((r) => setTimeout(r, 100));
  }
  return { written, delivered };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  // Not measured: warms the file cache, and fills the code and config caches as the first call on a machine does.
  for (const v of variants) runOnce(v);
  for (const v of variants) if (v.judged) judgedByEditor(v);
  const times = variants.map(() => []);
  // Only the measured runs count toward CPU time.
  cpuTotals.clear();
  for (let i = 0; i < runs; i++) {
    // Rotate the order each round so no variant always runs right after another.
    for (let j = 0; j < variants.length; j++) {
      const k = (i + j) % variants.length;
      times[k].push(runOnce(variants[k]));
    }
  }
  const base = median(times[0]);
  const measuredCpu = new Map(cpuTotals);
  const results = variants.map((v, i) => ({
    name: v.name,
    medianMs: +median(times[i]).toFixed(1),
    ratio: +(median(times[i]) / base).toFixed(2),
    moreMs: +(median(times[i]) - base).toFixed(1),
    cpuMs: +(measuredCpu.get(v) / runs).toFixed(1),
  }));
  for (const v of variants) if (v.judged) judgedByEditor(v);
  const shipped = judgeOnly ? undefined : await shippedWhileMeasured();
  const verify = judgeOnly ? undefined : await peerVerification();
  if (asJson) {
    console.log(JSON.stringify({ runs, cli, node: process.version, results, peerVerification: verify }, null, 2));
  } else {
    console.log(
      `agentguard hook benchmark: ${runs} interleaved runs each, ${process.version}, ${os.cpus().length} CPUs`,
    );
    const cpuBase = results[0].cpuMs;
    for (const r of results)
      console.log(
        `  ${r.name.padEnd(31)} median ${String(r.medianMs).padStart(7)} ms   ×${r.ratio.toFixed(2)}${r.moreMs ? `   +${r.moreMs} ms`.padEnd(12) : ''.padEnd(12)}   cpu ${String(r.cpuMs).padStart(5)} ms${r.cpuMs !== cpuBase && Number.isFinite(r.cpuMs) ? ` (+${(r.cpuMs - cpuBase).toFixed(1)})` : ''}`,
      );
    console.log(
      `  (cpu: mean CPU time per run of the process tree, user + system; load average ${os.loadavg()[0].toFixed(1)} at the end)`,
    );
    const by = (name) => results.find((r) => r.name === name)?.medianMs;
    const diff = (a, b) => (by(a) !== undefined && by(b) !== undefined ? `+${(by(a) - by(b)).toFixed(1)} ms` : 'n/a');
    console.log(
      `  launcher's own share (instant CLI, launcher vs node through sh -c): ${diff('sh -c: launcher, instant CLI', 'sh -c: node, instant CLI')}`,
    );
    console.log(
      `  whole hook through the launcher vs node -e 0: in-process ${diff('launcher, in-process: defer', 'node -e 0')}${withJudge ? `, editor judge ${diff('launcher, judge: defer (ls -la)', 'node -e 0')}` : ''}`,
    );
    if (snapshotBlob) {
      console.log(
        '  V8 startup snapshot (not shipped) against the code cache, each over node -e 0 (wall median; cpu mean):',
      );
      for (const call of ['git status', 'PocketOS']) {
        const plain = results.find((x) => x.name === `in-process: ${call}`);
        const snap = results.find((x) => x.name === `snapshot, in-process: ${call}`);
        console.log(
          `    ${call.padEnd(27)} +${plain.moreMs} ms → +${snap.moreMs} ms   cpu +${(plain.cpuMs - cpuBase).toFixed(1)} → +${(snap.cpuMs - cpuBase).toFixed(1)} ms`,
        );
      }
    }
    if (compare) {
      console.log(`  before (${compare}) → after, each over node -e 0 (wall median; cpu mean):`);
      for (const r of results.filter((x) => x.name.startsWith('before: '))) {
        const after = results.find((x) => x.name === r.name.slice('before: '.length));
        if (after)
          console.log(
            `    ${after.name.padEnd(27)} +${r.moreMs} ms → +${after.moreMs} ms   cpu +${(r.cpuMs - cpuBase).toFixed(1)} → +${(after.cpuMs - cpuBase).toFixed(1)} ms`,
          );
      }
    }
    if (!withJudge) console.log('  (no editor judge variants: they need Linux and the unbundled build in out/)');
    if (verify)
      console.log(
        `  ${'approval peer check'.padEnd(30)} median ${String(verify.medianMs).padStart(7)} ms   (p90 ${verify.p90Ms} ms; /proc walk against an editor holding ${verify.fds} files)`,
      );
    if (shipped)
      console.log(
        `  (shipping: \`agentguard audit ship\` delivered ${shipped.delivered} of ${shipped.written} entries of the shipping variant while it was measured)`,
      );
  }
  if (maxRatio !== undefined) {
    const worst = Math.max(...results.slice(1).map((r) => r.ratio));
    if (worst > Number(maxRatio)) {
      console.error(`bench-hook: slowest hook variant is ×${worst} of node -e 0, above the ×${maxRatio} budget`);
      process.exitCode = 1;
    }
  }
} finally {
  shipper.kill();
  sink.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
