// The gate of the commands other extensions spawn from this extension host.
// Agent extensions without a hook (Roo Code's execa with `shell: true`,
// Continue's `$SHELL -l -c`) spawn with `{ ...process.env }` at the moment
// they run a command; this puts the gate into that environment as soon as
// AgentGuard activates ("*", before any `onStartupFinished` extension). What
// the variables do: core/terminal/childGate.ts; the `/bin/sh -c` spawns it
// gates as whole strings: core/terminal/shGate.ts (gateShellSpawns).
import { childGateEnvironment, type TerminalGateLayout } from '../core/frontdoor/terminal';

export interface ChildGateState {
  /** What was set, for the log. */
  summary: string;
  /** Puts back what the extension host had, when AgentGuard is disabled or the window closes. */
  restore(): void;
}

export function gateExtensionHostChildren(
  layout: TerminalGateLayout,
  env: NodeJS.ProcessEnv = process.env,
): ChildGateState {
  const changes = childGateEnvironment(env, layout);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, env[k]]));
  Object.assign(env, changes);
  return {
    summary: `PATH starts with ${layout.shims}; BASH_ENV=${layout.bashEnv}; ZDOTDIR=${layout.zdotdir}${changes.SHLVL ? '; SHLVL=1' : ''}`,
    restore: () => {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
    },
  };
}
