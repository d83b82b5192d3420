// Terminal lines at the editor's judge: a shell's gate keeps one connection
// and sends its lines one at a time (shared/judgeProtocol.ts), so a line
// costs a round trip on an open socket, not a process start. Whose line it is
// comes from the shell's process, never from the request: the judge walks
// /proc from the shell up to a terminal of this window (the extension says
// whose), or to the extension host itself (a shell an extension spawned).
import type * as net from 'node:net';
import * as path from 'node:path';
import type { ApprovalServer } from '../approval/server';
import { procStat } from '../procfs';
import type { HumanTerminalGating, LineCall, LineOrigin } from '../../core/frontdoor/line';
import { judgeAndRecordLine } from '../service/lines';
import { stringEnv } from '../../core/frontdoor/state';
import { judgedState } from './stateChoice';
import {
  MAX_JUDGE_MESSAGE_BYTES,
  parseJudgeLine,
  type JudgeDeclineMessage,
  type JudgeLineAnswerMessage,
  type JudgeLineMessage,
} from '../../shared/judgeProtocol';
import { declineReason, editorAsker } from './asking';

const MAX_ANCESTORS = 64;

/** What the extension knows about its terminals. */
export interface TerminalDirectory {
  /** The terminal whose shell is `pid`, if it is one of this window's: who opened it and its name. */
  terminal(pid: number): { origin: 'agent-terminal' | 'human-terminal'; name: string } | undefined;
  /** Resolves once every terminal opened so far has its shell's process id (bounded by the extension). */
  settled?(): Promise<void>;
  humanGating(): HumanTerminalGating;
  /** How long a human may take to answer a line (ms). */
  approvalMs(): number;
  /** A shell's gate connected (true) or went away (false). */
  gate?(shellPid: number, connected: boolean): void;
}

export interface LineSessionContext {
  stateDir: string;
  channels(): readonly ApprovalServer[];
  terminals: TerminalDirectory;
  log(message: string): void;
  /** The extension host's own process: a shell below it was spawned by an extension. */
  hostPid?: number;
}

/** Whose line: the nearest terminal of this window above the shell, or the extension host, or nobody's. */
export function lineOrigin(
  shellPid: number,
  terminals: TerminalDirectory,
  hostPid = process.pid,
): { origin: LineOrigin; name: string } {
  let pid = shellPid;
  for (let i = 0; i < MAX_ANCESTORS && pid > 1; i++) {
    const t = terminals.terminal(pid);
    if (t) return { origin: t.origin, name: t.name };
    if (pid === hostPid) return { origin: 'extension-host', name: 'extension host' };
    const st = procStat(pid);
    if (!st) break;
    pid = st.ppid;
  }
  return { origin: 'outside', name: 'terminal' };
}

function send(
  socket: net.Socket,
  message: JudgeLineAnswerMessage | { type: 'judge.asking' } | JudgeDeclineMessage,
): void {
  if (!socket.destroyed) socket.write(JSON.stringify(message) + '\n');
}

function label(m: JudgeLineMessage, terminalName: string): string {
  if (m.via === 'terminal') return terminalName;
  if (m.via === 'shim') return `${m.label ?? 'program'} (looked up by /bin/sh)`;
  return `${m.shell} -c`;
}

/**
 * Serves one gate's connection from its first line request on. Requests are
 * answered in order, one at a time; a gate that sends another before its
 * answer, or an oversized or unreadable one, is disconnected (its shell then
 * judges in its own process).
 */
export function serveLineSession(socket: net.Socket, first: JudgeLineMessage, ctx: LineSessionContext): void {
  const ownState = path.resolve(ctx.stateDir);
  const gone = new AbortController();
  let busy = false;
  let buffered = '';
  let announced: number | undefined;
  socket.on('close', () => {
    gone.abort();
    if (announced !== undefined) ctx.terminals.gate?.(announced, false);
  });

  const judge = async (m: JudgeLineMessage): Promise<void> => {
    const env = stringEnv(m.env);
    // No folder to trust, or another: declined, the shell's gate judges it in its own process (denied there, saying why).
    const own = judgedState(env, ownState, "the shell keeps AgentGuard's state in another folder than this editor");
    if ('decline' in own) {
      send(socket, { type: 'judge.decline', reason: own.decline });
      return;
    }
    let who = lineOrigin(m.shellPid, ctx.terminals, ctx.hostPid);
    // A terminal opened a moment ago may not have its process id yet.
    if (who.origin === 'outside' && ctx.terminals.settled) {
      await ctx.terminals.settled();
      who = lineOrigin(m.shellPid, ctx.terminals, ctx.hostPid);
    }
    // Another window's shell (all windows' extension hosts pass the gate's checks): its own window judges it.
    if (who.origin === 'outside') {
      send(socket, { type: 'judge.decline', reason: 'not a shell of this window' });
      return;
    }
    if (m.via === 'terminal' && announced === undefined) {
      announced = m.shellPid;
      ctx.terminals.gate?.(m.shellPid, true);
    }
    const call: LineCall = {
      line: m.line,
      shell: m.shell,
      cwd: m.cwd,
      env,
      origin: who.origin,
      humanGating: ctx.terminals.humanGating(),
      label: label(m, who.name),
      via: m.via,
      started: new Date(),
      install: m.install,
      ...(m.shellState ? { shellState: m.shellState } : {}),
    };
    const warn = (message: string) => ctx.log(`terminal line: ${message}`);
    // Through the AgentGuard service where the managed policy names one: its kill switch, its count, its log.
    const judged = await judgeAndRecordLine(call, {
      askEditor: editorAsker(
        ctx.channels,
        env,
        () => send(socket, { type: 'judge.asking' }),
        () => gone.signal,
        'the terminal',
      ),
      warn,
      declineFor: (req, loc, dir, readings) =>
        declineReason(ctx.channels, env, req, loc, dir, "the shell's gate", readings),
      approvalMs: ctx.terminals.approvalMs(),
      // The folder just chosen (the AgentGuard service's view stands in for it where one is named).
      state: own.state,
    });
    if (judged.declined) {
      // Judged in the gate's own process, as the line it is: the gate cannot tell whose terminal it is.
      send(socket, {
        type: 'judge.decline',
        reason: judged.reason,
        origin: call.origin,
        humanGating: call.humanGating,
        label: call.label,
      });
      return;
    }
    const answer = judged.answer;
    if (answer.decision !== 'more' && judged.recorded)
      ctx.log(`judged ${call.origin} line (${call.label}): ${answer.decision}`);
    send(socket, {
      type: 'judge.lineAnswer',
      decision: answer.decision,
      ...(answer.decision === 'deny'
        ? { message: answer.message }
        : answer.decision === 'allow' && answer.notice
          ? { message: answer.notice }
          : {}),
    });
  };

  const next = (m: JudgeLineMessage) => {
    busy = true;
    judge(m)
      .catch((err: Error) => {
        ctx.log(`terminal line failed: ${err?.message ?? err}`);
        socket.destroy();
      })
      .finally(() => {
        busy = false;
      });
  };

  socket.on('data', (chunk: string | Buffer) => {
    buffered += chunk.toString();
    if (buffered.length > MAX_JUDGE_MESSAGE_BYTES) return socket.destroy();
    const nl = buffered.indexOf('\n');
    if (nl === -1) return;
    if (busy || buffered.indexOf('\n', nl + 1) !== -1) return socket.destroy();
    const text = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const parsed = parseJudgeLine(text);
    if (!parsed.ok) {
      ctx.log(`rejected line request: ${parsed.error}`);
      return socket.destroy();
    }
    next(parsed.message);
  });
  next(first);
}
