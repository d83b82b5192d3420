// What a Bazel target needs is built first: the targets its `srcs`, `data`,
// `deps` and `tools` name, in its own package or another one, and theirs in
// turn. A genrule reached that way runs its `cmd` on `bazel build //:x` as
// surely as one named on the line, so those labels are followed into the
// packages they name, bounded. A rule or macro a project's own `.bzl` file
// defines can run any action; its targets are not read but asked about. Labels
// of other repositories (`@repo//…`) are not followed.
import * as path from 'node:path';
import type { Scope, Walker } from './normalize/scope';
import { MAX_SCRIPT_CHARS } from './wrappers/common';
import { bazelRules, type BazelRule } from './bazelBuild';

/** A package's BUILD file, the first one there. */
export const BUILDS = ['BUILD.bazel', 'BUILD'];
/** The arguments whose labels are built before the target. */
const DEP_ATTRS = ['srcs', 'data', 'deps', 'tools', 'hdrs', 'runtime_deps', 'implementation_deps', 'exec_tools'];
/** Bounds the targets a walk reaches, the packages it reads and how deep it goes. */
const MAX_REACHED = 2048;
const MAX_READ = 256;
const MAX_DEPTH = 32;
/** Where a genrule's `$(location …)`, `$(OUTS)`, `$@` point: files of Bazel's output tree. */
const OUTPUT = 'bazel-out/_';

export interface Package {
  dir: string;
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
  return t === undefined || t === 'external' ? undefined : path.join(t.dir, t.name);
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

/** The BUILD file of the package in `dir` of the workspace at `root`: its rules; `unread` when one is there that was not read. */
export function readPackage(dir: string, root: string, scope: Scope, w: Walker): Package | 'unread' | undefined {
  for (const b of BUILDS) {
    const file = path.join(dir, b);
    const text = w.ctx.readFile(file, scope.cwd);
    if (text !== undefined) {
      if (text.length > MAX_SCRIPT_CHARS) return 'unread';
      const rules = bazelRules(text);
      return { dir, rules, local: localKinds(rules, dir, root, scope, w) };
    }
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

/** The package folder and target name a label names from the package in `pkg`; `external` for another repository's. */
export function labelTarget(
  label: string,
  pkg: string,
  root: string,
): { dir: string; name: string } | 'external' | undefined {
  const l = label.replace(/^@@?(?=\/\/)/, '');
  if (l.startsWith('@')) return 'external';
  const abs = /^\/\/([^:]*)(?::(.+))?$/.exec(l);
  const [dir, name] = abs ? [path.join(root, abs[1]), abs[2] ?? path.basename(abs[1])] : [pkg, l.replace(/^:/, '')];
  // A label leaves no package through `..`; one that does is Bazel's error, not a target.
  if (!name || /(?:^|\/)\.\.(?:\/|$)/.test(`${abs?.[1] ?? ''}/${name}`)) return undefined;
  return { dir, name };
}

export interface Reached {
  /** The cmd lines of the genrules reached. */
  lines: string[];
  /** What was reached and not read: a BUILD file, a rule of a `.bzl` file, the walk past its bounds. */
  unread: string[];
}

/**
 * The genrules `starts` need built, through the labels of their dependency arguments, and what of it could not
 * be read. Packages read on the way are kept in `cache`.
 */
export function reachedGenrules(
  starts: readonly { pkg: Package; rule: BazelRule }[],
  root: string,
  cache: Map<string, Package | 'unread' | undefined>,
  read: (dir: string) => Package | 'unread' | undefined,
): Reached {
  const out: Reached = { lines: [], unread: [] };
  const seen = new Set(starts.map((s) => `${s.pkg.dir}:${named(s.rule) ?? ''}`));
  let queue = starts.slice();
  for (let depth = 0; queue.length && depth <= MAX_DEPTH; depth++) {
    const next: { pkg: Package; rule: BazelRule }[] = [];
    for (const { pkg, rule } of queue) {
      for (const label of DEP_ATTRS.flatMap((a) => rule.attrs.get(a)?.strings ?? [])) {
        const t = labelTarget(label, pkg.dir, root);
        if (t === undefined || t === 'external' || seen.has(`${t.dir}:${t.name}`)) continue;
        seen.add(`${t.dir}:${t.name}`);
        if (seen.size > MAX_REACHED || (!cache.has(t.dir) && cache.size >= MAX_READ)) {
          out.unread.push(`${label}, past the targets it reads`);
          return out;
        }
        if (!cache.has(t.dir)) cache.set(t.dir, read(t.dir));
        const dep = cache.get(t.dir);
        if (dep === 'unread') out.unread.push(`${label}, whose BUILD file`);
        // No package there, or no rule of that name: a file, or Bazel's error.
        const r = typeof dep === 'object' ? dep.rules.find((x) => named(x) === t.name) : undefined;
        if (!r || typeof dep !== 'object') continue;
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
