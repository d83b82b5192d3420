#!/usr/bin/env node
// `npm run mutate`: proves the tests guard the fail-closed lines. Each
// mutant in scripts/mutants.mjs changes one such line (an exact text, found
// exactly once) the way a slip would — a deny that becomes an allow, a bound
// that is dropped, a check that is skipped — and the tests that pin the line
// must then fail. Mutants run one at a time in a throwaway copy of the
// checkout (the checkout itself is never touched): the copy is built once,
// and for each mutant only what the changed file goes into is built again
// (esbuild.js incrementalBuild), only the mutant's tests run (as a throwaway
// account, scripts/throwaway-account.mjs), and the line is put back. A
// mutant the tests do not notice survives, and a survivor, or a mutant whose
// text is no longer in its file, fails the run. Where the tests only import
// modules (scripts/mutantReads.mjs), only out/ is built first; a mutant they
// do not notice is then built into every output and tested again before it is
// called a survivor.
//
// The mutants are shared among several such runs at once (--jobs, default
// one a processor, at most 4), each with its own copy, build and throwaway
// accounts: a mutant's cost is mostly starting one node --test on one core,
// so two processors take the list in a little more than half the time. The
// baseline (every selection of tests passes unmutated) is then proved once,
// by the parent in a copy of its own with the files in shards, not by each run
// over the same files at once.
//
//   npm run mutate                      every mutant
//   npm run mutate -- ID...             only these (to prove a new test pins its line)
//   npm run mutate -- --jobs N ...      N runs at once (AGENTGUARD_MUTATE_JOBS too)
//   npm run mutate -- --minutes M ...   start no mutant after M minutes (CI's time); the rest are said, not run
//   npm run mutate -- --baseline-done   skip the baseline: the caller just saw every unit test pass in this checkout
//   npm run mutate -- --list            the mutants, without running them
//
// Mutants run in an order that makes a run cut short by --minutes worth
// most (runOrder): those of the files the newest commits changed first, then
// the others from a place that moves with each commit.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachLine } from './eachLine.mjs';
import { MUTANTS } from './mutants.mjs';
import { testsReadBundles } from './mutantReads.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
/** Takes `NAME VALUE` out of args, or gives the fallback. */
function option(name, fallback) {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
}
const jobsAsked = option('--jobs', process.env.AGENTGUARD_MUTATE_JOBS);
const jobs = jobsAsked === undefined ? Math.min(os.availableParallelism(), 4) : Number(jobsAsked);
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error(`mutate: --jobs wants a whole number of at least 1, not ${jobsAsked}`);
  process.exit(64);
}
/** `I/N`: this run is one of N sharing the list, and takes every Nth mutant from the Ith (the parent's children). */
const shardAsked = option('--shard', undefined);
const shard = shardAsked?.match(/^(\d+)\/(\d+)$/);
if (shardAsked !== undefined && (!shard || Number(shard[1]) >= Number(shard[2]))) {
  console.error(`mutate: --shard wants I/N with I < N, not ${shardAsked}`);
  process.exit(64);
}
/**
 * Set by the parent for its children (it proved every selection passes unmutated, once for all of them), and by CI
 * after `npm test` passed every unit test in the same checkout.
 */
const baselineDone = args.includes('--baseline-done');
if (baselineDone) args.splice(args.indexOf('--baseline-done'), 1);
/** `--minutes M`: no mutant starts after this time (ms since the epoch); the parent hands its children `--stop-at`. */
const minutesAsked = option('--minutes', undefined);
const stopAtAsked = option('--stop-at', undefined);
if (minutesAsked !== undefined && !(Number(minutesAsked) > 0)) {
  console.error(`mutate: --minutes wants a number above 0, not ${minutesAsked}`);
  process.exit(64);
}
const stopAt =
  stopAtAsked !== undefined
    ? Number(stopAtAsked)
    : minutesAsked !== undefined
      ? Date.now() + Number(minutesAsked) * 60_000
      : Infinity;
/** A mutant's tests get this long (build included); past it the tests hung, which counts as noticing. */
const MUTANT_TIMEOUT_MS = Number(process.env.AGENTGUARD_MUTANT_TIMEOUT_MS ?? 240_000);

/** How many of the newest commits count as the change under test: their files' mutants run first. */
const RECENT_COMMITS = 30;

/**
 * How many commits back each file was last changed (0: HEAD), and HEAD's hash, from git log; empty where git cannot
 * say (not a clone), and the list keeps its order.
 */
function history() {
  const log = spawnSync('git', ['log', '--format=@%H', '--name-only'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const back = new Map();
  if (log.status !== 0) return { back, head: '' };
  let commit = -1;
  let head = '';
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith('@')) {
      commit++;
      head ||= line.slice(1);
    } else if (line && !back.has(line)) back.set(line, commit);
  }
  return { back, head };
}

/**
 * The order mutants run in, so that a run cut short by --minutes has tested what matters most: those of files no
 * commit holds yet, then of the files the newest commits changed, newest first; then the others from a place that
 * moves with HEAD, so that successive runs cut short cover them all in turn. Stable: the list's order within a file.
 */
function runOrder() {
  const { back, head } = history();
  const age = (m) => back.get(m.file) ?? (back.size ? -1 : 0);
  const recent = MUTANTS.filter((m) => age(m) < RECENT_COMMITS).sort((a, b) => age(a) - age(b));
  const rest = MUTANTS.filter((m) => age(m) >= RECENT_COMMITS);
  const turn = rest.length ? Number.parseInt(head.slice(0, 8) || '0', 16) % rest.length : 0;
  return [...recent, ...rest.slice(turn), ...rest.slice(0, turn)];
}
const ordered = runOrder();
if (args.includes('--list')) {
  for (const m of ordered) console.log(`${m.id.padEnd(34)} ${m.file}  — ${m.why}`);
  process.exit(0);
}
const listed = args.length ? ordered.filter((m) => args.includes(m.id)) : ordered;
const chosen = shard ? listed.filter((_, i) => i % Number(shard[2]) === Number(shard[1])) : listed;
const unknown = args.filter((a) => !MUTANTS.some((m) => m.id === a));
if (unknown.length) {
  console.error(`mutate: no mutant ${unknown.join(', ')} (npm run mutate -- --list)`);
  process.exit(64);
}

const ids = new Set();
for (const m of MUTANTS) {
  if (ids.has(m.id)) throw new Error(`mutant ${m.id} is listed twice`);
  ids.add(m.id);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs N children of this script, each on every Nth mutant, and passes their lines on whole as they come. The run
 * fails when any child fails (a survivor, a stale mutant, a baseline that fails, a child killed). Returns the exit code.
 */
async function shared(n) {
  const started = Date.now();
  /** The children's lines that say why a run fails (a survivor, a stale mutant, a failing baseline), as passed on. */
  const reasons = [];
  /** Summed from each child's last line: how many mutants ran, and how many the time given left unrun. */
  const counted = { ran: 0, notRun: 0 };
  const pass = (i, line, to) => {
    const shown = `[${i + 1}/${n}] ${line}`;
    const tally = /^mutants: (\d+), .*, not run: (\d+),/.exec(line);
    if (tally) {
      counted.ran += Number(tally[1]);
      counted.notRun += Number(tally[2]);
    }
    // A child writes to stderr only why it fails; on stdout those are the survivors' lines.
    const reason = to === process.stderr || /^(?:SURVIVED|  survived:)/.test(line);
    if (reason && reasons.length < 200) reasons.push(shown);
    to.write(`${shown}\n`);
  };
  console.log(`mutate: ${chosen.length} mutants shared among ${n} runs at once`);
  const children = [];
  const processes = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--shard',
        `${i}/${n}`,
        '--baseline-done',
        ...(Number.isFinite(stopAt) ? ['--stop-at', String(stopAt)] : []),
        ...args,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    processes.push(child);
    eachLine(child.stdout, (line) => pass(i, line, process.stdout));
    eachLine(child.stderr, (line) => pass(i, line, process.stderr));
    children.push(new Promise((resolve) => child.on('close', (code, signal) => resolve({ i, code, signal }))));
  }
  // A deadline's SIGTERM to this process alone is passed on, so each child removes its copy as it ends.
  process.once('SIGTERM', () => {
    for (const p of processes) p.kill('SIGTERM');
  });
  const ended = await Promise.all(children);
  const failed = ended.filter((e) => e.code !== 0);
  // A run that ends early has its reasons far above the last lines a CI log keeps: they are said again here.
  for (const line of reasons) console.log(line);
  for (const e of failed) console.log(`mutate: run ${e.i + 1} of ${n} failed (${e.signal ?? `exit ${e.code}`})`);
  console.log(
    `\nmutate: ${counted.ran} of ${chosen.length} mutants run in ${n} runs, ${failed.length ? 'FAILED' : 'all killed'}, in ${seconds(Date.now() - started)}`,
  );
  if (counted.notRun) console.log(`mutate: ${counted.notRun} not run: the time given (--minutes) ended first`);
  return failed.length ? 1 : 0;
}

/** The checkout's files (tracked, and new ones not ignored), copied; node_modules linked. */
function copyCheckout() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-mutate-')));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
  for (const f of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(repo, f);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
    fs.chmodSync(path.join(dir, f), fs.statSync(from).mode & 0o777);
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Runs COMMAND in its own process group, killed whole at the deadline. */
function run(command, argv, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, argv, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, timedOut, ms: Date.now() - started });
    });
  });
}

/**
 * The copy's development build, kept alive (esbuild.js incrementalBuild): built whole once, then after each mutant only
 * what the changed files go into. Run from the copy's folder: the build's paths are relative to it.
 */
async function builder(dir) {
  process.chdir(dir);
  const { incrementalBuild } = createRequire(path.join(dir, 'esbuild.js'))('./esbuild.js');
  return incrementalBuild();
}

const testFile = (t) => `out/test/unit/${t}.test.js`;

/** The mutant's tests: node --test on its files, only the tests its pattern names. */
async function tests(dir, m, timeoutMs) {
  const pattern = m.grep ? [`--test-name-pattern=${m.grep}`] : [];
  return run(
    process.execPath,
    ['scripts/throwaway-account.mjs', '--unit', ...pattern, ...m.tests.map(testFile)],
    dir,
    timeoutMs,
  );
}

/**
 * Every selection of tests passes unmutated, or a failure proves nothing. Two node --test runs, not one a selection
 * (about a hundred of those took four minutes, most of it starting them): the files some mutant needs whole, then the
 * other files with every selection's name pattern, node running a test that matches any. Each run holds every test of
 * the selections it stands for, so its passing proves each of them passes. A failure is narrowed down to the
 * selections that fail, run one at a time, so it names the mutants whose tests fail unmutated.
 */
async function baseline(dir, selections, extra = []) {
  const whole = new Set(selections.filter((m) => !m.grep).flatMap((m) => m.tests));
  const named = [...new Set(selections.filter((m) => m.grep).flatMap((m) => m.tests))].filter((t) => !whole.has(t));
  const patterns = [...new Set(selections.filter((m) => m.grep).map((m) => m.grep))];
  const runs = [
    { tests: [...whole], options: [] },
    { tests: named, options: patterns.map((p) => `--test-name-pattern=${p}`) },
  ].filter((r) => r.tests.length);
  let failures = '';
  for (const r of runs) {
    const argv = ['scripts/throwaway-account.mjs', '--unit', ...extra, ...r.options, ...r.tests.map(testFile)];
    const res = await run(process.execPath, argv, dir, MUTANT_TIMEOUT_MS * 4);
    if (res.code !== 0) failures += res.out.slice(-3000);
  }
  if (!failures) return;
  for (const m of selections) {
    const r = await tests(dir, m, MUTANT_TIMEOUT_MS);
    if (r.code !== 0) throw new Error(`the tests of ${m.id} fail without any mutation:\n${r.out.slice(-3000)}`);
  }
  throw new Error(`the mutants' tests fail without any mutation when run together:\n${failures}`);
}

/** Why the chosen mutants cannot be run in the checkout at DIR (a text no longer in its file exactly once), or undefined. */
function staleIn(dir) {
  const stale = chosen.filter((m) => fs.readFileSync(path.join(dir, m.file), 'utf8').split(m.from).length !== 2);
  if (!stale.length) return undefined;
  return stale
    .map((m) => `STALE ${m.id}: its text is not in ${m.file} exactly once; update scripts/mutants.mjs`)
    .join('\n');
}

/** The distinct test selections (files and name pattern) of MUTANTS: one mutant standing for each. */
function selectionsOf(mutants) {
  const groups = new Map();
  for (const m of mutants) groups.set(JSON.stringify([m.tests, m.grep ?? '']), m);
  return [...groups.values()];
}

/**
 * The baseline once for every run that shares the list (each would otherwise prove the same files pass in its own
 * copy, at once, with the processors split between them): in a copy of its own, built and removed. Returns whether
 * every selection passes.
 */
async function sharedBaseline() {
  const t0 = Date.now();
  const copy = copyCheckout();
  let built;
  try {
    built = await builder(copy).catch((err) => {
      throw new Error(`the unmutated build fails:\n${err.message}`);
    });
    const selections = selectionsOf(chosen);
    await baseline(copy, selections, ['--shards', 'auto']);
    console.log(`baseline: ${selections.length} test selections pass unmutated (${seconds(Date.now() - t0)})`);
    return true;
  } catch (err) {
    console.error(`mutate: ${err.message}`);
    return false;
  } finally {
    await built?.dispose();
    process.chdir(repo);
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

if (!shard && jobs > 1 && chosen.length > 1) {
  // A stale list is said at once, not after the baseline's minutes.
  const stale = staleIn(repo);
  if (stale) {
    console.error(`mutate: ${stale}`);
    process.exit(1);
  }
  process.exit(baselineDone || (await sharedBaseline()) ? await shared(Math.min(jobs, chosen.length)) : 1);
}

const started = Date.now();
const dir = copyCheckout();
let failed = false;
/** The copy's build, once made. */
let build;
try {
  // Every mutant's text must still be in its file, once: a stale list proves nothing.
  const stale = staleIn(dir);
  if (stale) throw new Error(stale);

  build = await builder(dir).catch((err) => {
    throw new Error(`the unmutated build fails:\n${err.message}`);
  });
  if (!baselineDone) {
    const selections = selectionsOf(chosen);
    await baseline(dir, selections);
    console.log(`baseline: ${selections.length} test selections pass unmutated (${seconds(Date.now() - started)})`);
  }

  /** Builds FILES' outputs (only out/'s with OUTONLY) and runs M's tests: the verdict, and how long building took. */
  const buildAndTest = async (m, files, outOnly) => {
    const t = Date.now();
    const built = await build.rebuild(files, { transpiledOnly: outOnly }).then(
      () => true,
      () => false,
    );
    const buildMs = Date.now() - t;
    if (!built) return { status: 'killed (does not build)', buildMs };
    const r = await tests(dir, m, MUTANT_TIMEOUT_MS);
    return { status: r.timedOut ? 'killed (tests timed out)' : r.code !== 0 ? 'killed' : 'SURVIVED', buildMs };
  };
  const results = [];
  // The file the last mutant changed: put back, but what it went into was built with the mutant (every output when
  // putBackWhole, else only out/'s).
  let putBack = [];
  let putBackWhole = false;
  for (const m of chosen) {
    if (Date.now() >= stopAt) break;
    const file = path.join(dir, m.file);
    const original = fs.readFileSync(file, 'utf8');
    const t0 = Date.now();
    // Tests that only import modules read out/: built alone, a tenth of the whole (scripts/mutantReads.mjs).
    let outOnly = build.transpiles(m.file) && !testsReadBundles(dir, m.tests);
    if (outOnly && putBackWhole) {
      // The bundles are built back before this mutant is written: while out/ alone holds one, they hold none.
      await build.rebuild(putBack).catch((err) => {
        throw new Error(`the unmutated build fails after a mutant was put back:\n${err.message}`);
      });
      putBack = [];
    }
    fs.writeFileSync(
      file,
      original.replace(m.from, () => m.to),
    );
    let verdict;
    try {
      verdict = await buildAndTest(m, [...putBack, m.file], outOnly);
      // Unnoticed with out/ alone: a survivor only once every output holds the mutant and its tests still pass.
      if (outOnly && verdict.status === 'SURVIVED') {
        const whole = await buildAndTest(m, [m.file], false);
        verdict = { status: whole.status, buildMs: verdict.buildMs + whole.buildMs };
        outOnly = false;
      }
    } finally {
      fs.writeFileSync(file, original);
      putBack = [m.file];
      putBackWhole = !outOnly;
    }
    const { status, buildMs } = verdict;
    // "Does not build" counts as noticing only while the unmutated checkout builds: a builder that died (its service
    // killed, the disk full) would otherwise call every mutant after it killed.
    if (status === 'killed (does not build)') {
      await build.rebuild(putBack).catch((err) => {
        throw new Error(
          `the unmutated build fails after ${m.id} was put back, so no mutant can be told:\n${err.message}`,
        );
      });
      putBack = [];
      putBackWhole = false;
    }
    results.push({ m, status, ms: Date.now() - t0, buildMs });
    console.log(
      `${status.padEnd(26)} ${m.id.padEnd(34)} ${seconds(Date.now() - t0).padStart(8)} (build ${seconds(buildMs)}${outOnly ? ', out/ only' : ''})  ${m.why}`,
    );
  }
  const survived = results.filter((r) => r.status === 'SURVIVED');
  const notRun = chosen.length - results.length;
  console.log(
    `\nmutants: ${results.length}, killed: ${results.length - survived.length}, survived: ${survived.length}, not run: ${notRun}, in ${seconds(Date.now() - started)} (building ${seconds(results.reduce((sum, r) => sum + r.buildMs, 0))})`,
  );
  if (notRun)
    console.log(
      `  not run: ${notRun}, the time given (--minutes) ended; runOrder puts the newest commits' files first`,
    );
  for (const r of survived)
    console.log(
      `  survived: ${r.m.id} (${r.m.file}): ${r.m.why}; pinned by ${r.m.tests.join(', ')}${r.m.grep ? ` /${r.m.grep}/` : ''}`,
    );
  // A run given so little time that no mutant ran proves nothing.
  failed = survived.length > 0 || results.length === 0;
} catch (err) {
  console.error(`mutate: ${err.message}`);
  failed = true;
} finally {
  await build?.dispose();
  process.chdir(repo);
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
