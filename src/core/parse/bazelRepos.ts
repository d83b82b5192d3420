// A label `@tools//:wipe` names a target of another repository. When the
// workspace says that repository is a folder of this machine (WORKSPACE's
// `local_repository` / `new_local_repository`, MODULE.bazel's
// `local_path_override` of a `bazel_dep`), its BUILD files and scripts may
// have been written a moment before, like the main repository's, and are read
// the same way. Any other repository (an http_archive, a registry module) is
// fetched code whose folder is not known here.
import * as path from 'node:path';
import type { Scope, Walker } from './normalize/scope';
import { MAX_SCRIPT_CHARS } from './wrappers/common';
import { bazelRules, type BazelRule } from './bazelBuild';

export interface LocalRepo {
  /** The repository's folder: its `//` root ('' for one fetched). */
  dir: string;
  /**
   * Declared as fetched code (an http_archive, a registry module, a rules' repository): pinned by the workspace as
   * a package is by its lockfile, and run as an installed package's program is, unread.
   */
  fetched?: true;
  /** new_local_repository's BUILD file for that root, by file (`build_file`) or text (`build_file_content`). */
  build?: { file?: string; text?: string };
}

/** WORKSPACE.bazel is read instead of WORKSPACE when both are there; MODULE.bazel besides either. */
const FILES = [['WORKSPACE.bazel', 'WORKSPACE'], ['WORKSPACE.bzlmod'], ['MODULE.bazel']];
/** Rules that declare a repository fetched from elsewhere: a registry module, an archive, a git or Maven repository. */
const FETCHED =
  /^(?:bazel_dep|http_archive|http_file|http_jar|git_repository|new_git_repository|maven_install|go_repository)$/;
/** Bounds the repositories kept. */
const MAX_REPOS = 256;

const one = (r: BazelRule, key: string): string | undefined => {
  const a = r.attrs.get(key);
  return a?.literal && a.strings.length === 1 ? a.strings[0] : undefined;
};

/** A file a repository rule names: a label of the main repository, or a path from its root. */
function fileOf(ref: string, root: string): string {
  const m = /^@{0,2}\/\/([^:]*):(.+)$/.exec(ref) ?? /^:(.+)$/.exec(ref);
  if (!m) return path.resolve(root, ref);
  return m.length === 3 ? path.join(root, m[1], m[2]) : path.join(root, m[1]);
}

/**
 * The repositories the workspace at `root` maps to folders, by the name its labels use. A file past the bound
 * adds none: a label of such a repository is then one whose folder is not known, and asks where it runs.
 */
export function localRepos(root: string, scope: Scope, w: Walker): Map<string, LocalRepo> {
  const out = new Map<string, LocalRepo>();
  const rules: BazelRule[] = [];
  for (const names of FILES) {
    for (const name of names) {
      const text = w.ctx.readFile(path.join(root, name), scope.cwd);
      if (text === undefined) continue;
      if (text.length <= MAX_SCRIPT_CHARS) rules.push(...bazelRules(text));
      break;
    }
  }
  // bazel_dep(name = "tools", repo_name = "t"): labels say @t; local_path_override names the module.
  const apparent = new Map<string, string>();
  for (const r of rules) {
    const name = one(r, 'name');
    if (r.kind === 'bazel_dep' && name !== undefined) apparent.set(name, one(r, 'repo_name') ?? name);
  }
  for (const r of rules) {
    if (out.size >= MAX_REPOS) break;
    const where = one(r, 'path');
    if (where === undefined) {
      // Any other repository rule the workspace names (`http_archive(name = "x", …)`, `bazel_dep(name = "x")`).
      const name = r.kind === 'bazel_dep' ? apparent.get(one(r, 'name') ?? '') : one(r, 'name');
      if (name !== undefined && FETCHED.test(r.kind) && !out.has(name)) out.set(name, { dir: '', fetched: true });
      continue;
    }
    if (r.kind === 'local_path_override') {
      const module = one(r, 'module_name');
      if (module !== undefined) out.set(apparent.get(module) ?? module, { dir: path.resolve(root, where) });
    } else if (r.kind === 'local_repository' || r.kind === 'new_local_repository') {
      const name = one(r, 'name');
      if (name === undefined) continue;
      const repo: LocalRepo = { dir: path.resolve(root, where) };
      const file = one(r, 'build_file');
      const text = one(r, 'build_file_content');
      if (r.kind === 'new_local_repository') repo.build = { file: file && fileOf(file, root), text: text ?? '' };
      if (file !== undefined && repo.build) delete repo.build.text;
      out.set(name, repo);
    }
  }
  return out;
}

/** `@repo//pkg:x` (or `@repo`, its `//:repo`): the repository's name and the label inside it; undefined for the main one's. */
export function splitRepo(label: string): { repo: string; inner: string } | undefined {
  const m = /^@@?([^/:]+)(\/\/.*)?$/.exec(label);
  // A canonical name (`@@tools+`) is not an apparent one the workspace maps: it is found in none, and asks.
  return m ? { repo: m[1], inner: m[2] ?? `//:${m[1]}` } : undefined;
}
