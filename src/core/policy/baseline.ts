// The last policy a human confirmed for a workspace, kept in AgentGuard's
// state directory (which no agent may write): `<state>/policy/<sha256 of the
// workspace path>.json`. The editor writes it after a human's click; the
// editor and the hook raise it to what the file tightens (policy/index.ts),
// never lower; no CLI command lowers it. Without one, the baseline is the built-in defaults,
// so a policy that arrives with a cloned repository loosens nothing until a
// human confirms it.
//
// With an AgentGuard service named in the managed policy, the record is the
// service's: it keeps each confirmation in its own state folder and
// publishes a read-only copy into the developer's socket folder
// (`<socketDir>/users/<uid>/policy/`, the service user's, mode 2750), which
// is where every reader then looks. A record in the developer's own state
// folder — one a process of the developer wrote — is not read at all.
import { sha256Hex } from '../text/sha256';
import * as fs from 'node:fs';
import { readRegularText } from '../state/regularFile';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import type { Config } from '../config/schema';
import { readManagedPolicy, type ManagedPolicy } from './managed';

/** The service's default socket folder (core/frontdoor/serviceKeeper.ts says the same). */
const DEFAULT_SOCKET_DIR = '/run/agentguard';
let keptRoot: string | null | undefined;

/**
 * Where this process reads confirmed policies when the managed policy names an
 * AgentGuard service (the copy it publishes for this user), else undefined.
 * Read once per process: the managed policy changes with a deployment, and the
 * editor is restarted then.
 */
export function keptBaselineRoot(uid = process.getuid?.() ?? -1): string | undefined {
  if (keptRoot === undefined) settleKeptBaselineRoot(readManagedPolicy(), uid);
  return keptRoot ?? undefined;
}

/** Settles keptBaselineRoot from a managed policy the caller read already, when this process has not yet. */
export function settleKeptBaselineRoot(m: ManagedPolicy, uid = process.getuid?.() ?? -1): void {
  if (keptRoot !== undefined) return;
  const service = m.state === 'ok' ? m.config.service : undefined;
  keptRoot = service ? path.join(service.socketDir ?? DEFAULT_SOCKET_DIR, 'users', String(uid)) : null;
}

/** The folder confirmed policies are read from: the service's published copy, or this user's state folder. */
function readRoot(stateDir: string): string {
  return keptBaselineRoot() ?? stateDir;
}

/** A published folder a process of this user could write is not the service's: nothing in it is believed. */
function trustedRoot(root: string): boolean {
  const me = process.getuid?.();
  for (const dir of [baselineDir(root), root]) {
    const st = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!st) continue;
    if (!st.isDirectory() || st.uid === me || (st.mode & 0o022) !== 0) return false;
  }
  return true;
}

/** Whether any confirmed policy may exist for this user (one stat). */
export function hasConfirmedPolicies(stateDir: string): boolean {
  return fs.statSync(baselineDir(readRoot(stateDir)), { throwIfNoEntry: false }) !== undefined;
}

export const BASELINE_VERSION = 1;
/** A confirmed policy is a hand-written config: anything larger is not one. */
export const MAX_BASELINE_BYTES = 2 * 1024 * 1024;

/** What the baseline file holds. */
export interface PolicyBaseline {
  version: 1;
  /** Absolute workspace folder it belongs to. */
  workspace: string;
  /** ISO time of the human's confirmation. */
  confirmedAt: string;
  /** The confirmed `.agentguard.json` text; null when the confirmed state is "no file". */
  text: string | null;
  /** That text, validated (what the hook judges with); null when there is no file. */
  config: Config | null;
}

export function baselineDir(stateDir: string): string {
  return path.join(stateDir, 'policy');
}

export function baselineFile(stateDir: string, workspace: string): string {
  return path.join(baselineDir(stateDir), sha256Hex(path.resolve(workspace)) + '.json');
}

/**
 * The file a workspace's confirmed policy is read from. Any process of the
 * user may raise the floor there (a tightening needs nobody), so a view of the
 * confirmed policy watches this file rather than its own writes.
 */
export function confirmedPolicyFile(stateDir: string, workspace: string): string {
  return baselineFile(readRoot(stateDir), workspace);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The confirmed baseline, or undefined when there is none or it cannot be
 * trusted (not a regular file, too large, malformed, another workspace's):
 * then the built-in defaults stand in, which is the strict side. Never
 * blocks: a FIFO or device in its place is refused before it is opened.
 */
export function readBaseline(stateDir: string, workspace: string): PolicyBaseline | undefined {
  const kept = keptBaselineRoot();
  if (kept && !trustedRoot(kept)) return undefined;
  return readBaselineIn(kept ?? stateDir, workspace);
}

/** The record in this very state folder (the service reads its own with it). */
export function readBaselineIn(stateDir: string, workspace: string): PolicyBaseline | undefined {
  try {
    const text = readRegularText(baselineFile(stateDir, workspace), MAX_BASELINE_BYTES);
    if (text === undefined) return undefined;
    const value: unknown = JSON.parse(text);
    if (!isObject(value) || value.version !== BASELINE_VERSION || value.workspace !== path.resolve(workspace))
      return undefined;
    if (!(value.text === null || typeof value.text === 'string')) return undefined;
    if (!(value.config === null || isObject(value.config))) return undefined;
    return value as unknown as PolicyBaseline;
  } catch {
    return undefined;
  }
}

/**
 * Records `text` (validated as `config`) as what a human confirmed. For the
 * editor, after a human's click, and for tests; nothing an agent can reach
 * calls it. With an AgentGuard service named, the service keeps the record:
 * this throws, and the editor confirms through the service instead.
 */
export function writeBaseline(
  stateDir: string,
  workspace: string,
  text: string | null,
  config: Config | null,
  now = new Date(),
): string {
  if (keptBaselineRoot())
    throw new Error('confirmed policies are kept by the AgentGuard service: a confirmation goes through it');
  return storeBaseline(stateDir, workspace, text, config, now);
}

/** Writes the record into this very state folder (the service's own, or a user's without a service). */
export function storeBaseline(
  stateDir: string,
  workspace: string,
  text: string | null,
  config: Config | null,
  now = new Date(),
): string {
  const dir = baselineDir(stateDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = baselineFile(stateDir, workspace);
  const record: PolicyBaseline = {
    version: BASELINE_VERSION,
    workspace: path.resolve(workspace),
    confirmedAt: now.toISOString(),
    text,
    config,
  };
  replaceFile(file, JSON.stringify(record, null, 2) + '\n', 0o600);
  return file;
}
