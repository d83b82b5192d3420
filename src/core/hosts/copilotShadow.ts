// What in a workspace takes AgentGuard away from a call of GitHub Copilot's
// hosts. VS Code's agent and Copilot CLI load every JSON file of
// `.github/hooks/` and run every entry of every file for the event
// (https://code.visualstudio.com/docs/agent-customization/hooks, "Hook file
// locations"; https://docs.github.com/en/copilot/reference/hooks-reference,
// "Hooks locations"): a preToolUse handler the workspace adds in any file
// there runs beside AgentGuard's for every tool — Copilot CLI's entries take
// no matcher and VS Code ignores matchers — and may change the call after
// AgentGuard judged it (VS Code: `updatedInput`; Copilot's SDK:
// `modifiedArgs`). VS Code reads both formats (`PreToolUse` with `command`,
// Copilot CLI's `preToolUse` with `bash`/`powershell`), and Claude Code's
// `.claude/settings.json` and `.claude/settings.local.json` too, matchers
// ignored; and its `chat.hookFilesLocations` setting, set false for a
// location, stops loading hooks from there, `.github/hooks` included.
// Its workspace `.vscode/mcp.json` starts each server of `servers` under
// that server's `env` and the variables of its `envFile`
// (https://code.visualstudio.com/docs/agents/reference/mcp-configuration):
// a variable that changes what runs (workspaceEnv.ts) is news, and so are an
// `envFile`, which may set any, and a file that cannot be read as a JSON
// object. Copilot CLI does not read that file; it
// loads the project's `.github/mcp.json` and every `.mcp.json` from the
// working folder up to the repository's root, each server of `mcpServers`
// or of the bare top level (`{ "NAME": { … } }`) started under its `env`
// (https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/add-mcp-servers,
// "Adding per-repository MCP servers"): judged the same way, and one that
// cannot be read as a JSON object is news.
import * as path from 'node:path';
import { isObj, lenientJson } from './preToolUseShadow';
import { mcpEnvFileShadow, mcpEnvKey, mcpEnvShadow, mcpEnvSpelled, mcpFileUnread, mcpServersEnv } from './workspaceEnv';

/** Where AgentGuard's Copilot hook files are (copilot.ts, copilotCli.ts), as `chat.hookFilesLocations` names places. */
const OUR_PLACES = [
  '.github/hooks/agentguard.json',
  '.github/hooks/agentguard-cli.json',
  '~/.copilot/hooks/agentguard.json',
  '~/.copilot/hooks/agentguard-cli.json',
];

/** A handler's commands: `command`, VS Code's per-OS overrides, Copilot CLI's `bash` and `powershell` (AgentGuard's behind `& `). */
function commandsOf(h: Record<string, unknown>): string[] {
  return ['command', 'bash', 'powershell', 'linux', 'osx', 'windows']
    .map((k) => h[k])
    .filter((c): c is string => typeof c === 'string')
    .map((c) => c.replace(/^&\s+/, ''));
}

/** The first handler of a hook file's PreToolUse / preToolUse lists that is not AgentGuard's (flat entries or Claude-shaped groups, matchers not narrowing), said for a person. */
function addedHandler(value: Record<string, unknown>, isOurs: (command: unknown) => boolean): string | undefined {
  const hooks = isObj(value.hooks) ? value.hooks : {};
  for (const event of ['PreToolUse', 'preToolUse']) {
    const list = hooks[event];
    if (!Array.isArray(list)) continue;
    for (const entry of list.slice(0, 200)) {
      const handlers: unknown[] = isObj(entry) && Array.isArray(entry.hooks) ? entry.hooks.slice(0, 200) : [entry];
      for (const h of handlers) {
        if (!isObj(h)) continue;
        const commands = commandsOf(h);
        // AgentGuard's only where every command it may run is: an OS override beside ours is not.
        if (commands.length > 0 && commands.every(isOurs)) continue;
        return `${event} hook (${(commands.find((c) => !isOurs(c)) ?? String(h.type)).slice(0, 120)})`;
      }
    }
  }
  return undefined;
}

/** `chat.hookFilesLocations` entries set false that cover a place of AgentGuard's hook. */
function locationOff(value: Record<string, unknown>): string | undefined {
  const locations = value['chat.hookFilesLocations'];
  if (!isObj(locations)) return undefined;
  for (const [key, on] of Object.entries(locations).slice(0, 200)) {
    if (on !== false) continue;
    const place = key.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (OUR_PLACES.some((p) => p === place || p.startsWith(`${place}/`))) return key;
  }
  return undefined;
}

/** Whether `where` (a `/` path) is a project MCP file of Copilot CLI's: `.github/mcp.json`, or `.mcp.json` in any folder. */
const cliMcpFile = (where: string): boolean =>
  path.posix.basename(where) === '.mcp.json' || /(?:^|\/)\.github\/mcp\.json$/.test(where);

/** Why a Copilot CLI project MCP file's text (servers under `mcpServers`, or bare at the top level) changes what runs. */
function cliMcpShadow(text: string, label: string): string | undefined {
  const value = lenientJson(text);
  if (!isObj(value)) return mcpFileUnread(text, label);
  const { mcpServers, ...bare } = value;
  return (
    mcpEnvShadow(mcpServersEnv(mcpServers), label, mcpEnvKey) ??
    mcpEnvShadow(mcpServersEnv(bare), label, (server, v) => `${server.slice(0, 80)}.env.${v}`)
  );
}

/** A `shadows` for a Copilot host: `label` its name; `vscode` for VS Code's agent, which reads more than `.github/hooks/`. */
export function copilotShadows(label: string, vscode: boolean) {
  const rewrite = vscode ? 'updatedInput' : "modifiedArgs, in Copilot's SDK";
  return (text: string, _tool: string, isOurs: (command: unknown) => boolean, file: string): string | undefined => {
    // The file's path is the platform's: on Windows its separators are backslashes.
    const where = file.replace(/\\/g, '/');
    if (!vscode && cliMcpFile(where)) return cliMcpShadow(text, label);
    const value = lenientJson(text);
    // VS Code starts the servers of `.vscode/mcp.json`: one it cannot read as an object cannot be checked.
    if (where.endsWith('.vscode/mcp.json'))
      return isObj(value)
        ? (mcpEnvShadow(mcpServersEnv(value.servers), label, mcpEnvSpelled('servers')) ??
            mcpEnvFileShadow(value.servers, label, (server) => `servers.${server.slice(0, 80)}.envFile`))
        : mcpFileUnread(text, label);
    if (!isObj(value)) return undefined;
    if (where.endsWith('.vscode/settings.json')) {
      const off = locationOff(value);
      return (
        off && `sets chat.hookFilesLocations "${off}" to false: VS Code stops loading hooks from where AgentGuard's is`
      );
    }
    const added = addedHandler(value, isOurs);
    return (
      added &&
      `adds a ${added} that ${label} runs beside AgentGuard's for every tool: it may change the call (${rewrite}) after AgentGuard judged it`
    );
  };
}

export const COPILOT_SHADOW = {
  files: [
    '.github/hooks/*.json',
    '.claude/settings.json',
    '.claude/settings.local.json',
    '.vscode/settings.json',
    '.vscode/mcp.json',
  ],
  // Files shared with other hosts: VS Code runs every file of `.github/hooks/`, Copilot CLI's
  // `agentguard-cli.json` included, and Claude Code's settings, so AgentGuard's entries for those hosts are its own here.
  sharedWith: ['copilot-cli', 'claude'],
  shadows: copilotShadows('VS Code', true),
} as const;

export const COPILOT_CLI_SHADOW = {
  files: ['.github/hooks/*.json', '.github/mcp.json', '.mcp.json'],
  // Every `.mcp.json` from the working folder up: those between the workspace and it too,
  perFolder: ['.mcp.json'],
  // and those up to the repository's root where the workspace lies below it, with the root's `.github/mcp.json`.
  upToGitRoot: { each: ['.mcp.json'], root: ['.github/mcp.json'] },
  // A folder shared with VS Code: Copilot CLI loads VS Code's `agentguard.json` there too.
  sharedWith: ['copilot'],
  shadows: copilotShadows('Copilot CLI', false),
} as const;
