// Who decides one call, and how it ended, as the lines of its note
// (sameCallNote.ts) tell it: the lines played in order (replay), the same
// way in every process that reads them (sameCall.ts).
import { HOST_ADAPTERS, hostAdapter } from '../hosts';
import type { HostId } from '../hosts/types';
import type { Channel, NoteLine } from './sameCallNote';

/** How long after its outcome a call's first judgment still answers for it. */
export const SAME_CALL_WINDOW_MS = 10_000;
/** A first arrival still deciding after this long (a human who never answered, a crash) is given up. */
export const MAX_PENDING_MS = 120_000;
/** Calls of one content decided at once (a repeat beyond them starts its own). */
const MAX_ENTRIES = 8;

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

/** One call as the note's lines tell it, replayed (sameCallNote.ts). */
interface Entry {
  /** Its first arrival's id. */
  id: string;
  /** Who decides it now: an arrival's id and channel. */
  owner: Channel & { id: string };
  /** The agent session the first arrival named, if any: another session's call is another call. */
  session?: string;
  channels: string[];
  state: 'pending' | 'done' | 'failed' | 'open';
  /** Until when the owner may still be deciding. */
  deadline: number;
  resolvedAt?: number;
  done?: Extract<NoteLine, { t: 'done' }>;
}

type Role = { role: 'owner' | 'repeat'; entry: string } | { role: 'lost' };

/** Layers a replay's roles may stack on those it went on from before they are made one map again. */
const MAX_ROLE_LAYERS = 16;

/**
 * What each arrival (or hand-over) became: those of the lines a replay played
 * itself over those of the replay it went on from, which it never changes
 * (copying them, one per arrival in the note, cost each arrival more than
 * playing its new lines).
 */
class Roles {
  private readonly own = new Map<string, Role>();
  private constructor(
    private readonly below: Roles | undefined,
    private readonly depth: number,
  ) {}

  static none(): Roles {
    return new Roles(undefined, 0);
  }

  /** Roles to play more lines into, over these; past MAX_ROLE_LAYERS over one map of them all. */
  over(): Roles {
    if (this.depth < MAX_ROLE_LAYERS) return new Roles(this, this.depth + 1);
    const flat = new Roles(undefined, 0);
    for (const [id, role] of this) flat.own.set(id, role);
    return new Roles(flat, 1);
  }

  set(id: string, role: Role): void {
    this.own.set(id, role);
  }

  get(id: string): Readonly<Role> | undefined {
    return this.own.get(id) ?? this.below?.get(id);
  }

  /** Every arrival's role, as one map of them all played in order would list them. */
  *[Symbol.iterator](): IterableIterator<[string, Readonly<Role>]> {
    yield* this.all();
  }

  private all(): Map<string, Role> {
    const all = this.below ? this.below.all() : new Map<string, Role>();
    for (const [id, role] of this.own) all.set(id, role);
    return all;
  }
}

/** A replay's state as it is played. */
interface Played {
  entries: Map<string, Entry>;
  roles: Roles;
}

/** What replaying a note gives: every call in it, and what each arrival (or hand-over) became. Shared: read only. */
export interface Replayed {
  readonly entries: ReadonlyMap<string, Readonly<Omit<Entry, 'channels'>> & { readonly channels: readonly string[] }>;
  readonly roles: Pick<Roles, 'get' | typeof Symbol.iterator>;
}

export const channelName = (c: Channel) => `${c.host} ${c.event}`;

export function live(e: Readonly<Pick<Entry, 'state' | 'deadline' | 'resolvedAt'>>, now: number): boolean {
  if (e.state === 'pending' || e.state === 'open') return now < e.deadline;
  return e.resolvedAt !== undefined && now - e.resolvedAt < SAME_CALL_WINDOW_MS;
}

/** Plays `lines` onto `state`, in order (see replay). */
function playOnto({ entries, roles }: Played, lines: readonly NoteLine[]): void {
  for (const l of lines) {
    if (l.t === 'arrive') {
      const channel = channelName(l);
      // A call past its window is forgotten for good, as each arrival finds it: its late outcome counts no more.
      for (const [id, x] of entries) if (!live(x, l.at)) entries.delete(id);
      const current = [...entries.values()];
      const e = current.find(
        (x) =>
          !x.channels.includes(channel) &&
          sameCallChannels(x.owner, l) &&
          !(x.session && l.session && x.session !== l.session),
      );
      if (!e || e.state === 'failed') {
        if (current.length >= MAX_ENTRIES) entries.delete(current[0].id);
        entries.set(l.id, {
          id: l.id,
          owner: { host: l.host, event: l.event, id: l.id },
          ...(l.session ? { session: l.session } : {}),
          channels: [channel],
          state: 'pending',
          deadline: l.deadline,
        });
        roles.set(l.id, { role: 'owner', entry: l.id });
      } else {
        e.channels.push(channel);
        // A first arrival that left the decision to another channel (Cursor's preToolUse): this one decides.
        if (e.state === 'open') {
          e.owner = { host: l.host, event: l.event, id: l.id };
          e.state = 'pending';
          e.deadline = l.deadline;
          roles.set(l.id, { role: 'owner', entry: e.id });
        } else roles.set(l.id, { role: 'repeat', entry: e.id });
      }
      continue;
    }
    const e = entries.get(l.entry);
    if (l.t === 'take') {
      // The first waiting arrival to take a decision left open decides it; the others judge alone.
      if (e?.state === 'open' && e.channels.includes(channelName(l))) {
        e.owner = { host: l.host, event: l.event, id: l.id };
        e.state = 'pending';
        e.deadline = l.deadline;
        roles.set(l.id, { role: 'owner', entry: e.id });
      } else roles.set(l.id, { role: 'lost' });
      continue;
    }
    // An outcome counts only from the arrival deciding the call now, and only once.
    if (!e || e.state !== 'pending' || e.owner.id !== l.by) continue;
    if (l.t === 'open') {
      e.state = 'open';
      e.deadline = l.at + MAX_PENDING_MS;
    } else {
      e.state = l.t;
      e.resolvedAt = l.at;
      if (l.t === 'done') e.done = l;
    }
  }
}

/**
 * Replays lately made, with the lines they played. A note's lines come from
 * parseNote, which hands out the very same objects for the lines of a note
 * it read before (and no one changes them); a note only grows, so the next
 * read of it starts with the lines of the last one. Lines that are, one by
 * one, the same objects as a known replay's are the same lines, and playing
 * them again would end in the same state: the replay goes on from a copy of
 * that state with the lines after them. Anything else is played from the
 * start, as ever.
 */
const replays: { lines: readonly NoteLine[]; state: Played }[] = [];
const MAX_REPLAYS = 8;

function startsWithLines(lines: readonly NoteLine[], known: readonly NoteLine[]): boolean {
  if (known.length > lines.length) return false;
  for (let i = known.length - 1; i >= 0; i--) if (lines[i] !== known[i]) return false;
  return true;
}

/** A state to play on without changing `state`: its entries copied (their channels too), its roles layered over. */
function copyOf(state: Played): Played {
  const entries = new Map<string, Entry>();
  for (const [id, e] of state.entries) entries.set(id, { ...e, channels: [...e.channels] });
  return { entries, roles: state.roles.over() };
}

/**
 * The note's lines played in order. Each line is judged by the state the
 * lines before it left and by its own time, so every process that reads the
 * same lines agrees on every arrival's role. The state returned is shared
 * with later replays: read it, never change it.
 */
export function replay(lines: readonly NoteLine[]): Replayed {
  let known: (typeof replays)[number] | undefined;
  for (const r of replays)
    if ((!known || r.lines.length > known.lines.length) && startsWithLines(lines, r.lines)) known = r;
  if (known?.lines.length === lines.length) {
    replays.splice(replays.indexOf(known), 1);
    replays.unshift(known);
    return known.state;
  }
  // The one gone on from stays too: an arrival plays its note with its own line added (startAnew), then as read back.
  if (replays.length >= MAX_REPLAYS) replays.pop();
  const state: Played = known ? copyOf(known.state) : { entries: new Map(), roles: Roles.none() };
  playOnto(state, known ? lines.slice(known.lines.length) : lines);
  replays.unshift({ lines: [...lines], state });
  return state;
}
