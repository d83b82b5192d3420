// Windsurf Cascade: hooks in `hooks.json` named by the action
// (`agent_action_name` + `tool_info`: `pre_run_command`, `pre_write_code`,
// `pre_mcp_tool_use`, `pre_read_code`). Exit 2 with the reason on stderr
// blocks; there is no ask and no allow, so exit 0 leaves the call to its own
// flow. Source: https://docs.windsurf.com/windsurf/cascade/hooks.
import { DOCTOR_ID, exitCodeRead, exitCodeRender, type HostAdapter, type Unwrapped } from './adapter';
import { fail, isObj, nonEmpty, parseInput, type Obj } from './fields';
import type { NormalizeResult, TextEdit } from './types';
import * as path from 'node:path';
import { HOST_TIMEOUT_SECONDS } from './types';

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

function request(p: Obj, event: string): NormalizeResult {
  const info = isObj(p.tool_info) ? p.tool_info : undefined;
  if (!info) return fail(`Windsurf ${event} input has no "tool_info"`);
  const base = {
    event,
    workspaceRoots: [],
    ...(nonEmpty(p.trajectory_id) ? { sessionId: nonEmpty(p.trajectory_id) } : {}),
    ...(nonEmpty(p.execution_id) ? { toolUseId: nonEmpty(p.execution_id) } : {}),
  };
  switch (event) {
    case 'pre_run_command': {
      const command = typeof info.command_line === 'string' ? info.command_line : undefined;
      if (command === undefined) return fail('Windsurf pre_run_command input has no "tool_info.command_line"');
      const cwd = nonEmpty(info.cwd);
      return {
        ok: true,
        request: { ...base, kind: 'shell', toolName: 'run_command', command, ...(cwd ? { cwd } : {}) },
      };
    }
    case 'pre_write_code': {
      const path = nonEmpty(info.file_path);
      if (!path) return fail('Windsurf pre_write_code input has no "tool_info.file_path"');
      const edits = windsurfEdits(info.edits);
      // A new file comes as one edit from nothing: judge it as a whole write.
      const target =
        edits.length === 1 && edits[0].oldString === ''
          ? { path, op: 'write' as const, content: edits[0].newString }
          : { path, op: 'edit' as const, edits };
      return { ok: true, request: { ...base, kind: 'edit', toolName: 'write_code', targets: [target] } };
    }
    case 'pre_mcp_tool_use': {
      const tool = nonEmpty(info.mcp_tool_name);
      if (!tool) return fail('Windsurf pre_mcp_tool_use input has no "tool_info.mcp_tool_name"');
      const server = nonEmpty(info.mcp_server_name);
      return {
        ok: true,
        request: {
          ...base,
          kind: 'mcp',
          toolName: tool,
          mcp: { ...(server ? { server } : {}), tool, input: parseInput(info.mcp_tool_arguments) },
        },
      };
    }
    case 'pre_read_code': {
      const path = nonEmpty(info.file_path);
      return {
        ok: true,
        request: {
          ...base,
          kind: 'other',
          toolName: 'read_code',
          readOnly: true,
          ...(path ? { reads: [{ mode: 'file' as const, path }] } : {}),
        },
      };
    }
    default:
      return fail(
        `AgentGuard's hook judges tool calls before they run; it got Windsurf's "${event}" event (check the hook configuration)`,
      );
  }
}

const common = () => ({ trajectory_id: DOCTOR_ID, execution_id: DOCTOR_ID, timestamp: new Date().toISOString() });

export const windsurf: HostAdapter = {
  id: 'windsurf',
  label: 'Windsurf',
  sandboxLeftAlone:
    'it has no sandbox: Cascade runs terminal commands unconfined; its auto-execution level and `windsurf.cascadeCommandsAllowList`/`DenyList` only decide whether it asks first',
  // hooks.json has no timeout field and none is documented: stay under a minute.
  timeoutSeconds: HOST_TIMEOUT_SECONDS.windsurf,
  exitCodeOnly: true,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.windsurf/hooks.json' },
    { scope: 'user', path: '~/.codeium/windsurf/hooks.json' },
  ],
  settingsFiles: { workspace: ['.windsurf/hooks.json'], user: ['.codeium/windsurf/hooks.json'] },
  // show_output: the block reason on stderr is shown in Cascade.
  wiring: { kind: 'json', events: WINDSURF_EVENTS, entry: (command) => ({ command, show_output: true }) },
  managed: {
    places: {
      unix: '/etc/windsurf/hooks.json',
      mac: '/Library/Application Support/Windsurf/hooks.json',
      windows: 'C:\\ProgramData\\Windsurf\\hooks.json',
    },
    format: 'json',
    docs: 'Windsurf Cascade hooks: system-level hooks.json',
  },
  // Cascade merges the hooks of every level and a pre-hook can only block: only AgentGuard's own project entry matters.
  shadow: { files: ['.windsurf/hooks.json'] },
  unwrap(p): Unwrapped | undefined {
    const event = nonEmpty(p.agent_action_name);
    return event ? { done: request(p, event) } : undefined;
  },
  render: exitCodeRender,
  read: exitCodeRead,
  sample(event, workspace, command, shellCall) {
    if (shellCall) event = 'pre_run_command';
    if (event === 'pre_write_code') {
      return {
        stdin: {
          agent_action_name: event,
          ...common(),
          tool_info: {
            file_path: path.join(workspace, 'agentguard-doctor.txt'),
            edits: [{ old_string: '', new_string: 'ok\n' }],
          },
        },
      };
    }
    if (event === 'pre_read_code') {
      return {
        stdin: {
          agent_action_name: event,
          ...common(),
          tool_info: { file_path: path.join(workspace, 'agentguard-doctor.txt') },
        },
      };
    }
    if (event === 'pre_mcp_tool_use') {
      return {
        stdin: {
          agent_action_name: event,
          ...common(),
          tool_info: { mcp_server_name: 'postgres', mcp_tool_name: 'list_tables', mcp_tool_arguments: {} },
        },
      };
    }
    return {
      stdin: {
        agent_action_name: 'pre_run_command',
        ...common(),
        tool_info: { command_line: command, cwd: workspace },
      },
    };
  },
};
