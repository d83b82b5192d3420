// The terminal door's cost per allowed line (part of `npm run bench`):
//   1. the gate's round trip alone: a line written to the gate process (as bash
//      writes it from its Enter binding), through the gate's open connection to
//      the editor's judge running in this process (bundled, as in the extension
//      host), back as a verdict;
//   2. what a human or an agent feels: Enter to the next prompt in a real bash
//      on a pseudo-terminal, with the gate and without it; the difference is the
//      latency the gate adds to an allowed line.
// Prints medians; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from './bundled.mjs';
import { confirmedState } from './confirm-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const relay = path.join(root, 'test', 'unit', 'support', 'pty', 'relay.py');
const ROUNDS = Number(process.env.BENCH_GATE_ROUNDS ?? 200);

const BUILD = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
const { startJudgeServer, startApprovalServer, approvalSocketPath } = loadBundled(
  {
    stdin: {
      contents:
        "export { startJudgeServer } from './src/channels/editorJudge/server'; export { startApprovalServer } from './src/channels/approval/server'; export { approvalSocketPath } from './src/channels/approval/paths';",
      resolveDir: root,
      loader: 'ts',
    },
  },
  { define: { __AGENTGUARD_BUILD__: JSON.stringify(BUILD) } },
);

const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-gate-'));
const home = path.join(sandbox, 'home');
const workspace = path.join(home, 'code', 'acme-api');
const state = path.join(sandbox, 'state');
fs.mkdirSync(workspace, { recursive: true });
fs.mkdirSync(state, { recursive: true, mode: 0o700 });
const env = {
  PATH: process.env.PATH,
  HOME: home,
  AGENTGUARD_STATE_DIR: confirmedState(state),
  TERM: 'xterm',
  LANG: 'C.UTF-8',
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

const approval = await startApprovalServer({
  socketPath: approvalSocketPath(state, workspace),
  decide: async () => 'deny',
});
let shellPid = 0;
const judge = await startJudgeServer({
  build: BUILD,
  stateDir: state,
  channels: () => [approval],
  // The bench's shells and gate stand for an agent's terminal: every allowed line is judged and recorded.
  terminals: {
    terminal: (pid) =>
      pid === shellPid || pid === process.pid ? { origin: 'agent-terminal', name: 'bench' } : undefined,
    humanGating: () => 'production',
    approvalMs: () => 10_000,
  },
});

// 1. The gate process alone, as bash drives it.
async function gateRoundTrip() {
  shellPid = process.pid;
  const gate = spawn(process.execPath, [cli, 'gate', '--shell', 'bash'], {
    cwd: workspace,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  gate.stdout.setEncoding('utf8');
  let buffered = '';
  const waiters = [];
  gate.stdout.on('data', (c) => {
    buffered += c;
    const fields = buffered.split('\0');
    while (fields.length > 3) {
      const [id, decision] = fields.splice(0, 3);
      buffered = fields.join('\0');
      waiters.shift()?.({ id, decision });
    }
  });
  const declare =
    Object.entries(env)
      .map(([k, v]) => `declare -x ${k}="${v}"`)
      .join('\n') + '\n';
  const send = (id, line) =>
    new Promise((resolve) => {
      waiters.push(resolve);
      gate.stdin.write(`${id}\0${workspace}\0${declare}\0\0${line}\0`);
    });
  const times = [];
  for (let i = 0; i < ROUNDS + 20; i++) {
    const t0 = process.hrtime.bigint();
    const r = await send(String(i), i % 2 ? 'git status' : 'ls -la src');
    if (r.decision !== 'allow') throw new Error(`an allowed line was answered ${r.decision}`);
    if (i >= 20) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  gate.stdin.end();
  return times;
}

// 2. Enter to the next prompt in bash on a pty, with and without the gate.
async function bashLines(withGate) {
  const rc = path.join(sandbox, withGate ? 'rc-gate' : 'rc-plain');
  fs.writeFileSync(
    rc,
    `PS1='@P@ '\n${withGate ? `eval "$(${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} shell-init bash)"\n` : ''}`,
  );
  const child = spawn('python3', [relay, 'bash', '--rcfile', rc, '-i'], {
    cwd: workspace,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  let out = '';
  let onData = () => undefined;
  child.stdout.on('data', (c) => {
    out += c;
    if (!shellPid) {
      const m = /^PID (\d+)\n/.exec(out);
      if (m) shellPid = Number(m[1]);
    }
    onData();
  });
  // A line's output on a line of its own (the typed line echoes `echo mN`, never `mN` at a line start).
  const outputOf = (marker) =>
    new Promise((resolve) => {
      const re = new RegExp(`[\\r\\n]${marker}\\r?\\n`);
      const check = () => {
        if (re.test(out)) {
          onData = () => undefined;
          resolve();
        }
      };
      onData = check;
      check();
    });
  child.stdin.write('echo ready\r');
  await outputOf('ready');
  // Settled: the gate process is up and connected (it said hello).
  await new Promise((r) => setTimeout(r, 800));
  const times = [];
  for (let i = 0; i < ROUNDS + 20; i++) {
    const done = outputOf(`m${i}`);
    const t0 = process.hrtime.bigint();
    child.stdin.write(`echo m${i}\r`);
    await done;
    if (i >= 20) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  child.stdin.end();
  shellPid = 0;
  return times;
}

try {
  const trip = await gateRoundTrip();
  console.log(`terminal gate, allowed line, ${ROUNDS} lines each:`);
  console.log(
    `  gate round trip (shell → gate process → editor's judge → verdict): median ${median(trip).toFixed(2)} ms   p90 ${p90(trip).toFixed(2)} ms   (goal ≤ 5 ms: ${(median(trip) / 5).toFixed(2)}× of goal)`,
  );
  const plain = await bashLines(false);
  const gated = await bashLines(true);
  console.log(
    `  bash on a pty, Enter to the line's output (echo, a builtin): without the gate median ${median(plain).toFixed(2)} ms, with it ${median(gated).toFixed(2)} ms: the gate adds ${(median(gated) - median(plain)).toFixed(2)} ms per allowed line`,
  );
} finally {
  await judge.close();
  await approval.close();
  fs.rmSync(sandbox, { recursive: true, force: true });
}
