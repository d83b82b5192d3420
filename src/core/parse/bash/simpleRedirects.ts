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

export interface ReadRedirects {
  redirects: Redirect[];
  stdin: string | undefined;
  /** Descriptors other than stdin this command opens for reading (`3<FILE`, `3<>FILE`), by number. */
  opened: Map<number, string>;
}

/**
 * Reads a simple command's redirections in order. `target` expands a redirect's word (running its substitutions);
 * `heredoc` expands an unquoted heredoc's body.
 */
export function readRedirects(
  raw: readonly RawRedirect[],
  scope: Scope,
  w: Walker,
  stdin: string | undefined,
  target: (word: Word) => Expanded | undefined,
  heredoc: (body: string) => string,
): ReadRedirects {
  const redirects: Redirect[] = [];
  const opened = new Map<number, string>();
  const readInput = (file: string, dynamic: boolean): void => {
    if (dynamic) return;
    const read = { cwd: scope.cwd, env: envOf(scope) };
    // A credential file read on stdin leaves it unknown (readPrintable), whatever an earlier redirect said.
    stdin = isCredentialFile(file, read, w.ctx) ? undefined : (w.ctx.readFile(file, read.cwd) ?? stdin);
  };
  for (const r of raw) {
    const t = r.target ? target(r.target) : undefined;
    if (r.heredoc) {
      stdin = r.heredoc.quotedDelimiter ? r.heredoc.body : heredoc(r.heredoc.body);
      continue;
    }
    if (r.op === '<<<') {
      stdin = (t?.value ?? '') + '\n';
      continue;
    }
    if (!t) continue;
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
  return { redirects, stdin, opened };
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
    const fd = r.fd;
    if (fd === undefined || fd <= 2) continue;
    setVar(scope, fdKey(fd), read.opened.get(fd));
  }
}

/**
 * `{ curl -d @- URL <&3; } 3<FILE`: a compound command's `N<FILE` is open while its body runs. The scope its body
 * is walked in (the same object when it opens none; a word with a substitution is not read here).
 */
export function compoundScope(raw: readonly RawRedirect[], scope: Scope, home: string): Scope {
  let inner = scope;
  for (const r of raw) {
    if ((r.op !== '<' && r.op !== '<>') || r.fd === undefined || r.fd <= 2 || !r.target || r.target.subs.length)
      continue;
    const t = expandWords([r.target], lookupIn(scope), [[]], home)?.[0];
    if (!t || t.dynamic) continue;
    if (inner === scope) inner = { ...scope };
    setVar(inner, fdKey(r.fd), t.value);
  }
  return inner;
}
