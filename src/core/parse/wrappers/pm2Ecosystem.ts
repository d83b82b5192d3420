// pm2's ecosystem files: `pm2 start ecosystem.config.js` (and restart,
// reload, startOr…) starts every app the file lists, each its `script` (or
// `cmd`, `command`) with its `args` under its `interpreter`. Before, the
// apps went unread and the call was judged as pm2 alone; now each app is
// judged as the program pm2 starts for it. pm2 loads a JavaScript file as
// code and evaluates a JSON one as a JavaScript expression: only a plain
// literal is read, and a file whose apps are computed, or that cannot be
// read, is asked about. Each app runs under its `env` (and `env_NAME` with
// `--env NAME`), judged as `env VAR=value … PROGRAM`: NODE_OPTIONS,
// LD_PRELOAD or PATH there weigh as they do typed. `pm2 stop|delete FILE`
// starts nothing but still loads the file: a JavaScript one that is not a
// plain literal is judged as the code pm2 loads.
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { Scope, Walker } from '../normalize/scope';
import { parseFinding } from '../normalize/scope';
import { shellWord } from '../../text/shellWord';
import { jsLiteral, type LiteralValue } from '../literalData';
import { yamlData } from '../yamlData';
import { MAX_SCRIPT_CHARS, noteUnreadScript, noteUnreadTarget, type UnwrapStep } from './common';

/** pm2's table of ecosystem names (Common.knonwConfigFileExtensions), in its order: a name holding one is an ecosystem. */
const ECOSYSTEM_MARKS: ReadonlyArray<readonly [string, 'json' | 'yaml' | 'js']> = [
  ['.json', 'json'],
  ['.yml', 'yaml'],
  ['.yaml', 'yaml'],
  ['.config.js', 'js'],
  ['.config.cjs', 'js'],
  ['.config.mjs', 'js'],
];

/** Apps read from one file; the rest past it are asked about. */
const MAX_APPS = 256;

/** The words pm2 runs to start a file (pm2.ts's startedProgram); a string is a line for a shell. */
export type StartedProgram = (
  file: string,
  interpreter: string | undefined,
  interpreterArgs: readonly string[],
  cwd: string,
) => string[] | string;

/** The kind of ecosystem a file is as pm2 tells it (by a mark anywhere in its name, as pm2 looks); undefined: none. */
function ecosystemKind(file: string): 'json' | 'yaml' | 'js' | undefined {
  return ECOSYSTEM_MARKS.find(([mark]) => file.includes(mark))?.[1];
}

export function isEcosystem(file: string): boolean {
  return ecosystemKind(file) !== undefined;
}

/** The value a file holds as pm2 reads its kind; undefined when it is not a plain literal. */
function ecosystemValue(text: string, kind: 'json' | 'yaml' | 'js'): LiteralValue | undefined {
  if (kind === 'yaml') return yamlData(text);
  if (kind === 'js') return jsLiteral(text);
  const errors: ParseError[] = [];
  const v = parseJsonc(text, errors, { allowTrailingComma: true }) as LiteralValue | undefined;
  // pm2 evaluates a JSON file as a JavaScript expression: what JSON does not read may still be a plain literal.
  return errors.length ? jsLiteral(text, true) : v;
}

function isRecord(v: LiteralValue | undefined): v is { [key: string]: LiteralValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `args`, `interpreter_args`, `node_args` as pm2 takes them: a list of words, or one string split at blanks. */
function words(v: LiteralValue | undefined): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string')
    return v.match(/"[^"]*"|'[^']*'|\S+/g)?.map((x) => x.replace(/^(["'])(.*)\1$/, '$2')) ?? [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return undefined;
}

/** The text pm2 gives an env value (pm2's mergeEnvironmentVariables turns an object into JSON; the rest as Node does). */
function envText(v: LiteralValue): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/**
 * The variables an app runs under as pm2 merges them (Common.mergeEnvironmentVariables): with `--env NAME`, the
 * deploy section's `NAME.env`, then the app's `env`, then its `env_NAME`; without, its `env` alone. Undefined
 * when one of them is no mapping or names a variable no environment can hold.
 */
function appEnv(app: Record<string, LiteralValue>, envName: string | undefined, deploy: LiteralValue | undefined) {
  const deployEnv = envName && isRecord(deploy) && isRecord(deploy[envName]) ? deploy[envName].env : undefined;
  const layers = envName ? [deployEnv, app.env, app[`env_${envName}`]] : [app.env];
  const merged = new Map<string, string>();
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (!isRecord(layer)) return undefined;
    for (const [k, v] of Object.entries(layer)) {
      if (!k || k.includes('=') || k.includes('\0')) return undefined;
      merged.set(k, envText(v));
    }
  }
  return [...merged].map(([k, v]) => shellWord(`${k}=${v}`));
}

/** The line an app runs, or undefined when one of the fields that make it is not plain text. */
function appLine(
  app: { [key: string]: LiteralValue },
  cwd: string,
  program: StartedProgram,
  env: readonly string[] | undefined,
): string | undefined {
  const script = app.script ?? app.cmd ?? app.command;
  const interpreter = app.interpreter ?? app.exec_interpreter;
  const interpreterArgs = words(app.interpreter_args ?? app.node_args);
  const args = words(app.args);
  if (typeof script !== 'string' || !script.trim()) return undefined;
  if ((interpreter !== undefined && typeof interpreter !== 'string') || !interpreterArgs || !args) return undefined;
  if ((app.cwd !== undefined && typeof app.cwd !== 'string') || !env) return undefined;
  const dir = typeof app.cwd === 'string' ? path.resolve(cwd, app.cwd) : cwd;
  // pm2 hands a script holding a space to `bash -c`, in place of its args.
  const run = /\s/.test(script.trim()) ? script : program(script, interpreter || undefined, interpreterArgs, dir);
  // `env` would take a program named with `=` for one more variable.
  if (env.length && typeof run !== 'string' && run[0]?.includes('=')) return undefined;
  const argv = typeof run === 'string' ? (env.length ? ['bash', '-c', run] : []) : [...run, ...args];
  const bare = argv.length ? argv.map(shellWord).join(' ') : String(run);
  const line = env.length ? ['env', ...env, bare].join(' ') : bare;
  // pm2 starts the app in its cwd, resolved from where pm2 runs.
  return typeof app.cwd === 'string' ? `(cd ${shellWord(app.cwd)} && ${line})` : line;
}

function unreadEcosystem(w: Walker, file: string, via: string, why: string, what = 'starts the apps of'): void {
  noteUnreadTarget(w, file);
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${via}\` ${what} ${file}, ${why}: what they run was not judged, so a human must look at it`,
      file,
    ),
  );
}

/** An ecosystem file as pm2 loads it: its kind, the plain literal it holds (undefined: none), the line that loads it. */
interface LoadedEcosystem {
  kind: 'json' | 'yaml' | 'js';
  value: LiteralValue | undefined;
  /** A JavaScript file is loaded by running it (`require`): `node FILE`. */
  code: string | undefined;
}

/** FILE as pm2 loads it; undefined when it is on another machine, missing or too large (the latter noted). */
function loadEcosystem(file: string, scope: Scope, w: Walker, via: string): LoadedEcosystem | undefined {
  // On another machine the file is that machine's.
  if (scope.remote) return undefined;
  const kind = ecosystemKind(file);
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined || text.length > MAX_SCRIPT_CHARS || kind === undefined) {
    noteUnreadScript(file, text, scope, w, via);
    return undefined;
  }
  const code = kind === 'js' ? ['node', file].map(shellWord).join(' ') : undefined;
  return { kind, value: ecosystemValue(text, kind), code };
}

/** What pm2 is told of an ecosystem's apps on the command line: `--only a,b` and `--env NAME`. */
export interface EcosystemChoice {
  only?: string;
  envName?: string;
}

/**
 * The apps an ecosystem file starts, as the lines they run, each under the variables pm2 gives it. A file that is
 * missing reads as nothing (pm2 fails on it); one too large, or whose apps are not plain literals, is asked
 * about, a JavaScript one also judged as the code pm2 loads.
 */
export function ecosystemStep(
  file: string,
  choice: EcosystemChoice,
  scope: Scope,
  w: Walker,
  via: string,
  program: StartedProgram,
): UnwrapStep | undefined {
  const loaded = loadEcosystem(file, scope, w, via);
  if (!loaded) return undefined;
  const { value, code } = loaded;
  const listed = isRecord(value) ? (value.apps ?? value.pm2 ?? value) : value;
  const apps = Array.isArray(listed) ? listed : [listed];
  if (value === undefined || !apps.every(isRecord)) {
    unreadEcosystem(w, file, via, 'which is not a plain literal AgentGuard reads');
    return code ? { kind: 'script', text: code, via, lenient: true } : undefined;
  }
  const deploy = isRecord(value) ? value.deploy : undefined;
  const names = choice.only?.split(/[, ]/).filter(Boolean);
  const lines: string[] = [];
  for (const [k, app] of apps.entries()) {
    if (k >= MAX_APPS) {
      unreadEcosystem(w, file, via, `which lists more apps than AgentGuard reads (${MAX_APPS})`);
      break;
    }
    if (names && !names.includes(String(app.name))) continue;
    const line = appLine(app, scope.cwd, program, appEnv(app, choice.envName, deploy));
    if (line === undefined) {
      unreadEcosystem(w, file, via, `whose app ${String(app.name ?? k)} is not written as plain text`);
      continue;
    }
    lines.push(line);
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via, lenient: true } : undefined;
}

/**
 * What loading an ecosystem file runs when pm2 starts none of its apps (`pm2 stop|delete FILE`): a plain
 * literal nothing; a JavaScript file otherwise its code, `node FILE`; a JSON one, evaluated as a JavaScript
 * expression, is asked about. YAML is read as data alone.
 */
export function ecosystemLoadLine(file: string, scope: Scope, w: Walker, via: string): string | undefined {
  const loaded = loadEcosystem(file, scope, w, via);
  if (!loaded || loaded.value !== undefined || loaded.kind === 'yaml') return undefined;
  if (!loaded.code) unreadEcosystem(w, file, via, 'which is not a plain literal AgentGuard reads', 'evaluates');
  return loaded.code;
}
