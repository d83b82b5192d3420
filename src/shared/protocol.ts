// Messages of the local approval channel between the agent hook (client) and
// the editor extension (server). One newline-terminated JSON object each way
// per connection: the hook sends a request, the editor answers on that same
// connection once a human has clicked.
//
// There is deliberately no message that grants, pre-approves or remembers an
// approval: a client can only ask and read the answer to its own question.
// An agent that connects to the channel itself learns what a human decided
// about the text it sent, and nothing it could replay to get past the hook.
//
// Version 2: the editor speaks first, a hello naming its process id, so the
// hook can verify who holds the channel before it sends anything; every answer
// carries the digest of the subject the human saw, and a production allow
// says that the environment's name was typed.
import { sha256Hex } from '../core/frontdoor/launch';

export const APPROVAL_PROTOCOL_VERSION = 2;

/**
 * Largest message either side accepts; larger input is a protocol error.
 * A request may carry up to 1 MiB of preview text, which JSON escaping can
 * make up to about twice as long.
 */
export const MAX_APPROVAL_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Bounds of the optional preview, checked on the editor's side too. */
export const MAX_PREVIEW_FILES = 32;
export const MAX_PREVIEW_SAMPLE = 50;

export type ApprovalKind = 'shell' | 'edit' | 'mcp' | 'other';

export interface ApprovalFinding {
  id: string;
  summary: string;
  target?: string;
  alternative?: string;
}

/** What the human is asked to approve; everything the modal shows comes from here. */
export interface ApprovalSubject {
  /** Agent host that asked: `claude`, `cursor`, `copilot`. */
  host: string;
  /** Tool name as the host spelled it (`Bash`, `Write`, `run_in_terminal`, `mcp__db__execute_sql`). */
  tool: string;
  kind: ApprovalKind;
  /** Shell command line, for `shell`. */
  command?: string;
  /** Files written, moved or deleted, for `edit`. */
  paths?: string[];
  /** What the tool call does, in one line, for `mcp` and `other`. */
  summary?: string;
  cwd: string;
  workspace: string;
  score: number;
  environment: { name: string; production: boolean };
  findings: ApprovalFinding[];
  /** Whether a snapshot of what the call destroys was taken before asking (and its id, or why not). */
  snapshot?: { taken: boolean; id?: string; note?: string };
  /** What the change would do to files, when the hook could tell cheaply (only sent with an ask). */
  preview?: ApprovalPreview;
  /** The environment of the workspace itself (the status-bar badge), which may differ from the target's. */
  workspaceEnvironment?: { name: string; production: boolean };
  /** The sandbox the command runs in if allowed (`bubblewrap`, `seatbelt`), as the agent wrote it but confined; absent: unconfined. */
  confined?: string;
}

/** One file before and after; a missing side is not shown, and `note` says why. */
export interface ApprovalPreviewFile {
  path: string;
  before?: string;
  after?: string;
  note?: string;
}

export interface ApprovalPreview {
  files?: ApprovalPreviewFile[];
  /** What a command would delete: `count` files and folders, `bytes` in total, the first paths; `complete` false means "at least". */
  deletes?: { count: number; bytes: number; sample: string[]; complete: boolean };
}

export interface ApprovalRequestMessage {
  type: 'approval.request';
  version: number;
  /** Random id chosen by the client; the answer carries it back. */
  id: string;
  subject: ApprovalSubject;
  /** How long the hook still waits for the answer as it sends this; the question's record with the service ends sooner (absent from an older hook). */
  waitMs?: number;
}

export type ApprovalAnswerDecision = 'allow' | 'deny';

/** First line the editor sends on every connection, before reading anything. */
export interface ApprovalHelloMessage {
  type: 'approval.hello';
  version: number;
  /** The process that listens (the extension host); the hook verifies it holds the channel. */
  pid: number;
}

export interface ApprovalAnswerMessage {
  type: 'approval.answer';
  id: string;
  decision: ApprovalAnswerDecision;
  /** How the answer came about: `user` clicked, or the request was `invalid`, `cancelled`, `busy`. */
  by: 'user' | 'invalid' | 'cancelled' | 'busy';
  reason?: string;
  /** sha256 (hex) of the canonical JSON of the subject the human was shown; absent only when the request could not be read. */
  subjectDigest?: string;
  /** The human typed the production environment's name; required for an allow of a production subject. */
  confirmedProduction?: boolean;
}

/** JSON with object keys sorted at every level, so both sides hash the same bytes for the same subject. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function subjectDigest(subject: ApprovalSubject): string {
  return sha256Hex(canonicalJson(subject));
}

export function parseApprovalHello(line: string): ApprovalHelloMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v) || v.type !== 'approval.hello' || v.version !== APPROVAL_PROTOCOL_VERSION) return undefined;
  if (typeof v.pid !== 'number' || !Number.isSafeInteger(v.pid) || v.pid <= 0) return undefined;
  return v as unknown as ApprovalHelloMessage;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown): v is string | undefined {
  return v === undefined || typeof v === 'string';
}

function isFinding(v: unknown): v is ApprovalFinding {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.summary === 'string' &&
    optionalString(v.target) &&
    optionalString(v.alternative)
  );
}

const KINDS: readonly string[] = ['shell', 'edit', 'mcp', 'other'];

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isPreviewFile(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.path === 'string' &&
    optionalString(v.before) &&
    optionalString(v.after) &&
    optionalString(v.note)
  );
}

function isPreview(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isObject(v)) return false;
  const files = v.files;
  if (files !== undefined && !(Array.isArray(files) && files.length <= MAX_PREVIEW_FILES && files.every(isPreviewFile)))
    return false;
  const d = v.deletes;
  if (d === undefined) return true;
  return (
    isObject(d) &&
    isCount(d.count) &&
    isCount(d.bytes) &&
    typeof d.complete === 'boolean' &&
    Array.isArray(d.sample) &&
    d.sample.length <= MAX_PREVIEW_SAMPLE &&
    d.sample.every((p) => typeof p === 'string')
  );
}

function isEnvironment(v: unknown): boolean {
  return isObject(v) && typeof v.name === 'string' && typeof v.production === 'boolean';
}

/** Validates an untrusted request; returns an error message when it is not one. */
export function parseApprovalRequest(
  line: string,
): { ok: true; message: ApprovalRequestMessage } | { ok: false; id?: string; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { ok: false, error: 'request is not JSON' };
  }
  if (!isObject(v)) return { ok: false, error: 'request is not a JSON object' };
  const id = typeof v.id === 'string' && v.id.length > 0 && v.id.length <= 128 ? v.id : undefined;
  if (v.type !== 'approval.request') return { ok: false, id, error: `unknown message type ${JSON.stringify(v.type)}` };
  if (v.version !== APPROVAL_PROTOCOL_VERSION)
    return { ok: false, id, error: `unsupported protocol version ${JSON.stringify(v.version)}` };
  if (!id) return { ok: false, error: 'request has no id' };
  const s = v.subject;
  if (!isObject(s)) return { ok: false, id, error: 'request has no subject' };
  const env = s.environment;
  const valid =
    typeof s.host === 'string' &&
    typeof s.tool === 'string' &&
    typeof s.kind === 'string' &&
    KINDS.includes(s.kind) &&
    optionalString(s.command) &&
    optionalString(s.summary) &&
    (s.paths === undefined || (Array.isArray(s.paths) && s.paths.every((p) => typeof p === 'string'))) &&
    typeof s.cwd === 'string' &&
    typeof s.workspace === 'string' &&
    typeof s.score === 'number' &&
    Number.isFinite(s.score) &&
    isEnvironment(env) &&
    Array.isArray(s.findings) &&
    s.findings.every(isFinding) &&
    (s.snapshot === undefined ||
      (isObject(s.snapshot) &&
        typeof s.snapshot.taken === 'boolean' &&
        optionalString(s.snapshot.id) &&
        optionalString(s.snapshot.note))) &&
    isPreview(s.preview) &&
    (s.workspaceEnvironment === undefined || isEnvironment(s.workspaceEnvironment)) &&
    optionalString(s.confined) &&
    (s.confined === undefined || s.confined.length <= 64);
  if (!valid) return { ok: false, id, error: 'request subject is malformed' };
  const w = v.waitMs;
  if (w !== undefined && (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0 || w > 10 * 60_000))
    return { ok: false, id, error: 'request waitMs is not a time up to ten minutes' };
  return { ok: true, message: v as unknown as ApprovalRequestMessage };
}

/** Validates an untrusted answer for the request `id`. */
export function parseApprovalAnswer(line: string, id: string): ApprovalAnswerMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v) || v.type !== 'approval.answer' || v.id !== id) return undefined;
  if (v.decision !== 'allow' && v.decision !== 'deny') return undefined;
  if (v.by !== 'user' && v.by !== 'invalid' && v.by !== 'cancelled' && v.by !== 'busy') return undefined;
  if (!optionalString(v.reason) || !optionalString(v.subjectDigest)) return undefined;
  if (v.confirmedProduction !== undefined && typeof v.confirmedProduction !== 'boolean') return undefined;
  // Only a human click can produce an allow; anything else claiming one is malformed.
  if (v.decision === 'allow' && v.by !== 'user') return undefined;
  return v as unknown as ApprovalAnswerMessage;
}
