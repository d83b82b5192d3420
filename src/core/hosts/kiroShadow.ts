// What in a workspace takes AgentGuard away from a Kiro CLI call. A Kiro
// hook can only block, and Kiro runs the hooks of every level: of its hook
// files only AgentGuard's own project file matters (its entry compared with
// install's record, hookEntries.ts). Its workspace `.kiro/settings/mcp.json`
// starts each server of `mcpServers` under that server's `env`
// (https://kiro.dev/docs/cli/mcp/configuration, "MCP server loading
// priority": an agent's own servers, then the workspace's, then the
// user's): a variable there that changes what runs (workspaceEnv.ts) is news.
import { isObj, lenientJson } from './preToolUseShadow';
import { mcpEnvKey, mcpEnvShadow, mcpServersEnv } from './workspaceEnv';

const MCP_FILE = '.kiro/settings/mcp.json';

export function kiroShadows(text: string, _tool: string, _isOurs: unknown, file: string): string | undefined {
  if (!file.replace(/\\/g, '/').endsWith(MCP_FILE)) return undefined;
  const value = lenientJson(text);
  // A file Kiro cannot read starts no server.
  return isObj(value) ? mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Kiro CLI', mcpEnvKey) : undefined;
}

export const KIRO_SHADOW = { files: ['.kiro/hooks/agentguard.json', MCP_FILE], shadows: kiroShadows } as const;
