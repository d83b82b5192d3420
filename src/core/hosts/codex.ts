// Codex CLI: `PreToolUse` hooks (`session_id, turn_id, transcript_path, cwd,
// hook_event_name, model, permission_mode, tool_name, tool_use_id,
// tool_input`; `apply_patch` carries the patch in `command`). Its schema is
// strict — an unknown field voids the output, and a void output lets the
// call run — and it supports only deny: `allow` and `ask` are parsed but
// unsupported, so whatever passes is the empty answer; a rewrite (the
// command confined) is the one thing it takes with an allow. It runs a
// project or user hook only once a human trusted it (`/hooks`). Sources:
// openai/codex `codex-rs/hooks/schema/generated/pre-tool-use.command.input.schema.json`,
// https://developers.openai.com/codex/hooks, pull request 20756 (closed).
import { DOCTOR_ID, failed, INSTALLED_TIMEOUT_SECONDS, json, out, quiet, readJson, type HostAdapter } from './adapter';
import { str, type Obj } from './fields';

/** Codex CLI's shell, patch and MCP tools (Codex reads files through its shell, which the hook already sees; MCP file servers come as mcp__…). */
export const CODEX_MATCHER = 'Bash|apply_patch|mcp__.*';

export const codex: HostAdapter = {
  id: 'codex',
  label: 'Codex CLI',
  // `timeout` in seconds in the entry (default 600); `ask` is parsed but unsupported (the call runs).
  timeoutSeconds: INSTALLED_TIMEOUT_SECONDS,
  exitCodeOnly: false,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.codex/hooks.json' },
    { scope: 'user', path: '~/.codex/hooks.json' },
  ],
  settingsFiles: { workspace: ['.codex/hooks.json', '.codex/config.toml'], user: ['.codex/hooks.json', '.codex/config.toml'] },
  wiring: { kind: 'json', events: ['PreToolUse'], matcher: CODEX_MATCHER, entry: (command) => ({ type: 'command', command, timeout: INSTALLED_TIMEOUT_SECONDS }) },
  managed: {
    // Codex documents /etc/codex/requirements.toml "on Unix systems, including Linux/macOS", and no Windows file.
    places: { unix: '/etc/codex/requirements.toml', mac: '/etc/codex/requirements.toml' },
    format: 'codex-toml',
    managedOnlyKey: 'allow_managed_hooks_only',
    docs: 'Codex managed configuration: requirements.toml [hooks]',
  },
  // Codex skips a project or user hook until it is trusted there; nothing in the file can say whether it is.
  notes: ['Codex runs this hook only once it is trusted in Codex (/hooks); until then Codex does not call it'],
  tools: { shell: ['Bash'], edit: { apply_patch: 'patch' } },
  render(answer) {
    // A rewrite (the command confined) is the one thing Codex takes with an allow.
    if (answer.decision === 'allow' && answer.updatedInput) return out(json({ ...(answer.warning ? { systemMessage: answer.warning } : {}), hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', updatedInput: answer.updatedInput } }));
    if (answer.decision === 'allow' || answer.decision === 'defer') return quiet(answer);
    return out(json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: answer.agentMessage } }));
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: true, empty: { ok: true, decision: 'defer' } });
    if ('answer' in read) return read.answer;
    const o = read.o;
    // Codex's schema: the universal fields and hookSpecificOutput; an unknown field voids the output.
    const unknown = Object.keys(o).filter((k) => !['continue', 'stopReason', 'suppressOutput', 'systemMessage', 'decision', 'reason', 'hookSpecificOutput'].includes(k));
    if (unknown.length) return failed(`Codex rejects the unknown field(s) ${unknown.join(', ')}`);
    const specific = o.hookSpecificOutput as Obj | undefined;
    if (specific === undefined) return o.decision === undefined ? { ok: true, decision: 'defer' } : failed('a legacy "decision"');
    const extra = Object.keys(specific).filter((k) => !['hookEventName', 'permissionDecision', 'permissionDecisionReason', 'updatedInput', 'additionalContext'].includes(k));
    if (extra.length) return failed(`Codex rejects the unknown field(s) ${extra.join(', ')}`);
    // An allow is valid only as the carrier of a rewritten input (the command confined), which Codex then runs.
    if (specific.permissionDecision === 'allow' && typeof specific.updatedInput === 'object' && specific.updatedInput !== null) return { ok: true, decision: 'allow' };
    if (specific.permissionDecision !== 'deny' || !str(specific.permissionDecisionReason)?.trim()) return failed(`Codex does not support permissionDecision ${JSON.stringify(specific.permissionDecision)} without updatedInput (the call would run)`);
    return { ok: true, decision: 'deny', reason: str(specific.permissionDecisionReason) };
  },
  sample: (_event, workspace, command) => ({
    stdin: { session_id: DOCTOR_ID, turn_id: DOCTOR_ID, transcript_path: null, cwd: workspace, hook_event_name: 'PreToolUse', model: 'gpt-5-codex', permission_mode: 'default', tool_name: 'Bash', tool_use_id: DOCTOR_ID, tool_input: { command } },
  }),
  confinement: {
    rewriteWith: ['allow'],
    // Codex runs commands in its own sandbox unless told not to; a sandbox cannot be started inside it (no mounts there).
    ownSandbox: (req) => (req.permissionMode !== 'bypassPermissions' ? 'unconfined by AgentGuard: Codex runs it in its own sandbox' : undefined),
  },
};
