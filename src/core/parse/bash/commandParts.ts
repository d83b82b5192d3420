// Parts of a simple command read without walking anything: a program named by a glob,
// an array literal's elements, what its redirections write, their operators, and the
// programs a pipe passes data through unchanged in kind.
import { DECLARES, ParseError, parse } from './parser';
import type { List, Redirect as RawRedirect, Word } from './ast';
import { ARRAY_SEP, arrayKey, runtimeValue, UNKNOWN } from '../dynamic';
import { expandWords, type Expanded } from './words';
import { expandGlob } from '../../command/glob';
import type { Redirect, RedirectOp, SimpleCommand } from '../../types';
import { envOf, setVar, type Scope, type Walker } from '../normalize/scope';
import { echoOutput, outputOf, printfOutput, rememberWrite } from '../normalize/output';

export const ARRAY_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=\(/;

/**
 * An arithmetic body that reads as a command line: a name, then an option, a path or another word, inside any
 * number of parentheses (`(((rm -rf x)))` is three subshells to dash).
 */
export const COMMAND_LIKE = /^[\s(]*[A-Za-z_][\w.-]*\s+[-~/.A-Za-z]|;/;

/** Words with the command-name glob replaced by its matches on disk (as written when nothing matches). */
export function commandGlob(words: Expanded[], cwd: string, w: Walker): Expanded[] {
  const first = words[0].value;
  const x = expandGlob(first.startsWith('/') ? first : `${cwd.replace(/\/$/, '')}/${first}`, w.ctx);
  if (!x) return words;
  if ('tooMany' in x) throw new ParseError('too-complex', `the command's name ${first} matches too many files`, 0);
  if (x.matches.length === 0) return words;
  const names = x.matches.map((m) =>
    first.startsWith('/') ? m.path : m.path.slice(cwd.replace(/\/$/, '').length + 1),
  );
  return [...names.map((value) => ({ value, dynamic: false })), ...words.slice(1)];
}

/** Elements of `(a b c)`, or an unknown marker when any is not static. */
export function arrayElements(text: string, lookup: (n: string) => string | undefined, home: string): string {
  const inner = text.replace(/^\(/, '').replace(/\)$/, '');
  try {
    const list = parse(': ' + inner);
    const node = list.length === 1 && list[0].pipelines.length === 1 ? list[0].pipelines[0].commands[0] : undefined;
    if (
      node?.type === 'simple' &&
      node.redirects.length === 0 &&
      node.assignments.length === 0 &&
      node.words.every((x) => x.subs.length === 0)
    ) {
      const values = expandWords(node.words.slice(1), lookup, [], home, true);
      if (values && values.every((v) => !v.dynamic && !/^\[/.test(v.value)))
        return values.map((v) => v.value).join(ARRAY_SEP);
    }
  } catch {
    // An array that cannot be read is unknown.
  }
  // Unknown, but keeping its substitutions' text: `k=($(< .env))` holds what `$(< .env)` reads.
  return inner.includes('$(') && inner.length <= 4096 ? UNKNOWN + inner + UNKNOWN : runtimeValue('array');
}

/**
 * `local a=(x y)`, `declare -A m=()`: a declaration builtin's array arguments set their arrays in the scope, as a
 * bare `a=(x y)` does. The builtin then reads the name alone, a word that keeps the array's substitutions, which run
 * with the command's own (`local a=($(rm -rf ~))` runs `rm`).
 */
export function declaredArrays(
  words: Word[],
  scope: Scope,
  lookup: (n: string) => string | undefined,
  home: string,
): Word[] {
  if (!DECLARES.has(words[0]?.raw ?? '')) return words;
  let out: Word[] | undefined;
  for (let i = 1; i < words.length; i++) {
    const a = words[i];
    if (!ARRAY_ASSIGNMENT.test(a.raw)) continue;
    const eq = a.raw.indexOf('=');
    const name = a.raw.slice(0, eq).replace(/\+$/, '');
    setVar(scope, arrayKey(name), assignedArray(a.raw, scope.vars[arrayKey(name)], lookup, home));
    setVar(scope, name, a.raw.slice(eq + 1));
    out ??= words.slice();
    out[i] = { raw: name, subs: a.subs, quoted: false, start: a.start };
  }
  return out ?? words;
}

/**
 * The elements an array assignment leaves: `a=(x y)` its own, `a+=(z)` those after what `a` held (`before`).
 * An append to an array only known at run time stays unknown.
 */
export function assignedArray(
  raw: string,
  before: string | undefined,
  lookup: (n: string) => string | undefined,
  home: string,
): string {
  const eq = raw.indexOf('=');
  const added = arrayElements(raw.slice(eq + 1), lookup, home);
  if (raw[eq - 1] !== '+' || before === undefined) return added;
  if (before.includes(UNKNOWN) || added.includes(UNKNOWN)) return runtimeValue('array');
  return before === '' ? added : added === '' ? before : before + ARRAY_SEP + added;
}

/** `echo CODE > f`, `cat > f <<EOF`, `printf … >> f`: keep what the file will hold, for readers later on the line. */
export function rememberWrites(cmd: SimpleCommand, redirects: readonly Redirect[], scope: Scope, w: Walker): void {
  for (const r of redirects) {
    if (r.fd !== 1 || (r.op !== '>' && r.op !== '>>' && r.op !== '>|')) continue;
    rememberWrite(w, scope.cwd, r.target, outputOf(cmd, w.ctx), r.op === '>>');
  }
}

/** The redirections that name a file (`2>&1` and `>&-` name none), their targets expanded by `expand`. */
export function fileRedirects(raw: readonly RawRedirect[], expand: (word: Word) => Expanded | undefined): Redirect[] {
  const files: Redirect[] = [];
  for (const r of raw) {
    const target = r.target ? expand(r.target) : undefined;
    const op = redirectOp(r.op);
    if (!target || !op || ((r.op === '>&' || r.op === '<&') && /^\d+$|^-$/.test(target.value))) continue;
    files.push({ op, fd: r.fd ?? (op === '<' ? 0 : 1), target: target.value });
  }
  return files;
}

const MAX_BODY_SOURCES = 32;

/**
 * The files a compound command (`( … ) > f`, `{ …; } >> f`, `done > f`), a
 * function call or a builtin walked in place writes through its own
 * redirections, as a command of no words: what its body prints lands there,
 * text not known before it runs. Its source is the body's commands, so a
 * reader of the write sees what was said.
 */
export function emitOutputRedirects(
  redirects: readonly Redirect[],
  body: readonly SimpleCommand[],
  scope: Scope,
  w: Walker,
  own?: string,
  allPrinted = true,
): void {
  const writes = redirects.filter((r) => r.op !== '<');
  if (!writes.length) return;
  const said = body.slice(0, MAX_BODY_SOURCES).map((c) => c.source);
  if (own) said.push(own);
  const source = `${said.join('; ')} ${writes.map((r) => `${r.op} ${r.target}`).join(' ')}`.trim();
  // A body that only echoes or printfs known words prints known text: the write says it, as `printf '%s' TEXT > F`
  // would, so a reader of the file judges that text (a CI step, a hook) as it judges a plain redirection's.
  const text = allPrinted ? printedText(body) : undefined;
  const argv = text === undefined ? [] : ['printf', '%s', text];
  w.emit({ argv, dynamic: argv.map(() => false), redirects: writes, env: envOf(scope), source }, scope);
}

/** Most commands and characters of a body read for the text it prints. */
const MAX_PRINTING = 64;
const MAX_PRINTED_TEXT = 64 * 1024;

/**
 * What a body prints, when every command in it whose output reaches the
 * redirection is an `echo` or `printf` of known words with no redirection of
 * its own, run here and once; undefined otherwise (a command whose output is
 * not said, a loop over values known only at run time, no command at all).
 * Commands piped on or captured by `$(…)` print nothing there themselves.
 */
function printedText(body: readonly SimpleCommand[]): string | undefined {
  if (!body.length || body.length > MAX_PRINTING) return undefined;
  let text = '';
  for (const c of body) {
    if (c.stdoutTo || c.captured) continue;
    if (c.dynamic.some(Boolean) || c.repeated || c.remote || c.redirects.some((r) => r.op !== '<')) return undefined;
    const printed =
      c.argv[0] === 'echo'
        ? echoOutput(c.argv.slice(1))
        : c.argv[0] === 'printf'
          ? printfOutput(c.argv.slice(1))
          : undefined;
    if (printed === undefined) return undefined;
    text += printed;
    if (text.length > MAX_PRINTED_TEXT) return undefined;
  }
  return text;
}

export function redirectOp(op: string): RedirectOp | undefined {
  switch (op) {
    case '>':
    case '>>':
    case '>|':
    case '&>':
    case '&>>':
    case '<':
    case '<>':
      return op;
    case '>&':
      return '>';
    default:
      return undefined;
  }
}

/** Programs that only transform what flows through them: the data after them is still their input's. */
export const PASS_THROUGH = new Set([
  'gzip',
  'pigz',
  'bzip2',
  'xz',
  'zstd',
  'lz4',
  'brotli',
  'base64',
  'base32',
  'pv',
  'gpg',
  'age',
  'openssl',
  'cat',
  'tee',
  'buffer',
  'mbuffer',
  'split',
]);

/** Line filters: what comes out of them is still drawn from their input's lines (reordered, trimmed, some left out). */
const LINE_FILTERS = new Set([
  ...PASS_THROUGH,
  'sed',
  'gsed',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'awk',
  'gawk',
  'mawk',
  'nawk',
  'cut',
  'tr',
  'sort',
  'uniq',
  'head',
  'tail',
  'tac',
  'column',
  'paste',
  'expand',
  'unexpand',
  'fmt',
  'xargs',
]);

/**
 * Whether a pipeline stage keeps the list its input was (`git tag -l | sed 's/^/x/' | xargs git tag -d` still
 * deletes every tag): a line filter does, unless it provably narrows to names written out, a whole-line literal
 * grep (`grep -Fx v1.0`, `grep -x -e v1 -e v2`).
 */
export function keepsList(argv: readonly string[] | undefined): boolean {
  if (!argv?.length || !LINE_FILTERS.has(argv[0])) return false;
  // `xargs` with a command of its own is a consumer, not a filter.
  if (argv[0] === 'xargs') return argv.length === 1;
  if (!/^(?:e|f)?grep$/.test(argv[0])) return true;
  const flags = argv.slice(1).filter((a) => /^-[A-Za-z]+$/.test(a));
  const whole = flags.some((f) => f.includes('x')) || argv.includes('--line-regexp');
  const inverted = flags.some((f) => f.includes('v')) || argv.includes('--invert-match');
  const fixed = argv[0] === 'fgrep' || flags.some((f) => f.includes('F')) || argv.includes('--fixed-strings');
  const patterns = argv.slice(1).filter((a, k, rest) => !a.startsWith('-') || rest[k - 1] === '-e');
  const literal = patterns.every((p) => fixed || /^[\w./@+-]+$/.test(p));
  return !(whole && !inverted && literal && patterns.length > 0);
}

/**
 * The index of a script's first top-level item that replaces the shell (`exec PROGRAM …`, unconditional, not in the
 * background), or -1: the shell reads nothing after it. A sh head over a program in another language (`'''exec'
 * python3 "$0" "$@"`, as pip writes its launchers) ends there. `exec` with options only runs nothing and the shell goes
 * on, as it does past a failed `exec` under `shopt -s execfail` (`text`, the script, names it): neither ends it.
 */
export function replacesShellAt(list: List, text: string): number {
  if (text.includes('execfail')) return -1;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const only = item.pipelines.length === 1 && item.pipelines[0].commands.length === 1;
    const node = only ? item.pipelines[0].commands[0] : undefined;
    if (item.background || node?.type !== 'simple' || node.words[0]?.raw.replace(/['"]/g, '') !== 'exec') continue;
    const words = node.words.map((w) => w.raw.replace(/['"]/g, ''));
    let k = 1;
    while (k < words.length && words[k].startsWith('-') && words[k] !== '--') k += words[k] === '-a' ? 2 : 1;
    if (words[k] === '--') k++;
    if (k < words.length) return i;
  }
  return -1;
}
