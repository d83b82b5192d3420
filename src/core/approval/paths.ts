// Where the editor listens for approval requests: one socket per workspace
// folder, inside the state directory (owner-only), so the hook can find the
// window that shows the folder it works in, and no other user can reach it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

function folderKey(folder: string): string {
  let resolved = path.resolve(folder);
  // Case-insensitive file systems: the editor and the agent may spell a folder differently.
  if (process.platform === 'win32' || process.platform === 'darwin') resolved = resolved.toLowerCase();
  return createHash('sha256').update(resolved).digest('hex').slice(0, 16);
}

export function approvalSocketDir(stateDir: string): string {
  return path.join(stateDir, 'approval');
}

export function approvalSocketPath(stateDir: string, folder: string): string {
  if (process.platform === 'win32') {
    const scope = createHash('sha256').update(path.resolve(stateDir).toLowerCase()).digest('hex').slice(0, 8);
    return `\\\\.\\pipe\\agentguard-approval-${scope}-${folderKey(folder)}`;
  }
  return path.join(approvalSocketDir(stateDir), `${folderKey(folder)}.sock`);
}

/**
 * The socket of the nearest editor folder enclosing one of `dirs` (each
 * walked up to the root), or undefined when no editor listens for any.
 */
export function findApprovalSocket(stateDir: string, dirs: readonly string[], exists: (p: string) => boolean = fs.existsSync): string | undefined {
  const seen = new Set<string>();
  for (const start of dirs) {
    let dir = path.resolve(start);
    for (;;) {
      if (!seen.has(dir)) {
        seen.add(dir);
        const socket = approvalSocketPath(stateDir, dir);
        if (exists(socket)) return socket;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/**
 * Refuses a socket another user could have planted or replaced: it must be a
 * socket owned by us in a directory only we can write. Returns the problem,
 * or undefined when the socket is trustworthy.
 */
export function insecureSocketReason(socketPath: string): string | undefined {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  try {
    const st = fs.lstatSync(socketPath);
    if (!st.isSocket()) return `${socketPath} is not a socket`;
    if (st.uid !== uid) return `${socketPath} belongs to another user`;
    const dir = fs.lstatSync(path.dirname(socketPath));
    if (!dir.isDirectory() || dir.uid !== uid) return `${path.dirname(socketPath)} belongs to another user`;
    if ((dir.mode & 0o077) !== 0) return `${path.dirname(socketPath)} is open to other users (mode ${(dir.mode & 0o777).toString(8)})`;
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
}
