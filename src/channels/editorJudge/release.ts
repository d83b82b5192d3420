// Believing a kill switch release made in another window of the editor. The
// kill switch file says who wrote it (`by`, `pid`), but anything that can
// write the file can write those words. So a window that sees a release
// naming another process asks that process itself, over the judge channel
// only that process can hold: is it another extension host of this editor,
// does it hold its judge's name, and was its own last write to the switch a
// release at exactly this time? A release older than the engagement it
// claims to end is a replay, refused before anyone is asked. Linux only (as
// the judge channel is); elsewhere no release from another window is believed.
import { isSiblingExtensionHost } from '../peer';
import { holdsSocket, procAbstractPath, procStat, readUnixSockets } from '../procfs';
import { debuggersClosed } from '../debuggers';
import {
  JUDGE_PROTOCOL_VERSION,
  parseJudgeHello,
  parseReleaseAnswer,
  type JudgeReleaseQuery,
} from '../../shared/judgeProtocol';
import { JUDGE_CHANNELS, judgeSocketPath } from './channel';
import { openLineClient } from '../lineClient';

export interface ReleaseClaim {
  /** The process the file names as the one that released. */
  pid: number;
  /** The time the release names. */
  since: string;
}

export type ReleaseCheck = { ok: true } | { ok: false; reason: string };

export interface VerifyReleaseOptions {
  /** When the engagement this release would end began (this window's view of the switch). */
  engagedSince?: string;
  timeoutMs?: number;
  /** The process to compare siblinghood with (default: this one). */
  self?: number;
}

/** Asks `claim.pid` over its own judge channel whether it made this release. Never throws. */
export async function verifyRelease(claim: ReleaseClaim, opts: VerifyReleaseOptions = {}): Promise<ReleaseCheck> {
  if (!JUDGE_CHANNELS) return { ok: false, reason: 'releases from another window are only verified on Linux' };
  const at = Date.parse(claim.since);
  if (!Number.isFinite(at)) return { ok: false, reason: 'the release names no time' };
  const engaged = opts.engagedSince === undefined ? NaN : Date.parse(opts.engagedSince);
  if (Number.isFinite(engaged) && at <= engaged)
    return {
      ok: false,
      reason: `the release (${claim.since}) is older than the engagement it would end (${opts.engagedSince}): a replay`,
    };
  if (!isSiblingExtensionHost(claim.pid, opts.self))
    return { ok: false, reason: `process ${claim.pid} is not another extension host of this editor` };
  const socketPath = judgeSocketPath(claim.pid);
  const want = procAbstractPath(socketPath);
  const listener = readUnixSockets(undefined, want).find((e) => e.listening && e.path === want);
  if (!listener) return { ok: false, reason: `process ${claim.pid} has no judge channel to ask` };
  if (!holdsSocket(claim.pid, listener.inode))
    return { ok: false, reason: `the judge channel of process ${claim.pid} is held by another process` };
  // The other window and the editor's main process it shares with this one: code a debugger let in could answer for it.
  const debuggers = await debuggersClosed([claim.pid, procStat(claim.pid)?.ppid ?? claim.pid]);
  if (!debuggers.ok) return debuggers;
  return ask(socketPath, claim, opts.timeoutMs ?? 2000);
}

function ask(socketPath: string, claim: ReleaseClaim, timeoutMs: number): Promise<ReleaseCheck> {
  return new Promise((resolve) => {
    let greeted = false;
    const channel = openLineClient<ReleaseCheck>(socketPath, {
      maxBytes: 64 * 1024,
      oversized: () => ({ ok: false, reason: 'oversized answer' }),
      error: (err) => ({ ok: false, reason: err.message }),
      closed: () => ({ ok: false, reason: `process ${claim.pid} closed the connection` }),
      line: (text, c) => {
        if (!greeted) {
          const hello = parseJudgeHello(text);
          if (!hello || hello.pid !== claim.pid)
            return c.end({ ok: false, reason: `the judge channel of process ${claim.pid} did not greet as it` });
          greeted = true;
          const query: JudgeReleaseQuery = {
            type: 'judge.release-query',
            version: JUDGE_PROTOCOL_VERSION,
            since: claim.since,
          };
          return c.send(query);
        }
        const answer = parseReleaseAnswer(text);
        if (!answer || answer.since !== claim.since) return c.end({ ok: false, reason: 'an unreadable answer' });
        c.end(
          answer.released
            ? { ok: true }
            : { ok: false, reason: `process ${claim.pid} says it did not release the switch at ${claim.since}` },
        );
      },
      ended: resolve,
    });
    channel.arm('answer', timeoutMs, () => ({ ok: false, reason: `process ${claim.pid} did not answer in time` }));
  });
}
