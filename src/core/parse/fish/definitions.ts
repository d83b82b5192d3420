// fish's ways to give a name code that runs on a later line, rewritten as the
// bash definition that does the same, so the bash reader judges the code where
// it is defined and asks when a known command's name is given to another
// program (parse/bash/renames.ts):
// - `alias NAME DEFINITION` (fish's own spelling beside `alias NAME=DEFINITION`);
// - `abbr [-a] NAME EXPANSION…`: typing NAME later runs EXPANSION.
// (`functions -c OLD NEW` is judged where the walk meets it, with the functions
// the line defined: laterNames.ts.)
// The code is fish: it is translated to bash like the rest of the line.

import { ParseError } from '../limits';
import { parse } from '../bash/parser';
import { readAbbrArgs } from './abbrArgs';
import { nameMark } from './hiddenNames';

/** How the caller turns one fish word into bash word text, and fish code into bash code. */
export interface FishText {
  word: (text: string) => string;
  code: (source: string) => string;
}

const sq = (t: string): string => `'${t.replace(/'/g, `'\\''`)}'`;

/** A fish word's value when it holds no expansion (quotes and escapes only); undefined otherwise. */
function literal(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return undefined;
      const body = text.slice(i + 1, end);
      // An escaped quote, or `$` inside double quotes: not a plain value.
      if (body.includes('\\') || (c === '"' && body.includes('$'))) return undefined;
      out += body;
      i = end;
    } else if (c === '\\') out += text[++i] ?? '';
    else if (/[$(){}*?~]/.test(c)) return undefined;
    else out += c;
  }
  return out;
}

/** `alias NAME=VALUE` as bash text: VALUE translated from fish when it is literal, kept as words otherwise. */
function bashAlias(name: string, value: readonly string[], t: FishText): string {
  const values = value.map(literal);
  if (values.every((v): v is string => v !== undefined)) return `alias ${sq(`${name}=${t.code(values.join(' '))}`)}`;
  // An expansion in the value: bash sees the same words, and judges what they expand to.
  return `alias ${sq(`${name}=`)}${value.map(t.word).join("' '")}`;
}

/** fish's `alias`: `alias NAME DEFINITION`, `alias NAME=DEFINITION` (with `-s`/`--save`); undefined to keep the words. */
export function fishAlias(args: readonly string[], t: FishText): string | undefined {
  const words = args.filter((a) => a !== '-s' && a !== '--save');
  if (words.length === 0 || words[0].startsWith('-')) return undefined;
  const eq = words[0].indexOf('=');
  const nameWord = eq === -1 ? words[0] : words[0].slice(0, eq);
  const name = literal(nameWord);
  const value = eq === -1 ? words.slice(1) : [words[0].slice(eq + 1), ...words.slice(1)];
  if (!value.length) return undefined;
  // A name not spelled out (`alias (cmd) VALUE`): the value judged under a stand-in, the name's words kept.
  if (name === undefined) return `{ ${bashAlias('fish_alias', value, t)}; ${nameMark('alias', t.word(nameWord))}}`;
  return bashAlias(name, value, t);
}

/** A token of a fish command as the translation reads it: a word, or an operator (a redirection here). */
export interface FishToken {
  kind: 'word' | 'op';
  text: string;
}

/** Redirections that take no file: `2>&1`, `>&-`. */
const NO_TARGET = /&(?:\d+|-)$/;

/**
 * fish's `alias` or `abbr` command as bash text: the definition, then the command's own redirections
 * (`abbr -a x y 2>/dev/null` defines x as much as without them); undefined to keep the words.
 */
export function fishDefinition(head: 'alias' | 'abbr', tokens: readonly FishToken[], t: FishText): string | undefined {
  const args: string[] = [];
  const redirects: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.kind === 'word') args.push(tok.text);
    else {
      const target = !NO_TARGET.test(tok.text) && tokens[i + 1]?.kind === 'word' ? t.word(tokens[++i].text) : '';
      redirects.push(`${tok.text.replace(/\?$/, '')} ${target}`);
    }
  }
  const defined = head === 'abbr' ? fishAbbr(args, t) : fishAlias(args, t);
  return defined === undefined || !redirects.length ? defined : `{ ${defined}; } ${redirects.join(' ')}`;
}

/** A pattern that matches one word only (fish matches it against the whole word): `^ls$`, `gco`. */
const ONE_WORD_PATTERN = /^\^?([A-Za-z0-9_-]{1,64})\$?$/;

/**
 * A piece for `--position anywhere` (`| less`, `rm -rf ~ |`): it lands inside a line, so an operator at either end
 * joins it to the words around it; read with a stand-in command there. Undefined when no reading parses.
 */
function linePiece(code: string): string | undefined {
  for (const piece of [code, `: ${code}`, `${code} :`, `: ${code} :`]) {
    try {
      parse(piece);
      return piece;
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
    }
  }
  return undefined;
}

/**
 * fish's `abbr`: an added abbreviation as the alias that expands the same; ':' for the modes that define nothing.
 * The modes whose name or text the line does not show (`--rename`, `--function`, `--regex`) keep their words too,
 * judged where the walk meets them (laterNames.ts).
 */
export function fishAbbr(args: readonly string[], t: FishText): string {
  const { mode, positional, fn, regex, anywhere } = readAbbrArgs(args);
  // The walk expands the words it keeps: a `(cmd)` among them is judged (laterNames.ts skips what only looks).
  const kept = `abbr ${args.map(t.word).join(' ')}`;
  if (mode !== 'add') return kept;
  // A pattern of one word names that word; any other leaves the names it expands unknown.
  const oneWord = regex === undefined ? undefined : ONE_WORD_PATTERN.exec(literal(regex) ?? '')?.[1];
  if (positional[0] === undefined && oneWord === undefined) return kept;
  const shownName = oneWord ?? literal(positional[0]);
  // A name only known when the line runs (`(cmd)`, `$n`): the expansion is judged under a stand-in name, the words kept.
  const name = shownName ?? 'fish_abbr';
  const unshown = fn !== undefined || (regex !== undefined && oneWord === undefined) || shownName === undefined;
  // `--function F`: F runs when NAME is typed, and what it prints runs after.
  const expansion = fn === undefined ? positional.slice(1) : [fn];
  let alias = expansion.length ? bashAlias(name, expansion, t) : ':';
  if (anywhere && expansion.length) {
    // A piece of a line (`--position anywhere '| less'`) is no command by itself: judged as the middle of one.
    const code = t.code(expansion.map((e) => literal(e) ?? e).join(' '));
    // No reading parses: the alias keeps the text as it is, which the bash reader asks about as unreadable.
    const piece = linePiece(code);
    if (piece !== undefined && piece !== code) alias = `alias ${sq(`${name}=${piece}`)}`;
  }
  return unshown ? `{ ${alias}; ${kept}; }` : alias;
}
