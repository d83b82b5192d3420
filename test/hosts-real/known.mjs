// Faults AgentGuard cannot close today, found by running the real hosts: each
// is a `todo` test (it runs and is reported, but does not fail the suite)
// until the host's adapter can close it. Keys: HOST/MODE/SCENARIO, `*` for
// any. A fault that is fixed leaves this list, so its test guards the fix.
export const KNOWN = {
  // Codex runs a hook only after a human trusted it in its `/hooks` review;
  // `install --codex` says so, and the administrator's file avoids it.
  'codex/untrusted/secret':
    'Codex never runs a hook nobody trusted in its /hooks review; after a plain `agentguard install --codex` every call runs unjudged',
};
