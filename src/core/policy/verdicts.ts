// The verdicts that need no judging at all (kill switch, broken config).
// Kept apart from the engine so those answers never wait for it to load.
import { UNKNOWN_ENV, type Verdict } from '../types';

export function killSwitchVerdict(reason?: string): Verdict {
  return {
    decision: 'deny',
    score: 100,
    environment: UNKNOWN_ENV,
    findings: [
      {
        id: 'killswitch.engaged',
        summary: `the AgentGuard kill switch is engaged${reason ? ` (${reason})` : ''}: every agent command and edit is halted until a human releases it`,
        alternative:
          'a human can release it from the AgentGuard item in the editor status bar, or with no editor open by running `agentguard kill-switch release` in a terminal',
        severity: 100,
      },
    ],
    warnings: [],
  };
}

/** An invalid `.agentguard.json` is never ignored: a human decides until it is fixed. */
export function configErrorVerdict(message: string): Verdict {
  return {
    decision: 'ask',
    score: 100,
    environment: UNKNOWN_ENV,
    findings: [
      {
        id: 'config.invalid',
        summary: `.agentguard.json is invalid, so AgentGuard cannot apply its rules: ${message}`,
        alternative: 'fix .agentguard.json (agentguard check shows the error)',
        severity: 100,
      },
    ],
    warnings: [],
  };
}
