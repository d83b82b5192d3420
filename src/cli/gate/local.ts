// A line no editor judges, judged in the gate's own process with the engine
// loaded once: the same walk (core/frontdoor/line.ts). Whose line it is comes
// from the editor when it declined the line; otherwise a terminal's line is
// a shell of no editor window (the human's own terminal application) and a
// command string is an extension host's child.
import { failedLine, readHumanTerminalGating, recordLine, type LineCall } from '../../core/frontdoor/line';
import type { AskEditor } from '../../core/frontdoor/call';
import { callStateDir } from '../../core/frontdoor/state';
import type { JudgeDeclineMessage, JudgeLineMessage } from '../../shared/judgeProtocol';

/** What the gate hands over: the line, and why no editor judged it. */
export interface LocalLine {
  line: string;
  shell: JudgeLineMessage['shell'];
  via: JudgeLineMessage['via'];
  cwd: string;
  env: Record<string, string>;
  label: string;
  noEditor: string;
  install: string[];
  as?: Pick<JudgeDeclineMessage, 'origin' | 'humanGating' | 'label'>;
  shellState?: string;
}

export interface GateLibrary {
  judgeLineHere(line: LocalLine): Promise<{ decision: 'allow' | 'more' | 'deny'; message?: string }>;
}

/** As long as the longest approval the editor allows; the editor ends its own question sooner. */
const APPROVAL_MS = 610_000;

export async function judgeLineHere(l: LocalLine): Promise<{ decision: 'allow' | 'more' | 'deny'; message?: string }> {
  const call: LineCall = {
    line: l.line,
    shell: l.shell,
    cwd: l.cwd,
    env: l.env,
    via: l.via,
    started: new Date(),
    install: l.install,
    origin: l.as?.origin ?? (l.via === 'terminal' ? 'outside' : 'extension-host'),
    humanGating: l.as?.humanGating ?? readHumanTerminalGating(callStateDir(l.env).dir),
    label: l.as?.label ?? l.label,
    ...(l.shellState ? { shellState: l.shellState } : {}),
  };
  const warn = (m: string) => process.stderr.write(`AgentGuard: ${m}\n`);
  const askEditor: AskEditor = async (...a) => (await import('../hook/approval')).askEditor(...a);
  // Through the AgentGuard service where the managed policy names one (its kill switch, its count, its log).
  const { judgeAndRecordLine } = await import('../../channels/service/lines');
  const judged = await judgeAndRecordLine(call, { askEditor, warn, approvalMs: APPROVAL_MS });
  const answer = judged.declined ? recordLine(failedLine(call, judged.reason), warn) : judged.answer;
  if (answer.decision === 'deny') return { decision: 'deny', message: answer.message };
  if (answer.decision === 'allow' && answer.notice) return { decision: 'allow', message: answer.notice };
  return { decision: answer.decision };
}
