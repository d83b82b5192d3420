// Messages between a developer's processes (hooks, `agentguard service …`)
// and the AgentGuard service, which runs under its own OS user and keeps the
// state no process of the developer can write: the kill switch, the audit log
// and its chain head, the circuit breaker's count. The service greets first;
// then one request line and one reply line per connection, newline-JSON, both
// bounded. Who is asking is not in the message: each developer connects on a
// socket only that user can reach (the folder's permissions are the peer
// check), and the admin socket only root can.
//
// Kept free of any validation library: a hook loads this before every agent
// command when a service is configured.

import { SERVICE_OPS, type ServiceOp } from '../core/frontdoor/serviceOps';

export const SERVICE_PROTOCOL = 1;
/** A hook's audit record is a few KiB; every line either way must fit here. */
export const MAX_SERVICE_LINE_BYTES = 64 * 1024;
/** The service reads its one request line within this (a slow or silent client is dropped). */
export const SERVICE_READ_TIMEOUT_MS = 2_000;
export const SOCKET_NAME = 'agentguard.sock';
/**
 * A snapshot travels as bytes after its request or reply line (`bytes`): at
 * most this many (a snapshot's own budget is 64 MiB of files, plus its
 * manifest). A larger one is refused, and the call it was for asks a human.
 */
export const MAX_SERVICE_PAYLOAD_BYTES = 96 * 1024 * 1024;

export type { ServiceOp };
const OPS: readonly ServiceOp[] = SERVICE_OPS;
/** Operations that only read: every other one writes, and counts toward the flood bound. */
export const READING_OPS: readonly ServiceOp[] = ['status', 'verify', 'snapshot.list', 'snapshot.get'];
/** Operations whose request line is followed by bytes. */
const WITH_PAYLOAD: readonly ServiceOp[] = ['snapshot.keep', 'policy.confirm', 'hooks.record'];
const SNAPSHOT_ID = /^[0-9TZ]+-[0-9a-f]{6}$/;
/** A restore names at most this many of the paths it wrote back (the rest are counted), as the local log does. */
export const MAX_RESTORED_NAMED = 100;

export interface ServiceRequest {
  op: ServiceOp;
  /** `record`: the audit record, as the hook would have written it to its own log. */
  entry?: Record<string, unknown>;
  /** `record`: count this call toward the circuit breaker too (a hook counts it first, with `count`, before any human is asked). */
  gated?: boolean;
  /** `engage`: why, in a human's words. */
  reason?: string;
  /** `count`: the rate limit the call was judged under (the workspace's may be stricter): the service takes the stricter of it and its own. */
  rateLimit?: { maxGated: number; windowSeconds: number };
  /** Admin socket only: whose state (a developer's uid). */
  uid?: number;
  /** The asking process, as it says (the service bounds each process's share of its user's writes by it). */
  pid?: number;
  /** `approval`, `approved`: the approved request's digest (protocol.ts subjectDigest). */
  digest?: string;
  /** `approval`: what the human answered. */
  decision?: 'allow' | 'deny';
  /** `approval`: what was asked, in a line, for the log. */
  summary?: string;
  /** `approval`: what the password prompt names, in parts, so the service shows AgentGuard's words apart from the agent's (launcher/polkit.ts approvalPrompt). */
  asked?: { host: string; kind: string; reason?: string; target?: string; text: string };
  /** `approval`: the longest the password may be waited for, ending before the hook that asked stops waiting (launcher/polkit.ts authenticationWindow). */
  waitMs?: number;
  /** `snapshot.keep`, `policy.confirm`, `hooks.record`: how many bytes (the snapshot's bundle, the confirmation, the record) follow the request line. */
  bytes?: number;
  /** `snapshot.get`, `snapshot.restored`: which snapshot. */
  id?: string;
  /** `snapshot.restored`: where a human restored it (`agentguard snapshot restore`, or the editor's Restore Snapshot). */
  door?: 'cli' | 'editor';
  /** `snapshot.restored`: the paths (or tables) written back. */
  changes?: string[];
}

export interface ServiceKillSwitch {
  engaged: boolean;
  since?: string;
  by?: string;
  reason?: string;
}

export interface ServiceVerify {
  ok: boolean;
  entries: number;
  line?: number;
  problem?: string;
  /** Hash of the last entry the service wrote. */
  head?: string;
  /** How far the service shipped this user's log, per destination (the service keeps these cursors). */
  shipped?: { sink: string; seq: number; hash: string }[];
}

export type ServiceReply =
  | {
      ok: true;
      killSwitch?: ServiceKillSwitch;
      tripped?: boolean;
      seq?: number;
      verify?: ServiceVerify;
      approved?: boolean;
      /** `approved`: what the service's check of who recorded the allow was worth (`authenticated`: the developer's password); absent from an older service. */
      peerProof?: 'kernel' | 'recorded' | 'authenticated';
      /** `status`: who may record an approval — the editor, checked by the service, or any process of the developer. */
      recorders?: ServiceRecorders;
      /** How many bytes follow the reply line (`snapshot.list`, `snapshot.get`). */
      bytes?: number;
    }
  /** `refused`: `hooks.record` kept the other files it was sent, not these (with why). */
  | { ok: false; error: string; refused?: { file: string; why: string }[] };

/** `editor`: the service checks that the editor records each approval; `any`: it cannot tell (no CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH). */
export type ServiceRecorders = 'editor' | 'any';

export interface ServiceHello {
  agentguard: 'service';
  protocol: number;
}

/** Where the developer with this uid connects: a folder only that user's group may enter. */
export function userSocketPath(socketDir: string, uid: number): string {
  return `${socketDir.replace(/\/+$/, '')}/users/${uid}/${SOCKET_NAME}`;
}

/** Where root connects (a folder only the service user may enter: root passes any permission). */
export function adminSocketPath(socketDir: string): string {
  return `${socketDir.replace(/\/+$/, '')}/admin/${SOCKET_NAME}`;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (Buffer.byteLength(text) > MAX_SERVICE_LINE_BYTES) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseServiceHello(text: string): ServiceHello | undefined {
  const v = parseObject(text);
  return v && v.agentguard === 'service' && v.protocol === SERVICE_PROTOCOL
    ? { agentguard: 'service', protocol: SERVICE_PROTOCOL }
    : undefined;
}

/** A request the service acts on, or why it is refused (anything malformed, unknown or oversized). */
export function parseServiceRequest(text: string): ServiceRequest | { error: string } {
  const v = parseObject(text);
  if (!v) return { error: 'not one JSON object within the size limit' };
  const op = v.op;
  if (typeof op !== 'string' || !OPS.includes(op as ServiceOp))
    return { error: `unknown operation ${JSON.stringify(op)}` };
  const req: ServiceRequest = { op: op as ServiceOp };
  if (v.uid !== undefined) {
    if (typeof v.uid !== 'number' || !Number.isInteger(v.uid) || v.uid < 0 || v.uid > 0xfffffffe)
      return { error: 'uid is not a user id' };
    req.uid = v.uid;
  }
  if (v.pid !== undefined) {
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid < 1 || v.pid > 0x3fffffff)
      return { error: 'pid is not a process id' };
    req.pid = v.pid;
  }
  if (op === 'record') {
    const e = v.entry;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return { error: 'record: entry is not an object' };
    const entry = e as Record<string, unknown>;
    if (
      typeof entry.time !== 'string' ||
      typeof entry.host !== 'string' ||
      typeof entry.decision !== 'string' ||
      typeof entry.score !== 'number' ||
      !Array.isArray(entry.findings)
    ) {
      return { error: 'record: entry lacks time, host, decision, score or findings' };
    }
    // The chain's own fields are the service's to write.
    if ('prev' in entry || 'hash' in entry || 'seq' in entry) return { error: 'record: entry carries chain fields' };
    // What only the service writes (its kill switch, breaker and approval events) cannot be sent in a developer's name.
    if (entry.host === 'service' || entry.host === 'rate-limit' || 'subjectDigest' in entry)
      return { error: "record: entry claims to be the service's own" };
    if (v.gated !== undefined && typeof v.gated !== 'boolean') return { error: 'record: gated is not a boolean' };
    req.entry = entry;
    req.gated = v.gated === true;
  }
  if (op === 'approval' || op === 'approved') {
    if (typeof v.digest !== 'string' || !/^[0-9a-f]{64}$/.test(v.digest))
      return { error: `${op}: digest is not a sha256` };
    req.digest = v.digest;
  }
  if (op === 'approval') {
    if (v.decision !== 'allow' && v.decision !== 'deny')
      return { error: 'approval: decision is neither allow nor deny' };
    if (v.summary !== undefined && (typeof v.summary !== 'string' || v.summary.length > 2000))
      return { error: 'approval: summary is not a short text' };
    req.decision = v.decision;
    if (v.summary !== undefined) req.summary = v.summary as string;
    if (v.asked !== undefined) {
      const a = v.asked as Record<string, unknown>;
      const text = (x: unknown, max: number, optional = false) =>
        (optional && x === undefined) || (typeof x === 'string' && x.length <= max);
      if (
        typeof a !== 'object' ||
        a === null ||
        !text(a.host, 64) ||
        !text(a.kind, 16) ||
        !text(a.reason, 1000, true) ||
        !text(a.target, 1000, true) ||
        !text(a.text, 2000)
      )
        return { error: 'approval: asked is not the parts of a short question' };
      req.asked = {
        host: a.host as string,
        kind: a.kind as string,
        ...(a.reason !== undefined ? { reason: a.reason as string } : {}),
        ...(a.target !== undefined ? { target: a.target as string } : {}),
        text: a.text as string,
      };
    }
    if (v.waitMs !== undefined) {
      if (typeof v.waitMs !== 'number' || !Number.isSafeInteger(v.waitMs) || v.waitMs < 0 || v.waitMs > 10 * 60_000)
        return { error: 'approval: waitMs is not a time up to ten minutes' };
      req.waitMs = v.waitMs;
    }
  }
  if (WITH_PAYLOAD.includes(op as ServiceOp)) {
    if (!Number.isSafeInteger(v.bytes) || (v.bytes as number) < 1 || (v.bytes as number) > MAX_SERVICE_PAYLOAD_BYTES)
      return { error: `${op}: bytes is not a size up to ${MAX_SERVICE_PAYLOAD_BYTES}` };
    req.bytes = v.bytes as number;
  }
  if (op === 'snapshot.get' || op === 'snapshot.restored') {
    if (typeof v.id !== 'string' || !SNAPSHOT_ID.test(v.id)) return { error: `${op}: id is not a snapshot id` };
    req.id = v.id;
  }
  if (op === 'snapshot.restored') {
    if (v.door !== 'cli' && v.door !== 'editor') return { error: 'snapshot.restored: door is neither cli nor editor' };
    const changes = v.changes;
    if (
      !Array.isArray(changes) ||
      changes.length > MAX_RESTORED_NAMED ||
      !changes.every((c) => typeof c === 'string' && c.length <= 4096)
    )
      return { error: `snapshot.restored: changes is not a list of up to ${MAX_RESTORED_NAMED} paths` };
    req.door = v.door;
    req.changes = changes as string[];
  }
  if (op === 'count' && v.rateLimit !== undefined) {
    const r = v.rateLimit as Record<string, unknown> | null;
    const within = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
    if (typeof r !== 'object' || r === null || !within(r.maxGated, 1000) || !within(r.windowSeconds, 86400))
      return { error: 'count: rateLimit is not { maxGated, windowSeconds }' };
    req.rateLimit = { maxGated: r.maxGated as number, windowSeconds: r.windowSeconds as number };
  }
  if (op === 'engage' && v.reason !== undefined) {
    if (typeof v.reason !== 'string' || v.reason.length > 500) return { error: 'engage: reason is not a short text' };
    req.reason = v.reason;
  }
  return req;
}

/** A reply the client believes, or undefined for anything else (the caller blocks). */
export function parseServiceReply(text: string): ServiceReply | undefined {
  const v = parseObject(text);
  if (!v || typeof v.ok !== 'boolean') return undefined;
  if (!v.ok) {
    const error = typeof v.error === 'string' ? v.error.slice(0, 500) : 'refused';
    if (!Array.isArray(v.refused)) return { ok: false, error };
    const refused = v.refused.slice(0, 100).flatMap((x: unknown) => {
      const r = x as Record<string, unknown> | null;
      return r && typeof r.file === 'string' && typeof r.why === 'string'
        ? [{ file: r.file.slice(0, 4096), why: r.why.slice(0, 500) }]
        : [];
    });
    return { ok: false, error, refused };
  }
  const reply: ServiceReply & { ok: true } = { ok: true };
  if (v.killSwitch !== undefined) {
    const k = v.killSwitch as Record<string, unknown> | null;
    if (typeof k !== 'object' || k === null || typeof k.engaged !== 'boolean') return undefined;
    reply.killSwitch = { engaged: k.engaged };
    for (const f of ['since', 'by', 'reason'] as const)
      if (typeof k[f] === 'string') reply.killSwitch[f] = k[f] as string;
  }
  if (v.tripped !== undefined) {
    if (typeof v.tripped !== 'boolean') return undefined;
    reply.tripped = v.tripped;
  }
  if (v.approved !== undefined) {
    if (typeof v.approved !== 'boolean') return undefined;
    reply.approved = v.approved;
  }
  // Information for the hook's record only: anything else is as if an older service left it out.
  if (v.peerProof === 'kernel' || v.peerProof === 'recorded' || v.peerProof === 'authenticated')
    reply.peerProof = v.peerProof;
  if (v.recorders !== undefined) {
    if (v.recorders !== 'editor' && v.recorders !== 'any') return undefined;
    reply.recorders = v.recorders;
  }
  if (v.bytes !== undefined) {
    if (!Number.isSafeInteger(v.bytes) || (v.bytes as number) < 0 || (v.bytes as number) > MAX_SERVICE_PAYLOAD_BYTES)
      return undefined;
    reply.bytes = v.bytes as number;
  }
  if (v.seq !== undefined) {
    if (!Number.isSafeInteger(v.seq)) return undefined;
    reply.seq = v.seq as number;
  }
  if (v.verify !== undefined) {
    const r = v.verify as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean' || typeof r.entries !== 'number')
      return undefined;
    reply.verify = {
      ok: r.ok,
      entries: r.entries,
      ...(typeof r.line === 'number' ? { line: r.line } : {}),
      ...(typeof r.problem === 'string' ? { problem: r.problem } : {}),
    };
    if (typeof r.head === 'string') reply.verify.head = r.head.slice(0, 128);
    if (Array.isArray(r.shipped)) {
      reply.verify.shipped = r.shipped.slice(0, 64).flatMap((x: unknown) => {
        const c = x as Record<string, unknown> | null;
        return c && typeof c.sink === 'string' && Number.isSafeInteger(c.seq) && typeof c.hash === 'string'
          ? [{ sink: c.sink, seq: c.seq as number, hash: c.hash }]
          : [];
      });
    }
  }
  return reply;
}
