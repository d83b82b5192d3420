// What in a workspace takes AgentGuard away from a Kiro CLI call. A Kiro
// hook can only block, and Kiro runs the hooks of every level: of its hook
// files only AgentGuard's own project file matters (its entry compared with
// install's record, hookEntries.ts). Its workspace `.kiro/settings/mcp.json`
// starts each server of `mcpServers` under that server's `env`
// (https://kiro.dev/docs/cli/mcp/configuration, "MCP server loading
// priority": an agent's own servers, then the workspace's, then the
// user's): a variable there that changes what runs (workspaceEnv.ts) is news.
// So is one in a workspace custom agent of `.kiro/agents/*.json`, whose own
// `mcpServers` (`command`, `args`, `env`) rank first of those three
// (https://kiro.dev/docs/cli/custom-agents/configuration-reference,
// "McpServers field", "File locations"); either file that cannot be read
// as a JSON object is news too, its servers unknown. The agent's `hooks`
// are Kiro hooks: a `preToolUse` one "can block the tool use", nothing more.
import { isObj, lenientJson } from './preToolUseShadow';
import { mcpEnvKey, mcpEnvShadow, mcpFileUnread, mcpServersEnv } from './workspaceEnv';

const MCP_FILE = '.kiro/settings/mcp.json';
/** Kiro CLI's workspace agents: every JSON file of the folder (at most the record's folder bound, else asked). */
const AGENTS = '.kiro/agents/*.json';

export function kiroShadows(text: string, _tool: string, _isOurs: unknown, file: string): string | undefined {
  const where = file.replace(/\\/g, '/');
  const agent = /(?:^|\/)\.kiro\/agents\/[^/]+\.json$/i.test(where);
  if (!agent && !where.endsWith(MCP_FILE)) return undefined;
  const value = lenientJson(text);
  // A file that cannot be read as an object is asked: Kiro may still start servers from it, and they are unknown.
  if (!isObj(value)) return mcpFileUnread(text, 'Kiro CLI');
  return mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Kiro CLI', mcpEnvKey);
}

export const KIRO_SHADOW = {
  files: ['.kiro/hooks/agentguard.json', MCP_FILE, AGENTS],
  shadows: kiroShadows,
} as const;
