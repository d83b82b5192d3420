// A simple command's redirections: the files it writes or reads, and what it
// reads on stdin (a heredoc, a here-string, a file, or a file opened earlier on
// another descriptor and duplicated onto stdin with `<&N`).
import type { Redirect as RawRedirect, Word } from './ast';
import { expandWords, type Expanded } from './words';
import type { Redirect } from '../../types';
import { arrayKey } from '../dynamic';
import { envOf, lookupIn, type Scope, setVar, type Walker } from '../normalize/scope';
import { isCredentialFile } from '../normalize/output';
import { redirectOp } from './commandParts';
import { own } from '../../text/own';

/** Scope key of the file a descriptor was opened on by `exec N<FILE` (not a variable name: never expanded). */
function fdKey(fd: number): string {
  return arrayKey('fd' + fd);
}

/** Scope key of the next descriptor a `{name}<FILE` redirection is given. */
const NEXT_FD = arrayKey('fd-next');

export interface ReadRedirects {
  redirects: Redirect[];
  stdin: string | undefined;
  /** Descriptors other than stdin this command opens for reading (`3<FILE`, `3<>FILE`), by number. */
  opened: Map<number, string>;
}

/**
 * Reads a simple command's redirections in order. `target` expands a redirect's word (running its substitutions);
 * `heredoc` expands an unquoted heredoc's body. `shellStdin`: the command reads the shell's own stdin (not a pipe).
 */
export function readRedirects(
  raw: readonly RawRedirect[],
  scope: Scope,
  w: Walker,
  stdin: string | undefined,
  target: (word: Word) => Expanded | undefined,
  heredoc: (body: string) => string,
  shellStdin: boolean,
): ReadRedirects {
  const redirects: Redirect[] = [];
  const opened = new Map<number, string>();
  const readInput = (file: string, dynamic: boolean): void => {
    if (dynamic) return;
    const read = { cwd: scope.cwd, env: envOf(scope) };
    // A credential file read on stdin leaves it unknown (readPrintable), whatever an earlier redirect said.
    stdin = isCredentialFile(file, read, w.ctx) ? undefined : (w.ctx.readFile(file, read.cwd) ?? stdin);
  };
  // Whether this command names its own stdin; if not, a file `exec <FILE` gave the shell is what it reads.
  let ownStdin = false;
  // Indexed: run for every command, and until V8 optimizes this (most of a batch) each for…of step allocates.
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const t = r.target ? target(r.target) : undefined;
    if (r.heredoc) {
      stdin = r.heredoc.quotedDelimiter ? r.heredoc.body : heredoc(r.heredoc.body);
      ownStdin = true;
      continue;
    }
    if (r.op === '<<<') {
      stdin = (t?.value ?? '') + '\n';
      ownStdin = true;
      continue;
    }
    if (!t) continue;
    if (r.fdVar) {
      const fd = allocatedDescriptor(r, t, scope);
      if (fd !== undefined) redirects.push({ op: redirectOp(r.op) ?? '<', fd, target: t.value });
      continue;
    }
    if ((r.fd ?? (r.op.startsWith('<') ? 0 : 1)) === 0) ownStdin = true;
    // `<&3`, `0<&3`: stdin becomes the file descriptor 3 was opened on (here, or by an earlier `exec 3<FILE`).
    if (r.op === '<&' && (r.fd ?? 0) === 0 && /^\d+$/.test(t.value)) {
      const fd = Number(t.value);
      const file = opened.get(fd) ?? (fd > 2 ? own(scope.vars, fdKey(fd)) : undefined);
      if (file !== undefined) {
        redirects.push({ op: '<', fd: 0, target: file });
        readInput(file, false);
      }
      continue;
    }
    const op = redirectOp(r.op);
    if (!op) continue; // fd duplication (`2>&1`, `>&2`) writes no file
    if ((r.op === '>&' || r.op === '<&') && /^\d+$|^-$/.test(t.value)) continue;
    const fd = r.fd ?? (op === '<' || op === '<>' ? 0 : 1);
    redirects.push({ op, fd, target: t.value });
    if ((op === '<' || op === '<>') && fd > 2 && !t.dynamic) opened.set(fd, t.value);
    if (op === '<' && fd === 0) readInput(t.value, t.dynamic);
  }
  const shellInput = ownStdin || !shellStdin ? undefined : own(scope.vars, fdKey(0));
  if (shellInput !== undefined) {
    redirects.push({ op: '<', fd: 0, target: shellInput });
    readInput(shellInput, false);
  }
  return { redirects, stdin, opened };
}

/**
 * `{name}<FILE` opens the lowest free descriptor from 10 up and stores its number in `name`; it stays open after the
 * command (bash's default), so a later `<&$name` reads FILE. `{name}<&-` closes the one `name` holds.
 * Returns the number given when a file was opened on it (for the command's list of redirections).
 */
function allocatedDescriptor(r: RawRedirect, t: Expanded, scope: Scope): number | undefined {
  const name = r.fdVar!;
  if ((r.op === '<&' || r.op === '>&') && t.value === '-') {
    const held = own(scope.vars, name);
    if (held !== undefined && /^\d+$/.test(held)) setVar(scope, fdKey(Number(held)), undefined);
    return undefined;
  }
  const next = Number(own(scope.vars, NEXT_FD) ?? 10);
  if (next > 4096) return undefined;
  setVar(scope, NEXT_FD, String(next + 1));
  setVar(scope, name, String(next));
  const copied = r.op === '<&' && /^\d+$/.test(t.value) ? own(scope.vars, fdKey(Number(t.value))) : undefined;
  setVar(scope, fdKey(next), (r.op === '<' || r.op === '<>') && !t.dynamic ? t.value : copied);
  return redirectOp(r.op) && !/^\d+$|^-$/.test(t.value) ? next : undefined;
}

/**
 * `exec 3<FILE` with no command opens the descriptor for the rest of the shell: later `<&3` read FILE.
 * Any other redirection of a descriptor by exec (`exec 3>&-`, `exec 3>out`) forgets what it held.
 */
export function keepExecDescriptors(
  argv: readonly string[],
  read: ReadRedirects,
  raw: readonly RawRedirect[],
  scope: Scope,
): void {
  if (argv.length !== 1 || argv[0] !== 'exec') return;
  for (const r of raw) {
    if (r.fdVar) continue;
    const input = r.op.startsWith('<');
    const fd = r.fd ?? (input ? 0 : 1);
    // `exec <FILE`, `exec 0<&3`: every later command that reads the shell's stdin reads FILE.
    const stdinFile = input && !r.heredoc && r.op !== '<<<' && r.target?.raw !== '-';
    if (fd === 0) setVar(scope, fdKey(0), stdinFile ? lastStdinFile(read.redirects) : undefined);
    if (fd <= 2) continue;
    setVar(scope, fdKey(fd), read.opened.get(fd));
  }
}

function lastStdinFile(redirects: readonly Redirect[]): string | undefined {
  for (let i = redirects.length - 1; i >= 0; i--) {
    const r = redirects[i];
    if (r.fd === 0 && (r.op === '<' || r.op === '<>')) return r.target;
  }
  return undefined;
}

/**
 * `{ curl -d @- URL <&3; } 3<FILE`, `{ …; } < FILE`: a compound command's `N<FILE` is open while its body runs. The scope its body
 * is walked in (the same object when it opens none; a word with a substitution is not read here).
 */
export function compoundScope(raw: readonly RawRedirect[], scope: Scope, home: string): Scope {
  let inner = scope;
  for (const r of raw) {
    const fd = r.fd ?? 0;
    if ((r.op !== '<' && r.op !== '<>') || r.fdVar || fd === 1 || fd === 2 || !r.target || r.target.subs.length)
      continue;
    const t = expandWords([r.target], lookupIn(scope), [[]], home)?.[0];
    if (!t || t.dynamic) continue;
    if (inner === scope) inner = { ...scope };
    // `{ curl -d @- URL; } < FILE`: stdin of the body is FILE for each command in it that reads the shell's stdin.
    setVar(inner, fdKey(fd), t.value);
  }
  return inner;
}
