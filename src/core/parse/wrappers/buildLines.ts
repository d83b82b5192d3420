// What the build-tool readers share (projectBuilds.ts, gradleBuilds.ts, mavenBuilds.ts): a workspace script read as
// code in its language, and command lines taken from a build file walked as the tool runs them.
import type { Pending, Scope, Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { emitCodeReading } from './shells';
import { pastBound } from './testFiles';

/** Bounds the command lines taken from one file. */
export const MAX_COMMANDS = 64;

/** Reads `file` as code in `lang`; returns its text ('' when it is missing or past the size bound, which asks). */
export function readScript(
  lang: 'ruby' | 'jvm',
  file: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
): string {
  const text = w.ctx.readFile(file, scope.cwd);
  noteUnreadScript(file, text, scope, w, via);
  if (text === undefined || text.length > MAX_SCRIPT_CHARS) return '';
  emitCodeReading(lang, text, p, scope, w, via);
  return text;
}

/** Walks each command line as one the tool runs, from `cwd`. */
export function walkLines(lines: string[], file: string, scope: Scope, w: Walker, via: string, cwd = scope.cwd): void {
  if (lines.length > MAX_COMMANDS) pastBound(w, via, `command lines in ${file}`);
  const inner: Scope = { ...scope, cwd, via: [...scope.via, `${via} (${file})`], depth: scope.depth + 1 };
  for (const line of lines.slice(0, MAX_COMMANDS)) w.walkText(line, inner, true);
}
