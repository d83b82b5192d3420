// More programs that start the rest of their arguments as a command: the
// personality switchers (`setarch ARCH cmd`, `linux64 cmd`), the CPU limiter
// and password feeder (`cpulimit -l 10 -- cmd`, `sshpass -p pw cmd`), lock and
// inhibitor wrappers (`lckdo LOCK cmd`, `with-lock-ex -w LOCK cmd`,
// `systemd-inhibit cmd`), moreutils' `ifne cmd`, recorders and profilers
// (`rr record cmd`, `heaptrack cmd`), `fakechroot cmd`, container entries
// (`toolbox run cmd`, `distrobox enter NAME -- cmd`), `ip netns exec NS cmd`,
// capsh's `-- ARGS` (handed to bash) and `start-stop-daemon --start --exec
// PROG -- ARGS`, ShellJS's `shx rm -rf dist`, job queues and detachers (`tsp
// cmd`, `sem cmd`, `dtach -n SOCK cmd`), `lerna exec -- cmd` and `apptainer exec
// IMAGE cmd`. Before, each was judged as the wrapper alone and its command ran unread.
import { slice, type UnwrapStep } from './common';
import type { Pending } from '../normalize/scope';

/** `--opt` words before the first operand; the index of that operand. */
function pastFlags(argv: readonly string[], from: number): number {
  let i = from;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '--') i++;
  return i;
}

/** The same call, its words from `from` on, with `program` put first (the word it runs but does not name). */
function withProgram(p: Pending, from: number, program: string): Pending {
  const next = slice(p, from);
  return { ...next, argv: [program, ...next.argv], dynamic: [false, ...next.dynamic] };
}

/** Wrappers whose command is found by a word or option of their own, not by a form. */
export function otherRunner(prog: string, p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  switch (prog) {
    case 'setarch': {
      // `setarch ARCH [-RLBXZ…] [PROGRAM ARGS]`: the architecture comes first.
      const i = pastFlags(argv, 2);
      const at = argv[i] === '--' ? i + 1 : i;
      return argv[at] !== undefined
        ? { kind: 'command', next: slice(p, at), via: 'setarch', recordOuter: true }
        : undefined;
    }
    case 'ip': {
      // `ip [-n NS] netns exec NS CMD…`.
      const k = argv.indexOf('netns');
      if (k < 1 || argv[k + 1] !== 'exec' || argv[k + 3] === undefined) return undefined;
      return { kind: 'command', next: slice(p, k + 3), via: 'ip netns exec', recordOuter: true };
    }
    case 'distrobox':
    case 'distrobox-enter': {
      // `distrobox enter [NAME] -- CMD…`: what follows `--` runs in the container, with the home shared.
      if (prog === 'distrobox' && argv[1] !== 'enter') return undefined;
      const dd = argv.indexOf('--');
      return dd > 0 && argv[dd + 1] !== undefined
        ? { kind: 'command', next: slice(p, dd + 1), via: 'distrobox enter', recordOuter: true }
        : undefined;
    }
    case 'capsh': {
      // `capsh [--shell=SH] … -- ARGS`: ARGS are handed to bash (or the --shell), `-c CMD` included.
      const dd = argv.indexOf('--');
      if (dd < 1 || argv[dd + 1] === undefined) return undefined;
      const shell =
        argv
          .slice(1, dd)
          .find((a) => a.startsWith('--shell='))
          ?.slice(8) || 'bash';
      return { kind: 'command', next: withProgram(p, dd + 1, shell), via: 'capsh', recordOuter: true };
    }
    case 'start-stop-daemon': {
      // `start-stop-daemon --start --exec PROG [--startas PROG] -- ARGS`: PROG runs with ARGS.
      if (!argv.some((a) => a === '--start' || a === '-S')) return undefined;
      let program: string | undefined;
      for (let i = 1; i + 1 < argv.length && argv[i] !== '--'; i++)
        if (['--startas', '-a'].includes(argv[i]) || (program === undefined && ['--exec', '-x'].includes(argv[i])))
          program = argv[i + 1];
      if (program === undefined) return undefined;
      const dd = argv.indexOf('--');
      return {
        kind: 'command',
        next: withProgram(p, dd === -1 ? argv.length : dd + 1, program),
        via: 'start-stop-daemon',
        recordOuter: true,
      };
    }
    default:
      return undefined;
  }
}
