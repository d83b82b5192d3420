// What a command prints when that is known before it runs (`echo`, `printf`,
// `which`, `cat` or `base64` of a known file), so the file it writes or the
// substitution it fills can be read later on the line.
import * as path from 'node:path';
import type { AnalysisContext, SimpleCommand } from '../../types';
import type { Walker } from './scope';
import { classifyPath } from '../../command/paths';

/**
 * A file's text as a command prints it, unless the file is a credential: its
 * content must not replace the reader's words (`$(cat .env)`, `cat .env |`),
 * or the command it reaches would be judged on the text alone and no longer
 * as one handed a credential file.
 */
export function readPrintable(file: string, cmd: FileReader, ctx: AnalysisContext): string | undefined {
  return isCredentialFile(file, cmd, ctx) ? undefined : ctx.readFile(file, cmd.cwd);
}

type FileReader = Pick<SimpleCommand, 'cwd' | 'env'>;

export function isCredentialFile(file: string, cmd: FileReader, ctx: AnalysisContext): boolean {
  return classifyPath(file, cmd.cwd, cmd.env, ctx).credential;
}

/** The static stdout of a command, when it is a pure function of what we know. */
export function outputOf(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const [prog, ...args] = cmd.argv;
  if (cmd.dynamic.some(Boolean)) return undefined;
  // `$(< FILE)`: bash's short form of `$(cat FILE)`.
  if (prog === undefined) {
    const only = cmd.redirects.length === 1 ? cmd.redirects[0] : undefined;
    return only?.op === '<' && only.fd === 0 ? readPrintable(only.target, cmd, ctx) : undefined;
  }
  switch (prog) {
    case 'echo':
      return echoOutput(args);
    case 'printf':
      return printfOutput(args);
    case 'which':
    case 'type':
    case 'whence': {
      const name = args.filter((a) => !a.startsWith('-'))[0];
      // `which git` prints where git is found: `cp x "$(which git)"` writes over that file.
      const found = prog === 'type' && !args.includes('-P') ? undefined : name && onPath(name, cmd, ctx);
      return name === undefined ? undefined : (found ?? name) + '\n';
    }
    case 'command':
      if ((args[0] === '-v' || args[0] === '-V') && args[1]) return (onPath(args[1], cmd, ctx) ?? args[1]) + '\n';
      return undefined;
    case 'cat':
      if (args.length === 0) return cmd.stdin;
      if (args.length === 1 && !args[0].startsWith('-')) return readPrintable(args[0], cmd, ctx);
      return undefined;
    case 'base64': {
      if (!(args.includes('-d') || args.includes('--decode') || args.includes('-D'))) return undefined;
      const file = args.find((a) => !a.startsWith('-'));
      const input = file ? readPrintable(file, cmd, ctx) : cmd.stdin;
      if (input === undefined) return undefined;
      try {
        return Buffer.from(input.replace(/\s+/g, ''), 'base64').toString('utf8');
      } catch {
        return undefined;
      }
    }
    case 'xxd':
      if (args.includes('-r') && args.includes('-p') && cmd.stdin !== undefined) {
        return Buffer.from(cmd.stdin.replace(/\s+/g, ''), 'hex').toString('utf8');
      }
      return undefined;
    case 'rev':
      return cmd.stdin
        ?.split('\n')
        .map((l) => [...l].reverse().join(''))
        .join('\n');
    case 'pwd':
      return cmd.cwd + '\n';
    // `cd "$(dirname "$0")"`, `cd "$(git rev-parse --show-toplevel)"`: the folder is known before the line runs.
    case 'dirname':
      return args.length > 0 && !args.some((a) => a.startsWith('-'))
        ? args.map((a) => path.posix.dirname(a) + '\n').join('')
        : undefined;
    case 'git':
      return args.length === 2 && args[0] === 'rev-parse' && args[1] === '--show-toplevel'
        ? gitTopLevel(cmd, ctx)
        : undefined;
    default:
      return undefined;
  }
}

/** Folders looked through, upwards, for the repository holding the working folder. */
const MAX_TOP_LEVEL_STEPS = 64;

/**
 * What `git rev-parse --show-toplevel` prints: the nearest folder at or above the working one holding `.git` (a folder,
 * or a file for a worktree or submodule). Unknown where the environment points git elsewhere, or no `.git` is found.
 */
function gitTopLevel(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  if (!ctx.stat || Object.keys(cmd.env).some((k) => k === 'GIT_DIR' || k === 'GIT_WORK_TREE')) return undefined;
  let dir = cmd.cwd;
  for (let i = 0; i < MAX_TOP_LEVEL_STEPS && path.isAbsolute(dir); i++) {
    if (ctx.stat(path.join(dir, '.git'))) return dir + '\n';
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** What `echo [-neE] WORDS` prints: its words, escapes read under -e, a newline unless -n. */
export function echoOutput(args: readonly string[]): string {
  let i = 0;
  let newline = true;
  let escapes = false;
  while (i < args.length && /^-[neE]+$/.test(args[i])) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
    i++;
  }
  const text = args.slice(i).join(' ');
  return (escapes ? unescapePrintf(text) : text) + (newline ? '\n' : '');
}

/** One conversion of a printf format: flags, width, precision, letter. */
const CONVERSION = /%([-+ #0]*)(\d*)(?:\.(\d*))?([a-zA-Z%])/y;
/** One escape of a printf format (the same ones unescapePrintf reads). */
const ESCAPE = /\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/y;
const MAX_PRINTED = 1024 * 1024;

/**
 * What `printf [--] FORMAT [ARG…]` prints, as bash does: the format's
 * escapes read, each conversion filled from the next argument, the format
 * used again while arguments are left. Undefined where that cannot be told
 * (an option such as -v, a conversion other than %s %b %c %d %i %%, a width
 * taken from an argument), so that nothing is read as harmless by mistake.
 */
export function printfOutput(args: readonly string[]): string | undefined {
  let i = 0;
  if (args[0] === '--') i = 1;
  else if (args[0]?.startsWith('-') && args[0] !== '-') return undefined;
  const format = args[i];
  if (format === undefined) return undefined;
  const rest = args.slice(i + 1);
  let used = 0;
  let out = '';
  for (let pass = 0; pass <= rest.length; pass++) {
    const before = used;
    let stopped = false;
    for (let at = 0; at < format.length && !stopped;) {
      const c = format[at];
      if (c === '\\') {
        ESCAPE.lastIndex = at;
        const e = ESCAPE.exec(format);
        out += e ? unescapePrintf(e[0]) : c;
        at += e ? e[0].length : 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        at++;
        continue;
      }
      CONVERSION.lastIndex = at;
      const m = CONVERSION.exec(format);
      if (!m) return undefined;
      at += m[0].length;
      const [, flags, width, precision, letter] = m;
      if (letter === '%') {
        out += '%';
        continue;
      }
      const arg = rest[used] ?? '';
      if (used < rest.length) used++;
      let text: string;
      if (letter === 's') text = arg;
      else if (letter === 'b') {
        // `\c` in a %b argument ends all output.
        const cut = arg.indexOf('\\c');
        text = unescapePrintf(cut === -1 ? arg : arg.slice(0, cut));
        stopped = cut !== -1;
      } else if (letter === 'c') text = arg.slice(0, 1);
      else if (letter === 'd' || letter === 'i') {
        if (arg !== '' && !/^[-+]?\d{1,15}$/.test(arg)) return undefined;
        text = String(Number(arg || 0));
      } else return undefined;
      if (precision !== undefined && (letter === 's' || letter === 'b')) text = text.slice(0, Number(precision || 0));
      const pad = Math.min(Number(width || 0), 4096) - text.length;
      if (pad > 0) text = flags.includes('-') ? text + ' '.repeat(pad) : ' '.repeat(pad) + text;
      out += text;
      if (out.length > MAX_PRINTED) return undefined;
    }
    if (stopped || used === before || used >= rest.length) break;
  }
  return out;
}

/** Most PATH folders looked in for one name. */
const MAX_PATH_FOLDERS = 64;

/** Where a program name is found on the command's PATH, as `which` says; undefined when not found or not looked up. */
function onPath(name: string, cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  if (!ctx.stat || name.includes('/') || !/^[\w.+-]+$/.test(name)) return undefined;
  const folders = (cmd.env.PATH ?? '').split(':').filter((d) => d.startsWith('/'));
  for (const dir of folders.slice(0, MAX_PATH_FOLDERS)) {
    const file = path.join(dir, name);
    const st = ctx.stat(file);
    if (st && !st.isDir) return file;
  }
  return undefined;
}

function unescapePrintf(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '\\' ? '\\' : e;
  });
}

const MAX_WRITTEN_FILES = 16;

/**
 * Keeps what a file will hold after a write earlier on the line (`echo CODE > f`,
 * `Set-Content f.ps1 CODE`), for readers later on the line; `text` undefined
 * when it is not known before the write runs. Bounded: past 16 files, nothing
 * more is kept (later readers then read the disk, as without this).
 */
export function rememberWrite(w: Walker, cwd: string, target: string, text: string | undefined, append: boolean): void {
  if (w.written.size >= MAX_WRITTEN_FILES || w.writtenUnknown.size >= MAX_WRITTEN_FILES || target.includes('$')) return;
  const abs = path.resolve(cwd, target);
  if (text === undefined) {
    if (target !== '/dev/null') w.writtenUnknown.add(abs);
    return;
  }
  if (w.writtenUnknown.has(abs)) {
    // Appending known text to unknown text leaves it unknown; overwriting makes it known again.
    if (append) return;
    w.writtenUnknown.delete(abs);
  }
  if (!append || w.written.has(abs)) {
    w.written.set(abs, append ? (w.written.get(abs) ?? '') + text : text);
    return;
  }
  // Appending to a file on disk: what it holds after is its text now and then the line's.
  const before = w.ctx.stat?.(abs) ? readPrintable(abs, { cwd, env: {} }, w.ctx) : '';
  if (before === undefined) w.writtenUnknown.add(abs);
  else w.written.set(abs, before + text);
}
