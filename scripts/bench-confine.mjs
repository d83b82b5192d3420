#!/usr/bin/env node
// What confinement adds to each command an agent runs: the command line the
// hook hands the host (bubblewrap, routine and approved profiles, in a
// workspace laid out like a real project with AgentGuard's files in it)
// against the same command run by the shell alone, interleaved so machine
// noise hits both alike. Also the hook's own cost of building the line.
// Prints medians and the difference in milliseconds; asserts nothing.
//
//   node scripts/bench-confine.mjs [--runs 60] [--json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from './bundled.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt !== -1 ? Number(process.argv[runsAt + 1]) : 60;
const asJson = process.argv.includes('--json');

const { confine, sandboxAvailability } = loadBundled(path.join(root, 'src', 'core', 'sandbox', 'index.ts'));

const base = fs.mkdtempSync(path.join(os.homedir(), '.agentguard-bench-confine-'));
const home = path.join(base, 'home');
const workspace = path.join(home, 'code', 'acme-api');
const state = path.join(home, '.local', 'state', 'agentguard');
for (const d of ['.git/hooks', '.claude', '.vscode', 'src', 'node_modules'])
  fs.mkdirSync(path.join(workspace, d), { recursive: true });
fs.writeFileSync(path.join(workspace, '.agentguard.json'), '{}');
fs.writeFileSync(path.join(workspace, '.git', 'config'), '[core]\n');
fs.writeFileSync(path.join(workspace, '.claude', 'settings.json'), '{}');
fs.mkdirSync(state, { recursive: true });
for (const d of ['.cache', '.npm', '.config/git']) fs.mkdirSync(path.join(home, d), { recursive: true });
fs.writeFileSync(path.join(home, '.bashrc'), '# rc\n');
fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n');

const available = sandboxAvailability(state);
if (!available.ok) {
  console.log(`confinement: no sandbox can start here (${available.reason}); nothing to measure`);
  fs.rmSync(base, { recursive: true, force: true });
  process.exit(0);
}

const env = { ...process.env, HOME: home };
const input = (profile, command) => ({
  command,
  profile,
  workspace,
  home,
  env,
  stateDir: state,
  install: [path.join(root, 'dist')],
});

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const least = (xs) => Math.min(...xs);

function time(line) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/bin/bash', ['-c', line], { cwd: workspace, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${line.slice(0, 200)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const command = 'true';
const lines = {
  bare: command,
  routine: confine(input('routine', command)).command,
  approved: confine(input('approved', command)).command,
};
for (let i = 0; i < 5; i++) for (const l of Object.values(lines)) time(l);
const samples = { bare: [], routine: [], approved: [] };
for (let i = 0; i < runs; i++) for (const [k, l] of Object.entries(lines)) samples[k].push(time(l));

const build = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  confine(input('routine', 'npm test'));
  build.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

const result = {
  engine: available.engine,
  runs,
  load: os.loadavg()[0],
  cpus: os.cpus().length,
  addedRoutineMinMs: least(samples.routine) - least(samples.bare),
  addedApprovedMinMs: least(samples.approved) - least(samples.bare),
  bareMs: median(samples.bare),
  routineMs: median(samples.routine),
  approvedMs: median(samples.approved),
  addedRoutineMs: median(samples.routine) - median(samples.bare),
  addedApprovedMs: median(samples.approved) - median(samples.bare),
  buildMs: median(build),
};
fs.rmSync(base, { recursive: true, force: true });
if (asJson) {
  console.log(JSON.stringify(result));
} else {
  console.log(`confinement (${result.engine}), \`${command}\` through bash, ${runs} interleaved runs, medians:`);
  console.log(
    `  bash alone ${result.bareMs.toFixed(2)} ms · routine profile ${result.routineMs.toFixed(2)} ms · approved profile ${result.approvedMs.toFixed(2)} ms`,
  );
  console.log(
    `  added per command: routine ${result.addedRoutineMs.toFixed(2)} ms, approved ${result.addedApprovedMs.toFixed(2)} ms (goal ≤ 5 ms median: ${(result.addedRoutineMs / 5).toFixed(2)}× of goal)`,
  );
  console.log(
    `  least added (the machine's noise left out): routine ${result.addedRoutineMinMs.toFixed(2)} ms, approved ${result.addedApprovedMinMs.toFixed(2)} ms`,
  );
  console.log(
    `  building the confined line in the hook: ${result.buildMs.toFixed(2)} ms (load average ${result.load.toFixed(1)} on ${result.cpus} CPUs while measuring)`,
  );
}
