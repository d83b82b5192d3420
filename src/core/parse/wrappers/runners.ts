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
import { otherRunner } from './moreRunners';
import { cmakeTool } from './cmakeTool';

/** The index of the inner command's first word, or undefined when the call starts none. */
function commandStart(argv: readonly string[], form: RunnerForm): number | undefined {
  let i = 1;
  if (form.sub) {
    // The runner's own options may come before the word (`poetry -C api run pytest`, `uv --directory x run y`).
    const at = subAt(argv, form);
    if (at === undefined) return undefined;
    i = at + 1;
  }
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== '-') break;
    if (form.noCommand?.some((o) => a === o || a.startsWith(`${o}=`))) return undefined;
    i += a.includes('=') ? 1 : 1 + (form.values?.get(a) ?? 0);
  }
  // A first operand that is a variable assignment (`cross-env A=1 cmd`, `chpst`'s env) belongs to the wrapper.
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) i++;
  i += form.operands ?? 0;
  return i < argv.length ? i : undefined;
}

/** Where the word that makes the runner run a command stands, past the options before it. */
function subAt(argv: readonly string[], form: RunnerForm): number | undefined {
  let i = 1;
  while (i < argv.length && argv[i].length > 1 && argv[i][0] === '-' && argv[i] !== '--')
    i += argv[i].includes('=') ? 1 : 1 + (form.values?.get(argv[i]) ?? 0);
  return form.sub?.includes(argv[i] ?? '') ? i : undefined;
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
      // `nix develop -c CMD…`, `nix shell PKGS -c CMD…`; `nix run nixpkgs#bash -- -c CMD` runs the package's program.
      if (argv[1] === 'run') return nixRun(p);
      if (argv[1] !== 'develop' && argv[1] !== 'shell') return undefined;
      const c = argv.findIndex((a, k) => k > 1 && (a === '-c' || a === '--command'));
      return c !== -1 && argv[c + 1] !== undefined
        ? { kind: 'command', next: slice(p, c + 1), via: `nix ${argv[1]}`, recordOuter: true }
        : undefined;
    }
    case 'gdb':
    case 'lldb': {
      const a = argv.findIndex((w) => w === '--args' || w === '--');
      return a > 0 && argv[a + 1] !== undefined
        ? { kind: 'command', next: slice(p, a + 1), via: prog, recordOuter: true }
        : undefined;
    }
    case 'mise':
    case 'rtx': {
      // `mise exec|x [TOOL@VERSION…] -- CMD…` or `-c 'CMD'`: the tools are operands, the command comes after `--`.
      if (argv[1] !== 'exec' && argv[1] !== 'x') return undefined;
      const c = argv.findIndex((a) => a === '-c' || a === '--command');
      if (c > 1 && argv[c + 1] !== undefined) return { kind: 'script', text: argv[c + 1], via: `${prog} exec` };
      const dd = argv.indexOf('--');
      return dd > 1 && argv[dd + 1] !== undefined
        ? { kind: 'command', next: slice(p, dd + 1), via: `${prog} exec`, recordOuter: true }
        : undefined;
    }
    case 'nvm': {
      // `nvm exec [VERSION] CMD…` (a shell function, as typed): the version is optional.
      // `nvm run [VERSION] ARGS…` is `node ARGS…` with that version.
      if (argv[1] !== 'exec' && argv[1] !== 'run') return undefined;
      let i = 2;
      while (argv[i]?.startsWith('--')) i++;
      if (/^(?:v?\d[\d.x]*|lts\/.+|node|stable|unstable|iojs|system|default)$/.test(argv[i] ?? '')) i++;
      if (argv[1] === 'run')
        return { kind: 'command', next: slice(p, i - 1, { argv: ['node', ...argv.slice(i)] }), via: 'nvm run' };
      return argv[i] !== undefined
        ? { kind: 'command', next: slice(p, i), via: 'nvm exec', recordOuter: true }
        : undefined;
    }
    case 'entr': {
      // `entr [-acdnprsz] UTILITY ARGS…`; with -s the utility is a line for the shell.
      let i = 1;
      let shell = false;
      for (; i < argv.length && /^-[a-z]+$/.test(argv[i]); i++) if (argv[i].includes('s')) shell = true;
      if (argv[i] === undefined) return undefined;
      return shell
        ? { kind: 'script', text: argv[i], via: 'entr -s' }
        : { kind: 'command', next: slice(p, i), via: 'entr' };
    }
    case 'nodemon': {
      // `nodemon --exec 'CMD'` runs CMD on every change (without it, a node script).
      const x = argv.findIndex((a) => a === '--exec' || a === '-x');
      return x > 0 && argv[x + 1] !== undefined
        ? { kind: 'script', text: argv[x + 1], via: 'nodemon --exec' }
        : undefined;
    }
    case 'watchexec': {
      // `watchexec [OPTIONS] [--] CMD…`: the command runs through a shell on every change.
      const valued = new Set([
        '-w',
        '--watch',
        '-W',
        '--watch-non-recursive',
        '-F',
        '--watch-file',
        '-e',
        '--exts',
        '-f',
        '--filter',
        '-i',
        '--ignore',
        '-d',
        '--debounce',
        '--delay-run',
        '--shell',
        '-s',
        '--signal',
        '--stop-signal',
        '--stop-timeout',
        '--timeout',
        '-E',
        '--env',
        '--workdir',
        '--project-origin',
        '--filter-file',
        '--ignore-file',
        '--poll',
        '--on-busy-update',
        '--emit-events-to',
        '--log-file',
        '--color',
        '--wrap-process',
        '--filter-prog',
        '-j',
        '--filter-fs-events',
        '--fs-events',
      ]);
      let i = 1;
      while (i < argv.length && argv[i] !== '--' && argv[i].startsWith('-')) i += valued.has(argv[i]) ? 2 : 1;
      if (argv[i] === '--') i++;
      return i < argv.length ? { kind: 'script', text: joinForShell(argv.slice(i)), via: 'watchexec' } : undefined;
    }
    case 'hyperfine': {
      // Every operand is a command line hyperfine runs through a shell; so are --prepare, --setup and --cleanup.
      const scripts: string[] = [];
      const valued = new Set([
        '-w',
        '--warmup',
        '-m',
        '--min-runs',
        '-M',
        '--max-runs',
        '-r',
        '--runs',
        '-S',
        '--shell',
        '-u',
        '--time-unit',
        '-n',
        '--command-name',
        '--export-json',
        '--export-csv',
        '--export-markdown',
        '--export-asciidoc',
        '--export-orgmode',
        '--style',
        '--sort',
        '-P',
        '--parameter-scan',
        '-D',
        '--parameter-step-size',
        '-L',
        '--parameter-list',
        '--output',
        '--input',
      ]);
      const scriptOpts = new Set(['-p', '--prepare', '-s', '--setup', '-c', '--cleanup', '--conclude']);
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        if (scriptOpts.has(a)) {
          if (argv[i + 1] !== undefined) scripts.push(argv[i + 1]);
          i++;
          continue;
        }
        if (valued.has(a)) {
          i += a === '-P' || a === '--parameter-scan' ? 3 : a === '-L' || a === '--parameter-list' ? 2 : 1;
          continue;
        }
        if (a.startsWith('-')) continue;
        scripts.push(a);
      }
      return scripts.length ? { kind: 'script', text: scripts.join('\n'), via: 'hyperfine' } : undefined;
    }
    case 'cmake':
      return cmakeTool(p);
    default:
      return otherRunner(prog, p);
  }
}

export function unwrapRunner(prog: string, p: Pending): UnwrapStep | undefined {
  const form = RUNNERS.get(prog);
  if (!form) return scriptRunner(prog, p);
  const i = commandStart(p.argv, form);
  if (i === undefined) return undefined;
  const via = form.sub ? `${prog} ${p.argv[subAt(p.argv, form) ?? 1]}` : prog;
  // `poetry -C api run ./wipe.sh`: the command runs in the folder the runner's option names.
  const cwd = form.chdir && chdirValue(p.argv.slice(0, i), form.chdir);
  const inDir = cwd === undefined ? {} : { cwd };
  // `uv run x.py` (or `--script x.py`), `pipx run x.py` run the file with Python, not as a program: read it as `python x.py`.
  if ((prog === 'uv' || prog === 'pipx') && (/\.pyw?$/.test(p.argv[i]) || p.argv.slice(2, i).includes('--script'))) {
    const next = slice(p, i);
    return {
      kind: 'command',
      next: { ...next, argv: ['python', ...next.argv], dynamic: [false, ...next.dynamic] },
      via,
      recordOuter: true,
      ...inDir,
    };
  }
  // The wrapper's own call is still judged as itself (its options can matter: `uv run --with`, `bwrap --bind / /`).
  return { kind: 'command', next: slice(p, i), via, recordOuter: true, ...inDir };
}

/**
 * The folder an option among a runner's own words (`own[0]` the runner or its subcommand) names for the command it
 * runs, as written (the last one counts), or undefined.
 */
export function chdirValue(own: readonly string[], options: readonly string[]): string | undefined {
  let dir: string | undefined;
  for (let j = 1; j < own.length; j++) {
    const eq = own[j].indexOf('=');
    if (eq > 0 && options.includes(own[j].slice(0, eq))) dir = own[j].slice(eq + 1);
    else if (options.includes(own[j]) && j + 1 < own.length) dir = own[++j];
  }
  return dir;
}

/** Options of `nix run` that take a value, and those that take two (`--arg NAME EXPR`). */
const NIX_RUN_VALUE = new Set(['-I', '--include', '--profile', '--eval-store', '--store']);
const NIX_RUN_TWO_VALUES = new Set(['--arg', '--argstr', '--override-input', '--option', '--override-flake']);

/**
 * `nix run nixpkgs#python3 -- -c 'CODE'`, `nix run github:o/r#tool -- ARGS`: the installable's program runs with
 * the arguments after it. The program is named by the attribute's last part (`nixpkgs#python3Packages.black` runs
 * black); an installable that names none (`nix run .`, `--file`, `--expr`) is left as it was.
 */
function nixRun(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 2;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '--'; i++) {
    const a = argv[i];
    if (a === '-f' || a === '--file' || a === '--expr') return undefined;
    if (NIX_RUN_TWO_VALUES.has(a)) i += 2;
    else if (NIX_RUN_VALUE.has(a)) i += 1;
  }
  const installable = argv[i];
  const attr = installable?.includes('#') ? installable.slice(installable.lastIndexOf('#') + 1) : undefined;
  const program = attr?.split('.').pop()?.replace(/^"|"$/g, '');
  if (!program || !/^[A-Za-z_][\w+.-]*$/.test(program) || p.dynamic[i]) return undefined;
  let rest = i + 1;
  while (rest < argv.length && argv[rest] !== '--' && argv[rest].startsWith('-')) rest++;
  if (argv[rest] === '--') rest++;
  return {
    kind: 'command',
    next: slice(p, i, { argv: [program, ...argv.slice(rest)], dynamic: [false, ...p.dynamic.slice(rest)] }),
    via: `nix run ${installable}`,
    recordOuter: true,
  };
}
