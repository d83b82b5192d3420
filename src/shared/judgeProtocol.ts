// Messages between the hook (client) and the editor's judge (server): the
// hook hands a whole call — the host's payload, its environment and working
// folder — to the extension host, which judges, records and shapes the
// answer exactly as the CLI would (core/frontdoor/call.ts), and sends back what
// the hook prints. One newline-terminated JSON object each way per
// connection, after the judge's hello.
//
// Kept free of node:crypto and of any validation library: the hook's client
// loads this before every agent command, and its start-up is the point.
import { HOSTS, type HostId } from '../core/frontdoor/launch';

export const JUDGE_PROTOCOL_VERSION = 1;

/** A payload is at most 1 MiB and an environment a few KiB; JSON escaping can double both. */
export const MAX_JUDGE_MESSAGE_BYTES = 4 * 1024 * 1024;
const MAX_ENV_ENTRIES = 4096;
const MAX_INSTALL_DIRS = 8;

/** First line the judge sends: who it is, so the hook can verify it before sending anything. */
export interface JudgeHelloMessage {
  type: 'judge.hello';
  version: number;
  pid: number;
  /** The build of AgentGuard the judge runs; the hook hands calls only to its own build. */
  build: string;
  /** Its descriptor of the listening socket: where the hook looks first to verify it holds it. */
  fd?: number;
}

export interface JudgeRequestMessage {
  type: 'judge.request';
  version: number;
  host: HostId;
  /** The payload as read from stdin, or why it could not be read. */
  input: { ok: true; text: string } | { ok: false; error: string };
  env: Record<string, string>;
  cwd: string;
  /** Folders of the CLI the host ran (protected like the judge's own). */
  install: string[];
  /**
   * When the hook started (ms since epoch), as the client says: informative
   * only. The judge records and counts a call at its own clock's time.
   */
  startedAt: number;
}

/** What the hook prints and exits with: the host's own form of the answer, already recorded. */
export interface JudgeAnswerMessage {
  type: 'judge.answer';
  stdout: string;
  stderr?: string;
  exitCode: number;
}

/** The judge does not take this call (another window shows its folder, it is busy, …): the hook judges it itself. */
export interface JudgeDeclineMessage {
  type: 'judge.decline';
  reason: string;
  /** A terminal line left to its gate: whose line the judge found it to be, so the gate judges it as that. */
  origin?: 'agent-terminal' | 'human-terminal' | 'extension-host' | 'outside';
  humanGating?: 'off' | 'production' | 'all';
  label?: string;
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseJudgeHello(line: string): JudgeHelloMessage | undefined {
  const v = parse(line);
  if (!v || v.type !== 'judge.hello' || v.version !== JUDGE_PROTOCOL_VERSION) return undefined;
  if (typeof v.pid !== 'number' || !Number.isSafeInteger(v.pid) || v.pid <= 1 || typeof v.build !== 'string')
    return undefined;
  if (v.fd !== undefined && !(typeof v.fd === 'number' && Number.isSafeInteger(v.fd) && v.fd >= 0)) return undefined;
  return v as unknown as JudgeHelloMessage;
}

/** Sent before the judge puts the call to a human: the answer may now take as long as the host allows. */
export interface JudgeAskingMessage {
  type: 'judge.asking';
}

/** The judge's reply: an answer the hook can print as it is, a decline, "asking", or undefined when it is none. */
export function parseJudgeReply(
  line: string,
): JudgeAnswerMessage | JudgeDeclineMessage | JudgeAskingMessage | undefined {
  const v = parse(line);
  if (!v) return undefined;
  if (v.type === 'judge.asking') return { type: 'judge.asking' };
  if (v.type === 'judge.decline')
    return typeof v.reason === 'string' ? (v as unknown as JudgeDeclineMessage) : undefined;
  if (
    v.type !== 'judge.answer' ||
    typeof v.stdout !== 'string' ||
    (v.stderr !== undefined && typeof v.stderr !== 'string')
  )
    return undefined;
  // 0 allow (or a JSON answer), 1 Amp's ask, 2 block: no other exit code is an answer any host reads.
  if (v.exitCode !== 0 && v.exitCode !== 1 && v.exitCode !== 2) return undefined;
  return v as unknown as JudgeAnswerMessage;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= MAX_ENV_ENTRIES && entries.every(([, x]) => typeof x === 'string');
}

/**
 * Another window of the editor asks whether this one released the kill
 * switch at `since` (a release it finds in the kill switch file naming this
 * window's process). Only the window that clicked can say yes.
 */
export interface JudgeReleaseQuery {
  type: 'judge.release-query';
  version: number;
  since: string;
}

export interface JudgeReleaseAnswer {
  type: 'judge.release-answer';
  since: string;
  /** True only when this window's own last write to the kill switch was a release at `since`. */
  released: boolean;
}

export function parseReleaseQuery(line: string): JudgeReleaseQuery | undefined {
  const v = parse(line);
  if (
    !v ||
    v.type !== 'judge.release-query' ||
    v.version !== JUDGE_PROTOCOL_VERSION ||
    typeof v.since !== 'string' ||
    v.since.length > 64
  )
    return undefined;
  return v as unknown as JudgeReleaseQuery;
}

export function parseReleaseAnswer(line: string): JudgeReleaseAnswer | undefined {
  const v = parse(line);
  if (!v || v.type !== 'judge.release-answer' || typeof v.since !== 'string' || typeof v.released !== 'boolean')
    return undefined;
  return v as unknown as JudgeReleaseAnswer;
}

/** Validates an untrusted request (anyone of this user can connect). */
export function parseJudgeRequest(
  line: string,
): { ok: true; message: JudgeRequestMessage } | { ok: false; error: string } {
  const v = parse(line);
  if (!v) return { ok: false, error: 'request is not a JSON object' };
  if (v.type !== 'judge.request') return { ok: false, error: `unknown message type ${JSON.stringify(v.type)}` };
  if (v.version !== JUDGE_PROTOCOL_VERSION)
    return { ok: false, error: `unsupported protocol version ${JSON.stringify(v.version)}` };
  if (typeof v.host !== 'string' || !HOSTS.includes(v.host as HostId))
    return { ok: false, error: 'request names no known host' };
  const input = v.input as Record<string, unknown> | undefined;
  const inputOk =
    typeof input === 'object' &&
    input !== null &&
    ((input.ok === true && typeof input.text === 'string') || (input.ok === false && typeof input.error === 'string'));
  if (!inputOk) return { ok: false, error: 'request has no readable input' };
  if (!isStringRecord(v.env)) return { ok: false, error: 'request environment is malformed' };
  if (typeof v.cwd !== 'string' || !v.cwd.startsWith('/'))
    return { ok: false, error: 'request has no absolute working folder' };
  if (
    !Array.isArray(v.install) ||
    v.install.length > MAX_INSTALL_DIRS ||
    !v.install.every((d) => typeof d === 'string' && d.startsWith('/'))
  ) {
    return { ok: false, error: 'request install folders are malformed' };
  }
  if (typeof v.startedAt !== 'number' || !Number.isFinite(v.startedAt))
    return { ok: false, error: 'request has no start time' };
  return { ok: true, message: v as unknown as JudgeRequestMessage };
}

// --- terminal lines ----------------------------------------------------------
// A shell's gate (src/cli/gate.ts) keeps one connection open and sends one
// `judge.line` at a time; each gets a `judge.asking` (a human is being asked)
// and then one `judge.lineAnswer`. Who the line comes from is not taken from
// the request: the judge finds it from the shell's process (its terminal, or
// the extension host above it).

/** Shells a gate runs in (core/terminal/types.ts GateShell). */
const LINE_SHELLS = ['bash', 'zsh', 'fish', 'pwsh', 'sh'] as const;
const LINE_VIAS = ['terminal', 'bash-env', 'zdotdir', 'shim'] as const;

export interface JudgeLineMessage {
  type: 'judge.line';
  version: number;
  line: string;
  shell: (typeof LINE_SHELLS)[number];
  via: (typeof LINE_VIAS)[number];
  /** The shell the line runs in: the judge finds its terminal (or the extension host) from it. */
  shellPid: number;
  cwd: string;
  env: Record<string, string>;
  /** Folders of the CLI the gate runs (protected like the judge's own). */
  install: string[];
  /** A program name the line is known by (a shim's program, `bash -c`). */
  label?: string;
  /** The terminal shell's aliases and the functions the line names, as the shell prints them: the line means what they make it. */
  shellState?: string;
}

export interface JudgeLineAnswerMessage {
  type: 'judge.lineAnswer';
  decision: 'allow' | 'more' | 'deny';
  /** deny: what the shell prints instead of running the line. allow: a note printed before it runs. */
  message?: string;
}

export function parseJudgeLine(line: string): { ok: true; message: JudgeLineMessage } | { ok: false; error: string } {
  const v = parse(line);
  if (!v || v.type !== 'judge.line') return { ok: false, error: 'not a line request' };
  if (v.version !== JUDGE_PROTOCOL_VERSION)
    return { ok: false, error: `unsupported protocol version ${JSON.stringify(v.version)}` };
  if (typeof v.line !== 'string') return { ok: false, error: 'line request has no line' };
  if (!LINE_SHELLS.includes(v.shell as JudgeLineMessage['shell']))
    return { ok: false, error: 'line request names no known shell' };
  if (!LINE_VIAS.includes(v.via as JudgeLineMessage['via']))
    return { ok: false, error: 'line request names no known gate' };
  if (typeof v.shellPid !== 'number' || !Number.isSafeInteger(v.shellPid) || v.shellPid <= 1)
    return { ok: false, error: 'line request names no shell process' };
  if (typeof v.cwd !== 'string' || !v.cwd.startsWith('/'))
    return { ok: false, error: 'line request has no absolute working folder' };
  if (!isStringRecord(v.env)) return { ok: false, error: 'line request environment is malformed' };
  if (
    !Array.isArray(v.install) ||
    v.install.length > MAX_INSTALL_DIRS ||
    !v.install.every((d) => typeof d === 'string' && d.startsWith('/'))
  ) {
    return { ok: false, error: 'line request install folders are malformed' };
  }
  if (v.label !== undefined && typeof v.label !== 'string')
    return { ok: false, error: 'line request label is malformed' };
  if (v.shellState !== undefined && typeof v.shellState !== 'string')
    return { ok: false, error: 'line request shell state is malformed' };
  return { ok: true, message: v as unknown as JudgeLineMessage };
}

/** The judge's reply to a line: an answer, "asking", or a decline (the gate then judges it itself); undefined when it is none. */
export function parseJudgeLineReply(
  line: string,
): JudgeLineAnswerMessage | JudgeDeclineMessage | JudgeAskingMessage | undefined {
  const v = parse(line);
  if (!v) return undefined;
  if (v.type === 'judge.asking') return { type: 'judge.asking' };
  if (v.type === 'judge.decline') {
    if (typeof v.reason !== 'string') return undefined;
    const origins = ['agent-terminal', 'human-terminal', 'extension-host', 'outside'];
    const gatings = ['off', 'production', 'all'];
    return {
      type: 'judge.decline',
      reason: v.reason,
      ...(origins.includes(v.origin as string) ? { origin: v.origin as JudgeDeclineMessage['origin'] } : {}),
      ...(gatings.includes(v.humanGating as string)
        ? { humanGating: v.humanGating as JudgeDeclineMessage['humanGating'] }
        : {}),
      ...(typeof v.label === 'string' ? { label: v.label } : {}),
    };
  }
  if (v.type !== 'judge.lineAnswer' || !['allow', 'more', 'deny'].includes(v.decision as string)) return undefined;
  if (v.message !== undefined && typeof v.message !== 'string') return undefined;
  if (v.decision === 'deny' && typeof v.message !== 'string') return undefined;
  return v as unknown as JudgeLineAnswerMessage;
}
