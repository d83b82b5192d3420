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

const SOURCING_FILES = ['.bashrc', '.bash_profile', '.profile', '.zshrc', '.zshenv', '.zprofile'];
const MAX_TEXT = 64 * 1024;
const MAX_LINE = 1024;
const MAX_PLACES = 64;
/**
 * `source FILE` or `. FILE` (`\. FILE`, as nvm writes it) at a command's start (the line's, or after `;`, `&&`, `||`,
 * `then`, `{`), FILE a literal absolute path or one below `~` or a variable, quoted or not. One pass, no nested
 * quantifiers.
 */
const SOURCE_RE =
  /(?:^|[;&|{(]|\bthen|\bdo|\belse)\s*(?:source|\\?\.)\s+["']?((?:~|\$\{?[A-Za-z_]\w*\}?)?\/[^\s"';&|)]+)/g;
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

/** The files one start-up file sources, with the variables it assigns before each `source` line put in (bounded). */
function sourcedBy(text: string, home: string, fold: boolean): string[] {
  const found = new Set<string>();
  const vars = new Map([['HOME', home]]);
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
      const word = expand(m[1], vars);
      if (word !== undefined) found.add(fold ? foldCase(posix.normalize(word)) : posix.normalize(word));
    }
  }
  return [...found];
}

/** The last scan of each start-up file: the text is the same string while the file is unchanged (fileReads.ts). */
const scanned = new Map<string, { text: string; home: string; fold: boolean; places: string[] }>();

/** The files the start-up files of `home` source, as places of kind `shell`. */
function readSourced(ctx: AnalysisContext): GuardPlace[] {
  const found = new Set<string>();
  for (const name of SOURCING_FILES) {
    const file = posix.join(ctx.home, name);
    const text = ctx.readFile(file, ctx.home);
    if (text === undefined) continue;
    const fold = ctx.caseInsensitive === true;
    let last = scanned.get(file);
    if (!last || last.text !== text || last.home !== ctx.home || last.fold !== fold) {
      last = { text, home: ctx.home, fold, places: sourcedBy(text, ctx.home, fold) };
      if (scanned.size >= 4 * SOURCING_FILES.length) scanned.delete(scanned.keys().next().value!);
      scanned.set(file, last);
    }
    for (const p of last.places) if (found.size < MAX_PLACES) found.add(p);
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
