// A shell call in each host's own payload, for `agentguard doctor`: it runs
// every installed hook the way its host does, with a harmless and a
// dangerous command, and reports what the host would make of the answers.
import * as path from 'node:path';
import type { HostId } from './types';

/** Allowed by every policy (unless the kill switch is engaged). */
export const HARMLESS_SAMPLE = 'true';
/** Denied by the built-in policy outright (no approval asked, so no dialog pops up). */
export const DANGEROUS_SAMPLE = 'rm -rf /';

export interface Sample {
  /** The payload on stdin. */
  stdin: unknown;
  /** Extra environment (Amp passes the tool name there). */
  env?: Record<string, string>;
}

const ID = 'agentguard-doctor';

/**
 * `command` as the host would send it before running it in `workspace`;
 * `event` picks among a host's events (Cursor, Windsurf). The dangerous
 * sample is always a shell call (every event's hook runs the same command):
 * edits and MCP calls are at worst gated, and a gated sample would pop up an
 * approval dialog in the editor.
 */
export function samplePayload(host: HostId, event: string, workspace: string, command: string): Sample {
  if (command === DANGEROUS_SAMPLE) event = host === 'cursor' ? 'beforeShellExecution' : host === 'windsurf' ? 'pre_run_command' : event;
  switch (host) {
    case 'cursor': {
      const common = { conversation_id: ID, generation_id: ID, hook_event_name: event, workspace_roots: [workspace] };
      if (event === 'beforeMCPExecution') return { stdin: { ...common, tool_name: 'list_tables', tool_input: '{}', command: ID } };
      if (event === 'preToolUse') return { stdin: { ...common, tool_name: 'Shell', tool_input: { command }, tool_use_id: ID, cwd: workspace } };
      if (event === 'beforeReadFile') return { stdin: { ...common, file_path: path.join(workspace, 'agentguard-doctor.txt'), content: 'ok\n', attachments: [] } };
      return { stdin: { ...common, command, cwd: workspace } };
    }
    case 'copilot':
      return { stdin: { timestamp: new Date().toISOString(), cwd: workspace, sessionId: ID, hookEventName: 'PreToolUse', tool_name: 'run_in_terminal', tool_input: { command, explanation: ID, isBackground: false }, tool_use_id: ID } };
    case 'copilot-cli':
      return { stdin: { timestamp: Date.now(), cwd: workspace, toolName: 'bash', toolArgs: JSON.stringify({ command, description: ID }) } };
    case 'windsurf':
      if (event === 'pre_write_code') {
        return { stdin: { agent_action_name: event, trajectory_id: ID, execution_id: ID, timestamp: new Date().toISOString(), tool_info: { file_path: path.join(workspace, 'agentguard-doctor.txt'), edits: [{ old_string: '', new_string: 'ok\n' }] } } };
      }
      if (event === 'pre_read_code') {
        return { stdin: { agent_action_name: event, trajectory_id: ID, execution_id: ID, timestamp: new Date().toISOString(), tool_info: { file_path: path.join(workspace, 'agentguard-doctor.txt') } } };
      }
      if (event === 'pre_mcp_tool_use') {
        return { stdin: { agent_action_name: event, trajectory_id: ID, execution_id: ID, timestamp: new Date().toISOString(), tool_info: { mcp_server_name: 'postgres', mcp_tool_name: 'list_tables', mcp_tool_arguments: {} } } };
      }
      return { stdin: { agent_action_name: 'pre_run_command', trajectory_id: ID, execution_id: ID, timestamp: new Date().toISOString(), tool_info: { command_line: command, cwd: workspace } } };
    case 'cline':
      return { stdin: { clineVersion: '3.36.0', hookName: 'PreToolUse', timestamp: String(Date.now()), taskId: ID, workspaceRoots: [workspace], userId: ID, preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: 'false' } } } };
    case 'gemini':
      return { stdin: { session_id: ID, transcript_path: '', cwd: workspace, hook_event_name: 'BeforeTool', timestamp: new Date().toISOString(), tool_name: 'run_shell_command', tool_input: { command, description: ID } } };
    case 'codex':
      return { stdin: { session_id: ID, turn_id: ID, transcript_path: null, cwd: workspace, hook_event_name: 'PreToolUse', model: 'gpt-5-codex', permission_mode: 'default', tool_name: 'Bash', tool_use_id: ID, tool_input: { command } } };
    case 'kiro':
      return { stdin: { hook_event_name: 'preToolUse', cwd: workspace, tool_name: 'execute_bash', tool_input: { command, summary: ID } } };
    case 'augment':
      return { stdin: { hook_event_name: 'PreToolUse', cwd: workspace, tool_name: 'launch-process', tool_input: { command, cwd: workspace, wait: true } } };
    case 'amp':
      return { stdin: { cmd: command, cwd: workspace }, env: { AGENT_TOOL_NAME: 'Bash', AGENT: 'amp' } };
    case 'opencode':
      return { stdin: { hook_event_name: 'tool.execute.before', tool: 'bash', sessionID: ID, callID: ID, args: { command, description: ID }, directory: workspace, worktree: workspace } };
    case 'claude':
      return { stdin: { session_id: ID, cwd: workspace, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command, description: ID }, tool_use_id: ID } };
  }
}
