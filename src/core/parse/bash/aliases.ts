// Aliases the line itself defines (`shopt -s expand_aliases; alias x='rm -rf ~'; x`),
// and those the terminal's shell already holds, expanded where the shell
// expands them: the first word of a command, unquoted, and the next one too
// when an alias ends in a blank. An alias is never expanded inside its own
// expansion. The line is judged as the alias makes it, never by its name.
// (bash expands aliases only in interactive shells or with expand_aliases,
// and not before the next line: expanding them always is the reading that
// misses nothing.)
import type { SimpleNode } from './ast';
import { inChildShell, machineryNameFinding } from '../machinery';
import { ParseError } from '../limits';
import { aliasRename } from './renames';
import { hiddenName, runTimeName } from '../fish/hiddenNames';
import { child, parseFinding, type Scope, type Walker } from '../normalize/scope';

/** An alias name bash accepts: no blanks, quotes, `=`, `/` or expansions. */
const ALIAS_NAME = /^[^\s=/$`'"\\|&;()<>]+$/;
const MAX_ALIASES = 512;
const NONE: ReadonlySet<string> = new Set();

/**
 * `alias NAME=VALUE…`: each definition goes into the scope's table (and, in a lasting shell, its code is judged now).
 * `hashed`: made by `hash -p FILE NAME`, whose remap has its own finding (builtins.ts), not an alias's.
 */
export function defineAliases(argv: readonly string[], scope: Scope, w: Walker, hashed = false): void {
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    // A name known only at run time (`alias "$N=…"`, `alias "$DEF"`) may be a known command's: a later line typing
    // that command runs the value, as with fish's `alias $n …`.
    if (runTimeName(name)) hiddenName('alias', name, scope, w);
    if (eq <= 0) continue;
    if (!ALIAS_NAME.test(name)) {
      // A name the saved state holds and the table does not: looked for after reading (noteUnreadAliases).
      if (w.reading) w.aliasesMissed = true;
      continue;
    }
    const value = a.slice(eq + 1);
    const table = (w.aliases ??= new Map());
    if (table.size >= MAX_ALIASES && !table.has(name)) {
      // An alias past the bound would run as its name: asked about on the line, never quietly unread.
      if (!w.reading) throw new ParseError('too-complex', `more than ${MAX_ALIASES} aliases`, 0);
      w.aliasesMissed = true;
      continue;
    }
    table.set(name, value);
    const machinery = inChildShell(scope.via) ? undefined : machineryNameFinding(name, 'alias');
    if (machinery) w.addFinding(machinery);
    if (!hashed) aliasRename(name, value, scope, w);
    // In a shell that outlives the line (a terminal, an agent's persistent shell) the alias runs on some later
    // line: what it runs is judged now, and a value that cannot be read asks. A child shell's alias ends with it.
    if (!w.reading && value.trim() && !inChildShell(scope.via))
      w.walkText(value, child(scope, { via: [...scope.via, `alias ${name}`], depth: scope.depth + 1 }), true);
  }
}

/** Lines of a terminal's saved state looked through for alias names (`alias -- NAME=…`, one per line). */
const MAX_STATE_LINES = 65_536;

/**
 * After the terminal's saved state was read: the aliases it holds that did not make it into the table (past
 * MAX_ALIASES, or in state too large to read whole). A command that may run one is asked about (unreadAlias).
 * The state is looked through only when its reader said an alias may have missed the table (aliasesMissed):
 * otherwise every alias in it was read, and a terminal's every line would pay for the look.
 */
export function noteUnreadAliases(state: string, w: Walker): void {
  if (!w.aliasesMissed) return;
  const lines = state.split('\n');
  const unread = new Set<string>();
  for (const line of lines.slice(0, MAX_STATE_LINES)) {
    const m = /^alias (?:-- )?((?:\\.|[^\s=\\])+)=/.exec(line);
    const name = m?.[1].replace(/\\(.)/g, '$1');
    if (name && !w.aliases?.has(name)) unread.add(name);
  }
  // Past the lines looked through any command word may be an alias: the empty name stands for all of them.
  if (lines.length > MAX_STATE_LINES) unread.add('');
  if (unread.size) w.unreadAliases = unread;
}

/** A command in alias position that may be one of the shell's aliases left unread: what it runs was not judged. */
function unreadAlias(word: string, w: Walker): void {
  const unread = w.unreadAliases;
  if (!unread || !(unread.has(word) || (unread.has('') && ALIAS_NAME.test(word)))) return;
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${word}\` may be one of this terminal's aliases past the ${MAX_ALIASES} AgentGuard reads from its saved state: what it runs was not judged, so a human must look at it`,
      word,
    ),
  );
}

/** `unalias NAME…`, `unalias -a`. */
export function removeAliases(argv: readonly string[], w: Walker): void {
  if (argv.includes('-a')) w.aliases?.clear();
  else for (const a of argv.slice(1)) w.aliases?.delete(a);
}

/**
 * The command's text with its leading alias (and any chained after an alias
 * that ends in a blank) replaced; undefined when no alias applies. `busy`
 * holds the aliases being expanded, which are not expanded again.
 */
export function aliasExpansion(node: SimpleNode, w: Walker): { text: string; names: string[] } | undefined {
  const table = w.aliases;
  const busy = w.aliasing ?? NONE;
  if ((!table?.size && !w.unreadAliases) || node.words.length === 0) return undefined;
  const names: string[] = [];
  let text = '';
  let cut = node.words[0].start - node.start;
  const head = node.text.slice(0, cut);
  for (let i = 0; i < node.words.length; i++) {
    const word = node.words[i];
    const candidate = word.subs.length === 0 && !word.quoted && !busy.has(word.raw) && !names.includes(word.raw);
    const value = candidate ? table?.get(word.raw) : undefined;
    if (value === undefined) {
      if (candidate) unreadAlias(word.raw, w);
      break;
    }
    names.push(word.raw);
    text += value;
    cut = word.start - node.start + word.raw.length;
    // A value ending in a blank makes the next word a candidate too.
    if (!/[ \t]$/.test(value)) break;
  }
  if (!names.length) return undefined;
  // The saved state's own words read through an alias (`alias alias=…`): its later lines may define none.
  if (w.reading) w.aliasesMissed = true;
  return { text: head + text + node.text.slice(cut), names };
}
