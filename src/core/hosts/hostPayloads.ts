// Hosts whose payload is not the `tool_name` + `tool_input` shape most hosts
// share: Windsurf (`agent_action_name` + `tool_info`), Cline (`preToolUse`
// inside an envelope), Amp (bare tool arguments, tool name in the
// environment) and OpenCode (what AgentGuard's plugin forwards from
// `tool.execute.before`). Each is turned into the common shape, or straight
// into a request when the host's event already says what kind of call it is.
// Pure: no I/O.
import type { NormalizeResult, TextEdit } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const fail = (error: string): NormalizeResult => ({ ok: false, error });

// Arguments that arrive as a JSON string are judged as the object they spell.
function jsonOrText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** Windsurf's pre-hooks AgentGuard judges. */
export const WINDSURF_EVENTS = ['pre_run_command', 'pre_write_code', 'pre_mcp_tool_use', 'pre_read_code'] as const;

function windsurfEdits(v: unknown): TextEdit[] {
  if (!Array.isArray(v)) return [];
  const out: TextEdit[] = [];
  for (const e of v) {
    if (!isObj(e) || typeof e.new_string !== 'string') continue;
    out.push({ oldString: typeof e.old_string === 'string' ? e.old_string : '', newString: e.new_string });
  }
  return out;
}

function windsurf(p: Obj, event: string): NormalizeResult {
  const info = isObj(p.tool_info) ? p.tool_info : undefined;
  if (!info) return fail(`Windsurf ${event} input has no "tool_info"`);
  const base = { event, workspaceRoots: [], ...(nonEmpty(p.trajectory_id) ? { sessionId: nonEmpty(p.trajectory_id) } : {}), ...(nonEmpty(p.execution_id) ? { toolUseId: nonEmpty(p.execution_id) } : {}) };
  switch (event) {
    case 'pre_run_command': {
      const command = typeof info.command_line === 'string' ? info.command_line : undefined;
      if (command === undefined) return fail('Windsurf pre_run_command input has no "tool_info.command_line"');
      const cwd = nonEmpty(info.cwd);
      return { ok: true, request: { ...base, kind: 'shell', toolName: 'run_command', command, ...(cwd ? { cwd } : {}) } };
    }
    case 'pre_write_code': {
      const path = nonEmpty(info.file_path);
      if (!path) return fail('Windsurf pre_write_code input has no "tool_info.file_path"');
      const edits = windsurfEdits(info.edits);
      // A new file comes as one edit from nothing: judge it as a whole write.
      const target = edits.length === 1 && edits[0].oldString === ''
        ? { path, op: 'write' as const, content: edits[0].newString }
        : { path, op: 'edit' as const, edits };
      return { ok: true, request: { ...base, kind: 'edit', toolName: 'write_code', targets: [target] } };
    }
    case 'pre_mcp_tool_use': {
      const tool = nonEmpty(info.mcp_tool_name);
      if (!tool) return fail('Windsurf pre_mcp_tool_use input has no "tool_info.mcp_tool_name"');
      const server = nonEmpty(info.mcp_server_name);
      return { ok: true, request: { ...base, kind: 'mcp', toolName: tool, mcp: { ...(server ? { server } : {}), tool, input: jsonOrText(info.mcp_tool_arguments) } } };
    }
    case 'pre_read_code': {
      const path = nonEmpty(info.file_path);
      return { ok: true, request: { ...base, kind: 'other', toolName: 'read_code', readOnly: true, ...(path ? { reads: [{ mode: 'file' as const, path }] } : {}) } };
    }
    default:
      return fail(`AgentGuard's hook judges tool calls before they run; it got Windsurf's "${event}" event (check the hook configuration)`);
  }
}

export type Unwrapped = { done: NormalizeResult } | { payload: Obj } | undefined;

/**
 * The common shape of a host's payload (`payload`), or a finished request or
 * error (`done`), or undefined when the payload already has the common shape.
 */
export function unwrapEnvelope(p: Obj): Unwrapped {
  const windsurfEvent = nonEmpty(p.agent_action_name);
  if (windsurfEvent) return { done: windsurf(p, windsurfEvent) };

  if (nonEmpty(p.hookName) !== undefined && (p.hookName !== 'PreToolUse' || !isObj(p.preToolUse))) {
    return { done: fail(`AgentGuard's hook judges tool calls before they run; it got Cline's "${String(p.hookName)}" hook (install it as PreToolUse)`) };
  }
  if (isObj(p.preToolUse)) {
    const roots = Array.isArray(p.workspaceRoots) ? p.workspaceRoots.filter((r): r is string => typeof r === 'string' && r.length > 0) : [];
    return { payload: {
      hook_event_name: 'PreToolUse',
      tool_name: p.preToolUse.toolName,
      tool_input: p.preToolUse.parameters ?? {},
      workspace_roots: roots,
      ...(roots[0] ? { cwd: roots[0] } : {}),
      ...(nonEmpty(p.taskId) ? { session_id: p.taskId } : {}),
    } };
  }

  if (p.hook_event_name === 'tool.execute.before' && p.tool_name === undefined) {
    return { payload: {
      hook_event_name: p.hook_event_name,
      tool_name: p.tool,
      tool_input: p.args ?? {},
      ...(nonEmpty(p.sessionID) ? { session_id: p.sessionID } : {}),
      ...(nonEmpty(p.callID) ? { tool_use_id: p.callID } : {}),
      ...(nonEmpty(p.directory) ? { cwd: p.directory } : {}),
      workspace_roots: [p.worktree, p.directory].filter((r): r is string => typeof r === 'string' && r.length > 0),
    } };
  }
  return undefined;
}

/** Amp's delegate program gets only the tool's arguments; the tool's name is in `AGENT_TOOL_NAME`. */
export function ampEnvelope(args: unknown, toolName: string | undefined, cwd: string): unknown {
  if (!toolName) return { hook_event_name: 'PreToolUse' };
  return { hook_event_name: 'PreToolUse', tool_name: toolName, tool_input: args, cwd };
}
