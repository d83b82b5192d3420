// A noxfile's sessions as nox runs them. A session is the function under
// `@nox.session` (or `@session` imported from nox, with or without arguments);
// nox hands it the Session object as its first parameter, whatever that is
// named (`def wipe(s: nox.Session)`), so `s.run(…)` runs as `session.run(…)`.
// `session.chdir(DIR)` moves the runs after it, within that session, to DIR:
// their relative paths resolve there, not in the workspace.
import { topLevelIndex } from '../codeScan';

/** Bounds: sessions read in one noxfile, chdir calls read in one session, characters of a signature or a call. */
export const MAX_SESSIONS = 64;
export const MAX_CHDIRS = 8;
const MAX_CALL = 2048;

/** The code after one `RECEIVER.chdir(ARG)` up to the next one or the session's end. */
export interface ChdirPart {
  /** The call's argument as written. */
  arg: string;
  text: string;
}

export interface NoxSession {
  receiver: string;
  /** The session's chdir calls in order; undefined past MAX_CHDIRS (the session cannot be followed). */
  chdirs: ChdirPart[] | undefined;
}

const SESSION_DECORATOR = /^[ \t]*@[ \t]*(?:nox[ \t]*\.[ \t]*)?session\b/gm;
// The decorated function is the first `def` after its decorators (a decorator's arguments hold no `def`).
const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(/gm;

/** The line index after the one holding `from`. */
function lineAfter(code: string, from: number): number {
  const nl = code.indexOf('\n', from);
  return nl < 0 ? code.length : nl + 1;
}

/** Where an indented block ends: the first later line with code indented no deeper than `indent`. */
function blockEnd(code: string, from: number, indent: number): number {
  const line = /^([ \t]*)(\S)/gm;
  line.lastIndex = from;
  for (let m = line.exec(code); m; m = line.exec(code)) {
    if (m[2] !== '#' && m[1].length <= indent) return m.index;
  }
  return code.length;
}

/** The chdir calls made on `receiver` in a session's body, each with the code that follows it. */
function chdirParts(body: string, receiver: string): ChdirPart[] | undefined {
  if (!body.includes('chdir')) return [];
  const call = new RegExp(String.raw`\b${receiver}\s*\.\s*chdir\s*\(`, 'g');
  const calls: { arg: string; from: number; at: number }[] = [];
  for (const m of body.matchAll(call)) {
    if (calls.length >= MAX_CHDIRS) return undefined;
    const from = m.index + m[0].length;
    const end = topLevelIndex(body, from, MAX_CALL, (c) => c === ')');
    calls.push({ arg: body.slice(from, end).trim(), from: end, at: m.index });
  }
  return calls.map((c, i) => ({ arg: c.arg, text: body.slice(c.from, calls[i + 1]?.at ?? body.length) }));
}

/** The sessions of a noxfile: each one's receiver and chdir calls; undefined past MAX_SESSIONS. */
export function noxSessions(code: string): NoxSession[] | undefined {
  const sessions: NoxSession[] = [];
  for (const m of code.matchAll(SESSION_DECORATOR)) {
    if (sessions.length >= MAX_SESSIONS) return undefined;
    const from = m.index + m[0].length;
    DEF.lastIndex = from;
    const def = DEF.exec(code);
    if (!def) continue;
    const open = def.index + def[0].length;
    const receiver = /^\s*([A-Za-z_]\w*)/.exec(code.slice(open, open + 256))?.[1];
    if (!receiver) continue;
    // A signature may run over lines (`def wipe(\n    s: nox.Session,\n) -> None:`): the body starts after it.
    const close = topLevelIndex(code, open, MAX_CALL, (c) => c === ')');
    const start = lineAfter(code, close);
    const body = code.slice(start, blockEnd(code, start, def[1].length));
    sessions.push({ receiver, chdirs: chdirParts(body, receiver) });
  }
  return sessions;
}
