// `/bin/sh -c CMD` from the extension host, judged as a whole string. dash
// reads no BASH_ENV, so until now only the PATH shims stood there, and what
// a shim never sees went through: `command -p rm` (dash's default path),
// `PATH=/usr/bin:/bin rm`, `/bin/rm` by absolute path, a builtin's
// redirection (`> file`). The editor's door rewrites such a spawn (it sees
// every `child_process` call of the extension host) so that the command
// string runs behind the same once-gate as `bash -c`: judged whole by the
// editor's judge, then run with the shims out of its way (judged once).
// A string the engine finds nothing in, and whose every program a shim
// would see by name, is left as it is: the shims judge it as before, and the
// editor's own frequent `sh -c` calls cost no gate process.
import * as path from 'node:path';
import { evaluateLine, readingsFor } from '../engine';
import { ONCE_GATE_ENV, shq, type GatePaths } from './shells/common';
import type { TerminalGateLayout } from './childGate';

/** Programs that are a POSIX shell without BASH_ENV or ZDOTDIR: what Node's `shell: true` runs. */
const PLAIN_SHELLS = new Set(['/bin/sh', '/usr/bin/sh', 'sh', '/bin/dash', '/usr/bin/dash', 'dash']);

/** The index of the command string in `args` when `file args` is `sh [-opts] -c CMD …`; undefined otherwise. */
export function shCommandIndex(file: string, args: readonly string[]): number | undefined {
  if (!PLAIN_SHELLS.has(file)) return undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-')) return undefined;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return i + 1 < args.length ? i + 1 : undefined;
  }
  return undefined;
}

export function isPlainShell(file: string): boolean {
  return PLAIN_SHELLS.has(file);
}

/**
 * Whether the shims alone see everything this string does: the engine finds
 * nothing in it, no program is named by path or run through a wrapper
 * (`command -p`, `env`, `exec`), no PATH is set on the line, and nothing is
 * written by redirection.
 */
export function shimsSuffice(command: string, cwd: string, env: Record<string, string>): boolean {
  if (/\bPATH=|\bcommand\b|\bexec\b|\bbuiltin\b|\beval\b/.test(command)) return false;
  const opts = { workspace: cwd, env };
  const { result: verdict, readings } = evaluateLine({ command, cwd, env }, opts);
  if (verdict.findings.length > 0 || verdict.decision !== 'allow') return false;
  const { commands } = readingsFor({ command, cwd, env }, opts, readings);
  return commands.every(
    (c) =>
      c.via.length === 0 &&
      !c.dynamic[0] &&
      !(c.argv[0] ?? '').includes('/') &&
      c.redirects.every((r) => r.op === '<' || r.target === '/dev/null' || r.target.startsWith('&')),
  );
}

/**
 * The command string to hand `sh -c` instead: the once-gate judges the
 * original first (exit 1 when it may not run), then the shims and the other
 * gates' variables are taken out of the way, then the original runs.
 */
export function gatedShString(
  command: string,
  env: Readonly<Record<string, string | undefined>>,
  layout: TerminalGateLayout,
  p: GatePaths,
): string {
  const pathWithout = (env.PATH ?? '')
    .split(':')
    .filter((d) => d && path.resolve(d) !== path.resolve(layout.shims))
    .join(':');
  const restore = [
    `PATH=${shq(pathWithout)}; export PATH`,
    env.AGENTGUARD_USER_BASH_ENV ? `BASH_ENV=${shq(env.AGENTGUARD_USER_BASH_ENV)}; export BASH_ENV` : 'unset BASH_ENV',
    env.AGENTGUARD_USER_ZDOTDIR ? `ZDOTDIR=${shq(env.AGENTGUARD_USER_ZDOTDIR)}; export ZDOTDIR` : 'unset ZDOTDIR',
  ].join('; ');
  const gate = `${ONCE_GATE_ENV} ${shq(p.node)} ${shq(p.cli)} gate --once --via bash-env --shell sh -- ${shq(command)} || exit 1`;
  return `${GATED_MARK}\n${gate}\n${restore}\n${command}`;
}

/** The first line of a gated string: Node's `exec` hands its string to `execFile`, which must not gate it twice. */
const GATED_MARK = '# AgentGuard: this command string is judged whole before it runs';

type Spawner = (...args: unknown[]) => unknown;

/** The module object itself (an `import *` is a copy whose properties cannot be replaced). */
function realChildProcess(): object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process') as object;
}

/**
 * `/bin/sh -c` spawns of this extension host (Node's `shell: true`, `exec`,
 * an explicit `spawn('sh', ['-c', …])`) go through the once-gate as a whole
 * string (core/terminal/shGate.ts): dash reads no BASH_ENV, and the PATH
 * shims alone miss `command -p rm`, `PATH=… rm`, `/bin/rm`. Every extension
 * shares this process's `child_process` module, and looks its functions up
 * when it calls them; AgentGuard activates first (`*`), so theirs are these.
 */
export function gateShellSpawns(
  layout: TerminalGateLayout,
  paths: GatePaths,
  cp: object = realChildProcess(),
): { restore(): void } {
  const originals: Partial<Record<'spawn' | 'spawnSync' | 'exec' | 'execSync' | 'execFile' | 'execFileSync', Spawner>> =
    {};
  const target = cp as unknown as Record<string, Spawner>;
  const rewrite = (command: string, options: { env?: NodeJS.ProcessEnv; cwd?: string | URL } | undefined): string => {
    if (command.startsWith(GATED_MARK)) return command;
    // Only the variables that have a value, as the engine takes an environment.
    const env = Object.fromEntries(
      Object.entries(options?.env ?? process.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const cwd = typeof options?.cwd === 'string' ? options.cwd : process.cwd();
    try {
      return shimsSuffice(command, cwd, env) ? command : gatedShString(command, env, layout, paths);
    } catch {
      return gatedShString(command, env, layout, paths);
    }
  };
  const shellOf = (options: { shell?: unknown } | undefined): string | undefined =>
    options?.shell === true ? '/bin/sh' : typeof options?.shell === 'string' ? options.shell : undefined;
  // spawn(file, args?, options?) and spawnSync: `shell` joins file and args into one string; `sh -c CMD` names it.
  const spawnLike = (original: Spawner): Spawner =>
    function (this: unknown, ...a: unknown[]) {
      const file = a[0] as string;
      const hasArgs = Array.isArray(a[1]);
      const args = hasArgs ? (a[1] as string[]) : [];
      // What follows the arguments: options, then (execFile) a callback.
      const rest = a.slice(hasArgs ? 2 : 1);
      const options = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : undefined) as
        { shell?: unknown; env?: NodeJS.ProcessEnv; cwd?: string } | undefined;
      const after = options ? rest.slice(1) : rest;
      const shell = shellOf(options);
      if (shell && isPlainShell(shell) && typeof file === 'string') {
        const command = [file, ...args].join(' ');
        return original.call(this, shell, ['-c', rewrite(command, options)], { ...options, shell: false }, ...after);
      }
      const at = typeof file === 'string' && !shell ? shCommandIndex(file, args) : undefined;
      if (at !== undefined) {
        const next = [...args];
        next[at] = rewrite(args[at], options);
        return original.call(this, file, next, ...rest);
      }
      return original.apply(this, a);
    };
  // exec(command, options?, callback?) and execSync: the string goes to `options.shell` or /bin/sh.
  const execLike = (original: Spawner): Spawner =>
    function (this: unknown, ...a: unknown[]) {
      const options =
        typeof a[1] === 'object' && a[1] !== null
          ? (a[1] as { shell?: unknown; env?: NodeJS.ProcessEnv; cwd?: string })
          : undefined;
      const shell = shellOf(options) ?? '/bin/sh';
      if (typeof a[0] === 'string' && isPlainShell(shell))
        return original.call(this, rewrite(a[0], options), ...a.slice(1));
      return original.apply(this, a);
    };
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync'] as const) {
    originals[name] = target[name];
    target[name] = spawnLike(target[name]);
  }
  for (const name of ['exec', 'execSync'] as const) {
    originals[name] = target[name];
    target[name] = execLike(target[name]);
  }
  return {
    restore: () => {
      for (const [name, fn] of Object.entries(originals)) if (fn) target[name] = fn;
    },
  };
}
