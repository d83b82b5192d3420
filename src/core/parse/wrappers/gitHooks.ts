// Git runs the repository's hooks around its own work: `git commit` runs
// pre-commit, prepare-commit-msg, commit-msg and post-commit; `git push`
// pre-push; a merge or pull pre-merge-commit and post-merge; a checkout or
// switch post-checkout; a rebase pre-rebase and post-rewrite. A hook is a
// program in the hooks folder (`.git/hooks`, or where `core.hooksPath`
// points, husky's `.husky/_` forwarding to `.husky/NAME`), so running the
// git command runs it: each hook there is read as the script it is, as
// `sh .git/hooks/pre-commit` would be. Writing a hook asks already
// (autorun.git-hook); this judges one that is there however it got there.
import * as path from 'node:path';
import { readGlobalOptions } from '../../command/globalOptions';
import { declaresHusky } from '../../command/husky';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { emitCodeReading } from './shells';
import { readPreCommitConfig } from './projectBuilds';
import { LINE_HOOKS_PATH, repository } from './gitRepository';
import { own } from '../../text/own';

/** The hooks each subcommand runs; those `--no-verify` skips are marked. */
const OWN_HOOKS: Readonly<Record<string, readonly [name: string, skippable: boolean][]>> = {
  commit: [
    ['pre-commit', true],
    ['prepare-commit-msg', false],
    ['commit-msg', true],
    ['post-commit', false],
    ['post-rewrite', false],
  ],
  push: [['pre-push', true]],
  merge: [
    ['pre-merge-commit', true],
    ['prepare-commit-msg', false],
    ['commit-msg', true],
    ['post-merge', false],
  ],
  pull: [
    ['pre-merge-commit', true],
    ['post-merge', false],
    ['post-checkout', false],
    ['post-rewrite', false],
  ],
  checkout: [['post-checkout', false]],
  switch: [['post-checkout', false]],
  rebase: [
    ['pre-rebase', true],
    ['post-checkout', false],
    ['post-rewrite', false],
  ],
  'cherry-pick': [
    ['prepare-commit-msg', false],
    ['commit-msg', true],
    ['post-commit', false],
  ],
  revert: [
    ['prepare-commit-msg', false],
    ['commit-msg', true],
    ['post-commit', false],
  ],
  am: [
    ['applypatch-msg', true],
    ['pre-applypatch', true],
    ['post-applypatch', false],
  ],
  worktree: [['post-checkout', false]],
};
/**
 * Commands that write the index (git runs post-index-change after: `git status` too, when it refreshes the index) and
 * that update refs (reference-transaction, around every ref update): githooks(5). Neither can be skipped.
 */
const INDEX_WRITERS =
  'add status rm mv restore reset checkout switch stash commit merge pull rebase cherry-pick revert am apply update-index read-tree';
const REF_UPDATERS =
  'commit branch tag fetch pull push stash checkout switch reset merge rebase cherry-pick revert am update-ref remote worktree';

const HOOKS: Readonly<Record<string, readonly [name: string, skippable: boolean][]>> = (() => {
  const all: Record<string, [string, boolean][]> = {};
  for (const [sub, hooks] of Object.entries(OWN_HOOKS)) all[sub] = [...hooks];
  for (const [names, hook] of [
    [INDEX_WRITERS, 'post-index-change'],
    [REF_UPDATERS, 'reference-transaction'],
  ] as const)
    for (const sub of names.split(' ')) (all[sub] ??= []).push([hook, false]);
  return all;
})();

const SHEBANG_LANG: readonly [RegExp, 'python' | 'node' | 'ruby' | 'perl'][] = [
  [/^#!.*\bpython[\d.]*\b/, 'python'],
  [/^#!.*\b(?:node|bun|deno)\b/, 'node'],
  [/^#!.*\bruby\b/, 'ruby'],
  [/^#!.*\bperl\b/, 'perl'],
];

/** `core.hooksPath` as git takes it: the repository's config over the user's. */
function hooksPath(gitDir: string, scope: Scope, w: Walker): string | undefined {
  const home = scope.vars.HOME ?? w.ctx.home;
  let found: string | undefined;
  for (const file of [
    path.join(home, '.gitconfig'),
    path.join(home, '.config', 'git', 'config'),
    path.join(gitDir, 'config'),
  ]) {
    const text = w.ctx.readFile(file, scope.cwd);
    if (!text || !/hookspath/i.test(text)) continue;
    let inCore = false;
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t.startsWith('[')) inCore = /^\[core\]/i.test(t);
      else if (inCore) {
        const m = /^hookspath\s*=\s*"?(.*?)"?\s*$/i.exec(t);
        if (m) found = m[1].replace(/^~(?=\/)/, home);
      }
    }
  }
  return found;
}

/** Reads the hooks a git command runs, each as the script it is; the command itself is judged as itself. */
export function readGitHooks(p: Pending, scope: Scope, w: Walker): void {
  if (scope.remote || !w.ctx.stat) return;
  const read = readGlobalOptions(p.argv, scope.cwd);
  const argv = read.bare ?? p.argv;
  const sub = argv[1];
  const hooks = sub !== undefined && Object.prototype.hasOwnProperty.call(HOOKS, sub) ? HOOKS[sub] : undefined;
  if (!hooks || (sub === 'worktree' && argv[2] !== 'add')) return;
  const noVerify =
    argv.includes('--no-verify') ||
    (sub === 'commit' && argv.slice(2).some((a) => /^-[a-zA-Z]*n/.test(a) && !a.startsWith('--')));
  const repo = repository(read.dir ?? scope.cwd, w);
  if (!repo) return;
  const onLine = own(scope.vars, LINE_HOOKS_PATH);
  const configured = onLine !== undefined ? onLine || undefined : hooksPath(repo.gitDir, scope, w);
  const dir = configured ? path.resolve(repo.top, configured) : path.join(repo.gitDir, 'hooks');
  // husky 9: `.husky/_/NAME` only sources `.husky/_/h`, which runs `.husky/NAME`.
  const husky = path.basename(dir) === '_' && path.basename(path.dirname(dir)) === '.husky';
  // A project declaring husky, not yet installed: `npm install` earlier on the line (or any later one) points git
  // at `.husky/_`, so `.husky/NAME` is what the commit runs then.
  const pending =
    !configured && declaresHusky(w.ctx.readFile(path.join(repo.top, 'package.json'), scope.cwd))
      ? path.join(repo.top, '.husky')
      : undefined;
  for (const [name, skippable] of hooks) {
    if (skippable && noVerify) continue;
    const files = husky ? [path.join(dir, name), path.join(path.dirname(dir), name)] : [path.join(dir, name)];
    if (pending) files.push(path.join(pending, name));
    for (const file of files) {
      // A hook installed earlier on the line (`pre-commit install && git commit`) is the one the commit runs.
      const abs = path.resolve(scope.cwd, file);
      const unknown = w.writtenUnknown.has(abs);
      const text = unknown ? undefined : (w.written.get(abs) ?? w.ctx.readFile(file, scope.cwd));
      const via = `git ${sub} running its ${name} hook`;
      if (unknown)
        w.addFinding(
          parseFinding(
            'parse.too-complex',
            60,
            `\`${via}\` runs ${file}, written earlier on the line with text not known before it runs`,
            file,
          ),
        );
      noteUnreadScript(file, text, scope, w, via);
      if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
      // pre-commit's installed shim runs its hooks through `"${ARGS[@]}"`, which reads to nothing: read its config.
      const preCommit = /\bhook-impl\b/.test(text) && /--config=([^\s)"']+)/.exec(text);
      if (preCommit) readPreCommitConfig(preCommit[1], { ...scope, cwd: repo.top }, w);
      const lang = SHEBANG_LANG.find(([re]) => re.test(text))?.[1];
      if (lang) emitCodeReading(lang, text, p, scope, w, via);
      else w.walkText(text, { ...scope, cwd: repo.top, via: [...scope.via, via], depth: scope.depth + 1 }, true);
    }
  }
}
