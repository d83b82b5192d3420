// One call, one judgment. Some hosts read each other's hook files — Cursor
// runs the hooks of `.claude/settings.json` besides its own, VS Code runs
// `.claude/settings.json` and every file in `.github/hooks` — and Cursor
// itself fires `preToolUse` and `beforeShellExecution` for one shell call. So
// one tool call can reach the hook two or three times, on different
// channels (host and event). The first arrival judges it (counts it toward
// the rate limit, takes its snapshot, asks the human, records it); a later
// arrival of the same call on another channel repeats that outcome without
// a second modal, count or record.
//
// "The same call" is: the same content (the command and folder, the files
// and their new content, the MCP tool and its input), judged the same way
// (decision, findings, environment — so a harmless look-alike never shares
// an outcome with a gated call), from the same agent session where both
// arrivals name one, on a channel that can see the same calls as the first
// one's, while the first is being decided or within a few seconds after.
// Each channel takes part once: a repeat of the call by the agent arrives on
// the same channels again and is judged again.
//
// What an agent could forge: it can run `agentguard hook …` itself, with any
// payload. As the first arrival, its call is judged by AgentGuard, not by
// it — a gated one is put to a human, and what a later arrival repeats is
// that human's answer to exactly that content. As a later arrival, it gets
// the first one's answer itself (useless to it) and uses up one channel: the
// real arrival on that channel then starts a new entry and is judged in
// full. Nothing it does makes a gated call pass unjudged. The entries live in
// the state folder, which no agent may write, as lines appended to one note
// per content (sameCallNote.ts): no lock, and a line that is not whole is
// never read as an outcome.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Resolution } from '../hosts/messages';
import type { HookRequest, HostId } from '../hosts/types';
import type { Verdict } from '../types';
import type { SnapshotStatus } from '../snapshot/before';
import { sha256HexAnySize } from '../text/sha256';
import { appendNoteLine, NOTE_HARD_BYTES, parseNote, readNote, type NoteLine } from './sameCallNote';
import {
  channelName,
  live,
  MAX_PENDING_MS,
  mayShareCalls,
  replay,
  SAME_CALL_WINDOW_MS,
  type Replayed,
} from './sameCallReplay';

const POLL_MS = 50;

/** What the first arrival decided, recorded: its final verdict (the rate limit may have halted it) and how an ask ended. */
type Outcome =
  { state: 'done'; verdict: Verdict; resolution: Resolution; snapshot?: SnapshotStatus } | { state: 'failed' };

/** The content that makes two arrivals one call, with the verdict that judged it. */
function identity(req: HookRequest, cwd: string, workspace: string, verdict: Verdict): string {
  const content = {
    kind: req.kind,
    cwd,
    workspace,
    ...(req.kind === 'shell' ? { command: req.command ?? '' } : {}),
    ...(req.kind === 'edit'
      ? {
          targets: (req.targets ?? []).map((t) => ({
            path: path.resolve(cwd, t.path),
            op: t.op,
            content: t.content,
            edits: t.edits,
            fragment: t.fragment,
          })),
        }
      : {}),
    ...(req.kind === 'mcp' ? { mcp: { server: req.mcp?.server, tool: req.mcp?.tool, input: req.mcp?.input } } : {}),
    // Any other tool: its name and everything it was given that the judgment reads (files a read tool reaches).
    ...(req.kind === 'other' ? { tool: req.toolName, reads: req.reads ?? null, readOnly: req.readOnly ?? null } : {}),
    judged: [
      verdict.decision,
      verdict.score,
      verdict.findings.map((f) => f.id),
      verdict.environment.name,
      verdict.environment.production,
      verdict.rule?.match ?? null,
      verdict.monitored ?? null,
      verdict.handedOver ?? null,
    ],
  };
  return sha256HexAnySize(JSON.stringify(content));
}

function folder(stateDir: string): string {
  return path.join(stateDir, 'calls');
}

let arrivals = 0;
/** Unique among the arrivals of one note: this process, a counter, and chance for a process id used again. */
function arrivalId(): string {
  return `${process.pid}.${++arrivals}.${Math.random().toString(36).slice(2, 10)}`;
}

/** Old files of calls long decided: removed now and then, a few at a time. */
function sweep(dir: string, now: number, inUse: string): void {
  try {
    for (const name of fs.readdirSync(dir).slice(0, 64)) {
      const f = path.join(dir, name);
      if (f === inUse) continue;
      const st = fs.statSync(f, { throwIfNoEntry: false });
      if (st && now - st.mtimeMs > MAX_PENDING_MS + SAME_CALL_WINDOW_MS) fs.rmSync(f, { force: true });
    }
  } catch {
    // Only tidiness.
  }
}

/** What the first arrival does with its judgment: settles it for later arrivals (or gives up its place). */
export interface SameCallOwner {
  role: 'owner';
  /** Once recorded: the outcome later arrivals repeat. `open` when this arrival left the decision to another channel. */
  settle(outcome: Outcome | { state: 'open' }, at?: number): void;
}

export type SameCall =
  | SameCallOwner
  /**
   * Another arrival of this call decided (or is deciding) it: wait for its
   * outcome. `owner`: it left the decision to another channel, and this one
   * takes it; undefined: it did not decide in time, or could not record it
   * (this one judges alone).
   */
  | {
      role: 'repeat';
      wait(
        timeoutMs: number,
      ): Promise<Extract<Outcome, { state: 'done' }> | { state: 'owner'; owner: SameCallOwner } | undefined>;
    }
  /** Not taking part (another host, no state folder, a lock that did not come): judge as always. */
  | { role: 'alone' };

const ALONE: SameCall = { role: 'alone' };

/**
 * Takes this arrival's place among the arrivals of its call. Never throws:
 * anything that goes wrong judges the call on its own (at worst counted and
 * recorded twice, never less).
 */
export function claimSameCall(
  stateDir: string,
  host: HostId,
  req: HookRequest,
  cwd: string,
  workspace: string,
  verdict: Verdict,
  budgetMs: number,
  now = Date.now(),
): SameCall {
  if (!mayShareCalls(host)) return ALONE;
  // A tool whose input AgentGuard does not read has no content to tell two calls apart: gated, each is judged on its own.
  if (req.kind === 'other' && !req.reads?.length && verdict.decision !== 'allow') return ALONE;
  try {
    const dir = folder(stateDir);
    const file = path.join(dir, `${identity(req, cwd, workspace, verdict)}.log`);
    const id = arrivalId();
    const line: NoteLine = {
      t: 'arrive',
      id,
      at: now,
      deadline: now + Math.min(budgetMs, MAX_PENDING_MS),
      host,
      event: req.event,
      ...(req.sessionId ? { session: req.sessionId } : {}),
    };
    const startAnew = (note: string, size: number) => {
      const lines = parseNote(note);
      if (![...replay(lines).entries.values()].some((e) => live(e, now))) return true;
      // Past the hard bound, only an arrival that would decide a call of its own starts it anew: no call loses its later arrivals.
      const would = size >= NOTE_HARD_BYTES ? replay([...lines, line]).roles.get(id) : undefined;
      return would?.role === 'owner' && would.entry === id;
    };
    let text: string | undefined;
    try {
      text = appendNoteLine(file, line, { readBack: true, startAnew });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      text = appendNoteLine(file, line, { readBack: true, startAnew });
    }
    const replayed = replay(parseNote(text ?? ''));
    const mine = replayed.roles.get(id);
    if (!mine || mine.role === 'lost') return ALONE;
    // Tidying reads the whole folder: now and then is enough.
    if (mine.role === 'owner' && Math.random() < 1 / 32) sweep(dir, now, file);
    return mine.role === 'owner'
      ? owner(file, mine.entry, id)
      : repeat(file, mine.entry, channelName({ host, event: req.event }), budgetMs, replayed);
  } catch {
    return ALONE;
  }
}

/** `by`: the arrival that decides `entry`; an outcome from any other is ignored. */
function owner(file: string, entry: string, by: string): SameCallOwner {
  return {
    role: 'owner',
    settle: (outcome, at = Date.now()) => {
      try {
        appendNoteLine(
          file,
          outcome.state === 'done'
            ? {
                t: 'done',
                entry,
                by,
                at,
                verdict: outcome.verdict,
                resolution: outcome.resolution,
                ...(outcome.snapshot ? { snapshot: outcome.snapshot } : {}),
              }
            : { t: outcome.state, entry, by, at },
        );
      } catch {
        // Later arrivals then wait out the deadline and answer on their own.
      }
    },
  };
}

/** `known`: the note as this arrival found it (often with the outcome in it already: read again only while waiting). */
function repeat(file: string, entry: string, channel: string, budgetMs: number, known: Replayed): SameCall {
  return {
    role: 'repeat',
    wait: async (timeoutMs) => {
      const until = Date.now() + timeoutMs;
      for (let seen: Replayed | undefined = known; ; seen = undefined) {
        const text = seen ? '' : readNote(file);
        // Unreadable, or started anew without this call: this arrival judges it on its own.
        if (text === undefined) return undefined;
        const e = (seen ?? replay(parseNote(text))).entries.get(entry);
        if (!e?.channels.includes(channel)) return undefined;
        // A copy (of what was parsed from JSON, so whole): the note's parsed lines are shared with its later reads (parseNote).
        if (e.state === 'done' && e.done)
          return copied({
            state: 'done',
            verdict: e.done.verdict,
            resolution: e.done.resolution,
            ...(e.done.snapshot ? { snapshot: e.done.snapshot } : {}),
          });
        // The first arrival could not record the call: this one judges (and records) it on its own.
        if (e.state === 'failed') return undefined;
        if (e.state === 'open') return takeOver(file, entry, channel, budgetMs);
        if (Date.now() >= Math.min(until, e.deadline)) return undefined;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
  };
}

const copied = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The first arrival left the decision to another channel while this one waited: this one decides, if first to say so. */
function takeOver(
  file: string,
  entry: string,
  channel: string,
  budgetMs: number,
): { state: 'owner'; owner: SameCallOwner } | undefined {
  try {
    const id = arrivalId();
    const now = Date.now();
    const text = appendNoteLine(
      file,
      {
        t: 'take',
        id,
        entry,
        at: now,
        deadline: now + Math.min(budgetMs, MAX_PENDING_MS),
        host: channel.split(' ')[0] as HostId,
        event: channel.slice(channel.indexOf(' ') + 1),
      },
      { readBack: true },
    );
    const mine = replay(parseNote(text ?? '')).roles.get(id);
    return mine?.role === 'owner' ? { state: 'owner', owner: owner(file, entry, id) } : undefined;
  } catch {
    return undefined;
  }
}
