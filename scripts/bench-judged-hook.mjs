#!/usr/bin/env node
// A hook call answered by the editor's judge, whole, against a bare
// `node -e 0`, for this build and (with --compare OTHER_ROOT, another built
// checkout) the one before it, in alternating blocks. Each block is a judge
// process of one build (a child of this Node process, as the extension host
// is a child of the editor) that starts its judge, then spawns `node -e 0`
// and `node dist/cli.js hook claude` (`ls -la`, Claude Code's payload) in
// turn and times each from spawn to exit. Only one judge listens at a time:
// a hook tries the judges it finds in order, and one of another build would
// cost it a greeting. Per call it reports the wall time, the CPU time of the
// hook's process (user + system of the reaped child, in 10 ms clock ticks, so
// a mean), and the judge process's own CPU time during the call (less what a
// `node -e 0` call costs it: the spawn). Run as a throwaway account:
//
//   node scripts/throwaway-account.mjs node scripts/bench-judged-hook.mjs [--rounds 10] [--block 10] [--compare OTHER_ROOT]
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, repoRoot } from './bench-options.mjs';
import { confirmedState } from './confirm-state.mjs';

const self = fileURLToPath(import.meta.url);
const require = createRequire(import.meta.url);

if (process.argv[2] === '--block') {
  // One block, in a judge process: argv root stateDir workspace home calls.
  const [, , , root, state, workspace, home, callsArg] = process.argv;
  const calls = Number(callsArg);
  const cli = path.join(root, 'dist', 'cli.js');
  const build = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
  const { startJudgeServer } = require(path.join(root, 'out', 'src', 'channels', 'editorJudge', 'server.js'));
  const judge = await startJudgeServer({ build, channels: () => [], stateDir: state });
  const env = { PATH: process.env.PATH, HOME: home, TMPDIR: os.tmpdir(), AGENTGUARD_STATE_DIR: state };
  const payload = JSON.stringify({
    session_id: 'bench',
    transcript_path: path.join(home, '.claude', 'transcript.jsonl'),
    cwd: workspace,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: process.env.BENCH_COMMAND || 'ls -la', description: 'benchmark' },
    tool_use_id: 'toolu_bench',
  });
  const childTicks = () => {
    const f = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return Number(fields[13]) + Number(fields[14]);
  };
  const tick = 1000 / 100;
  const run = (args, input) =>
    new Promise((resolve, reject) => {
      const c0 = childTicks();
      const u0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const child = spawn(process.execPath, args, { env, cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.stdin.end(input ?? '');
      child.on('error', reject);
      child.on('close', (code) => {
        const wall = Number(process.hrtime.bigint() - t0) / 1e6;
        const u = process.cpuUsage(u0);
        resolve({ wall, cpu: (childTicks() - c0) * tick, judgeCpu: (u.user + u.system) / 1000, code, out });
      });
    });
  const rows = { node: [], hook: [] };
  const warm = Number(process.env.BENCH_WARM_CALLS || 10);
  for (let i = -warm; i < calls; i++) {
    const n = await run(['-e', '0']);
    const h = await run(
      process.env.BENCH_STRACE && i === calls - 1
        ? [
            '-e',
            `require('child_process').spawnSync('strace',['-f','-tt','-o',${JSON.stringify(process.env.BENCH_STRACE)},process.execPath,${JSON.stringify(cli)},'hook','claude'],{stdio:'inherit'})`,
          ]
        : [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), cli, 'hook', 'claude'],
      payload,
    );
    if (i === -warm && h.out) process.stderr.write(`hook said: ${h.out}\n`);
    if (i >= 0) {
      rows.node.push(n);
      rows.hook.push(h);
    }
  }
  await judge.close();
  const audit = fs.readFileSync(path.join(state, 'audit.jsonl'), 'utf8');
  const judged = audit.split('\n').filter((l) => l.includes('"judge":"editor"')).length;
  process.stdout.write(JSON.stringify({ rows, judged }) + '\n');
  process.exit(0);
}

const rounds = Number(option('--rounds', '10'));
const block = Number(option('--block', '10'));
const compare = option('--compare', undefined);
const builds = [['this build', repoRoot], ...(compare ? [['before', path.resolve(compare)]] : [])];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-judged-'));
const home = path.join(tmp, 'home');
const workspace = path.join(home, 'code', 'app');
fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
const all = new Map(
  builds.map(([name, root], i) => {
    const state = confirmedState(path.join(tmp, `state-${i}`));
    fs.mkdirSync(state, { recursive: true });
    // As the extension does at activation: the hooks trust a judge whose parent runs a binary recorded here.
    createRequire(path.join(root, 'package.json'))(
      path.join(root, 'out', 'src', 'core', 'launcher', 'pins.js'),
    ).recordEditorBinary(state);
    return [name, { root, state, node: [], hook: [], judgedBefore: 0 }];
  }),
);
const loads = [os.loadavg()[0]];
for (let r = 0; r < rounds; r++) {
  for (const [, b] of r % 2 ? [...all].reverse() : [...all]) {
    const out = execFileSync(process.execPath, [self, '--block', b.root, b.state, workspace, home, String(block)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const { rows, judged } = JSON.parse(out.trim().split('\n').pop());
    b.node.push(...rows.node);
    b.hook.push(...rows.hook);
    b.judged = judged;
  }
  loads.push(os.loadavg()[0]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)];
console.log(
  `editor-judged hook (\`${process.env.BENCH_COMMAND || 'ls -la'}\`), ${rounds} alternating blocks of ${block} calls per build, ${process.version}, ${os.cpus().length} CPUs, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const [name, b] of all) {
  const extra = b.hook.map((h, i) => h.wall - b.node[i].wall);
  const jc = mean(b.hook.map((h) => h.judgeCpu)) - mean(b.node.map((n) => n.judgeCpu));
  console.log(
    `  ${name.padEnd(10)} node -e 0 ${median(b.node.map((n) => n.wall)).toFixed(1)} ms, hook ${median(b.hook.map((h) => h.wall)).toFixed(1)} ms; ` +
      `over node: wall median +${median(extra).toFixed(1)} ms (p25 +${q(extra, 0.25).toFixed(1)}, p75 +${q(extra, 0.75).toFixed(1)}), ` +
      `hook cpu mean +${(mean(b.hook.map((h) => h.cpu)) - mean(b.node.map((n) => n.cpu))).toFixed(1)} ms, judge cpu +${jc.toFixed(2)} ms a call ` +
      `(${b.judged} judged by the editor in the last block)`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
