// Parts of a simple command read without walking anything: a program named by a glob,
// an array literal's elements, what its redirections write, and their operators.
import { ParseError, parse } from './parser';
import { ARRAY_SEP, runtimeValue } from '../dynamic';
import { expandWords, type Expanded } from './words';
import { expandGlob } from '../../command/glob';
import type { Redirect, RedirectOp, SimpleCommand } from '../../types';
import { type Scope, type Walker } from '../normalize/scope';
import { outputOf, rememberWrite } from '../normalize/output';

export const ARRAY_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=\(/;

/** An arithmetic body that reads as a command line: a name, then an option, a path or another word. */
export const COMMAND_LIKE = /^\s*[A-Za-z_][\w.-]*\s+[-~/.A-Za-z]|;/;

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
  return runtimeValue('array');
}

/** `echo CODE > f`, `cat > f <<EOF`, `printf … >> f`: keep what the file will hold, for readers later on the line. */
export function rememberWrites(cmd: SimpleCommand, redirects: readonly Redirect[], scope: Scope, w: Walker): void {
  for (const r of redirects) {
    if (r.fd !== 1 || (r.op !== '>' && r.op !== '>>' && r.op !== '>|')) continue;
    rememberWrite(w, scope.cwd, r.target, outputOf(cmd, w.ctx), r.op === '>>');
  }
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
