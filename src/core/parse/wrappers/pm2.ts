// pm2's `start` (and pm2-runtime's, pm2-dev's): what it starts, read as the
// command that runs. pm2 picks the interpreter of a file by its extension
// (`.sh` bash, `.py` python, `.js` node, …) unless `--interpreter` names one
// (`none`: the file runs by itself); a word that is no file and holds a space
// runs through a shell (`pm2 start "npm run dev"`); a bare name that is no
// file is a program on PATH, given the words after `--` (`pm2 start npm --
// run dev`). An ecosystem file (pm2 knows one by its name, see
// pm2Ecosystem.ts) given to start, restart, reload or startOr… has its apps
// read, each as the program pm2 starts for it; `pm2 start` naming nothing
// starts ./ecosystem.config.js. `pm2 stop|delete FILE…` loads each ecosystem
// file named, which runs a JavaScript one.
import { shellWord } from '../../text/shellWord';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { readPlacedOptions, type GetoptStyle } from '../../command/options';
import { slice } from './common';
import type { UnwrapStep, Wrapper } from './common';
import { ecosystemLoadLine, ecosystemStep, isEcosystem } from './pm2Ecosystem';
import { askRunTimeName } from './runTimeNames';

/** pm2's options as commander reads them (`pm2 start --help`): those that take a value; any other is a flag. */
const PM2_OPTIONS: GetoptStyle = {
  short: 'nioelcpug',
  long: [
    '--name',
    '--instances',
    '--interpreter',
    '--interpreter-args',
    '--node-args',
    '--output',
    '--error',
    '--log',
    '--log-date-format',
    '--log-type',
    '--cwd',
    '--max-memory-restart',
    '--cron',
    '--cron-restart',
    '--namespace',
    '--env',
    '--listen-timeout',
    '--kill-timeout',
    '--restart-delay',
    '--exp-backoff-restart-delay',
    '--max-restarts',
    '--min-uptime',
    '--ignore-watch',
    '--pid',
    '--uid',
    '--gid',
    '--instance-var',
    '--merge-logs-path',
    '--only',
    '--filter-env',
  ],
  permute: true,
};

/** The interpreter pm2 gives a file by its extension (pm2's own table); other files run as node code. */
const BY_EXTENSION: ReadonlyArray<readonly [RegExp, string]> = [
  [/\.(?:sh|bash)$/, 'bash'],
  [/\.py$/, 'python'],
  [/\.rb$/, 'ruby'],
  [/\.php$/, 'php'],
  [/\.pl$/, 'perl'],
  [/\.[cm]?[jt]sx?$/, 'node'],
];

/** pm2's subcommands that start the apps of an ecosystem file (`restart`, `reload`: those not running yet). */
const ECOSYSTEM_STARTS = new Set([
  'start',
  'restart',
  'reload',
  'startOrRestart',
  'startOrReload',
  'startOrGracefulReload',
]);

/** pm2's subcommands that load the ecosystem files they are given to act on the apps named there, starting none. */
const ECOSYSTEM_LOADS = new Set(['stop', 'delete', 'del']);

/** The file `pm2 start` reads when it names none (pm2's APP_CONF_DEFAULT_FILE). */
const DEFAULT_ECOSYSTEM = 'ecosystem.config.js';

/** Words past `--` and options a subcommand names several of (`pm2 stop web api`) that are read. */
const MAX_NAMED = 64;

/** `PROGRAM WORDS…` in place of pm2's words from `from` on (`rest` are the words after `--`). */
function running(p: Pending, program: readonly string[], from: number, rest: number): Pending {
  const dd = rest < p.argv.length ? rest : p.argv.length;
  return slice(p, from, {
    argv: [...program, ...p.argv.slice(dd)],
    dynamic: [...program.map(() => false), ...p.dynamic.slice(dd)],
  });
}

export const pm2: Wrapper = (p, scope, w, prog) => {
  const argv = p.argv;
  // `pm2-runtime app.js` and `pm2-dev app.js` take the file first; `pm2 start` after its subcommand.
  const loads = prog === 'pm2' && ECOSYSTEM_LOADS.has(argv[1]);
  const sub =
    argv[1] === 'start' || (prog === 'pm2' && (ECOSYSTEM_STARTS.has(argv[1]) || loads)) ? 2 : prog === 'pm2' ? -1 : 1;
  if (sub < 0) return undefined;
  const { options } = readPlacedOptions(argv, sub, PM2_OPTIONS);
  // commander keeps an option's last value.
  const valueOf = (name: string) => options.filter((o) => o.name === name).pop()?.value;
  const interpreter = valueOf('--interpreter');
  const choice = { only: valueOf('--only'), envName: valueOf('--env') };
  // Each word that is no option nor an option's value is something that starts; the words after `--` are arguments.
  const taken = new Set(options.flatMap((o) => (o.last > o.word ? [o.word, o.last] : [o.word])));
  const named: number[] = [];
  let i = sub;
  for (; i < argv.length && (argv[i] !== '--' || taken.has(i)); i++) if (!taken.has(i)) named.push(i);
  const verb = sub === 2 ? argv[1] : 'start';
  const via = `${prog} ${verb}`;
  if (loads) return loadedCode(p, named, scope, w, via);
  // `pm2 start "$F"`: a word known only when the line runs may be a script or an ecosystem file nobody read (a name
  // or id only restarts what runs already, which `restart` and `reload` are for).
  const runTime = verb === 'start' ? named.find((k) => p.dynamic[k]) : undefined;
  if (runTime !== undefined) askRunTimeName(w, via, argv[runTime], 'starts');
  // `pm2 start a.json b.js`: pm2 starts each in turn, each read as the same call naming it alone.
  if (named.length > 1) return eachNamed(p, named, w, via);
  // `pm2 start` naming nothing starts the ecosystem file of the folder it runs in.
  const target = named[0];
  if (target === undefined && prog === 'pm2' && verb === 'start') return ecosystemApps(DEFAULT_ECOSYSTEM);
  if (target === undefined) return undefined;
  const file = argv[target];
  const rest = i + 1;
  if (p.dynamic[target]) return undefined;
  // pm2 asks whether a file is an ecosystem before anything else, `--interpreter` or not.
  if (isEcosystem(file)) return ecosystemApps(file);
  // Restarting or reloading by name, id or `all` starts nothing new.
  if (verb !== 'start') return undefined;
  const program = startedProgram(file, interpreter, [], scope.cwd, w);
  if (typeof program === 'string') return { kind: 'script', text: program, via };
  return { kind: 'command', next: running(p, program, target, rest), via };

  function ecosystemApps(file: string) {
    return ecosystemStep(file, choice, scope, w, `${via} ${file}`, (f, i, a, cwd) => startedProgram(f, i, a, cwd, w));
  }
};

/**
 * A call naming several things to start, as one call per thing, each with the call's options. A word known only at
 * run time is a name or id as likely as a file, as when named alone; past MAX_NAMED words the call asks.
 */
function eachNamed(p: Pending, named: readonly number[], w: Walker, via: string): UnwrapStep {
  if (named.length > MAX_NAMED)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `\`${via}\` names more than ${MAX_NAMED} things to start: those past them were not judged, so a human must look at it`,
      ),
    );
  const lines = named
    .slice(0, MAX_NAMED)
    .filter((k) => !p.dynamic[k])
    .map((k) =>
      p.argv
        .filter((_, j) => j === k || !named.includes(j))
        .map(shellWord)
        .join(' '),
    );
  return { kind: 'script', text: lines.join('\n'), via, lenient: true };
}

/** What `pm2 stop|delete WORDS…` runs by loading the ecosystem files among the words at `named`: their code. */
function loadedCode(
  p: Pending,
  named: readonly number[],
  scope: Scope,
  w: Walker,
  via: string,
): UnwrapStep | undefined {
  const lines: string[] = [];
  for (const k of named.slice(0, MAX_NAMED)) {
    // A word only known when the line runs is a name or id as likely as a file: as pm2 alone.
    if (p.dynamic[k] || !isEcosystem(p.argv[k])) continue;
    const line = ecosystemLoadLine(p.argv[k], scope, w, `${via} ${p.argv[k]}`);
    if (line) lines.push(line);
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via, lenient: true } : undefined;
}

/**
 * The words pm2 runs to start FILE under `interpreter` (none named: by its extension) with `interpreterArgs` before
 * the file; a string is a line pm2 hands a shell. `cwd` is where FILE is looked for.
 */
export function startedProgram(
  file: string,
  interpreter: string | undefined,
  interpreterArgs: readonly string[],
  cwd: string,
  w: Walker,
): string[] | string {
  if (interpreter === 'none') return [asPath(file)];
  if (interpreter) return [...interpreter.split(/\s+/), ...interpreterArgs, file];
  const byExtension = BY_EXTENSION.find(([re]) => re.test(file))?.[1];
  if (byExtension) return [byExtension, ...interpreterArgs, file];
  const onDisk = w.ctx.readFile(file, cwd) !== undefined;
  if (!onDisk && /\s/.test(file)) return file;
  // A file with no extension runs as its first line says (read as a script run by path); a name that is no file
  // is a program found on PATH.
  return [onDisk ? asPath(file) : file];
}

/** A file named as a program run by its path (`app` → `./app`), as the kernel is handed it. */
function asPath(file: string): string {
  return file.includes('/') ? file : `./${file}`;
}

export const PM2_RUNNERS: Readonly<Record<string, Wrapper>> = { pm2, 'pm2-runtime': pm2, 'pm2-dev': pm2 };
