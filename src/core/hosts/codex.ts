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
import * as path from 'node:path';
import {
  DOCTOR_ID,
  failed,
  INSTALLED_TIMEOUT_SECONDS,
  json,
  out,
  quiet,
  readJson,
  type HostAdapter,
  type Unwrapped,
} from './adapter';
import { CODEX_SANDBOX } from './codexSandbox';
import { CODEX_SHADOW } from './codexShadow';
import { isObj, str, type Obj } from './fields';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Codex CLI's shell, patch and MCP tools (Codex reads files through its shell, which the hook already sees; MCP file servers come as mcp__…). */
export const CODEX_MATCHER = 'Bash|apply_patch|mcp__.*';

export const codex: HostAdapter = {
  id: 'codex',
  label: 'Codex CLI',
  testedWith: '0.169.0',
  // `timeout` in seconds in the entry (default 600); `ask` is parsed but unsupported (the call runs).
  timeoutSeconds: HOST_TIMEOUT_SECONDS.codex,
  exitCodeOnly: false,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.codex/hooks.json' },
    { scope: 'user', path: '~/.codex/hooks.json' },
  ],
  settingsFiles: {
    workspace: ['.codex/hooks.json', '.codex/config.toml'],
    user: ['.codex/hooks.json', '.codex/config.toml'],
  },
  wiring: {
    kind: 'json',
    events: ['PreToolUse'],
    matcher: CODEX_MATCHER,
    entry: (command) => ({ type: 'command', command, timeout: INSTALLED_TIMEOUT_SECONDS }),
  },
  managed: {
    // Codex documents /etc/codex/requirements.toml "on Unix systems, including Linux/macOS", and no Windows file.
    places: { unix: '/etc/codex/requirements.toml', mac: '/etc/codex/requirements.toml' },
    format: 'codex-toml',
    managedOnlyKey: 'allow_managed_hooks_only',
    docs: 'Codex managed configuration: requirements.toml [hooks]',
  },
  // Codex skips a project or user hook until it is trusted there; nothing in the file can say whether it is.
  notes: [
    "Codex calls this hook only once a human trusts it: start Codex in this folder, open /hooks and trust AgentGuard's PreToolUse hook (again after any change to the file); until then every call runs unjudged. " +
      'Hooks an administrator installs with `agentguard install --managed --codex` (/etc/codex/requirements.toml) are trusted by policy',
  ],
  tools: { shell: ['Bash'], edit: { apply_patch: 'patch' } },
  // A trusted project's `.codex/config.toml` that turns hooks off, or AgentGuard's project entry gone (codexShadow.ts).
  shadow: CODEX_SHADOW,
  unwrap(p): Unwrapped | undefined {
    // Codex's shell tool applies an `apply_patch <<'EOF'` script itself, no shell involved,
    // and reports it as `Bash`: the patch's files are written, so they are what is judged.
    if (typeof p.turn_id !== 'string' || p.tool_name !== 'Bash' || !isObj(p.tool_input)) return undefined;
    const command = str(p.tool_input.command);
    const patch = command === undefined ? undefined : applyPatchScript(command);
    if (!patch) return undefined;
    const cwd = str(p.cwd);
    return {
      payload: {
        ...p,
        tool_name: 'apply_patch',
        tool_input: { command: patch.patch },
        ...(patch.dir && cwd ? { cwd: path.resolve(cwd, patch.dir) } : {}),
      },
    };
  },
  render(answer) {
    // A rewrite (the command confined) is the one thing Codex takes with an allow.
    if (answer.decision === 'allow' && answer.updatedInput)
      return out(
        json({
          ...(answer.warning ? { systemMessage: answer.warning } : {}),
          hookSpecificOutput: {
            hookEventName: 'PreToolUse',
            permissionDecision: 'allow',
            updatedInput: answer.updatedInput,
          },
        }),
      );
    if (answer.decision === 'allow' || answer.decision === 'defer') return quiet(answer);
    return out(
      json({
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'deny',
          permissionDecisionReason: answer.agentMessage,
        },
      }),
    );
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: true, empty: { ok: true, decision: 'defer' } });
    if ('answer' in read) return read.answer;
    const o = read.o;
    // Codex's schema: the universal fields and hookSpecificOutput; an unknown field voids the output.
    const unknown = Object.keys(o).filter(
      (k) =>
        ![
          'continue',
          'stopReason',
          'suppressOutput',
          'systemMessage',
          'decision',
          'reason',
          'hookSpecificOutput',
        ].includes(k),
    );
    if (unknown.length) return failed(`Codex rejects the unknown field(s) ${unknown.join(', ')}`);
    const specific = o.hookSpecificOutput as Obj | undefined;
    if (specific === undefined)
      return o.decision === undefined ? { ok: true, decision: 'defer' } : failed('a legacy "decision"');
    const extra = Object.keys(specific).filter(
      (k) =>
        ![
          'hookEventName',
          'permissionDecision',
          'permissionDecisionReason',
          'updatedInput',
          'additionalContext',
        ].includes(k),
    );
    if (extra.length) return failed(`Codex rejects the unknown field(s) ${extra.join(', ')}`);
    // An allow is valid only as the carrier of a rewritten input (the command confined), which Codex then runs.
    if (
      specific.permissionDecision === 'allow' &&
      typeof specific.updatedInput === 'object' &&
      specific.updatedInput !== null
    )
      return { ok: true, decision: 'allow' };
    if (specific.permissionDecision !== 'deny' || !str(specific.permissionDecisionReason)?.trim())
      return failed(
        `Codex does not support permissionDecision ${JSON.stringify(specific.permissionDecision)} without updatedInput (the call would run)`,
      );
    return { ok: true, decision: 'deny', reason: str(specific.permissionDecisionReason) };
  },
  sample: (_event, workspace, command) => ({
    stdin: {
      session_id: DOCTOR_ID,
      turn_id: DOCTOR_ID,
      transcript_path: null,
      cwd: workspace,
      hook_event_name: 'PreToolUse',
      model: 'gpt-5-codex',
      permission_mode: 'default',
      tool_name: 'Bash',
      tool_use_id: DOCTOR_ID,
      tool_input: { command },
    },
  }),
  confinement: {
    rewriteWith: ['allow'],
    // Codex runs commands in its own sandbox unless told not to; a sandbox cannot be started inside it (no mounts there).
    ownSandbox: (req) =>
      req.permissionMode !== 'bypassPermissions'
        ? 'unconfined by AgentGuard: Codex runs it in its own sandbox'
        : undefined,
  },
  sandbox: CODEX_SANDBOX,
};

/**
 * The patch of a shell script Codex applies itself: exactly `apply_patch`
 * (or `applypatch`) with the patch in a heredoc, optionally after
 * `cd DIR &&` — the forms codex-rs/apply-patch recognises. Anything else
 * runs in a shell and is judged as shell text.
 */
export function applyPatchScript(command: string): { patch: string; dir?: string } | undefined {
  const nl = command.indexOf('\n');
  if (nl < 0) return undefined;
  const head =
    /^\s*(?:cd\s+('[^']*'|"[^"$`\\]*"|[^\s;&|<>'"$`\\]+)\s*&&\s*)?(?:apply_patch|applypatch)\s*<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2[ \t]*$/.exec(
      command.slice(0, nl),
    );
  if (!head) return undefined;
  const lines = command.slice(nl + 1).split('\n');
  // The heredoc ends at the first line that is its delimiter; anything after it would be more shell.
  const end = lines.findIndex((l) => l.trim() === head[3]);
  if (end < 0 || lines.slice(end + 1).some((l) => l.trim() !== '')) return undefined;
  const dir = head[1]?.replace(/^(['"])(.*)\1$/, '$2');
  return { patch: lines.slice(0, end).join('\n'), ...(dir ? { dir } : {}) };
}
