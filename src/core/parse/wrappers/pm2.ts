// pm2's `start` (and pm2-runtime's, pm2-dev's): what it starts, read as the
// command that runs. pm2 picks the interpreter of a file by its extension
// (`.sh` bash, `.py` python, `.js` node, …) unless `--interpreter` names one
// (`none`: the file runs by itself); a word that is no file and holds a space
// runs through a shell (`pm2 start "npm run dev"`); a bare name that is no
// file is a program on PATH, given the words after `--` (`pm2 start npm --
// run dev`). An ecosystem file in JSON or YAML names its apps in data that is
// not read here; one in JavaScript is read as the code pm2 loads.
import type { Pending } from '../normalize/scope';
import { slice } from './common';
import type { Wrapper } from './common';

/** pm2's options that take a value (`pm2 start --help`); any other option is read as a flag. */
const PM2_VALUES = new Set([
  '-n',
  '--name',
  '-i',
  '--instances',
  '--interpreter',
  '--interpreter-args',
  '--node-args',
  '-o',
  '--output',
  '-e',
  '--error',
  '-l',
  '--log',
  '--log-date-format',
  '--log-type',
  '--cwd',
  '--max-memory-restart',
  '-c',
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
  '-p',
  '--pid',
  '-u',
  '--uid',
  '-g',
  '--gid',
  '--instance-var',
  '--merge-logs-path',
  '--only',
  '--filter-env',
]);

/** The interpreter pm2 gives a file by its extension (pm2's own table); other files run as node code. */
const BY_EXTENSION: ReadonlyArray<readonly [RegExp, string]> = [
  [/\.(?:sh|bash)$/, 'bash'],
  [/\.py$/, 'python'],
  [/\.rb$/, 'ruby'],
  [/\.php$/, 'php'],
  [/\.pl$/, 'perl'],
  [/\.[cm]?[jt]sx?$/, 'node'],
];

/** Ecosystem files pm2 reads as data: their apps are not read here. */
const DATA_ECOSYSTEM = /\.(?:json|ya?ml)$/;

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
  const sub = argv[1] === 'start' ? 2 : prog === 'pm2' ? -1 : 1;
  if (sub < 0) return undefined;
  let interpreter: string | undefined;
  let target: number | undefined;
  let i = sub;
  for (; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--interpreter') interpreter = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (a.startsWith('-') && a.length > 1) {
      if (PM2_VALUES.has(name) && eq < 0) i++;
      continue;
    }
    // The first operand is what starts; pm2 takes one per call here (several are several apps, read the first).
    target ??= i;
  }
  if (target === undefined) return undefined;
  const file = argv[target];
  const rest = i + 1;
  const via = `${prog} start`;
  if (p.dynamic[target]) return undefined;
  if (interpreter === 'none') return { kind: 'command', next: running(p, [asPath(file)], target, rest), via };
  if (interpreter) return { kind: 'command', next: running(p, [...interpreter.split(/\s+/), file], target, rest), via };
  if (DATA_ECOSYSTEM.test(file)) return undefined;
  const byExtension = BY_EXTENSION.find(([re]) => re.test(file))?.[1];
  if (byExtension) return { kind: 'command', next: running(p, [byExtension, file], target, rest), via };
  const onDisk = w.ctx.readFile(file, scope.cwd) !== undefined;
  if (!onDisk && /\s/.test(file)) return { kind: 'script', text: file, via };
  // A file with no extension runs as its first line says (read as a script run by path); a name that is no file
  // is a program found on PATH.
  return { kind: 'command', next: running(p, [onDisk ? asPath(file) : file], target, rest), via };
};

/** A file named as a program run by its path (`app` → `./app`), as the kernel is handed it. */
function asPath(file: string): string {
  return file.includes('/') ? file : `./${file}`;
}

export const PM2_RUNNERS: Readonly<Record<string, Wrapper>> = { pm2, 'pm2-runtime': pm2, 'pm2-dev': pm2 };
