// Where the agent hosts read the MCP servers they start: a server written into one runs when its host next starts
// (places.ts). Each host's documented files, in a project and in the home.
export const MCP_FILES_WORKSPACE = [
  '.mcp.json',
  '.cursor/mcp.json',
  '.vscode/mcp.json',
  '.kiro/settings/mcp.json',
  '.roo/mcp.json',
  '.windsurf/mcp_config.json',
  '.amazonq/mcp.json',
  '.github/mcp.json',
  '.augment/settings.local.json',
  'opencode.json',
  'opencode.jsonc',
  '.gemini/settings.json',
  '.codex/config.toml',
  '.amp/settings.json',
  '.continue/config.json',
  '.continue/config.yaml',
  // Zed's `context_servers`, and ZCode's `mcp.servers` (with `.agents/mcp.json` read when it names none).
  '.zed/settings.json',
  '.zcode/config.json',
  'zcode.json',
  '.agents/mcp.json',
];
export const MCP_FILES_HOME = [
  '.claude.json',
  '.cursor/mcp.json',
  '.gemini/settings.json',
  '.codex/config.toml',
  '.codeium/windsurf/mcp_config.json',
  '.kiro/settings/mcp.json',
  '.config/amp/settings.json',
  '.config/opencode/opencode.json',
  '.config/opencode/opencode.jsonc',
  '.copilot/mcp-config.json',
  '.aws/amazonq/mcp.json',
  '.config/Claude/claude_desktop_config.json',
  'Library/Application Support/Claude/claude_desktop_config.json',
  '.continue/config.json',
  '.continue/config.yaml',
  '.config/Code/User/mcp.json',
  '.config/Cursor/User/mcp.json',
  'Library/Application Support/Code/User/mcp.json',
  '.config/zed/settings.json',
  '.zcode/cli/config.json',
  '.agents/mcp.json',
];
/** Kiro's custom agents: each file may carry its own `mcpServers`, in a project and in the home alike. */
export const KIRO_AGENTS = '.kiro/agents';
export const GEMINI_EXTENSIONS = '.gemini/extensions';
export const MCP_DIRS_HOME = [
  '.config/Code/User/globalStorage/',
  '.config/Cursor/User/globalStorage/',
  'Library/Application Support/Code/User/globalStorage/',
  '.continue/mcpServers/',
];
