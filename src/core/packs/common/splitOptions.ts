// `rm $X` with X known only at run time: the shell splits an unquoted
// expansion into words, and any of them may be an option (`X='-rf /home/me'`
// set in an earlier call of the same terminal). The delete is then as unknown
// as `rm -rf "$X"`, which asks. Quoted (`rm "$X"`) it stays one word: at worst
// one file, as the design lets through. `"$@"` and `"${A[@]}"` are many words
// however they are quoted. Words after `--` are names, never options. The git
// commands an option makes destructive read it too (`git push $F`: `--force`).
// So do words xargs takes from text nothing read first (`cat "$F" | xargs`).
import type { SimpleCommand } from '../../types';
import { XARGS_INPUT, xargsFreeText } from './listedFiles';

/** An expansion that is always many words: `$@`, `${@}`, `${NAME[@]}` (and `[*]`, `$*` unquoted). */
const MANY_WORDS = /\$(?:@|\{@\}|\{[A-Za-z_]\w*\[[@*]\]\})/;
/** A variable's expansion, not a command's (`$(…)` is judged by what it lists: listedNames.ts). */
const VARIABLE = /\$(?:[A-Za-z_@*\d]|\{)/;
/** Past this much source the scan stops and the words are read as split: an answer that asks. */
const MAX_SOURCE = 4096;

/**
 * Whether the source expands a variable outside quotes (`$X`, `${X}`, `$1`). The parser keeps no quoting in its
 * words (`${X}_old` becomes `$X_old`), so the spelling is read from the source.
 */
function expandsUnquoted(source: string): boolean {
  if (source.length > MAX_SOURCE) return true;
  let quote = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && quote !== "'") {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '$' && VARIABLE.test(source.slice(i, i + 2))) return true;
  }
  return false;
}

/** Whether a word known only at run time may split into options (`-rf`, `--force`) when the shell expands it. */
export function mayHideOptions(cmd: SimpleCommand): boolean {
  const { argv, dynamic } = cmd;
  for (let i = 1; i < argv.length && i < 256; i++) {
    const a = argv[i];
    if (a === '--') return false;
    if (!dynamic[i]) continue;
    if (a.includes(XARGS_INPUT)) {
      if (xargsFreeText(cmd)) return true;
      continue;
    }
    if (!VARIABLE.test(a)) continue;
    if (MANY_WORDS.test(a) || expandsUnquoted(cmd.source)) return true;
  }
  return false;
}
