// pm2's ecosystem files: `pm2 start ecosystem.config.js` (and restart,
// reload, startOr…) starts every app the file lists, each its `script` (or
// `cmd`, `command`) with its `args` under its `interpreter`. Before, the
// apps went unread and the call was judged as pm2 alone; now each app is
// judged as the program pm2 starts for it. pm2 loads a JavaScript file as
// code and evaluates a JSON one as a JavaScript expression: only a plain
// literal is read, and a file whose apps are computed, or that cannot be
// read, is asked about.
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { Scope, Walker } from '../normalize/scope';
import { parseFinding } from '../normalize/scope';
import { shellWord } from '../../text/shellWord';
import { jsLiteral, yamlData, type LiteralValue } from '../literalData';
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

/** The line an app runs, or undefined when one of the fields that make it is not plain text. */
function appLine(app: { [key: string]: LiteralValue }, cwd: string, program: StartedProgram): string | undefined {
  const script = app.script ?? app.cmd ?? app.command;
  const interpreter = app.interpreter ?? app.exec_interpreter;
  const interpreterArgs = words(app.interpreter_args ?? app.node_args);
  const args = words(app.args);
  if (typeof script !== 'string' || !script.trim()) return undefined;
  if ((interpreter !== undefined && typeof interpreter !== 'string') || !interpreterArgs || !args) return undefined;
  if (app.cwd !== undefined && typeof app.cwd !== 'string') return undefined;
  const dir = typeof app.cwd === 'string' ? path.resolve(cwd, app.cwd) : cwd;
  // pm2 hands a script holding a space to `bash -c`, in place of its args.
  const run = /\s/.test(script.trim()) ? script : program(script, interpreter || undefined, interpreterArgs, dir);
  const line = typeof run === 'string' ? run : [...run, ...args].map(shellWord).join(' ');
  // pm2 starts the app in its cwd, resolved from where pm2 runs.
  return typeof app.cwd === 'string' ? `(cd ${shellWord(app.cwd)} && ${line})` : line;
}

function unreadEcosystem(w: Walker, file: string, via: string, why: string): void {
  noteUnreadTarget(w, file);
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${via}\` starts the apps of ${file}, ${why}: what they run was not judged, so a human must look at it`,
      file,
    ),
  );
}

/**
 * The apps an ecosystem file starts, as the lines they run (`only`: pm2's `--only a,b`, the apps of those names).
 * A file that is missing reads as nothing (pm2 fails on it); one too large, or whose apps are not plain literals,
 * is asked about, a JavaScript one also judged as the code pm2 loads.
 */
export function ecosystemStep(
  file: string,
  only: string | undefined,
  scope: Scope,
  w: Walker,
  via: string,
  program: StartedProgram,
): UnwrapStep | undefined {
  // On another machine the file is that machine's.
  if (scope.remote) return undefined;
  const kind = ecosystemKind(file);
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined || text.length > MAX_SCRIPT_CHARS || kind === undefined) {
    noteUnreadScript(file, text, scope, w, via);
    return undefined;
  }
  const value = ecosystemValue(text, kind);
  const code = kind === 'js' ? [['node', file].map(shellWord).join(' ')] : [];
  const listed = isRecord(value) ? (value.apps ?? value.pm2 ?? value) : value;
  const apps = Array.isArray(listed) ? listed : [listed];
  if (value === undefined || !apps.every(isRecord)) {
    unreadEcosystem(w, file, via, 'which is not a plain literal AgentGuard reads');
    return code.length ? { kind: 'script', text: code.join('\n'), via, lenient: true } : undefined;
  }
  const names = only?.split(/[, ]/).filter(Boolean);
  const lines: string[] = [];
  for (const [k, app] of apps.entries()) {
    if (k >= MAX_APPS) {
      unreadEcosystem(w, file, via, `which lists more apps than AgentGuard reads (${MAX_APPS})`);
      break;
    }
    if (names && !names.includes(String(app.name))) continue;
    const line = appLine(app, scope.cwd, program);
    if (line === undefined) {
      unreadEcosystem(w, file, via, `whose app ${String(app.name ?? k)} is not written as plain text`);
      continue;
    }
    lines.push(line);
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via, lenient: true } : undefined;
}
