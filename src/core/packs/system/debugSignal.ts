// SIGUSR1 opens the debugger of a running Node process (Node's default
// handler starts its inspector, which then runs any code it is sent), so a
// signal from the agent's account to the editor's server or extension host
// lets code run inside the editor — where approvals are answered and every
// identity check vouches for it. Other programs use the signal harmlessly
// (dd prints its progress, nginx reopens its logs), so a named target that is
// not a Node or editor process stays quiet; a bare pid cannot be told, and
// asks.
import { optionValue } from '../../command/args';
import type { Finding } from '../../types';
import { finding } from '../common/finding';

// Linux numbers SIGUSR1 10; macOS and the BSDs 30.
const USR1 = /^(?:(?:SIG)?USR1|10|30)$/i;
const NODE_OR_EDITOR =
  /(?:^|[^a-z0-9])(?:node|nodejs|electron|code|code-server|cursor|windsurf|bootstrap-fork|extensionhost)(?:$|[^a-z0-9])/i;

/** The signal a kill-like command sends, as written (`-USR1`, `-s USR1`, `--signal=USR1`, `-10`), or undefined for the default. */
export function signalOf(argv: readonly string[]): string | undefined {
  const named = optionValue(argv, ['-s', '--signal', '-n']);
  if (named) return named;
  const short = argv.slice(1).find((a) => /^-(?:\d+|[A-Za-z][A-Za-z0-9+]*)$/.test(a) && !/^-[a-z]$/.test(a));
  return short?.slice(1);
}

/**
 * The finding for a SIGUSR1 sent to a process that may run Node: every bare
 * pid (unknown), and a name or command-line pattern naming Node or an editor.
 * `names`: the process names or patterns the command picks (pkill, killall,
 * `kill $(pgrep …)`), or undefined when it picks by pid.
 */
export function debuggerSignalFinding(
  argv: readonly string[],
  names: readonly string[] | undefined,
): Finding | undefined {
  const signal = signalOf(argv);
  if (!signal || !USR1.test(signal.replace(/^-/, ''))) return undefined;
  if (names && !names.some((n) => NODE_OR_EDITOR.test(n))) return undefined;
  const target = names?.join(' ');
  return finding(
    'system.debugger-signal',
    60,
    `sends SIGUSR1${target ? ` to ${target}` : ''}, which opens the debugger of a running Node process (the editor's server or extension host among them): any code could then run inside it`,
    target,
    'send another signal, or ask the user to do this',
  );
}
