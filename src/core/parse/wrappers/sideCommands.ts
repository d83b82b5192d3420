// Options whose value is a command line the program runs by itself, beside
// its own work: ssh's ProxyCommand runs on this machine before any host is
// reached, tar's --to-command gets every member, zip -TT tests the archive
// with it, man -P pages through it, an editor's `-c '!…'` or an Emacs
// `--eval '(shell-command …)'` runs it (and Emacs's `delete-directory`
// deletes), a debugger's `-ex 'shell …'` runs it, git's difftool -x,
// `submodule foreach` and `bisect run` start it; split's --filter, sort's
// --compress-program, strace's `-o '|CMD'`, tcpdump's -z, m4's syscmd, go's
// -toolexec and -exec, cargo's runner and wrapper settings, the package
// managers' --script-shell, helm's --post-renderer, bash's --rcfile and the
// shell aliases `gh alias set` makes, and node's `--import data:…` modules too. The program itself is still
// judged as what it is; each such command line is read as if typed beside it.
import { optionValues as everyValue, singleDashValues } from '../../command/args';
import { readGlobalOptions } from '../../command/globalOptions';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { shellWord } from '../../text/shellWord';
import { ansibleTarget } from '../ansible';
import { exEffectLines, exSourcedFiles, exWrittenFiles } from './exEditor';
import { emacsCommands, emacsLoadedLines } from './emacsLisp';
import { gitTransportCommands, rshCommands, sftpPrograms, socatCommands } from './transportCommands';
import { gitToolCommands, TOOL_READERS, transferShellEscapes } from './toolCommands';
import {
  debuggerScriptLines,
  desktopEntryLines,
  keystrokeScriptFindings,
  runPartsLines,
  unitExecLines,
} from './scriptFiles';
import { sshConfigFileLines } from './sshConfigFile';
import { lynxConfigFindings, muttConfigLines, opensslModuleFindings, vimKeystrokeCommands } from './programConfigs';

/** Programs that start a desktop entry's Exec line (scriptFiles.ts reads it). */
const DESKTOP_LAUNCHERS = new Set(['gio', 'dex', 'kioclient', 'kioclient5', 'kioclient6', 'gtk-launch']);

/** Most command lines read out of one call's options (each is walked like a typed line). */
const MAX_SIDE_COMMANDS = 16;

/** Every value of the named options, `--name=value`, `--name value`, `-xvalue` or `-x value` (sideCommands bounds the lines). */
function optionValues(argv: readonly string[], long: readonly string[], short: readonly string[] = []): string[] {
  return everyValue(argv, [...long, ...short]);
}

/** ssh options that name a command run locally (ssh_config(5)): `-o ProxyCommand=CMD`, `-oProxyCommand CMD`. */
const SSH_LOCAL_COMMANDS = /^(?:proxycommand|localcommand|knownhostscommand)(?:\s*=\s*|\s+)([\s\S]+)$/i;

function sshCommands(argv: readonly string[]): string[] {
  return optionValues(argv, [], ['-o'])
    .map((o) => SSH_LOCAL_COMMANDS.exec(o.trim())?.[1])
    .filter((c): c is string => !!c && c.trim().toLowerCase() !== 'none');
}

function tarCommands(argv: readonly string[]): string[] {
  const out = optionValues(
    argv,
    ['--to-command', '--use-compress-program', '--info-script', '--new-volume-script'],
    ['-I', '-F'],
  );
  for (const a of optionValues(argv, ['--checkpoint-action'])) {
    const m = /^exec=([\s\S]+)$/.exec(a);
    if (m) out.push(m[1]);
  }
  return out;
}

/** `system('…')`-style calls in an editor command: the string is a shell line. */
const CALLED_STRING = /\b(?:system|systemlist|jobstart|termopen)\s*\(\s*(?:'([^']*)'|"((?:[^"\\]|\\.)*)")/g;

/**
 * The shell line of an Ex command that runs one (`!cmd`, `:r !cmd`,
 * `:w !cmd`, `silent !cmd`, with a range before it), or undefined. Read step
 * by step, each step one character class, so a long value costs linear time.
 */
function exBang(part: string): string | undefined {
  let s = part.replace(/^[\s:]+/, '');
  const silent = /^sil(?:ent)?!?\s+/.exec(s);
  if (silent) s = s.slice(silent[0].length);
  s = s.slice(/^[%.$\d,\s]*/.exec(s)![0].length);
  const readWrite = /^(?:r(?:ead)?|w(?:rite)?)\s*/.exec(s);
  // `:w!` right after the name forces a write of a file (`:w! FILE`); `:w !cmd` pipes into a command.
  if (readWrite && readWrite[0][0] === 'w' && !/\s$/.test(readWrite[0]) && s[readWrite[0].length] === '!')
    return undefined;
  if (readWrite) s = s.slice(readWrite[0].length);
  if (s[0] !== '!') return undefined;
  const line = s.slice(1);
  return line.trim() ? line : undefined;
}

function exCommands(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    for (const part of v.split('|')) {
      const line = exBang(part);
      if (line !== undefined) out.push(line);
      else out.push(...exEffectLines(part));
    }
    for (const m of v.matchAll(CALLED_STRING)) out.push(m[1] ?? m[2]);
    out.push(...exWrittenFiles(v));
  }
  return out;
}

/** Vim's flags that take no value: `ex -sc CMD` is `-s -c CMD`. */
const VIM_BARE_FLAGS = /^-[AbCdeEhlLmMnNRsVxyZ]+c$/;

function editorValues(argv: readonly string[]): string[] {
  const values = optionValues(argv, ['--cmd'], ['-c']);
  for (let i = 1; i + 1 < argv.length; i++) if (VIM_BARE_FLAGS.test(argv[i])) values.push(argv[i + 1]);
  for (const a of argv.slice(1)) if (a.startsWith('+') && a.length > 1) values.push(a.slice(1));
  return values;
}

function editorCommands(argv: readonly string[]): string[] {
  return exCommands(editorValues(argv));
}

/** `vim -S FILE`, `:source FILE`: the file's lines are ex commands too; one that cannot be read is asked about. */
function sourcedEditorScripts(p: Pending, scope: Scope, w: Walker): string[] {
  const out: string[] = [];
  for (const f of exSourcedFiles(p.argv, editorValues(p.argv)).slice(0, MAX_SIDE_COMMANDS)) {
    const text = w.ctx.readFile(f.replace(/^~(?=\/)/, scope.vars.HOME ?? w.ctx.home), scope.cwd);
    if (text === undefined)
      w.addFinding(
        parseFinding(
          'system.unread-script',
          45,
          `${p.argv[0]} runs ${f} as editor commands, and it cannot be read first`,
          f,
        ),
      );
    else out.push(...exCommands(text.split('\n').slice(0, 1024)));
  }
  return out;
}

/** `less '+!cmd'`: less's own `!` command runs a shell line as the pager starts. */
function lessCommands(argv: readonly string[]): string[] {
  return argv
    .slice(1)
    .filter((a) => /^\+\+?!/.test(a))
    .map((a) => a.replace(/^\+\+?!/, ''));
}

/** gdb's `shell CMD`, `!CMD` and `pipe … | CMD` run a shell line; lldb's `platform shell CMD` too. */
const DEBUGGER_SHELL = /^\s*(?:shell\s+|!|platform\s+shell\s+(?:--?\S+\s+)*|pipe\s+[^|]*\|)([\s\S]+)$/;
/** gdb's `python CODE` (`py`, `pi`) and lldb's `script CODE`: the debugger's embedded Python runs CODE. */
const DEBUGGER_PYTHON =
  /^\s*(?:python3?|py|python-interactive|pi|script(?:\s+(?:-l\s*|--language[= ])python)?)\s+([\s\S]+)$/;

function debuggerCommands(argv: readonly string[]): string[] {
  const values = optionValues(
    argv,
    [
      '-ex',
      '--ex',
      '-iex',
      '--iex',
      '-eval-command',
      '--eval-command',
      '-init-eval-command',
      '--init-eval-command',
      '--one-line',
      '--one-line-before-file',
      '--one-line-on-crash',
    ],
    ['-o', '-O', '-k'],
  );
  const out: string[] = [];
  for (const v of values) {
    const line = DEBUGGER_SHELL.exec(v)?.[1];
    if (line?.trim()) out.push(line);
    const code = DEBUGGER_PYTHON.exec(v)?.[1];
    if (code?.trim()) out.push(`python3 -c ${shellWord(code)}`);
    // `call system("…")`, `print (int)system("…")`: the debugged process runs the line.
    for (const m of v.matchAll(CALLED_STRING)) out.push(m[1] ?? m[2]);
  }
  return out;
}

/**
 * The line git runs for these words: one word is a shell line as it stands; several are a program and its
 * arguments (git quotes each for `bisect run`, and runs them without a shell for `submodule foreach`).
 */
function asLine(words: readonly string[]): string {
  return words.length === 1 ? words[0] : words.map(shellWord).join(' ');
}

/** git subcommands that run a command line of the caller's: difftool -x, submodule foreach, bisect run. */
function gitCommands(full: readonly string[]): string[] {
  const argv = readGlobalOptions(full, '/').bare ?? full;
  const name = argv[1];
  if (name === 'difftool' || name === 'mergetool') return optionValues(argv.slice(1), ['--extcmd'], ['-x']);
  const rest = argv.slice(2);
  if (name === 'submodule' && rest.includes('foreach')) {
    const words = rest
      .slice(rest.indexOf('foreach') + 1)
      .filter((a) => a !== '--recursive' && a !== '-q' && a !== '--quiet');
    return words.length ? [asLine(words)] : [];
  }
  if (name === 'bisect' && rest[0] === 'run' && rest.length > 1) return [asLine(rest.slice(1))];
  return [];
}

/** Ansible's ad-hoc modules that run a shell line: `ansible HOSTS -m shell -a 'CMD'`. */
function ansibleCommands(argv: readonly string[]): string[] {
  const module = optionValues(argv, ['--module-name'], ['-m'])[0] ?? 'command';
  if (
    !['shell', 'command', 'raw', 'ansible.builtin.shell', 'ansible.builtin.command', 'ansible.builtin.raw'].includes(
      module,
    )
  )
    return [];
  return optionValues(argv, ['--args'], ['-a']);
}

/** ed(1) reads its commands on stdin: `!cmd`, `r !cmd`, `w !cmd` lines run a shell line, as in Ex. */
function edCommands(_argv: readonly string[], p: Pending): string[] {
  // Every line is read (the input is already bounded); one past the bound is kept so that sideCommands asks.
  // ed has no `|` between commands: a `!` line runs whole, pipes and all.
  if (p.stdin === undefined) return [];
  const out: string[] = [];
  for (const line of p.stdin.split('\n')) {
    const shell = exBang(line);
    if ((shell !== undefined ? out.push(shell) : out.push(...exEffectLines(line))) > MAX_SIDE_COMMANDS) break;
  }
  return out;
}

/** `strace -o '|CMD'` / `-o '!CMD'`: the trace is piped into CMD, run by a shell. */
function straceCommands(argv: readonly string[]): string[] {
  return optionValues(argv, ['--output'], ['-o'])
    .filter((v) => v.startsWith('|') || v.startsWith('!'))
    .map((v) => v.slice(1));
}

/** `tcpdump -z PROG`: PROG is run on each capture file as it is closed (`PROG FILE`). */
function tcpdumpCommands(argv: readonly string[]): string[] {
  const files = optionValues(argv, [], ['-w']);
  return optionValues(argv, [], ['-z']).map((prog) => `${prog} ${files[0] ?? 'capture'}`);
}

/** m4's `syscmd(CMD)` and `esyscmd(CMD)` in the macros it reads on stdin run CMD. */
function m4Commands(_argv: readonly string[], p: Pending): string[] {
  if (p.stdin === undefined) return [];
  return [...p.stdin.matchAll(/\be?syscmd\(([^)]*)\)/g)].map((m) => m[1]);
}

/** `go build -toolexec CMD`, `go test -exec CMD`: CMD runs each tool or test binary (with it as its arguments). */
function goCommands(argv: readonly string[]): string[] {
  return singleDashValues(argv, ['-toolexec', '-exec']).map((c) => `${c} ./program`);
}

/** cargo's `--config KEY=VALUE` settings that name a program: a target's runner or linker, a rustc wrapper. */
const CARGO_PROGRAM_KEY =
  /(?:^|\.)(?:runner|linker|rustc-wrapper|rustc-workspace-wrapper|rustc|rustdoc)\s*=\s*(?:"([^"]*)"|'([^']*)'|\[([^\]]*)\])/;

function cargoCommands(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of optionValues(argv, ['--config'])) {
    const m = CARGO_PROGRAM_KEY.exec(v);
    if (!m) continue;
    // A TOML list (`runner = ["sh", "-c", "…"]`) is the program and its words.
    const words = m[3] !== undefined ? [...m[3].matchAll(/"([^"]*)"|'([^']*)'/g)].map((x) => x[1] ?? x[2]) : undefined;
    out.push(words ? words.map((x) => `'${x.replace(/'/g, `'\\''`)}'`).join(' ') : (m[1] ?? m[2]));
  }
  return out;
}

/** npm's, pnpm's and yarn's `--script-shell X`: every script runs as `X -c SCRIPT`. */
function scriptShellCommands(argv: readonly string[]): string[] {
  return optionValues(argv, ['--script-shell']).map((x) => `${x} -c :`);
}

/** bash's `--rcfile F` / `--init-file F`: an interactive shell sources F first. */
function bashCommands(argv: readonly string[]): string[] {
  return optionValues(argv, ['--rcfile', '--init-file']).map((f) => `. '${f.replace(/'/g, `'\\''`)}'`);
}

/** `gh alias set NAME '!CMD'` (or with --shell): a shell alias every later `gh NAME` runs, judged where it is made. */
function ghCommands(argv: readonly string[]): string[] {
  if (argv[1] !== 'alias' || argv[2] !== 'set') return [];
  const shell = argv.includes('--shell') || argv.includes('-s');
  const words = argv.slice(3).filter((a) => !a.startsWith('-') || a === '-');
  const expansion = words[1];
  if (expansion === undefined || expansion === '-') return [];
  return shell || expansion.startsWith('!') ? [expansion.replace(/^!/, '')] : [];
}

/** Node's `--import data:text/javascript,CODE` (and --require, --loader): a module written into the option, run first. */
function nodeCommands(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of optionValues(argv, ['--import', '--require', '--loader', '--experimental-loader'], ['-r'])) {
    const m = /^data:[^,;]*(;base64)?,([\s\S]*)$/.exec(v);
    if (!m) continue;
    let code: string;
    try {
      code = m[1] ? Buffer.from(m[2], 'base64').toString('utf8') : decodeURIComponent(m[2]);
    } catch {
      code = m[2];
    }
    out.push(`node -e '${code.replace(/'/g, `'\\''`)}'`);
  }
  return out;
}

const READERS: Record<string, (argv: readonly string[], p: Pending) => string[]> = {
  node: nodeCommands,
  gh: ghCommands,
  go: goCommands,
  cargo: cargoCommands,
  npm: scriptShellCommands,
  pnpm: scriptShellCommands,
  yarn: scriptShellCommands,
  bash: bashCommands,
  helm: (argv) => optionValues(argv, ['--post-renderer']),
  split: (argv) => optionValues(argv, ['--filter']),
  sort: (argv) => optionValues(argv, ['--compress-program']),
  strace: straceCommands,
  tcpdump: tcpdumpCommands,
  m4: m4Commands,
  ssh: sshCommands,
  scp: sshCommands,
  sftp: (argv, p) => [...sshCommands(argv), ...sftpPrograms(argv), ...transferShellEscapes(argv, p)],
  socat: socatCommands,
  cpio: rshCommands,
  rsync: (argv) => optionValues(argv, ['--rsh'], ['-e']),
  tar: (argv) => [...tarCommands(argv), ...rshCommands(argv)],
  gtar: (argv) => [...tarCommands(argv), ...rshCommands(argv)],
  zip: (argv) => optionValues(argv, ['--unzip-command'], ['-TT']),
  man: (argv) => optionValues(argv, ['--pager', '--html'], ['-P', '-H']),
  less: lessCommands,
  vim: editorCommands,
  vi: editorCommands,
  nvim: editorCommands,
  view: editorCommands,
  ex: editorCommands,
  gvim: editorCommands,
  vimdiff: editorCommands,
  gvimdiff: editorCommands,
  emacs: emacsCommands,
  emacsclient: emacsCommands,
  git: (argv) => [...gitCommands(argv), ...gitTransportCommands(argv), ...gitToolCommands(argv)],
  ...TOOL_READERS,
  gdb: debuggerCommands,
  lldb: debuggerCommands,
  ansible: ansibleCommands,
  ed: edCommands,
  'run-parts': () => [],
  lynx: () => [],
  systemctl: () => [],
  ...Object.fromEntries([...DESKTOP_LAUNCHERS].map((name) => [name, () => []])),
};

/** The readers by program in a Map, asked for every command a line runs: a lookup in a table this large costs more. */
const READER_OF: ReadonlyMap<string, (argv: readonly string[], p: Pending) => string[]> = new Map(
  Object.entries(READERS),
);

/** Whether the program's options are read for the command lines they carry. */
export const readsSideCommands = (prog: string): boolean => READER_OF.has(prog);

/** Walks every command line the call's options carry; the call itself goes on to be judged as itself. */
export function sideCommands(prog: string, p: Pending, scope: Scope, w: Walker): void {
  if (prog === 'openssl') opensslModuleFindings(p, w);
  const reader = READER_OF.get(prog);
  if (!reader) return;
  const all = reader(p.argv, p).filter((text) => text.trim());
  if (reader === editorCommands)
    all.push(...sourcedEditorScripts(p, scope, w), ...exCommands(vimKeystrokeCommands(p, scope, w)));
  if (prog === 'mutt' || prog === 'neomutt') all.push(...muttConfigLines(p, scope, w));
  if (reader === emacsCommands) all.push(...emacsLoadedLines(p, scope, w));
  if (prog === 'run-parts') all.push(...runPartsLines(p, scope, w));
  if (prog === 'lynx') {
    keystrokeScriptFindings(p, w);
    lynxConfigFindings(p, scope, w);
  }
  if (prog === 'systemctl') all.push(...unitExecLines(p, scope, w));
  if (prog === 'ssh' || prog === 'scp' || prog === 'sftp') all.push(...sshConfigFileLines(p, scope, w));
  if (DESKTOP_LAUNCHERS.has(prog)) all.push(...desktopEntryLines(p, scope, w));
  if (reader === debuggerCommands)
    all.push(...debuggerScriptLines(p, scope, w, (v) => debuggerCommands(['gdb', ...v.flatMap((x) => ['-ex', x])])));
  // Lines past the bound would run unread: the call is asked about.
  if (all.length > MAX_SIDE_COMMANDS)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `${prog} is given ${all.length} command lines in its options, more than AgentGuard reads (${MAX_SIDE_COMMANDS}); those past the bound were not judged, so a human must look at it`,
      ),
    );
  // Ansible's lines run on the hosts it is pointed at, not here.
  const remote =
    prog === 'ansible' && !scope.remote ? { kind: 'ssh' as const, target: ansibleTarget(p.argv) } : undefined;
  for (const text of all.slice(0, MAX_SIDE_COMMANDS))
    w.walkText(
      text,
      { ...scope, via: [...scope.via, `${prog} option`], depth: scope.depth + 1, ...(remote ? { remote } : {}) },
      true,
    );
}
