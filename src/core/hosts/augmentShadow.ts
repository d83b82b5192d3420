// What in a workspace takes AgentGuard away from an Augment (Auggie) call.
// Augment's hooks of every settings file coexist and a PreToolUse hook can
// only block (exit 2): of its hooks only AgentGuard's own project entry
// matters (its entry compared with install's record, hookEntries.ts). Its
// settings hold MCP servers too (`mcpServers.NAME`: `command`, `args`, `env`;
// https://docs.augmentcode.com/cli/integrations, "Configure MCP via
// settings.json"), read from the project's `.augment/settings.json` and
// `.augment/settings.local.json` as from the user's
// (https://docs.augmentcode.com/cli/settings, "Settings files"): a server's
// variable there that changes what runs (workspaceEnv.ts) is news, and so
// is a project settings file that cannot be read as a JSON object.
import { isObj, lenientJson } from './preToolUseShadow';
import { mcpEnvKey, mcpEnvShadow, mcpFileUnread, mcpServersEnv } from './workspaceEnv';

export function augmentShadows(text: string): string | undefined {
  const value = lenientJson(text);
  if (!isObj(value)) return mcpFileUnread(text, 'Augment');
  return mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Augment', mcpEnvKey);
}

export const AUGMENT_SHADOW = {
  files: ['.augment/settings.json', '.augment/settings.local.json'],
  shadows: augmentShadows,
} as const;
