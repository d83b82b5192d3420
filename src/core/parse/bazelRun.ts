// Bazel runs code the project's BUILD files name: `bazel run //:x` runs the
// program of target x (an sh_binary's script, a py_binary's main file), `bazel
// test` the scripts of the test targets it matches, and every build runs the
// `cmd` of the genrules it needs (often outside the sandbox: `local = True`, a
// no-sandbox tag, `--spawn_strategy=local`). The BUILD files may have been
// written a moment before, so those scripts and lines are judged as what runs.
// Only the targets named, or the packages a pattern matches, are read: a
// genrule of another package reached through a dependency is not followed.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from './normalize/scope';
import { MAX_SCRIPT_CHARS, type UnwrapStep } from './wrappers/common';
import { bazelRules, type BazelRule } from './bazelBuild';
import { findUpIn } from './taskRunners';
import { quoted } from './tomlTasks';
import { shellWord } from '../text/shellWord';

/** The files that mark a Bazel workspace's root. */
const ROOTS = ['MODULE.bazel', 'REPO.bazel', 'WORKSPACE.bazel', 'WORKSPACE'];
/** A package's BUILD file, the first one there. */
const BUILDS = ['BUILD.bazel', 'BUILD'];
/** The commands that build (genrules run), and of those the ones that also run a target's program. */
const BUILDS_VERBS = new Set(['build', 'run', 'test', 'coverage']);
const RUNS_VERBS = new Set(['run', 'test', 'coverage']);
/** Rules whose target runs a script of the package, and in which language its reader reads it. */
const SCRIPT_RULES: Readonly<Record<string, 'sh' | 'python'>> = {
  sh_binary: 'sh',
  sh_test: 'sh',
  py_binary: 'python',
  py_test: 'python',
};
/** Bounds the folders a `//...` pattern walks and the packages read. */
const MAX_FOLDERS = 4096;
const MAX_PACKAGES = 256;
/** Where a genrule's `$(location …)`, `$(OUTS)`, `$@` point: files of Bazel's output tree. */
const OUTPUT = 'bazel-out/_';

interface Package {
  dir: string;
  rules: BazelRule[];
}

const named = (r: BazelRule): string | undefined => {
  const n = r.attrs.get('name');
  return n?.literal && n.strings.length === 1 ? n.strings[0] : undefined;
};

/** The BUILD file of the package in `dir`: its rules; `unread` when one is there that was not read. */
function readPackage(dir: string, scope: Scope, w: Walker): Package | 'unread' | undefined {
  for (const b of BUILDS) {
    const file = path.join(dir, b);
    const text = w.ctx.readFile(file, scope.cwd);
    if (text !== undefined) return text.length > MAX_SCRIPT_CHARS ? 'unread' : { dir, rules: bazelRules(text) };
    if (w.ctx.stat?.(file)?.isFile) return 'unread';
  }
  return undefined;
}

/**
 * A genrule's `cmd` as the shell line Bazel runs: `$$` as `$`, each Make variable as a path of the output tree of its
 * own (an output written, then a tool run, are not one file).
 */
function genruleLine(cmd: string): string {
  let n = 0;
  return cmd.replace(/\$\$|\$\([^()\n]{0,200}\)|\$[@<^]/g, (m) => (m === '$$' ? '$' : `${OUTPUT}${++n}`));
}

/** The file a label of the package names: `x.sh`, `:x.sh`, `//pkg:x.sh`. */
function labelFile(label: string, pkg: string, root: string): string | undefined {
  if (label.startsWith('@')) return undefined;
  const m = /^\/\/([^:]*):(.+)$/.exec(label);
  if (m) return path.join(root, m[1], m[2]);
  return label.startsWith('//') ? undefined : path.join(pkg, label.replace(/^:/, ''));
}

/**
 * The lines a package runs for a verb: each genrule's cmd, and the script of each target of `runs` (`tests`: every
 * test) with the words `before` it (`--run_under`) and `args` after it. A script not named as a file is `unread`.
 */
function packageLines(
  pkg: Package,
  root: string,
  runs: ReadonlySet<string> | 'tests',
  call: { before: string; args: string },
): { lines: string[]; scripts: string[]; unread: string[] } {
  const out = { lines: [] as string[], scripts: [] as string[], unread: [] as string[] };
  for (const r of pkg.rules) {
    if (r.kind === 'genrule') {
      // A cmd computed when the file loads (`select(…)`, `"…" % x`): each string of it that reads as a line.
      for (const key of ['cmd', 'cmd_bash']) {
        const cmd = r.attrs.get(key);
        for (const c of cmd?.strings ?? []) if (cmd!.literal || /\s/.test(c.trim())) out.lines.push(genruleLine(c));
      }
    }
    const lang = SCRIPT_RULES[r.kind];
    const name = named(r);
    if (!lang || name === undefined || (runs === 'tests' ? !r.kind.endsWith('_test') : !runs.has(name))) continue;
    // A py_binary runs its `main`, else the source named after the target, else its only source.
    const srcs = r.attrs.get('srcs');
    const listed = srcs?.literal ? srcs.strings : [];
    const main =
      lang === 'sh'
        ? listed[0]
        : (r.attrs.get('main')?.strings[0] ??
          listed.find((s) => s.replace(/^.*[:/]/, '') === `${name}.py`) ??
          (listed.length === 1 ? listed[0] : undefined));
    const file = main === undefined ? undefined : labelFile(main, pkg.dir, root);
    if (file === undefined) {
      out.unread.push(name);
      continue;
    }
    out.scripts.push(file);
    out.lines.push(`${call.before}${lang === 'sh' ? 'bash' : 'python3'} ${quoted(file)}${call.args}`);
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
 * `bazel [STARTUP] VERB [OPTIONS] TARGET…`: the genrules of the packages named and, for run, test and coverage,
 * the scripts of the targets that run, as lines run from the workspace root (the run's runfiles tree mirrors it).
 */
export function unwrapBazel(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  if (scope.remote) return undefined;
  let v = 1;
  while (v < argv.length && argv[v].startsWith('-')) v++;
  const verb = argv[v];
  if (!BUILDS_VERBS.has(verb)) return undefined;
  const found = findUpIn(ROOTS, scope, w);
  if (!found) return undefined;
  const root = found.dir;
  const here = path.relative(root, scope.cwd);
  const dashes = argv.indexOf('--', v);
  let targets = targetWords(p, v, dashes === -1 ? argv.length : dashes);
  let args = '';
  // `--run_under=PREFIX` runs the target's program through PREFIX, a command line (a target's label is not read).
  const under = option(argv, '--run_under', v, dashes === -1 ? argv.length : dashes);
  const before = under !== undefined && !/^(?:\/\/|:|@)/.test(under) ? `${under} ` : '';
  if (verb === 'run') {
    // `bazel run TARGET ARG…`: one target, the words after it its program's; a first `--` only ends bazel's options.
    const target = targets.find((c) => c.sure) ?? targets[0];
    targets = target ? [target] : [];
    const after = target ? argv.slice(target.at + 1) : [];
    const dash = after.indexOf('--');
    if (dash !== -1) after.splice(dash, 1);
    args = after.map((a) => ' ' + shellWord(a)).join('');
  }
  const lines: string[] = [];
  const read = new Set<string>();
  for (const { label, sure } of targets.slice(0, MAX_PACKAGES)) {
    if (label.startsWith('@') || label.startsWith('-')) continue;
    const absolute = label.startsWith('//');
    const colon = label.indexOf(':');
    let pkgPart = (colon === -1 ? label : label.slice(0, colon)).replace(/^\/\//, '');
    let name = colon === -1 ? undefined : label.slice(colon + 1);
    const recursive = pkgPart === '...' || pkgPart.endsWith('/...');
    if (recursive) pkgPart = pkgPart.slice(0, -3);
    let pkgDir = path.join(root, absolute ? '' : here, pkgPart);
    // `foo` from a package's folder: the package foo below, else the target foo of this one.
    if (!absolute && !recursive && colon === -1 && readPackage(pkgDir, scope, w) === undefined) {
      pkgDir = path.join(root, here);
      name = pkgPart;
    }
    // `//pkg` is `//pkg:pkg`; `:all`, `:*`, `:all-targets` and `...` every target of the packages.
    name ??= recursive ? 'all' : path.basename(pkgDir);
    const every = recursive || ['all', '*', 'all-targets'].includes(name);
    const dirs = recursive ? packagesUnder(pkgDir, w) : { dirs: [pkgDir], past: false };
    if (dirs.past) tooComplex(w, `\`bazel ${verb} ${label}\` matches more packages than AgentGuard reads`);
    for (const dir of dirs.dirs) {
      const pkg = readPackage(dir, scope, w);
      if (pkg === 'unread') tooComplex(w, `\`bazel ${verb}\` reads the BUILD file of ${dir}`, dir);
      // A target named outright that no BUILD file spells (a macro's, a file's): what it runs is not known.
      const missing = typeof pkg !== 'object' || !pkg.rules.some((r) => named(r) === name);
      if (!every && sure && RUNS_VERBS.has(verb) && pkg !== 'unread' && missing)
        tooComplex(w, `\`bazel ${verb} ${label}\` runs a target no BUILD file spells out`);
      if (typeof pkg !== 'object' || read.has(`${dir}:${name}`)) continue;
      read.add(`${dir}:${name}`);
      const runs = !RUNS_VERBS.has(verb) ? new Set<string>() : every ? 'tests' : new Set([name]);
      const got = packageLines(pkg, root, runs, { before, args });
      lines.push(...got.lines);
      // A script not in the tree (made by a genrule, a glob) runs unread.
      const unread = [...got.unread, ...got.scripts.filter((f) => w.ctx.readFile(f, scope.cwd) === undefined)];
      if (unread.length) tooComplex(w, `\`bazel ${verb} ${label}\` runs ${unread[0]}, a script`);
    }
  }
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
