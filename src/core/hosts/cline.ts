// Cline: a hook file (`.clinerules/hooks/PreToolUse`, a program Cline runs)
// gets an envelope (`clineVersion, hookName, timestamp, taskId,
// workspaceRoots, userId, preToolUse: {toolName, parameters}`), MCP
// arguments as a JSON string. It reads `{cancel, errorMessage,
// contextModification}` from stdout: not cancelling is all a hook can say
// (no allow, no ask). Sources: https://docs.cline.bot/features/hooks/hook-reference
// and cline/cline `.clinerules/hooks/README.md`.
//
// Cline 3 (the `cline` CLI, 3.0.x) runs the same file as its `tool_call`
// hook: `hookName: "tool_call"`, the call itself in `tool_call: {id, name,
// input}` (tools `run_commands`, `editor`, `read_files`, `apply_patch`,
// `search_codebase`, MCP tools as `SERVER__TOOL`), and a `preToolUse` block
// kept for old scripts whose values are JSON strings. The answer is the same
// `{cancel, errorMessage}`; a cancel stops the whole run there, and Cline's
// own output then says only "aborted" (test/fixtures/hooks/cline/real/).
import { CLINE_SHADOW } from './clineShadow';
import {
  DOCTOR_ID,
  failed,
  hookCommand,
  hookScript,
  json,
  out,
  readJson,
  type HostAdapter,
  type Unwrapped,
} from './adapter';
import { fail, isObj, nonEmpty, str, type Obj } from './fields';
import { HOST_TIMEOUT_SECONDS } from './types';

export const cline: HostAdapter = {
  id: 'cline',
  label: 'Cline',
  testedWith: '3.0.65',
  sandboxLeftAlone:
    'it has no sandbox: its `run_commands` tool spawns the shell with the account\'s own rights, and its "sandbox mode" (`--data-dir`, CLINE_SANDBOX=1) only moves its own state folder (read in Cline 3.0.65\'s CLI)',
  // A hook file, no configuration; Cline gives a hook 30 s.
  timeoutSeconds: HOST_TIMEOUT_SECONDS.cline,
  exitCodeOnly: false,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.clinerules/hooks/PreToolUse' },
    { scope: 'user', path: '~/Documents/Cline/Hooks/PreToolUse' },
  ],
  settingsFiles: {
    workspace: ['.clinerules/hooks/', '.cline/hooks/'],
    user: ['Documents/Cline/Hooks/', '.cline/hooks/'],
  },
  wiring: {
    kind: 'file',
    text: (launcher) => hookScript('cline', hookCommand('cline', launcher, 'linux')),
    executable: true,
    runs: 'file',
    event: 'PreToolUse',
  },
  shCommand: true,
  managed: { unsupported: 'Cline documents no administrator-owned hook location' },
  shadow: CLINE_SHADOW,
  notes: ['Cline runs hook files only with "Enable Hooks" checked in its settings'],
  tools: {
    // Cline 3's run_commands carries a list (`commands`), read by normalize.ts.
    shell: ['execute_command', 'run_commands'],
    edit: { write_to_file: 'write', replace_in_file: 'searchReplace', editor: 'editor' },
    read: { read_file: 'file', read_files: 'files', search_codebase: 'queries' },
    readOnly: [
      'list_files',
      'search_files',
      'list_code_definition_names',
      'ask_followup_question',
      'attempt_completion',
      'plan_mode_respond',
      'access_mcp_resource',
      'load_mcp_documentation',
      'fetch_web_content',
      'ask_question',
      'submit_and_exit',
      'skills',
    ],
    mcpCall: ['use_mcp_tool'],
  },
  unwrap(p): Unwrapped | undefined {
    // Cline 3: the call as the model made it, not the stringified preToolUse block.
    if (p.hookName === 'tool_call' && isObj(p.tool_call)) return { payload: cline3Call(p, p.tool_call) };
    if (nonEmpty(p.hookName) !== undefined && (p.hookName !== 'PreToolUse' || !isObj(p.preToolUse))) {
      return {
        done: fail(
          `AgentGuard's hook judges tool calls before they run; it got Cline's "${String(p.hookName)}" hook (install it as PreToolUse)`,
        ),
      };
    }
    if (!isObj(p.preToolUse)) return undefined;
    return {
      payload: {
        hook_event_name: 'PreToolUse',
        tool_name: p.preToolUse.toolName,
        tool_input: p.preToolUse.parameters ?? {},
        ...envelopeFields(p),
      },
    };
  },
  render(answer) {
    if (answer.decision === 'allow' || answer.decision === 'defer')
      return out(json({ cancel: false, ...(answer.warning ? { contextModification: answer.warning } : {}) }));
    return out(json({ cancel: true, errorMessage: answer.agentMessage }));
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: false });
    if ('answer' in read) return read.answer;
    const o = read.o;
    if (typeof o.cancel !== 'boolean') return failed('output lacks a boolean "cancel"');
    return o.cancel ? { ok: true, decision: 'deny', reason: str(o.errorMessage) } : { ok: true, decision: 'defer' };
  },
  // A block read from stdout with exit 0: exit 2 is not its block.
  launcherBlock: (answer) => ({ stdout: cline.render(answer, '').stdout, exitCode: 0 }),
  sample: (_event, workspace, command) => ({
    stdin: {
      clineVersion: '3.36.0',
      hookName: 'PreToolUse',
      timestamp: String(Date.now()),
      taskId: DOCTOR_ID,
      workspaceRoots: [workspace],
      userId: DOCTOR_ID,
      preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: 'false' } },
    },
  }),
};

/** Cline 3's own tools; any other name with `__` is an MCP tool (`SERVER__TOOL`). */
const CLINE3_TOOLS = new Set([
  'read_files',
  'search_codebase',
  'run_commands',
  'fetch_web_content',
  'apply_patch',
  'editor',
  'skills',
  'ask_question',
  'submit_and_exit',
]);

function envelopeFields(p: Obj): Obj {
  const roots = Array.isArray(p.workspaceRoots)
    ? p.workspaceRoots.filter((r): r is string => typeof r === 'string' && r.length > 0)
    : [];
  return {
    workspace_roots: roots,
    ...(roots[0] ? { cwd: roots[0] } : {}),
    ...(nonEmpty(p.taskId) ? { session_id: p.taskId } : {}),
  };
}

function cline3Call(p: Obj, call: Obj): Obj {
  const name = str(call.name) ?? '';
  const mcp = !CLINE3_TOOLS.has(name) && /^[^_].*?__./.test(name);
  return {
    hook_event_name: 'PreToolUse',
    tool_name: mcp ? `mcp__${name}` : name,
    tool_input: call.input ?? {},
    ...(nonEmpty(call.id) ? { tool_use_id: call.id } : {}),
    ...envelopeFields(p),
  };
}
