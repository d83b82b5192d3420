// Bazel reads rc files before each call: the workspace's .bazelrc, the home's
// ~/.bazelrc, one named by `--bazelrc=FILE`, and the files they import. A line
// `run --run_under="rm -rf ~/notes"` there (or `common …`, or `run:cfg …` with
// `--config=cfg`) makes a plain `bazel run //:app` run that line before the
// target's program. The agent can write any of those files a moment before, so
// the `--run_under` values they give a call are judged as the command line's.
import * as path from 'node:path';
import { own } from '../text/own';
import type { Scope, Walker } from './normalize/scope';
import { splitWords } from './wrappers/composeFiles';

/** The rc commands whose lines a call takes: run and test take build's, coverage test's; common and always all. */
const TAKES: Readonly<Record<string, readonly string[]>> = {
  run: ['common', 'always', 'build', 'run'],
  test: ['common', 'always', 'build', 'test'],
  coverage: ['common', 'always', 'build', 'test', 'coverage'],
};
/** Bounds the rc files read (imports with them), the lines kept and the configs turned on. */
const MAX_FILES = 8;
const MAX_LINES = 4096;
const MAX_CONFIGS = 32;
/** The configs `--enable_platform_specific_config` turns on: any may be this machine's. */
const PLATFORMS = ['linux', 'macos', 'windows', 'freebsd', 'openbsd'];

interface RcLine {
  command: string;
  config: string | undefined;
  words: string[];
}

/** The line up to an unquoted `#` that starts a word: the rest is a comment. */
function uncommented(line: string): string {
  let quote = '';
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') k++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') k++;
    else if (c === '#' && (k === 0 || /\s/.test(line[k - 1]))) return line.slice(0, k);
  }
  return line;
}

interface Reading {
  lines: RcLine[];
  read: string[];
  unread?: string;
  root: string;
  scope: Scope;
  w: Walker;
}

/**
 * The lines of one rc file, its imports read in place. A file there but not read (too large, not a plain file), a
 * line not split (a quote left open), or imports past the bound: `unread`, so what the call runs is not known.
 */
function readRc(file: string, r: Reading): void {
  if (r.unread || r.read.includes(file)) return;
  if (r.read.length >= MAX_FILES) {
    r.unread = file;
    return;
  }
  const text = r.w.ctx.readFile(file, r.scope.cwd);
  if (text === undefined) {
    // Absent: Bazel skips a try-import and stops at an import, so nothing runs from it.
    if (r.w.ctx.stat?.(file)) r.unread = file;
    return;
  }
  r.read.push(file);
  for (const raw of text.replace(/\\\r?\n/g, '').split(/\r?\n/)) {
    const words = splitWords(uncommented(raw));
    if (words === undefined || r.lines.length >= MAX_LINES) {
      r.unread = file;
      return;
    }
    if (!words.length) continue;
    if (words[0] === 'import' || words[0] === 'try-import') {
      const named = (words[1] ?? '').replace(/%workspace%/g, r.root);
      if (named) readRc(path.resolve(r.scope.cwd, named), r);
      if (r.unread) return;
      continue;
    }
    const colon = words[0].indexOf(':');
    r.lines.push({
      command: colon === -1 ? words[0] : words[0].slice(0, colon),
      config: colon === -1 ? undefined : words[0].slice(colon + 1),
      words: words.slice(1),
    });
  }
}

/** Every value of `--NAME=VALUE` or `--NAME VALUE` among the words, in order. */
function values(words: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === name && i + 1 < words.length) out.push(words[++i]);
    else if (words[i].startsWith(name + '=')) out.push(words[i].slice(name.length + 1));
  }
  return out;
}

/**
 * The `--run_under` values the rc files give `bazel VERB` (run, test or coverage) called with `argv` (the verb at
 * `v`), in the order read; `unread` names an rc file that is there but could not be read whole.
 */
export function rcRunUnders(
  argv: readonly string[],
  v: number,
  root: string,
  scope: Scope,
  w: Walker,
): { values: string[]; unread?: string } {
  const takes = TAKES[argv[v]];
  if (!takes) return { values: [] };
  const r: Reading = { lines: [], read: [], root, scope, w };
  const startup = argv.slice(1, v);
  const home = own(scope.vars, 'HOME') ?? w.ctx.home;
  const files = [path.join(root, '.bazelrc'), path.join(home, '.bazelrc')];
  files.push(...values(startup, '--bazelrc').filter((f) => f !== '/dev/null'));
  for (const f of files) readRc(path.resolve(scope.cwd, f), r);
  const lines = r.lines.filter((l) => takes.includes(l.command));
  // The cheap gate: most rc files set no --run_under, and then configs need not be followed.
  if (!lines.some((l) => l.words.some((x) => x.startsWith('--run_under')))) return { values: [], unread: r.unread };
  // The configs the call turns on, and those their lines turn on in turn (bounded: each round adds one at least).
  const on = new Set(values(argv.slice(v + 1), '--config'));
  for (let round = 0; round <= MAX_CONFIGS; round++) {
    const before = on.size;
    for (const l of lines) {
      if (l.config !== undefined && !on.has(l.config)) continue;
      for (const c of values(l.words, '--config')) on.add(c);
      if (l.words.some((x) => /^--enable_platform_specific_config(?:=(?:true|1|yes))?$/.test(x)))
        for (const p of PLATFORMS) on.add(p);
    }
    if (on.size === before) break;
    if (on.size > MAX_CONFIGS) return { values: [], unread: r.unread ?? path.join(root, '.bazelrc') };
  }
  const found = lines
    .filter((l) => l.config === undefined || on.has(l.config))
    .flatMap((l) => values(l.words, '--run_under'));
  return { values: found, unread: r.unread };
}
