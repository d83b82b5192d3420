// Cursor: `hooks.json` version 1, with events of its own — a shell call
// (`beforeShellExecution`) and an MCP call (`beforeMCPExecution`, its input
// a JSON string) before they run, a file before the agent reads it
// (`beforeReadFile`), and every other tool through `preToolUse`; it runs
// Claude Code's hooks too. Its answer is `permission` with a message for the
// human and one for the agent. It has no "no decision" value: its docs' own
// examples let a call through with a bare allow, which does not override its
// allow-list or MCP approvals (Cursor forum threads 144244 and 155434); an
// empty answer would be a failed hook under `failClosed`. It has no
// reliable ask either: the hook resolves one before answering. Source:
// https://cursor.com/docs/agent/hooks.
import * as path from 'node:path';
import {
  DECISIONS,
  DOCTOR_ID,
  failed,
  INSTALLED_TIMEOUT_SECONDS,
  json,
  out,
  readJson,
  type HostAdapter,
} from './adapter';
import { cursorShadows } from './cursorShadow';
import { fail, nonEmpty, parseInput, shellField, str, textEdits } from './fields';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Cursor events AgentGuard answers: shell and MCP before they run, file reads before the agent sees them, and every other tool (edits) via preToolUse. */
export const CURSOR_EVENTS = ['beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'preToolUse'] as const;

const TOOLS = {
  shell: ['Shell'],
  edit: {
    Write: 'write',
    Edit: 'edit',
    StrReplace: 'edit',
    edit_file: 'fragment',
    EditNotebook: 'notebook',
    Delete: 'delete',
    delete_file: 'delete',
  },
  read: { Read: 'file', read_file: 'file', Grep: 'search', grep_search: 'search', file_search: 'list' },
  readOnly: [
    'Grep',
    'SemanticSearch',
    'codebase_search',
    'read_file',
    'list_dir',
    'file_search',
    'grep_search',
    'web_search',
    'ReadLints',
    'read_lints',
    'FetchRules',
    'fetch_rules',
    'TabRead',
  ],
} as const;

/** Every tool name of Cursor's own (a name that is none of them reaches the hook as an MCP tool). */
const OWN_TOOLS = new Set<string>([
  ...TOOLS.shell,
  ...Object.keys(TOOLS.edit),
  ...Object.keys(TOOLS.read),
  ...TOOLS.readOnly,
  'beforeReadFile',
  'afterFileEdit',
]);

export const cursor: HostAdapter = {
  // https://cursor.com/docs/reference/sandbox: `type` workspace_readwrite | workspace_readonly | insecure_none, `additionalReadwritePaths`, `additionalReadonlyPaths`; no key denies a path.
  sandboxLeftAlone:
    "its sandbox (~/.cursor/sandbox.json and .cursor/sandbox.json) keeps writes to the workspace and temp, takes no deny-write list, and is switched on in Cursor's run mode, not in a file; Cursor's agent cannot run here to check it: install leaves it to you",
  id: 'cursor',
  label: 'Cursor',
  timeoutSeconds: HOST_TIMEOUT_SECONDS.cursor,
  exitCodeOnly: false,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.cursor/hooks.json' },
    { scope: 'user', path: '~/.cursor/hooks.json' },
  ],
  // The hooks file and the folder its scripts are kept in.
  settingsFiles: {
    workspace: ['.cursor/hooks.json', '.cursor/hooks/'],
    user: ['.cursor/hooks.json', '.cursor/hooks/'],
  },
  wiring: {
    kind: 'json',
    events: CURSOR_EVENTS,
    version: 1,
    entry: (command) => ({ command, timeout: INSTALLED_TIMEOUT_SECONDS, failClosed: true }),
    problems: (_group, h) =>
      h.failClosed !== true ? ['failClosed is not true: Cursor lets the action through when the hook fails'] : [],
  },
  managed: {
    places: {
      unix: '/etc/cursor/hooks.json',
      mac: '/Library/Application Support/Cursor/hooks.json',
      windows: 'C:\\ProgramData\\Cursor\\hooks.json',
    },
    format: 'json',
    docs: 'Cursor hooks: enterprise (global) hooks.json',
  },
  editorOffer: { label: 'Cursor', marker: '.cursor' },
  tools: TOOLS,
  // A workspace hook that outranks AgentGuard's user-level entry (cursorShadow.ts).
  shadow: { files: ['.cursor/hooks.json', '.cursor/mcp.json'], shadows: cursorShadows(TOOLS.shell, OWN_TOOLS) },
  events: {
    beforeShellExecution(p, base, event) {
      const command = str(p.command);
      if (command === undefined) return fail('beforeShellExecution input has no "command"');
      const shell = shellField(p.shell);
      return {
        ok: true,
        request: { ...base, event, kind: 'shell', toolName: 'Shell', command, ...(shell ? { shell } : {}) },
      };
    },
    beforeMCPExecution(p, base, event, toolName) {
      if (toolName === undefined) return fail('beforeMCPExecution input has no "tool_name"');
      const server = nonEmpty(p.server) ?? nonEmpty(p.server_name) ?? nonEmpty(p.url) ?? nonEmpty(p.command);
      return {
        ok: true,
        request: {
          ...base,
          event,
          kind: 'mcp',
          toolName,
          mcp: { server, tool: toolName, input: parseInput(p.tool_input) },
        },
      };
    },
    beforeReadFile(p, base, event) {
      // the file the agent is about to read, with its content
      const path = nonEmpty(p.file_path);
      if (!path) return fail('beforeReadFile input has no "file_path"');
      return {
        ok: true,
        request: {
          ...base,
          event,
          kind: 'other',
          toolName: 'beforeReadFile',
          readOnly: true,
          reads: [{ mode: 'file', path }],
        },
      };
    },
    afterFileEdit(p, base, event) {
      const path = nonEmpty(p.file_path);
      if (!path) return fail('afterFileEdit input has no "file_path"');
      return {
        ok: true,
        request: {
          ...base,
          event,
          kind: 'edit',
          toolName: 'afterFileEdit',
          targets: [{ path, op: 'edit', edits: textEdits(p.edits) }],
        },
      };
    },
  },
  // A shell or MCP call seen by preToolUse is put to the human by its dedicated hook, once.
  deferAsk: (req) =>
    req.event === 'preToolUse' && (req.kind === 'shell' || req.kind === 'mcp')
      ? req.kind === 'shell'
        ? 'beforeShellExecution'
        : 'beforeMCPExecution'
      : undefined,
  runsHooksOf: ['claude'],
  severalEvents: true,
  render(answer, event) {
    if (answer.decision === 'defer') {
      const o: Record<string, string> = { permission: 'allow' };
      if (event === 'preToolUse') o.decision = 'allow';
      if (answer.warning) o.user_message = answer.warning;
      return out(json(o));
    }
    const permission = answer.decision === 'allow' ? 'allow' : 'deny';
    const userMessage = answer.warning ? `${answer.userMessage}\n${answer.warning}` : answer.userMessage;
    const o: Record<string, string> = { permission, user_message: userMessage, agent_message: answer.agentMessage };
    // preToolUse has been documented both with `permission` and with `decision`/`reason`: answer both.
    if (event === 'preToolUse') {
      o.decision = permission;
      o.reason = answer.agentMessage;
    }
    return out(json(o));
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: true });
    if ('answer' in read) return read.answer;
    const o = read.o;
    if (!DECISIONS.includes(o.permission as string)) return failed('output lacks permission');
    // A bare allow is the pass-through: Cursor's own allow-list and approvals decide.
    if (o.permission === 'allow' && o.agent_message === undefined) return { ok: true, decision: 'defer' };
    if (typeof o.user_message !== 'string' || typeof o.agent_message !== 'string')
      return failed('output lacks user_message/agent_message');
    return { ok: true, decision: o.permission as 'allow', reason: o.user_message };
  },
  // Its JSON and exit 2: whichever of the two Cursor reads, it blocks.
  launcherBlock(answer) {
    return { stdout: cursor.render(answer, 'preToolUse').stdout, exitCode: 2 };
  },
  sample(event, workspace, command, shellCall) {
    if (shellCall) event = 'beforeShellExecution';
    const common = {
      conversation_id: DOCTOR_ID,
      generation_id: DOCTOR_ID,
      hook_event_name: event,
      workspace_roots: [workspace],
    };
    if (event === 'beforeMCPExecution')
      return { stdin: { ...common, tool_name: 'list_tables', tool_input: '{}', command: DOCTOR_ID } };
    if (event === 'preToolUse')
      return {
        stdin: { ...common, tool_name: 'Shell', tool_input: { command }, tool_use_id: DOCTOR_ID, cwd: workspace },
      };
    if (event === 'beforeReadFile')
      return {
        stdin: {
          ...common,
          file_path: path.join(workspace, 'agentguard-doctor.txt'),
          content: 'ok\n',
          attachments: [],
        },
      };
    return { stdin: { ...common, command, cwd: workspace } };
  },
};
