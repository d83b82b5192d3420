// npm run bench: speed of the decision engine in-process (per decision, over
// the labelled corpora), of pathological inputs, of the hook as a whole
// process against `node -e 0` (scripts/bench-hook.mjs), and of the terminal
// gate per allowed line (scripts/bench-gate.mjs). Prints medians and
// ratios; asserts nothing — speed is reported, not unit-tested.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The engine bundled as the hook and the editor run it: the unbundled build in
// out/ calls across modules through getters, which would time the module
// layout rather than the judgment.
const engineBundle = path.join(os.tmpdir(), `agentguard-bench-engine-${process.pid}.js`);
require('esbuild').buildSync({
  entryPoints: [path.join(root, 'src', 'core', 'engine.ts')], outfile: engineBundle, bundle: true, platform: 'node', target: 'node20',
  format: 'cjs', minify: true, mainFields: ['module', 'main'], external: ['./validate'], logLevel: 'error',
});
const { evaluate } = require(engineBundle);
fs.rmSync(engineBundle, { force: true });

// The project's own regression corpus, plus the shared corpora when they sit beside the checkout.
function corpusCommands() {
  const files = [path.join(root, 'test', 'fixtures', 'corpus', 'regression.jsonl')];
  for (const dir of [process.env.AGENTGUARD_CORPUS_DIR, path.join(root, '..', 'shared', 'corpus')].filter(Boolean)) {
    if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(dir, f)));
  }
  const rows = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  return { source: `${files.length} corpora (${rows.length} commands)`, rows };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// A workspace like a real project, so package.json and file reads are measured too.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-'));
const workspace = path.join(home, 'code', 'acme-api');
fs.mkdirSync(path.join(workspace, 'scripts'), { recursive: true });
fs.writeFileSync(path.join(workspace, 'package.json'), JSON.stringify({ scripts: { build: 'tsc -p .', test: 'vitest run', 'db:reset': 'prisma migrate reset --force' } }));
fs.writeFileSync(path.join(workspace, 'scripts', 'reset.sql'), 'DROP SCHEMA public CASCADE;\n');
const opts = { workspace, home, env: { HOME: home, PATH: process.env.PATH ?? '' } };

const { source, rows } = corpusCommands();
const requests = rows.map((r) => ({ command: r.command, cwd: workspace, ...(r.env ? { env: { HOME: home, ...r.env } } : {}) }));

// Warm up the JIT, then time every decision separately. Each command's time is
// the median of its rounds (robust to the scheduler preempting one sample on
// a busy 2-core machine); the figures are the median and p99 across commands.
for (let i = 0; i < 3; i++) for (const req of requests) evaluate(req, opts);
const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
const perCommand = requests.map(() => []);
const started = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < requests.length; i++) {
    const t0 = process.hrtime.bigint();
    evaluate(requests[i], opts);
    perCommand[i].push(Number(process.hrtime.bigint() - t0) / 1000);
  }
}
const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const typical = perCommand.map((xs) => xs.sort((a, b) => a - b)[xs.length >> 1]).sort((a, b) => a - b);
const all = perCommand.flat().sort((a, b) => a - b);
console.log(`engine, bundled, in-process, ${source}, ${rounds} rounds:`);
console.log(`  per decision: median ${quantile(typical, 0.5).toFixed(1)} µs   p99 ${quantile(typical, 0.99).toFixed(1)} µs   slowest command ${typical[typical.length - 1].toFixed(1)} µs   ${Math.round(all.length / totalSeconds).toLocaleString('en-US')} decisions/s`);
console.log(`  (every sample: median ${quantile(all, 0.5).toFixed(1)} µs, p99 ${quantile(all, 0.99).toFixed(1)} µs, including scheduler and GC pauses)`);
console.log(`  goal: median ≤ 20 µs (${(quantile(typical, 0.5) / 20).toFixed(2)}× of goal), p99 ≤ 200 µs (${(quantile(typical, 0.99) / 200).toFixed(2)}× of goal)`);

const pathological = {
  '100 KB word': 'echo ' + 'a'.repeat(99_990),
  '64-deep $( )': 'echo ' + '$('.repeat(63) + 'ls' + ')'.repeat(63),
  'past depth limit': 'echo ' + '$('.repeat(200) + 'ls' + ')'.repeat(200),
  '5000-stage pipeline': 'ls | '.repeat(5000) + 'ls',
  '5000 && chain': 'a && '.repeat(5000) + 'b',
  '10k unmatched (': '('.repeat(10000),
  '10k quotes': "'".repeat(10001),
  '500 evals': 'eval '.repeat(500) + 'rm -rf /',
  '20k for-list': 'for x in ' + 'a '.repeat(20000) + '; do rm $x; done',
  'fork bomb': ':(){ :|:& };:',
  'base64 | sh': 'echo cm0gLXJmIH4K | base64 -d | sh',
  'long GraphQL body': `curl -X POST https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { ${'a'.repeat(50_000)} volumeDelete(volumeId: \\"x\\") }"}'`,
};
console.log('pathological inputs (median of 5 runs each):');
let slowest = ['', 0];
for (const [name, command] of Object.entries(pathological)) {
  const runs = [];
  let decision = '';
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    decision = evaluate({ command }, opts).decision;
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const ms = runs[2];
  if (ms > slowest[1]) slowest = [name, ms];
  console.log(`  ${name.padEnd(20)} ${ms.toFixed(3).padStart(8)} ms  → ${decision}`);
}
console.log(`  slowest: ${slowest[0]} at ${slowest[1].toFixed(3)} ms (goal ≤ 5 ms: ${(slowest[1] / 5).toFixed(2)}× of goal)`);
fs.rmSync(home, { recursive: true, force: true });

const hookBench = path.join(root, 'scripts', 'bench-hook.mjs');
if (fs.existsSync(hookBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [hookBench], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}

const gateBench = path.join(root, 'scripts', 'bench-gate.mjs');
if (fs.existsSync(gateBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [gateBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

const lspBench = path.join(root, 'scripts', 'bench-lsp.mjs');
if (fs.existsSync(lspBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [lspBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
