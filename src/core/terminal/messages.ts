// What a gated shell prints instead of running a line. The terminal is read
// by the human and by an agent waiting for the command's end, so the text
// says what was found, the safer way, and (when nobody could be asked) how a
// human approves it.
import type { Resolution } from '../hosts/messages';
import { describeFindings } from '../hosts/messages';
import type { Verdict } from '../types';
import type { SnapshotStatus } from '../snapshot/before';
import type { LineAnswer } from './types';

function findingsText(v: Verdict): string {
  return v.findings.length ? `\n- ${describeFindings(v.findings)}` : '';
}

function environmentNote(v: Verdict): string {
  return v.environment.production ? ` Target environment: ${v.environment.name} (production).` : '';
}

/** How a human runs a held line: the editor asks in its terminals; a rule allows it for good. */
export const HOW_TO_APPROVE_LINE =
  'To run it, type it in a terminal of VS Code or Cursor with this folder open and AgentGuard running: AgentGuard asks you in a dialog there. Or add an allow rule for it to .agentguard.json.';

function snapshotNotice(snapshot: SnapshotStatus | undefined): string | undefined {
  if (!snapshot?.note) return undefined;
  return snapshot.taken
    ? `AgentGuard ${snapshot.note}; undo with: agentguard snapshot restore ${snapshot.id}`
    : `AgentGuard: ${snapshot.note}.`;
}

export function lineAnswer(v: Verdict, resolution: Resolution, snapshot?: SnapshotStatus): LineAnswer {
  const findings = findingsText(v);
  const env = environmentNote(v);
  const notice = snapshotNotice(snapshot);
  const allow = (text?: string): LineAnswer => {
    const parts = [text, notice].filter((p): p is string => !!p);
    return parts.length ? { decision: 'allow', notice: parts.join('\n') } : { decision: 'allow' };
  };
  if (resolution.via === 'editor') {
    if (resolution.decision === 'allow') return allow();
    return {
      decision: 'deny',
      message: `AgentGuard: not run: a human denied it in the editor${resolution.note ? ` (${resolution.note})` : ''}.${env}${findings}`,
    };
  }
  if (resolution.via === 'refused')
    return {
      decision: 'deny',
      message: `AgentGuard: not run: it needs a human's approval, and none is taken here: ${resolution.why}.${env}${findings}`,
    };
  if (resolution.via === 'unanswered') {
    return {
      decision: 'deny',
      message: `AgentGuard: not run: it needs a human's approval and no editor answered (${resolution.why}).${env}${findings}\n${HOW_TO_APPROVE_LINE}`,
    };
  }
  switch (v.decision) {
    case 'allow':
      return allow(
        v.monitored ? `AgentGuard (monitor mode): would have answered ${v.monitored}.${env}${findings}` : undefined,
      );
    case 'ask':
      // Only reached when nobody was asked (a deferred ask has no meaning here): held, never run.
      return {
        decision: 'deny',
        message: `AgentGuard: not run: it needs a human's approval.${env}${findings}\n${HOW_TO_APPROVE_LINE}`,
      };
    case 'deny': {
      const rule = v.rule ? ` Workspace rule "${v.rule.match}"${v.rule.reason ? `: ${v.rule.reason}` : ''}.` : '';
      return { decision: 'deny', message: `AgentGuard denied this command.${rule}${env}${findings}` };
    }
  }
}

/** The line could not be judged at all: it does not run, and the terminal says why. */
export function lineFailure(problem: string): LineAnswer {
  return { decision: 'deny', message: `AgentGuard could not judge this command, so it was not run: ${problem}` };
}
