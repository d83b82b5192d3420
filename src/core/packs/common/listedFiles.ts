// Words known only at run time whose values are what a command prints. Two
// readings need them:
// - names of files: `git checkout $(git diff --name-only)` discards every
//   change, though a lone run-time word after `git checkout` is read as a
//   branch. A lister's names reach a command through a substitution, a loop
//   over one (loopInput.ts spells the loop variable as the substitution) or
//   xargs (`git diff --name-only | xargs git checkout`).
// - free text: `cat "$F" | xargs git push origin` hands on whatever the file
//   holds, `--force` as well as a branch, split into words.
import type { SimpleCommand } from '../../types';
import { has, invocation } from './git';
import { substitutionBodies } from './substitutedFiles';

/** The word xargs leaves for input it cannot read first (parse/wrappers/fanout.ts). */
export const XARGS_INPUT = '$XARGS_INPUT';

/** grep-like tools' options that print file names instead of lines. */
const NAMES_ONLY = ['-l', '-L', '--files-with-matches', '--files-without-match', '--files', '--name-only'];

/** Whether a grep's short options, bundled, hold `l` or `L` (`-rl`, `-Ril`). */
function bundlesNamesOnly(args: readonly string[]): boolean {
  return args.some((a) => /^-[A-Za-z]*[lL][A-Za-z]*$/.test(a));
}

/** Whether a command prints file names, one a line: `git diff --name-only`, `git ls-files`, `find`, `rg -l`. */
export function printsFileNames(argv: readonly string[]): boolean {
  const name = argv[0];
  if (name === 'find' || name === 'gfind' || name === 'fd' || name === 'fdfind' || name === 'ls') return true;
  if (name === 'grep' || name === 'egrep' || name === 'rg' || name === 'ag' || name === 'ack')
    return has(argv, ...NAMES_ONLY) || bundlesNamesOnly(argv.slice(1));
  const inv = name === 'git' ? invocation(argv) : undefined;
  if (!inv) return false;
  switch (inv.sub) {
    case 'ls-files':
      return true;
    case 'diff':
    case 'diff-index':
    case 'diff-files':
    case 'diff-tree':
    case 'show':
    case 'ls-tree':
      return has(inv.args, '--name-only', '--name-status');
    case 'status':
      return has(inv.args, '--porcelain', '-s', '--short') || inv.args.some((a) => a.startsWith('--porcelain='));
    case 'grep':
      return has(inv.args, ...NAMES_ONLY) || bundlesNamesOnly(inv.args.slice(1));
    default:
      return false;
  }
}

/** The first command of a substitution's body (`git diff --name-only` of `$(git diff --name-only | grep ts)`). */
function firstCommand(body: string): string[] {
  const first = body.replace(/\u00a0/g, ' ').split(/[|;&]/)[0] ?? '';
  return first
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^["']|["']$/g, ''));
}

/** The command whose lines xargs hands on, through any line filters between (`git status -s | awk … | xargs`). */
function xargsFeeder(cmd: SimpleCommand): readonly string[] | undefined {
  return cmd.stdinLister ?? cmd.stdinOrigin ?? cmd.stdinFrom;
}

/** Whether a run-time word holds names a lister printed: its substitution's, or xargs's input from one. */
export function holdsListedFiles(word: string, cmd: SimpleCommand): boolean {
  if (word.includes(XARGS_INPUT)) {
    const feeder = xargsFeeder(cmd);
    return feeder !== undefined && printsFileNames(feeder);
  }
  return substitutionBodies(word, 4).some((body) => printsFileNames(firstCommand(body)));
}

/** Programs whose output is a file's text, or a download's: nothing says what words it holds. */
const TEXT_READERS = new Set(['cat', 'tac', 'head', 'tail', 'sort', 'uniq', 'shuf', 'zcat', 'curl', 'wget']);

/**
 * Whether xargs hands the command words from text nothing read first: a file known only at run time or not
 * readable (`cat "$F" |`, `xargs -a "$F"`, `< "$F"`), or a download. Names a command lists are not this.
 */
export function xargsFreeText(cmd: SimpleCommand): boolean {
  if (!cmd.argv.some((w, i) => cmd.dynamic[i] && w.includes(XARGS_INPUT))) return false;
  const feeder = xargsFeeder(cmd);
  return feeder === undefined || TEXT_READERS.has(feeder[0] ?? '');
}
