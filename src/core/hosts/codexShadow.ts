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
/** `hooks` or `codex_hooks` set false under any key path: `[features]` then `hooks = false`, `features.hooks = false`, `features = { hooks = false }`, quoted. */
const HOOKS_OFF = /(?:^|[\s{,.])["']?(codex_)?hooks["']?\s*=\s*false\b/m;

/** TOML's `\uXXXX` and `\UXXXXXXXX` escapes in quoted keys spelled out, so an escaped key name is read as Codex reads it. */
function unescaped(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (m, u?: string, big?: string) => {
    const code = parseInt(u ?? big ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export function codexShadows(text: string, _tool: string, _isOurs: unknown, file: string): string | undefined {
  // AgentGuard's own entry in `.codex/hooks.json` is compared with the record apart; nothing else there runs untrusted.
  if (!file.endsWith('config.toml')) return undefined;
  const off = HOOKS_OFF.exec(unescaped(text));
  if (!off) return undefined;
  return `turns Codex's hooks off ([features] ${off[1] ? 'codex_hooks' : 'hooks'} = false): its next session here runs no hook, AgentGuard's included`;
}

export const CODEX_SHADOW = {
  files: ['.codex/config.toml', '.codex/hooks.json'],
  perFolder: ['.codex/config.toml'],
  shadows: codexShadows,
} as const;
