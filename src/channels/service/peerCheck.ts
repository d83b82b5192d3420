// Who records a human's answer with the service? The developer's socket
// proves only the uid (its folder's mode is the peer check), and any process
// of the developer — anything an agent runs — can connect to it. An approval,
// or a confirmed policy, counts only when the editor recorded it, so on those
// ops the service finds the process at the other end of the connection and
// judges it by content as the approval channel does (channels/editorProcess):
// the editor's binary, started by the editor's main process, both running
// code out of the developer's reach. Node has no SO_PEERCRED: the peer's
// socket comes from the kernel's socket table (sock_diag, through `ss`), its
// holder from /proc/PID/fd — another user's: the kernel lets the service into
// that folder with CAP_DAC_READ_SEARCH, and reads its links, the binary and
// the environment with CAP_SYS_PTRACE; the systemd unit grants the service
// those two for this alone. Without them it cannot tell who recorded, and
// says so (doctor, docs/security.md).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type * as net from 'node:net';
import { editorProcessProblem } from '../editorProcess';
import { findSocketHolders, hasEffectiveCapability, procIds } from '../procfs';

const CAP_DAC_READ_SEARCH = 2;
const CAP_SYS_PTRACE = 19;
const SS = ['/usr/bin/ss', '/bin/ss', '/usr/sbin/ss', '/sbin/ss'];
const SS_TIMEOUT_MS = 3_000;
const MAX_SS_BYTES = 4 * 1024 * 1024;

/** The ops whose record says "a human answered in the editor". */
export const EDITOR_OPS: readonly string[] = ['approval', 'policy.confirm'];

/** Whether this service can see who is at the other end of a developer's connection (Linux, both capabilities, ss). */
export function canCheckPeers(): boolean {
  return (
    process.platform === 'linux' &&
    hasEffectiveCapability(CAP_SYS_PTRACE) &&
    hasEffectiveCapability(CAP_DAC_READ_SEARCH) &&
    ssBinary() !== undefined
  );
}

function ssBinary(): string | undefined {
  return SS.find((p) => fs.existsSync(p));
}

/** The inode of the socket behind this end of `conn` (Unix: the pipe handle's descriptor). */
function localInode(conn: net.Socket): number | undefined {
  const fd = (conn as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) return undefined;
  try {
    const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The inode of the socket connected to ours (`local`), from the kernel's
 * table: `ss -x` prints each connected Unix socket's inode and its peer's
 * as the last field but two and the last field. Only sockets on `path`.
 */
export function peerInode(local: number, path: string, ss = ssBinary()): number | undefined {
  if (!ss) return undefined;
  const r = spawnSync(ss, ['-xHn', 'src', path], {
    encoding: 'utf8',
    timeout: SS_TIMEOUT_MS,
    maxBuffer: MAX_SS_BYTES,
    env: { PATH: '/usr/bin:/bin', LANG: 'C' },
  });
  if (r.status !== 0 || typeof r.stdout !== 'string') return undefined;
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f[f.length - 3] !== String(local)) continue;
    const peer = Number(f[f.length - 1]);
    return Number.isSafeInteger(peer) && peer > 0 ? peer : undefined;
  }
  return undefined;
}

/**
 * Why the process at the other end of `conn` (on developer `uid`'s socket
 * `path`) is not the editor, or undefined when every process holding that
 * end is. Fails closed: a peer not found or not examinable is not the editor.
 */
export function editorPeerProblem(conn: net.Socket, uid: number, path: string): string | undefined {
  const mine = localInode(conn);
  if (mine === undefined) return 'the service cannot name its end of this connection';
  const theirs = peerInode(mine, path);
  if (theirs === undefined) return 'the kernel names no process at the other end of this connection';
  const holders = findSocketHolders(theirs, uid, { maxProcs: 32_768, max: 8 });
  if (holders.length === 0) return `no process of uid ${uid} holds the other end of this connection`;
  for (const pid of holders) {
    const ids = procIds(pid);
    if (!ids || ids.uid !== uid) return `process ${pid} cannot be examined`;
    const problem = editorProcessProblem(pid, { reacher: ids });
    if (problem !== undefined) return problem;
  }
  return undefined;
}
