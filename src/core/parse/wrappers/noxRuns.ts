// nox runs a session's commands with `session.run(PROGRAM, *ARGS)` (also
// `run_always`, `run_install`). The code reader reads a program written as a
// string; one given as a starred expression (`session.run(*cmd)`,
// `session.run(*"rm -rf x".split())`) names no program it can see. Its words
// are read where they are literals: a list written out, a literal split on
// white space, a name bound only to those, the line's words after `--`.
// Anything else is a command known only at run time: asked.
//
// The session object is whatever a session's first parameter is named, and a
// `session.chdir(DIR)` moves the runs after it (noxSessions.ts).
import * as path from 'node:path';
import { parseFinding, child, deeper, type Pending, type Scope, type Walker } from '../normalize/scope';
import { splitArgs, pathOf } from '../codePaths';
import { topLevelIndex } from '../codeScan';
import { STRING_LITERAL, valuesOf } from '../codeShellNames';
import { readCode } from '../interpreters';
import { mayAct } from '../codeWords';
import { emitCodeReading } from './shells';
import { MAX_CHDIRS, MAX_SESSIONS, noxSessions, type NoxSession } from './noxSessions';

/** `RECEIVER.run(*…)` for the session objects' names (identifiers, so safe in a pattern). */
const starredRun = (receivers: readonly string[]): RegExp =>
  new RegExp(String.raw`\b(?:${receivers.join('|')})\s*\.\s*(?:run|run_always|run_install)\s*\(\s*(?=\*[^*])`, 'g');
/** Bounds: calls read in one noxfile, characters of one call's arguments. */
const MAX_RUNS = 64;
const MAX_ARGUMENTS = 2048;

/** A plain string literal's text (no f-string, no escape), or undefined. */
function plainString(expr: string): string | undefined {
  const lit = STRING_LITERAL.exec(expr);
  if (!lit || lit[0] !== expr || /^[a-zA-Z]*[fF]/.test(expr) || expr.includes('\\')) return undefined;
  return expr.replace(/^[rRbBuU]*(['"])([\s\S]*)\1$/, '$2');
}

/** The words a starred expression spreads, when they are literals: `[…]`, `"…".split()`, `shlex.split("…")`. */
function literalWords(expr: string): string[] | undefined {
  const list = /^\[([\s\S]*)\]$/.exec(expr);
  if (list) {
    const items = splitArgs(list[1]).filter((a) => a !== '');
    const words = items.map(plainString);
    return items.length < 16 && words.every((x) => x !== undefined) ? (words as string[]) : undefined;
  }
  const split = /^([\s\S]*?)\s*\.\s*split\s*\(\s*(?:(['"]) \2)?\s*\)$/.exec(expr);
  const shlex = /^shlex\s*\.\s*split\s*\(\s*([\s\S]*?)\s*\)$/.exec(expr);
  const text = plainString((split ?? shlex)?.[1] ?? '');
  // shlex reads quotes as the shell does: only text without them splits as white space does.
  if (text === undefined || (shlex && /['"]/.test(text))) return undefined;
  return text.split(/\s+/).filter(Boolean);
}

/** The commands a starred expression may spread: each value of a name, the literal itself, or the line's posargs. */
function starredCommands(expr: string, code: string, p: Pending, receivers: readonly string[]): string[][] | undefined {
  // `session.posargs`: the words after the line's `--` (`nox -s dev -- python x.py`).
  if (receivers.some((r) => expr === `${r}.posargs`)) {
    const at = p.argv.indexOf('--');
    return at < 0 ? [[]] : p.dynamic.slice(at + 1).some(Boolean) ? undefined : [p.argv.slice(at + 1)];
  }
  const own = literalWords(expr);
  if (own) return [own];
  if (!/^[A-Za-z_]\w*$/.test(expr)) return undefined;
  const values = valuesOf(code, expr, 'python');
  const read = values?.map(literalWords);
  return read?.length && read.every((x) => x !== undefined) ? (read as string[][]) : undefined;
}

function tooComplex(w: Walker, summary: string): void {
  w.addFinding(parseFinding('parse.too-complex', 60, `${summary}: it was not read, so a human must look at it`));
}

/** Emits the commands a noxfile's `session.run(*…)` calls run; a starred program known only at run time asks. */
export function readNoxRuns(code: string, p: Pending, scope: Scope, w: Walker, via: string): void {
  if (!code.includes('session')) return;
  const sessions = noxSessions(code);
  if (!sessions) return tooComplex(w, `${via}: more than ${MAX_SESSIONS} nox sessions`);
  const receivers = [...new Set(['session', ...sessions.map((s) => s.receiver)])];
  if (!readStarred(code, code, receivers, p, deeper(scope, [...scope.via, via]), w, via)) return;
  for (const session of sessions) readChdirs(session, code, receivers, p, scope, w, via);
}

/**
 * The code after each `session.chdir(DIR)` read again in DIR (nox's chdir is the process's own: Python's deletes
 * move too). What was read in the workspace stays: a `with` block's runs may be back there. A DIR known only at run
 * time leaves the runs after it with relative paths no one can place: asked.
 */
function readChdirs(
  session: NoxSession,
  code: string,
  receivers: readonly string[],
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
): void {
  const { receiver, chdirs } = session;
  if (!chdirs) return tooComplex(w, `${via}: more than ${MAX_CHDIRS} \`${receiver}.chdir\` calls in one session`);
  const home = scope.vars.HOME ?? w.ctx.home;
  let cwd: string | undefined = scope.cwd;
  for (const part of chdirs) {
    const target = pathOf(part.arg, home);
    const known: boolean = !target.includes('$(') && (cwd !== undefined || path.isAbsolute(target));
    cwd = known ? path.resolve(cwd ?? '/', target) : undefined;
    if (cwd === undefined) {
      if (runsRelative(part.text, receivers, home))
        return tooComplex(
          w,
          `${via}: \`${receiver}.chdir(${part.arg.slice(0, 60)})\` enters a folder known only at run time, and the runs after it name relative paths`,
        );
      continue;
    }
    const at = `${via} in ${cwd}`;
    if (mayAct('python', part.text, true)) emitCodeReading('python', part.text, p, child(scope, { cwd }), w, at);
    if (!readStarred(part.text, code, receivers, p, deeper(scope, [...scope.via, at], scope.remote, cwd), w, at))
      return;
  }
}

/** Whether code runs anything whose words may be relative paths: a program by a relative path, an operand, a shell. */
function runsRelative(text: string, receivers: readonly string[], home: string): boolean {
  if (starredRun(receivers).test(text)) return true;
  const reading = readCode('python', text, home);
  const relative = (a: string, i: number) =>
    i === 0 ? a.includes('/') && !a.startsWith('/') : !a.startsWith('/') && !a.startsWith('-');
  return (
    reading.shell.length > 0 ||
    reading.argvs.some((argv) => argv.some(relative)) ||
    [...reading.deletes, ...reading.writes].some((d) => !d.path.startsWith('/'))
  );
}

/** Emits the commands of the starred runs in `text` (`code`: the whole noxfile, for names); false when one asked. */
function readStarred(
  text: string,
  code: string,
  receivers: readonly string[],
  p: Pending,
  inner: Scope,
  w: Walker,
  via: string,
): boolean {
  const home = inner.vars.HOME ?? w.ctx.home;
  let count = 0;
  for (const m of text.matchAll(starredRun(receivers))) {
    const from = m.index + m[0].length;
    const end = topLevelIndex(text, from, MAX_ARGUMENTS, (c) => c === ')');
    const [first, ...rest] = splitArgs(text.slice(from, end));
    const commands = count++ < MAX_RUNS ? starredCommands(first.slice(1).trim(), code, p, receivers) : undefined;
    if (!commands) {
      tooComplex(w, `${via}: \`session.run(${first.slice(0, 60)})\` runs a command built at run time`);
      return false;
    }
    // Keywords (`external=True`, `env={…}`) are no arguments; the rest are read as the code reader reads them.
    const args = rest.filter((a) => a && !/^\w+\s*=[^=]/.test(a)).map((a) => pathOf(a, home));
    for (const words of commands) {
      const argv = [...words, ...args];
      if (!argv.length) continue;
      const source = `${via}: ${argv.slice(0, 4).join(' ')}`;
      w.emit({ argv, dynamic: argv.map((a) => a.includes('$(')), redirects: [], env: p.env, source }, inner);
    }
  }
  return true;
}
