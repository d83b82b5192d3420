// Where the editor listens for approval requests: one channel per workspace
// folder, so the hook can find the window that shows the folder it works in.
//
// Linux: an abstract-namespace Unix socket. There is no file to unlink,
// replace or pre-bind while the editor runs; the hook verifies who holds it
// (peer.ts). Its name fills the whole of sun_path, because Node up to 20
// binds abstract names padded to that length and later versions bind the
// bare name: only a full-length name is the same address for both.
// macOS: a socket file in the owner-only state directory. Windows: a named
// pipe. There the hook can only check ownership (see docs/security.md).
import { sha256Hex } from '../../core/frontdoor/launch';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readUnixSockets } from '../procfs';

const SUN_PATH_BYTES = 108;

export const ABSTRACT_SOCKETS = process.platform === 'linux';

function folderKey(folder: string): string {
  let resolved = path.resolve(folder);
  // Case-insensitive file systems: the editor and the agent may spell a folder differently.
  if (process.platform === 'win32' || process.platform === 'darwin') resolved = resolved.toLowerCase();
  return sha256Hex(resolved).slice(0, 16);
}

/**
 * The state folder's part of an abstract socket's name, kept for the folder asked last: a hook looks for a
 * channel at every parent of its folder, with one state folder, and each hash by hand costs a short process
 * about a tenth of a millisecond.
 */
let lastScope: { resolved: string; scope: string } | undefined;

function stateScope(resolved: string): string {
  if (lastScope?.resolved !== resolved) lastScope = { resolved, scope: sha256Hex(resolved).slice(0, 16) };
  return lastScope.scope;
}

export function approvalSocketDir(stateDir: string): string {
  return path.join(stateDir, 'approval');
}

export function approvalSocketPath(stateDir: string, folder: string): string {
  if (process.platform === 'win32') {
    const scope = sha256Hex(path.resolve(stateDir).toLowerCase()).slice(0, 8);
    return `\\\\.\\pipe\\agentguard-approval-${scope}-${folderKey(folder)}`;
  }
  if (ABSTRACT_SOCKETS) {
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    const scope = stateScope(path.resolve(stateDir));
    const name = `agentguard-approval-${uid}-${scope}-${folderKey(folder)}-`;
    return '\0' + name.padEnd(SUN_PATH_BYTES - 1, '.');
  }
  return path.join(approvalSocketDir(stateDir), `${folderKey(folder)}.sock`);
}

export function isAbstractSocket(socketPath: string): boolean {
  return socketPath.startsWith('\0');
}

/** The socket as people read it: abstract names as `@name` without their padding. */
export function displaySocket(socketPath: string): string {
  return isAbstractSocket(socketPath) ? '@' + socketPath.slice(1).replace(/-?\.+$/, '') : socketPath;
}

/** The abstract approval channels listening now (`@name`), from /proc/net/unix. */
function listeningAbstract(): Set<string> {
  return new Set(
    readUnixSockets(undefined, 'agentguard-approval-')
      .filter((e) => e.listening && e.path.startsWith('@'))
      .map((e) => e.path),
  );
}

/** Which channels are listening now: abstract ones from /proc/net/unix (read once), others by their file. */
export function listeningChannels(abstract?: Set<string>): (p: string) => boolean {
  let listening = abstract;
  return (p) => {
    if (!isAbstractSocket(p)) return fs.existsSync(p);
    listening ??= listeningAbstract();
    return listening.has('@' + p.slice(1));
  };
}

/**
 * Every listening channel of an editor folder enclosing one of `dirs` (each
 * walked up to the root), nearest first.
 */
export function findApprovalSockets(
  stateDir: string,
  dirs: readonly string[],
  listening?: (p: string) => boolean,
): string[] {
  if (dirs.length === 0) return [];
  let exists = listening;
  if (!exists) {
    // Every channel here is abstract: when none listens (no editor with AgentGuard running), no folder's channel
    // name needs working out (two hashes a folder, for every parent of the workspace).
    const abstract = ABSTRACT_SOCKETS ? listeningAbstract() : undefined;
    if (abstract?.size === 0) return [];
    exists = listeningChannels(abstract);
  }
  const seen = new Set<string>();
  const found: string[] = [];
  for (const start of dirs) {
    let dir = path.resolve(start);
    for (let i = 0; i < 4096; i++) {
      if (!seen.has(dir)) {
        seen.add(dir);
        const socket = approvalSocketPath(stateDir, dir);
        if (exists(socket)) found.push(socket);
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return found;
}

/**
 * The channel of the nearest editor folder enclosing one of `dirs`, or
 * undefined when no editor listens for any.
 */
export function findApprovalSocket(
  stateDir: string,
  dirs: readonly string[],
  listening?: (p: string) => boolean,
): string | undefined {
  return findApprovalSockets(stateDir, dirs, listening)[0];
}

/**
 * Refuses a socket file another user could have planted or replaced: it must
 * be a socket owned by us in a directory only we can write. Abstract sockets
 * have no file; their holder is verified on connect instead. Returns the
 * problem, or undefined when the socket passes.
 */
export function insecureSocketReason(socketPath: string): string | undefined {
  if (process.platform === 'win32' || typeof process.getuid !== 'function' || isAbstractSocket(socketPath))
    return undefined;
  const uid = process.getuid();
  try {
    const st = fs.lstatSync(socketPath);
    if (!st.isSocket()) return `${socketPath} is not a socket`;
    if (st.uid !== uid) return `${socketPath} belongs to another user`;
    const dir = fs.lstatSync(path.dirname(socketPath));
    if (!dir.isDirectory() || dir.uid !== uid) return `${path.dirname(socketPath)} belongs to another user`;
    if ((dir.mode & 0o077) !== 0)
      return `${path.dirname(socketPath)} is open to other users (mode ${(dir.mode & 0o777).toString(8)})`;
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
}
