// Programs that start the rest of their arguments as a command: sandboxes and
// namespace tools (bwrap, firejail, unshare, chroot…), identity switchers
// (gosu, setpriv, pkexec…), resource and scheduling tools (taskset, chrt,
// prlimit…), init shims, profilers and environment runners (uv run, bundle
// exec, nix develop -c…). Each is described by its form, not handled case by
// case: which options take how many values, how many operands come before the
// command, and which subcommand or option introduces it. A wrapper not
// listed is judged as the program itself; an option a listed wrapper does not
// know is read as a flag, so the inner command is still found after it.
import { joinForShell, slice, type UnwrapStep } from './common';
import type { Pending } from '../normalize/scope';
import { RUNNERS, type RunnerForm } from './runnerForms';

/** The index of the inner command's first word, or undefined when the call starts none. */
function commandStart(argv: readonly string[], form: RunnerForm): number | undefined {
  let i = 1;
  if (form.sub) {
    if (!form.sub.includes(argv[1] ?? '')) return undefined;
    i = 2;
  }
  const values = form.values ?? {};
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a.length < 2 || a[0] !== '-') break;
    if (form.noCommand?.some((o) => a === o || a.startsWith(`${o}=`))) return undefined;
    i += a.includes('=') ? 1 : 1 + (values[a] ?? 0);
  }
  // A first operand that is a variable assignment (`cross-env A=1 cmd`, `chpst`'s env) belongs to the wrapper.
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) i++;
  i += form.operands ?? 0;
  return i < argv.length ? i : undefined;
}

/** Wrappers whose command arrives as a shell script in one word: `sg GROUP -c CMD`, `nix-shell --run CMD`, `nix develop -c CMD…`, `gdb --args CMD…`, `hyperfine CMD…`. */
function scriptRunner(prog: string, p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  switch (prog) {
    case 'sg': {
      // `sg [-] GROUP [-c] COMMAND`: the command is one word for a shell.
      const group = argv[1] === '-' ? 2 : 1;
      const rest = argv.slice(group + 1);
      const text = rest[0] === '-c' ? rest[1] : rest.length ? joinForShell(rest) : undefined;
      return text !== undefined ? { kind: 'script', text, via: 'sg' } : undefined;
    }
    case 'nix-shell': {
      const r = argv.findIndex((a) => a === '--run' || a === '--command');
      return r > 0 && argv[r + 1] !== undefined ? { kind: 'script', text: argv[r + 1], via: 'nix-shell' } : undefined;
    }
    case 'nix': {
      // `nix develop -c CMD…`, `nix shell PKGS -c CMD…` (what follows `nix run APP --` is the app's arguments, not a command).
      if (argv[1] !== 'develop' && argv[1] !== 'shell') return undefined;
      const c = argv.findIndex((a, k) => k > 1 && (a === '-c' || a === '--command'));
      return c !== -1 && argv[c + 1] !== undefined ? { kind: 'command', next: slice(p, c + 1), via: `nix ${argv[1]}`, recordOuter: true } : undefined;
    }
    case 'gdb':
    case 'lldb': {
      const a = argv.findIndex((w) => w === '--args' || w === '--');
      return a > 0 && argv[a + 1] !== undefined ? { kind: 'command', next: slice(p, a + 1), via: prog, recordOuter: true } : undefined;
    }
    case 'hyperfine': {
      // Every operand is a command line hyperfine runs through a shell; so are --prepare, --setup and --cleanup.
      const scripts: string[] = [];
      const valued = new Set(['-w', '--warmup', '-m', '--min-runs', '-M', '--max-runs', '-r', '--runs', '-S', '--shell', '-u', '--time-unit', '-n', '--command-name', '--export-json', '--export-csv', '--export-markdown', '--export-asciidoc', '--export-orgmode', '--style', '--sort', '-P', '--parameter-scan', '-D', '--parameter-step-size', '-L', '--parameter-list', '--output', '--input']);
      const scriptOpts = new Set(['-p', '--prepare', '-s', '--setup', '-c', '--cleanup', '--conclude']);
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        if (scriptOpts.has(a)) { if (argv[i + 1] !== undefined) scripts.push(argv[i + 1]); i++; continue; }
        if (valued.has(a)) { i += a === '-P' || a === '--parameter-scan' ? 3 : a === '-L' || a === '--parameter-list' ? 2 : 1; continue; }
        if (a.startsWith('-')) continue;
        scripts.push(a);
      }
      return scripts.length ? { kind: 'script', text: scripts.join('\n'), via: 'hyperfine' } : undefined;
    }
    default:
      return undefined;
  }
}

export function unwrapRunner(prog: string, p: Pending): UnwrapStep | undefined {
  const form = RUNNERS.get(prog);
  if (!form) return scriptRunner(prog, p);
  const i = commandStart(p.argv, form);
  if (i === undefined) return undefined;
  // The wrapper's own call is still judged as itself (its options can matter: `uv run --with`, `bwrap --bind / /`).
  return { kind: 'command', next: slice(p, i), via: form.sub ? `${prog} ${p.argv[1]}` : prog, recordOuter: true };
}
