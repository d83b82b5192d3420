// Claude Code's own off switch for hooks: `disableAllHooks: true` in a
// settings file turns off every hook, AgentGuard's included, so its calls are
// never judged. A file in the working folder (`.claude/settings.json`,
// `.claude/settings.local.json`) is one any command run there may write —
// Codex's sandbox, which takes no deny-write list, leaves it writable — so
// it is read by content wherever the host's state is said: doctor, the
// editor's tooltip and each call's audit record. The precedence is Claude
// Code's for a plain value: local project settings over project settings
// over the user's. Managed settings are the administrator's choice, not read.
import * as path from 'node:path';
import { isObj, lenientJson, preToolUseShadows } from './preToolUseShadow';
import { readSettingsText } from './settingsText';
import { envShadow, mcpEnvKey, mcpEnvShadow, mcpFileUnread, mcpServersEnv } from './workspaceEnv';

function disableAllHooksIn(file: string): boolean | undefined {
  const text = readSettingsText(file);
  if (text === undefined) return undefined;
  try {
    const v = (JSON.parse(text) as { disableAllHooks?: unknown } | null)?.disableAllHooks;
    return typeof v === 'boolean' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Where Claude Code's settings turn every hook off for `workspace`, said for doctor and the editor; undefined when they do not. */
export function claudeHooksOffBy(
  home: string,
  _env: Readonly<Record<string, string | undefined>>,
  workspace?: string,
): string | undefined {
  const files = [
    path.join(home, '.claude', 'settings.json'),
    ...(workspace
      ? [path.join(workspace, '.claude', 'settings.json'), path.join(workspace, '.claude', 'settings.local.json')]
      : []),
  ];
  let deciding: string | undefined;
  for (const file of files) {
    const v = disableAllHooksIn(file);
    if (v !== undefined) deciding = v ? file : undefined;
  }
  return (
    deciding &&
    `disableAllHooks is true in ${deciding}, so Claude Code runs no hook and AgentGuard is never called; if you did not set it, something else wrote it: remove it to have its calls judged`
  );
}

const settingsShadows = preToolUseShadows('Claude Code');

/**
 * What in a workspace settings file of Claude Code takes AgentGuard away
 * from a call: its hooks (preToolUseShadow.ts), or an `env` that changes
 * what every later command and hook runs (workspaceEnv.ts). A text that is
 * not a JSON object cannot be checked, and is said so. In the project's
 * `.mcp.json`, a server's `env` that changes what runs: Claude Code starts
 * a project server a human approved (or every one, with
 * `enableAllProjectMcpServers`) under the env the file gives it then; one
 * that cannot be read as a JSON object is news, as it is for Copilot CLI.
 */
function claudeShadows(
  text: string,
  tool: string,
  isOurs: (command: unknown) => boolean,
  file = '.claude/settings.json',
): string | undefined {
  const value = lenientJson(text);
  // Claude Code starts project servers of `.mcp.json` once approved, and an approval (`enabledMcpjsonServers`,
  // `enableAllProjectMcpServers`) outlives the file's text: one AgentGuard cannot read as an object cannot be checked.
  if (path.basename(file) === '.mcp.json')
    return isObj(value)
      ? mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Claude Code', mcpEnvKey)
      : mcpFileUnread(text, 'Claude Code');
  if (!isObj(value))
    return text.trim()
      ? "cannot be read as a JSON object, so what it sets for Claude Code's hooks and commands cannot be checked"
      : undefined;
  return settingsShadows(text, tool, isOurs) ?? envShadow(value.env, 'Claude Code');
}

/** The `env` a Claude Code settings text sets for its hooks and commands. */
function claudeEnv(text: string): unknown {
  const value = lenientJson(text);
  return isObj(value) ? value.env : undefined;
}

export const CLAUDE_SHADOW = {
  files: ['.claude/settings.json', '.claude/settings.local.json', '.mcp.json'],
  shadows: claudeShadows,
  env: claudeEnv,
} as const;
