// Programs that run a project's package.json scripts by name: npm-run-all's
// `npm-run-all clean compile`, `run-s clean`, `run-p 'build:*'` (npm-run-all2
// too), and concurrently, whose operands are shell lines and whose
// `npm:NAME` (`yarn:`, `pnpm:`, `bun:`, `node:`, `deno:`) runs a script. Each
// script named is read as `npm run NAME`, which reads it from package.json.
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';
import { packageScripts } from './packageScripts';

/** Most script names one pattern expands to. */
const MAX_NAMES = 32;

export const SCRIPT_RUNNERS: ReadonlySet<string> = new Set([
  'npm-run-all',
  'npm-run-all2',
  'run-s',
  'run-p',
  'concurrently',
]);

/** npm-run-all's options that take the next word as their value. */
const RUN_ALL_VALUES = new Set(['--max-parallel', '--npm-path']);

/** concurrently's options that take the next word as their value (`--teardown`'s is a shell line too). */
const CONCURRENTLY_VALUES = new Set([
  '-n',
  '--names',
  '-c',
  '--prefix-colors',
  '-p',
  '--prefix',
  '-l',
  '--prefix-length',
  '-t',
  '--timestamp-format',
  '-m',
  '--max-processes',
  '--restart-tries',
  '--restart-after',
  '-s',
  '--success',
  '--name-separator',
  '--names-separator',
  '--default-input-target',
  '--hide',
  '--teardown',
  '--kill-signal',
  '-ks',
  '--cwd',
]);

/**
 * The script names a pattern stands for. npm-run-all's globs read `:` as a folder separator (`build:*` is one
 * level, `build:**` any); concurrently's `*` is any run of characters and `(!x)` leaves out what matches x.
 */
function expand(pattern: string, scope: Scope, w: Walker, colonIsSeparator: boolean): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  const exclude = colonIsSeparator ? undefined : /\(!([^)]*)\)$/.exec(pattern);
  const body = exclude ? pattern.slice(0, exclude.index) : pattern;
  const toRegex = (glob: string) =>
    new RegExp(
      '^' +
        glob
          .split(/(\*\*|\*|\?)/)
          .map((part) => {
            if (part === '**') return '.*';
            if (part === '*') return colonIsSeparator ? '[^:]*' : '.*';
            if (part === '?') return colonIsSeparator ? '[^:]' : '.';
            return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('') +
        '$',
    );
  const wanted = toRegex(body);
  const unwanted = exclude ? toRegex(body.replace(/\*$/, '') + exclude[1]) : undefined;
  const names = Object.keys(packageScripts(scope, w) ?? {}).filter((n) => wanted.test(n) && !unwanted?.test(n));
  return names.slice(0, MAX_NAMES);
}

/** A script run by name, with its arguments: as `npm run NAME ARGS`. */
function runLine(runner: string, name: string, args: string): string {
  const quoted = `'${name.replace(/'/g, `'\\''`)}'`;
  return `${runner} ${quoted}${args ? ' ' + args : ''}`;
}

/** `npm-run-all [-s|-p] PATTERN…`, `run-s PATTERN…`, `run-p PATTERN…`: each pattern `NAME ARGS`. */
function runAll(p: Pending, scope: Scope, w: Walker, prog: string): UnwrapStep | undefined {
  const argv = p.argv;
  const lines: string[] = [];
  for (let i = 1; i < argv.length && lines.length < MAX_NAMES; i++) {
    const a = argv[i];
    // The words after `--` fill the patterns' `{1}`, `{@}` placeholders: arguments, not scripts.
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (RUN_ALL_VALUES.has(a)) i++;
      continue;
    }
    const [pattern, ...args] = a.trim().split(/\s+/);
    if (!pattern) continue;
    for (const name of expand(pattern, scope, w, true)) lines.push(runLine('npm run', name, args.join(' ')));
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via: prog } : undefined;
}

/** concurrently's shorthand prefixes and the call each stands for. */
const SHORTHANDS: Readonly<Record<string, string>> = {
  npm: 'npm run',
  yarn: 'yarn run',
  pnpm: 'pnpm run',
  bun: 'bun run',
  node: 'npm run',
  deno: 'deno task',
};

/** `concurrently CMD…`: every operand (and `--teardown`'s value) a shell line; `npm:NAME ARGS` a script. */
function concurrently(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  // With -P the words after `--` fill the commands' placeholders; without it they are commands as well.
  const passthrough = argv.some((a) => a === '-P' || a === '--passthrough-arguments');
  const commands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      if (!passthrough) commands.push(...argv.slice(i + 1));
      break;
    }
    if (CONCURRENTLY_VALUES.has(a)) {
      if (a === '--teardown' && argv[i + 1] !== undefined) commands.push(argv[i + 1]);
      i++;
      continue;
    }
    if (a.startsWith('--teardown=')) commands.push(a.slice('--teardown='.length));
    else if (!a.startsWith('-')) commands.push(a);
  }
  const lines: string[] = [];
  for (const command of commands.slice(0, MAX_NAMES)) {
    const short = /^(npm|yarn|pnpm|bun|node|deno):(\S+)\s*(.*)$/s.exec(command);
    if (!short) {
      lines.push(command);
      continue;
    }
    for (const name of expand(short[2], scope, w, false)) lines.push(runLine(SHORTHANDS[short[1]], name, short[3]));
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via: 'concurrently' } : undefined;
}

export function unwrapScriptRunner(p: Pending, scope: Scope, w: Walker, prog: string): UnwrapStep | undefined {
  return prog === 'concurrently' ? concurrently(p, scope, w) : runAll(p, scope, w, prog);
}
