// `agentguard doctor`'s word on each hook file install wrote, against the
// hash record it made then (core/launcher/hookRecord.ts): unchanged, changed
// with AgentGuard's entry intact (a user's own edit: said, not alarming),
// changed with the entry gone or altered, or removed (each a failure). With an
// AgentGuard service, against the record the service keeps.
import { hookFileStatesInForce } from '../core/frontdoor/setup';

export function hookFileLines(stateDir: string): { lines: string[]; failed: number } {
  const { states, unreadable } = hookFileStatesInForce(stateDir);
  if (unreadable)
    return {
      lines: [
        `hookfile   FAIL the AgentGuard service's hook-file record cannot be read (${unreadable}): each hook call that is not read-only is asked until \`agentguard install\` sends a new one`,
      ],
      failed: 1,
    };
  const lines = states.map(
    (s) =>
      `hookfile   ${s.host.padEnd(11)} ${s.scope.padEnd(7)} ${s.file}  ${s.state === 'altered' || s.state === 'removed' ? 'FAIL ' : ''}${s.says}`,
  );
  if (!states.length)
    lines.push('hookfile   no hash record of the hook files yet: `agentguard install` (or the editor) makes one');
  return { lines, failed: states.filter((s) => s.state === 'altered' || s.state === 'removed').length };
}
