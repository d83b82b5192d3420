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
 * `source FILE` or `. FILE` at a command's start (the line's, or after `;`, `&&`, `||`, `then`, `{`), FILE a literal
 * absolute path or one below `~`/`$HOME`, quoted or not. One pass, no nested quantifiers.
 */
const SOURCE_RE = /(?:^|[;&|{(]|\bthen|\bdo|\belse)\s*(?:source|\.)\s+["']?((?:~|\$HOME|\$\{HOME\})?\/[^\s"';&|)]+)/g;

/** The start-up files' texts, as the reader gives them (undefined for one missing or unreadable). */
function startupTexts(ctx: AnalysisContext): (string | undefined)[] {
  return SOURCING_FILES.map((name) => ctx.readFile(posix.join(ctx.home, name), ctx.home));
}

/** The files the start-up files of `home` source, as places of kind `shell`. */
function readSourced(ctx: AnalysisContext, texts: readonly (string | undefined)[]): GuardPlace[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (text === undefined) continue;
    for (const line of text.slice(0, MAX_TEXT).split('\n')) {
      if (!line.includes('source') && !line.includes('.')) continue;
      SOURCE_RE.lastIndex = 0;
      for (let m = SOURCE_RE.exec(line.slice(0, MAX_LINE)); m; m = SOURCE_RE.exec(line.slice(0, MAX_LINE))) {
        const word = m[1].replace(/^(?:~|\$HOME|\$\{HOME\})(?=\/)/, ctx.home);
        if (!word.includes('$'))
          found.add(ctx.caseInsensitive ? foldCase(posix.normalize(word)) : posix.normalize(word));
        if (found.size >= MAX_PLACES) break;
      }
    }
  }
  return [...found].map((p) => ({ path: p, kind: 'shell' as const }));
}

const byReader = new WeakMap<AnalysisContext['readFile'], { home: string; places: GuardPlace[] }>();

/**
 * What the process-wide default reader last gave and what was found in it. That reader is asked each time (a
 * long-lived judge must see an edit), but it rereads a file only when its size or mtime changed (state/fileReads.ts):
 * the same texts found the same places.
 */
let sharedScan: { home: string; folded: boolean; texts: (string | undefined)[]; places: GuardPlace[] } | undefined;

function sourcedPlaces(ctx: AnalysisContext): GuardPlace[] {
  // Once per reader, as the hook settings are (hookScripts.ts); the process-wide default reader is asked each time.
  if (ctx.readFile !== boundedReadFile) {
    const known = byReader.get(ctx.readFile);
    if (known && known.home === ctx.home) return known.places;
    const places = readSourced(ctx, startupTexts(ctx));
    byReader.set(ctx.readFile, { home: ctx.home, places });
    return places;
  }
  const texts = startupTexts(ctx);
  const folded = ctx.caseInsensitive === true;
  const last = sharedScan;
  if (last && last.home === ctx.home && last.folded === folded && last.texts.every((t, k) => t === texts[k]))
    return last.places;
  const places = readSourced(ctx, texts);
  sharedScan = { home: ctx.home, folded, texts, places };
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
