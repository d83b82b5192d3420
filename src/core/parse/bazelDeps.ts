// What a Bazel target needs is built first: the targets its `srcs`, `data`,
// `deps` and `tools` name, in its own package or another one, and theirs in
// turn. A genrule reached that way runs its `cmd` on `bazel build //:x` as
// surely as one named on the line, so those labels are followed into the
// packages they name, bounded. A rule or macro a project's own `.bzl` file
// defines can run any action; its targets are not read but asked about. Labels
// of other repositories (`@repo//…`) are followed only into the local folders
// the workspace maps them to (bazelRepos). A genrule runs the sh or py binaries
// its `tools` name, so their scripts are judged as what the build runs.
import * as path from 'node:path';
import type { Scope, Walker } from './normalize/scope';
import { MAX_SCRIPT_CHARS } from './wrappers/common';
import { quoted } from './tomlTasks';
import { bazelRules, type BazelRule } from './bazelBuild';
import { splitRepo, type LocalRepo } from './bazelRepos';

/** A package's BUILD file, the first one there. */
export const BUILDS = ['BUILD.bazel', 'BUILD'];
/** The arguments whose labels are built before the target. */
const DEP_ATTRS = ['srcs', 'data', 'deps', 'tools', 'hdrs', 'runtime_deps', 'implementation_deps', 'exec_tools'];
/** Bounds the targets a walk reaches, the packages it reads and how deep it goes. */
const MAX_REACHED = 2048;
const MAX_READ = 256;
const MAX_DEPTH = 32;
/** The arguments of a genrule whose targets its cmd runs. */
const TOOL_ATTRS = ['tools', 'exec_tools', 'srcs'];
/** Rules whose target runs a script of the package, and in which language its reader reads it. */
export const SCRIPT_RULES: Readonly<Record<string, 'sh' | 'python'>> = {
  sh_binary: 'sh',
  sh_test: 'sh',
  py_binary: 'python',
  py_test: 'python',
};
/** Where a genrule's `$(location …)`, `$(OUTS)`, `$@` point: files of Bazel's output tree. */
const OUTPUT = 'bazel-out/_';

export interface Package {
  dir: string;
  /** The `//` root of the package's repository: the workspace's, or a local repository's folder. */
  root: string;
  rules: BazelRule[];
  /** The rule kinds the BUILD file loads from the project's own `.bzl` files. */
  local: Set<string>;
}

export const named = (r: BazelRule): string | undefined => {
  const n = r.attrs.get('name');
  return n?.literal && n.strings.length === 1 ? n.strings[0] : undefined;
};

/**
 * What in a `.bzl` file can run something: a shell action, an executable or test rule (a macro's `native.py_binary`
 * runs a main file the label does not name), a rule or repository rule of its own, a load of another of the project's
 * `.bzl` files. A file with none of these only wraps what it loads from elsewhere (`native.cc_library`, `filegroup`).
 */
const BZL_RUNS = /\b(?:genrule|run_shell|run|execute|rule|repository_rule|module_extension)\s*\(|_(?:binary|test)\s*\(/;
const BZL_LOCAL_LOAD = /\bload\s*\(\s*["'](?:@@?)?(?:\/\/|:)/;

/** The `.bzl` file a load label names, in the main repository (`//pkg:defs.bzl`, `:defs.bzl`, `@//pkg:defs.bzl`). */
function bzlFile(label: string, pkg: string, root: string): string | undefined {
  const t = labelTarget(label, pkg, root);
  return t === undefined || typeof t === 'string' ? undefined : path.join(t.dir, t.name);
}

/**
 * The symbols `load(…)` calls bring from the main repository's `.bzl` files, by their local names, when that file
 * may run something (BZL_RUNS) or cannot be read: their targets' actions are not known.
 */
function localKinds(rules: readonly BazelRule[], dir: string, root: string, scope: Scope, w: Walker): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    if (r.kind !== 'load' || r.args.length === 0 || /^@(?!@?\/\/)/.test(r.args[0])) continue;
    const file = bzlFile(r.args[0], dir, root);
    const text = file === undefined ? undefined : w.ctx.readFile(file, scope.cwd);
    const passive =
      text !== undefined && text.length <= MAX_SCRIPT_CHARS && !BZL_RUNS.test(text) && !BZL_LOCAL_LOAD.test(text);
    if (passive) continue;
    for (const s of r.args.slice(1)) out.add(s);
    for (const k of r.attrs.keys()) out.add(k);
  }
  return out;
}

/**
 * The BUILD file of the package in `dir` of the repository at `root`: its rules; `unread` when one is there that was
 * not read. `build` is a new_local_repository's own BUILD file for its root, which must then be read.
 */
export function readPackage(
  dir: string,
  root: string,
  scope: Scope,
  w: Walker,
  build?: LocalRepo['build'],
): Package | 'unread' | undefined {
  const parse = (text: string): Package => {
    const rules = bazelRules(text);
    return { dir, root, rules, local: localKinds(rules, dir, root, scope, w) };
  };
  if (build?.text !== undefined) return build.text.length > MAX_SCRIPT_CHARS ? 'unread' : parse(build.text);
  if (build?.file !== undefined) {
    const text = w.ctx.readFile(build.file, scope.cwd);
    return text === undefined || text.length > MAX_SCRIPT_CHARS ? 'unread' : parse(text);
  }
  for (const b of BUILDS) {
    const file = path.join(dir, b);
    const text = w.ctx.readFile(file, scope.cwd);
    if (text !== undefined) return text.length > MAX_SCRIPT_CHARS ? 'unread' : parse(text);
    if (w.ctx.stat?.(file)?.isFile) return 'unread';
  }
  return undefined;
}

/**
 * A genrule's `cmd` lines as the shell lines Bazel runs: `$$` as `$`, each Make variable as a path of the output
 * tree of its own (an output written, then a tool run, are not one file). A cmd computed when the file loads
 * (`select(…)`, `"…" % x`): each string of it that reads as a line.
 */
export function genruleLines(r: BazelRule): string[] {
  const out: string[] = [];
  if (r.kind !== 'genrule') return out;
  for (const key of ['cmd', 'cmd_bash']) {
    const cmd = r.attrs.get(key);
    for (const c of cmd?.strings ?? []) {
      if (!cmd!.literal && !/\s/.test(c.trim())) continue;
      let n = 0;
      out.push(c.replace(/\$\$|\$\([^()\n]{0,200}\)|\$[@<^]/g, (m) => (m === '$$' ? '$' : `${OUTPUT}${++n}`)));
    }
  }
  return out;
}

/**
 * The package folder and target name a label names from the package in `pkg`; `external` for another repository's
 * not among the local ones `repos` gives.
 */
export function labelTarget(
  label: string,
  pkg: string,
  root: string,
  repos?: () => ReadonlyMap<string, LocalRepo>,
): { dir: string; name: string } | 'external' | 'fetched' | undefined {
  let l = label.replace(/^@@?(?=\/\/)/, '');
  if (l.startsWith('@')) {
    const split = splitRepo(l);
    const repo = split && repos?.().get(split.repo);
    if (!repo) return 'external';
    if (repo.fetched) return 'fetched';
    [root, l] = [repo.dir, split!.inner];
  }
  const abs = /^\/\/([^:]*)(?::(.+))?$/.exec(l);
  const [dir, name] = abs ? [path.join(root, abs[1]), abs[2] ?? path.basename(abs[1])] : [pkg, l.replace(/^:/, '')];
  // A label leaves no package through `..`; one that does is Bazel's error, not a target.
  if (!name || /(?:^|\/)\.\.(?:\/|$)/.test(`${abs?.[1] ?? ''}/${name}`)) return undefined;
  return { dir, name };
}

export interface Reached {
  /** The cmd lines of the genrules reached, and the program lines of the script tools they run. */
  lines: string[];
  /** The script files of those tools, to be read. */
  scripts: string[];
  /** What was reached and not read: a BUILD file, a rule of a `.bzl` file, the walk past its bounds. */
  unread: string[];
}

/**
 * The genrules `starts` need built, through the labels of their dependency arguments, and what of it could not
 * be read. Packages read on the way are kept in `cache`.
 */
export function reachedGenrules(
  starts: readonly { pkg: Package; rule: BazelRule }[],
  repos: () => ReadonlyMap<string, LocalRepo>,
  cache: Map<string, Package | 'unread' | undefined>,
  read: (dir: string) => Package | 'unread' | undefined,
): Reached {
  const out: Reached = { lines: [], scripts: [], unread: [] };
  const seen = new Set(starts.map((s) => `${s.pkg.dir}:${named(s.rule) ?? ''}`));
  const ran = new Set<string>();
  let queue = starts.slice();
  for (let depth = 0; queue.length && depth <= MAX_DEPTH; depth++) {
    const next: { pkg: Package; rule: BazelRule }[] = [];
    for (const { pkg, rule } of queue) {
      // A genrule's cmd runs its tools (`$(location //tools:gen)`).
      const tools = rule.kind === 'genrule' ? TOOL_ATTRS.flatMap((a) => rule.attrs.get(a)?.strings ?? []) : [];
      for (const label of DEP_ATTRS.flatMap((a) => rule.attrs.get(a)?.strings ?? [])) {
        const t = labelTarget(label, pkg.dir, pkg.root, repos);
        if (t === undefined || typeof t === 'string') continue;
        const key = `${t.dir}:${t.name}`;
        // A target already reached (named on the line, say) is still run when a genrule first names it as a tool.
        const tool = tools.includes(label) && !ran.has(key);
        const first = !seen.has(key);
        if (!first && !tool) continue;
        seen.add(key);
        if (seen.size > MAX_REACHED || (!cache.has(t.dir) && cache.size >= MAX_READ)) {
          out.unread.push(`${label}, past the targets it reads`);
          return out;
        }
        if (!cache.has(t.dir)) cache.set(t.dir, read(t.dir));
        const dep = cache.get(t.dir);
        if (first && dep === 'unread') out.unread.push(`${label}, whose BUILD file`);
        // No package there, or no rule of that name: a file, or Bazel's error.
        const r = typeof dep === 'object' ? dep.rules.find((x) => named(x) === t.name) : undefined;
        if (!r || typeof dep !== 'object') continue;
        if (tool && SCRIPT_RULES[r.kind]) {
          ran.add(key);
          const script = scriptOf(r, t.name, dep.dir, dep.root);
          if (script === undefined) out.unread.push(`${label}, a tool whose script is not named`);
          else {
            out.lines.push(script.run);
            out.scripts.push(script.file);
          }
        }
        if (!first) continue;
        if (dep.local.has(r.kind)) out.unread.push(`${label}, a ${r.kind} of a .bzl file`);
        out.lines.push(...genruleLines(r));
        next.push({ pkg: dep, rule: r });
      }
    }
    queue = next;
  }
  if (queue.length) out.unread.push('dependencies deeper than it reads');
  return out;
}

/** The file a label of the package names: `x.sh`, `:x.sh`, `//pkg:x.sh`. */
function labelFile(label: string, pkg: string, root: string): string | undefined {
  if (label.startsWith('@')) return undefined;
  const m = /^\/\/([^:]*):(.+)$/.exec(label);
  if (m) return path.join(root, m[1], m[2]);
  return label.startsWith('//') ? undefined : path.join(pkg, label.replace(/^:/, ''));
}

/** The script file an sh or py rule's target runs and the program line running it; undefined when none is named. */
export function scriptOf(
  r: BazelRule,
  name: string,
  dir: string,
  root: string,
): { file: string; run: string } | undefined {
  const lang = SCRIPT_RULES[r.kind];
  // A py_binary runs its `main`, else the source named after the target, else its only source.
  const srcs = r.attrs.get('srcs');
  const listed = srcs?.literal ? srcs.strings : [];
  const main =
    lang === 'sh'
      ? listed[0]
      : (r.attrs.get('main')?.strings[0] ??
        listed.find((s) => s.replace(/^.*[:/]/, '') === `${name}.py`) ??
        (listed.length === 1 ? listed[0] : undefined));
  const file = main === undefined ? undefined : labelFile(main, dir, root);
  return file === undefined ? undefined : { file, run: `${lang === 'sh' ? 'bash' : 'python3'} ${quoted(file)}` };
}
