// git: commands that destroy work that exists nowhere else (uncommitted
// changes, untracked files, stashes, reflog) or rewrite history others share
// (force push, remote branch deletion). Everyday git stays silent, including
// plain pushes to main and commits with scary messages.
import { optionValues, positionals } from '../command/args';
import { classifyPath, displayPath } from '../command/paths';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { discardFinding, has, invocation, type Invocation } from './common/git';
import {
  branch,
  checkout,
  clean,
  fetchIntoBranches,
  gc,
  reflog,
  reset,
  restore,
  rewriteHistory,
  stash,
  STASH_FIRST,
  switchBranch,
} from './git/local';
import { push } from './git/push';
import { annex, tagDeleteAll } from './git/bulk';
import { retentionConfig, retentionOptions } from './git/retention';
import { repack, replace, updateRef } from './git/internals';
import { mayHideOptions } from './common/splitOptions';
import { holdsListedFiles } from './common/listedFiles';
export { isSharedBranch } from './common/git';

/**
 * `git submodule foreach [--recursive] CMD` runs CMD in every submodule. CMD
 * is shell text; judge the git commands in it (bounded, one level).
 */
function submoduleForeach(args: readonly string[]): Finding[] {
  const at = args.indexOf('foreach');
  if (at === -1 || at > 2) return [];
  const words = args.slice(at + 1).filter((w) => w !== '--recursive' && w !== '-q' && w !== '--quiet');
  const out: Finding[] = [];
  for (const part of words
    .join(' ')
    .split(/&&|\|\||;|\|/)
    .slice(0, 16)) {
    const argv = part
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^["']|["']$/g, ''));
    if (argv[0] !== 'git') continue;
    for (const f of analyzeArgv(argv)) out.push({ ...f, summary: `in every submodule: ${f.summary}` });
  }
  return out;
}

function analyzeGit(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const out = analyzeArgv(cmd.argv, 0, (w) => cmd.dynamic[cmd.argv.indexOf(w)] === true && holdsListedFiles(w, cmd));
  const inv = invocation(cmd.argv);
  if (inv?.sub === 'add') out.push(...addSecrets(inv.args, cmd, ctx));
  // The tags a deletion names come from a listing run at the same time: the command's words only show `$(git tag)`.
  if (inv?.sub === 'tag') out.push(...tagDeleteAll(cmd, inv.args));
  if (!out.length && inv && OPTION_DRIVEN.has(inv.sub) && cmd.dynamic.includes(true) && mayHideOptions(cmd))
    out.push(hiddenOptions(inv.sub));
  return out;
}

/**
 * The subcommands an option turns destructive: `push --force`, `reset --hard`, `clean -fdx`, `checkout -f`,
 * `branch -D`, `stash clear`, `tag -d`, `worktree remove -f`, `gc --prune=now`, `reflog expire`, `update-ref -d`.
 */
const OPTION_DRIVEN: ReadonlySet<string> = new Set(
  'push reset clean checkout switch branch stash tag worktree gc reflog update-ref'.split(' '),
);

/**
 * `git push $F origin main`: an unquoted word known only at run time is split by the shell, and any piece may be
 * `--force` (`export F=--force` in an earlier call of the same terminal), as `rm $X` may hide `-rf` (splitOptions.ts).
 */
function hiddenOptions(sub: string): Finding {
  return {
    id: 'git.unknown-options',
    summary: `git ${sub} is given words known only when it runs (an unquoted variable, or what xargs reads from unread text), which may be options such as --force or --hard: what it does cannot be known first`,
    target: `git ${sub}`,
    alternative: 'write the options out on the line, and quote a variable that holds a name',
    severity: 50,
  };
}

// Words that could name a credential file; the rest skip path classification.
const SECRET_NAME_HINT =
  /env|id_|\.(?:pem|key|p12|pfx|jks|keystore|ppk|tfstate)$|credential|secret|netrc|pgpass|master\.key|service[-_]?account/i;

/** `git add .env`, `git add -f config/master.key`: once committed, the secret stays in history. */
function addSecrets(args: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (has(args, '-n', '--dry-run')) return [];
  for (const w of positionals(args, ['--chmod', '--pathspec-from-file'])) {
    if (!SECRET_NAME_HINT.test(w)) continue;
    const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
    if (!p.credential) continue;
    const shown = displayPath(p.abs, ctx);
    return [
      {
        id: 'git.add-secret',
        summary: `git add stages ${shown}, which holds credentials: once committed and pushed it stays in the history`,
        target: shown,
        alternative: `add ${shown} to .gitignore and commit a template (${shown}.example) instead`,
        severity: 55,
      },
    ];
  }
  return [];
}

/**
 * `git -c alias.NAME=VALUE NAME …` defines an alias for this one call. A
 * plain alias is expanded and judged; a `!` alias is shell text, which
 * nothing here can read.
 */
function inlineAlias(argv: readonly string[], inv: Invocation, depth: number): Finding[] | undefined {
  const prefix = `alias.${inv.sub}=`;
  const defs = optionValues(argv.slice(0, argv.length - inv.args.length), ['-c']).filter((v) => v.startsWith(prefix));
  if (defs.length === 0) return undefined;
  const body = defs[defs.length - 1].slice(prefix.length).trim();
  if (body.startsWith('!')) {
    return [
      {
        id: 'git.inline-shell-alias',
        summary: `git -c alias.${inv.sub}='!…' runs shell text defined on the command line: ${body.slice(1, 80)}`,
        target: inv.sub,
        alternative: 'run the commands directly so they can be reviewed',
        severity: 60,
      },
    ];
  }
  if (depth > 0 || !body) return undefined;
  return analyzeArgv(['git', ...body.split(/\s+/), ...inv.args.slice(1)], depth + 1);
}

/** `listed`: whether a word holds the file names a lister printed (the command's own words only). */
function analyzeArgv(argv: readonly string[], depth = 0, listed?: (word: string) => boolean): Finding[] {
  const inv = invocation(argv);
  if (!inv) return [];
  const { sub, args } = inv;
  if (argv.length !== args.length + 1) {
    const aliased = inlineAlias(argv, inv, depth);
    if (aliased) return aliased;
    const forgets = retentionOptions(argv.slice(1, argv.length - args.length));
    if (forgets.length) return forgets;
  }
  switch (sub) {
    case 'config':
      return retentionConfig(args);
    case 'reset':
      return reset(args);
    case 'push':
      return push(args);
    case 'fetch':
      return fetchIntoBranches(args);
    case 'clean':
      return clean(args);
    case 'branch':
      return branch(args);
    case 'checkout':
      return checkout(args, listed);
    case 'switch':
      return switchBranch(args);
    case 'restore':
      return restore(args);
    case 'stash':
      return stash(args);
    case 'reflog':
      return reflog(args);
    case 'gc':
    case 'prune':
      return gc(args, sub);
    case 'filter-branch':
    case 'filter-repo':
      return rewriteHistory(`git ${sub}`);
    case 'lfs': {
      // `git lfs migrate import|export` rewrites history into (or out of) LFS; `--everything` does it to every branch and tag.
      const [verb, mode] = positionals(args);
      if (verb !== 'migrate' || (mode !== 'import' && mode !== 'export') || has(args, '--no-rewrite')) return [];
      return rewriteHistory(
        has(args, '--everything') ? `git lfs migrate ${mode} --everything` : `git lfs migrate ${mode}`,
      );
    }
    case 'annex':
      return annex(args);
    case 'update-ref':
      return updateRef(args);
    case 'replace':
      return replace(args);
    case 'repack':
      return repack(args);
    case 'worktree': {
      const [action, path] = positionals(args);
      if (action !== 'remove' || !has(args, '-f', '--force')) return [];
      return [
        {
          id: 'git.worktree-remove',
          summary: `git worktree remove --force deletes worktree ${path ?? ''} with its uncommitted changes`.replace(
            '  ',
            ' ',
          ),
          target: path,
          alternative: 'commit or stash in that worktree first',
          severity: 50,
        },
      ];
    }
    case 'rm':
      if (has(args, '--cached') || !has(args, '-f', '--force')) return [];
      return [
        {
          id: 'git.rm-force',
          summary: `git rm --force deletes ${positionals(args, ['--pathspec-from-file']).join(' ') || 'files'} including uncommitted changes to them`,
          target: positionals(args).join(' ') || undefined,
          alternative: 'git rm without -f (refuses when the files have local changes)',
          severity: 45,
        },
      ];
    case 'submodule':
      // `deinit --force` removes a submodule's working tree even when it holds changes of its own.
      if (positionals(args)[0] === 'deinit' && has(args, '-f', '--force'))
        return [discardFinding('git.checkout-discard', 'git submodule deinit --force', [], STASH_FIRST)];
      return submoduleForeach(args);
    case 'checkout-index':
      // `--force` writes the index's copy over files the working tree changed (`-a`: every file); `--prefix` writes elsewhere.
      if (!has(args, '-f', '--force') || args.some((a) => a.startsWith('--prefix'))) return [];
      return [
        discardFinding(
          'git.checkout-discard',
          'git checkout-index --force',
          has(args, '-a', '--all') ? [] : positionals(args, ['--prefix', '--stage']),
          STASH_FIRST,
        ),
      ];
    case 'read-tree':
      if (!(has(args, '--reset') && has(args, '-u'))) return [];
      return [
        {
          id: 'git.reset-hard',
          summary: 'git read-tree --reset -u overwrites the working tree like reset --hard',
          alternative: STASH_FIRST,
          severity: 60,
        },
      ];
    default:
      return [];
  }
}

/** Subcommands that only look. Everything else is treated as a change. */
const READ_SUBCOMMANDS = new Set([
  'status',
  'diff',
  'log',
  'show',
  'blame',
  'annotate',
  'ls-files',
  'ls-tree',
  'ls-remote',
  'rev-parse',
  'rev-list',
  'describe',
  'shortlog',
  'grep',
  'cat-file',
  'help',
  'version',
  'fetch',
  'whatchanged',
  'name-rev',
  'merge-base',
  'check-ignore',
  'check-attr',
  'count-objects',
  'fsck',
  'verify-commit',
  'verify-tag',
  'verify-pack',
  'for-each-ref',
  'show-ref',
  'show-branch',
  'range-diff',
  'difftool',
  'var',
  'archive',
  'bundle',
  'clone',
]);

function gitEffect(cmd: SimpleCommand): 'read' | 'write' {
  const inv = invocation(cmd.argv);
  if (!inv) return 'read';
  const { sub, args } = inv;
  if (READ_SUBCOMMANDS.has(sub)) return 'read';
  const pos = positionals(args);
  switch (sub) {
    case 'branch':
      return pos.length === 0 &&
        !has(
          args,
          '-d',
          '-D',
          '--delete',
          '-m',
          '-M',
          '-c',
          '-C',
          '-u',
          '--set-upstream-to',
          '--unset-upstream',
          '--edit-description',
        )
        ? 'read'
        : 'write';
    case 'tag':
      return pos.length === 0 || has(args, '-l', '--list', '-v', '--verify') ? 'read' : 'write';
    case 'remote':
      return pos.length === 0 || pos[0] === 'show' || pos[0] === 'get-url' ? 'read' : 'write';
    case 'stash':
      return pos[0] === 'list' || pos[0] === 'show' ? 'read' : 'write';
    case 'reflog':
      return pos.length === 0 || pos[0] === 'show' || pos[0] === 'exists' ? 'read' : 'write';
    case 'config':
      return has(args, '--get', '--get-all', '--get-regexp', '-l', '--list') ||
        pos[0] === 'get' ||
        pos[0] === 'list' ||
        (pos.length === 1 && !has(args, '--unset', '--unset-all', '--add', '--replace-all'))
        ? 'read'
        : 'write';
    case 'worktree':
      return pos[0] === 'list' ? 'read' : 'write';
    case 'submodule':
      return pos[0] === 'status' || pos[0] === 'summary' ? 'read' : 'write';
    default:
      return 'write';
  }
}

export const gitPack: Pack = {
  id: 'git',
  commands: ['git', 'bfg'],
  analyze(cmd, ctx) {
    if (cmd.argv[0] === 'bfg') {
      return cmd.argv.length > 1 && !has(cmd.argv, '--help', '-h', '--version')
        ? rewriteHistory('BFG Repo-Cleaner')
        : undefined;
    }
    const out = analyzeGit(cmd, ctx);
    return out.length ? out : undefined;
  },
  effect(cmd) {
    if (cmd.argv[0] === 'bfg') return 'write';
    return gitEffect(cmd);
  },
};
