// What a loop variable holds when its values are only known at run time: the
// output of the commands its list runs (`for l in $(cat .env)`), or the lines
// a `while read` loop reads from a file or a pipe (`while read l; do …; done
// < .env`, `cat .env | while read l`). The variable stands for that output,
// spelled as a substitution (`$(cat .env)`, `$(< .env)`), so a command in the
// body that sends or resolves it (`dig $l.x.example`) is read as sending what
// the loop read, as `dig $(cat .env).x.example` would be.
import { ARRAY_SEP, arrayKey, UNKNOWN } from '../dynamic';
import type { Expanded } from './words';
import { own } from '../../text/own';
import { setVar, type Scope } from '../normalize/scope';
import { PLACEHOLDER, type ControlNode, type Word } from './ast';

/** List words read for a `for` loop's source; a longer list leaves the variable as it was. */
const MAX_LIST_WORDS = 16;
/** Words that need no quoting when put back into a substitution's text. */
const PLAIN_WORD_RE = /^[\w./~@%+=:,-]+$/;
const ONE_SUBSTITUTION = PLACEHOLDER + '0' + PLACEHOLDER;
const READ_VALUE_OPTS = new Set(['-d', '-n', '-N', '-p', '-t', '-i']);

/**
 * The variable's value: the source as a substitution, its blanks made no-break
 * spaces and its lines `;` — bash would split an unquoted `$l` only between
 * values, not inside the text standing for them, and the readers of `$(…)`
 * bodies still see separate words.
 */
function standingFor(source: string): string {
  return UNKNOWN + '$(' + source.replace(/[ \t]+/g, '\u00a0').replace(/\n+/g, ';') + ')' + UNKNOWN;
}

/** The text of the command a word is nothing but (`$(cat .env)`, `"$(ls)"`, `` `cat f` ``), if it is one. */
function substitutionOnly(word: Word): string | undefined {
  const sub = word.subs.length === 1 ? word.subs[0] : undefined;
  if (sub?.kind !== 'command' || word.raw.replace(/"/g, '') !== ONE_SUBSTITUTION) return undefined;
  return sub.text.trim() || undefined;
}

/**
 * `for l in $(cat .env)`: the value of the loop variable when every word of
 * the list is a command substitution; undefined when any word is something
 * else (a literal or a variable keeps the loop's usual unknown value).
 */
export function forListValue(listWords: readonly Word[]): string | undefined {
  if (listWords.length === 0 || listWords.length > MAX_LIST_WORDS) return undefined;
  const sources: string[] = [];
  for (const word of listWords) {
    const text = substitutionOnly(word);
    if (text === undefined) return undefined;
    sources.push(text);
  }
  return standingFor(sources.join('; '));
}

/**
 * `for f; do …; done` runs over the positional parameters, as `for f in "$@"` does: their values when the scope
 * holds them (inside `sh -c SCRIPT _ ARGS`, a function called with words), else undefined.
 */
export function argumentValues(scope: Scope): Expanded[] | undefined {
  const all = own(scope.vars, arrayKey('@'));
  if (all === undefined || all === '') return undefined;
  return all.split(ARRAY_SEP).map((value) => ({ value, dynamic: value.includes(UNKNOWN) }));
}

/** The names a loop's `read` condition sets, when the condition is that one command reading stdin. */
function readNames(node: ControlNode): string[] | undefined {
  const cond = node.bodies[0];
  const only = cond?.length === 1 && cond[0].pipelines.length === 1 ? cond[0].pipelines[0].commands : undefined;
  const cmd = only?.length === 1 ? only[0] : undefined;
  if (cmd?.type !== 'simple' || cmd.words[0]?.raw !== 'read' || cmd.words.some((w) => w.subs.length > 0))
    return undefined;
  const names: string[] = [];
  for (let i = 1; i < cmd.words.length; i++) {
    const a = cmd.words[i].raw.replace(/['"]/g, '');
    // `read -u 3`: the lines come from another descriptor than the loop's input.
    if (a === '-u' || a.startsWith('-u')) return undefined;
    if (READ_VALUE_OPTS.has(a)) i++;
    else if (!a.startsWith('-') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a)) names.push(a);
  }
  // A bare `read` fills REPLY.
  return names.length ? names : ['REPLY'];
}

/** What a `while read` loop reads: its `<` file, a here-string's substitution, or the command piped into it. */
function loopSource(node: ControlNode, producer: readonly string[] | undefined): string | undefined {
  for (const r of node.redirects) {
    if ((r.fd ?? 0) !== 0 || !r.target) continue;
    if (r.op === '<' && r.target.subs.length === 0) {
      const file = r.target.raw.replace(/['"]/g, '');
      return PLAIN_WORD_RE.test(file) ? '<' + file : undefined;
    }
    if (r.op === '<<<') return substitutionOnly(r.target);
  }
  if (producer?.length && producer.every((w) => PLAIN_WORD_RE.test(w))) return producer.join(' ');
  return undefined;
}

/**
 * The scope a `while read NAME` loop's bodies are walked in: NAME stands for
 * what the loop reads. Other loops, and a source that cannot be spelled back
 * as a command, keep the scope as it is.
 */
export function readLoopScope(node: ControlNode, scope: Scope, producer: readonly string[] | undefined): Scope {
  if (node.keyword !== 'while') return scope;
  const names = readNames(node);
  const source = names && loopSource(node, producer);
  if (!names || !source) return scope;
  const bound: Scope = { ...scope };
  for (const n of names) setVar(bound, n, standingFor(source));
  return bound;
}
