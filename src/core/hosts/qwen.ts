// Qwen Code (a Gemini CLI fork): Claude-shaped `PreToolUse` hooks in its
// settings (`session_id, transcript_path, cwd, hook_event_name, timestamp,
// permission_mode, prompt_id, tool_name, tool_input, tool_use_id,
// tool_call_id`) with Gemini CLI's tool names (`run_shell_command`,
// `write_file`, `edit`, `read_file`, `grep_search`), its `timeout` in
// seconds. It reads Claude's `hookSpecificOutput.permissionDecision`; nothing
// on stdout is its "no decision". An `ask` is put to the user in its TUI;
// headless (`-p`) and background subagents turn it into a deny, and its yolo
// mode is taken to ask no one. Sources: Qwen Code 0.24.4's own
// `docs/features/hooks.md` and `docs/configuration/settings.md` (shipped in
// the npm package), payloads captured from it (test/fixtures/hooks/qwen/real/).
import { DOCTOR_ID, INSTALLED_TIMEOUT_SECONDS, readJson, readPreToolUse, type HostAdapter } from './adapter';
import { preToolUseRender } from './claude';
import { qwenHooksOffBy } from './qwenSandbox';
import { QWEN_SHADOW } from './qwenShadow';
import { HOST_TIMEOUT_SECONDS } from './types';

/**
 * Qwen Code's tools that act or read: shell (`monitor` runs a command in the
 * background), file writes and edits, reads and searches, scheduled work,
 * and MCP tools (`mcp__server__tool`). A `|` list: each entry is compared
 * exactly, then as a regular expression.
 */
export const QWEN_MATCHER =
  'run_shell_command|monitor|write_file|edit|notebook_edit|read_file|read_many_files|grep_search|glob|cron_create|mcp__.*';

export const qwen: HostAdapter = {
  id: 'qwen',
  label: 'Qwen Code',
  testedWith: '0.24.4',
  // Read from Qwen Code 0.24.4's docs/features/sandbox.md and its execution-sandbox settings reader.
  sandboxLeftAlone:
    'its Linux execution sandbox (`tools.executionSandbox` in ~/.qwen/settings.json: bubblewrap, read-only or workspace-write, no deny-write list) turns its hooks off, so AgentGuard would never be called: install leaves it off; its container sandbox (`tools.sandbox`) runs the whole CLI in an image it pulls',
  hooksOffBy: qwenHooksOffBy,
  // `timeout` in seconds in the entry (default 60; 1000 or more is read as milliseconds).
  timeoutSeconds: HOST_TIMEOUT_SECONDS.qwen,
  exitCodeOnly: false,
  // Windows: Qwen Code 0.24 starts `%ComSpec% /d /s /c LINE` with LINE one spawn argument (its getShellConfiguration), PowerShell only where ComSpec is one.
  windowsShell: 'cmd-argv',
  willAsk: (req) => req.permissionMode !== 'yolo',
  hookFiles: [
    { scope: 'project', path: '.qwen/settings.json' },
    { scope: 'user', path: '~/.qwen/settings.json' },
  ],
  settingsFiles: { workspace: ['.qwen/settings.json'], user: ['.qwen/settings.json'] },
  wiring: {
    kind: 'json',
    events: ['PreToolUse'],
    matcher: QWEN_MATCHER,
    entry: (command) => ({ type: 'command', command, timeout: INSTALLED_TIMEOUT_SECONDS }),
  },
  managed: {
    // System settings override user and project settings (QWEN_CODE_SYSTEM_SETTINGS_PATH can point elsewhere).
    places: {
      unix: '/etc/qwen-code/settings.json',
      mac: '/Library/Application Support/QwenCode/settings.json',
      windows: 'C:\\ProgramData\\qwen-code\\settings.json',
    },
    format: 'json',
    docs: 'Qwen Code configuration: system settings file',
  },
  tools: {
    shell: ['run_shell_command', 'monitor'],
    edit: { write_file: 'write', edit: 'edit', notebook_edit: 'notebook' },
    read: { read_file: 'file', read_many_files: 'files', grep_search: 'search', glob: 'list' },
    readOnly: [
      'list_directory',
      'web_fetch',
      'web_search',
      'todo_write',
      'save_memory',
      'ask_user_question',
      'exit_plan_mode',
      'enter_plan_mode',
      'task_list',
      'list_agents',
      'lsp',
    ],
  },
  // A project settings file that turns hooks off or adds a PreToolUse hook that may rewrite the call, or a project `.env` that turns safe mode on (qwenShadow.ts).
  shadow: QWEN_SHADOW,
  render: preToolUseRender,
  read(r) {
    const read = readJson(r, { exit2Blocks: true, empty: { ok: true, decision: 'defer' } });
    return 'answer' in read ? read.answer : readPreToolUse(read.o);
  },
  sample: (_event, workspace, command) => ({
    stdin: {
      session_id: DOCTOR_ID,
      cwd: workspace,
      hook_event_name: 'PreToolUse',
      permission_mode: 'default',
      tool_name: 'run_shell_command',
      tool_input: { command, description: DOCTOR_ID },
      tool_use_id: DOCTOR_ID,
    },
  }),
};
