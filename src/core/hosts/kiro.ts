// Kiro CLI: `preToolUse` hooks (`hook_event_name, cwd, tool_name,
// tool_input`; MCP tools as `@server/tool`) from a hook file of its own
// (version v1), which AgentGuard writes whole. Exit 2 with the reason on
// stderr blocks; there is no ask and no allow. Source: https://kiro.dev/docs/cli/hooks.
import { DOCTOR_ID, exitCodeRead, exitCodeRender, hookCommand, MANAGED_MARK, type HostAdapter } from './adapter';
import { KIRO_SHADOW } from './kiroShadow';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Kiro's hook file (its standalone hook format, version v1). */
export function kiroHookFile(command: string, timeoutSeconds: number): string {
  return (
    JSON.stringify(
      {
        version: 'v1',
        hooks: [
          {
            name: MANAGED_MARK,
            trigger: 'PreToolUse',
            matcher: '.*',
            action: { type: 'command', command },
            timeout: timeoutSeconds,
            enabled: true,
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

export const kiro: HostAdapter = {
  id: 'kiro',
  label: 'Kiro CLI',
  sandboxLeftAlone:
    'its documentation lists a local command sandbox (kiro.dev/docs/sandbox) whose settings could not be read here, so whether it takes a deny-write list is not known; its trusted-command settings only decide whether it asks: install leaves it to you',
  // `timeout` in seconds in the hook file (default 30).
  timeoutSeconds: HOST_TIMEOUT_SECONDS.kiro,
  exitCodeOnly: true,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.kiro/hooks/agentguard.json' },
    { scope: 'user', path: '~/.kiro/hooks/agentguard.json' },
  ],
  settingsFiles: { workspace: ['.kiro/hooks/', '.kiro/agents/'], user: ['.kiro/hooks/', '.kiro/agents/'] },
  wiring: {
    kind: 'file',
    text: (launcher, timeoutSeconds, platform) => kiroHookFile(hookCommand('kiro', launcher, platform), timeoutSeconds),
    executable: false,
    runs: 'command',
    event: 'PreToolUse',
  },
  managed: { unsupported: 'Kiro documents no administrator-owned hook location' },
  // A Kiro hook can only block (exit 2): of its hook files only AgentGuard's own matters; and its MCP servers' env.
  shadow: KIRO_SHADOW,
  tools: {
    shell: ['execute_bash', 'execute_cmd'],
    edit: { fs_write: 'kiroWrite' },
    read: { fs_read: 'operations' },
    readOnly: ['fs_read', 'introspect', 'thinking', 'todo_list'],
  },
  render: exitCodeRender,
  read: exitCodeRead,
  sample: (_event, workspace, command) => ({
    stdin: {
      hook_event_name: 'preToolUse',
      cwd: workspace,
      tool_name: 'execute_bash',
      tool_input: { command, summary: DOCTOR_ID },
    },
  }),
};
