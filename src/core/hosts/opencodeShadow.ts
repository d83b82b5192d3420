// What in a workspace takes AgentGuard away from an OpenCode call. OpenCode
// loads every `{plugin,plugins}/*.{ts,js}` of each config folder — its user
// folder, then each `.opencode/` from the working folder up to the worktree —
// and the packages or files named by `plugin` in each `opencode.json(c)`
// found on the same way (https://opencode.ai/docs/plugins, "Load order";
// read from OpenCode 1.18.33's ConfigPaths.directories and plugin loader).
// Every plugin's `tool.execute.before` runs, one after another, on the same
// `output.args`: one that runs after AgentGuard's may change the call
// AgentGuard judged, and a plugin is code in OpenCode's own process that may
// do anything else besides. AgentGuard's own plugin, as install writes it, is
// not news; OpenCode's `permission` settings are not read here, since a
// plugin's block (AgentGuard's) stands whatever they say. A local MCP
// server of `mcp` in those files starts under its `environment`
// (https://opencode.ai/docs/mcp-servers, "Local"): a variable there that
// changes what runs (workspaceEnv.ts) is news.
import { hookCommand } from './hookCommand';
import { isObj, lenientJson } from './preToolUseShadow';
import { mcpEnvShadow, mcpEnvSpelled, mcpServersEnv } from './workspaceEnv';

const PLUGIN_FILES = ['plugin', 'plugins'].flatMap((d) => [`.opencode/${d}/*.js`, `.opencode/${d}/*.ts`]);
const CONFIG_FILES = ['opencode.json', 'opencode.jsonc', '.opencode/opencode.json', '.opencode/opencode.jsonc'];

/** The launcher a plugin of AgentGuard's runs (its `const HOOK = [launcher, 'hook', 'opencode']`). */
function launcherOf(text: string): string | undefined {
  const m = /^const HOOK = (\[.*\]);$/m.exec(text);
  try {
    const argv: unknown = m && JSON.parse(m[1]);
    return Array.isArray(argv) && typeof argv[0] === 'string' ? argv[0] : undefined;
  } catch {
    return undefined;
  }
}

/** A `shadows` for OpenCode's adapter: `plugin` writes AgentGuard's plugin for a launcher (opencode.ts). */
export function opencodeShadows(plugin: (launcher: string) => string) {
  return (text: string, _tool: string, isOurs: (command: unknown) => boolean, file: string): string | undefined => {
    if (/\.(?:js|ts)$/i.test(file)) {
      const launcher = launcherOf(text);
      // AgentGuard's only as install writes it, for a launcher it trusts (the command as the plugin runs it, quoted
      // for sh as install writes OpenCode's): a line added to it, or another launcher, is a plugin of someone else's.
      if (launcher && isOurs(hookCommand('opencode', launcher, 'linux')) && text === plugin(launcher)) return undefined;
      return "is a plugin OpenCode loads beside AgentGuard's: its tool.execute.before may change the call (output.args) after AgentGuard judged it, and it runs in OpenCode's own process";
    }
    const value = lenientJson(text);
    const plugins = isObj(value) ? value.plugin : undefined;
    if (!Array.isArray(plugins) || plugins.length === 0)
      return isObj(value)
        ? mcpEnvShadow(mcpServersEnv(value.mcp, 'environment'), 'OpenCode', mcpEnvSpelled('mcp', 'environment'))
        : undefined;
    const named = plugins
      .slice(0, 5)
      .map((p) => (Array.isArray(p) ? p[0] : p))
      .map(String)
      .join(', ');
    return `names plugins (${named.slice(0, 120)}) that OpenCode loads beside AgentGuard's: their tool.execute.before may change the call (output.args) after AgentGuard judged it`;
  };
}

export const OPENCODE_SHADOW_FILES = [...PLUGIN_FILES, ...CONFIG_FILES];
