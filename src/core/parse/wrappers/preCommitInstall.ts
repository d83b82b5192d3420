// `pre-commit install` writes git hooks that run `pre-commit hook-impl` on the
// config: a commit later on the same line (`pre-commit install && git commit`)
// runs the config's hooks, though no hook is on disk yet. The hooks it writes
// are kept as written earlier on the line, so git's hook reader (gitHooks.ts)
// reads them as it reads installed ones. `pre-commit try-repo REPO` runs the
// hooks REPO's manifest (`.pre-commit-hooks.yaml`) defines.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { rememberWrite } from '../normalize/output';
import { repository } from './gitRepository';
import { pastBound } from './testFiles';

/** The hook types `pre-commit install` writes unless told (`-t`, or the config's `default_install_hook_types`). */
const DEFAULT_TYPES = ['pre-commit'];
/** Most hook types one install writes. */
const MAX_TYPES = 16;

/** The config a `pre-commit` call names (`-c FILE`, `--config=FILE`), else the default; undefined when dynamic. */
export function preCommitConfigFile(p: Pending): string | undefined {
  const at = p.argv.findIndex((a) => a === '-c' || a === '--config');
  const eq = p.argv.find((a) => a.startsWith('--config='));
  if (at > 0 && p.dynamic[at + 1]) return undefined;
  return eq ? eq.slice(9) : at > 0 ? p.argv[at + 1] : '.pre-commit-config.yaml';
}

/** `pre-commit install [-t TYPE]…`: remembers the hooks it writes, each running the config's hooks of that type. */
export function preCommitInstall(p: Pending, config: string, scope: Scope, w: Walker): void {
  const repo = repository(scope.cwd, w);
  if (!repo) return;
  const types: string[] = [];
  for (let i = 2; i < p.argv.length; i++) {
    const a = p.argv[i];
    if (a === '-t' || a === '--hook-type') {
      if (p.dynamic[i + 1]) return pastBound(w, 'pre-commit install', 'hook types only known at run time');
      types.push(p.argv[++i] ?? '');
    } else if (a.startsWith('--hook-type=')) types.push(a.slice(12));
    else if (/^-t./.test(a)) types.push(a.slice(2));
  }
  if (!types.length) {
    const text = w.ctx.readFile(config, scope.cwd) ?? '';
    const listed = /^default_install_hook_types[ \t]*:[ \t]*\[([^\]\n]*)\]/m.exec(text)?.[1];
    types.push(...(listed ? listed.split(',').map((t) => t.trim().replace(/^['"]|['"]$/g, '')) : DEFAULT_TYPES));
  }
  // The installed hook names the config by its absolute path, as the one pre-commit writes does.
  const cfg = path.resolve(scope.cwd, config);
  for (const type of types.slice(0, MAX_TYPES)) {
    if (!/^[\w-]+$/.test(type)) continue;
    const hook = path.join(repo.gitDir, 'hooks', type);
    rememberWrite(
      w,
      scope.cwd,
      hook,
      `#!/usr/bin/env bash\npre-commit hook-impl --config=${cfg} --hook-type=${type}\n`,
      false,
    );
    // Past the bound of files kept for the line, the commit would read the hook folder as it is now.
    if (!w.written.has(hook)) return pastBound(w, 'pre-commit install', 'hooks written on one line');
  }
  if (types.length > MAX_TYPES) pastBound(w, 'pre-commit install', `hook types (${MAX_TYPES})`);
}

/** try-repo's options that take a value. */
const TRY_REPO_VALUES =
  /^(?:-c|--config|--ref|--rev|--hook-stage|--from-ref|--to-ref|-s|-o|--source|--origin|--color|--commit-msg-filename)$/;

/** `pre-commit try-repo REPO`: the manifest of a local REPO; a remote one is fetched, its hooks unknown here. */
export function preCommitTryRepo(p: Pending, w: Walker): string | undefined {
  const at = p.argv.findIndex((a, k) => k > 1 && !a.startsWith('-') && !TRY_REPO_VALUES.test(p.argv[k - 1]));
  const repo = at > 1 ? p.argv[at] : undefined;
  if (repo === undefined) return undefined;
  if (p.dynamic[at] || /^[\w+.-]+:\/\/|^[\w.-]+@[\w.-]+:/.test(repo)) {
    pastBound(w, 'pre-commit try-repo', 'hooks of a repository fetched at run time');
    return undefined;
  }
  return path.join(repo, '.pre-commit-hooks.yaml');
}
