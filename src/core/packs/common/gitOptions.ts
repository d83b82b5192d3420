// git accepts any unambiguous prefix of a long option (gitcli(7): "long
// options can be abbreviated … as long as the abbreviation is unambiguous"):
// `git push --del`, `git reset --har`, `git clean --forc`. Each judgment reads
// full option names, so a command's options are spelled out first, against
// the options of its subcommand (from `git <sub> --git-completion-helper`,
// git 2.39, plus the ones it hides from completion: `--force` of clean,
// checkout, branch, switch and worktree). An ambiguous prefix makes git
// refuse the command, and is left as written.

import { own } from '../../text/own';

/** Options of the ref listings (`git branch`, `git tag -l`, `git for-each-ref`) that filter or format and take a value. */
export const REF_FILTER_VALUE_OPTS: readonly string[] = [
  '--contains',
  '--no-contains',
  '--merged',
  '--no-merged',
  '--points-at',
  '--sort',
  '--format',
];

/** Long options of the subcommands whose options change what is destroyed, without `--` or `no-` forms. */
const LONG_OPTIONS: Record<string, string> = {
  'push':
    'all atomic delete dry-run exec follow-tags force force-if-includes force-with-lease ipv4 ipv6 mirror porcelain progress prune push-option quiet receive-pack recurse-submodules repo set-upstream signed tags verbose verify',
  'reset':
    'hard intent-to-add keep merge mixed patch pathspec-file-nul pathspec-from-file quiet recurse-submodules refresh soft',
  'clean': 'dry-run exclude force interactive quiet',
  'branch':
    'abbrev all color column contains copy create-reflog delete edit-description force format ignore-case list merged move points-at quiet recurse-submodules remotes set-upstream-to show-current sort track unset-upstream verbose',
  'checkout':
    'conflict detach force guess ignore-other-worktrees ignore-skip-worktree-bits merge orphan ours overlay patch pathspec-file-nul pathspec-from-file progress quiet recurse-submodules theirs track',
  'switch':
    'conflict create detach discard-changes force force-create guess ignore-other-worktrees merge orphan progress quiet recurse-submodules track',
  'restore':
    'conflict ignore-skip-worktree-bits ignore-unmerged merge ours overlay patch pathspec-file-nul pathspec-from-file progress quiet recurse-submodules source staged theirs worktree',
  'rebase':
    'abort apply autosquash autostash committer-date-is-author-date continue edit-todo empty exec ff force-rebase fork-point gpg-sign ignore-whitespace interactive keep-base merge onto quiet quit reapply-cherry-picks rebase-merges rerere-autoupdate reschedule-failed-exec reset-author-date root show-current-patch signoff skip stat strategy strategy-option update-refs verbose verify whitespace',
  'tag':
    'annotate cleanup color column contains create-reflog delete edit file force format ignore-case list local-user merged message points-at sign sort verify',
  'gc': 'aggressive cruft keep-largest-pack prune quiet',
  'rm': 'cached dry-run force ignore-unmatch pathspec-file-nul pathspec-from-file quiet recursive sparse',
  'fetch':
    'all append atomic auto-gc auto-maintenance deepen depth dry-run filter force ipv4 ipv6 jobs keep multiple negotiate-only negotiation-tip prefetch progress prune prune-tags quiet recurse-submodules refetch refmap server-option set-upstream shallow-exclude shallow-since show-forced-updates stdin tags unshallow update-head-ok update-shallow upload-pack verbose write-commit-graph write-fetch-head',
  'pull':
    'all allow-unrelated-histories append autostash cleanup commit deepen depth dry-run edit ff ff-only force gpg-sign ipv4 ipv6 jobs keep log negotiation-tip progress prune quiet rebase recurse-submodules refmap server-option set-upstream shallow-exclude shallow-since show-forced-updates signoff squash stat strategy strategy-option tags unshallow update-shallow upload-pack verbose verify verify-signatures',
  'stash': 'all include-untracked index keep-index message patch quiet staged',
  'worktree': 'force',
  'reflog': 'all dry-run expire expire-unreachable rewrite single-worktree stale-fix updateref verbose',
  'commit':
    'ahead-behind all amend author branch cleanup date dry-run edit file fixup gpg-sign include interactive long message null only patch pathspec-file-nul pathspec-from-file porcelain post-rewrite quiet reedit-message reset-author reuse-message short signoff squash status template trailer untracked-files verbose verify',
  'merge':
    'abort allow-unrelated-histories autostash cleanup commit continue edit ff ff-only file gpg-sign into-name log message overwrite-ignore progress quiet quit rerere-autoupdate signoff squash stat strategy strategy-option summary verbose verify verify-signatures',
  'update-ref': 'create-reflog deref stdin',
};

const parsed = new Map<string, readonly string[]>();

function optionsOf(sub: string): readonly string[] | undefined {
  const text = own(LONG_OPTIONS, sub);
  if (text === undefined) return undefined;
  let list = parsed.get(sub);
  if (!list) {
    list = text.split(' ');
    parsed.set(sub, list);
  }
  return list;
}

/** One option as git reads it: the full name when the prefix names exactly one option. */
export function fullOption(sub: string, word: string): string {
  if (!word.startsWith('--') || word.length < 4) return word;
  const options = optionsOf(sub);
  if (!options) return word;
  const eq = word.indexOf('=');
  const name = word.slice(2, eq === -1 ? undefined : eq);
  const value = eq === -1 ? '' : word.slice(eq);
  const negated = name.startsWith('no-');
  const bare = negated ? name.slice(3) : name;
  if (options.includes(bare)) return word;
  const hits = options.filter((o) => o.startsWith(bare));
  // Ambiguous here (`--for`: force, force-with-lease, force-if-includes), an older git may take it for one of them:
  // when one candidate is a prefix of all the others, read it as that one, the strongest reading.
  const root = hits.length > 1 ? hits.find((h) => hits.every((o) => o.startsWith(h))) : undefined;
  if (hits.length !== 1 && !root) return word;
  return `--${negated ? 'no-' : ''}${root ?? hits[0]}${value}`;
}

/** A subcommand's arguments (`args[0]` is the subcommand) with every abbreviated long option spelled out, up to `--`; `args` itself when none is. */
export function expandOptions(sub: string, args: readonly string[]): readonly string[] {
  if (!own(LONG_OPTIONS, sub)) return args;
  let out: string[] | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    const full = fullOption(sub, a);
    if (full !== a) (out ??= [...args])[i] = full;
  }
  return out ?? args;
}
