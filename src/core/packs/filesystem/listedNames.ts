// The names a lister hands to a delete: `ls | xargs rm` and `rm $(ls)` delete
// what `ls` prints, which is every file here; `find . -name '*.pyc'` prints
// the compiled files below here. Read as the paths they name, such a delete
// is judged as if it were written out (`rm *`), instead of as a delete of
// names known only at run time.
import { parse as shellQuoteParse } from 'shell-quote';
import { optionValue, positionals } from '../../command/args';

/** The paths a listing command prints, as patterns; undefined when it does not say. */
export function listedNames(from: readonly string[]): string[] | undefined {
  if (from.length === 0) return undefined;
  if (from[0] === 'find') {
    let root = '.';
    for (let i = 1; i < from.length; i++) {
      const a = from[i];
      if (a.startsWith('-') || a === '(' || a === '!') break;
      root = a;
      break;
    }
    const name = optionValue(from, ['-name', '-iname']);
    if (optionValue(from, ['-path', '-ipath', '-regex', '-iregex']) !== undefined && name === undefined)
      return undefined;
    return [`${root.replace(/\/+$/, '') || '/'}/**${name ? '/' + name : ''}`];
  }
  if (from[0] === 'ls') {
    const pos = positionals(from);
    return pos.length ? pos : ['*'];
  }
  if (from[0] === 'echo' || from[0] === 'printf') return positionals(from).filter((w) => !w.includes('%'));
  if (from[0] === 'git' && from[1] === 'ls-files') return gitListed(from.slice(2));
  return undefined;
}

/**
 * `git ls-files` prints the tracked files below here (with `--others`, the untracked ones git does not ignore);
 * `--deleted` prints files that are gone, so deleting them deletes nothing. Other listings (`--stage`, `-z`,
 * `--format`) do not print plain names: unknown.
 */
function gitListed(args: readonly string[]): string[] | undefined {
  const options = args.filter((a) => a.startsWith('-'));
  const plain = new Set([
    '--cached',
    '-c',
    '--others',
    '-o',
    '--exclude-standard',
    '--deleted',
    '-d',
    '--',
    '--full-name',
  ]);
  if (options.some((o) => !plain.has(o))) return undefined;
  if (options.includes('--deleted') || options.includes('-d')) {
    return options.some((o) => o === '--others' || o === '-o' || o === '--cached' || o === '-c') ? undefined : [];
  }
  const paths = args.filter((a) => !a.startsWith('-'));
  return paths.length ? paths.map((p) => (/[*?[]/.test(p) ? `**/${p}` : `${p.replace(/\/+$/, '')}/**`)) : ['./**'];
}

/** Characters that make a substitution more than one plain command (pipes, lists, nested expansions). */
const NOT_PLAIN = /[|;&<>()`$\\\n]/;

/** `$(ls)`, `` `find . -name x` ``: the names that one plain listing command prints; undefined otherwise. */
export function substitutionNames(word: string): string[] | undefined {
  const m = /^\$\((.*)\)$/s.exec(word) ?? /^`(.*)`$/s.exec(word);
  if (!m || NOT_PLAIN.test(m[1])) return undefined;
  const argv: string[] = [];
  for (const t of shellQuoteParse(m[1])) {
    if (typeof t === 'string') argv.push(t);
    else if ('op' in t && t.op === 'glob') argv.push(t.pattern);
    else return undefined;
  }
  return listedNames(argv);
}
