// The answer in each host's own form: what goes to stdout, what to stderr,
// and the exit code. A block goes out in the one form the host reads as a
// block; a host that reads a block only as "exit 2, reason on stderr" gets
// exactly that, since any other failure (another exit code, unreadable
// output) is a failed hook, and most hosts let the call run when a hook fails.
//
// A harmless call gets the host's own "no decision" (`defer`): its permission
// flow decides as if AgentGuard were not there, so a call AgentGuard misses is
// never easier to run than without it. What that form is, per host, is taken
// from each host's documentation or source (docs/hosts.md):
// - Claude Code, VS Code (Copilot), Copilot CLI, Codex: exit 0, nothing on
//   stdout (or only a `systemMessage`): no permissionDecision at all.
// - Gemini CLI: exit 0 with `{}`: `decision` absent (the policy engine and its
//   confirmation still apply; only deny/block and ask change them).
// - Windsurf, Kiro, Augment: exit 0 — they have no allow to give.
// - Cline: `{"cancel": false}` — it has no allow either.
// - Cursor: `{"permission": "allow"}` and nothing else: Cursor has no "no
//   decision" value, its allow is the documented pass-through, and it does
//   not override Cursor's own allow-list and approvals; an empty answer would
//   be a failed hook under `failClosed`.
// - Amp: its delegate contract has no "no decision" (0 allow, 1 ask, 2
//   reject); when no rule decides, Amp asks the operator, so the hook answers
//   ask (exit 1).
// - OpenCode: AgentGuard's plugin does not throw; OpenCode's own `permission`
//   settings decide (`tool.execute.before` can only block).
import type { AnswerDecision, HookAnswer } from './messages';
import type { HostId } from './types';

export interface ShapedAnswer {
  stdout: string;
  stderr?: string;
  exitCode: number;
}

const json = (v: unknown): string => JSON.stringify(v) + '\n';
const out = (stdout: string, exitCode = 0, stderr?: string): ShapedAnswer => ({ stdout, exitCode, ...(stderr !== undefined ? { stderr } : {}) });

/** What a blocking answer says, for hosts that show one text to both human and agent. */
function blockText(answer: HookAnswer): string {
  return answer.agentMessage.endsWith('\n') ? answer.agentMessage : `${answer.agentMessage}\n`;
}

/** Nothing on stdout, or only information for the human (hosts with a `systemMessage`). */
const quiet = (answer: HookAnswer): ShapedAnswer => out(answer.warning ? json({ systemMessage: answer.warning }) : '');

export function shapeAnswer(host: HostId, event: string, answer: HookAnswer): ShapedAnswer {
  const passes = answer.decision === 'allow' || answer.decision === 'defer';
  const defer = answer.decision === 'defer';
  switch (host) {
    case 'cursor': {
      // Cursor has no reliable ask: the hook resolves it before this point.
      if (defer) {
        const o: Record<string, string> = { permission: 'allow' };
        if (event === 'preToolUse') o.decision = 'allow';
        if (answer.warning) o.user_message = answer.warning;
        return out(json(o));
      }
      const permission = passes ? 'allow' : 'deny';
      const userMessage = answer.warning ? `${answer.userMessage}\n${answer.warning}` : answer.userMessage;
      const o: Record<string, string> = { permission, user_message: userMessage, agent_message: answer.agentMessage };
      // preToolUse has been documented both with `permission` and with `decision`/`reason`: answer both.
      if (event === 'preToolUse') {
        o.decision = permission;
        o.reason = answer.agentMessage;
      }
      return out(json(o));
    }
    case 'windsurf':
    case 'kiro':
    case 'augment':
      // Exit 2 with the reason on stderr is the block these hosts read; there is no ask, and no allow: exit 0 lets their own flow run.
      if (passes) return out(answer.warning ? `${answer.warning}\n` : '');
      return out('', 2, blockText(answer));
    case 'amp':
      // Amp's delegate contract: exit 0 allow, 1 ask (Amp prompts), 2 reject. No "no decision": Amp's own default, ask.
      if (answer.decision === 'allow') return out('');
      if (defer) return out('', 1, `AgentGuard: no objection; Amp asks, as it does for a call no rule decides.${answer.warning ? `\n${answer.warning}` : ''}\n`);
      return out('', answer.decision === 'ask' ? 1 : 2, blockText(answer));
    case 'cline': {
      // Cline reads `{cancel, errorMessage, contextModification}` from stdout; not cancelling is all a hook can say.
      if (passes) return out(json({ cancel: false, ...(answer.warning ? { contextModification: answer.warning } : {}) }));
      return out(json({ cancel: true, errorMessage: answer.agentMessage }));
    }
    case 'gemini': {
      if (defer) return out(json(answer.warning ? { systemMessage: answer.warning } : {}));
      if (passes) return out(json({ decision: 'allow', ...(answer.warning ? { systemMessage: answer.warning } : {}) }));
      return out(json({ decision: 'deny', reason: answer.agentMessage, systemMessage: answer.userMessage }));
    }
    case 'codex': {
      // Codex's schema is strict (an unknown field voids the output, and a
      // void output lets the call run) and it rejects `allow` and `ask` as
      // unsupported: whatever passes is the empty answer, a block a deny with its reason.
      // A rewrite (the command confined) is the one thing Codex takes with an allow.
      if (answer.decision === 'allow' && answer.updatedInput) return out(json({ ...(answer.warning ? { systemMessage: answer.warning } : {}), hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', updatedInput: answer.updatedInput } }));
      if (passes) return quiet(answer);
      return out(json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: answer.agentMessage } }));
    }
    case 'copilot-cli':
      if (defer) return quiet(answer);
      // Copilot CLI reads the flat fields; VS Code, which loads the same folder, reads hookSpecificOutput.
      return out(json({
        permissionDecision: answer.decision,
        permissionDecisionReason: answer.reason,
        hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: answer.decision, permissionDecisionReason: answer.reason },
      }));
    case 'opencode': {
      // Read by AgentGuard's OpenCode plugin, which throws (blocks) unless this says allow or defer.
      // A plugin from before "defer" throws with the reason: it says what to do.
      const reason = defer ? `${answer.reason} (A plugin that blocks on this answer is older than the AgentGuard CLI: run agentguard install --opencode.)` : passes ? answer.reason : answer.agentMessage;
      return out(json({ decision: passes ? answer.decision : 'deny', reason, ...(answer.warning ? { warning: answer.warning } : {}) }));
    }
    case 'claude':
    case 'copilot': {
      if (defer) return quiet(answer);
      // Claude Code and VS Code (Copilot) share the PreToolUse schema.
      const o: Record<string, unknown> = {
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: answer.decision,
          permissionDecisionReason: answer.reason,
          // The same command, confined: applied with an allow or an ask, shown to the user with an ask.
          ...(answer.updatedInput && answer.decision !== 'deny' ? { updatedInput: answer.updatedInput } : {}),
        },
      };
      if (answer.warning) o.systemMessage = answer.warning;
      return out(json(o));
    }
  }
}

export type ReadAnswer = { ok: true; decision: AnswerDecision; reason?: string } | { ok: false; problem: string };

const DECISIONS = ['allow', 'ask', 'deny'];

const EXIT_2_BLOCKS: ReadonlySet<HostId> = new Set(['claude', 'copilot', 'cursor', 'gemini', 'codex']);

function parseObject(stdout: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(stdout) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a host makes of a hook's output: the decision it acts on (`defer`:
 * none, its own permission flow decides), or why it would count the hook as
 * failed (and, for most hosts, let the call run). The inverse of
 * `shapeAnswer`, written from each host's contract, for `agentguard doctor`
 * and the contract tests.
 */
export function readAnswer(host: HostId, r: { stdout: string; stderr: string; code: number | null }): ReadAnswer {
  const failed = (problem: string): ReadAnswer => ({ ok: false, problem });
  const blocked = (): ReadAnswer => (r.stderr.trim() ? { ok: true, decision: 'deny', reason: r.stderr.trim() } : failed('exited 2 without a reason on stderr'));
  switch (host) {
    case 'windsurf':
    case 'kiro':
    case 'augment':
      // These hosts have no allow: exit 0 leaves the call to their own flow.
      if (r.code === 0) return { ok: true, decision: 'defer' };
      return r.code === 2 ? blocked() : failed(`exited with ${r.code ?? 'a signal'}`);
    case 'amp':
      if (r.code === 0) return { ok: true, decision: 'allow' };
      if (r.code === 1) return { ok: true, decision: 'ask' };
      return r.code !== null && r.code >= 2 ? blocked() : failed('was killed by a signal');
    default:
      break;
  }
  // Exit 2 with the reason on stderr blocks in these hosts whatever stdout holds (Claude Code, VS Code, Cursor, Gemini, Codex).
  if (EXIT_2_BLOCKS.has(host) && r.code === 2) return blocked();
  if (r.code !== 0) return failed(`exited with ${r.code ?? 'a signal'}`);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  // Hosts that read "nothing on stdout" as no decision.
  if ((host === 'claude' || host === 'copilot' || host === 'copilot-cli' || host === 'codex') && !r.stdout.trim()) return { ok: true, decision: 'defer' };
  const o = parseObject(r.stdout);
  if (!o) return failed(`did not print a JSON object (${JSON.stringify(r.stdout.slice(0, 80))})`);
  switch (host) {
    case 'cursor':
      if (!DECISIONS.includes(o.permission as string)) return failed('output lacks permission');
      // A bare allow is the pass-through: Cursor's own allow-list and approvals decide.
      if (o.permission === 'allow' && o.agent_message === undefined) return { ok: true, decision: 'defer' };
      if (typeof o.user_message !== 'string' || typeof o.agent_message !== 'string') return failed('output lacks user_message/agent_message');
      return { ok: true, decision: o.permission as 'allow', reason: o.user_message };
    case 'cline':
      if (typeof o.cancel !== 'boolean') return failed('output lacks a boolean "cancel"');
      return o.cancel ? { ok: true, decision: 'deny', reason: str(o.errorMessage) } : { ok: true, decision: 'defer' };
    case 'gemini':
      if (o.decision === undefined) return { ok: true, decision: 'defer' };
      if (o.decision === 'allow') return { ok: true, decision: 'allow' };
      if (o.decision === 'deny' || o.decision === 'block') return str(o.reason) ? { ok: true, decision: 'deny', reason: str(o.reason) } : failed('a deny without a reason');
      return failed(`unknown decision ${JSON.stringify(o.decision)}`);
    case 'codex': {
      // Codex's schema: the universal fields and hookSpecificOutput; an unknown field voids the output.
      const unknown = Object.keys(o).filter((k) => !['continue', 'stopReason', 'suppressOutput', 'systemMessage', 'decision', 'reason', 'hookSpecificOutput'].includes(k));
      if (unknown.length) return failed(`Codex rejects the unknown field(s) ${unknown.join(', ')}`);
      const specific = o.hookSpecificOutput as Record<string, unknown> | undefined;
      if (specific === undefined) return o.decision === undefined ? { ok: true, decision: 'defer' } : failed('a legacy "decision"');
      const extra = Object.keys(specific).filter((k) => !['hookEventName', 'permissionDecision', 'permissionDecisionReason', 'updatedInput', 'additionalContext'].includes(k));
      if (extra.length) return failed(`Codex rejects the unknown field(s) ${extra.join(', ')}`);
      // An allow is valid only as the carrier of a rewritten input (the command confined), which Codex then runs.
      if (specific.permissionDecision === 'allow' && typeof specific.updatedInput === 'object' && specific.updatedInput !== null) return { ok: true, decision: 'allow' };
      if (specific.permissionDecision !== 'deny' || !str(specific.permissionDecisionReason)?.trim()) return failed(`Codex does not support permissionDecision ${JSON.stringify(specific.permissionDecision)} without updatedInput (the call would run)`);
      return { ok: true, decision: 'deny', reason: str(specific.permissionDecisionReason) };
    }
    case 'copilot-cli':
      if (o.permissionDecision === undefined) return { ok: true, decision: 'defer' };
      if (!DECISIONS.includes(o.permissionDecision as string)) return failed('output lacks permissionDecision');
      return { ok: true, decision: o.permissionDecision as 'allow', reason: str(o.permissionDecisionReason) };
    case 'opencode':
      if (o.decision === 'defer') return { ok: true, decision: 'defer' };
      if (o.decision !== 'allow' && o.decision !== 'deny') return failed('output lacks decision allow|deny|defer');
      return { ok: true, decision: o.decision, reason: str(o.reason) };
    default: {
      const specific = o.hookSpecificOutput as Record<string, unknown> | undefined;
      if (specific === undefined) return { ok: true, decision: 'defer' };
      if (specific.hookEventName !== 'PreToolUse' || !DECISIONS.includes(specific.permissionDecision as string) || typeof specific.permissionDecisionReason !== 'string') {
        return failed('output lacks hookSpecificOutput with hookEventName, permissionDecision and permissionDecisionReason');
      }
      return { ok: true, decision: specific.permissionDecision as 'allow', reason: specific.permissionDecisionReason };
    }
  }
}
