// `agentguard doctor`'s word on each hook file install wrote, against the
// hash record it made then (core/launcher/hookRecord.ts): unchanged, changed
// with AgentGuard's entry intact (a user's own edit: said, not alarming),
// changed with the entry gone or altered, or removed (each a failure). With an
// AgentGuard service, against the record the service keeps. And the nested
// repositories Codex reads on their own that have no AgentGuard hook.
import { hookFileStatesInForce, unhookedCodexProjects } from '../core/frontdoor/setup';

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

/**
 * Nested repositories of the workspace that Codex would read on their own
 * (it stops at the nearest `.git` above its working folder) and that have no
 * AgentGuard hook, while the workspace's Codex hook is AgentGuard's: each a
 * failure, with the repair.
 */
export function nestedCodexLines(workspace: string, home: string): { lines: string[]; failed: number } {
  const missing = unhookedCodexProjects(workspace, home);
  const lines = missing.map(
    (folder) =>
      `codex       nested  ${folder}  FAIL no AgentGuard hook: Codex started in this nested repository reads its own .codex, not the workspace's; the editor adds it when it starts, or run \`agentguard install --codex --workspace ${folder}\``,
  );
  return { lines, failed: missing.length };
}
