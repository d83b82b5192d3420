// What a command prints when that is known before it runs (`echo`, `printf`,
// `which`, `cat` or `base64` of a known file), so the file it writes or the
// substitution it fills can be read later on the line.
import * as path from 'node:path';
import type { AnalysisContext, SimpleCommand } from '../../types';
import type { Walker } from './scope';

/** The static stdout of a command, when it is a pure function of what we know. */
export function outputOf(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const [prog, ...args] = cmd.argv;
  if (cmd.dynamic.some(Boolean)) return undefined;
  // `$(< FILE)`: bash's short form of `$(cat FILE)`.
  if (prog === undefined) {
    const only = cmd.redirects.length === 1 ? cmd.redirects[0] : undefined;
    return only?.op === '<' && only.fd === 0 ? ctx.readFile(only.target, cmd.cwd) : undefined;
  }
  switch (prog) {
    case 'echo': {
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
    case 'printf':
      return args.length ? unescapePrintf(args[0]).replace(/%s/g, () => args[1] ?? '') : undefined;
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
      if (args.length === 1 && !args[0].startsWith('-')) return ctx.readFile(args[0], cmd.cwd);
      return undefined;
    case 'base64': {
      if (!(args.includes('-d') || args.includes('--decode') || args.includes('-D'))) return undefined;
      const file = args.find((a) => !a.startsWith('-'));
      const input = file ? ctx.readFile(file, cmd.cwd) : cmd.stdin;
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
    default:
      return undefined;
  }
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
  w.written.set(abs, append ? (w.written.get(abs) ?? '') + text : text);
}
