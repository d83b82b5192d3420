#!/usr/bin/env node
// The editor judge's part of a hook call, without the hook's process around
// it: the time from connecting to the judge's socket to its answer (hello,
// request, judging, the audit record, the same-call note, the answer), as the
// hook's client sees it. One call of `ls -la` as Claude Code's hook sends it
// (the first arrival), then the same call as Cursor's beforeShellExecution
// (a second hook file reached by the same call: it repeats the first's
// outcome). With --compare OTHER_ROOT (another checkout, built), that
// build's judge runs in the same process and the two are called in
// alternation, call by call. Run as a throwaway account (the judges keep
// their state in folders of their own):
//
//   node scripts/throwaway-account.mjs node scripts/bench-judge.mjs [--calls 200] [--compare OTHER_ROOT]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, repoRoot } from './bench-options.mjs';
import { confirmedState } from './confirm-state.mjs';

const root = repoRoot;
const calls = Number(option('--calls', '200'));
const compare = option('--compare', undefined);
const require = createRequire(import.meta.url);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-judge-'));
const home = path.join(tmp, 'home');
const workspace = path.join(home, 'code', 'app');
fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });

const judges = [];
for (const [name, dir] of [['this build', root], ...(compare ? [['compared', path.resolve(compare)]] : [])]) {
  const server = path.join(dir, 'out', 'src', 'channels', 'editorJudge', 'server.js');
  if (!fs.existsSync(server)) {
    console.error(`bench-judge: ${server} does not exist; build that checkout first`);
    process.exit(64);
  }
  // The hooks' state folder, confirmed as the editor confirms its own: the judge serves hooks that share it.
  const state = confirmedState(path.join(tmp, `state-${judges.length}`));
  fs.mkdirSync(state, { recursive: true });
  const socketPath = path.join(tmp, `judge-${judges.length}.sock`);
  const judge = await require(server).startJudgeServer({
    build: 'bench',
    channels: () => [],
    stateDir: state,
    socketPath,
  });
  judges.push({ name, judge, state, socketPath, first: [], second: [] });
}

function ask(j, host, payload) {
  const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', AGENTGUARD_STATE_DIR: j.state };
  const request = {
    type: 'judge.request',
    version: 1,
    host,
    input: { ok: true, text: JSON.stringify(payload) },
    env,
    cwd: workspace,
    install: [],
    startedAt: Date.now(),
  };
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const socket = net.connect(j.socketPath);
    let buf = '';
    let sent = false;
    socket.on('data', (d) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
        const msg = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (msg.type === 'judge.hello' && !sent) {
          sent = true;
          socket.write(JSON.stringify({ ...request, version: msg.version }) + '\n');
        } else if (msg.type === 'judge.answer') {
          socket.destroy();
          resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, msg });
        } else if (msg.type === 'judge.decline') {
          socket.destroy();
          reject(new Error(`declined: ${msg.reason}`));
        }
      }
    });
    socket.on('error', reject);
  });
}

const command = 'ls -la';
const claude = {
  session_id: 'bench',
  transcript_path: path.join(home, '.claude', 'transcript.jsonl'),
  cwd: workspace,
  permission_mode: 'default',
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command },
  tool_use_id: 'toolu_bench',
};
const cursor = {
  conversation_id: 'bench',
  generation_id: 'bench',
  hook_event_name: 'beforeShellExecution',
  workspace_roots: [workspace],
  command,
  cwd: workspace,
};

const answers = new Map();
for (let i = -10; i < calls; i++) {
  for (const j of i % 2 ? [...judges].reverse() : judges) {
    const first = await ask(j, 'claude', claude);
    const second = await ask(j, 'cursor', cursor);
    // Warm-up calls are not counted.
    if (i >= 0) {
      j.first.push(first.ms);
      j.second.push(second.ms);
    }
    answers.set(j.name, `${first.msg.stdout.trim()} / ${second.msg.stdout.trim()}`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `editor judge, connect to answer: ${calls} alternating calls of \`${command}\` (Claude Code's hook, then Cursor's for the same call), ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
);
for (const j of judges) {
  const audit = fs.readFileSync(path.join(j.state, 'audit.jsonl'), 'utf8').trim().split('\n').length;
  console.log(
    `  ${j.name.padEnd(11)} first arrival median ${median(j.first).toFixed(2)} ms   second arrival median ${median(j.second).toFixed(2)} ms   (${audit} audit entries; answers ${answers.get(j.name)})`,
  );
  await j.judge.close();
}
fs.rmSync(tmp, { recursive: true, force: true });
