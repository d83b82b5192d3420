// How the editor's judge puts a question to a human and when it leaves a
// call to the caller's own process: shared by hook calls (server.ts) and
// terminal lines (lines.ts), so both ask through the same window's channel
// and decline for the same reasons.
import * as path from 'node:path';
import type { ApprovalServer } from '../approval/server';
import { findApprovalSockets, listeningChannels } from '../approval/paths';
import type { AskEditor, HookRequest, Reading, WorkspaceLocation } from '../../core/frontdoor/call';
import { approvalFolders, approvalQuestion } from '../../core/frontdoor/question';
import { needsSnapshotProcess } from '../../core/frontdoor/wayBack';

/** Channels asked about for one state folder and call folders, nearest first: a few per workspace a judge sees. */
const candidates = new Map<string, readonly string[]>();
const MAX_CANDIDATE_LISTS = 64;

/**
 * The channel of the nearest editor folder enclosing `dirs` that is listening
 * (findApprovalSockets' first), or undefined. Which channels it looks for, and
 * in which order, depends only on the folders (names hashed from their paths):
 * worked out once per folders. Whether one listens is looked up each time: this
 * window's own channels listen (they are listed only while they do), and
 * /proc/net/unix, which lists every socket of the machine (thousands on a
 * desktop), is read only when a channel nearer than this window's needs it.
 */
function nearestChannel(
  channels: readonly ApprovalServer[],
  stateDir: string,
  dirs: readonly string[],
): string | undefined {
  // Folders named relative to this process's working folder are worked out afresh each time.
  const kept = [stateDir, ...dirs].every((d) => path.isAbsolute(d));
  const key = JSON.stringify([stateDir, ...dirs]);
  let list = kept ? candidates.get(key) : undefined;
  if (!list) {
    const asked: string[] = [];
    findApprovalSockets(stateDir, dirs, (p) => {
      asked.push(p);
      return false;
    });
    list = asked;
    if (kept) {
      if (candidates.size >= MAX_CANDIDATE_LISTS) candidates.clear();
      candidates.set(key, asked);
    }
  }
  const ours = new Set(channels.map((c) => c.socketPath));
  const listening = listeningChannels();
  return list.find((p) => ours.has(p) || listening(p));
}

/**
 * An AskEditor that asks through this window's channel of the call's folder.
 * `asking` is called once the question is put (the caller may now wait as
 * long as a human needs); `gone` gives the signal that aborts when the
 * caller stops waiting (asked for only once a question is put).
 */
export function editorAsker(
  channels: () => readonly ApprovalServer[],
  env: Record<string, string>,
  asking: () => void,
  goneSignal: () => AbortSignal,
  who = 'the hook',
): AskEditor {
  return async (host, req, verdict, loc, dir, timeoutMs, snapshot) => {
    const listening = channels();
    const nearest = nearestChannel(listening, dir, approvalFolders(req, loc));
    if (nearest === undefined)
      return { via: 'unanswered', why: 'the AgentGuard editor extension is not running for this folder' };
    const channel = listening.find((c) => c.socketPath === nearest);
    if (!channel)
      return { via: 'unanswered', why: 'another editor window took over this folder while the call was judged' };
    asking();
    const gone = goneSignal();
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), timeoutMs);
    const onGone = () => stop.abort();
    gone.addEventListener('abort', onGone, { once: true });
    try {
      const answer = await channel.ask(approvalQuestion(host, req, verdict, loc, env, snapshot), stop.signal);
      if (gone.aborted) return { via: 'unanswered', why: `${who} stopped waiting` };
      if (answer.by === 'user') return { via: 'editor', decision: answer.decision };
      if (answer.by === 'invalid')
        return { via: 'editor', decision: 'deny', note: answer.reason ?? 'the request was refused' };
      if (stop.signal.aborted)
        return { via: 'unanswered', why: `nobody answered in the editor within ${Math.round(timeoutMs / 1000)} s` };
      return { via: 'unanswered', why: answer.reason ?? `the editor could not ask (${answer.by})` };
    } finally {
      clearTimeout(timer);
      gone.removeEventListener('abort', onGone);
    }
  };
}

/** Why this judge leaves a call to the caller's process, or undefined to judge it here. `readings`: the line as the verdict reads it. */
export function declineReason(
  channels: () => readonly ApprovalServer[],
  env: Record<string, string>,
  req: HookRequest,
  loc: WorkspaceLocation,
  dir: string,
  who = 'the hook',
  readings?: readonly Reading[],
): string | undefined {
  const listening = channels();
  const nearest = nearestChannel(listening, dir, approvalFolders(req, loc));
  if (nearest !== undefined && !listening.some((c) => c.socketPath === nearest))
    return 'another editor window shows this folder';
  if (needsSnapshotProcess(req, loc, dir, env, readings))
    return `the call may need a snapshot, which ${who} takes in its own process`;
  return undefined;
}
