// What the AgentGuard service answers: the state it keeps for one developer,
// in a folder of its own that only the service's OS user can write. The same
// kill switch, hash-chained audit log and circuit breaker as a user's state
// folder (core/state, policy/rateLimit), kept where no process of that user
// can truncate, rewrite or reset them. The socket it is asked on is that
// user's alone (the folder's permissions are the peer check), or the admin
// socket only root can reach; that is `admin` here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendAudit, auditHeadFile, shippedHeads, verifyAudit, type AuditRecord } from '../state/audit';
import { readRegularFile } from '../state/regularFile';
import { recordApproval, useApproval } from './serviceApprovals';
import { getKeptSnapshot, keepSnapshot, listKeptSnapshots, recordRestore } from './serviceSnapshots';
import { confirmPolicy } from './servicePolicies';
import { keepHookRecord } from './serviceHookRecord';
import { readKillSwitch, writeKillSwitch, type KillSwitchState } from '../state';
import { recordGatedDecision } from '../policy/rateLimit';
import type { Config } from '../config/schema';
import { DEFAULT_RATE_LIMIT } from '../config/defaults';
import type { AuditSinksConfig } from '../config/auditSinks';
import { readManagedPolicy, type ManagedPolicy } from '../policy/managed';
import type { ServiceOp } from './serviceOps';
import { RAISE_PTRACE_SCOPE, type PeerProof } from '../launcher/yama';
import { AUTHENTICATED_FIX, type ApprovalRequirement } from './approvalProof';

export const DEFAULT_SERVICE_USER = 'agentguard';
export const DEFAULT_SOCKET_DIR = '/run/agentguard';
export const DEFAULT_SERVICE_STATE_DIR = '/var/lib/agentguard';
export const DEFAULT_SERVICE_TIMEOUT_MS = 2_000;

/** The service the organization's managed policy names, with its defaults filled in. */
export interface ServiceConfig {
  user: string;
  socketDir: string;
  stateDir: string;
  timeoutMs: number;
  usersMayRelease: boolean;
  /** What one developer may make the service write per window (channels/service/flood.ts). */
  flood: { writes?: number; bytes?: number; windowSeconds?: number };
  /** The managed policy itself (its rate limit is the service's circuit breaker). */
  config: Config;
  /** Where the service ships each developer's log (the managed policy's `audit` key). */
  audit?: AuditSinksConfig;
  policyFile: string;
  /**
   * The managed policy's `approvalPeerProof` when the service started: `kernel` takes an approval only where Yama
   * backs the service's check of who records it, `authenticated` only after the developer's password. The service
   * reads it again at each approval (approvalProof.ts approvalRequirementNow).
   */
  approvalPeerProof?: PeerProof;
}

/** The service named by the managed policy, or undefined when there is none (a user's own state folder then holds everything). */
export function serviceConfig(managed: ManagedPolicy = readManagedPolicy()): ServiceConfig | undefined {
  if (managed.state !== 'ok' || !managed.config.service) return undefined;
  const s = managed.config.service;
  return {
    user: s.user ?? DEFAULT_SERVICE_USER,
    socketDir: s.socketDir ?? DEFAULT_SOCKET_DIR,
    stateDir: s.stateDir ?? DEFAULT_SERVICE_STATE_DIR,
    timeoutMs: s.timeoutMs ?? DEFAULT_SERVICE_TIMEOUT_MS,
    usersMayRelease: s.usersMayRelease === true,
    flood: s.floodLimit ?? {},
    config: managed.config,
    ...(managed.config.audit ? { audit: managed.config.audit } : {}),
    policyFile: managed.file,
    ...(managed.config.approvalPeerProof ? { approvalPeerProof: managed.config.approvalPeerProof } : {}),
  };
}

export interface KeeperRequest {
  op: ServiceOp;
  entry?: Record<string, unknown>;
  gated?: boolean;
  reason?: string;
  digest?: string;
  decision?: 'allow' | 'deny';
  summary?: string;
  /** `snapshot.get`, `snapshot.restored`: which snapshot. */
  id?: string;
  /** `snapshot.restored`: where a human restored it, and what was written back. */
  door?: 'cli' | 'editor';
  changes?: string[];
  /** `count`: the rate limit the call was judged under; the stricter of it and the managed policy's counts. */
  rateLimit?: { maxGated: number; windowSeconds: number };
  /** `snapshot.keep`: the bytes that followed the request line (the snapshot's bundle). */
  payload?: Buffer;
}

export interface KeeperContext {
  /** This developer's state folder inside the service's. */
  dir: string;
  /** Asked on the admin socket (root), not on the developer's own. */
  admin: boolean;
  /** The organization lets a developer release the kill switch (managed policy `service.usersMayRelease`). */
  usersMayRelease: boolean;
  /** The managed policy: its rate limit is the circuit breaker's (a workspace's cannot loosen it here). */
  config?: Config;
  now: Date;
  /** The developer's socket folder, where the service publishes read-only copies of confirmed policies and the hook-file record. */
  publishDir?: string;
  /** `hooks.record`: the developer's home, by the account database (where their launcher is). */
  home?: string;
  /** `approval`: what the service's check of the process that recorded it is worth (absent: `recorded`). */
  peerProof?: PeerProof;
  /** `approval`: what the managed policy takes an approval on, read when it came (absent: any record). */
  require?: ApprovalRequirement;
  /** `approval` under `authenticated`: why the developer's password was not had (absent with `peerProof` `authenticated`). */
  unauthenticated?: string;
}

export interface KeptVerify {
  ok: boolean;
  entries: number;
  line?: number;
  problem?: string;
  /** The hash of the last entry the service wrote (its `audit.head`). */
  head?: string;
  /** How far the service shipped the log to each destination (its own cursors). */
  shipped?: { sink: string; seq: number; hash: string }[];
}

export type KeeperReply =
  | {
      ok: true;
      killSwitch?: KillSwitchState;
      tripped?: boolean;
      seq?: number;
      verify?: KeptVerify;
      approved?: boolean;
      recorders?: 'editor' | 'any';
      /** Bytes sent after the reply line (a snapshot, the list of them). */
      payload?: Buffer;
    }
  /** `refused`: `hooks.record` kept the other files it was sent, not these. */
  | { ok: false; error: string; refused?: { file: string; why: string }[] };

/** Every entry the service writes carries its place in the log (`seq`), inside the hash. */
const keep = (dir: string, record: AuditRecord) => appendAudit(dir, record, { sequence: true });

/** The state folder the service keeps for the developer with this uid. */
export function keptStateDir(stateRoot: string, uid: number): string {
  return path.join(stateRoot, 'users', String(uid));
}

function publicSwitch(k: KillSwitchState): KillSwitchState {
  return {
    engaged: k.engaged,
    ...(k.since ? { since: k.since } : {}),
    ...(k.by ? { by: k.by } : {}),
    ...(k.reason ? { reason: k.reason } : {}),
  };
}

/** Answers one request; every failure is an explicit refusal, which the hook turns into a block. */
export function keeperAnswer(req: KeeperRequest, ctx: KeeperContext): KeeperReply {
  try {
    fs.mkdirSync(ctx.dir, { recursive: true, mode: 0o700 });
    return answer(req, ctx);
  } catch (err) {
    return { ok: false, error: `the service could not keep its state: ${(err as Error).message}` };
  }
}

function answer(req: KeeperRequest, ctx: KeeperContext): KeeperReply {
  const { dir, now } = ctx;
  const time = now.toISOString();
  switch (req.op) {
    case 'status':
      return { ok: true, killSwitch: publicSwitch(readKillSwitch(dir)) };
    case 'verify': {
      const v = verifyAudit(dir);
      const head = readRegularFile(auditHeadFile(dir), 1024);
      const shipped = shippedHeads(dir);
      return {
        ok: true,
        verify: {
          ok: v.ok,
          entries: v.entries,
          ...(v.line !== undefined ? { line: v.line } : {}),
          ...(v.problem ? { problem: v.problem } : {}),
          ...(head.ok ? { head: head.text.trim() } : {}),
          ...(shipped.length ? { shipped } : {}),
        },
      };
    }
    case 'approval': {
      if (!req.digest || !req.decision) return { ok: false, error: 'approval: no digest or decision' };
      const peerProof = ctx.peerProof ?? 'recorded';
      const unproven = unprovenWhy(ctx.require, peerProof, ctx.unauthenticated);
      if (unproven !== undefined) return refuseUnproven(dir, req.digest, now, unproven, peerProof);
      const logged = recordApproval(dir, req.digest, req.decision, req.summary, now, peerProof);
      return logged.ok ? { ok: true } : { ok: false, error: logged.error };
    }
    case 'approved': {
      if (!req.digest) return { ok: false, error: 'approved: no digest' };
      const used = useApproval(dir, req.digest, now);
      return used.ok ? { ok: true, approved: used.approved } : used;
    }
    case 'snapshot.keep':
      return req.payload ? keepSnapshot(dir, req.payload, now) : { ok: false, error: 'snapshot.keep: no snapshot' };
    case 'snapshot.list':
      return listKeptSnapshots(dir);
    case 'snapshot.get':
      return req.id ? getKeptSnapshot(dir, req.id) : { ok: false, error: 'snapshot.get: no id' };
    case 'snapshot.restored':
      return req.id && req.door
        ? recordRestore(dir, req.id, req.door, req.changes ?? [], now)
        : { ok: false, error: 'snapshot.restored: no id or door' };
    case 'policy.confirm':
      return req.payload
        ? confirmPolicy(dir, ctx.publishDir, req.payload, now)
        : { ok: false, error: 'policy.confirm: no confirmation' };
    case 'hooks.record':
      return req.payload
        ? keepHookRecord(dir, ctx.publishDir, req.payload, now, ctx.home)
        : { ok: false, error: 'hooks.record: no record' };
    case 'count': {
      // A gated call, counted before it is answered: the one that trips the breaker is halted itself.
      const limit = recordGatedDecision(dir, stricterLimit(ctx.config, req.rateLimit), now);
      if (limit.recorded === false) return { ok: false, error: limit.error ?? 'the gated call could not be counted' };
      return { ok: true, tripped: limit.tripped, killSwitch: publicSwitch(readKillSwitch(dir)) };
    }
    case 'record': {
      if (!req.entry) return { ok: false, error: 'record: no entry' };
      // The service's clock, not the client's, dates what it counts: an old time cannot fall outside the window.
      let tripped = false;
      if (req.gated) {
        const limit = recordGatedDecision(dir, ctx.config, now);
        if (limit.recorded === false) return { ok: false, error: limit.error ?? 'the gated call could not be counted' };
        tripped = limit.tripped;
      }
      const logged = keep(dir, req.entry as unknown as AuditRecord);
      if (!logged.ok) return { ok: false, error: logged.error };
      return {
        ok: true,
        tripped,
        ...(logged.seq !== undefined ? { seq: logged.seq } : {}),
        killSwitch: publicSwitch(readKillSwitch(dir)),
      };
    }
    case 'engage': {
      const by = ctx.admin ? 'admin' : 'user';
      const reason = req.reason || 'engaged through the AgentGuard service';
      const current = readKillSwitch(dir);
      if (!current.engaged) writeKillSwitch(dir, { engaged: true, since: time, by, reason });
      const logged = keep(dir, {
        time,
        host: 'service',
        event: 'killSwitch.engaged',
        decision: 'deny',
        score: 100,
        findings: ['killswitch.engaged'],
        error: reason,
      });
      if (!logged.ok) return { ok: false, error: logged.error };
      return { ok: true, killSwitch: publicSwitch(readKillSwitch(dir)) };
    }
    case 'release': {
      if (!ctx.admin && !ctx.usersMayRelease) {
        keep(dir, {
          time,
          host: 'service',
          event: 'killSwitch.releaseRefused',
          decision: 'deny',
          score: 100,
          findings: ['killswitch.engaged'],
          error: "a release asked on the developer's socket",
        });
        return {
          ok: false,
          error:
            "only an administrator may release the kill switch: sudo agentguard service release --user NAME (the managed policy's service.usersMayRelease lets developers)",
        };
      }
      writeKillSwitch(dir, { engaged: false, since: time, by: ctx.admin ? 'admin' : 'user' });
      const logged = keep(dir, {
        time,
        host: 'service',
        event: 'killSwitch.released',
        decision: 'allow',
        score: 0,
        findings: [],
      });
      if (!logged.ok) return { ok: false, error: logged.error };
      return { ok: true, killSwitch: publicSwitch(readKillSwitch(dir)) };
    }
  }
}

/**
 * The managed policy with the rate limit a call was judged under, where that
 * one is stricter (a workspace may tighten the breaker, never loosen it): a
 * developer's words can only make their own breaker trip sooner.
 */
function stricterLimit(config: Config | undefined, asked: KeeperRequest['rateLimit']): Config | undefined {
  if (!asked) return config;
  const own = { ...DEFAULT_RATE_LIMIT, ...config?.rateLimit };
  return {
    ...config,
    rateLimit: {
      maxGated: Math.min(own.maxGated, asked.maxGated),
      windowSeconds: Math.max(own.windowSeconds, asked.windowSeconds),
    },
  };
}

/** Why the managed policy does not take this approval, or undefined when it does. Fails closed: a requirement not met, or not known, refuses. */
function unprovenWhy(
  require: ApprovalRequirement | undefined,
  proof: PeerProof,
  unauthenticated: string | undefined,
): string | undefined {
  if (require === undefined || require === 'recorded') return undefined;
  if (require === 'unreadable')
    return 'the managed policy cannot be read or no longer validates, so the service takes no approval until it does: agentguard doctor says what is wrong with it';
  if (require === 'kernel')
    return proof === 'kernel'
      ? undefined
      : `the managed policy takes an approval only where the kernel keeps the developer's other processes from tracing the editor (approvalPeerProof "kernel"), and on this machine it does not: ${RAISE_PTRACE_SCOPE}`;
  return proof === 'authenticated'
    ? undefined
    : `the managed policy takes an approval only with the developer's password (approvalPeerProof "authenticated"), and ${unauthenticated ?? 'none was asked for'}. To approve: ${AUTHENTICATED_FIX}`;
}

/** An approval the managed policy does not take here: refused, and the refusal logged (no allow is held). */
function refuseUnproven(dir: string, digest: string, now: Date, error: string, proof: PeerProof): KeeperReply {
  const logged = keep(dir, {
    time: now.toISOString(),
    host: 'service',
    event: 'approval.refused',
    decision: 'deny',
    score: 0,
    findings: [],
    subjectDigest: digest,
    // What the refused record was worth: never `authenticated`, which would have been taken.
    peerProof: proof === 'authenticated' ? 'recorded' : proof,
    error,
  });
  return logged.ok ? { ok: false, error } : { ok: false, error: logged.error };
}

/** The one entry a flood leaves in the developer's log the service keeps, however much it refused. */
export function recordFlood(dir: string, reason: string, now: Date): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  keep(dir, {
    time: now.toISOString(),
    host: 'service',
    event: 'service.flood',
    decision: 'deny',
    score: 100,
    findings: ['service.flood'],
    error: `requests refused until the next window: ${reason}`,
  });
}
