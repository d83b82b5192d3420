// VS Code's agent (Copilot): `PreToolUse` hooks from every JSON file in
// `.github/hooks/` (and `~/.copilot/hooks/` for the user), camelCase common
// fields, VS Code tool names. It reads Claude Code's schema and Claude
// Code's and Copilot CLI's hook files too. VS Code ignores matchers, so every
// tool call reaches the hook. GitHub's enterprise managed settings have no
// hooks key.
import { claudeRuleNote, preToolUseRender } from './claude';
import { COPILOT_SHADOW } from './copilotShadow';
import { VSCODE_SANDBOX, vscodeSandboxOn } from './vscodeSandbox';
import { DOCTOR_ID, INSTALLED_TIMEOUT_SECONDS, readJson, readPreToolUse, type HostAdapter } from './adapter';
import { HOST_TIMEOUT_SECONDS } from './types';

export const copilot: HostAdapter = {
  id: 'copilot',
  label: 'VS Code agent',
  timeoutSeconds: HOST_TIMEOUT_SECONDS.copilot,
  exitCodeOnly: false,
  willAsk: () => true,
  hookFiles: [
    // VS Code reads every JSON file in `.github/hooks/` and, for the user, `~/.copilot/hooks/`.
    { scope: 'project', path: '.github/hooks/agentguard.json' },
    { scope: 'user', path: '~/.copilot/hooks/agentguard.json' },
  ],
  settingsFiles: { workspace: ['.github/hooks/'], user: ['.copilot/hooks/'] },
  wiring: {
    kind: 'json',
    events: ['PreToolUse'],
    entry: (command) => ({ type: 'command', command, timeout: INSTALLED_TIMEOUT_SECONDS }),
  },
  managed: {
    unsupported:
      "GitHub's enterprise managed-settings.json has no hooks key (permissions, plugins, marketplaces, telemetry, remote control, sandbox only)",
  },
  // VS Code calls it the agent sandbox (chat.agent.sandbox.*); "VS Code agent (Copilot)'s sandbox" trips the reader.
  editorOffer: { label: 'VS Code agent (Copilot)', sandbox: "VS Code's agent sandbox (Copilot)" },
  tools: {
    shell: ['run_in_terminal', 'runInTerminal', 'runTerminalCommand'],
    edit: {
      create_file: 'write',
      replace_string_in_file: 'edit',
      str_replace: 'edit',
      multi_replace_string_in_file: 'multiReplace',
      insert_edit_into_file: 'fragment',
      edit_notebook_file: 'notebook',
      apply_patch: 'patch',
    },
    read: { read_file: 'file', grep_search: 'search', file_search: 'list' },
    readOnly: [
      'semantic_search',
      'get_vscode_api',
      'test_failure',
      'test_search',
      'get_errors',
      'get_changed_files',
      'read_project_structure',
      'search_workspace_symbols',
      'list_code_usages',
      'copilot_getNotebookSummary',
      'read_notebook_cell_output',
      'fetch_webpage',
      'get_project_setup_info',
      'get_search_view_results',
      'get_doc_info',
      'github_repo',
      'open_simple_browser',
      'manage_todo_list',
      'get_terminal_output',
      'terminal_selection',
      'terminal_last_command',
      'get_task_output',
      'runSubagent',
      'vscode_get_confirmation',
      'vscode_get_terminal_confirmation',
      'create_directory',
      'think',
      'memory',
    ],
    task: ['create_and_run_task'],
  },
  runsHooksOf: ['claude', 'copilot-cli'],
  // A handler the workspace adds in .github/hooks/ or .claude/, or hook loading turned off in .vscode/settings.json (copilotShadow.ts).
  shadow: COPILOT_SHADOW,
  render: preToolUseRender,
  read(r) {
    const read = readJson(r, { exit2Blocks: true, empty: { ok: true, decision: 'defer' } });
    return 'answer' in read ? read.answer : readPreToolUse(read.o);
  },
  sample: (_event, workspace, command) => ({
    stdin: {
      timestamp: new Date().toISOString(),
      cwd: workspace,
      sessionId: DOCTOR_ID,
      hookEventName: 'PreToolUse',
      tool_name: 'run_in_terminal',
      tool_input: { command, explanation: DOCTOR_ID, isBackground: false },
      tool_use_id: DOCTOR_ID,
    },
  }),
  // VS Code takes the rewrite with an allow or an ask, and meets it with the user's Claude Code rules.
  confinement: {
    rewriteWith: ['allow', 'ask'],
    ownRuleFor: claudeRuleNote,
    ownSandbox: (_req, workspace, home) =>
      vscodeSandboxOn(workspace, home) ? 'unconfined by AgentGuard: VS Code runs it in its agent sandbox' : undefined,
  },
  ...(VSCODE_SANDBOX ? { sandbox: { ...VSCODE_SANDBOX, runsOn: vscodeSandboxOn } } : {}),
};
