// What in a workspace's `.cursor/hooks.json` takes AgentGuard away from a
// call. Cursor runs every matching hook of every source and, when their
// answers conflict, the higher-priority source takes precedence during the
// merge; project hooks (`.cursor/hooks.json`) rank above user hooks
// (`~/.cursor/hooks.json`), and both above the Claude Code settings files
// Cursor also loads (https://cursor.com/docs/reference/third-party-hooks,
// "Priority Order"). So a handler the workspace adds for the event a call
// comes through can answer `allow` over AgentGuard's user-level ask or
// deny; beside AgentGuard's own project entry, the docs do not say which of
// one source's conflicting answers stands, so it is asked all the same. The
// Claude Code files rank below both Cursor files: they cannot outvote
// AgentGuard's Cursor entry and are not read here. Its project
// `.cursor/mcp.json` starts each server of `mcpServers` under that server's
// `env` and the variables of its `envFile` (https://cursor.com/docs/mcp,
// "STDIO server configuration"): a variable that changes what runs
// (workspaceEnv.ts) is news, and so is an `envFile`, which may set any, and
// a file that cannot be read as a JSON object, whose servers are unknown.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { reaches } from './preToolUseShadow';
import { mcpEnvFileShadow, mcpEnvKey, mcpEnvShadow, mcpFileUnread, mcpServersEnv } from './workspaceEnv';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The events a call of `tool` comes through: the shell tool through
 * `beforeShellExecution`, an MCP tool (a name that is none of Cursor's own)
 * through `beforeMCPExecution`, and every tool through `preToolUse` where
 * the entry's matcher reaches it.
 */
function eventsFor(tool: string, shell: readonly string[], own: ReadonlySet<string>): string[] {
  if (shell.includes(tool)) return ['beforeShellExecution', 'preToolUse'];
  return own.has(tool) ? ['preToolUse'] : ['beforeMCPExecution', 'preToolUse'];
}

/** A `shadows` for Cursor's adapter: `shell` and `own` are its shell tools and every tool name of its own. */
export function cursorShadows(shell: readonly string[], own: ReadonlySet<string>) {
  return (text: string, tool: string, isOurs: (command: unknown) => boolean, file: string): string | undefined => {
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
    if (file.replace(/\\/g, '/').endsWith('.cursor/mcp.json'))
      return isObj(value)
        ? (mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Cursor', mcpEnvKey) ??
            mcpEnvFileShadow(value.mcpServers, 'Cursor', (server) => `mcpServers.${server.slice(0, 80)}.envFile`))
        : mcpFileUnread(text, 'Cursor');
    if (!isObj(value) || !isObj(value.hooks)) return undefined;
    for (const event of eventsFor(tool, shell, own)) {
      const entries = value.hooks[event];
      if (!Array.isArray(entries)) continue;
      for (const h of entries.slice(0, 200)) {
        if (!isObj(h) || isOurs(h.command) || (event === 'preToolUse' && !reaches(h.matcher, tool))) continue;
        const what =
          typeof h.command === 'string' ? h.command : typeof h.prompt === 'string' ? h.prompt : String(h.type);
        return `adds a ${event} hook for ${tool} (${what.slice(0, 120)}) that Cursor runs beside AgentGuard's, and a project hook's answer takes precedence over a user hook's: it may allow what AgentGuard asked about or refused`;
      }
    }
    return undefined;
  };
}
