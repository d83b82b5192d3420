#!/usr/bin/env node
// What one audit record (core/state/audit.ts appendAudit) costs the process
// that judges a call: in one warm Node process, rounds of appends of the
// record an `ls -la` through the editor's judge leaves, to a log in a state
// folder of the build's own (the lock, the log line, the `audit.head` beside
// it). With --compare OTHER (another checkout's root, built), both builds
// append in alternating rounds in the same process; prints the median of
// each round and of all of them, in microseconds per append.
//
//   node scripts/bench-audit.mjs [--rounds 5] [--appends 2000] [--compare OTHER_ROOT]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, repoRoot } from './bench-options.mjs';

const root = repoRoot;
const rounds = Number(option('--rounds', '5'));
const appends = Number(option('--appends', '2000'));
const compare = option('--compare', undefined);
const require = createRequire(import.meta.url);

const builds = [{ name: 'this build', root }, ...(compare ? [{ name: 'compared', root: path.resolve(compare) }] : [])];
for (const b of builds) {
  const file = path.join(b.root, 'out', 'src', 'core', 'state', 'audit.js');
  if (!fs.existsSync(file)) {
    console.error(`bench-audit: ${file} does not exist; build that checkout first`);
    process.exit(64);
  }
  b.audit = require(file);
  b.state = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-audit-'));
  b.rounds = [];
}

const record = (i) => ({
  time: new Date().toISOString(),
  host: 'claude',
  event: 'PreToolUse',
  tool: 'Bash',
  kind: 'shell',
  command: `ls -la ${i}`,
  cwd: '/srv/code/app',
  workspace: '/srv/code/app',
  decision: 'allow',
  score: 0,
  findings: [],
  judge: 'editor',
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A warm-up round each, not counted.
for (const b of builds) for (let i = 0; i < 200; i++) b.audit.appendAudit(b.state, record(i));
for (let r = 0; r < rounds; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    const times = [];
    for (let i = 0; i < appends; i++) {
      const t0 = process.hrtime.bigint();
      const done = b.audit.appendAudit(b.state, record(i));
      times.push(Number(process.hrtime.bigint() - t0) / 1e3);
      if (!done.ok) throw new Error(`${b.name}: ${done.error}`);
    }
    b.rounds.push(times);
  }
}

console.log(
  `appendAudit: ${rounds} alternating rounds of ${appends} appends, ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; median µs per append`,
);
for (const b of builds) {
  const verdict = b.audit.verifyAudit(b.state);
  console.log(
    `  ${b.name.padEnd(11)} rounds ${b.rounds.map((t) => median(t).toFixed(0)).join(' ')}   all ${median(b.rounds.flat()).toFixed(0)}   (verify: ${verdict.ok ? `intact, ${verdict.entries} entries` : verdict.problem})`,
  );
  fs.rmSync(b.state, { recursive: true, force: true });
}
