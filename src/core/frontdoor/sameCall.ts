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
// the state folder, which no agent may write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Resolution } from '../hosts/messages';
import { HOST_ADAPTERS, hostAdapter } from '../hosts';
import type { HookRequest, HostId } from '../hosts/types';
import type { Verdict } from '../types';
import type { SnapshotStatus } from '../snapshot/before';
import { acquireLock } from '../state/audit';
import { readRegularFile } from '../state/regularFile';
import { sha256HexAnySize } from '../text/sha256';

/** How long after its outcome a call's first judgment still answers for it. */
export const SAME_CALL_WINDOW_MS = 10_000;
/** A first arrival still deciding after this long (a human who never answered, a crash) is given up. */
const MAX_PENDING_MS = 120_000;
const MAX_ENTRIES = 8;
const MAX_FILE_BYTES = 256 * 1024;
const LOCK_WAIT_MS = 2000;
const POLL_MS = 50;

/** Hosts that can see the same calls (each adapter's `runsHooksOf`: Cursor and VS Code run Claude Code's hooks, VS Code and Copilot CLI's…). */
const SHARED: ReadonlyArray<readonly [HostId, HostId]> = HOST_ADAPTERS.flatMap((a) =>
  (a.runsHooksOf ?? []).map((b) => [a.id, b] as const),
);

/** Whether two channels (host and event) can carry the same call. */
export function sameCallChannels(a: { host: HostId; event: string }, b: { host: HostId; event: string }): boolean {
  if (a.host === b.host) return hostAdapter(a.host).severalEvents === true && a.event !== b.event;
  return SHARED.some(([x, y]) => (a.host === x && b.host === y) || (a.host === y && b.host === x));
}

/** Hosts that take part at all (a call from any other host is judged on its own, as ever). */
export function mayShareCalls(host: HostId): boolean {
  return SHARED.some(([x, y]) => x === host || y === host) || hostAdapter(host).severalEvents === true;
}

/** What the first arrival decided, recorded: its final verdict (the rate limit may have halted it) and how an ask ended. */
type Outcome =
  { state: 'done'; verdict: Verdict; resolution: Resolution; snapshot?: SnapshotStatus } | { state: 'failed' };

interface Entry {
  created: number;
  /** Until when the owner may still be deciding. */
  deadline: number;
  owner: { host: HostId; event: string; pid: number };
  /** The agent session the first arrival named, if any: another session's call is another call. */
  session?: string;
  channels: string[];
  state: 'pending' | 'done' | 'failed' | 'open';
  resolvedAt?: number;
  verdict?: Verdict;
  resolution?: Resolution;
  snapshot?: SnapshotStatus;
}

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

function read(file: string): Entry[] {
  const r = readRegularFile(file, MAX_FILE_BYTES);
  if (!r.ok) return [];
  try {
    const v = JSON.parse(r.text) as { entries?: unknown };
    return Array.isArray(v.entries) ? (v.entries as Entry[]) : [];
  } catch {
    return [];
  }
}

function write(file: string, entries: Entry[]): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ version: 1, entries }) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function live(e: Entry, now: number): boolean {
  if (e.state === 'pending' || e.state === 'open') return now < e.deadline;
  return e.resolvedAt !== undefined && now - e.resolvedAt < SAME_CALL_WINDOW_MS;
}

/** Old files of calls long decided: removed now and then, a few at a time. */
function sweep(dir: string, now: number): void {
  try {
    for (const name of fs.readdirSync(dir).slice(0, 64)) {
      const f = path.join(dir, name);
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
  settle(outcome: Outcome | { state: 'open' }): void;
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
  const me = { host, event: req.event };
  const channel = `${host} ${req.event}`;
  try {
    const dir = folder(stateDir);
    const file = path.join(dir, `${identity(req, cwd, workspace, verdict)}.json`);
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const lock = acquireLock(`${file}.lock`, LOCK_WAIT_MS);
    if ('error' in lock) return ALONE;
    let index: number;
    let role: 'owner' | 'repeat';
    let entriesCreated: number;
    try {
      const entries = read(file).filter((e) => live(e, now));
      const session = req.sessionId;
      index = entries.findIndex(
        (e) =>
          !e.channels.includes(channel) &&
          sameCallChannels(e.owner, me) &&
          !(e.session && session && e.session !== session),
      );
      if (index === -1 || entries[index].state === 'failed') {
        if (entries.length >= MAX_ENTRIES) entries.shift();
        // `created` names the entry: unique within its file even for two arrivals in the same millisecond.
        const created = Math.max(now, ...entries.map((e) => e.created + 1));
        entries.push({
          created,
          deadline: now + Math.min(budgetMs, MAX_PENDING_MS),
          owner: { ...me, pid: process.pid },
          ...(session ? { session } : {}),
          channels: [channel],
          state: 'pending',
        });
        index = entries.length - 1;
        role = 'owner';
        // Tidying reads the whole folder: now and then is enough.
        if (Math.random() < 1 / 32) sweep(dir, now);
      } else {
        const e = entries[index];
        e.channels.push(channel);
        // A first arrival that left the decision to another channel (Cursor's preToolUse): this one decides.
        if (e.state === 'open') {
          e.owner = { ...me, pid: process.pid };
          e.state = 'pending';
          e.deadline = now + Math.min(budgetMs, MAX_PENDING_MS);
          role = 'owner';
        } else role = 'repeat';
      }
      entriesCreated = entries[index].created;
      write(file, entries);
    } finally {
      lock.release();
    }
    const created = entriesCreated;
    return role === 'owner' ? owner(file, created) : repeat(file, created, channel, budgetMs);
  } catch {
    return ALONE;
  }
}

function owner(file: string, created: number): SameCallOwner {
  return {
    role: 'owner',
    settle: (outcome) => {
      try {
        const lock = acquireLock(`${file}.lock`, LOCK_WAIT_MS);
        if ('error' in lock) return;
        try {
          const entries = read(file);
          const e = entries.find((x) => x.created === created && x.owner.pid === process.pid && x.state === 'pending');
          if (!e) return;
          const now = Date.now();
          if (outcome.state === 'open') {
            e.state = 'open';
            e.deadline = now + MAX_PENDING_MS;
          } else {
            e.state = outcome.state;
            e.resolvedAt = now;
            if (outcome.state === 'done') {
              e.verdict = outcome.verdict;
              e.resolution = outcome.resolution;
              if (outcome.snapshot) e.snapshot = outcome.snapshot;
            }
          }
          write(file, entries);
        } finally {
          lock.release();
        }
      } catch {
        // Later arrivals then wait out the deadline and answer on their own.
      }
    },
  };
}

function repeat(file: string, created: number, channel: string, budgetMs: number): SameCall {
  const mine = (x: Entry) => x.created === created && x.channels.includes(channel);
  return {
    role: 'repeat',
    wait: async (timeoutMs) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const e = read(file).find(mine);
        if (!e) return undefined;
        if (e.state === 'done' && e.verdict && e.resolution)
          return {
            state: 'done',
            verdict: e.verdict,
            resolution: e.resolution,
            ...(e.snapshot ? { snapshot: e.snapshot } : {}),
          };
        // The first arrival could not record the call: this one judges (and records) it on its own.
        if (e.state === 'failed') return undefined;
        if (e.state === 'open') return takeOver(file, created, channel, budgetMs);
        if (Date.now() >= Math.min(until, e.deadline)) return undefined;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
  };
}

/** The first arrival left the decision to another channel while this one waited: this one decides. */
function takeOver(
  file: string,
  created: number,
  channel: string,
  budgetMs: number,
): { state: 'owner'; owner: SameCallOwner } | undefined {
  try {
    const lock = acquireLock(`${file}.lock`, LOCK_WAIT_MS);
    if ('error' in lock) return undefined;
    try {
      const entries = read(file);
      const e = entries.find((x) => x.created === created && x.channels.includes(channel) && x.state === 'open');
      if (!e) return undefined;
      const now = Date.now();
      e.state = 'pending';
      e.owner = {
        host: channel.split(' ')[0] as HostId,
        event: channel.slice(channel.indexOf(' ') + 1),
        pid: process.pid,
      };
      e.deadline = now + Math.min(budgetMs, MAX_PENDING_MS);
      write(file, entries);
      return { state: 'owner', owner: owner(file, created) };
    } finally {
      lock.release();
    }
  } catch {
    return undefined;
  }
}
