// How the editor's judge puts a question to a human and when it leaves a
// call to the caller's own process: shared by hook calls (server.ts) and
// terminal lines (lines.ts), so both ask through the same window's channel
// and decline for the same reasons.
import type { ApprovalServer } from '../approval/server';
import { findApprovalSockets } from '../approval/paths';
import type { AskEditor, HookRequest, WorkspaceLocation } from '../../core/frontdoor/call';
import { approvalFolders, approvalQuestion } from '../../core/frontdoor/question';
import { needsSnapshotProcess } from '../../core/frontdoor/wayBack';

/**
 * An AskEditor that asks through this window's channel of the call's folder.
 * `asking` is called once the question is put (the caller may now wait as
 * long as a human needs); `gone` aborts when the caller stops waiting.
 */
export function editorAsker(
  channels: () => readonly ApprovalServer[],
  env: Record<string, string>,
  asking: () => void,
  gone: AbortSignal,
  who = 'the hook',
): AskEditor {
  return async (host, req, verdict, loc, dir, timeoutMs, snapshot) => {
    const nearest = findApprovalSockets(dir, approvalFolders(req, loc))[0];
    if (nearest === undefined)
      return { via: 'unanswered', why: 'the AgentGuard editor extension is not running for this folder' };
    const channel = channels().find((c) => c.socketPath === nearest);
    if (!channel)
      return { via: 'unanswered', why: 'another editor window took over this folder while the call was judged' };
    asking();
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

/** Why this judge leaves a call to the caller's process, or undefined to judge it here. */
export function declineReason(
  channels: () => readonly ApprovalServer[],
  env: Record<string, string>,
  req: HookRequest,
  loc: WorkspaceLocation,
  dir: string,
  who = 'the hook',
): string | undefined {
  const nearest = findApprovalSockets(dir, approvalFolders(req, loc))[0];
  if (nearest !== undefined && !channels().some((c) => c.socketPath === nearest))
    return 'another editor window shows this folder';
  if (needsSnapshotProcess(req, loc, dir, env))
    return `the call may need a snapshot, which ${who} takes in its own process`;
  return undefined;
}
