// Would bash or zsh read another line before running this text? Then Enter
// must not run the first part on its own judgment: the gate keeps the line
// open (a newline in the buffer, or the shell's continuation prompt) and the
// whole is judged when it is complete. Decided by the engine's own parser, so
// what is judged as one is what the engine reads as one.
import { parse } from '../parse/bash/parser';
import { ParseError, type ParseBudget } from '../parse/limits';

/** A backslash at the very end continues the line (an even run is escaped backslashes). */
function endsWithContinuation(text: string): boolean {
  const m = /\\+$/.exec(text);
  return m !== null && m[0].length % 2 === 1;
}

export function awaitsMoreInput(text: string): boolean {
  if (!text.trim()) return false;
  const budget: ParseBudget = { words: 0 };
  try {
    parse(text, budget);
  } catch (err) {
    if (!(err instanceof ParseError) || err.kind !== 'unparseable') return false;
    // A quote, `$(`, backtick or `${` left open: the shell reads on until it closes.
    if (err.message.startsWith('unterminated')) return true;
    // A redirection without its target is a syntax error at the newline, not a continuation.
    if (err.message.startsWith('missing target')) return false;
    // The grammar ran out of input: `if …; then` without `fi`, a trailing `|`, `&&` or `||`.
    return err.position >= text.trimEnd().length;
  }
  return (budget.openHeredocs ?? 0) > 0 || endsWithContinuation(text);
}
