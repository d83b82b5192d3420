// Work that exists nowhere else: uncommitted changes (reset, checkout,
// restore, clean), branches, stashes and the reflog, and history rewrites.
import { optionValue, optionValues, positionals } from '../../command/args';
import type { Finding } from '../../types';
import { discardFinding, has, isBroadPath, isSharedBranch } from '../common/git';
import { GIT_CHECKOUT_VALUE_OPTS } from '../../command/valueOptions';
import { REF_FILTER_VALUE_OPTS } from '../common/gitOptions';
import { isRegenerablePath } from '../../command/regenerable';

export const STASH_FIRST = 'git stash push (the changes stay recoverable with git stash pop)';

export function reset(args: readonly string[]): Finding[] {
  if (!has(args, '--hard')) return [];
  const commit = positionals(args, [])[0] ?? 'HEAD';
  return [
    {
      id: 'git.reset-hard',
      summary: `git reset --hard ${commit} discards every uncommitted change in the working tree and index`,
      target: commit,
      alternative: `${STASH_FIRST}, or git reset --keep ${commit}, which refuses to overwrite local changes`,
      severity: 60,
    },
  ];
}

export function clean(args: readonly string[]): Finding[] {
  if (!has(args, '-f', '--force') || has(args, '-n', '--dry-run')) return [];
  const ignored = has(args, '-x', '-X');
  const dirs = has(args, '-d');
  const paths = positionals(args, ['-e', '--exclude']);
  // `git clean -fdx -- coverage node_modules`: only build outputs named, each below the working folder.
  if (paths.length && paths.every((p) => !/^(?:\/|~|\.\.(?:\/|$))|[*?[$`:]/.test(p) && isRegenerablePath(p))) return [];
  return [
    {
      id: 'git.clean',
      summary: `git clean deletes untracked ${dirs ? 'files and directories' : 'files'}${ignored ? ', including ignored ones (.env, local config, data)' : ''} ${paths.length ? `under ${paths.join(' ')}` : 'in the working tree'}; git cannot bring them back`,
      target: paths.length ? paths.join(' ') : '.',
      alternative: 'git clean -n to see what would go, or git stash push --include-untracked to keep it recoverable',
      severity: ignored ? 65 : dirs ? 60 : 55,
    },
  ];
}

export function branch(args: readonly string[]): Finding[] {
  const names = positionals(args, ['-u', '--set-upstream-to', ...REF_FILTER_VALUE_OPTS, '-t', '--track']);
  const forceDelete = has(args, '-D') || (has(args, '-d', '--delete') && has(args, '-f', '--force'));
  if (forceDelete && names.length) {
    return [
      {
        id: 'git.branch-force-delete',
        summary: `git branch -D deletes ${names.join(', ')} even if its commits are merged nowhere else`,
        target: names.join(' '),
        alternative: `git branch -d ${names.join(' ')} (refuses when the branch holds unmerged work)`,
        severity: 45,
      },
    ];
  }
  if (
    has(args, '-f', '--force') &&
    !has(args, '-d', '--delete', '-m', '-M', '-c', '-C') &&
    names.length >= 1 &&
    isSharedBranch(names[0])
  ) {
    return [
      {
        id: 'git.branch-force-move',
        summary: `git branch -f moves ${names[0]} to another commit; commits only it pointed to are dropped`,
        target: names[0],
        alternative: 'merge or revert instead of moving a shared branch',
        severity: 45,
      },
    ];
  }
  return [];
}

/** Extensions that make a word a file, not a branch (`release/2.0` is a branch, `src/app.ts` a file). */
const LOOKS_LIKE_FILE =
  /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|swift|c|h|cc|cpp|hpp|cs|php|json|ya?ml|toml|ini|md|txt|html?|css|scss|less|sql|sh|lock|env|xml|vue|svelte|gradle|properties|cfg|conf)$/i;

/**
 * `git checkout WORD`: WORD is a branch unless it can only be a path, or (`listed`) it holds the names a lister
 * printed (`$(git diff --name-only)`, listedFiles.ts).
 */
export function checkout(args: readonly string[], listed?: (word: string) => boolean): Finding[] {
  if (has(args, '-p', '--patch')) return []; // interactive, hunk by hunk
  const dashdash = args.indexOf('--');
  const before = positionals(dashdash === -1 ? args : args.slice(0, dashdash), GIT_CHECKOUT_VALUE_OPTS);
  const after = dashdash === -1 ? [] : args.slice(dashdash + 1);
  const creates = has(args, '-b', '-B', '--orphan');
  if (has(args, '-f', '--force') && !creates) {
    return [discardFinding('git.checkout-discard', 'git checkout --force', [], STASH_FIRST)];
  }
  // Creating a branch never touches paths (git refuses both at once).
  if (creates) return [];
  let paths: string[];
  if (dashdash !== -1) paths = after;
  else {
    // Without `--`, the first word is a branch unless it can only be a path; the rest are paths.
    const [first, ...rest] = before;
    paths =
      first !== undefined &&
      (isBroadPath(first) || first.includes('*') || LOOKS_LIKE_FILE.test(first) || listed?.(first) === true)
        ? before
        : rest;
  }
  if (!paths.length) return [];
  return [
    discardFinding(
      'git.checkout-discard',
      'git checkout of paths',
      paths,
      `${STASH_FIRST}, or git diff > backup.patch first`,
    ),
  ];
}

export function switchBranch(args: readonly string[]): Finding[] {
  if (!has(args, '--discard-changes', '-f', '--force')) return [];
  return [discardFinding('git.checkout-discard', 'git switch --discard-changes', [], STASH_FIRST)];
}

export function restore(args: readonly string[]): Finding[] {
  if (has(args, '-p', '--patch')) return [];
  const staged = has(args, '-S', '--staged');
  const worktree = has(args, '-W', '--worktree');
  if (staged && !worktree) return []; // only unstages: the working tree is untouched
  const paths = positionals(args, GIT_CHECKOUT_VALUE_OPTS);
  const fromFile = optionValues(args, ['--pathspec-from-file']);
  if (!paths.length && !fromFile.length) return [];
  return [
    discardFinding(
      'git.restore-discard',
      'git restore',
      paths.length ? paths : fromFile,
      `${STASH_FIRST}, or git restore --staged to only unstage`,
    ),
  ];
}

export function stash(args: readonly string[]): Finding[] {
  const [action, ref] = positionals(args, ['-m', '--message']);
  if (action === 'clear') {
    return [
      {
        id: 'git.stash-drop',
        summary: 'git stash clear deletes every stash; stashed work cannot be recovered',
        target: 'all stashes',
        alternative: 'git stash list, then drop only the entries you mean',
        severity: 60,
      },
    ];
  }
  if (action === 'drop') {
    return [
      {
        id: 'git.stash-drop',
        summary: `git stash drop deletes ${ref ?? 'the latest stash'} and the work saved in it`,
        target: ref ?? 'stash@{0}',
        alternative: 'git stash show -p first, or git stash pop to apply it instead',
        severity: 45,
      },
    ];
  }
  return [];
}

/** `--expire=now` style values that make the reflog forget everything. */
function expiresNow(v: string | undefined): boolean {
  return v !== undefined && v !== 'never' && v !== 'false';
}

export function reflog(args: readonly string[]): Finding[] {
  const action = positionals(args)[0];
  if (
    action === 'expire' &&
    (expiresNow(optionValue(args, ['--expire'])) || expiresNow(optionValue(args, ['--expire-unreachable'])))
  ) {
    return [
      {
        id: 'git.reflog-expire',
        summary:
          'git reflog expire throws away the reflog, the safety net that recovers reset, rebased or deleted commits',
        target: 'reflog',
        alternative: 'leave the reflog to expire on its own (90 days)',
        severity: 60,
      },
    ];
  }
  if (action === 'delete') {
    return [
      {
        id: 'git.reflog-expire',
        summary: 'git reflog delete removes reflog entries used to recover lost commits',
        target: 'reflog',
        severity: 50,
      },
    ];
  }
  return [];
}

export function gc(args: readonly string[], sub: string): Finding[] {
  const prune = optionValue(args, sub === 'prune' ? ['--expire'] : ['--prune']);
  if (
    sub === 'prune'
      ? has(args, '-n', '--dry-run')
      : prune === undefined || prune === 'never' || !/^(?:now|all|0|\d)/.test(prune)
  )
    return [];
  return [
    {
      id: 'git.prune',
      summary: `git ${sub} deletes unreachable commits now, so lost work can no longer be recovered`,
      target: 'repository objects',
      alternative: 'git gc without --prune=now (keeps two weeks of unreachable objects)',
      severity: 50,
    },
  ];
}

export function rewriteHistory(tool: string): Finding[] {
  return [
    {
      id: 'git.rewrite-history',
      summary: `${tool} rewrites every commit of the repository; every clone and open pull request diverges`,
      alternative: 'run it on a fresh mirror clone, after a backup (git clone --mirror)',
      severity: 70,
    },
  ];
}

const FETCH_VALUE_OPTS = [
  '--depth',
  '--deepen',
  '--shallow-since',
  '--shallow-exclude',
  '--upload-pack',
  '-j',
  '--jobs',
  '--negotiation-tip',
  '--server-option',
  '-o',
  '--refmap',
  '--filter',
  '--recurse-submodules-default',
];

/**
 * `git fetch origin '+refs/heads/*:refs/heads/*'` (or `+main:main`, `--force`) moves local
 * branches to the remote's commits whatever they held, and with `--prune` deletes the local
 * branches the remote lacks: unpushed work loses its branch, as with `git branch -D`. An
 * unforced refspec only fast-forwards, and git refuses the rest.
 */
export function fetchIntoBranches(args: readonly string[]): Finding[] {
  const specs = positionals(args, FETCH_VALUE_OPTS).slice(1);
  const forced = has(args, '-f', '--force');
  const prune = has(args, '-p', '--prune');
  for (const spec of specs.slice(0, 64)) {
    const colon = spec.indexOf(':');
    if (colon === -1) continue;
    const dst = spec.slice(colon + 1);
    const branches = dst.startsWith('refs/heads/') || (dst !== '' && !dst.startsWith('refs/'));
    if (!branches || !(forced || spec.startsWith('+') || (prune && dst.includes('*')))) continue;
    return [
      {
        id: 'git.fetch-overwrite-branches',
        summary: `git fetch ${spec} moves local branches to the remote's commits${prune ? ' and deletes those it lacks' : ''}, dropping work only they held`,
        target: dst,
        alternative: 'fetch into remote-tracking refs (git fetch origin) and merge or rebase what you mean to',
        severity: 45,
      },
    ];
  }
  return [];
}
