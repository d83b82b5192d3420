// Bazel runs code the project's BUILD files name: `bazel run //:x` runs the
// program of target x (an sh_binary's script, a py_binary's main file), `bazel
// test` the scripts of the test targets it matches, and every build runs the
// `cmd` of the genrules it needs (often outside the sandbox: `local = True`, a
// no-sandbox tag, `--spawn_strategy=local`). The BUILD files may have been
// written a moment before, so those scripts and lines are judged as what runs.
// The targets named, or the packages a pattern matches, are read, and the
// genrules they reach through their dependencies (bazelDeps).
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from './normalize/scope';
import type { UnwrapStep } from './wrappers/common';
import type { BazelRule } from './bazelBuild';
import { rcRunUnders } from './bazelrc';
import {
  BUILDS,
  genruleLines,
  labelTarget,
  named,
  reachedGenrules,
  readPackage,
  SCRIPT_RULES,
  scriptOf,
  type Package,
} from './bazelDeps';
import { localRepos, splitRepo, type LocalRepo } from './bazelRepos';
import { findUpIn } from './taskRunners';
import { quoted } from './tomlTasks';
import { shellWord } from '../text/shellWord';

/** The files that mark a Bazel workspace's root. */
const ROOTS = ['MODULE.bazel', 'REPO.bazel', 'WORKSPACE.bazel', 'WORKSPACE'];
/** The commands that build (genrules run), and of those the ones that also run a target's program. */
const BUILDS_VERBS = new Set(['build', 'run', 'test', 'coverage']);
const RUNS_VERBS = new Set(['run', 'test', 'coverage']);
/** Bounds the folders a `//...` pattern walks and the packages read. */
const MAX_FOLDERS = 4096;
const MAX_PACKAGES = 256;

/**
 * The lines a package runs for a verb: each genrule's cmd, and the script of each target of `runs` (`tests`: every
 * test) with the words `before` it (`--run_under`) and `args` after it. A script not named as a file is `unread`.
 */
function packageLines(
  pkg: Package,
  runs: ReadonlySet<string> | 'tests',
  call: { before: string; args: string },
): { lines: string[]; scripts: string[]; unread: string[] } {
  const out = { lines: [] as string[], scripts: [] as string[], unread: [] as string[] };
  for (const r of pkg.rules) {
    out.lines.push(...genruleLines(r));
    const name = named(r);
    if (!SCRIPT_RULES[r.kind] || name === undefined) continue;
    if (runs === 'tests' ? !r.kind.endsWith('_test') : !runs.has(name)) continue;
    const script = scriptOf(r, name, pkg.dir, pkg.root);
    if (script === undefined) {
      out.unread.push(name);
      continue;
    }
    out.scripts.push(script.file);
    out.lines.push(`${call.before}${script.run}${call.args}`);
  }
  return out;
}

/** The folders under `from` holding a BUILD file, for `//pkg/...`: Bazel's convenience links and hidden folders left out. */
function packagesUnder(from: string, w: Walker): { dirs: string[]; past: boolean } {
  const dirs: string[] = [];
  const queue = [from];
  let seen = 0;
  while (queue.length) {
    const dir = queue.shift()!;
    if (++seen > MAX_FOLDERS || dirs.length > MAX_PACKAGES) return { dirs, past: true };
    const entries = w.ctx.readdir?.(dir);
    if (!entries) continue;
    if (entries.some((e) => !e.dir && BUILDS.includes(e.name))) dirs.push(dir);
    for (const e of entries)
      if (e.dir && !e.link && !/^(?:\.|bazel-)/.test(e.name) && e.name !== 'node_modules')
        queue.push(path.join(dir, e.name));
  }
  return { dirs, past: false };
}

const tooComplex = (w: Walker, what: string, target?: string): void =>
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `${what}, which AgentGuard could not read: what it runs was not judged, so a human must look at it`,
      target,
    ),
  );

/** The words of a call that may be targets; one after an option with no `=` may be its value (`--config ci`, `-c opt`). */
function targetWords(p: Pending, v: number, end: number): { label: string; sure: boolean; at: number }[] {
  const out: { label: string; sure: boolean; at: number }[] = [];
  for (let i = v + 1; i < end; i++) {
    const a = p.argv[i];
    if (a.startsWith('-') || p.dynamic[i] || p.argv[i - 1] === '--run_under') continue;
    out.push({ label: a, sure: !/^--?[\w-]+$/.test(p.argv[i - 1]) || /[/:]/.test(a), at: i });
  }
  return out;
}

/** The value of `--name=VALUE` or `--name VALUE` among the words of a call from `from` to `end`, the last one given. */
function option(argv: readonly string[], name: string, from: number, end: number): string | undefined {
  let value: string | undefined;
  for (let i = from; i < end; i++) {
    if (argv[i] === name) value = argv[++i];
    else if (argv[i].startsWith(name + '=')) value = argv[i].slice(name.length + 1);
  }
  return value;
}

/**
 * `--run_under=//pkg:x WORD…`: the program line of target x with its words, to run before the target's own. A target
 * not spelled out, or whose script is not read, asks; one of another repository, or a compiled one, is not read.
 */
function underTarget(
  under: string,
  at: {
    root: string;
    dir: string;
    cwd: string;
    pkgAt: (dir: string) => Package | 'unread' | undefined;
    starts: { pkg: Package; rule: BazelRule }[];
    repos: () => ReadonlyMap<string, LocalRepo>;
  },
  w: Walker,
): string {
  const [label, ...words] = under.trim().split(/\s+/);
  const t = labelTarget(label, at.dir, at.root, at.repos);
  if (t === 'external') {
    tooComplex(w, `\`--run_under=${label}\` runs a target of a repository not read`);
    return '';
  }
  if (t === 'fetched') return '';
  const pkg = t && at.pkgAt(t.dir);
  const rule = typeof pkg === 'object' ? pkg.rules.find((r) => named(r) === t!.name) : undefined;
  if (!rule || typeof pkg !== 'object') {
    tooComplex(w, `\`--run_under=${label}\` runs a target no BUILD file spells out`);
    return '';
  }
  at.starts.push({ pkg, rule });
  if (pkg.local.has(rule.kind)) tooComplex(w, `\`--run_under=${label}\` runs a ${rule.kind} of a .bzl file`);
  if (!SCRIPT_RULES[rule.kind]) return '';
  const script = scriptOf(rule, t!.name, pkg.dir, pkg.root);
  if (script === undefined || w.ctx.readFile(script.file, at.cwd) === undefined) {
    tooComplex(w, `\`--run_under=${label}\` runs a script`);
    return '';
  }
  return [script.run, ...words].join(' ') + ' ';
}

/** Bazel's startup options that take a value, written as the next word or after `=`. */
const STARTUP_VALUED = new Set([
  '--bazelrc',
  '--output_base',
  '--output_user_root',
  '--install_base',
  '--server_javabase',
  '--host_jvm_args',
  '--host_jvm_profile',
  '--io_nice_level',
  '--max_idle_secs',
  '--connect_timeout_secs',
  '--local_startup_timeout_secs',
  '--digest_function',
  '--failure_detail_out',
  '--macos_qos_class',
  '--server_jvm_out',
  '--command_port',
  '--invocation_policy',
  '--unix_digest_hash_attribute_name',
  '--experimental_cgroup_parent',
]);

/**
 * `bazel [STARTUP] VERB [OPTIONS] TARGET…`: the genrules of the packages named and, for run, test and coverage,
 * the scripts of the targets that run, as lines run from the workspace root (the run's runfiles tree mirrors it).
 */
export function unwrapBazel(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if (scope.remote) return undefined;
  let v = 1;
  // `bazel --bazelrc other.rc run //:app`: a startup option's value may be the next word.
  while (v < argv.length && argv[v].startsWith('-')) v += STARTUP_VALUED.has(argv[v]) ? 2 : 1;
  const verb = argv[v];
  if (!BUILDS_VERBS.has(verb)) return undefined;
  const found = findUpIn(ROOTS, scope, w);
  if (!found) return undefined;
  const root = found.dir;
  const here = path.relative(root, scope.cwd);
  const dashes = argv.indexOf('--', v);
  let targets = targetWords(p, v, dashes === -1 ? argv.length : dashes);
  let args = '';
  // The local repositories are read only once a label of another repository is met.
  let repoMap: Map<string, LocalRepo> | undefined;
  const repos = (): Map<string, LocalRepo> => (repoMap ??= localRepos(root, scope, w));
  const cache = new Map<string, Package | 'unread' | undefined>();
  const pkgAt = (dir: string): Package | 'unread' | undefined => {
    if (!cache.has(dir)) {
      // A folder of a local repository is a package of that repository: its labels start from the repository's root.
      const all = [...(repoMap?.values() ?? [])];
      const repo = all.find((r) => dir === r.dir || dir.startsWith(r.dir + path.sep));
      const build = repo && dir === repo.dir ? repo.build : undefined;
      // Two repositories of one folder with different BUILD files: which one a label means is not kept, so neither is read.
      const builds = new Set(all.filter((r) => r.dir === dir).map((r) => JSON.stringify(r.build ?? null)));
      cache.set(dir, builds.size > 1 ? 'unread' : readPackage(dir, repo?.dir ?? root, scope, w, build));
    }
    return cache.get(dir);
  };
  // The targets built: what they need is built first.
  const starts: { pkg: Package; rule: BazelRule }[] = [];
  const lines: string[] = [];
  // `--run_under=PREFIX` runs the target's program through PREFIX, a command line or a target's with its words. The
  // rc files may give it too; each value is judged, the command line's (else the last one read) prefixing the scripts.
  const unders: string[] = [];
  if (RUNS_VERBS.has(verb)) {
    const rc = rcRunUnders(argv, v, root, scope, w);
    if (rc.unread) tooComplex(w, `\`bazel ${verb}\` takes options from ${rc.unread}`, rc.unread);
    unders.push(...rc.values);
    const given = option(argv, '--run_under', v, dashes === -1 ? argv.length : dashes);
    if (given !== undefined) unders.push(given);
  }
  const at = { root, dir: path.join(root, here), cwd: scope.cwd, pkgAt, starts, repos };
  const prefixes = unders.map((u) => (/^(?:\/\/|:|@)/.test(u) ? underTarget(u, at, w) : `${u} `));
  const before = prefixes.at(-1) ?? '';
  // The prefix runs even when the target's own program is not read (a cc_binary's, a file of the output tree).
  for (const b of prefixes) if (b) lines.push(`${b}bazel-out/_program${args}`);
  if (verb === 'run') {
    // `bazel run TARGET ARG…`: one target, the words after it its program's; a first `--` only ends bazel's options.
    const target = targets.find((c) => c.sure) ?? targets[0];
    targets = target ? [target] : [];
    const after = target ? argv.slice(target.at + 1) : [];
    const dash = after.indexOf('--');
    if (dash !== -1) after.splice(dash, 1);
    args = after.map((a) => ' ' + shellWord(a)).join('');
  }
  const read = new Set<string>();
  for (const { label: written, sure } of targets.slice(0, MAX_PACKAGES)) {
    if (written.startsWith('-')) continue;
    let label = written.replace(/^@@?(?=\/\/)/, '');
    let base = root;
    if (label.startsWith('@')) {
      const split = splitRepo(label);
      const repo = split && repos().get(split.repo);
      // A repository not found: the target that runs is not read, and asks (what is only built is quiet). Fetched
      // code the workspace declares runs as an installed package's program does, unread.
      if (!repo || repo.fetched) {
        if (!repo && sure && RUNS_VERBS.has(verb))
          tooComplex(w, `\`bazel ${verb} ${written}\` runs a target of a repository AgentGuard does not read`);
        continue;
      }
      [base, label] = [repo.dir, split!.inner];
    }
    const absolute = label.startsWith('//');
    const colon = label.indexOf(':');
    let pkgPart = (colon === -1 ? label : label.slice(0, colon)).replace(/^\/\//, '');
    let name = colon === -1 ? undefined : label.slice(colon + 1);
    const recursive = pkgPart === '...' || pkgPart.endsWith('/...');
    if (recursive) pkgPart = pkgPart.slice(0, -3);
    let pkgDir = path.join(base, absolute ? '' : here, pkgPart);
    // `foo` from a package's folder: the package foo below, else the target foo of this one.
    if (!absolute && !recursive && colon === -1 && pkgAt(pkgDir) === undefined) {
      pkgDir = path.join(root, here);
      name = pkgPart;
    }
    // `//pkg` is `//pkg:pkg`; `:all`, `:*`, `:all-targets` and `...` every target of the packages.
    name ??= recursive ? 'all' : path.basename(pkgDir);
    const every = recursive || ['all', '*', 'all-targets'].includes(name);
    const dirs = recursive ? packagesUnder(pkgDir, w) : { dirs: [pkgDir], past: false };
    if (dirs.past) tooComplex(w, `\`bazel ${verb} ${written}\` matches more packages than AgentGuard reads`);
    for (const dir of dirs.dirs) {
      const pkg = pkgAt(dir);
      if (pkg === 'unread') tooComplex(w, `\`bazel ${verb}\` reads the BUILD file of ${dir}`, dir);
      // A target named outright that no BUILD file spells (a macro's, a file's): what it runs is not known.
      const missing = typeof pkg !== 'object' || !pkg.rules.some((r) => named(r) === name);
      if (!every && sure && RUNS_VERBS.has(verb) && pkg !== 'unread' && missing)
        tooComplex(w, `\`bazel ${verb} ${written}\` runs a target no BUILD file spells out`);
      if (typeof pkg !== 'object' || read.has(`${dir}:${name}`)) continue;
      read.add(`${dir}:${name}`);
      const built = pkg.rules.filter((r) => every || named(r) === name);
      starts.push(...built.map((rule) => ({ pkg, rule })));
      const local = built.find((r) => pkg.local.has(r.kind));
      if (local) tooComplex(w, `\`bazel ${verb} ${written}\` builds a ${local.kind} of a .bzl file`);
      const runs = !RUNS_VERBS.has(verb) ? new Set<string>() : every ? 'tests' : new Set([name]);
      const got = packageLines(pkg, runs, { before, args });
      lines.push(...got.lines);
      // A script not in the tree (made by a genrule, a glob) runs unread.
      const unread = [...got.unread, ...got.scripts.filter((f) => w.ctx.readFile(f, scope.cwd) === undefined)];
      if (unread.length) tooComplex(w, `\`bazel ${verb} ${written}\` runs ${unread[0]}, a script`);
    }
  }
  const reached = reachedGenrules(starts, repos, cache, pkgAt);
  lines.push(...reached.lines);
  const tool = reached.scripts.find((f) => w.ctx.readFile(f, scope.cwd) === undefined);
  if (tool) tooComplex(w, `\`bazel ${verb}\` runs ${tool}, a genrule's tool`);
  if (reached.unread.length) tooComplex(w, `\`bazel ${verb}\` first builds ${reached.unread[0]}`);
  if (!lines.length) return undefined;
  return {
    kind: 'script',
    text: [`cd ${quoted(root)}`, ...new Set(lines)].join('\n'),
    via: `bazel ${verb}`,
    lenient: true,
    alsoEmit: true,
    runnerCd: true,
  };
}
