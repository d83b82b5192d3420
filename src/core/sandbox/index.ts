// Room `sandbox/`: confinement of what a hook lets through. The command a
// host runs is rewritten to run inside an OS sandbox in which AgentGuard's
// state, policy records, hook files, installed CLI and launcher, the
// editors' extension and settings folders, shell start-up files, git's
// global config and hooks and the autorun places are read-only, for the
// command and everything it starts, and the display server's and the
// editor's sockets are out of reach. What may be written and what is
// protected (places.ts), Linux's bubblewrap (bwrap.ts, with seccomp.ts),
// macOS's Seatbelt (seatbelt.ts), and whether either can start (probe.ts).
// Where none can (no user namespaces, Windows), judgment stands alone, and
// that is said, never hidden.
import { bwrapCommandLine, bwrapPrefix, type BwrapCommand } from './bwrap';
import { placesFor, type PlaceInput, type Profile } from './places';
import { sandboxAvailability, type Engine } from './probe';
import { seatbeltCommandLine, seatbeltPrefix } from './seatbelt';

export type { Profile } from './places';
export { sandboxAvailability, type Availability } from './probe';
export { shellQuote } from './bwrap';

export interface ConfineInput extends Omit<PlaceInput, 'profile'> {
  command: string;
  profile: Profile;
  platform?: NodeJS.Platform;
}

export type Confinement =
  | {
      confined: true;
      engine: Engine;
      profile: Profile;
      /** The whole command line: the sandbox's words, then the command. */
      command: string;
      /** The sandbox's words without the command (what a profile file for agentguard-run holds). */
      prefix: string[];
      /** The seccomp filter the sandbox reads on descriptor SECCOMP_FD, when it has one. */
      seccompFile?: string;
    }
  | { confined: false; reason: string };

/** The command as the host should run it, confined; or why it cannot be. Never throws. */
export function confine(input: ConfineInput): Confinement {
  try {
    const available = sandboxAvailability(input.stateDir, input.platform);
    if (!available.ok) return { confined: false, reason: available.reason };
    const places = placesFor(input);
    if (available.engine === 'bubblewrap') {
      const o: BwrapCommand = {
        bwrap: available.binary,
        shell: available.shell,
        profile: input.profile,
        places,
        home: input.home,
        ...(available.seccompFile ? { seccompFile: available.seccompFile } : {}),
      };
      // Worked out once: the same words go into the line and, where the wrapper is installed, the profile file.
      const prefix = bwrapPrefix(o);
      return {
        confined: true,
        engine: available.engine,
        profile: input.profile,
        command: bwrapCommandLine(input.command, o, prefix),
        prefix,
        ...(available.seccompFile ? { seccompFile: available.seccompFile } : {}),
      };
    }
    const o = { sandboxExec: available.binary, shell: available.shell, places, profile: input.profile };
    const prefix = seatbeltPrefix(o);
    return {
      confined: true,
      engine: available.engine,
      profile: input.profile,
      command: seatbeltCommandLine(input.command, o, prefix),
      prefix,
    };
  } catch (err) {
    return { confined: false, reason: `the sandbox profile could not be built (${(err as Error)?.message ?? err})` };
  }
}
