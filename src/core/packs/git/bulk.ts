// Deletions whose list of victims is "all of them": every tag fed to
// `git tag -d` (`git tag -d $(git tag)`, `git tag -l | xargs git tag -d`,
// `git show-ref --tags | xargs git tag -d`),
// and git-annex told to drop content without checking that another copy
// exists (`git annex drop --force`).
import { positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { has, invocation } from '../common/git';
import { REF_FILTER_VALUE_OPTS } from '../common/gitOptions';

/** Substitution bodies looked at per word. */
const MAX_BODIES = 8;

/** `git tag`, `git tag -l`, `git tag --list --sort=…`: a listing with no pattern prints every tag. */
function listsEveryTag(words: readonly string[]): boolean {
  const inv = words[0] === 'git' ? invocation(words) : undefined;
  // `git for-each-ref --format='%(refname:short)' refs/tags`: every tag by name, as `git tag` prints them.
  if (inv?.sub === 'for-each-ref') {
    const refs = positionals(inv.args, [...REF_FILTER_VALUE_OPTS, '--count']);
    return refs.length > 0 && refs.every((r) => /^refs\/tags\/?$/.test(r));
  }
  // `git show-ref --tags` (or every ref) with no pattern: each tag's line, however it is trimmed before the delete.
  if (inv?.sub === 'show-ref') {
    if (
      has(inv.args, '--verify', '--exists', '--heads', '--branches') ||
      inv.args.some((a) => a.startsWith('--exclude-existing'))
    )
      return false;
    return positionals(inv.args).length === 0;
  }
  if (inv?.sub !== 'tag') return false;
  if (has(inv.args, '-d', '--delete', '-a', '-s', '-m', '-f', '--force')) return false;
  return positionals(inv.args, REF_FILTER_VALUE_OPTS).length === 0;
}

/** The `$(…)` / backtick bodies of a word, by a rough reading (a nested one ends the look). */
function bodiesOf(word: string): string[] {
  const out: string[] = [];
  for (const m of word.matchAll(/\$\(([^()]*)\)|`([^`]*)`/g)) {
    if (out.length >= MAX_BODIES) break;
    out.push(m[1] ?? m[2]);
  }
  return out;
}

export function tagDeleteAll(cmd: SimpleCommand, args: readonly string[]): Finding[] {
  if (!has(args, '-d', '--delete')) return [];
  const fromSubstitution = cmd.argv.some(
    (w, i) =>
      cmd.dynamic[i] && bodiesOf(w).some((b) => b.split('|').some((part) => listsEveryTag(part.trim().split(/\s+/)))),
  );
  // `git tag -l | sed 's/^/x/' | xargs git tag -d`: a line filter between does not hide the listing.
  const feeder = cmd.stdinLister ?? cmd.stdinOrigin ?? cmd.stdinFrom;
  const fromList =
    cmd.repeated === true &&
    feeder !== undefined &&
    cmd.via.some((v) => /^(?:xargs|parallel)\b/.test(v)) &&
    listsEveryTag(feeder);
  if (!fromSubstitution && !fromList) return [];
  return [
    {
      id: 'git.tag-delete-all',
      summary: 'git tag -d deletes every tag of the repository; a tag that was never pushed is gone for good',
      target: 'every tag',
      alternative: 'delete the tags you mean by name, or list a pattern first (git tag -l "PATTERN")',
      severity: 55,
    },
  ];
}

/** `git annex drop --force` skips the check that another copy of the content exists. */
export function annex(args: readonly string[]): Finding[] {
  const verb = positionals(args)[0];
  if ((verb !== 'drop' && verb !== 'dropunused') || !has(args, '--force')) return [];
  return [
    {
      id: 'git.annex-drop-force',
      summary: `git annex ${verb} --force deletes annexed content without checking that a copy exists elsewhere`,
      target: `git annex ${verb}`,
      alternative: `git annex ${verb} without --force (it refuses to drop the last copy)`,
      severity: 55,
    },
  ];
}
