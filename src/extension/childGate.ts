// The gate of the commands other extensions spawn from this extension host.
// Agent extensions without a hook (Roo Code's execa with `shell: true`,
// Continue's `$SHELL -l -c`) spawn with `{ ...process.env }` at the moment
// they run a command; this puts the gate into that environment as soon as
// AgentGuard activates ("*", before any `onStartupFinished` extension):
// BASH_ENV and ZDOTDIR judge a `bash -c` / `zsh -c` command string whole, and
// the shim folder first on PATH judges the programs that matter when /bin/sh
// (dash, which reads neither) looks them up. See core/terminal/childGate.ts.
import * as path from 'node:path';
import type { TerminalGateLayout } from '../core/terminal/childGate';

export interface ChildGateState {
  /** What was set, for the log and `agentguard doctor`-like reports. */
  summary: string;
  /** Puts back what the extension host had, when AgentGuard is disabled or the window closes. */
  restore(): void;
}

export function gateExtensionHostChildren(layout: TerminalGateLayout, env: NodeJS.ProcessEnv = process.env): ChildGateState {
  const before = { PATH: env.PATH, BASH_ENV: env.BASH_ENV, ZDOTDIR: env.ZDOTDIR, AGENTGUARD_USER_BASH_ENV: env.AGENTGUARD_USER_BASH_ENV, AGENTGUARD_USER_ZDOTDIR: env.AGENTGUARD_USER_ZDOTDIR };
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d && path.resolve(d) !== path.resolve(layout.shims));
  env.PATH = [layout.shims, ...dirs].join(path.delimiter);
  // A BASH_ENV or ZDOTDIR the user had is chained: the gate's files source it.
  if (env.BASH_ENV && path.resolve(env.BASH_ENV) !== path.resolve(layout.bashEnv)) env.AGENTGUARD_USER_BASH_ENV = env.BASH_ENV;
  env.BASH_ENV = layout.bashEnv;
  if (env.ZDOTDIR && path.resolve(env.ZDOTDIR) !== path.resolve(layout.zdotdir)) env.AGENTGUARD_USER_ZDOTDIR = env.ZDOTDIR;
  env.ZDOTDIR = layout.zdotdir;
  return {
    summary: `PATH starts with ${layout.shims}; BASH_ENV=${layout.bashEnv}; ZDOTDIR=${layout.zdotdir}`,
    restore: () => {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
    },
  };
}
