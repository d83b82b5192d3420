// What every wrapper reader shares: the step it returns, the programs that
// fetch or decode code, and how options and their values are skipped.
import * as path from 'node:path';
import type { EveryKey, Finding, SimpleCommand } from '../../types';
import type { Dialect, Pending, Scope, Walker } from '../normalize/scope';

/**
 * How a named wrapper's inner command is found. `p` names the program by its bare name (`prog`); `raw` is the word
 * as written (`/usr/bin/go`). Undefined: nothing more to read (a reader may have read code on the way).
 */
export type Wrapper = (p: Pending, scope: Scope, w: Walker, prog: string, raw: string) => UnwrapStep | undefined;

export type UnwrapStep =
  | {
      kind: 'command';
      next: Pending;
      via: string;
      remote?: SimpleCommand['remote'];
      cwd?: string;
      recordOuter?: boolean;
    }
  | {
      kind: 'script';
      text: string;
      via: string;
      env?: Record<string, string>;
      lenient?: boolean;
      alsoEmit?: boolean;
      remote?: SimpleCommand['remote'];
      cwd?: string;
      dialect?: Dialect;
      /** Scope.runTimeProgramsQuiet for the script's commands. */
      runTimeProgramsQuiet?: true;
      /** Scope.runnerCd: the `cd DIR` lines the reader added (readerCdLine) enter a folder the runner makes or enters itself. */
      runnerCd?: true;
      /** The shell reading the text exits when an `exec` in it fails (exitsOnFailedExec). */
      execEnds?: true;
      /** The text runs in the shell of the command (`source FILE`): the PATH it sets is the line's from then on. */
      sameShell?: true;
    }
  | { kind: 'done' };

/**
 * Script files (and the modules they import) longer than this are not read, and the call is asked about
 * (noteUnreadScript). The file reader's own bound: Python or JavaScript of 256 KiB is read in about 7 ms,
 * 1 MiB in about 150 ms.
 */
export const MAX_SCRIPT_CHARS = 256 * 1024;

/** A script a command runs, larger than AgentGuard reads (its text past the bound, or a file the reader refused): asked. */
export function noteUnreadScript(file: string, text: string | undefined, scope: Scope, w: Walker, via: string): void {
  if (text !== undefined ? text.length <= MAX_SCRIPT_CHARS : !unreadLargeFile(file, scope, w)) return;
  noteUnreadTarget(w, file);
  w.addFinding(unreadScriptFinding(file, via));
}

/** Options of a shell that leave how it treats a failed `exec` alone: none makes it interactive or sets a shopt. */
const PLAIN_SHELL_OPTION = /^(?:[-+][abefhkmnptuvxBCEHPT]+|--(?:posix|norc|noprofile|noediting))$/;

/**
 * Whether a shell started on a script file exits when an `exec` in it fails, as sh and bash do unless told otherwise:
 * the reader may then take a script to end at its first top-level `exec PROGRAM` (normalize: walkReadablePart). bash
 * goes on past a failed `exec` when interactive (`-i`) or under `shopt -s execfail`, which `-O execfail`, BASHOPTS or
 * the file BASH_ENV names may set: any of those, or an option not known to leave it alone, keeps the reading going.
 */
export function exitsOnFailedExec(
  argv: readonly string[],
  end: number,
  env: Readonly<Record<string, string>>,
): boolean {
  // `busybox sh FILE`: the shell is the applet, its options after it.
  const at = argv[0] === 'busybox' ? 1 : 0;
  const shell = programName(argv[at] ?? '');
  if (env.BASHOPTS !== undefined || (shell === 'bash' && env.BASH_ENV !== undefined)) return false;
  for (let i = at + 1; i < end; i++) {
    const o = argv[i];
    if (o === '-o' || o === '+o') i++;
    else if (!PLAIN_SHELL_OPTION.test(o)) return false;
  }
  return true;
}

/** Bound on the unread files remembered for one line. */
const MAX_UNREAD_TARGETS = 64;

/** Remembers a file the walk reported as unread (Walker.unreadTargets). */
export function noteUnreadTarget(w: Walker, file: string): void {
  if ((w.unreadTargets?.size ?? 0) < MAX_UNREAD_TARGETS) (w.unreadTargets ??= new Set()).add(file);
}

export function unreadScriptFinding(file: string, via: string): Finding {
  return {
    id: 'parse.too-complex',
    summary: `\`${via}\` runs ${file}, a file larger than AgentGuard reads (${MAX_SCRIPT_CHARS / 1024} KiB): what it runs was not judged, so a human must look at it`,
    target: file,
    severity: 60,
  };
}

/** A file the reader gave nothing for that exists, larger than it reads. */
export function unreadLargeFile(file: string, scope: Scope, w: Walker): boolean {
  const st = w.ctx.stat?.(path.resolve(scope.cwd, file));
  return st?.isFile === true && (st.size ?? 0) > MAX_SCRIPT_CHARS;
}
export const STDIN_FILES = new Set(['/dev/stdin', '-', '/dev/fd/0', '/proc/self/fd/0']);
/**
 * Shells with their own syntax: their code is read as far as it looks like shell words, never refused for its grammar
 * (Plan 9's rc, es, murex, ion, Oil's old name among them).
 */
export const FOREIGN_SHELLS = new Set('fish nu nushell xonsh elvish tcsh csh ysh rc es murex ion oil'.split(' '));
/** Shells, Bourne-like ones first: each takes `-c CODE` and a script file as sh does. */
export const SHELLS = new Set([
  ...'bash sh zsh dash ksh ash mksh busybox yash oksh loksh posh osh lksh pdksh bosh jsh hush sash brush'.split(' '),
  ...FOREIGN_SHELLS,
]);
export const FETCHERS = new Set([
  'curl',
  'wget',
  'fetch',
  'http',
  'https',
  'xh',
  'aria2c',
  'nc',
  'ncat',
  'socat',
  'ftp',
  'tftp',
  'gh',
  'aws',
  'gsutil',
  'gcloud',
  'az',
  'ssh',
  'scp',
]);
export const DECODERS = new Set([
  'base64',
  'base32',
  'xxd',
  'openssl',
  'gunzip',
  'zcat',
  'gzip',
  'bzip2',
  'bzcat',
  'xz',
  'xzcat',
  'uudecode',
  'rev',
  'tr',
  'sed',
  'awk',
  'perl',
  'python',
  'python3',
  'node',
  'ruby',
  'php',
  'printf',
  'echo',
]);
export const FETCH_IN_SUBST = /(?:\$\(|`|<\()\s*(?:sudo\s+)?(curl|wget|fetch|http|https|xh|nc|ncat|aria2c)\b/;
export const DECODE_IN_SUBST =
  /(?:\$\(|`)[^)`]*\b(base64\s+(?:-d|--decode|-D)|xxd\s+-r|openssl\s+(?:enc|base64)|gunzip|zcat|rev|python3?\s+-c|perl\s+-e|node\s+-e|printf\s+['"]?\\x)/;

/** Options taking a value, per wrapper, so the inner command is found after them. */
export const PREFIX_WRAPPERS = new Map<string, readonly string[]>(
  Object.entries({
    sudo: [
      '-u',
      '-g',
      '-C',
      '-D',
      '-h',
      '-p',
      '-r',
      '-t',
      '-U',
      '-T',
      '-R',
      '--user',
      '--group',
      '--host',
      '--prompt',
      '--role',
      '--type',
      '--chdir',
      '--close-from',
      '--other-user',
      '--command-timeout',
      '--chroot',
    ],
    doas: ['-u', '-C'],
    // systemd's `run0 [OPTIONS] CMD`: sudo's twin, the command runs as root (or --user) in a transient unit.
    run0: [
      '-u',
      '--user',
      '-g',
      '--group',
      '-D',
      '--chdir',
      '--unit',
      '--property',
      '--description',
      '--slice',
      '--nice',
      '--setenv',
      '--background',
      '--machine',
    ],
    nohup: [],
    // `dbus-launch [--options=…] PROGRAM ARGS`, `dbus-run-session [--…=…] [--] PROGRAM`: start a session bus, then run the program.
    'dbus-launch': [],
    'dbus-run-session': [],
    coproc: [],
    nice: ['-n', '--adjustment'],
    ionice: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'],
    time: ['-f', '-o', '--format', '--output'],
    command: [],
    builtin: [],
    exec: ['-a'],
    // zsh's precommand modifiers: `noglob rm -rf x`, `nocorrect rm …`, `- rm …` (argv[0] gets a leading dash) run rm.
    noglob: [],
    nocorrect: [],
    '-': [],
    stdbuf: ['-i', '-o', '-e', '--input', '--output', '--error'],
    chronic: [],
    unbuffer: [],
    setsid: [],
    strace: ['-o', '-e', '-p', '-s', '-u', '-E', '-P', '-O', '-S', '-a', '-b', '-I', '-X'],
    ltrace: ['-o', '-e', '-p', '-s', '-u', '-n', '-a'],
    caffeinate: ['-t', '-w'],
    torsocks: [],
    proxychains: ['-f'],
    proxychains4: ['-f'],
    'with-contenv': [],
    runuser: ['-u', '-g', '-G', '--user', '--group', '--supp-group', '-l'],
    // `nsenter -t 1 -m -u -i -n -p CMD`: the command runs in another process's namespaces (the host's, from a privileged container).
    nsenter: ['-t', '--target', '-S', '--setuid', '-G', '--setgid', '-r', '--root', '-w', '--wd'],
  }),
);

/** Skips options (and their values) from `start`; returns the index of the first operand. */
export function skipOptions(
  argv: readonly string[],
  start: number,
  takesValue: readonly string[],
  stopAtFirstOperand = true,
): number {
  let i = start;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') return i + 1;
    if (a.length > 1 && a[0] === '-') {
      if (takesValue.includes(a)) i += 2;
      else i++;
      continue;
    }
    if (stopAtFirstOperand) return i;
    i++;
  }
  return i;
}

/**
 * The command from word `from` on, with `extra` over it. Every key of Pending written out, in the order it declares
 * them, rather than spread: a wrapper's inner command is made for most lines, and V8's caches missed the stores
 * into a spread copy each time.
 */
export function slice(p: Pending, from: number, extra?: Partial<Pending>): Pending {
  const next: EveryKey<Pending> = {
    argv: p.argv.slice(from),
    dynamic: p.dynamic.slice(from),
    redirects: p.redirects,
    stdin: p.stdin,
    stdinFrom: p.stdinFrom,
    env: p.env,
    source: p.source,
    braces: p.braces,
  };
  return extra ? Object.assign(next, extra) : next;
}

// An interpreter installed under its version (`ruby3.2`, `perl5.36`, `tclsh8.6`, `node20`) runs the same language.
// python, pypy, php and lua keep their versions: the checks know them by those names (`python3`, `php8.2`, `lua5.4`).
const VERSIONED_INTERPRETER =
  /^(ruby|jruby|perl|node|nodejs|tclsh|wish|expect|Rscript|julia|bash|zsh|ksh|dash)\d+(?:\.\d+)*$/;

/** `/usr/bin/rm` → `rm`, `prisma@5` → `prisma`, `@scope/tool@1` → `tool`, `ruby3.2` → `ruby`. */
export function programName(word: string): string {
  // zsh's `=rm` is the path of `rm` on PATH.
  let w = word.length > 1 && word[0] === '=' && /^=[\w.+-]+$/.test(word) ? word.slice(1) : word;
  // `/proc/self/exe` is the binary of the process that starts it: the shell running the line.
  // Each expression runs only on a word it may match (the first test of each costs V8 compiling it).
  if (w.startsWith('/proc/') && /^\/proc\/(?:self|thread-self|\d+)(?:\/task\/\d+)?\/exe$/.test(w)) return 'bash';
  if (w.includes('/')) w = w.slice(w.lastIndexOf('/') + 1) || w;
  const last = w.charCodeAt(w.length - 1);
  const versioned = last >= 48 && last <= 57 ? VERSIONED_INTERPRETER.exec(w) : null;
  return versioned ? versioned[1] : w;
}

export function packageBin(spec: string): string {
  let s = spec;
  if (s.startsWith('@')) s = s.slice(s.indexOf('/') + 1);
  const at = s.indexOf('@');
  if (at > 0) s = s.slice(0, at);
  return s;
}

export function joinForShell(argv: readonly string[]): string {
  // Words that were quoted for the outer shell arrive without quotes; ssh,
  // eval and watch join them with spaces and the inner shell reads them again.
  return argv.join(' ');
}
