// What in a workspace's `.codex/` takes AgentGuard away from a Codex call.
// Codex loads a trusted project's `.codex/config.toml` over the user's — one
// in every folder from the project root down to the working folder, the
// closest winning (https://developers.openai.com/codex/config-basic,
// "Configuration precedence") — and
// `[features] hooks = false` there (or its older name `codex_hooks`, as a
// dotted key or an inline table) runs no hook at all, AgentGuard's user-level
// one included (https://developers.openai.com/codex/hooks, "Hooks are enabled
// by default"; https://developers.openai.com/codex/config-advanced, project
// config). A handler the workspace adds (`.codex/hooks.json` or inline
// `[hooks]`) is not news: Codex runs a non-managed hook only once a human
// trusted its exact definition in /hooks, and it reads that trust, and a
// hook's switched-off state (`[hooks.state."<key>"]`), only from the user's
// config. Checked on Codex 0.169.0 with the project trusted: `codex features
// list` said hooks false for each spelling below, and `codex app-server`'s
// hooks/list kept an added project hook untrusted, and the user's hook
// enabled, with `hooks.state` trust and `enabled = false` in the project file.
// Its `[shell_environment_policy] set` hands every shell command the
// variables it names (not the hook: checked on Codex 0.169.0, docs/hosts.md
// "Environment a workspace sets"): one that changes what runs
// (workspaceEnv.ts) is news, and so is one its `[mcp_servers.NAME]` hand a
// server it starts (`env`, or `env_vars` passed on from its own
// environment; https://developers.openai.com/codex/mcp).
import { tomlLeaves, type TomlLeaf } from './tomlLeaves';
import { envShadow, mcpEnvShadow } from './workspaceEnv';

/** `hooks` or `codex_hooks` set false under any key path: `[features]` then `hooks = false`, `features.hooks = false`, `features = { hooks = false }`, quoted. */
const HOOKS_OFF = /(?:^|[\s{,.])["']?(codex_)?hooks["']?\s*=\s*false\b/m;

/** TOML's `\uXXXX` and `\UXXXXXXXX` escapes in quoted keys spelled out, so an escaped key name is read as Codex reads it. */
function unescaped(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (m, u?: string, big?: string) => {
    const code = parseInt(u ?? big ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/**
 * The variables a config.toml's `shell_environment_policy.set` names, in
 * any of TOML's spellings (tomlLeaves.ts): `[shell_environment_policy]` then
 * `set = { … }`, `[shell_environment_policy.set]` then `NAME = …`, dotted
 * keys, and the same under a profile (`[profiles.NAME.shell_environment_policy]`).
 */
function policySet(leaves: readonly TomlLeaf[]): Record<string, true> {
  const names: Record<string, true> = {};
  for (const { key } of leaves) {
    const at = key.lastIndexOf('shell_environment_policy');
    if (at >= 0 && key[at + 1] === 'set' && key.length > at + 2) names[key[at + 2]] = true;
  }
  return names;
}

/**
 * Each MCP server a config.toml declares with the variables it hands it:
 * its `env` (`[mcp_servers.NAME.env]`, `env = { … }`, dotted keys, an inline
 * table for the whole server) and its `env_vars` (names, or `{ name = … }`
 * tables, passed on from Codex's own environment), in any spelling.
 */
function mcpServerVars(leaves: readonly TomlLeaf[]): Map<string, string[]> {
  const servers = new Map<string, string[]>();
  for (const { key, value } of leaves) {
    const at = key.lastIndexOf('mcp_servers');
    const server = key[at + 1];
    if (at < 0 || server === undefined) continue;
    const vars = servers.get(server) ?? [];
    servers.set(server, vars);
    if (key[at + 2] === 'env' && key.length > at + 3) vars.push(key[at + 3]);
    // Every string of the list, the tables' `source` values with them: a name is never missed.
    if (key[at + 2] === 'env_vars')
      for (const m of value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) vars.push(m[1] ?? m[2]);
  }
  return servers;
}

export function codexShadows(text: string, _tool: string, _isOurs: unknown, file: string): string | undefined {
  // AgentGuard's own entry in `.codex/hooks.json` is compared with the record apart; nothing else there runs untrusted.
  if (!file.endsWith('config.toml')) return undefined;
  const plain = unescaped(text);
  const off = HOOKS_OFF.exec(plain);
  if (!off) {
    const leaves = tomlLeaves(plain);
    return (
      envShadow(policySet(leaves), 'Codex', {
        name: (v) => `${v} in [shell_environment_policy] set`,
        reaches: 'shell commands',
      }) ?? mcpEnvShadow(mcpServerVars(leaves), 'Codex', (server, v) => `${v} in [mcp_servers.${server}]`)
    );
  }
  return `turns Codex's hooks off ([features] ${off[1] ? 'codex_hooks' : 'hooks'} = false): its next session here runs no hook, AgentGuard's included`;
}

export const CODEX_SHADOW = {
  files: ['.codex/config.toml', '.codex/hooks.json'],
  perFolder: ['.codex/config.toml'],
  shadows: codexShadows,
} as const;
