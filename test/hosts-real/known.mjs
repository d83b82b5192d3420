// Faults AgentGuard cannot close today, found by running the real hosts: each
// is a `todo` test (it runs and is reported, but does not fail the suite)
// until the host's adapter can close it. Keys: HOST/MODE/SCENARIO, `*` for
// any. A fault that is fixed leaves this list, so its test guards the fix.
export const KNOWN = {
  // Codex runs a hook only after a human trusted it in its `/hooks` review;
  // `install --codex` says so, and the administrator's file avoids it.
  'codex/untrusted/secret':
    'Codex never runs a hook nobody trusted in its /hooks review; after a plain `agentguard install --codex` every call runs unjudged',
  // Codex's workspace-write sandbox takes writable roots, not a deny-write
  // list: inside the workspace only each root's .git, .codex and .agents are
  // read-only, so a call the hook let through writes another host's hook
  // file there (.cursor/hooks.json, .claude/settings.json, .github/hooks/…).
  // Its permission profiles (0.138+, `extends = ":workspace"` with
  // `":workspace_roots"` subpaths set to "read") refuse such writes on
  // 0.169.0 (docs/hosts.md); install does not write one yet.
  'codex/sandbox/sandbox-other-host':
    "Codex's sandbox has no deny-write list: another host's hook file in the workspace stays writable to a call AgentGuard's judgment let through",
};
