// Git's plumbing that rewrites what history says or drops objects outright:
// update-ref moving a shared branch, replace refs that make git show other
// commits in place of the real ones, and a repack that deletes the
// unreachable objects its old packs held (the ones a lost commit lives in).
import { positionals } from '../../command/args';
import type { Finding } from '../../types';
import { has, isSharedBranch } from '../common/git';

/** `git update-ref -d REF`, or `git update-ref REF NEWVALUE`: a branch others build on moved to any commit. */
export function updateRef(args: readonly string[]): Finding[] {
  const [ref, to] = positionals(args, ['-m']);
  if (has(args, '-d')) {
    return [
      {
        id: 'git.update-ref-delete',
        summary: `git update-ref -d deletes ref ${ref ?? ''} without any check`.trim(),
        target: ref,
        alternative: 'git branch -d / git tag -d',
        severity: 55,
      },
    ];
  }
  // `--stdin` takes its updates from input: each line may move any ref.
  if (has(args, '--stdin')) {
    return [
      {
        id: 'git.branch-force-move',
        summary: 'git update-ref --stdin moves or deletes the refs its input names, shared branches included',
        target: 'refs',
        alternative: 'git merge or git revert on the branch instead of moving it',
        severity: 45,
      },
    ];
  }
  // A new topic branch, a tag or a remote-tracking ref is nobody's history; a shared branch is.
  if (ref === undefined || to === undefined || !ref.startsWith('refs/heads/') || !isSharedBranch(ref)) return [];
  return [
    {
      id: 'git.branch-force-move',
      summary: `git update-ref moves ${ref} to ${to}; commits only it pointed to are dropped from the branch`,
      target: ref,
      alternative: 'merge or revert instead of moving a shared branch',
      severity: 45,
    },
  ];
}

/** `git replace OBJECT REPLACEMENT`, `--graft`, `--edit`: every git command then shows the replacement instead. */
export function replace(args: readonly string[]): Finding[] {
  if (has(args, '-l', '--list', '-d', '--delete')) return [];
  const objects = positionals(args, ['--format']);
  if (!objects.length && !has(args, '--convert-graft-file')) return [];
  return [
    {
      id: 'git.rewrite-history',
      summary: `git replace makes git show other content in place of ${objects[0] ?? 'grafted commits'}: log, checkout and blame read a history that is not the recorded one`,
      target: objects[0] ?? 'refs/replace',
      alternative: 'git revert or a new commit; git replace -d removes a replacement',
      severity: 55,
    },
  ];
}

/**
 * `git repack -a -d` writes the reachable objects into one pack and deletes the old packs with the
 * unreachable objects in them: a commit only a dropped stash or an expired reflog held is gone at once.
 * `-A` (loosens them for gc's grace period), `--keep-unreachable` and `--cruft` keep them.
 */
export function repack(args: readonly string[]): Finding[] {
  if (!has(args, '-a') || !has(args, '-d')) return [];
  if (has(args, '-A', '-k', '--keep-unreachable', '--cruft')) return [];
  return [
    {
      id: 'git.prune',
      summary: 'git repack -a -d deletes unreachable objects now, so lost commits can no longer be recovered',
      target: 'repository objects',
      alternative: 'git repack -A -d, or git gc (both keep unreachable objects for their grace period)',
      severity: 50,
    },
  ];
}
