// Files the user's shell start-up files source: `. "$HOME/.cargo/env"` (rustup), `source ~/.nvm/nvm.sh`,
// `[ -f ~/.fzf.bash ] && source ~/.fzf.bash`. Each runs in every new shell exactly as ~/.bashrc does, so writing it
// is judged as writing a start-up file. Read only for a touch outside the workspace that no built-in place
// answers, once per reader (a hook call, a batch), and bounded: the first lines of six files.
import { isAncestorOrSelf, type Touch } from '../effects/pathTouch';
import { boundedReadFile } from '../state/fileReads';
import type { AnalysisContext } from '../types';
import { hookScriptHit } from './hookScripts';
import type { GuardPlace } from './index';
import { firstPlaceHit } from './placeIndex';
import { posix } from './pathPatterns';
import { foldCase } from './realPaths';

/**
 * The start-up files of each shell in the order it reads them: a variable one sets (`export NVM_DIR=…` in ~/.profile)
 * is known to those read after it. ~/.profile comes first for zsh too, as a desktop login reads it for every terminal.
 */
const SHELL_FILES = [
  ['.profile', '.bash_profile', '.bashrc'],
  ['.profile', '.zshenv', '.zprofile', '.zshrc'],
];
const MAX_TEXT = 64 * 1024;
const MAX_LINE = 1024;
const MAX_PLACES = 64;
/**
 * `source FILE` or `. FILE` (`\. FILE`, as nvm writes it) at a command's start (the line's, or after `;`, `&&`, `||`,
 * `then`, `{`): FILE the whole shell word, its quoted and bare parts read by sourcedWord. One pass; the word's parts
 * start with different characters, so it never backtracks.
 */
const SOURCE_RE = /(?:^|[;&|{(]|\bthen|\bdo|\belse)\s*(?:source|\\?\.)\s+((?:"[^"`\\]*"|'[^']*'|[^\s"'`;&|()<>\\])+)/g;
/** A path a start-up file can name ahead of running anything: absolute, below `~`, or below a variable. */
const SOURCED_PATH = /^(?:~|\$\{?[A-Za-z_]\w*\}?)?\//;
/** `NAME=VALUE` or `export NAME=VALUE` alone at a line's start, VALUE quoted or bare: a later `. "$NAME/…"` names it. */
const ASSIGN_RE = /^\s*(?:export\s+)?([A-Za-z_]\w*)=(?:"([^"`\\]*)"|'([^'\\]*)'|([^\s"'`;&|()<>\\]*))\s*(?:[;#]|$)/;
const VARIABLE_RE = /\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g;
const MAX_VARIABLES = 32;

/** A word with `~` and the variables known so far put in; undefined when one is left (set elsewhere, or by a command). */
function expand(word: string, vars: ReadonlyMap<string, string>): string | undefined {
  const out = word
    .replace(/^~(?=\/|$)/, vars.get('HOME') ?? '~')
    .replace(VARIABLE_RE, (m, braced?: string, bare?: string) => vars.get(braced ?? bare ?? '') ?? m);
  return out.includes('$') || out.startsWith('~') ? undefined : out;
}

/**
 * A shell word's parts joined (`"$NVM_DIR"/nvm.sh`, `"$D"'/x.sh'`), then expanded; undefined when it names no path
 * the file tells: a `$` in single quotes is no variable, and is left out rather than misread.
 */
function sourcedWord(word: string, vars: ReadonlyMap<string, string>): string | undefined {
  let text = '';
  for (const part of word.match(/"[^"]*"|'[^']*'|[^"']+/g) ?? []) {
    if (part.startsWith("'")) {
      if (part.includes('$')) return undefined;
      text += part.slice(1, -1);
    } else text += part.startsWith('"') ? part.slice(1, -1) : part;
  }
  return SOURCED_PATH.test(text) ? expand(text, vars) : undefined;
}

/** The files one start-up file sources, with the variables set before each `source` line put in (bounded). */
function sourcedBy(text: string, vars: Map<string, string>, fold: boolean): string[] {
  const found = new Set<string>();
  for (const whole of text.slice(0, MAX_TEXT).split('\n')) {
    const line = whole.slice(0, MAX_LINE);
    const assign = line.includes('=') ? ASSIGN_RE.exec(line) : null;
    if (assign) {
      // A value only a command tells (`$(…)`), or one naming an unknown variable, leaves the variable unknown.
      const value = assign[3] ?? expand(assign[2] ?? assign[4] ?? '', vars);
      if (value === undefined || (!vars.has(assign[1]) && vars.size >= MAX_VARIABLES)) vars.delete(assign[1]);
      else vars.set(assign[1], value);
      continue;
    }
    if (!line.includes('source') && !line.includes('.')) continue;
    SOURCE_RE.lastIndex = 0;
    for (let m = SOURCE_RE.exec(line); m && found.size < MAX_PLACES; m = SOURCE_RE.exec(line)) {
      const word = sourcedWord(m[1], vars);
      if (word !== undefined) found.add(fold ? foldCase(posix.normalize(word)) : posix.normalize(word));
    }
  }
  return [...found];
}

/** One scan of a start-up file: kept while its text and the variables the files before it set are the same. */
interface Scan {
  text: string;
  fold: boolean;
  places: string[];
  varsOut: ReadonlyMap<string, string>;
}

/**
 * The last scan of each start-up file, by the variables it started from. Those are the scan of the file before it
 * (the same object while that file's text is unchanged: fileReads.ts keeps the string), or a home's starting
 * variables: keyed by identity, so a request does not serialize them to find its scans.
 */
const scanned = new WeakMap<ReadonlyMap<string, string>, Map<string, Scan>>();
const startVars = new Map<string, ReadonlyMap<string, string>>();
const MAX_HOMES = 8;

function varsAtStart(home: string): ReadonlyMap<string, string> {
  let vars = startVars.get(home);
  if (vars === undefined) {
    if (startVars.size >= MAX_HOMES) startVars.clear();
    vars = new Map([['HOME', home]]);
    startVars.set(home, vars);
  }
  return vars;
}

/** The scan of one start-up file, given the variables the files the shell read before it set. */
function scanOf(file: string, text: string, vars: ReadonlyMap<string, string>, fold: boolean): Scan {
  let byFile = scanned.get(vars);
  if (byFile === undefined) scanned.set(vars, (byFile = new Map()));
  const last = byFile.get(file);
  if (last && last.text === text && last.fold === fold) return last;
  const varsOut = new Map(vars);
  const scan = { text, fold, places: sourcedBy(text, varsOut, fold), varsOut };
  byFile.set(file, scan);
  return scan;
}

/** The files the start-up files of `home` source, as places of kind `shell`. */
function readSourced(ctx: AnalysisContext): GuardPlace[] {
  const found = new Set<string>();
  const fold = ctx.caseInsensitive === true;
  const texts = new Map<string, string | undefined>();
  for (const files of SHELL_FILES) {
    let vars = varsAtStart(ctx.home);
    for (const name of files) {
      const file = posix.join(ctx.home, name);
      if (!texts.has(file)) texts.set(file, ctx.readFile(file, ctx.home));
      const text = texts.get(file);
      if (text === undefined) continue;
      const scan = scanOf(file, text, vars, fold);
      vars = scan.varsOut;
      for (const p of scan.places) if (found.size < MAX_PLACES) found.add(p);
    }
  }
  return [...found].map((p) => ({ path: p, kind: 'shell' as const }));
}

const byReader = new WeakMap<AnalysisContext['readFile'], { home: string; places: GuardPlace[] }>();

function sourcedPlaces(ctx: AnalysisContext): GuardPlace[] {
  // Once per reader, as the hook settings are (hookScripts.ts); with the process-wide default reader each file is
  // looked at each time (it may have changed), and scanned again only when its text did.
  const shared = ctx.readFile === boundedReadFile;
  const known = shared ? undefined : byReader.get(ctx.readFile);
  if (known && known.home === ctx.home) return known.places;
  const places = readSourced(ctx);
  if (!shared) byReader.set(ctx.readFile, { home: ctx.home, places });
  return places;
}

/** The file a shell start-up file sources that a touch outside the workspace reaches. */
export function sourcedStartupHit(t: Touch, ctx: AnalysisContext): GuardPlace | undefined {
  if (t.dir.startsWith('/dev/') || isAncestorOrSelf(ctx.workspace, t.path)) return undefined;
  if (ctx.tempDirs.some((d) => isAncestorOrSelf(d, t.dir)) && !isAncestorOrSelf(ctx.home, t.dir)) return undefined;
  const places = sourcedPlaces(ctx);
  return places.length ? firstPlaceHit(t, places) : undefined;
}

/** A script something runs later that a touch reaches: one the agent hosts' hooks name, or one a start-up file sources. */
export function laterScriptHit(t: Touch, ctx: AnalysisContext): GuardPlace | undefined {
  return hookScriptHit(t, ctx) ?? sourcedStartupHit(t, ctx);
}
