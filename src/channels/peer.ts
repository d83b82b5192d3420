// Is the process that answers on the approval channel the editor's extension
// host, or something an agent started? Linux only (abstract sockets, /proc).
//
// V1: the pid the server claims in its hello holds the listening socket of
//     our abstract name.
// V2: that process is an ancestor of the hook (the extension host ran the
//     agent, as Copilot's does), or it is a child of an ancestor Q of the hook
//     that runs the same binary, is not init, and is in another session than
//     the hook; and the hook descends from Q through a child of Q that runs
//     that binary too (the editor's pty host), stays in Q's session and leads
//     none, and below which — before the hook itself — a process leads a new
//     session (the terminal's shell, which the pty host starts in one). The
//     editor's main (or server) process is an ancestor of every process the
//     editor runs — terminal shells via the pty host, agent extensions via
//     the extension host — and the extension host is its child running the
//     same binary. A process the agent starts is a child of the agent or an
//     orphan adopted by init or a subreaper (another binary). The agent may be
//     the hook's host itself, and a host may start its hook in a session of
//     its own (detached): then Q would be the agent, and the way down from it
//     is the hook itself or a process of the agent's own, with no terminal
//     between — so the check never rests on the hook sharing the agent's
//     session.
//
// V0 (before both): the process runs the editor's own binary — one an
//     extension host of this state folder recorded at activation, by the
//     inode it runs or its content — and so does its parent (the editor's
//     main process or server). A listener an agent starts on a binary of its
//     own (a planted `node` that runs the CLI as its child) fails here,
//     however it sits in the process tree. No record: no trust.
//     The record is a file of the developer's: where a managed policy is in
//     force, a recorded binary counts only when the file the process runs is
//     out of the developer's reach (owned by another user, in folders they
//     cannot write: core/launcher/reach), so a binary any process of theirs
//     wrote and recorded is never the editor. Without one, the record rests
//     on the host sandboxes' deny-write lists and on judgment.
import {
  currentReacher,
  managedPolicyPresent,
  readEditorBinaries,
  accountHome,
  confirmedStateDir,
  type EditorBinary,
} from '../core/frontdoor/launch';
import { editorProcessProblem } from './editorProcess';
import {
  holdsAnySocket,
  holdsSocket,
  procAbstractPath,
  procExe,
  procReader,
  procStat,
  readUnixSockets,
  type ProcReader,
  type UnixSocketEntry,
} from './procfs';
import { debuggersClosed } from './debuggers';

const MAX_ANCESTORS = 128;

export interface PeerCheck {
  ok: boolean;
  /** Why the peer is not trusted (set when !ok). */
  reason?: string;
  /** How the peer was trusted. */
  via?: 'ancestor' | 'sibling-of-ancestor-chain';
  /** The processes the trust rests on (set when ok): the peer, its parent, and the way down to the hook. */
  pids?: number[];
}

/**
 * The hook's ancestors, nearest first, starting with itself; each with its
 * session id and parent. With `upTo`, the walk ends at the first of those
 * processes it reaches (included): nothing above it is asked about.
 */
export function ancestry(
  self = process.pid,
  opts: { proc?: ProcReader; upTo?: ReadonlySet<number> } = {},
): Map<number, { session: number; ppid: number }> {
  const proc = opts.proc ?? procReader();
  const chain = new Map<number, { session: number; ppid: number }>();
  let pid = self;
  for (let i = 0; i < MAX_ANCESTORS && pid > 0; i++) {
    const st = proc.stat(pid);
    if (!st || chain.has(pid)) break;
    chain.set(pid, st);
    if (opts.upTo?.has(pid)) break;
    pid = st.ppid;
  }
  return chain;
}

/** Is there a session leader strictly between the hook (`self`) and its ancestor `top`? */
function terminalBelow(
  chain: ReadonlyMap<number, { session: number; ppid: number }>,
  self: number,
  top: number,
): boolean {
  let pid = chain.get(self)?.ppid;
  for (let i = 0; pid !== undefined && pid !== top && i < MAX_ANCESTORS; i++) {
    const e = chain.get(pid);
    if (!e) return false;
    if (e.session === pid) return true;
    pid = e.ppid;
  }
  return false;
}

export function verifyApprovalPeer(
  peerPid: number,
  socketPath: string,
  opts: {
    self?: number;
    sockets?: readonly UnixSocketEntry[];
    fdHint?: number;
    editorBinaries?: readonly EditorBinary[];
    /** The state folder the editor recorded its binary in (default: the one this process's environment confirms). */
    stateDir?: string;
    /** Whether the editor's binary must be out of the developer's reach (default: a managed policy is in force). */
    binaryOutOfReach?: boolean;
  } = {},
): PeerCheck {
  if (!Number.isSafeInteger(peerPid) || peerPid <= 1)
    return { ok: false, reason: `the editor's hello named no valid process (${peerPid})` };
  const self = opts.self ?? process.pid;
  const want = procAbstractPath(socketPath);
  const listeners = (opts.sockets ?? readUnixSockets(undefined, want)).filter((e) => e.listening && e.path === want);
  if (listeners.length !== 1)
    return { ok: false, reason: `found ${listeners.length} listeners for the approval channel` };
  if (!holdsSocket(peerPid, listeners[0].inode, undefined, opts.fdHint))
    return { ok: false, reason: `process ${peerPid} does not hold the approval channel it claims` };
  const binaries =
    opts.editorBinaries ?? readEditorBinaries(opts.stateDir ?? confirmedStateDir(process.env, accountHome()).dir);
  if (binaries.length === 0)
    return {
      ok: false,
      reason: "no editor recorded its binary in the state folder, so no answer can be trusted as the editor's",
    };
  // Each process the check asks about is read once (the peer's stat served three questions, read by each).
  const proc = procReader();
  const notEditor = editorProcessProblem(peerPid, {
    binaries,
    proc,
    ...((opts.binaryOutOfReach ?? managedPolicyPresent())
      ? { reacher: currentReacher() ?? 'the user this hook runs as is unknown' }
      : {}),
  });
  if (notEditor !== undefined) return { ok: false, reason: notEditor };

  const peer = proc.stat(peerPid);
  if (!peer) return { ok: false, reason: `process ${peerPid} vanished` };
  // Up to the peer (an ancestor) or its parent Q, whichever comes first: the peer, a child of Q, is reached before Q
  // when it is an ancestor, and every question below is about the way from the hook up to one of them.
  const chain = ancestry(self, { proc, upTo: new Set([peerPid, peer.ppid]) });
  // The extension host and the editor's main process (or server) that started it: what the trust rests on.
  if (chain.has(peerPid)) return { ok: true, via: 'ancestor', pids: [peerPid, peer.ppid] };
  const q = peer.ppid;
  if (q <= 1)
    return { ok: false, reason: `process ${peerPid} was adopted by init, as a process left behind by an agent is` };
  const qEntry = chain.get(q);
  if (qEntry === undefined)
    return { ok: false, reason: `process ${peerPid} is neither an ancestor of this hook nor a child of one` };
  if (qEntry.session === chain.get(self)?.session)
    return {
      ok: false,
      reason: `process ${peerPid} is a child of ${q}, which is in this hook's own session (as an agent is)`,
    };
  const exe = proc.exe(peerPid);
  const qExe = proc.exe(q);
  if (!exe || exe !== qExe)
    return {
      ok: false,
      reason: `process ${peerPid} runs ${exe ?? 'an unknown binary'}, not the binary of its parent ${q} (${qExe ?? 'unknown'})`,
    };
  // The hook's own way down from Q must start in the editor too (its pty host runs the editor's binary):
  // a process started by whatever launched the editor is a child of an ancestor, but not of the editor.
  const via = [...chain].find(([, e]) => e.ppid === q)?.[0];
  const viaExe = via === undefined ? undefined : proc.exe(via);
  if (viaExe !== qExe)
    return {
      ok: false,
      reason: `process ${peerPid} is a child of ${q}, but this hook descends from ${q} through ${via ?? 'nothing'} (${viaExe ?? 'unknown'}), not through the editor`,
    };
  // The way down from Q is the editor's pty host, not a process started for the hook: it stays in Q's session (leading none).
  if (chain.get(via!)!.session !== qEntry.session)
    return {
      ok: false,
      reason: `process ${peerPid} is a child of ${q}, and this hook comes from ${q} through ${via}, which left ${q}'s session: not through a terminal of the editor`,
    };
  // Between that process and the hook, a terminal: a process that leads a session of its own (not the hook itself).
  if (!terminalBelow(chain, self, via!))
    return {
      ok: false,
      reason: `process ${peerPid} is a child of ${q}, but no terminal lies between ${via} and this hook: ${q} started it ${via === self ? 'directly' : 'itself'}, not from the editor's terminal`,
    };
  return { ok: true, via: 'sibling-of-ancestor-chain', pids: [peerPid, q, via!] };
}

/**
 * verifyApprovalPeer, and then no process the trust rests on has an open
 * debugger (channels/debuggers): code sent to one would run inside the
 * editor and pass every check above.
 */
export async function verifyEditorPeer(
  peerPid: number,
  socketPath: string,
  opts: Parameters<typeof verifyApprovalPeer>[2] = {},
): Promise<PeerCheck> {
  const check = verifyApprovalPeer(peerPid, socketPath, opts);
  if (!check.ok) return check;
  const debuggers = await debuggersClosed(check.pids ?? [peerPid]);
  return debuggers.ok ? check : { ok: false, reason: debuggers.reason };
}

/**
 * Is `pid` another AgentGuard extension host of the same editor as this one
 * (Linux)? A sibling process (same parent, same binary) that listens on an
 * AgentGuard approval channel of this user. Another window of the editor
 * passes; a process an agent starts is not a child of the editor's main
 * process, and the editor's other processes (pty host, file watcher) hold no
 * approval channel.
 */
export function isSiblingExtensionHost(pid: number, self = process.pid): boolean {
  if (process.platform !== 'linux' || !Number.isSafeInteger(pid) || pid <= 1 || pid === self) return false;
  const mine = procStat(self);
  const theirs = procStat(pid);
  if (!mine || !theirs || theirs.ppid !== mine.ppid || mine.ppid <= 1) return false;
  const exe = procExe(pid);
  if (!exe || exe !== procExe(self)) return false;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const prefix = `@agentguard-approval-${uid}-`;
  const inodes = new Set(
    readUnixSockets()
      .filter((e) => e.listening && e.path.startsWith(prefix))
      .map((e) => e.inode),
  );
  return inodes.size > 0 && holdsAnySocket(pid, inodes);
}
