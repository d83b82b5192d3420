// Tool names of every host, grouped by what the tool does. Matching is
// by shape and name rather than by host, because hosts load each other's hook
// files (VS Code and Cursor both read `.claude/settings.json`), so any host's
// payload can reach any `agentguard hook <host>`.

/** Tools that run a shell command line found in `command`. */
export const SHELL_TOOLS: ReadonlySet<string> = new Set([
  'Bash', // Claude Code
  'Shell', // Cursor preToolUse
  'run_in_terminal', // VS Code
  'runInTerminal',
  'runTerminalCommand',
  'bash', // Copilot CLI, OpenCode
  'shell',
  'execute_command', // Cline
  'run_shell_command', // Gemini CLI
  'execute_bash', // Kiro
  'execute_cmd',
  'launch-process', // Augment
  'powershell', // Copilot CLI on Windows
  'PowerShell',
]);

/** Shell tools whose name says which shell runs the command. */
export const SHELL_OF_TOOL: ReadonlyMap<string, 'bash' | 'pwsh'> = new Map([
  ['powershell', 'pwsh'], // Copilot CLI names its two shell tools `bash` and `powershell`
  ['PowerShell', 'pwsh'],
]);

export type EditToolShape =
  | 'write' | 'edit' | 'multiEdit' | 'multiReplace' | 'fragment' | 'notebook' | 'delete' | 'patch'
  | 'searchReplace' | 'kiroWrite' | 'numberedEdit' | 'deleteMany';

/** Tools that change files, by the shape of their input. */
export const EDIT_TOOLS: ReadonlyMap<string, EditToolShape> = new Map<string, EditToolShape>([
  ['Write', 'write'], // Claude, Cursor
  ['create_file', 'write'], // VS Code
  ['create', 'write'], // Copilot CLI
  ['Edit', 'edit'], // Claude, Cursor
  ['StrReplace', 'edit'], // Cursor
  ['replace_string_in_file', 'edit'], // VS Code
  ['str_replace', 'edit'],
  ['edit', 'edit'], // Copilot CLI
  ['MultiEdit', 'multiEdit'], // Claude
  ['multi_replace_string_in_file', 'multiReplace'], // VS Code
  ['insert_edit_into_file', 'fragment'], // VS Code
  ['edit_file', 'fragment'], // Cursor (older)
  ['NotebookEdit', 'notebook'], // Claude
  ['EditNotebook', 'notebook'], // Cursor
  ['edit_notebook_file', 'notebook'], // VS Code
  ['Delete', 'delete'], // Cursor
  ['delete_file', 'delete'],
  ['apply_patch', 'patch'], // VS Code, Codex (`command` holds the patch)
  ['write_to_file', 'write'], // Cline
  ['replace_in_file', 'searchReplace'], // Cline: SEARCH/REPLACE blocks in `diff`
  ['write_file', 'write'], // Gemini CLI
  ['replace', 'edit'], // Gemini CLI
  ['fs_write', 'kiroWrite'], // Kiro: `command` create | str_replace | insert | append
  ['save-file', 'write'], // Augment
  ['str-replace-editor', 'numberedEdit'], // Augment: old_str_1/new_str_1, …
  ['remove-files', 'deleteMany'], // Augment
  ['write', 'write'], // OpenCode
  ['multiedit', 'multiEdit'], // OpenCode
  ['patch', 'patch'], // OpenCode (`patchText`)
]);

/** Tools that only read, search or talk to the user: nothing for AgentGuard to stop. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set([
  // Claude Code
  'Read', 'Glob', 'Grep', 'LS', 'WebFetch', 'WebSearch', 'TodoWrite', 'TodoRead', 'Task', 'Agent',
  'ExitPlanMode', 'BashOutput', 'KillShell', 'KillBash', 'AskUserQuestion', 'ListMcpResourcesTool', 'ReadMcpResourceTool',
  // Cursor
  'Grep', 'SemanticSearch', 'codebase_search', 'read_file', 'list_dir', 'file_search', 'grep_search', 'web_search',
  'ReadLints', 'read_lints', 'FetchRules', 'fetch_rules', 'TabRead',
  // VS Code
  'semantic_search', 'get_vscode_api', 'test_failure', 'test_search', 'get_errors', 'get_changed_files',
  'read_project_structure', 'search_workspace_symbols', 'list_code_usages', 'copilot_getNotebookSummary',
  'read_notebook_cell_output', 'fetch_webpage', 'get_project_setup_info', 'get_search_view_results', 'get_doc_info',
  'github_repo', 'open_simple_browser', 'manage_todo_list', 'get_terminal_output', 'terminal_selection',
  'terminal_last_command', 'get_task_output', 'runSubagent', 'vscode_get_confirmation', 'vscode_get_terminal_confirmation',
  'create_directory', 'think', 'memory',
  // Copilot CLI
  'view', 'glob', 'grep', 'report_intent', 'fetch', 'web_fetch',
  // Cline
  'list_files', 'search_files', 'list_code_definition_names', 'ask_followup_question', 'attempt_completion',
  'plan_mode_respond', 'access_mcp_resource', 'load_mcp_documentation',
  // Gemini CLI
  'read_many_files', 'list_directory', 'search_file_content', 'google_web_search',
  // Kiro
  'fs_read', 'introspect', 'thinking', 'todo_list',
  // Augment
  'codebase-retrieval', 'web-search', 'web-fetch', 'diagnostics', 'view_tasklist',
  // Amp
  'Read', 'finder', 'read_web_page', 'web_search', 'oracle', 'todo_read', 'todo_write', 'mermaid', 'librarian',
  // OpenCode
  'read', 'list', 'webfetch', 'todowrite', 'todoread', 'task',
]);

/**
 * Tools that fetch web pages the agent names, and the input fields holding
 * the URLs: what the URL carries leaves the machine (secrets in a query, a
 * cloud metadata endpoint). Gemini CLI's `web_fetch` takes URLs inside its
 * prompt.
 */
export const FETCH_TOOLS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['WebFetch', ['url']], // Claude Code
  ['fetch_webpage', ['urls']], // VS Code
  ['web_fetch', ['url', 'prompt']], // Copilot CLI, Gemini CLI
  ['fetch', ['url']], // Copilot CLI
  ['webfetch', ['url']], // OpenCode
  ['web-fetch', ['url']], // Augment
  ['read_web_page', ['url']], // Amp
]);

/** Tools that run a task whose command is a shell line (VS Code `create_and_run_task`). */
export const TASK_TOOLS: ReadonlySet<string> = new Set(['create_and_run_task']);

/** Tools that call an MCP server named in their input (Cline `use_mcp_tool`). */
export const MCP_CALL_TOOLS: ReadonlySet<string> = new Set(['use_mcp_tool']);

/** MCP tool name in Claude, Codex, Gemini, Amp (`mcp__server__tool`), VS Code (`mcp_server_tool`), Cursor preToolUse (`MCP:tool`) or Kiro (`@server/tool`). */
export function parseMcpToolName(name: string): { server?: string; tool: string } | undefined {
  const kiro = /^@([^/]+)\/(.+)$/.exec(name);
  if (kiro) return { server: kiro[1], tool: kiro[2] };
  if (name.startsWith('mcp__')) {
    const rest = name.slice(5);
    const sep = rest.indexOf('__');
    return sep > 0 ? { server: rest.slice(0, sep), tool: rest.slice(sep + 2) } : { tool: rest };
  }
  if (/^mcp[:_]/i.test(name)) return { tool: name.slice(4) };
  return undefined;
}

export type ReadToolShape = 'file' | 'files' | 'search' | 'list' | 'kiro';

/**
 * Tools that read files or search their content, and the shape of their
 * input: their targets are judged like `cat`, `grep` and `find` in the
 * shell. Names from each host's tool reference (Claude Code, Cursor, VS Code,
 * Copilot CLI, Cline, Gemini CLI, Kiro, Augment, Amp, OpenCode) and from the
 * reference MCP file server (`@modelcontextprotocol/server-filesystem`).
 */
export const READ_TOOLS: ReadonlyMap<string, ReadToolShape> = new Map<string, ReadToolShape>([
  ['Read', 'file'], // Claude, Cursor, Amp
  ['NotebookRead', 'file'], // Claude
  ['read_file', 'file'], // Gemini, VS Code, Cline, Cursor (older), MCP file server
  ['read_text_file', 'file'], // MCP file server
  ['read_media_file', 'file'], // MCP file server
  ['read', 'file'], // OpenCode
  ['view', 'file'], // Copilot CLI, Augment
  ['read_multiple_files', 'files'], // MCP file server
  ['read_many_files', 'files'], // Gemini
  ['fs_read', 'kiro'], // Kiro
  ['Grep', 'search'], // Claude, Cursor
  ['grep', 'search'], // Copilot CLI, OpenCode, Gemini (newer)
  ['search_file_content', 'search'], // Gemini
  ['grep_search', 'search'], // VS Code, Cursor (older)
  ['Glob', 'list'], // Claude
  ['glob', 'list'], // Gemini, Copilot CLI, OpenCode
  ['file_search', 'list'], // VS Code, Cursor (older)
  ['search_files', 'list'], // MCP file server (names); Cline's content search is read as a search by its `regex`
]);
