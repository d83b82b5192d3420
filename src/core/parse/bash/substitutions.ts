// The commands inside a word's substitutions (`$(…)`, `<(…)`, `>(…)`), in a redirection's target and in an unquoted
// heredoc's body: they run while the word is expanded, before the command that holds it, and what one prints is the
// word's value when it is known. walk.ts hands in its own list walker: the walk recurses through here without an
// import cycle.
import type { List, Word } from './ast';
import { ParseError, parse } from './parser';
import { UNKNOWN } from '../dynamic';
import { expandWords, type Expanded, type SubstitutionValues } from './words';
import { child, type Scope, SUBSTITUTION_OUTPUT, type Walker } from '../normalize/scope';
import { outputOf } from '../normalize/output';
import { own } from '../../text/own';

/** What a command reads on stdin from the one before it in a pipeline. */
export interface Piped {
  output: string | undefined;
  argv: string[] | undefined;
}

/** How a substitution's list is walked (the walk's own list walker). */
export type ListWalker = (list: List, scope: Scope, w: Walker, feed?: Piped) => void;

/** What a word without substitutions holds: one shared list, read only (most words have none). */
const NO_SUBS: SubstitutionValues = Object.freeze([]);

/** Runs the commands inside a word's substitutions and returns their static values. */
export function walkWordSubs(
  word: Word,
  scope: Scope,
  w: Walker,
  walkList: ListWalker,
  feed?: Piped,
): SubstitutionValues {
  if (word.subs.length === 0) return NO_SUBS;
  const values: (string | undefined)[] = [];
  for (const sub of word.subs) {
    if (!sub.body) {
      values.push(undefined);
      continue;
    }
    const before = w.out.length;
    const sc: Scope = child(scope, { depth: scope.depth + 1 });
    walkList(sub.body, sc, w, sub.kind === 'process-out' ? feed : undefined);
    for (let k = before; k < w.out.length; k++) {
      w.out[k].stdoutTo ??= [SUBSTITUTION_OUTPUT];
      if (sub.kind === 'command') w.out[k].captured = true;
    }
    if (sub.kind !== 'command') {
      values.push(undefined);
      continue;
    }
    // Only a single pipeline has one output we can know: that of its last command.
    const single = sub.body.length === 1 && sub.body[0].pipelines.length === 1;
    const last = w.out.length > before ? w.out[w.out.length - 1] : undefined;
    const output = single && last ? outputOf(last, w.ctx) : undefined;
    values.push(output === undefined ? undefined : output.replace(/\n+$/, ''));
  }
  return values;
}

/** A redirection's target, its substitutions walked first (a `>(…)` body reads what `feed` says is written there). */
export function walkRedirectTarget(
  word: Word,
  scope: Scope,
  w: Walker,
  walkList: ListWalker,
  lookup: (n: string) => string | undefined,
  home: string,
  feed: Piped = { output: undefined, argv: ['{ … }'] },
): Expanded | undefined {
  const subs = walkWordSubs(word, scope, w, walkList, feed);
  return expandWords([word], lookup, [subs], home)?.[0];
}

/** Unquoted heredocs expand `$VAR` and run `$(…)`: walk those, and expand known variables. */
export function expandHeredoc(body: string, scope: Scope, w: Walker, walkList: ListWalker): string {
  if (!body.includes('$') && !body.includes('`')) return body;
  if (body.includes('$(') || body.includes('`')) {
    // Commands substituted in a heredoc body run: read the body as one double-quoted word and walk its substitutions.
    try {
      const list = parse('"' + body.replace(/"/g, '\\"') + '"');
      const node = list[0]?.pipelines[0]?.commands[0];
      if (node?.type === 'simple' && node.words[0]) walkWordSubs(node.words[0], child(scope), w, walkList);
    } catch (err) {
      // A body that cannot be read as a word is still only data for the command, unless limits were hit.
      if (err instanceof ParseError && err.kind !== 'unparseable') throw err;
    }
  }
  return body.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
    (m, name: string) => own(scope.vars, name)?.split(UNKNOWN).join('') ?? m,
  );
}
