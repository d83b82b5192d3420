// Gemini CLI: `BeforeTool` hooks in its settings (`session_id,
// transcript_path, cwd, hook_event_name, timestamp, tool_name, tool_input`),
// its timeout in milliseconds. `{}` — no `decision` — is its "no decision":
// its policy engine and tool confirmation decide (`decision: "allow"` is
// only "not blocking"). It cannot ask. Sources: google-gemini/gemini-cli
// `docs/hooks/reference.md`, `packages/core/src/scheduler/hook-utils.ts`,
// `scheduler.ts` (`checkPolicy` runs after the hook).
import { DOCTOR_ID, failed, INSTALLED_TIMEOUT_SECONDS, json, out, readJson, type HostAdapter } from './adapter';
import { str } from './fields';
import { geminiShadows } from './geminiShadow';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Gemini CLI's shell, file, read, search and MCP tools (its content search is `grep_search` since 0.61, `search_file_content` before). */
export const GEMINI_MATCHER =
  'run_shell_command|write_file|replace|read_file|read_many_files|search_file_content|grep_search|grep|glob|mcp_.*';

export const gemini: HostAdapter = {
  id: 'gemini',
  label: 'Gemini CLI',
  testedWith: '0.61.0',
  // Read from Gemini CLI 0.61.0's own sandboxConfig: `tools.sandbox` (true, a command, or {enabled, command, allowedPaths, networkAccess, image}) or GEMINI_SANDBOX.
  sandboxLeftAlone:
    'its sandbox (`tools.sandbox` or GEMINI_SANDBOX: docker, podman, gVisor, lxc or macOS Seatbelt) runs the whole CLI in a container it pulls, with extra mounts (`allowedPaths`) and no deny-write list, and Gemini refuses to start when the runtime is missing: install leaves it to you',
  // `timeout` in milliseconds in the entry (default 60 000).
  timeoutSeconds: HOST_TIMEOUT_SECONDS.gemini,
  exitCodeOnly: false,
  // Windows: Gemini CLI 0.61 runs a hook as `powershell -NoProfile -NonInteractive -Command LINE` (its getShellConfiguration).
  windowsShell: 'powershell',
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.gemini/settings.json' },
    { scope: 'user', path: '~/.gemini/settings.json' },
  ],
  settingsFiles: { workspace: ['.gemini/settings.json'], user: ['.gemini/settings.json'] },
  wiring: {
    kind: 'json',
    events: ['BeforeTool'],
    matcher: GEMINI_MATCHER,
    // Gemini's timeout is in milliseconds.
    entry: (command) => ({ type: 'command', name: 'agentguard', command, timeout: INSTALLED_TIMEOUT_SECONDS * 1000 }),
    secondsOf: (h) => (typeof h.timeout === 'number' ? h.timeout / 1000 : undefined),
  },
  managed: {
    places: {
      unix: '/etc/gemini-cli/settings.json',
      mac: '/Library/Application Support/GeminiCli/settings.json',
      windows: 'C:\\ProgramData\\gemini-cli\\settings.json',
    },
    format: 'json',
    docs: 'Gemini CLI configuration: system settings file (GEMINI_CLI_SYSTEM_SETTINGS_PATH can point Gemini elsewhere)',
  },
  tools: {
    shell: ['run_shell_command'],
    edit: { write_file: 'write', replace: 'edit' },
    read: {
      read_file: 'file',
      read_many_files: 'files',
      grep: 'search',
      grep_search: 'search',
      search_file_content: 'search',
      glob: 'list',
    },
    readOnly: ['read_many_files', 'list_directory', 'search_file_content', 'google_web_search'],
  },
  projectDirEnv: 'GEMINI_PROJECT_DIR',
  // A project settings file that turns hooks off, disables AgentGuard's, or adds a BeforeTool hook that may rewrite the call (geminiShadow.ts).
  shadow: {
    files: ['.gemini/settings.json', '.gemini/.env', '.env'],
    // Its `.env` search starts at the workspace folder (the working folder): one in a folder below the root is found first.
    perFolder: ['.gemini/.env', '.env'],
    // And on above it, to the filesystem root, where the workspace holds neither.
    // `advanced.ignoreLocalEnv` / `--ignore-env` pass over a plain `.env` there and go on to a `.gemini/.env` above.
    above: { files: ['.gemini/.env', '.env'], endsAtHome: false, realStart: false, passable: ['.env'] },
    shadows: geminiShadows,
  },
  render(answer) {
    if (answer.decision === 'defer') return out(json(answer.warning ? { systemMessage: answer.warning } : {}));
    if (answer.decision === 'allow')
      return out(json({ decision: 'allow', ...(answer.warning ? { systemMessage: answer.warning } : {}) }));
    return out(json({ decision: 'deny', reason: answer.agentMessage, systemMessage: answer.userMessage }));
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: true });
    if ('answer' in read) return read.answer;
    const o = read.o;
    if (o.decision === undefined) return { ok: true, decision: 'defer' };
    if (o.decision === 'allow') return { ok: true, decision: 'allow' };
    if (o.decision === 'deny' || o.decision === 'block')
      return str(o.reason) ? { ok: true, decision: 'deny', reason: str(o.reason) } : failed('a deny without a reason');
    return failed(`unknown decision ${JSON.stringify(o.decision)}`);
  },
  sample: (_event, workspace, command) => ({
    stdin: {
      session_id: DOCTOR_ID,
      transcript_path: '',
      cwd: workspace,
      hook_event_name: 'BeforeTool',
      timestamp: new Date().toISOString(),
      tool_name: 'run_shell_command',
      tool_input: { command, description: DOCTOR_ID },
    },
  }),
};
