// Where a process's inspector would listen if a SIGUSR1 opened it, and
// whether anything listens there now (channels/debuggers.ts asks it of every
// process the hook's trust rests on). The usual answer, nothing listens on
// Node's default port, costs one refused connection on a bare handle
// (./rawConnect); reading /proc/net/tcp walks the kernel's whole connection
// table (milliseconds).
import * as fs from 'node:fs';
import type * as Net from 'node:net';
import { readProcText } from './procfs';
import { rawListening, type Listening } from './rawConnect';

/** An inspector answers from its own thread in well under a millisecond; past this, it is not trusted (AGENTGUARD_DEBUGGER_PROBE_MS). */
const PROBE_MS = 500;

export function probeMs(): number {
  const v = Number(process.env.AGENTGUARD_DEBUGGER_PROBE_MS);
  return Number.isFinite(v) && v > 0 ? Math.min(v, 5000) : PROBE_MS;
}

/** The process's network namespace, by the link /proc shows for it; undefined when it cannot be read. */
export function netNamespace(pid: number | 'self'): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

const DEFAULT_INSPECTOR = { host: '127.0.0.1', port: 9229 };
const MAX_ARGS_BYTES = 256 * 1024;
const INSPECT_OPTION = /^--(?:inspect(?:-brk|-wait|-port|-brk-node)?|debug-port)(?:=(.*))?$/;

/** The loopback address a client reaches an inspector at, by the host it was told to listen on. */
// A name (`localhost`) may resolve to either family, or both: only the socket tables can tell where it listens.
const LOCAL_HOSTS: Record<string, string> = {
  '': '127.0.0.1',
  '127.0.0.1': '127.0.0.1',
  '0.0.0.0': '127.0.0.1',
  '::': '::1',
  '::1': '::1',
};

/** `[host:]port` of an inspector option as Node reads it, or 'unknown' when it names no fixed local port. */
export function inspectorAddress(value: string): { host: string; port: number } | 'unknown' {
  let host = '';
  let port = String(DEFAULT_INSPECTOR.port);
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(value);
  if (bracketed) [host, port] = [bracketed[1], bracketed[2] ?? port];
  else if (/^\d+$/.test(value)) port = value;
  else if (value.includes(':'))
    [host, port] = [value.slice(0, value.lastIndexOf(':')), value.slice(value.lastIndexOf(':') + 1)];
  else host = value;
  const local = Object.hasOwn(LOCAL_HOSTS, host) ? LOCAL_HOSTS[host] : undefined;
  // Port 0 (the system picks one) or another host: where it listens cannot be told from here.
  return local !== undefined && /^\d+$/.test(port) && Number(port) > 0 && Number(port) < 65_536
    ? { host: local, port: Number(port) }
    : 'unknown';
}

/** The value of the first variable `name` in a process's environment block (NUL-separated), found without splitting it. */
function variable(environ: string, name: string): string | undefined {
  const block = `\0${environ}`;
  const at = block.indexOf(`\0${name}=`);
  if (at === -1) return undefined;
  const start = at + name.length + 2;
  const end = block.indexOf('\0', start);
  return block.slice(start, end === -1 ? block.length : end);
}

/**
 * Where a SIGUSR1 would open the inspector of `pid`: Node's default port
 * unless its command line or NODE_OPTIONS sets another; 'unknown' when they
 * cannot be read or name a port chosen at run time.
 */
export function inspectorAddresses(pid: number): { host: string; port: number }[] | 'unknown' {
  const words: string[] = [];
  const argv = readProcText(`/proc/${pid}/cmdline`, MAX_ARGS_BYTES);
  const env = argv?.whole ? readProcText(`/proc/${pid}/environ`, MAX_ARGS_BYTES) : undefined;
  if (!argv?.whole || !env?.whole || argv.text.length + env.text.length > MAX_ARGS_BYTES) return 'unknown';
  words.push(...argv.text.split('\0'));
  const options = variable(env.text, 'NODE_OPTIONS');
  if (options) words.push(...options.split(/\s+/));
  const found = [DEFAULT_INSPECTOR];
  for (let i = 0; i < words.length; i++) {
    // Options read from a file (Node 23's config files) could name any port.
    if (/^--experimental(?:-default)?-config-file\b/.test(words[i])) return 'unknown';
    const m = INSPECT_OPTION.exec(words[i].replace(/^["']|["']$/g, ''));
    if (!m) continue;
    const value = m[1] ?? (words[i] === '--inspect-port' || words[i] === '--debug-port' ? words[i + 1] : undefined);
    if (value === undefined) continue;
    const at = inspectorAddress(value);
    if (at === 'unknown') return 'unknown';
    found.push(at);
  }
  return found;
}

/** Whether anything accepts connections at host:port ('unknown': no answer in time). */
function listening(host: string, port: number, timeoutMs: number): Promise<Listening> {
  // On a bare handle where Node offers one: the usual refusal then never loads node:net (./rawConnect).
  const raw = rawListening(host, port, timeoutMs);
  if (raw) return raw;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require('node:net') as typeof Net;
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    const done = (r: Listening) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done('unknown'), timeoutMs);
    socket.on('connect', () => done('open'));
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' ? 'refused' : 'unknown'));
  });
}

/**
 * How long an answer asked ahead (expectDebuggerCheck) stands for a check:
 * the millisecond or two between a hook's connecting to the judge and its
 * check of it. Older, it is asked again. An inspector opened within it is
 * found by the next check, as one opened right after a check always was:
 * the answer only ever comes from before the call is sent.
 */
const AHEAD_MS = 25;
const ahead = new Map<string, { at: number; answer: Promise<Listening> }>();
const endpointKey = (a: { host: string; port: number }) => `${a.host}|${a.port}`;

/**
 * Starts asking whether anything listens at `endpoints` (by default Node's
 * own inspector port, which every check asks about: inspectorAddresses), for
 * a check this process is about to make: the editor judge's client calls it
 * as it connects, and the check then takes the answer instead of waiting for
 * one. Only the first check within AHEAD_MS of the question takes it.
 */
export function expectDebuggerCheck(endpoints: readonly { host: string; port: number }[] = [DEFAULT_INSPECTOR]): void {
  for (const a of endpoints) {
    const key = endpointKey(a);
    const early = ahead.get(key);
    if (early && Date.now() - early.at <= AHEAD_MS) continue;
    ahead.set(key, { at: Date.now(), answer: listening(a.host, a.port, probeMs()) });
  }
}

/** The answer asked ahead for `key`, once, while it is recent enough to stand for the check. */
function askedAhead(key: string): Promise<Listening> | undefined {
  const early = ahead.get(key);
  ahead.delete(key);
  return early && Date.now() - early.at <= AHEAD_MS ? early.answer : undefined;
}

/**
 * The processes among `pids` whose debugger could be open: those whose
 * inspector port (as each would open it) is not plainly refused. The usual
 * answer, nothing listens on 9229, costs one refused connection; reading
 * /proc/net/tcp walks the kernel's whole connection table (milliseconds).
 */
export async function maybeListening(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const where = new Map<number, { host: string; port: number }[] | 'unknown'>();
  const endpoints = new Map<string, { host: string; port: number }>();
  const ours = netNamespace('self');
  for (const pid of pids) {
    // A refused connection says something only about the loopback of this network namespace.
    const at = ours !== undefined && netNamespace(pid) === ours ? inspectorAddresses(pid) : 'unknown';
    where.set(pid, at);
    if (at !== 'unknown') for (const a of at) endpoints.set(endpointKey(a), a);
  }
  const state = new Map<string, string>();
  await Promise.all(
    [...endpoints].map(async ([key, a]) =>
      state.set(key, await (askedAhead(key) ?? listening(a.host, a.port, timeoutMs))),
    ),
  );
  return pids.filter((pid) => {
    const at = where.get(pid)!;
    return at === 'unknown' || at.some((a) => state.get(endpointKey(a)) !== 'refused');
  });
}
