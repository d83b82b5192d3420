// The files R and Julia one-liners write through their own calls, which
// name the file in another place than open(PATH, "w") does: R's
// `writeLines(text, "F")`, `cat(…, file = "F", append = TRUE)`,
// `download.file(URL, "F")`, `file.copy(A, "F")`; Julia's `write("F", x)`,
// `cp(A, "F")`, `download(URL, "F")`. What lands there is read like any
// other written file (a git hook, a start-up file).
import { topLevelIndex } from './codeScan';

/** Calls read per one-liner; past it the code is no quieter (the caller's bound marks it unread). */
const MAX_CALLS = 64;

interface Target {
  /** The argument's name (`file`, `destfile`, `con`, `to`), when the call names it. */
  named: readonly string[];
  /** Its place among the unnamed arguments, counted from 0. */
  position: number;
  /** A keyword that makes the write an append (`append = TRUE`). */
  appendKey?: string;
  /** A move: where the moved file's name is (`file.rename(from, to)`, Julia's `mv(src, dst)`), removed from there. */
  from?: { named: readonly string[]; position: number };
}

const R_CALLS: Record<string, Target> = {
  writeLines: { named: ['con'], position: 1 },
  write: { named: ['file'], position: 1, appendKey: 'append' },
  cat: { named: ['file'], position: -1, appendKey: 'append' },
  'download.file': { named: ['destfile'], position: 1 },
  'file.copy': { named: ['to'], position: 1 },
  'file.rename': { named: ['to'], position: 1, from: { named: ['from'], position: 0 } },
  'file.symlink': { named: ['to'], position: 1 },
  'file.append': { named: ['file1'], position: 0 },
  sink: { named: ['file'], position: 0, appendKey: 'append' },
  'utils::download.file': { named: ['destfile'], position: 1 },
};

const JULIA_CALLS: Record<string, Target> = {
  write: { named: [], position: 0 },
  cp: { named: [], position: 1 },
  mv: { named: [], position: 1, from: { named: [], position: 0 } },
  symlink: { named: [], position: 1 },
  download: { named: [], position: 1 },
  'Downloads.download': { named: [], position: 1 },
};

const CALL = /(?<![\w.$])((?:utils::)?[A-Za-z][\w.]*)\s*\(/g;

/** The files the code writes through those calls, as `pathOf` reads each argument. */
export function rJuliaWrites(
  language: string,
  code: string,
  pathOf: (expr: string) => string,
): { path: string; append: boolean; from?: string }[] {
  const calls = language === 'r' ? R_CALLS : language === 'julia' ? JULIA_CALLS : undefined;
  if (!calls) return [];
  const out: { path: string; append: boolean; from?: string }[] = [];
  CALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = CALL.exec(code)) && n++ < MAX_CALLS) {
    const target = Object.prototype.hasOwnProperty.call(calls, m[1]) ? calls[m[1]] : undefined;
    if (!target) continue;
    const start = m.index + m[0].length;
    const end = topLevelIndex(code, start, 4096, (c) => c === ')');
    const args = splitTopLevel(code.slice(start, end));
    const unnamed: string[] = [];
    let chosen: string | undefined;
    let from: string | undefined;
    let append = false;
    for (const a of args) {
      const kw = /^([A-Za-z_][\w.]*)\s*=(?!=)\s*([\s\S]*)$/.exec(a);
      if (kw && target.named.includes(kw[1])) chosen = kw[2].trim();
      else if (kw && target.from?.named.includes(kw[1])) from = kw[2].trim();
      else if (kw && kw[1] === target.appendKey) append = /^(?:TRUE|T|true)$/.test(kw[2].trim());
      else if (!kw || language === 'julia') unnamed.push(a);
    }
    // `cat(…)` writes to a file only when `file =` says so; the others take it by place as well.
    chosen ??= target.position >= 0 ? unnamed[target.position] : undefined;
    from ??= target.from ? unnamed[target.from.position] : undefined;
    if (chosen)
      out.push(from ? { path: pathOf(chosen), append, from: pathOf(from) } : { path: pathOf(chosen), append });
  }
  return out;
}

/** Records the writes in a reading, and each move as the `mv` it is (the moved file leaves its place). */
export function readRJuliaWrites(
  language: string,
  code: string,
  pathOf: (expr: string) => string,
  reading: { writes: { path: string; append: boolean }[]; argvs: string[][] },
): void {
  for (const { from, ...w } of rJuliaWrites(language, code, pathOf)) {
    reading.writes.push(w);
    if (from) reading.argvs.push(['mv', from, w.path]);
  }
}

/** The arguments of one call's text, split at its top-level commas (Julia's `;` before keywords too). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 32 && from <= text.length; i++) {
    const end = topLevelIndex(text, from, text.length - from, (c) => c === ',' || c === ';');
    const a = text.slice(from, end).trim();
    if (a) out.push(a);
    if (end >= text.length) break;
    from = end + 1;
  }
  return out;
}
