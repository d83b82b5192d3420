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
// says so (doctor, docs/security.md). With them the check is still worth only
// what the kernel backs: without Yama ptrace_scope 1 any process of the
// developer can drive the real editor, so each approval's record says which
// (`peerProof`, core/launcher/yama.ts).
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

/**
 * The ops whose record says "a human answered in the editor". Not
 * `hooks.record`: `install` sends it from a terminal, and the service reads
 * and judges the hook files itself before it keeps one (serviceHookCheck.ts).
 */
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
 * table: `ss -x` prints each Unix socket bound to `path` (our listener and
 * the connections it accepted: a developer cannot bind there) with its inode,
 * its peer's address and its peer's inode.
 */
export function peerInode(local: number, path: string, ss = ssBinary()): number | undefined {
  if (!ss) return undefined;
  const r = spawnSync(ss, ['-xHn', 'src', path], {
    encoding: 'utf8',
    timeout: SS_TIMEOUT_MS,
    maxBuffer: MAX_SS_BYTES,
    env: { PATH: '/usr/bin:/bin', LANG: 'C' },
  });
  return r.status === 0 && typeof r.stdout === 'string' ? peerInTable(r.stdout, local, path) : undefined;
}

/**
 * The peer inode of `local` in `ss -xHn` output, or undefined unless exactly
 * one line names it. ss prints addresses as they are, newlines included, so a
 * line counts only when it is whole: our path, our inode, a peer address of
 * one word and the peer's inode — and a second such line is a forgery.
 */
export function peerInTable(table: string, local: number, path: string): number | undefined {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`^u_str\\s+\\S+\\s+\\d+\\s+\\d+\\s+${escaped}\\s+(\\d+)\\s+\\S+\\s+(\\d+)\\s*$`);
  const found = table
    .split('\n')
    .map((l) => line.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) === local);
  if (found.length !== 1) return undefined;
  const peer = Number(found[0][2]);
  return Number.isSafeInteger(peer) && peer > 0 ? peer : undefined;
}

/** The processes of `uid` holding the other end of `conn` (on the socket `path`), or why none can be named. */
export function connectionPeers(conn: net.Socket, uid: number, path: string): number[] | string {
  const mine = localInode(conn);
  if (mine === undefined) return 'the service cannot name its end of this connection';
  const theirs = peerInode(mine, path);
  if (theirs === undefined) return 'the kernel names no process at the other end of this connection';
  const holders = findSocketHolders(theirs, uid, { maxProcs: 32_768, max: 8 });
  return holders.length ? holders : `no process of uid ${uid} holds the other end of this connection`;
}

/**
 * Why the process at the other end of `conn` (on developer `uid`'s socket
 * `path`) is not the editor, or undefined when every process holding that
 * end is. Fails closed: a peer not found or not examinable is not the editor.
 */
export function editorPeerProblem(conn: net.Socket, uid: number, path: string): string | undefined {
  const holders = connectionPeers(conn, uid, path);
  if (typeof holders === 'string') return holders;
  for (const pid of holders) {
    const ids = procIds(pid);
    if (!ids || ids.uid !== uid) return `process ${pid} cannot be examined`;
    const problem = editorProcessProblem(pid, { reacher: ids });
    if (problem !== undefined) return problem;
  }
  return undefined;
}
