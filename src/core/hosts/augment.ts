// Augment (Auggie): Claude-shaped `PreToolUse` hooks in its settings, with
// Augment's tools (`launch-process`, `save-file`, `str-replace-editor`).
// Exit 2 with the reason on stderr blocks; there is no allow, and whether it
// prompts on an ask is not documented (treated as no ask). Source:
// https://docs.augmentcode.com (CLI hooks); MCP tool naming there is not
// documented (Claude's `mcp__server__tool` assumed).
import { exitCodeRead, exitCodeRender, INSTALLED_TIMEOUT_SECONDS, type HostAdapter } from './adapter';
import { AUGMENT_SHADOW } from './augmentShadow';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Augment's process, file and MCP tools. */
export const AUGMENT_MATCHER = 'launch-process|save-file|str-replace-editor|remove-files|view|mcp.*';

export const augment: HostAdapter = {
  id: 'augment',
  label: 'Augment',
  sandboxLeftAlone:
    'it has no sandbox: its `toolPermissions` (~/.augment/settings.json) only allow, deny or ask before a tool runs (Auggie 0.36.0)',
  timeoutSeconds: HOST_TIMEOUT_SECONDS.augment,
  exitCodeOnly: true,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.augment/settings.json' },
    { scope: 'user', path: '~/.augment/settings.json' },
  ],
  settingsFiles: {
    workspace: ['.augment/settings.json', '.augment/hooks/'],
    user: ['.augment/settings.json', '.augment/hooks/'],
  },
  wiring: {
    kind: 'json',
    events: ['PreToolUse'],
    matcher: AUGMENT_MATCHER,
    entry: (command) => ({ type: 'command', command, timeout: INSTALLED_TIMEOUT_SECONDS }),
  },
  managed: { unsupported: 'Augment documents no administrator-owned hook location' },
  // Augment's hooks of every settings file coexist and a PreToolUse hook can only block: only AgentGuard's own project
  // entry matters; and its project settings' MCP servers' env (augmentShadow.ts).
  shadow: AUGMENT_SHADOW,
  tools: {
    shell: ['launch-process'],
    edit: { 'save-file': 'write', 'str-replace-editor': 'numberedEdit', 'remove-files': 'deleteMany' },
    read: { view: 'file' },
    readOnly: ['codebase-retrieval', 'web-search', 'web-fetch', 'diagnostics', 'view_tasklist'],
  },
  render: exitCodeRender,
  read: exitCodeRead,
  sample: (_event, workspace, command) => ({
    stdin: {
      hook_event_name: 'PreToolUse',
      cwd: workspace,
      tool_name: 'launch-process',
      tool_input: { command, cwd: workspace, wait: true },
    },
  }),
};
