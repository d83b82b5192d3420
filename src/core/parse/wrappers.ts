// Wrappers: programs whose job is to run another program. Each entry says how
// to find the inner command (or the code) in its arguments. A wrapper that is
// not recognised is judged as the program itself, so this list only ever adds
// sight, never removes it.
import * as path from 'node:path';
import type { Finding, SimpleCommand } from '../types';
import { readCalls } from './codeCalls';
import { arrayKey, printsShellSetup } from './dynamic';
import { unwrapMake } from './makefile';
import { gitAliasKey, gitSideCommands, unwrapRemoteRunner, unwrapSecretRunner } from './runners';
import { inlineCodeFlags, interpreterOf, readCode } from './interpreters';
import type { Pending, Scope, Walker } from './normalize';

export type UnwrapStep =
  | { kind: 'command'; next: Pending; via: string; remote?: SimpleCommand['remote']; cwd?: string; recordOuter?: boolean }
  | { kind: 'script'; text: string; via: string; env?: Record<string, string>; lenient?: boolean; alsoEmit?: boolean; remote?: SimpleCommand['remote']; cwd?: string }
  | { kind: 'done' };

/** Script files longer than this are judged by the command that runs them alone (inline code that long is reported as unreadable). */
const MAX_SCRIPT_CHARS = 64 * 1024;
const STDIN_FILES = new Set(['/dev/stdin', '-', '/dev/fd/0', '/proc/self/fd/0']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish', 'busybox']);
const FETCHERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'xh', 'aria2c', 'nc', 'ncat', 'socat', 'ftp', 'tftp', 'gh', 'aws', 'gsutil', 'gcloud', 'az', 'ssh', 'scp']);
const DECODERS = new Set(['base64', 'base32', 'xxd', 'openssl', 'gunzip', 'zcat', 'gzip', 'bzip2', 'bzcat', 'xz', 'xzcat', 'uudecode', 'rev', 'tr', 'sed', 'awk', 'perl', 'python', 'python3', 'node', 'ruby', 'php', 'printf', 'echo']);
const FETCH_IN_SUBST = /(?:\$\(|`|<\()\s*(?:sudo\s+)?(curl|wget|fetch|http|https|xh|nc|ncat|aria2c)\b/;
const DECODE_IN_SUBST = /(?:\$\(|`)[^)`]*\b(base64\s+(?:-d|--decode|-D)|xxd\s+-r|openssl\s+(?:enc|base64)|gunzip|zcat|rev|python3?\s+-c|perl\s+-e|node\s+-e|printf\s+['"]?\\x)/;

/** Options taking a value, per wrapper, so the inner command is found after them. */
const PREFIX_WRAPPERS = new Map<string, readonly string[]>(Object.entries({
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--host', '--prompt', '--role', '--type', '--chdir', '--close-from', '--other-user', '--command-timeout', '--chroot'],
  doas: ['-u', '-C'],
  nohup: [],
  coproc: [],
  nice: ['-n', '--adjustment'],
  ionice: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'],
  time: ['-f', '-o', '--format', '--output'],
  command: [],
  builtin: [],
  exec: ['-a'],
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
}));

/** Skips options (and their values) from `start`; returns the index of the first operand. */
function skipOptions(argv: readonly string[], start: number, takesValue: readonly string[], stopAtFirstOperand = true): number {
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

function slice(p: Pending, from: number, extra: Partial<Pending> = {}): Pending {
  return { ...p, argv: p.argv.slice(from), dynamic: p.dynamic.slice(from), ...extra };
}

/** `/usr/bin/rm` → `rm`, `prisma@5` → `prisma`, `@scope/tool@1` → `tool`. */
export function programName(word: string): string {
  let w = word;
  if (w.includes('/')) w = w.slice(w.lastIndexOf('/') + 1) || w;
  return w;
}

function packageBin(spec: string): string {
  let s = spec;
  if (s.startsWith('@')) s = s.slice(s.indexOf('/') + 1);
  const at = s.indexOf('@');
  if (at > 0) s = s.slice(0, at);
  return s;
}

function joinForShell(argv: readonly string[]): string {
  // Words that were quoted for the outer shell arrive without quotes; ssh,
  // eval and watch join them with spaces and the inner shell reads them again.
  return argv.join(' ');
}

export function unwrap(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const raw = p.argv[0];
  if (p.dynamic[0]) return undefined;
  const prog = programName(raw);
  if (prog !== raw) {
    // Spelling: `/bin/rm` is `rm`. Judge the bare name from here on.
    p = { ...p, argv: [prog, ...p.argv.slice(1)] };
  }
  const argv = p.argv;

  if (prog === 'env') return unwrapEnv(p);
  const prefix = PREFIX_WRAPPERS.get(prog);
  if (prefix) {
    if (prog === 'command' && (argv[1] === '-v' || argv[1] === '-V')) return undefined;
    if ((prog === 'sudo') && argv.slice(1).some((a) => /^-[a-zA-Z]*[lvkK]$/.test(a)) && argv.length <= 3) return undefined;
    let i = skipOptions(argv, 1, prefix);
    if (prog === 'nice' && /^-\d+$/.test(argv[1] ?? '')) i = skipOptions(argv, 2, prefix);
    // sudo and doas accept VAR=value before the command.
    const env = { ...p.env };
    while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]) && (prog === 'sudo' || prog === 'doas')) {
      const eq = argv[i].indexOf('=');
      env[argv[i].slice(0, eq)] = argv[i].slice(eq + 1);
      i++;
    }
    if (i >= argv.length) return undefined;
    if ((prog === 'sudo') && (argv.includes('-s') || argv.includes('-i')) && i < argv.length) {
      return { kind: 'script', text: joinForShell(argv.slice(i)), via: prog, env };
    }
    return { kind: 'command', next: slice(p, i, { env }), via: prog };
  }

  switch (prog) {
    case 'timeout': {
      let i = skipOptions(argv, 1, ['-s', '--signal', '-k', '--kill-after']);
      i++; // the duration
      return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'timeout' } : undefined;
    }
    case 'watch': {
      const i = skipOptions(argv, 1, ['-n', '--interval', '-q', '--equexit']);
      return i < argv.length ? { kind: 'script', text: joinForShell(argv.slice(i)), via: 'watch' } : undefined;
    }
    case 'flock': {
      const i = skipOptions(argv, 1, ['-w', '--timeout', '-E', '--conflict-exit-code']);
      const rest = argv.slice(i + 1);
      if (rest[0] === '-c' || rest[0] === '--command') return rest[1] ? { kind: 'script', text: rest[1], via: 'flock' } : undefined;
      return rest.length ? { kind: 'command', next: slice(p, i + 1), via: 'flock' } : undefined;
    }
    case 'script': {
      // `script -qc CMD [file]`: runs CMD in a recorded terminal.
      const c = argv.findIndex((a, k) => k > 0 && (a === '-c' || a === '--command' || /^-[a-z]*c$/.test(a)));
      return c !== -1 && argv[c + 1] ? { kind: 'script', text: argv[c + 1], via: 'script -c' } : undefined;
    }
    case 'tmux':
      return unwrapTmux(p);
    case 'screen': {
      // `screen -dm [-S name] CMD…`: everything after the options runs detached.
      // `-dmS name`: a cluster ending in S takes the session name.
      const valued = ['-S', '-c', '-L', '-Logfile', '-p', '-T', '-t', '-X', '-x', '-r', '-R', ...argv.filter((a) => /^-[a-zA-Z]+S$/.test(a))];
      const i = skipOptions(argv, 1, valued);
      return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'screen' } : undefined;
    }
    case 'systemd-run': {
      const i = skipOptions(argv, 1, ['-u', '--unit', '-p', '--property', '-d', '--description', '--slice', '-E', '--setenv', '-M', '--machine', '-H', '--host', '--on-active', '--on-calendar', '--on-boot', '--on-unit-active', '--uid', '--gid', '--working-directory', '--nice']);
      return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'systemd-run' } : undefined;
    }
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk': {
      // The program is the first operand (unless -f names a file); system() and pipes to a shell run commands.
      if (argv.includes('-f') || argv.some((a) => a.startsWith('--file'))) return undefined;
      const i = skipOptions(argv, 1, ['-F', '-v', '--field-separator', '--assign']);
      const program = argv[i];
      if (program === undefined || p.dynamic[i]) return undefined;
      emitCodeReading('awk', program, p, scope, w, prog);
      if (/\|\s*"\s*(?:\/bin\/)?(?:ba|z|da)?sh\b/.test(program)) {
        w.addFinding({ id: 'exec.piped-code', summary: `${prog} prints text into a shell, which runs it as commands`, severity: 50, alternative: 'print the commands, read them, then run them' });
      }
      return undefined;
    }
    case 'at':
    case 'batch':
      // Commands for later come on stdin (`at now <<< CMD`, `echo CMD | at now`).
      return codeFromStdin(p, prog, w, (text) => ({ kind: 'script', text, via: prog }));
    case 'su': {
      const c = argv.findIndex((a) => a === '-c' || a === '--command');
      return c !== -1 && argv[c + 1] ? { kind: 'script', text: argv[c + 1], via: 'su' } : undefined;
    }
    case 'eval':
      return argv.length > 1 ? scriptOrDynamic(p, joinForShell(argv.slice(1)), 'eval', w) : undefined;
    case 'xargs':
      return unwrapXargs(p);
    case 'find':
      unwrapFind(p, scope, w);
      return undefined;
    case 'fd':
    case 'fdfind':
      unwrapFd(p, scope, w);
      return undefined;
    case 'parallel':
      return unwrapParallel(p, scope, w);
    case 'ssh':
      return unwrapSsh(p);
    case 'docker':
    case 'podman':
    case 'nerdctl':
      return unwrapDocker(p);
    case 'docker-compose':
      return unwrapCompose(p, 1);
    case 'kubectl':
    case 'oc':
      return unwrapKubectlExec(p);
    case 'npx':
    case 'bunx':
    case 'pnpx':
      return unwrapNpx(p, 1, prog);
    case 'bun':
      // `bun -e CODE` runs JavaScript; `bun run NAME` a script.
      if (['-e', '--eval', '-p', '--print', 'eval'].includes(argv[1] ?? '')) return unwrapInterpreter(p, scope, w, 'node');
      return unwrapPackageManager(p, scope, w);
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return unwrapPackageManager(p, scope, w);
    case 'git':
      gitSideCommands(p, scope, w, w.requestEnv);
      return unwrapGitAlias(p, scope, w);
    case 'make': case 'gmake':
      return unwrapMake(p, scope, w);
    case 'doppler': case 'op': case 'infisical': case 'dotenv': case 'dotenvx': case 'aws-vault': case 'railway': case 'env-cmd': case 'with-env':
      return unwrapSecretRunner(p);
    case 'heroku': case 'fly': case 'flyctl': case 'gcloud': case 'aws': case 'az':
      return unwrapRemoteRunner(p);
    case 'trap': {
      // `trap 'CODE' EXIT`: the code runs when the shell exits (or on the signal).
      const code = argv[1];
      if (code === undefined || code === '-' || code.startsWith('-') || argv.length < 3) return undefined;
      return scriptOrDynamic({ ...p, argv: argv.slice(0, 2), dynamic: p.dynamic.slice(0, 2) }, code, 'trap', w);
    }
    case 'source':
    case '.': {
      const file = argv[1];
      if (!file) return undefined;
      // `. /dev/stdin <<< CODE`, `echo CODE | source /dev/stdin`: the code comes on stdin.
      if (STDIN_FILES.has(file)) return codeFromStdin(p, prog, w, (text) => ({ kind: 'script', text, via: prog }));
      // `source <(CMD)` runs what CMD prints: the same as `CMD | source /dev/stdin`.
      const proc = p.dynamic[1] ? /^<\((.*)\)$/s.exec(file) : null;
      if (proc) return { kind: 'script', text: `${proc[1]} | . /dev/stdin`, via: prog };
      const text = w.ctx.readFile(file, scope.cwd);
      return text === undefined ? undefined : { kind: 'script', text, via: `source ${file}`, lenient: true, alsoEmit: true };
    }
  }

  if (SHELLS.has(prog)) return unwrapShell(p, scope, w);
  const lang = interpreterOf(prog);
  if (lang) return unwrapInterpreter(p, scope, w, lang);
  // A script run by path (`./deploy.sh`, `scripts/reset.sh`): read what it runs.
  if (raw.includes('/') && /\.(?:sh|bash|zsh)$/.test(raw)) {
    const text = w.ctx.readFile(raw, scope.cwd);
    if (text !== undefined) return { kind: 'script', text, via: raw, lenient: true, alsoEmit: true };
  }
  return undefined;
}

function unwrapTmux(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let i = skipOptions(argv, 1, ['-L', '-S', '-f', '-c', '-T']);
  const sub = argv[i];
  if (sub === 'send-keys' || sub === 'send') {
    // Keys typed into a shell: the literal words, with Enter/C-m as line ends, are a command line.
    const j = skipOptions(argv, i + 1, ['-t', '-N']);
    const text = argv.slice(j).map((k) => (k === 'Enter' || k === 'C-m' || k === 'KPEnter' ? '\n' : k)).join(' ');
    return text.trim() ? { kind: 'script', text, via: 'tmux send-keys', lenient: true } : undefined;
  }
  if (sub !== 'new' && sub !== 'new-session' && sub !== 'new-window' && sub !== 'neww' && sub !== 'split-window' && sub !== 'splitw' && sub !== 'respawn-pane') return undefined;
  i = skipOptions(argv, i + 1, ['-s', '-n', '-t', '-c', '-x', '-y', '-e', '-F', '-l']);
  return i < argv.length ? { kind: 'script', text: joinForShell(argv.slice(i)), via: `tmux ${sub}` } : undefined;
}

function unwrapEnv(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let env = { ...p.env };
  let i = 1;
  let cwd: string | undefined;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '-i' || a === '--ignore-environment' || a === '-') { env = {}; i++; continue; }
    if (a === '-u' || a === '--unset') { delete env[argv[i + 1]]; i += 2; continue; }
    if (a === '-C' || a === '--chdir') { cwd = argv[i + 1]; i += 2; continue; }
    if (a === '-S' || a === '--split-string') {
      return argv[i + 1] ? { kind: 'script', text: [argv[i + 1], ...argv.slice(i + 2)].join(' '), via: 'env', env } : undefined;
    }
    if (a === '--') { i++; break; }
    if (a.startsWith('-')) { i++; continue; }
    const eq = a.indexOf('=');
    if (eq > 0) { env[a.slice(0, eq)] = a.slice(eq + 1); i++; continue; }
    break;
  }
  if (i >= argv.length) return undefined;
  const step: UnwrapStep = { kind: 'command', next: slice(p, i, { env }), via: 'env' };
  if (cwd) step.cwd = cwd;
  return step;
}

function scriptOrDynamic(p: Pending, text: string, via: string, w: Walker): UnwrapStep {
  if (p.dynamic.slice(1).some(Boolean)) reportDynamicCode(p, via, w);
  return { kind: 'script', text, via };
}

/** Code whose text is not known until run time (`eval "$(…)"`, `bash -c "$X"`). */
function reportDynamicCode(p: Pending, via: string, w: Walker): void {
  const src = p.source;
  if (FETCH_IN_SUBST.test(src)) {
    w.addFinding(remoteCode(via));
  } else if (DECODE_IN_SUBST.test(src)) {
    w.addFinding({ id: 'exec.obfuscated-code', summary: `runs code that is decoded at run time through ${via}, so nobody can read what it does before it runs`, severity: 60, alternative: 'decode it first, read it, then run the plain command' });
  }
}

function remoteCode(via: string): Finding {
  return {
    id: 'exec.remote-code',
    summary: `downloads code from the network and runs it with ${via} without anyone reading it`,
    severity: 70,
    alternative: 'download the script to a file, read it, then run it',
  };
}

function unwrapShell(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  if (argv[0] === 'busybox') {
    if (argv[1] !== 'sh' && argv[1] !== 'ash') return { kind: 'command', next: slice(p, 1), via: 'busybox' };
    i = 2;
  }
  let inline = false;
  let readsStdin = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') { i++; continue; }
    if (a.startsWith('--')) continue;
    if ((a[0] === '-' || a[0] === '+') && a.length > 1) {
      if (a.includes('c')) inline = true;
      if (a.includes('s')) readsStdin = true;
      continue;
    }
    break;
  }
  const via = `${argv[0]}${inline ? ' -c' : ''}`;
  if (inline) {
    if (i >= argv.length) return undefined;
    if (p.dynamic[i]) reportDynamicCode(p, via, w);
    return { kind: 'script', text: argv[i], via };
  }
  if (i < argv.length && !readsStdin) {
    // `bash script.sh`: read the script when it is a file we can see.
    const file = argv[i];
    if (p.dynamic[i]) {
      if (/^<\(|\$\(/.test(file) && FETCH_IN_SUBST.test(p.source)) w.addFinding(remoteCode(argv[0]));
      return undefined;
    }
    const text = w.ctx.readFile(file, scope.cwd);
    return text === undefined ? undefined : { kind: 'script', text, via: `${argv[0]} ${file}`, lenient: true, alsoEmit: true };
  }
  return codeFromStdin(p, via, w, (text) => ({ kind: 'script', text, via }));
}

/** A shell or interpreter reading its program from stdin. */
function codeFromStdin(p: Pending, via: string, w: Walker, read: (text: string) => UnwrapStep | undefined): UnwrapStep | undefined {
  if (p.stdin !== undefined) return read(p.stdin);
  const from = p.stdinFrom;
  if (!from) return undefined;
  const producer = programName(from[0] ?? '');
  if (FETCHERS.has(producer)) w.addFinding(remoteCode(via));
  else if (printsShellSetup(from)) return undefined;
  else if (DECODERS.has(producer)) w.addFinding({ id: 'exec.obfuscated-code', summary: `pipes decoded or generated code into ${via}, so nobody can read what it runs`, severity: 60, alternative: 'decode it first, read it, then run the plain command' });
  else w.addFinding({ id: 'exec.piped-code', summary: `runs whatever '${from.join(' ').slice(0, 60)}' prints as code with ${via}`, severity: 50, alternative: 'write the commands to a file, read it, then run it' });
  return undefined;
}

function unwrapInterpreter(p: Pending, scope: Scope, w: Walker, lang: ReturnType<typeof interpreterOf> & string): UnwrapStep | undefined {
  const argv = p.argv;
  const flags = inlineCodeFlags(lang);
  let code: string | undefined;
  let dynamicCode = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (flags.includes(a)) { code = argv[i + 1]; dynamicCode = p.dynamic[i + 1] ?? false; break; }
    // `python -Wignore -c …`, `perl -ne …`: a cluster ending in the code flag.
    const cluster = /^-[A-Za-z]*([ceErp])$/.exec(a);
    if (cluster && flags.includes('-' + cluster[1]) && lang !== 'node') { code = argv[i + 1]; dynamicCode = p.dynamic[i + 1] ?? false; break; }
    if (lang === 'node' && (a.startsWith('--eval=') || a.startsWith('--print='))) { code = a.slice(a.indexOf('=') + 1); break; }
    // `deno eval CODE`, `bun eval CODE`.
    if (lang === 'node' && a === 'eval' && i === 1) { code = argv.slice(2).find((x) => !x.startsWith('-')); break; }
    if (!a.startsWith('-')) {
      if (a !== '-') {
        // `python3 scripts/cleanup.py`: the script is read (bounded) for what it deletes and runs.
        const text = p.dynamic[i] || lang === 'node' && i === 1 && /^(?:run|test|install|x|add|eval)$/.test(a) ? undefined : w.ctx.readFile(a, scope.cwd);
        if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) emitCodeReading(lang, text, p, scope, w, `${argv[0]} ${a}`);
        return undefined;
      }
      break;
    }
  }
  const via = `${argv[0]}${code !== undefined ? ' ' + (flags[0]) : ''}`;
  if (code === undefined) {
    return codeFromStdin(p, argv[0], w, (text) => {
      emitCodeReading(lang, text, p, scope, w, argv[0]);
      return { kind: 'done' };
    });
  }
  if (dynamicCode) reportDynamicCode(p, via, w);
  emitCodeReading(lang, code, p, scope, w, via);
  return undefined;
}

function emitCodeReading(lang: Parameters<typeof readCode>[0], code: string, p: Pending, scope: Scope, w: Walker, via: string): void {
  const home = scope.vars.HOME ?? w.ctx.home;
  const reading = readCode(lang, code, home);
  const inner: Scope = { ...scope, via: [...scope.via, via], depth: scope.depth + 1 };
  for (const text of reading.shell) w.walkText(text, inner, true);
  for (const argv of reading.argvs) {
    w.emit({ argv, dynamic: argv.map((a) => a.includes('$(')), redirects: [], env: p.env, source: argv.join(' ') }, inner);
  }
  for (const d of reading.deletes) {
    const argv = ['rm', d.recursive ? '-rf' : '-f', d.path];
    w.emit({ argv, dynamic: [false, false, d.path.startsWith('$(')], redirects: [], env: p.env, source: `${via}: delete ${d.path}` }, inner);
  }
  for (const f of reading.writes) {
    const argv = f.append ? ['tee', '-a', f.path] : ['tee', f.path];
    w.emit({ argv, dynamic: argv.map((a) => a.startsWith('$(')), redirects: [], env: p.env, source: `${via}: write ${f.path}` }, inner);
  }
  const calls = readCalls(code);
  for (const argv of calls.argvs) {
    w.emit({ argv, dynamic: argv.map((a) => a.startsWith('$')), redirects: [], env: p.env, source: `${via}: ${argv.slice(0, 4).join(' ')}` }, inner);
  }
  for (const f of calls.findings) w.addFinding(f);
  if (reading.obfuscated) {
    w.addFinding({ id: 'exec.obfuscated-code', summary: `${via} decodes code at run time and evaluates it, so nobody can read what it does before it runs`, severity: 60, alternative: 'decode it first, read it, then run the plain code' });
  }
}

function unwrapXargs(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const takesValue = ['-n', '--max-args', '-L', '--max-lines', '-P', '--max-procs', '-s', '--max-chars', '-d', '--delimiter', '-E', '-e', '-a', '--arg-file', '-I'];
  let replace: string | undefined;
  let i = 1;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-')) break;
    if (a === '-I') replace = argv[i + 1];
    else if (a.startsWith('-I') && a.length > 2) replace = a.slice(2);
    else if (a === '-i' || a.startsWith('--replace')) replace = a.includes('=') ? a.slice(a.indexOf('=') + 1) : '{}';
    else if (a.startsWith('-i') && a.length > 2) replace = a.slice(2);
    i += takesValue.includes(a) ? 2 : 1;
  }
  const inner = i < argv.length ? argv.slice(i) : ['echo'];
  const innerDyn = i < argv.length ? p.dynamic.slice(i) : [false];
  // Input words: known when the producer's output is (`echo a b | xargs rm`), else unknown.
  const known = p.stdin?.split(/\s+/).filter(Boolean);
  const input = known && known.length <= 64 ? known : undefined;
  let next: string[];
  let dyn: boolean[];
  if (replace !== undefined) {
    const value = input ? input.join(' ') : '$XARGS_INPUT';
    next = inner.map((a) => a.split(replace!).join(value));
    dyn = inner.map((a, k) => innerDyn[k] || (!input && a.includes(replace!)));
  } else if (input) {
    next = [...inner, ...input];
    dyn = [...innerDyn, ...input.map(() => false)];
  } else {
    next = [...inner, '$XARGS_INPUT'];
    dyn = [...innerDyn, true];
  }
  const rest: Pending = { ...p, argv: next, dynamic: dyn };
  delete rest.stdin;
  return { kind: 'command', next: rest, via: 'xargs' };
}

/** Where `{}` points for find/fd: every match under the roots, narrowed by the name pattern. */
function matchesUnder(root: string, pattern: string | undefined): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return `${base || '/'}/**${pattern ? '/' + pattern : ''}`.replace(/^\/\/+/, '/');
}

function unwrapFind(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  let i = 1;
  while (i < argv.length && /^-[HLP]$|^-O\d$|^-D$/.test(argv[i])) i += argv[i] === '-D' ? 2 : 1;
  const roots: string[] = [];
  while (i < argv.length && !argv[i].startsWith('-') && argv[i] !== '(' && argv[i] !== '!' && argv[i] !== '\\(') roots.push(argv[i++]);
  if (roots.length === 0) roots.push('.');
  let pattern: string | undefined;
  const inner: Scope = { ...scope, depth: scope.depth + 1 };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '-name' || a === '-iname') && pattern === undefined) pattern = argv[i + 1];
    if (a === '-delete') {
      for (const root of roots) {
        const target = matchesUnder(root, pattern);
        w.emit({ argv: ['rm', '-f', target], dynamic: [false, false, false], redirects: [], env: p.env, source: p.source }, { ...inner, via: [...scope.via, 'find -delete'] });
      }
    }
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      let j = i + 1;
      const cmd: string[] = [];
      const dyn: boolean[] = [];
      while (j < argv.length && argv[j] !== ';' && argv[j] !== '+') {
        cmd.push(argv[j]);
        dyn.push(p.dynamic[j]);
        j++;
      }
      for (const root of roots) {
        const target = matchesUnder(root, pattern);
        const replaced = cmd.map((c) => c.split('{}').join(target));
        if (replaced.length) w.emit({ argv: replaced, dynamic: dyn, redirects: [], env: p.env, source: p.source }, { ...inner, via: [...scope.via, `find ${a}`] });
      }
      i = j;
    }
  }
}

function unwrapFd(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const execAt = argv.findIndex((a) => a === '-x' || a === '--exec' || a === '-X' || a === '--exec-batch');
  if (execAt === -1) return;
  const before = argv.slice(1, execAt).filter((a) => !a.startsWith('-'));
  const pattern = before[0];
  const root = before[1] ?? '.';
  const target = matchesUnder(root, pattern ? `*${pattern}*` : undefined);
  const cmd = argv.slice(execAt + 1);
  const args = cmd.some((c) => c.includes('{}')) ? cmd.map((c) => c.split('{}').join(target)) : [...cmd, target];
  w.emit({ argv: args, dynamic: args.map(() => false), redirects: [], env: p.env, source: p.source }, { ...scope, via: [...scope.via, 'fd --exec'], depth: scope.depth + 1 });
}

function unwrapParallel(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const sep = argv.findIndex((a) => a === ':::' || a === '::::' || a === ':::+');
  const cmdEnd = sep === -1 ? argv.length : sep;
  const start = skipOptions(argv, 1, ['-j', '--jobs', '-S', '--sshlogin', '--delay', '--timeout', '-N', '-n', '--max-args', '--joblog', '--results', '-a', '--arg-file']);
  const cmd = argv.slice(start, cmdEnd);
  if (cmd.length === 0) return undefined;
  const inputs = sep === -1 ? ['$PARALLEL_INPUT'] : argv.slice(sep + 1).filter((a) => !a.startsWith(':::')).slice(0, 16);
  const inner: Scope = { ...scope, via: [...scope.via, 'parallel'], depth: scope.depth + 1 };
  for (const input of inputs) {
    const text = cmd.length === 1 ? cmd[0] : cmd.join(' ');
    const withInput = text.includes('{}') ? text.split('{}').join(input) : `${text} ${input}`;
    w.walkText(withInput, inner, true);
  }
  return { kind: 'done' };
}

const SSH_VALUE_OPTS = ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B'];

function unwrapSsh(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const i = skipOptions(argv, 1, SSH_VALUE_OPTS);
  const host = argv[i];
  if (host === undefined) return undefined;
  const target = host.includes('@') ? host.slice(host.indexOf('@') + 1) : host;
  const remote = { kind: 'ssh' as const, target };
  // The wrapper's own words (port, user, options) stay in `via`: they are evidence of where it runs.
  const via = argv.slice(0, i + 1).join(' ');
  let rest = argv.slice(i + 1);
  if (rest[0] === '--') rest = rest.slice(1);
  if (rest.length) return { kind: 'script', text: joinForShell(rest), via, remote };
  if (p.stdin !== undefined) return { kind: 'script', text: p.stdin, via, remote };
  return undefined;
}

const DOCKER_EXEC_VALUE_OPTS = ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys'];
const DOCKER_RUN_VALUE_OPTS = ['-e', '--env', '--env-file', '-v', '--volume', '-p', '--publish', '--name', '--network', '--net', '-w', '--workdir', '-u', '--user', '--entrypoint', '--mount', '-l', '--label', '--platform', '--cpus', '-m', '--memory', '--restart', '--hostname', '-h', '--add-host', '--dns', '--log-driver', '--log-opt', '--device', '--cap-add', '--cap-drop', '--security-opt', '--ulimit', '--tmpfs', '--shm-size', '--pull', '--gpus', '--ipc', '--pid', '--runtime', '--stop-signal', '--health-cmd', '--cidfile', '--label-file', '--volumes-from', '--link', '--expose', '--group-add', '--memory-swap', '--cpu-shares', '-c', '--cpuset-cpus', '--stop-timeout', '--userns', '--uts', '--cgroupns', '--attach', '-a'];

function unwrapDocker(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  // Global options: `docker --context prod exec …`, `-H host`.
  while (i < argv.length && argv[i].startsWith('-')) i += ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level'].includes(argv[i]) ? 2 : 1;
  const sub = argv[i];
  if (sub === 'compose') return unwrapCompose(p, i + 1);
  if (sub === 'container' && (argv[i + 1] === 'exec' || argv[i + 1] === 'run')) i++;
  const verb = argv[i];
  if (verb !== 'exec' && verb !== 'run') return undefined;
  const j = skipOptions(argv, i + 1, verb === 'exec' ? DOCKER_EXEC_VALUE_OPTS : DOCKER_RUN_VALUE_OPTS);
  const container = argv[j];
  if (container === undefined || j + 1 >= argv.length) return undefined;
  return { kind: 'command', next: slice(p, j + 1), via: argv.slice(0, j + 1).join(' '), remote: { kind: 'docker', target: container }, recordOuter: true };
}

function unwrapCompose(p: Pending, from: number): UnwrapStep | undefined {
  const argv = p.argv;
  let i = from;
  while (i < argv.length && argv[i].startsWith('-')) i += ['-f', '--file', '-p', '--project-name', '--env-file', '--profile', '--project-directory'].includes(argv[i]) ? 2 : 1;
  const verb = argv[i];
  if (verb !== 'exec' && verb !== 'run') return undefined;
  const j = skipOptions(argv, i + 1, ['-e', '--env', '-u', '--user', '-w', '--workdir', '--index', '--entrypoint', '-v', '--volume', '-p', '--publish', '--name', '-l', '--label']);
  const service = argv[j];
  if (service === undefined || j + 1 >= argv.length) return undefined;
  return { kind: 'command', next: slice(p, j + 1), via: `docker compose ${verb} ${service}`, remote: { kind: 'docker', target: service }, recordOuter: true };
}

const KUBECTL_VALUE_OPTS = ['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '-f', '--filename', '--pod-running-timeout', '--cluster', '--user', '-s', '--server', '--as', '--token'];

function unwrapKubectlExec(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  // `kubectl run NAME --image=… -- CMD…`: the command runs in a new pod.
  const runAt = argv.indexOf('run');
  if (runAt !== -1 && runAt <= 6 && argv.indexOf('exec') === -1) {
    const dashdash = argv.indexOf('--', runAt);
    if (dashdash === -1 || dashdash + 1 >= argv.length) return undefined;
    return { kind: 'command', next: slice(p, dashdash + 1), via: argv.slice(0, dashdash).join(' '), remote: { kind: 'kubectl', target: argv[runAt + 1] ?? 'pod' }, recordOuter: true };
  }
  const execAt = argv.indexOf('exec');
  if (execAt === -1 || execAt > 6) return undefined;
  const dashdash = argv.indexOf('--', execAt);
  let podAt: number;
  let cmdAt: number;
  if (dashdash !== -1) {
    const operands = [];
    for (let i = execAt + 1; i < dashdash; i++) {
      if (argv[i].startsWith('-')) { if (KUBECTL_VALUE_OPTS.includes(argv[i])) i++; continue; }
      operands.push(i);
    }
    podAt = operands[0] ?? -1;
    cmdAt = dashdash + 1;
  } else {
    podAt = skipOptions(argv, execAt + 1, KUBECTL_VALUE_OPTS);
    cmdAt = podAt + 1;
  }
  if (podAt === -1 || cmdAt >= argv.length) return undefined;
  const target = argv[podAt];
  // Namespace and context stay in `via`, so the inner command is judged against the pod's environment.
  const via = argv.slice(0, cmdAt).filter((a) => a !== '--').join(' ');
  return { kind: 'command', next: slice(p, cmdAt), via, remote: { kind: 'kubectl', target }, recordOuter: true };
}

function unwrapNpx(p: Pending, from: number, via: string): UnwrapStep | undefined {
  const argv = p.argv;
  let i = from;
  let pkg: string | undefined;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    if (a === '-c' || a === '--call') return argv[i + 1] ? { kind: 'script', text: argv[i + 1], via } : undefined;
    if (a === '-p' || a === '--package') { pkg = argv[i + 1]; i += 2; continue; }
    if (a.startsWith('--package=')) { pkg = a.slice(10); i++; continue; }
    if (a === '--') { i++; break; }
    i++;
  }
  if (i >= argv.length) return undefined;
  void pkg;
  const next = slice(p, i);
  next.argv = [packageBin(next.argv[0]), ...next.argv.slice(1)];
  return { kind: 'command', next, via };
}

/** Lifecycle scripts that `npm <name>` runs without `run`. */
const DIRECT_SCRIPTS = new Set(['test', 't', 'start', 'stop', 'restart']);

function unwrapPackageManager(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const pm = argv[0];
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) i += ['--prefix', '-C', '--dir', '--filter', '-F', '--cwd', '-w', '--workspace'].includes(argv[i]) ? 2 : 1;
  const sub = argv[i];
  if (sub === undefined) return undefined;
  // `npm pkg set scripts.x="…"`: a script defined now, which `npm run x` later on the line runs.
  if (pm === 'npm' && sub === 'pkg' && argv[i + 1] === 'set') {
    for (const a of argv.slice(i + 2)) {
      const m = /^scripts\.([^=]+)=(.*)$/s.exec(a);
      if (m) scope.vars = { ...scope.vars, [arrayKey('npm-script.' + m[1])]: m[2] };
    }
    return undefined;
  }
  if ((pm === 'npm' && sub === 'exec') || ((pm === 'pnpm' || pm === 'yarn') && (sub === 'dlx' || sub === 'exec')) || (pm === 'bun' && sub === 'x')) {
    return unwrapNpx(p, i + 1, `${pm} ${sub}`);
  }
  let name: string | undefined;
  let argsFrom = i + 1;
  if (sub === 'run' || sub === 'run-script' || sub === 'run-scripts') {
    let j = i + 1;
    while (j < argv.length && argv[j].startsWith('-')) j++;
    name = argv[j];
    argsFrom = j + 1;
  } else if (pm === 'npm' && DIRECT_SCRIPTS.has(sub)) {
    name = sub === 't' ? 'test' : sub;
  } else if (pm !== 'npm') {
    // yarn/pnpm/bun run a script by its bare name when it is not a built-in command.
    name = sub;
  }
  if (name === undefined) return undefined;
  const scripts = packageScripts(scope, w);
  const body = scope.vars[arrayKey('npm-script.' + name)] ?? scripts?.[name];
  if (body === undefined) return undefined;
  let extra = argv.slice(argsFrom);
  if (extra[0] === '--') extra = extra.slice(1);
  const parts = [scripts?.[`pre${name}`], body + (extra.length ? ' ' + extra.join(' ') : ''), scripts?.[`post${name}`]].filter((x): x is string => typeof x === 'string');
  return { kind: 'script', text: parts.join(' && '), via: `${pm} run ${name}` };
}

function packageScripts(scope: Scope, w: Walker): Record<string, string> | undefined {
  // The nearest package.json from the working directory up to the workspace root.
  let dir = scope.cwd;
  for (let k = 0; k < 16; k++) {
    const text = w.ctx.readFile(path.join(dir, 'package.json'), dir);
    if (text !== undefined) {
      try {
        const pkg = JSON.parse(text) as { scripts?: Record<string, unknown> };
        const out: Record<string, string> = {};
        for (const [k2, v] of Object.entries(pkg.scripts ?? {})) if (typeof v === 'string') out[k2] = v;
        return out;
      } catch {
        return undefined;
      }
    }
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** Git's own commands; anything else may be an alias. */
const GIT_BUILTINS = new Set('add am annotate apply archive bisect blame branch bundle cat-file check-attr check-ignore check-mailmap check-ref-format checkout checkout-index cherry cherry-pick citool clean clone column commit commit-graph commit-tree config count-objects credential daemon describe diff diff-files diff-index diff-tree difftool fast-export fast-import fetch fetch-pack filter-branch filter-repo fmt-merge-msg for-each-ref format-patch fsck gc get-tar-commit-id grep gui hash-object help index-pack init instaweb interpret-trailers log ls-files ls-remote ls-tree mailinfo mailsplit maintenance merge merge-base merge-file merge-index merge-tree mergetool mktag mktree mv name-rev notes pack-objects pack-refs prune prune-packed pull push range-diff read-tree rebase reflog remote repack replace request-pull rerere reset restore rev-list rev-parse revert rm send-email shortlog show show-branch show-ref sparse-checkout stash status submodule switch symbolic-ref tag update-index update-ref verify-commit verify-pack verify-tag version whatchanged worktree write-tree lfs flow'.split(' '));

function unwrapGitAlias(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) i += ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path'].includes(argv[i]) ? 2 : 1;
  const sub = argv[i];
  if (sub === undefined || GIT_BUILTINS.has(sub) || sub.startsWith('-')) return undefined;
  const alias = gitAlias(sub, scope, w);
  if (alias === undefined) return undefined;
  const rest = argv.slice(i + 1);
  if (alias.startsWith('!')) return { kind: 'script', text: alias.slice(1) + (rest.length ? ' ' + rest.join(' ') : ''), via: `git ${sub}` };
  // Inline `-c` options and the alias body become the command.
  return { kind: 'script', text: ['git', ...argv.slice(1, i), alias, ...rest.map((r) => `'${r.replace(/'/g, "'\\''")}'`)].join(' '), via: `git ${sub}` };
}

const ALIAS_LINE = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/;

function gitAlias(name: string, scope: Scope, w: Walker): string | undefined {
  const defined = scope.vars[gitAliasKey(name)];
  if (defined !== undefined) return defined;
  const home = scope.vars.HOME ?? w.ctx.home;
  const files = [path.join(w.ctx.workspace, '.git', 'config'), path.join(home, '.gitconfig'), path.join(home, '.config', 'git', 'config')];
  for (const file of files) {
    const text = w.ctx.readFile(file, scope.cwd);
    if (!text) continue;
    let inAlias = false;
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t.startsWith('[')) { inAlias = /^\[alias\]/i.test(t); continue; }
      if (!inAlias) continue;
      const m = ALIAS_LINE.exec(t);
      if (m && m[1].toLowerCase() === name.toLowerCase()) return m[2].replace(/^"(.*)"$/, '$1');
    }
  }
  return undefined;
}
