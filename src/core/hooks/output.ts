// The answer in each host's own schema. Always an explicit decision on stdout
// with exit code 0: Claude Code ignores stdout on exit 2, and every host
// treats other exit codes as "hook failed", which some of them let through.
import type { HookAnswer } from './messages';
import type { HostId } from './types';

export function shapeAnswer(host: HostId, event: string, answer: HookAnswer): string {
  if (host === 'cursor') {
    // Cursor has no reliable ask: the hook resolves it before this point.
    const permission = answer.decision === 'allow' ? 'allow' : 'deny';
    const userMessage = answer.warning ? `${answer.userMessage}\n${answer.warning}` : answer.userMessage;
    const out: Record<string, string> = { permission, user_message: userMessage, agent_message: answer.agentMessage };
    // preToolUse has been documented both with `permission` and with `decision`/`reason`: answer both.
    if (event === 'preToolUse') {
      out.decision = permission;
      out.reason = answer.agentMessage;
    }
    return JSON.stringify(out) + '\n';
  }
  // Claude Code and VS Code (Copilot) share the PreToolUse schema.
  const out: Record<string, unknown> = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: answer.decision,
      permissionDecisionReason: answer.reason,
    },
  };
  if (answer.warning) out.systemMessage = answer.warning;
  return JSON.stringify(out) + '\n';
}
