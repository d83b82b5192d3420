// Has a process the hook's trust rests on an open debugger (Linux)? Node opens
// its inspector when any process of the account sends it SIGUSR1, and code
// sent to the inspector runs inside that process: every /proc identity check
// of channels/peer.ts then vouches for whatever it answers. So an editor
// process that holds a listening TCP socket must show that the socket is not
// an inspector: a GET /json/version (which an inspector, on its own thread,
// answers with its protocol version even while the main thread is busy) that
// gets another answer. No answer in time, a socket that cannot be reached, a
// /proc file that cannot be read: not trusted.
//
// Cheap in the usual case: the listening sockets of the process's network
// namespace come from /proc/PID/net/tcp{,6} (one read each), and only when
// one belongs to this user are the processes' descriptors looked at. A socket
// once found not to be an inspector is remembered by its inode (per process):
// a debugger opened later listens on a new socket, with a new inode, so the
// memory never hides it. No result is remembered for a process as a whole.
import * as fs from 'node:fs';
import type * as Net from 'node:net';
import { readProcTable } from './procfs';
import { maybeListening, netNamespace, probeMs } from './inspectorPorts';

const TCP_LISTEN = '0A';
const MAX_TABLE_BYTES = 8 * 1024 * 1024;
const MAX_FDS = 65_536;
const MAX_PROBE_BYTES = 16 * 1024;
const MAX_PROBES = 16;

export interface TcpListener {
  inode: number;
  /** The address to reach it at: the loopback address when it listens on every address. */
  host: string;
  port: number;
}

export type DebuggerCheck = { ok: true } | { ok: false; reason: string };

function readBounded(file: string): string | undefined {
  const table = readProcTable(file, MAX_TABLE_BYTES);
  // A table too large to read whole could hide a listener: unreadable, not empty.
  return table?.whole ? table.bytes.toString('latin1') : undefined;
}

/** `0100007F` (a 32-bit word as the kernel prints it, host byte order) as its four bytes in network order. */
function wordBytes(hex: string): number[] {
  const v = parseInt(hex, 16);
  const be = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] === 4 ? be.reverse() : be;
}

/** The address a client connects to for a socket listening on the kernel's hex address. */
export function listenHost(hex: string): string | undefined {
  if (hex.length === 8) {
    const b = wordBytes(hex);
    return b.every((x) => x === 0) ? '127.0.0.1' : b.join('.');
  }
  if (hex.length !== 32) return undefined;
  const b = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (b.every((x) => x === 0)) return '::1';
  // An IPv4 address mapped into IPv6 (::ffff:a.b.c.d) is reached as IPv4.
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255) return b.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return groups.join(':');
}

/**
 * The listening TCP sockets of `uid` in the network namespace of `pid`, by
 * inode; undefined when a table cannot be read (then nothing can be vouched for).
 */
export function readTcpListeners(pid: number, uid: number): Map<number, TcpListener> | undefined {
  const out = new Map<number, TcpListener>();
  let readable = false;
  for (const table of ['tcp', 'tcp6']) {
    const text = readBounded(`/proc/${pid}/net/${table}`);
    // A kernel without IPv6 has no tcp6 table; one without either says nothing.
    if (text === undefined) {
      if (table === 'tcp6' && readable && !fs.existsSync(`/proc/${pid}/net/tcp6`)) continue;
      return undefined;
    }
    readable = true;
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== TCP_LISTEN || Number(f[7]) !== uid) continue;
      const [addr, portHex] = f[1].split(':');
      const host = addr === undefined ? undefined : listenHost(addr);
      const port = parseInt(portHex ?? '', 16);
      const inode = Number(f[9]);
      if (host === undefined || !(port > 0) || !Number.isSafeInteger(inode) || inode <= 0) return undefined;
      out.set(inode, { inode, host, port });
    }
  }
  return out;
}

/** The sockets among `inodes` that `pid` holds open; undefined when its descriptors cannot be read. */
export function heldSockets(pid: number, inodes: ReadonlySet<number>): number[] | undefined {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  if (fds.length > MAX_FDS) return undefined;
  const held: number[] = [];
  for (const fd of fds) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m && inodes.has(Number(m[1]))) held.push(Number(m[1]));
  }
  return held;
}

export type ProbeResult = 'debugger' | 'other' | 'unknown';

/** Whether an answer read so far shows a debugger, shows something else, or is not complete yet. */
export function classifyAnswer(text: string, complete: boolean): ProbeResult | undefined {
  // Node's inspector (and Chromium's, an Electron main process's) describes itself here.
  if (/"(?:Protocol-Version|V8-Version|webSocketDebuggerUrl)"\s*:/.test(text)) return 'debugger';
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})\b/.exec(text)?.[1];
  const head = text.indexOf('\r\n\r\n');
  if (status === undefined || head < 0) return complete ? 'other' : undefined;
  // A debugger answers this request with 200 and its description; any other status is something else.
  if (status !== '200') return 'other';
  const body = text.slice(head + 4);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, head))?.[1];
  if (length !== undefined && Buffer.byteLength(body, 'latin1') >= Number(length)) return 'other';
  if (/\r\ntransfer-encoding:\s*chunked/i.test(text.slice(0, head)) && /(?:^|\r\n)0\r\n\r\n$/.test(body))
    return 'other';
  return complete ? 'other' : undefined;
}

/**
 * Asks the listener at host:port what it is, as a debugger client would
 * first. 'unknown' when it cannot be reached or does not finish answering
 * within `timeoutMs`; a listener that closes without describing a debugger is
 * 'other' (an inspector always describes itself).
 */
export function probeListener(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require('node:net') as typeof Net;
  return new Promise((resolve) => {
    let text = '';
    let settled = false;
    const socket = net.createConnection({ host, port });
    const done = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done('unknown'), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('connect', () =>
      socket.write(
        `GET /json/version HTTP/1.1\r\nHost: ${host.includes(':') ? `[${host}]` : host}:${port}\r\nConnection: close\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_PROBE_BYTES) return done(classifyAnswer(text, true) ?? 'other');
      const r = classifyAnswer(text, false);
      if (r) done(r);
    });
    // Closed before saying anything: it cannot be told from an inspector that failed to answer.
    const closed = () => done(text ? (classifyAnswer(text, true) ?? 'other') : 'unknown');
    socket.on('end', closed);
    socket.on('close', closed);
    socket.on('error', () => done('unknown'));
  });
}

function startTime(pid: number): string | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Listening sockets (pid, start time, inode) found not to be a debugger: a new debugger is a new socket. */
const notDebugger = new Set<string>();

/**
 * ok only when none of `pids` holds an open debugger, as far as can be seen
 * now. A process whose inspector port refuses connections has none open;
 * any other has each of its listening sockets probed (in parallel, bounded).
 */
export async function debuggersClosed(
  pids: readonly number[],
  opts: { uid?: number; timeoutMs?: number } = {},
): Promise<DebuggerCheck> {
  const uid = opts.uid ?? (typeof process.getuid === 'function' ? process.getuid() : -1);
  const probes: { pid: number; key: string; listener: TcpListener }[] = [];
  const ms = opts.timeoutMs ?? probeMs();
  for (const pid of await maybeListening([...new Set(pids)], ms)) {
    const listeners = readTcpListeners(pid, uid);
    if (!listeners) return { ok: false, reason: `the listening sockets of process ${pid} cannot be read` };
    if (listeners.size === 0) continue;
    const held = heldSockets(pid, new Set(listeners.keys()));
    if (!held) return { ok: false, reason: `the open files of process ${pid} cannot be read` };
    if (held.length === 0) continue;
    const started = startTime(pid);
    if (started === undefined) return { ok: false, reason: `process ${pid} vanished` };
    // A socket of another network namespace cannot be reached from here to ask what it is.
    if (netNamespace(pid) === undefined || netNamespace(pid) !== netNamespace('self'))
      return {
        ok: false,
        reason: `process ${pid} listens in another network namespace, where its debugger cannot be ruled out`,
      };
    for (const inode of held) {
      const key = `${pid}:${started}:${inode}`;
      if (!notDebugger.has(key)) probes.push({ pid, key, listener: listeners.get(inode)! });
    }
  }
  if (probes.length === 0) return { ok: true };
  if (probes.length > MAX_PROBES)
    return {
      ok: false,
      reason: `the editor's processes listen on ${probes.length} ports, too many to rule out a debugger`,
    };
  const results = await Promise.all(probes.map((p) => probeListener(p.listener.host, p.listener.port, ms)));
  for (let i = 0; i < probes.length; i++) {
    const { pid, key, listener } = probes[i];
    const where = `${listener.host.includes(':') ? `[${listener.host}]` : listener.host}:${listener.port}`;
    if (results[i] === 'debugger')
      return {
        ok: false,
        reason: `process ${pid} has an open debugger (${where}): code sent to it runs inside the editor, so its answers cannot be trusted`,
      };
    if (results[i] !== 'other')
      return {
        ok: false,
        reason: `process ${pid} listens on ${where}, which did not answer in ${ms} ms whether it is a debugger`,
      };
    notDebugger.add(key);
  }
  return { ok: true };
}
