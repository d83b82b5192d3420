#!/usr/bin/env node
// Where a hook call's time goes: runs `agentguard hook claude` with
// `node --cpu-prof` (in the hook's own process, and as the editor judge's
// client when a judge is given) in a throwaway home and state folder, after
// warm-up calls so the code cache is written, and sums the profiles' self
// time by where it was spent: Node's own start-up and modules, each dist/
// file, and inside a bundle each source module (through its source map).
//
//   node scripts/throwaway-account.mjs node scripts/profile-hook.mjs [--judge] [--cli dist/cli.js] [--runs 10] [--command 'git status'] [--top 25] [--callers normalize] [--keep DIR] [--interval 100]
//
// --keep DIR copies the .cpuprofile files into DIR (for Chrome's DevTools or a tree of inclusive times).
//
// --callers NAME adds the self time of the functions named NAME summed by the
// chain of their callers (a few frames up), to find who calls a hot helper.
//
// Self time of the sampled profile, summed over the runs and divided by their
// number: a picture of where the time goes, not a benchmark (npm run bench).
//
// The code cache: V8 takes a cache made without --cpu-prof (it is Node's
// option, not V8's), but the CLI keeps a start with any node option apart
// from a plain start (cli/engineLoader.ts, cli/frontPart.ts, cli/lazyChunk.ts:
// the "+opts" entries). Warm-up calls without options therefore left the
// profiled runs no cache of theirs: the first profiled run compiled the
// bundle (or the judge's client) from source and wrote its cache at exit
// (createCachedData), which showed as a few ms of every call's mean. The
// warm-up calls here run with the profiled runs' own options, so those start
// from a cache they accept, as a real call does. A profiled run that still
// wrote a code cache (a .bin or .cache file in the state folder's code-cache
// changed) is left out of the figures, said apart on the line after the
// first, and run again (at most twice --runs runs in all).
//
// Under --cpu-prof, V8 taking the bundle's cache (node: vm, Script) costs
// more than in a real call: about 22 ms of CPU against 13 for a git status
// call's 1.4 MB cache (Node 20, 2-CPU VM; likely the profiler being told of
// each function the cache holds). Read that place's figure with this in mind.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourcePlace } from './source-place.mjs';
import { option, repoRoot } from './bench-options.mjs';
import { confirmedState } from './confirm-state.mjs';

const root = repoRoot;
const cli = path.resolve(option('--cli', path.join(root, 'dist', 'cli.js')));
const runs = Number(option('--runs', '10'));
const command = option('--command', 'git status');
const top = Number(option('--top', '25'));
const extraEnv = Object.fromEntries(
  (option('--env', '') || '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=')),
);

// --judge: the call goes to an editor judge run here, as bench-hook.mjs runs it: in this process, an ancestor
// of the hooks (as the extension host is), with a child ("runner") that starts them so the judge's loop is free.
const judgeMode = process.argv.includes('--judge');
const relaunch = async (flag, env = process.env) => {
  const child = spawn(process.execPath, [...process.argv.slice(1), flag], { stdio: 'inherit', env });
  return new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
};
// The hook trusts a judge whose parent runs a recorded editor binary (an editor's main process): here, node.
if (judgeMode && !process.argv.includes('--in-judge') && !process.argv.includes('--runner'))
  process.exit(await relaunch('--in-judge'));
if (judgeMode && !process.argv.includes('--runner')) {
  const judgeState = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-profile-judge-'));
  const out = path.join(root, 'out', 'src');
  const build = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
  const load = (f) => createRequire(import.meta.url)(path.join(out, f));
  const judge = await load('channels/editorJudge/server.js').startJudgeServer({
    build,
    channels: () => [],
    stateDir: judgeState,
  });
  load('core/launcher/pins.js').recordEditorBinary(judgeState);
  const code = await relaunch('--runner', { ...process.env, PROFILE_JUDGE_STATE: judgeState });
  await judge.close();
  fs.rmSync(judgeState, { recursive: true, force: true });
  process.exit(code);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-profile-'));
const home = path.join(tmp, 'home');
const workspace = path.join(home, 'code', 'app');
const state = path.join(tmp, 'state');
const profiles = path.join(tmp, 'profiles');
fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
fs.mkdirSync(state, { recursive: true });
fs.mkdirSync(profiles);
const payload = JSON.stringify({
  session_id: 'profile',
  transcript_path: path.join(home, '.claude', 'transcript.jsonl'),
  cwd: workspace,
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command },
  tool_use_id: 'toolu_profile',
});
const env = {
  PATH: process.env.PATH,
  HOME: home,
  TMPDIR: os.tmpdir(),
  AGENTGUARD_STATE_DIR: confirmedState(process.env.PROFILE_JUDGE_STATE || state),
  ...(judgeMode ? {} : { AGENTGUARD_JUDGE: 'off' }),
  ...extraEnv,
};
const call = (args) => spawnSync(process.execPath, [...args, cli, 'hook', 'claude'], { input: payload, env });
const interval = option('--interval', undefined); // sampling interval in µs (Node's default 1000)
const profFlags = (dir, name) => [
  '--cpu-prof',
  '--cpu-prof-dir',
  dir,
  ...(name ? ['--cpu-prof-name', name] : []),
  ...(interval ? ['--cpu-prof-interval', interval] : []),
];
// Warm-up under the profiled runs' options: their code cache entries are not a plain start's.
const warmProfiles = path.join(tmp, 'warm-up');
for (let i = 0; i < 3; i++) call(profFlags(warmProfiles));
const first = call(profFlags(warmProfiles));
if (/ignoring the state folder/.test(String(first.stderr))) {
  // The hook refused the throwaway state folder, so the profile would show another path (the account's own state).
  console.error(
    'profile-hook: run it in a throwaway account: node scripts/throwaway-account.mjs node scripts/profile-hook.mjs …',
  );
  process.exit(1);
}
// The code caches a run wrote (V8 had none it accepted): the bundle's and its parts' (.bin), the front door's parts' (.cache).
const codeCache = path.join(env.AGENTGUARD_STATE_DIR, 'code-cache');
const cacheFiles = () => {
  const seen = new Map();
  for (const f of fs.existsSync(codeCache) ? fs.readdirSync(codeCache) : []) {
    if (!f.endsWith('.bin') && !f.endsWith('.cache')) continue;
    const st = fs.statSync(path.join(codeCache, f), { throwIfNoEntry: false });
    if (st) seen.set(f, `${st.ino}:${st.mtimeMs}`);
  }
  return seen;
};
const cacheWriters = []; // { file, wrote: [cache file] }
for (let i = 0, kept = 0; kept < runs && i < 2 * runs; i++) {
  const before = cacheFiles();
  const name = `run-${i}.cpuprofile`;
  call(profFlags(profiles, name));
  const wrote = [...cacheFiles()].filter(([f, v]) => before.get(f) !== v).map(([f]) => f);
  if (wrote.length) cacheWriters.push({ file: name, wrote });
  else kept++;
}

// --- the profiles ---
const byPlace = new Map();
const byFunction = new Map();
const callersOf = option('--callers', undefined);
const byCallers = new Map();
let total = 0;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
const dropped = new Set(cacheWriters.map((w) => w.file));
const files = fs.readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile') && !dropped.has(f));
for (const f of files) {
  const prof = JSON.parse(fs.readFileSync(path.join(profiles, f), 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const frameName = (id) => {
    const { callFrame: cf } = nodes.get(id);
    const src = cf.url && !cf.url.startsWith('node:') ? sourcePlace(cf.url, cf.lineNumber, cf.columnNumber) : null;
    return `${cf.functionName || '(anonymous)'}${src ? ` ${src.file}:${src.line}` : cf.url.startsWith('node:') ? ` ${cf.url}` : ''}`;
  };
  const self = new Map();
  for (let i = 0; i < prof.samples.length; i++) add(self, prof.samples[i], prof.timeDeltas[i] / 1000);
  for (const [id, ms] of self) {
    const { callFrame: cf } = nodes.get(id);
    total += ms;
    let place;
    let line = '';
    if (!cf.url) place = cf.functionName ? `(${cf.functionName})` : '(native)';
    else if (cf.url.startsWith('node:')) place = 'node: ' + cf.url.slice(5).split('/')[0];
    else {
      const file = cf.url.startsWith('file://') ? fileURLToPath(cf.url) : cf.url;
      const rel = path.relative(path.dirname(cli), file);
      const src = sourcePlace(cf.url, cf.lineNumber, cf.columnNumber);
      place = src ? `${rel}: ${src.file}` : rel;
      if (src) line = `:${src.line}`;
    }
    add(byPlace, place, ms);
    if (callersOf && cf.functionName === callersOf) {
      const chain = [];
      for (let up = parentOf.get(id); up !== undefined && chain.length < 5; up = parentOf.get(up))
        chain.push(frameName(up));
      add(byCallers, chain.join(' < '), ms);
    }
    add(byFunction, `${cf.functionName || '(anonymous)'} ${place}${line}`, ms);
  }
}
const keep = option('--keep', undefined);
if (keep) {
  fs.mkdirSync(keep, { recursive: true });
  for (const f of files) fs.copyFileSync(path.join(profiles, f), path.join(keep, f));
}
const n = files.length;
// What the left-out runs cost: the whole sampled time, and V8 writing the cache.
const writerCost = cacheWriters.map(({ file }) => {
  const prof = JSON.parse(fs.readFileSync(path.join(profiles, file), 'utf8'));
  const name = new Map(prof.nodes.map((node) => [node.id, node.callFrame.functionName]));
  let all = 0;
  let writing = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    all += prof.timeDeltas[i] / 1000;
    if (name.get(prof.samples[i]) === 'createCachedData') writing += prof.timeDeltas[i] / 1000;
  }
  return `${all.toFixed(1)} ms sampled, ${writing.toFixed(1)} in createCachedData`;
});
fs.rmSync(tmp, { recursive: true, force: true });
if (n === 0) {
  console.error(`profile-hook: every profiled run wrote a code cache (${writerCost.join('; ')}): nothing to show`);
  process.exit(1);
}
const show = (title, m) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${(v / n).toFixed(2).padStart(7)} ms  ${k}`);
};
console.log(
  `agentguard hook claude (${command})${judgeMode ? ' through the editor judge' : ' in its own process'}, ${n} profiles, ${(total / n).toFixed(1)} ms sampled per call; answer: ${String(first.stdout).trim().slice(0, 80)} ${String(first.stderr).trim().slice(0, 300)}`,
);
console.log(
  cacheWriters.length
    ? `left out: ${cacheWriters.length} profiled run(s) that wrote a code cache (${cacheWriters.map((w, i) => `${w.wrote.join(', ')}: ${writerCost[i]}`).join('; ')})`
    : 'code cache: every profiled run started from one V8 accepted (none wrote one)',
);
show('self time by place (mean per call):', byPlace);
show('self time by function (mean per call):', byFunction);
if (callersOf) show(`self time of ${callersOf} by its callers (mean per call):`, byCallers);
