// What in a workspace's `.gemini/settings.json` takes AgentGuard away from a
// call. Gemini CLI merges its settings files, the project's over the user's
// over the system's (https://geminicli.com/docs/hooks, "Configuration"), so
// a project file decides a plain value: `hooksConfig.enabled: false` runs no
// hook at all, and a name or command in `hooksConfig.disabled` keeps that
// hook from running wherever it is configured
// (https://geminicli.com/docs/reference/configuration, `hooksConfig`; earlier
// releases documented them as `tools.enableHooks` and `hooks.disabled`). Any
// BeforeTool hook whose matcher reaches the tool may return
// `hookSpecificOutput.tool_input`, which merges with and overrides the
// model's arguments before the tool runs
// (https://geminicli.com/docs/hooks/reference, BeforeTool): what runs is
// then not what AgentGuard judged. Read from Gemini CLI 0.61.0's own docs.
// In a trusted folder it also loads the first `.gemini/.env` or `.env` it
// finds walking up from the workspace, setting each variable that is unset,
// for its hooks and shell commands alike (its loadEnvironment; checked on
// Gemini CLI 0.61.0, docs/hosts.md "Environment a workspace sets"): one that
// changes what runs (workspaceEnv.ts) is news, and so is one a project
// MCP server of its settings (`mcpServers.NAME.env`) starts under.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { reaches } from './preToolUseShadow';
import { ALWAYS_SET, dotenv, envShadow, mcpEnvKey, mcpEnvShadow, mcpServersEnv } from './workspaceEnv';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name install gives AgentGuard's entry (gemini.ts); a hook is known by its name, else by its command. */
const OUR_NAME = 'agentguard';

/** Why a `.env` Gemini CLI loads changes what runs (its project `.env` never sets DEBUG or DEBUG_MODE: not on the list). */
function dotenvShadow(text: string): string | undefined {
  const vars = [...dotenv(text)].filter(([k]) => !ALWAYS_SET.includes(k.toUpperCase()));
  return envShadow(Object.fromEntries(vars), 'Gemini CLI', { name: (v) => v });
}

export function geminiShadows(
  text: string,
  tool: string,
  isOurs: (command: unknown) => boolean,
  file = '.gemini/settings.json',
): string | undefined {
  if (file.endsWith('.env')) return dotenvShadow(text);
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (!isObj(value)) return undefined;
  const hooksConfig = isObj(value.hooksConfig) ? value.hooksConfig : {};
  const tools = isObj(value.tools) ? value.tools : {};
  const hooks = isObj(value.hooks) ? value.hooks : {};
  if (hooksConfig.enabled === false || tools.enableHooks === false)
    return `turns Gemini CLI's hooks off (${hooksConfig.enabled === false ? 'hooksConfig.enabled' : 'tools.enableHooks'}: false), AgentGuard's included`;
  for (const list of [hooksConfig.disabled, hooks.disabled]) {
    if (!Array.isArray(list)) continue;
    const ours = list.slice(0, 200).find((v) => v === OUR_NAME || isOurs(v));
    if (ours !== undefined)
      return `lists AgentGuard's hook (${String(ours).slice(0, 120)}) as disabled, so Gemini CLI does not run it`;
  }
  return (
    otherBeforeTool(hooks.BeforeTool, tool, isOurs) ??
    mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Gemini CLI', mcpEnvKey)
  );
}

/** A BeforeTool hook of `groups` reaching `tool` that is not AgentGuard's, said for a person. */
function otherBeforeTool(groups: unknown, tool: string, isOurs: (command: unknown) => boolean): string | undefined {
  if (!Array.isArray(groups)) return undefined;
  for (const group of groups.slice(0, 200)) {
    if (!isObj(group) || !reaches(group.matcher, tool) || !Array.isArray(group.hooks)) continue;
    for (const h of group.hooks.slice(0, 200)) {
      if (!isObj(h) || isOurs(h.command)) continue;
      const what = typeof h.command === 'string' ? h.command : String(h.name ?? h.type);
      return `adds a BeforeTool hook for ${tool} (${what.slice(0, 120)}) that Gemini CLI runs beside AgentGuard's: it may rewrite the call (hookSpecificOutput.tool_input) after AgentGuard judged it`;
    }
  }
  return undefined;
}
