// SIGUSR1 opens the debugger of a running Node process (Node's default
// handler starts its inspector, which then runs any code it is sent), so a
// signal from the agent's account to the editor's server or extension host
// lets code run inside the editor — where approvals are answered and every
// identity check vouches for it. Other programs use the signal harmlessly
// (dd prints its progress, nginx reopens its logs), so a named target that is
// not a Node or editor process stays quiet; a bare pid cannot be told, and
// asks.
import { optionValue } from '../../command/args';
import { topLevelIndex } from '../../parse/codeScan';
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
  return usr1Finding(names?.join(' '));
}

function usr1Finding(target: string | undefined, by = ''): Finding {
  return finding(
    'system.debugger-signal',
    60,
    `${by}sends SIGUSR1${target ? ` to ${target}` : ''}, which opens the debugger of a running Node process (the editor's server or extension host among them): any code could then run inside it`,
    target,
    'send another signal, or ask the user to do this',
  );
}

// ---- code handed to an interpreter on the command line --------------------------------------

// The calls that signal another process: process.kill / os.kill / os.killpg / Process.kill /
// posix_kill / Perl's kill / Popen.send_signal, and Node's _debugProcess, which is SIGUSR1 by another name.
const SIGNAL_CALL = /(?<![\w$])(kill|killpg|posix_kill|send_signal|_debugProcess)(?![\w$])\s*/g;
// The process itself (a process opening its own debugger reaches no one else).
const SELF = /^(?:process\.pid|os\.getpid\(\)|getpid\(\)|\$\$|\$PROCESS_ID|Process\.pid|getmypid\(\)|\$\$PID)$/;
const MAX_SIGNAL_CALLS = 64;

/** The arguments of the call whose name ends at `from`: a parenthesized list, or (Perl, Ruby) the rest of the statement. */
function callArguments(code: string, from: number): string[] {
  const paren = code[from] === '(';
  const last = from + 512;
  // Perl's `=>` separates like a comma; a statement without parentheses ends at `;`, a line's end or a block's.
  const ends = (c: string, i: number) =>
    c === ',' || (c === '=' && code[i + 1] === '>') || c === ')' || (!paren && (c === '}' || c === ';' || c === '\n'));
  const args: string[] = [];
  let start = paren ? from + 1 : from;
  while (start < last) {
    const i = topLevelIndex(code, start, last - start, ends);
    if (i >= Math.min(code.length, last)) break;
    args.push(code.slice(start, i).trim());
    if (code[i] !== ',' && code[i] !== '=') return args;
    start = i + (code[i] === '=' ? 2 : 1);
  }
  args.push(code.slice(start, last).trim());
  return args;
}

/** `'SIGUSR1'`, `"USR1"`, `:USR1`, `-USR1`, `signal.SIGUSR1`, `os.constants.signals.SIGUSR1`, `Signal::USR1`. */
const NAMED_USR1 = /^[-:]?["'`]?(?:[\w$]+\s*(?:\.|::)\s*)*(?:SIG)?USR1["'`]?$/i;
const NUMBERED_USR1 = /^-?(?:10|30)$/;

/**
 * SIGUSR1 sent by code an interpreter runs from its command line: `node -e
 * "process.kill(pid, 'SIGUSR1')"`, `python -c 'os.kill(pid, signal.SIGUSR1)'`,
 * `ruby -e 'Process.kill(:USR1, pid)'`, `perl -e 'kill USR1 => $pid'`,
 * `process._debugProcess(pid)`. A signal by number counts in the place the
 * language puts the signal (first in Ruby and Perl, after the pid elsewhere).
 */
export function inlineDebuggerSignalFinding(name: string, code: string | undefined): Finding | undefined {
  if (!code) return undefined;
  const signalFirst = name === 'ruby' || name === 'perl';
  SIGNAL_CALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; (m = SIGNAL_CALL.exec(code)) && n < MAX_SIGNAL_CALLS; n++) {
    const args = callArguments(code, m.index + m[0].length);
    if (m[1] === '_debugProcess') {
      if (!SELF.test(args[0] ?? '')) return usr1Finding(args[0] || undefined, `${name} code `);
      continue;
    }
    const at = m[1] === 'send_signal' ? 0 : signalFirst ? 0 : 1;
    const named = args.findIndex((a) => NAMED_USR1.test(a));
    const sig = named >= 0 ? named : NUMBERED_USR1.test(args[at] ?? '') ? at : -1;
    if (sig < 0) continue;
    const targets = args.filter((a, i) => i !== sig && a !== '');
    if (targets.length > 0 && targets.every((t) => SELF.test(t))) continue;
    return usr1Finding(targets.join(' ') || undefined, `${name} code `);
  }
  return undefined;
}
