// Where each agent host reads hooks an administrator owns. A hook in one of
// these files cannot be removed by the agent's user; the workspace and user
// hook files then only duplicate it (hooks/onceOnly.ts judges a call once).
// Each place was checked against the host's own documentation (docs/teams.md,
// "Managed hooks"); hosts that document none are said so, not guessed. The edits that
// put AgentGuard's hook there are in managedHooks.ts; this part is read on
// the hook's path, so it loads nothing else.
import { adminPath, MANAGED_ROOT, type AdminPlaces } from '../config/adminPaths';
import { isAgentGuardCommand } from './hostFiles';
import type { HostId } from './types';

export type ManagedFormat = 'json' | 'codex-toml';

interface Supported {
  places: AdminPlaces;
  format: ManagedFormat;
  /** The key that makes the host run managed hooks only (a user or project hook is then ignored). */
  managedOnlyKey?: string;
  /** Where the host documents it. */
  docs: string;
}

/** Hosts with an administrator-owned hook file, and why the others have none here. */
export const MANAGED_HOOK_HOSTS: Record<HostId, Supported | { unsupported: string }> = {
  claude: {
    places: { unix: '/etc/claude-code/managed-settings.json', mac: '/Library/Application Support/ClaudeCode/managed-settings.json', windows: 'C:\\Program Files\\ClaudeCode\\managed-settings.json' },
    format: 'json',
    managedOnlyKey: 'allowManagedHooksOnly',
    docs: 'Claude Code settings: managed-settings.json (the Windows ProgramData path is no longer read since v2.1.75)',
  },
  cursor: {
    places: { unix: '/etc/cursor/hooks.json', mac: '/Library/Application Support/Cursor/hooks.json', windows: 'C:\\ProgramData\\Cursor\\hooks.json' },
    format: 'json',
    docs: 'Cursor hooks: enterprise (global) hooks.json',
  },
  windsurf: {
    places: { unix: '/etc/windsurf/hooks.json', mac: '/Library/Application Support/Windsurf/hooks.json', windows: 'C:\\ProgramData\\Windsurf\\hooks.json' },
    format: 'json',
    docs: 'Windsurf Cascade hooks: system-level hooks.json',
  },
  gemini: {
    places: { unix: '/etc/gemini-cli/settings.json', mac: '/Library/Application Support/GeminiCli/settings.json', windows: 'C:\\ProgramData\\gemini-cli\\settings.json' },
    format: 'json',
    docs: 'Gemini CLI configuration: system settings file (GEMINI_CLI_SYSTEM_SETTINGS_PATH can point Gemini elsewhere)',
  },
  codex: {
    // Codex documents /etc/codex/requirements.toml "on Unix systems, including Linux/macOS", and no Windows file.
    places: { unix: '/etc/codex/requirements.toml', mac: '/etc/codex/requirements.toml' },
    format: 'codex-toml',
    managedOnlyKey: 'allow_managed_hooks_only',
    docs: 'Codex managed configuration: requirements.toml [hooks]',
  },
  copilot: { unsupported: "GitHub's enterprise managed-settings.json has no hooks key (permissions, plugins, marketplaces, telemetry, remote control, sandbox only)" },
  'copilot-cli': { unsupported: "GitHub's enterprise managed-settings.json has no hooks key (permissions, plugins, marketplaces, telemetry, remote control, sandbox only)" },
  cline: { unsupported: 'Cline documents no administrator-owned hook location' },
  kiro: { unsupported: 'Kiro documents no administrator-owned hook location' },
  augment: { unsupported: 'Augment documents no administrator-owned hook location' },
  amp: { unsupported: 'Amp documents no administrator-owned settings file' },
  opencode: { unsupported: 'OpenCode documents no administrator-owned plugin location' },
};

export type ManagedHookPlace =
  | { host: HostId; file: string; format: ManagedFormat; managedOnlyKey?: string; docs: string }
  | { host: HostId; unsupported: string };

export function managedHookPlace(host: HostId, platform: NodeJS.Platform = process.platform, root = MANAGED_ROOT): ManagedHookPlace {
  const entry = MANAGED_HOOK_HOSTS[host];
  if ('unsupported' in entry) return { host, unsupported: entry.unsupported };
  const file = adminPath(entry.places, platform, root);
  if (!file) return { host, unsupported: `${entry.docs} names no file on ${platform}` };
  return { host, file, format: entry.format, ...(entry.managedOnlyKey ? { managedOnlyKey: entry.managedOnlyKey } : {}), docs: entry.docs };
}

/** Every quoted string in a JSON or TOML file that is AgentGuard's hook command: enough to tell whether a host is managed. */
export function agentGuardCommandsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"(?:[^"\\\n]|\\.)*"/g)) {
    try {
      const s = JSON.parse(m[0]) as string;
      if (isAgentGuardCommand(s)) out.push(s);
    } catch {
      // not a JSON string literal
    }
  }
  return out;
}
