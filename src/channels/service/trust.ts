// Before a hook talks to the AgentGuard service it makes sure the socket is
// the service's: the socket and every folder above it, up to `/`, belong to
// root or the service's user and none can be written by anyone else. Then no
// process of the developer can have planted the socket, renamed a folder
// away or bound a look-alike in its place, and the kernel's permission check
// on connect is what tells the service who is asking. Anything else is a
// socket the hook will not use: the call is blocked with the repair.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldersUp } from '../../core/frontdoor/launch';

export type Trust = { ok: true } | { ok: false; problem: string };

/**
 * `serviceUid`: the service user's uid, or undefined when it is not a local
 * account (then only root may own the path).
 */
export function trustServiceSocket(socketPath: string, serviceUid: number | undefined): Trust {
  if (!path.isAbsolute(socketPath))
    return { ok: false, problem: `the service socket ${socketPath} is not an absolute path` };
  const owners = new Set<number>([0, ...(serviceUid !== undefined ? [serviceUid] : [])]);
  const who = serviceUid !== undefined ? 'root or the service user' : 'root';
  let st: fs.Stats;
  try {
    st = fs.lstatSync(socketPath);
  } catch (err) {
    return {
      ok: false,
      problem: `no service socket at ${socketPath} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    };
  }
  if (!st.isSocket()) return { ok: false, problem: `${socketPath} is not a socket` };
  if (!owners.has(st.uid)) return { ok: false, problem: `${socketPath} belongs to uid ${st.uid}, not ${who}` };
  const up = foldersUp(socketPath);
  if ('problem' in up) return { ok: false, problem: up.problem };
  for (const { dir, st: d } of up.folders) {
    if (d.isSymbolicLink()) return { ok: false, problem: `${dir} is a symbolic link` };
    if (!d.isDirectory()) return { ok: false, problem: `${dir} is not a folder` };
    if (!owners.has(d.uid)) return { ok: false, problem: `${dir} belongs to uid ${d.uid}, not ${who}` };
    // Group- or world-writable lets another account rename what is inside (the sticky bit is not enough: the socket's own folder must be the service's).
    if ((d.mode & 0o022) !== 0)
      return {
        ok: false,
        problem: `${dir} is writable by others than its owner (mode ${(d.mode & 0o7777).toString(8)})`,
      };
  }
  return { ok: true };
}
