// Watchers, retriers and process managers that run a command handed to them
// in their arguments: `cargo watch -s LINE` / `-x SUBCMD` / `-- CMD`, `reflex
// [-r RE] -- CMD`, chokidar-cli's `-c LINE`, `onchange GLOB -- CMD`, the
// `retry` tools (`retry [OPTS] -- CMD`), `firebase emulators:exec LINE`,
// start-server-and-test's start and test commands, `forever start [-c CMD]
// SCRIPT`, pm2's `start` (a file, a program, or a line for a shell) and
// husky's `add` / `set`, which write a line into a git hook file. Before, each
// was judged as the program alone and what it runs went unread; now each is
// read as the command it runs (husky's as the write of its hook file).
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { arrayKey } from '../dynamic';
import { readOptions, type GetoptStyle } from '../../command/options';
import { shellWord } from '../../text/shellWord';
import { own } from '../../text/own';
import { noteUnreadScript, slice, type UnwrapStep } from './common';
import { scriptsOf } from './scripts';
import type { Wrapper } from './common';
import { PM2_RUNNERS } from './pm2';

/** The words from `from` on as what runs: one word holding a space (`retry 'make test'`) is a line for a shell. */
function commandFrom(p: Pending, from: number, via: string): UnwrapStep | undefined {
  const first = p.argv[from];
  if (first === undefined) return undefined;
  if (/\s/.test(first) && !p.dynamic[from]) return { kind: 'script', text: first, via };
  return { kind: 'command', next: slice(p, from), via };
}

/** Lines as one script, one per line; undefined when there are none. */
function lines(texts: readonly string[], via: string): UnwrapStep | undefined {
  const kept = texts.filter((t) => t.trim());
  return kept.length ? { kind: 'script', text: kept.join('\n'), via } : undefined;
}

/** `--name=value` → [name, value]; `--name` → [name, undefined]. */
function splitOption(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return word.startsWith('--') && eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
}

const CARGO_WATCH_VALUES = new Set([
  '-w',
  '--watch',
  '-i',
  '--ignore',
  '-d',
  '--delay',
  '-C',
  '--workdir',
  '--use-shell',
  '--features',
  '-E',
  '--env-var',
  '--env-file',
  '-B',
  '-L',
]);

/**
 * `cargo watch -x SUBCMD` runs `cargo SUBCMD`, `-s LINE` a shell line, `-- CMD…` a program, each on every change
 * (repeatable, in order). Undefined for any other cargo call.
 */
export function cargoWatch(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  // `cargo +nightly watch`, `cargo --locked watch`: the subcommand is the first operand.
  let at = 1;
  while (at < argv.length && /^[-+]/.test(argv[at])) at++;
  if (argv[at] !== 'watch') return undefined;
  const out: string[] = [];
  for (let i = at + 1; i < argv.length; i++) {
    const [name, inline] = splitOption(argv[i]);
    if (name === '--') {
      out.push(
        argv
          .slice(i + 1)
          .map(shellWord)
          .join(' '),
      );
      break;
    }
    const value = inline ?? argv[i + 1];
    if (name === '-x' || name === '--exec' || name === '-s' || name === '--shell') {
      if (value !== undefined) out.push(name === '-x' || name === '--exec' ? `cargo ${value}` : value);
      if (inline === undefined) i++;
    } else if (CARGO_WATCH_VALUES.has(name) && inline === undefined) i++;
  }
  return lines(out, 'cargo watch');
}

const REFLEX_VALUES = new Set([
  '-r',
  '--regex',
  '-R',
  '--inverse-regex',
  '-g',
  '--glob',
  '-G',
  '--inverse-glob',
  '-c',
  '--config',
  '-d',
  '--decoration',
  '-t',
  '--shutdown-timeout',
]);

/** `reflex [OPTS] [--] CMD…` runs CMD on every change; `-c FILE` runs the reflex calls its lines hold. */
const reflex: Wrapper = (p, scope, w) => {
  const argv = p.argv;
  let i = 1;
  const configs: string[] = [];
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const [name, inline] = splitOption(argv[i]);
    if (name === '--') {
      i++;
      break;
    }
    if (!REFLEX_VALUES.has(name) || inline !== undefined) {
      if (name === '--config' && inline !== undefined) configs.push(inline);
      continue;
    }
    if ((name === '-c' || name === '--config') && argv[i + 1] !== undefined) configs.push(argv[i + 1]);
    i++;
  }
  // Each line of a config is a reflex call of its own; one too large to read is asked about.
  const calls = configs.flatMap((file) => {
    const text = w.ctx.readFile(file, scope.cwd);
    if (text === undefined) noteUnreadScript(file, text, scope, w, `reflex -c ${file}`);
    return (text ?? '')
      .split('\n')
      .filter((line) => line.trim() && !line.trim().startsWith('#'))
      .map((line) => `reflex ${line}`);
  });
  if (!calls.length) return commandFrom(p, i, 'reflex');
  return lines([...calls, argv.slice(i).map(shellWord).join(' ')], 'reflex');
};

/** chokidar-cli: `chokidar GLOB… -c LINE` runs LINE through a shell on every change. */
const chokidar: Wrapper = (p) => {
  const out: string[] = [];
  const argv = p.argv;
  for (let i = 1; i < argv.length; i++) {
    const [name, inline] = splitOption(argv[i]);
    if (name !== '-c' && name !== '--command') continue;
    const value = inline ?? argv[++i];
    if (value !== undefined) out.push(value);
  }
  return lines(out, 'chokidar -c');
};

/** `onchange GLOB… -- CMD…` runs CMD on every change. */
const onchange: Wrapper = (p) => {
  const dd = p.argv.indexOf('--');
  return dd > 0 ? commandFrom(p, dd + 1, 'onchange') : undefined;
};

/** Options of the `retry` tools that take a value (the union of the common ones; `-x` is a flag in some, not here). */
const RETRY_OPTIONS: GetoptStyle = {
  short: 'tnadsmuic',
  long: [
    '--times',
    '--tries',
    '--retries',
    '--max-tries',
    '--attempts',
    '--delay',
    '--sleep',
    '--message',
    '--max-sleep',
    '--until',
    '--interval',
    '--count',
    '--limit',
    '--max-delay',
    '--delay-type',
  ],
};

/** `retry [OPTS] -- CMD…`, `retry [OPTS] CMD…`, `retry 'LINE' [OPTS]`: the command runs until it succeeds. */
const retry: Wrapper = (p) => {
  const argv = p.argv;
  const dd = argv.indexOf('--');
  if (dd > 0) return commandFrom(p, dd + 1, 'retry');
  // No `--` is left: the command is the first operand on.
  return commandFrom(p, argv.length - readOptions(argv, 1, RETRY_OPTIONS).operands.length, 'retry');
};

const FIREBASE_VALUES = new Set(['--only', '--import', '--project', '-P', '--config', '--log-verbosity']);

/** `firebase emulators:exec [OPTS] LINE` runs LINE through a shell with the emulators up; every operand is read so. */
const firebase: Wrapper = (p) => {
  const argv = p.argv;
  const at = argv.indexOf('emulators:exec');
  if (at < 1) return undefined;
  const out: string[] = [];
  for (let i = at + 1; i < argv.length; i++) {
    const [name, inline] = splitOption(argv[i]);
    if (FIREBASE_VALUES.has(name) && inline === undefined) i++;
    else if (!argv[i].startsWith('-')) out.push(argv[i]);
  }
  return lines(out, 'firebase emulators:exec');
};

/** A word naming where start-server-and-test waits: a port, a URL (`http-get://…`, `tcp:3000`), `host:port`, or `a|b`. */
const SERVER_URL = /^(?:\d+|[a-z-]+:\/\/\S*|tcp:\S+|socket:\S+|[\w.-]+:\d+)(?:\|\S+)*$/;

/** A package.json script of that name, defined on the line (`npm pkg set`) or in the nearest package.json. */
function isPackageScript(name: string, scope: Scope, w: Walker): boolean {
  if (scope.vars[arrayKey('npm-script.' + name)] !== undefined) return true;
  let dir = scope.cwd;
  for (let k = 0; k < 16; k++) {
    const text = w.ctx.readFile(path.join(dir, 'package.json'), dir);
    if (text !== undefined) return own(scriptsOf(text), name) !== undefined;
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return false;
}

/**
 * `start-server-and-test START URL [START2 URL2…] TEST`: each START runs, its URL is waited for, then TEST. A
 * command of one word naming a package.json script is `npm run WORD`; any other runs through a shell. Left out,
 * START is the `start` script and TEST the `test` one.
 */
const startServerAndTest: Wrapper = (p, scope, w, prog) => {
  const argv = p.argv;
  const words: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--expect') i++;
    else if (!argv[i].startsWith('--')) words.push(argv[i]);
  }
  if (!words.length) return undefined;
  const commands = words.filter((x) => !SERVER_URL.test(x));
  if (SERVER_URL.test(words[0])) commands.unshift('start');
  if (SERVER_URL.test(words[words.length - 1])) commands.push('test');
  const script = (x: string) => (!/\s/.test(x) && isPackageScript(x, scope, w) ? `npm run ${shellWord(x)}` : x);
  return lines(commands.map(script), prog);
};

const FOREVER_ACTIONS = new Set([
  'stop',
  'stopall',
  'restart',
  'restartall',
  'list',
  'config',
  'set',
  'clear',
  'logs',
  'columns',
  'cleanlogs',
]);
/** forever's options that take a value. */
const FOREVER_OPTIONS: GetoptStyle = {
  short: 'mloepc',
  long: [
    '--uid',
    '--sourceDir',
    '--workingDir',
    '--minUptime',
    '--spinSleepTime',
    '--killSignal',
    '--watchDirectory',
    '--watchIgnore',
    '--pidFile',
    '--id',
  ],
};

/** `forever [start] [OPTS] SCRIPT [ARGS]`: SCRIPT runs under `-c COMMAND` (node when none is given). */
const forever: Wrapper = (p) => {
  const argv = p.argv;
  if (FOREVER_ACTIONS.has(argv[1] ?? '')) return undefined;
  const read = readOptions(argv, argv[1] === 'start' ? 2 : 1, FOREVER_OPTIONS);
  const i = argv.length - read.operands.length;
  // The last `-c` given names the program.
  const command = read.options.filter((o) => o.name === '-c' && o.value).pop()?.value ?? 'node';
  if (argv[i] === undefined) return undefined;
  const program = command.trim().split(/\s+/);
  const next = slice(p, i, {
    argv: [...program, ...argv.slice(i)],
    dynamic: [...program.map(() => false), ...p.dynamic.slice(i)],
  });
  return { kind: 'command', next, via: 'forever' };
};

/**
 * `husky add FILE LINE` appends LINE to the hook file FILE, `husky set FILE LINE` writes it: read as the write it is
 * (`printf '%s\n' LINE >> FILE`), so the hook file is judged as any other write of it.
 */
const husky: Wrapper = (p) => {
  const argv = p.argv;
  if ((argv[1] !== 'add' && argv[1] !== 'set') || argv[2] === undefined || argv[3] === undefined) return undefined;
  const next = slice(p, 2, {
    argv: ['printf', '%s\n', argv[3]],
    dynamic: [false, false, p.dynamic[3]],
    redirects: [...p.redirects, { op: argv[1] === 'add' ? '>>' : '>', fd: 1, target: argv[2] }],
  });
  return { kind: 'command', next, via: `husky ${argv[1]}` };
};

export const COMMAND_RUNNERS: Readonly<Record<string, Wrapper>> = {
  reflex,
  chokidar,
  onchange,
  retry,
  firebase,
  'start-server-and-test': startServerAndTest,
  'server-test': startServerAndTest,
  'start-test': startServerAndTest,
  forever,
  husky,
  ...PM2_RUNNERS,
};
