#!/usr/bin/env node
// `agentguard check --batch` per decision, as a caller pays it: the whole
// process over every corpus command (five times over), minus the same
// process judging one line, divided by the lines. A second figure, each
// command once: what a batch of lines never seen before pays (no line is
// answered again). Interleaved rounds; medians. With --compare (or BENCH_COMPARE_CLI), another build's CLI is
// measured in the same rounds, so before and after share the machine's mood.
// The engine alone, in-process, is the first figure of `npm run bench`.
//
// With --project, the workspace and home are laid out as a developer's are (a git repository with its
// config and a remote, a package.json with scripts, a ~/.gitconfig, a kube config), so the files the engine
// reads for a line are there to read; without it, an empty folder with a .git folder and an empty home.
//
//   node scripts/bench-batch.mjs [--rounds 5] [--cli dist/cli.js] [--compare OTHER/dist/cli.js] [--project] [--env-vars N]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchCorpusFiles, corpusRows } from './corpus-rows.mjs';
import { option, repoRoot } from './bench-options.mjs';
import { confirmedState, throwawayAccount } from './confirm-state.mjs';

const root = repoRoot;
const cli = path.resolve(option('--cli', path.join(root, 'dist', 'cli.js')));
const compare = option('--compare', process.env.BENCH_COMPARE_CLI || undefined);
// Builds take turns going first in a round, and a line never seen costs less to the one that goes first: an
// even number of rounds when comparing, so each goes first as often as the other.
const asked = Number(option('--rounds', '5'));
const rounds = compare && asked % 2 ? asked + 1 : asked;

const files = benchCorpusFiles(root);
const rows = corpusRows(files);
const lines = [];
for (let i = 0; i < 5; i++)
  for (const r of rows)
    lines.push(
      JSON.stringify({ command: r.command, ...(r.shell ? { shell: r.shell } : {}), ...(r.env ? { env: r.env } : {}) }),
    );
const many = lines.join('\n') + '\n';
const once = lines.slice(0, rows.length).join('\n') + '\n';
const one = lines[0] + '\n';

// A throwaway workspace and state folder: a batch reads the config and the managed policy, never writes.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-batch-'));
const workspace = path.join(tmp, 'app');
fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
if (process.argv.includes('--project')) {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write(
    path.join(workspace, '.git', 'config'),
    '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n' +
      '[remote "origin"]\n\turl = git@github.com:acme/api.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n' +
      '[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n',
  );
  write(
    path.join(workspace, 'package.json'),
    JSON.stringify(
      {
        name: 'acme-api',
        private: true,
        scripts: {
          build: 'tsc -p .',
          test: 'vitest run',
          lint: 'eslint .',
          'db:reset': 'prisma migrate reset --force',
        },
        dependencies: { zod: '^3.23.0' },
      },
      null,
      2,
    ),
  );
  write(path.join(workspace, 'src', 'index.ts'), 'export const x = 1;\n');
  write(
    path.join(tmp, '.gitconfig'),
    '[user]\n\tname = Ana Dev\n\temail = ana@example.com\n[core]\n\teditor = vim\n[alias]\n\tst = status\n\tco = checkout\n[pull]\n\trebase = true\n[init]\n\tdefaultBranch = main\n',
  );
  write(
    path.join(tmp, '.kube', 'config'),
    'apiVersion: v1\nkind: Config\ncurrent-context: dev\ncontexts:\n- name: dev\n',
  );
}
// Each build its own state folder: the launcher keeps the batch's code cache there by build, and two builds
// in one folder would each delete the other's. The launcher keeps it only in a confirmed state folder that is
// there already (a folder the environment names on its own is ignored, and the throwaway account's default
// one does not exist): each is made and confirmed, as the hook's bench does, or every batch would run without
// a code cache, unlike any batch on a machine where the hook runs. Confirmed only as a throwaway account (npm
// run bench): for yours it would be a change to your own AgentGuard state.
const stateOf = (name) => {
  const dir = path.join(tmp, `state-${name}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return throwawayAccount() ? confirmedState(dir) : dir;
};
// With --env-vars N, N more variables as a developer's shell holds (a few dozen is usual): what the engine scans
// before every database, cloud or API command grows with them.
const extraVars = Object.fromEntries(
  Array.from({ length: Number(option('--env-vars', '0')) }, (_, i) => [
    `DEV_SETTING_${i}`,
    i % 3 ? `/opt/tools/${i}/bin:/usr/local/share/tool-${i}` : `value-${i}-${'x'.repeat(40)}`,
  ]),
);
const envOf = (name) => ({
  ...extraVars,
  PATH: process.env.PATH,
  HOME: tmp,
  TMPDIR: os.tmpdir(),
  AGENTGUARD_STATE_DIR: states.get(name),
});

const clis = [['after', cli], ...(compare ? [['before', path.resolve(compare)]] : [])];
const states = new Map(clis.map(([name]) => [name, stateOf(name)]));
const times = new Map(
  clis.map(([name]) => [name, { one: [], many: [], once: [], cpuOne: [], cpuMany: [], cpuOnce: [] }]),
);
// CPU time of the children this process waited for (user + system, /proc, clock ticks of 10 ms): a busy
// machine stretches wall time far more than the CPU time a batch of seconds takes.
function childCpuMs() {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}
let lastCpu = 0;
function run(name, theCli, input) {
  const cpu0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [theCli, 'check', '--batch'], {
    input,
    env: envOf(name),
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  lastCpu = childCpuMs() - cpu0;
  const answered = r.stdout.split('\n').filter(Boolean).length;
  const expected = input.split('\n').filter(Boolean).length;
  if (r.status !== 0 || answered !== expected)
    throw new Error(
      `${theCli}: ${answered} of ${expected} lines answered (exit ${r.status}): ${r.stderr.slice(0, 300)}`,
    );
  return ms;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
try {
  for (const [name, c] of clis) run(name, c, one);
  for (let i = 0; i < rounds; i++) {
    for (const [name, c] of i % 2 ? [...clis].reverse() : clis) {
      const t = times.get(name);
      t.one.push(run(name, c, one));
      t.cpuOne.push(lastCpu);
      t.many.push(run(name, c, many));
      t.cpuMany.push(lastCpu);
      t.once.push(run(name, c, once));
      t.cpuOnce.push(lastCpu);
    }
  }
  console.log(
    `check --batch${process.argv.includes('--project') ? ' (--project)' : ''}${Object.keys(extraVars).length ? ` (${Object.keys(extraVars).length} more variables)` : ''}: ${lines.length} lines (${rows.length} corpus commands × 5), ${rounds} interleaved rounds, ${process.version}, ${os.cpus().length} CPUs`,
  );
  const per = (whole, base, n) => (((median(whole) - median(base)) * 1000) / (n - 1)).toFixed(1).padStart(6);
  for (const [name] of clis) {
    const t = times.get(name);
    console.log(
      `  ${name.padEnd(7)} per decision ${per(t.many, t.one, lines.length)} µs wall, ${per(t.cpuMany, t.cpuOne, lines.length)} µs cpu   (whole batch ${median(t.many).toFixed(0)} ms, one line ${median(t.one).toFixed(1)} ms)   goal ≤ 50 µs`,
    );
    console.log(
      `  ${''.padEnd(7)} each command once ${per(t.once, t.one, rows.length)} µs wall, ${per(t.cpuOnce, t.cpuOne, rows.length)} µs cpu   (${rows.length} lines never seen before in the batch, ${median(t.once).toFixed(0)} ms)`,
    );
  }
  console.log(`  (load average ${os.loadavg()[0].toFixed(1)} at the end)`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
