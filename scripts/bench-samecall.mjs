#!/usr/bin/env node
// What the same-call note (core/frontdoor/sameCall.ts) costs the process that
// judges a call, timed where the editor's judge runs it: in one warm Node
// process, a first arrival's claim and its settling, and a second arrival
// (another host's hook file) finding the outcome: for new calls (a note of
// their own, not there before), and for calls made again (the same few
// commands over and over, so their notes exist, as an agent's `ls` or
// `git status` do). With
// --compare OTHER (another checkout's root, built), both builds are timed in
// alternating rounds in the same process; prints medians per call.
//
//   node scripts/bench-samecall.mjs [--rounds 20] [--calls 50] [--compare OTHER_ROOT]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, repoRoot } from './bench-options.mjs';

const root = repoRoot;
const rounds = Number(option('--rounds', '20'));
const calls = Number(option('--calls', '50'));
const compare = option('--compare', undefined);
const require = createRequire(import.meta.url);

const builds = [{ name: 'this build', root }, ...(compare ? [{ name: 'compared', root: path.resolve(compare) }] : [])];
for (const b of builds) {
  const file = path.join(b.root, 'out', 'src', 'core', 'frontdoor', 'sameCall.js');
  if (!fs.existsSync(file)) {
    console.error(`bench-samecall: ${file} does not exist; build that checkout first`);
    process.exit(64);
  }
  b.claim = require(file).claimSameCall;
  b.state = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-samecall-'));
  b.times = { new: { claim: [], settle: [], repeat: [] }, again: { claim: [], settle: [], repeat: [] } };
}

const verdict = {
  decision: 'allow',
  score: 0,
  environment: { name: 'unknown', production: false, evidence: [] },
  findings: [],
  warnings: [],
};
const resolution = { via: 'policy' };
const request = (host, event, command) => ({
  kind: 'shell',
  event,
  command,
  cwd: '/srv/code',
  workspaceRoots: [],
  sessionId: 'bench-session',
  host,
});
/** `command` arriving from `host`'s hook (its `event`) at build `b`'s judge: its claim on the call's note. */
const arrive = (b, host, event, command) =>
  b.claim(b.state, host, request(host, event, command), '/srv/code', '/srv/code', verdict, 60_000);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let n = 0;
for (let r = 0; r < rounds; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    for (let i = 0; i < calls; i++) {
      for (const kind of ['new', 'again']) {
        const command = kind === 'new' ? `ls -la /srv/code/dir${n++}` : `ls -la /srv/code/again${i % 5}`;
        const times = b.times[kind];
        let t0 = process.hrtime.bigint();
        const first = arrive(b, 'claude', 'PreToolUse', command);
        times.claim.push(ms(t0));
        if (first.role !== 'owner') throw new Error(`first arrival: ${first.role}`);
        t0 = process.hrtime.bigint();
        first.settle({ state: 'done', verdict, resolution });
        times.settle.push(ms(t0));
        t0 = process.hrtime.bigint();
        const second = arrive(b, 'cursor', 'beforeShellExecution', command);
        // Where the note was started anew between the two arrivals, the second decides (and settles) on its own.
        if (second.role === 'owner') second.settle({ state: 'done', verdict, resolution });
        else if (second.role !== 'repeat' || (await second.wait(5000))?.state !== 'done')
          throw new Error(`second arrival: ${second.role} without an outcome`);
        times.repeat.push(ms(t0));
      }
    }
  }
}
console.log(
  `same-call note: ${rounds} alternating rounds of ${calls} calls, ${process.version}, ${os.cpus().length} CPUs; median ms per call`,
);
for (const b of builds) {
  for (const kind of ['new', 'again']) {
    const t = b.times[kind];
    console.log(
      `  ${b.name.padEnd(11)} ${kind === 'new' ? 'new call  ' : 'call again'}  claim ${median(t.claim).toFixed(3)}  settle ${median(t.settle).toFixed(3)}  second arrival ${median(t.repeat).toFixed(3)}`,
    );
  }
  fs.rmSync(b.state, { recursive: true, force: true });
}
