// npm run bench: speed of the decision engine in-process (per decision, over
// the labelled corpora; PowerShell against bash lines of the same length), of
// pathological inputs (bash, PowerShell, cmd), of the hook as a whole process
// against `node -e 0` (scripts/bench-hook.mjs), of the editor judge's own
// part of a call (scripts/bench-judge.mjs), of what running a command
// confined adds (scripts/bench-confine.mjs), and of the terminal gate per
// allowed line (scripts/bench-gate.mjs), of `check --batch` per decision
// (scripts/bench-batch.mjs), and of MCP calls of about 50 KB of arguments (and
// past the bounds of what is read). BENCH_COMPARE_CLI=OTHER/dist/cli.js
// measures an earlier build in the same rounds (hook and batch). Prints
// medians and ratios; asserts only that MCP calls past those bounds are asked
// about — speed is reported, not unit-tested.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCorpusFiles, corpusRows } from './corpus-rows.mjs';
import { loadBundled } from './bundled.mjs';
import { spawnSync } from 'node:child_process';
import { throwawayAccount } from './confirm-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { evaluate } = loadBundled(path.join(root, 'src', 'core', 'engine.ts'));

// The project's own regression corpus, plus the shared corpora when they sit beside the checkout.
function corpusCommands() {
  const files = benchCorpusFiles(root);
  const rows = corpusRows(files);
  return { source: `${files.length} corpora (${rows.length} commands)`, rows };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// The hook benchmarks give each hook a throwaway state folder, confirmed in the account's own state
// (scripts/confirm-state.mjs): `npm run bench` runs as a throwaway account, so yours is never touched.
if (!throwawayAccount()) {
  console.error(
    'bench: the benchmarks confirm state folders in the account they run as: run them as npm run bench (a throwaway account, Linux with bubblewrap)',
  );
  process.exit(1);
}
// A workspace like a real project, so package.json and file reads are measured too.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-'));
const workspace = path.join(home, 'code', 'acme-api');
fs.mkdirSync(path.join(workspace, 'scripts'), { recursive: true });
fs.writeFileSync(
  path.join(workspace, 'package.json'),
  JSON.stringify({ scripts: { build: 'tsc -p .', test: 'vitest run', 'db:reset': 'prisma migrate reset --force' } }),
);
fs.writeFileSync(path.join(workspace, 'scripts', 'reset.sql'), 'DROP SCHEMA public CASCADE;\n');
const opts = { workspace, home, env: { HOME: home, PATH: process.env.PATH ?? '' } };

const { source, rows } = corpusCommands();
const requests = rows.map((r) => ({
  command: r.command,
  cwd: workspace,
  ...(r.shell ? { shell: r.shell } : {}),
  ...(r.env ? { env: { HOME: home, ...r.env } } : {}),
}));

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
console.log(
  `  per decision: median ${quantile(typical, 0.5).toFixed(1)} µs   p99 ${quantile(typical, 0.99).toFixed(1)} µs   slowest command ${typical[typical.length - 1].toFixed(1)} µs   ${Math.round(all.length / totalSeconds).toLocaleString('en-US')} decisions/s`,
);
console.log(
  `  (every sample: median ${quantile(all, 0.5).toFixed(1)} µs, p99 ${quantile(all, 0.99).toFixed(1)} µs, including scheduler and GC pauses)`,
);
console.log(
  `  goal: median ≤ 20 µs (${(quantile(typical, 0.5) / 20).toFixed(2)}× of goal), p99 ≤ 200 µs (${(quantile(typical, 0.99) / 200).toFixed(2)}× of goal)`,
);

// PowerShell against bash, line for line of the same length: the Windows corpus's PowerShell rows, each
// beside the bash corpus row nearest its length, timed the same way. Goal: PowerShell ≤ 2× bash.
function timeEach(reqs) {
  for (let i = 0; i < 3; i++) for (const req of reqs) evaluate(req, opts);
  const per = reqs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < reqs.length; i++) {
      const t0 = process.hrtime.bigint();
      evaluate(reqs[i], opts);
      per[i].push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  return per.map((xs) => xs.sort((a, b) => a - b)[xs.length >> 1]).sort((a, b) => a - b);
}
const windowsRows = fs
  .readFileSync(path.join(root, 'test', 'fixtures', 'corpus', 'windows.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const pwshRows = windowsRows.filter((r) => r.shell === 'pwsh');
const bashByLength = rows
  .filter((r) => !r.shell || r.shell === 'bash')
  .sort((a, b) => a.command.length - b.command.length);
const nearest = (n) => {
  let lo = 0;
  let hi = bashByLength.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bashByLength[mid].command.length < n) lo = mid + 1;
    else hi = mid;
  }
  return bashByLength[lo];
};
const pwshReqs = pwshRows.map((r) => ({ command: r.command, cwd: workspace, shell: 'pwsh' }));
const bashReqs = pwshRows.map((r) => ({ command: nearest(r.command.length).command, cwd: workspace, shell: 'bash' }));
const pwshTimes = timeEach(pwshReqs);
const bashTimes = timeEach(bashReqs);
const lengthOf = (reqs) => reqs.map((r) => r.command.length).sort((a, b) => a - b)[reqs.length >> 1];
console.log(
  `PowerShell vs bash, ${pwshReqs.length} lines each, paired by length (median ${lengthOf(pwshReqs)} vs ${lengthOf(bashReqs)} characters):`,
);
console.log(
  `  PowerShell: median ${quantile(pwshTimes, 0.5).toFixed(1)} µs   p99 ${quantile(pwshTimes, 0.99).toFixed(1)} µs`,
);
console.log(
  `  bash:       median ${quantile(bashTimes, 0.5).toFixed(1)} µs   p99 ${quantile(bashTimes, 0.99).toFixed(1)} µs`,
);
console.log(
  `  PowerShell / bash: ${(quantile(pwshTimes, 0.5) / quantile(bashTimes, 0.5)).toFixed(2)}× at the median (goal ≤ 2×)`,
);
const cmdRows = windowsRows.filter((r) => r.shell === 'cmd');
const cmdTimes = timeEach(cmdRows.map((r) => ({ command: r.command, cwd: workspace, shell: 'cmd' })));
const cmdBash = timeEach(
  cmdRows.map((r) => ({ command: nearest(r.command.length).command, cwd: workspace, shell: 'bash' })),
);
console.log(
  `  cmd (${cmdRows.length} lines) / bash of the same lengths: ${quantile(cmdTimes, 0.5).toFixed(1)} µs / ${quantile(cmdBash, 0.5).toFixed(1)} µs = ${(quantile(cmdTimes, 0.5) / quantile(cmdBash, 0.5)).toFixed(2)}× at the median`,
);
// One long line of each, the same length to the character.
const psUnit = 'Remove-Item -Recurse -Force .\\dist; ';
const shUnit = 'rm -rf ./dist; ';
const psLine = psUnit.repeat(40);
const shLine = shUnit.repeat(Math.floor(psLine.length / shUnit.length)).padEnd(psLine.length, ' ');
const [psLong] = timeEach([{ command: psLine, cwd: workspace, shell: 'pwsh' }]);
const [shLong] = timeEach([{ command: shLine, cwd: workspace, shell: 'bash' }]);
console.log(
  `  one ${psLine.length}-character line of 40 deletes: PowerShell ${psLong.toFixed(1)} µs, bash ${shLong.toFixed(1)} µs (${(psLong / shLong).toFixed(2)}×)`,
);

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
  'pwsh: 100 KB word': { shell: 'pwsh', command: 'Write-Output ' + 'a'.repeat(99_980) },
  'pwsh: 64-deep $( )': { shell: 'pwsh', command: '$('.repeat(63) + 'Get-Date' + ')'.repeat(63) },
  'pwsh: past depth': { shell: 'pwsh', command: '& {'.repeat(200) + ' x ' + '}'.repeat(200) },
  'pwsh: 5000-stage pipe': { shell: 'pwsh', command: 'Get-Item x | '.repeat(5000) + 'Out-Null' },
  'cmd: 10k ( blocks': { shell: 'cmd', command: '('.repeat(10000) },
  'cmd: 5000 & chain': { shell: 'cmd', command: 'echo a & '.repeat(5000) + 'echo b' },
};
// One untimed run first: the bash paths are already warm from the corpus rounds, the PowerShell and cmd
// paths of these shapes are not, and a first run times the JIT, not the reader.
console.log('pathological inputs (median of 5 runs each, after one untimed run):');
let slowest = ['', 0];
for (const [name, input] of Object.entries(pathological)) {
  const req = typeof input === 'string' ? { command: input } : input;
  const runs = [];
  let decision = evaluate(req, opts).decision;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    decision = evaluate(req, opts).decision;
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const ms = runs[2];
  if (ms > slowest[1]) slowest = [name, ms];
  console.log(`  ${name.padEnd(20)} ${ms.toFixed(3).padStart(8)} ms  → ${decision}`);
}
console.log(
  `  slowest: ${slowest[0]} at ${slowest[1].toFixed(3)} ms (goal ≤ 5 ms: ${(slowest[1] / 5).toFixed(2)}× of goal)`,
);

// MCP calls with about 50 KB of arguments, judged as the hook judges them (every string at any depth
// to the reader its content calls for; request/index.ts bundled like the engine). Goal: ≤ 5 ms each. Past the
// walk's bounds (depth, strings, characters) the call is asked about, not judged on a part: those
// inputs are timed too, and one that is not asked about fails the bench.
const judgeEntry = path.join(root, 'src', 'core', 'request', 'index.ts');
// A bench that skipped the MCP calls would report nothing and look fine: a moved module stops it instead.
if (!fs.existsSync(judgeEntry)) {
  console.error(`bench: ${judgeEntry} is missing: point the MCP bench at the module that judges a hook request`);
  process.exit(1);
}
{
  const { judgeRequest } = loadBundled(judgeEntry);
  const judgeOpts = { workspace, cwd: workspace, config: undefined, env: opts.env, home };
  const mcpRequest = (server, tool, input) => ({
    event: 'PreToolUse',
    kind: 'mcp',
    toolName: `mcp__${server}__${tool}`,
    mcp: { server, tool, input },
    workspaceRoots: [],
  });
  const words = (n) => 'lorem ipsum dolor sit amet '.repeat(Math.ceil(n / 27)).slice(0, n);
  const within = {
    'SQL statements': mcpRequest('neon', 'run_sql_transaction', {
      params: {
        projectId: 'p',
        sqlStatements: Array.from(
          { length: 560 },
          (_, i) => `INSERT INTO events (id, payload) VALUES (${i}, 'x${'y'.repeat(40)}');`,
        ),
      },
    }),
    'files to push': mcpRequest('github', 'push_files', {
      owner: 'a',
      repo: 'b',
      branch: 'feature',
      files: Array.from({ length: 50 }, (_, i) => ({
        path: `src/f${i}.ts`,
        content: `export const v${i} = ${JSON.stringify('z'.repeat(980))};\n`,
      })),
    }),
    'one message': mcpRequest('slack', 'slack_post_message', { channel_id: 'C1', text: words(51_200) }),
    'nested objects': mcpRequest('ops', 'batch', {
      steps: Array.from({ length: 330 }, (_, i) => ({
        name: `s${i}`,
        config: { a: { b: { c: `value ${i} ${'q'.repeat(100)}` } } },
      })),
    }),
    'command lines': mcpRequest('ops', 'run_steps', {
      steps: Array.from({ length: 430 }, (_, i) => ({
        command: `ls -la src/dir${i} && grep -rn TODO src/dir${i} | head -20 ${'x'.repeat(50)}`,
      })),
    }),
    'JSON in a string': mcpRequest('api', 'call', {
      arguments: JSON.stringify({ rows: Array.from({ length: 490 }, (_, i) => ({ id: i, note: 'n'.repeat(80) })) }),
    }),
  };
  const past = {
    [`> ${(2_000_000).toLocaleString('en-US')} characters`]: mcpRequest('slack', 'slack_post_message', {
      text: words(2_000_100),
    }),
    '> 32 levels deep': mcpRequest('ops', 'batch', JSON.parse('{"a":'.repeat(40) + '"v"' + '}'.repeat(40))),
    '> 4,096 strings': mcpRequest('ops', 'batch', { items: Array.from({ length: 4_200 }, (_, i) => `item ${i}`) }),
  };
  const timeMcp = (req) => {
    let v = judgeRequest(req, judgeOpts);
    const runs = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      v = judgeRequest(req, judgeOpts);
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    runs.sort((a, b) => a - b);
    return { ms: runs[runs.length >> 1], decision: v.decision, ids: v.findings.map((f) => f.id) };
  };
  console.log(
    `MCP calls, judged in-process as the hook judges them (median of ${rounds} runs each, after one untimed run):`,
  );
  let slowestMcp = ['', 0];
  for (const [name, req] of Object.entries(within)) {
    const kb = JSON.stringify(req.mcp.input).length / 1024;
    const r = timeMcp(req);
    if (r.ms > slowestMcp[1]) slowestMcp = [name, r.ms];
    console.log(
      `  ${name.padEnd(20)} ${kb.toFixed(1).padStart(5)} KB ${r.ms.toFixed(3).padStart(8)} ms  → ${r.decision}`,
    );
  }
  console.log(
    `  slowest: ${slowestMcp[0]} at ${slowestMcp[1].toFixed(3)} ms (goal ≤ 5 ms: ${(slowestMcp[1] / 5).toFixed(2)}× of goal)`,
  );
  console.log('  past the bounds (asked about, not judged on a part):');
  for (const [name, req] of Object.entries(past)) {
    const r = timeMcp(req);
    const closed = r.decision !== 'allow' && r.ids.includes('mcp.arguments-unread');
    if (!closed) process.exitCode = 1;
    console.log(
      `  ${name.padEnd(29)} ${r.ms.toFixed(3).padStart(8)} ms  → ${r.decision}${closed ? '' : '   NOT FAIL-CLOSED'}`,
    );
  }
}
fs.rmSync(home, { recursive: true, force: true });

const hookBench = path.join(root, 'scripts', 'bench-hook.mjs');
if (fs.existsSync(hookBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [hookBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

// The editor judge's own part of a call (Linux), with an earlier build's judge in the same rounds when one is compared.
const judgeBench = path.join(root, 'scripts', 'bench-judge.mjs');
if (process.platform === 'linux' && fs.existsSync(judgeBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const other =
    process.env.BENCH_COMPARE_CLI && path.dirname(path.dirname(path.resolve(process.env.BENCH_COMPARE_CLI)));
  const r = spawnSync(process.execPath, [judgeBench, ...(other ? ['--compare', other] : [])], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

const batchBench = path.join(root, 'scripts', 'bench-batch.mjs');
if (fs.existsSync(batchBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [batchBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

const confineBench = path.join(root, 'scripts', 'bench-confine.mjs');
if (fs.existsSync(confineBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [confineBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

const gateBench = path.join(root, 'scripts', 'bench-gate.mjs');
if (fs.existsSync(gateBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [gateBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

const serviceBench = path.join(root, 'scripts', 'bench-service.mjs');
if (fs.existsSync(serviceBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [serviceBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}

const lspBench = path.join(root, 'scripts', 'bench-lsp.mjs');
if (fs.existsSync(lspBench) && !process.argv.includes('--engine-only')) {
  console.log('');
  const r = spawnSync(process.execPath, [lspBench], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
