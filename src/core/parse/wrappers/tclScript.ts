// Tcl read for what it runs and changes (tclsh, wish, jimsh, expect): its
// commands, with the scripts nested in them (`proc` and `if` bodies, `[…]`
// substitutions, `eval {…}`), and the shell command each of Tcl's own file
// commands amounts to (`file delete -force ~` is `rm -rf ~`, `file link -symbolic
// L T` is `ln -s T L`, `open F w` writes F). A command whose name is computed at
// run time (`$cmd …`, `[set c exec] …`, `eval $x`) cannot be read, and is reported.
import { lnArgv } from '../linkCommand';
import { MAX_SCRIPT_CHARS } from './common';
import { RUNTIME_MARK, tclValue } from './tclValues';

export const MAX_TCL_COMMANDS = 400;
/** Scripts nested deeper than this (a body in a body …) are left unread, and reported as such. */
const MAX_TCL_DEPTH = 8;

/** Whether a script read stopped at a bound, and what command name it found computed at run time. */
export interface TclReading {
  unread: boolean;
  computed?: string;
}

/** One Tcl word: its text, how it was written, and the command substitutions (`[…]`) in it. */
interface TclWord {
  text: string;
  /** What Tcl passes on for it: its text with substitutions marked (tclValues.ts). */
  value: string;
  kind: 'brace' | 'quote' | 'bare' | 'expand';
  subs: string[];
  /** A `$name` substitution in it: its value is only known at run time. */
  vars: boolean;
}

/** Tcl escapes in a sent string: `\r` and `\n` end a line as Enter does. */
export function unescapeTyped(s: string): string {
  return s.replace(/\\([rnt\\"$\[\]{}])/g, (_m, c: string) => (c === 'r' || c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** The index just past the `close` that closes the `open` at `from` (or `n`): `[…]` and `{…}` nest alike. */
function closingEnd(code: string, from: number, n: number, open: string, close: string): number {
  let depth = 0;
  for (let j = from; j < n; j++) {
    if (code[j] === '\\') j++;
    else if (code[j] === open) depth++;
    else if (code[j] === close && --depth === 0) return j + 1;
  }
  return n;
}
const bracketEnd = (code: string, from: number, n: number): number => closingEnd(code, from, n, '[', ']');
const braceEnd = (code: string, from: number, n: number): number => closingEnd(code, from, n, '{', '}');

/** A quoted or bare word's substitutions: the scripts of its `[…]`, and whether it holds a `$name`. */
function substitutions(raw: string): Pick<TclWord, 'subs' | 'vars'> {
  const subs: string[] = [];
  let vars = false;
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] === '\\') j++;
    else if (raw[j] === '$' && /[\w:{(]/.test(raw[j + 1] ?? '')) vars = true;
    else if (raw[j] === '[') {
      const end = bracketEnd(raw, j, raw.length);
      subs.push(raw.slice(j + 1, end - 1));
      j = end - 1;
    }
  }
  return { subs, vars };
}

/** One script's commands as words (newlines and `;` outside quotes, braces and brackets end a command). */
function parseCommands(code: string, n: number, reading: TclReading): TclWord[][] {
  const commands: TclWord[][] = [];
  let words: TclWord[] = [];
  let i = 0;
  const endCommand = (): void => {
    if (words.length) commands.push(words);
    words = [];
  };
  while (i < n && commands.length < MAX_TCL_COMMANDS) {
    const c = code[i];
    if (c === '\n' || c === ';') {
      endCommand();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\\' && code[i + 1] === '\n') {
      // A backslash-newline continues the command on the next line.
      i += 2;
    } else if (c === '#' && words.length === 0) {
      while (i < n && code[i] !== '\n') i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && code[j] !== '"') j = code[j] === '\\' ? j + 2 : code[j] === '[' ? bracketEnd(code, j, n) : j + 1;
      const raw = code.slice(i + 1, Math.min(j, n));
      words.push({ text: unescapeTyped(raw), value: tclValue(raw), kind: 'quote', ...substitutions(raw) });
      i = j + 1;
    } else if (c === '{' && code.startsWith('{*}', i) && i + 3 < n && !/\s/.test(code[i + 3])) {
      // `{*}$args`: the word expands to any number of words, known only at run time.
      words.push({ text: '', value: RUNTIME_MARK, kind: 'expand', subs: [], vars: true });
      i += 3;
    } else if (c === '{') {
      const end = braceEnd(code, i, n);
      const text = code.slice(i + 1, end - 1);
      words.push({ text, value: text, kind: 'brace', subs: [], vars: false });
      i = end;
    } else {
      let j = i;
      while (j < n && !/[\s;]/.test(code[j]))
        j = code[j] === '\\' ? j + 2 : code[j] === '[' ? bracketEnd(code, j, n) : j + 1;
      const raw = code.slice(i, Math.min(j, n));
      words.push({ text: unescapeTyped(raw), value: tclValue(raw), kind: 'bare', ...substitutions(raw) });
      i = j;
    }
  }
  if (i < n && code.slice(i, n).trim()) reading.unread = true;
  endCommand();
  return commands;
}

/** Commands whose arguments are data, never run: their braced words are not read as scripts. */
const DATA_COMMANDS = new Set([
  'set',
  'puts',
  'send',
  'exp_send',
  'send_user',
  'send_error',
  'send_log',
  'append',
  'lappend',
  'list',
  'return',
  'format',
  'regexp',
  'regsub',
  'error',
  'string',
]);
/** Commands that join their script arguments and run them (`eval exec rm -rf ~`), by the first argument that is script. */
const EVALUATING: Readonly<Record<string, (args: readonly string[]) => number>> = {
  eval: () => 0,
  uplevel: (args) => (args.length > 1 && /^#?\d+$/.test(args[0]) ? 1 : 0),
  namespace: (args) => (args[0] === 'eval' ? 2 : -1),
  after: (args) => (/^(?:\d+|idle)$/.test(args[0] ?? '') ? 1 : -1),
};
/** The commands Tcl's own others are run through: renamed or aliased, a later call by the new name is not read. */
const READ_COMMANDS = /^(?:::)?(?:exec|file|open|spawn|system|eval|uplevel|source|namespace|interp|rename)$/;

/** Which arguments of a command are scripts it runs (a body, a handler), apart from EVALUATING's. */
function scriptArgs(name: string, args: readonly string[]): number[] {
  const n = args.length;
  switch (name) {
    case 'proc':
      return [2];
    case 'while':
      return [1];
    case 'for':
      return [0, 2, 3];
    case 'foreach':
    case 'lmap':
      return [n - 1];
    case 'catch':
    case 'time':
      return [0];
    case 'if':
      return ifBodies(args);
    case 'try': {
      const out = [0];
      for (let i = 1; i < n; i++) {
        if (args[i] === 'on' || args[i] === 'trap') out.push((i += 3));
        else if (args[i] === 'finally') out.push(++i);
      }
      return out;
    }
    default:
      return [];
  }
}

/** `if COND ?then? BODY elseif COND ?then? BODY … ?else? BODY`: the bodies' places. */
function ifBodies(args: readonly string[]): number[] {
  const out: number[] = [];
  // Each turn reads one `COND ?then? BODY` and moves past it: at most one turn per argument.
  for (let i = 0; i < args.length;) {
    i++;
    if (args[i] === 'then') i++;
    if (i < args.length) out.push(i);
    i++;
    if (args[i] === 'elseif') {
      i++;
      continue;
    }
    if (args[i] === 'else') i++;
    if (i < args.length) out.push(i);
    break;
  }
  return out;
}

/** Whether a word's value is only known at run time. */
function computedWord(w: TclWord): boolean {
  return w.kind === 'expand' || (w.kind !== 'brace' && (w.vars || w.subs.length > 0));
}

/**
 * A Tcl script's commands, each as its name and the values of its words (tclValues.ts), the scripts nested in it read too: command substitutions before the
 * command, bodies after. In a script that runs as written (the top, a `[…]`, a body), a command named at run time is
 * noted in `reading.computed`; other braced words are read for the commands they may hold, their names left alone
 * (`expr {$a + $b}` is no command named by `$a`).
 */
export function tclCommands(code: string, reading: TclReading): string[][] {
  if (code.length > MAX_SCRIPT_CHARS) reading.unread = true;
  const out: string[][] = [];
  readScript(code, reading, out, 0, true);
  return out;
}

function readScript(code: string, reading: TclReading, out: string[][], depth: number, runs: boolean): void {
  if (depth > MAX_TCL_DEPTH) {
    reading.unread = true;
    return;
  }
  for (const words of parseCommands(code, Math.min(code.length, MAX_SCRIPT_CHARS), reading)) {
    if (out.length >= MAX_TCL_COMMANDS) {
      reading.unread = true;
      return;
    }
    for (const w of words) for (const s of w.subs) readScript(s, reading, out, depth + 1, true);
    const [head, ...rest] = words;
    const args = rest.map((w) => w.text);
    if (runs && computedWord(head)) reading.computed ??= head.kind === 'expand' ? '{*}' : head.text.slice(0, 60);
    const name = computedWord(head) ? '' : head.text.replace(/^::/, '');
    // `rename exec x`, `interp alias {} x {} exec`: a command read here, called by another name.
    if ((name === 'rename' || (name === 'interp' && args[0] === 'alias')) && args.some((a) => READ_COMMANDS.test(a)))
      reading.computed ??= `${name} ${args.join(' ')}`.slice(0, 60);
    out.push([name || head.text, ...rest.map((w) => w.value)]);
    const first = EVALUATING[name]?.(args) ?? -1;
    if (first >= 0 && first < rest.length) {
      const joined = rest.slice(first);
      if (runs && joined.some(computedWord)) reading.computed ??= `${name} ${args.join(' ')}`.slice(0, 60);
      else readScript(joined.map((w) => w.text).join(' '), reading, out, depth + 1, runs);
      continue;
    }
    const scripts = scriptArgs(name, args);
    for (let k = 0; k < rest.length; k++) {
      const w = rest[k];
      if (scripts.includes(k) && computedWord(w) && runs) reading.computed ??= `${name} … ${w.text}`.slice(0, 60);
      else if (scripts.includes(k)) readScript(w.text, reading, out, depth + 1, runs);
      else if (w.kind === 'brace' && !DATA_COMMANDS.has(name)) readScript(w.text, reading, out, depth + 1, false);
    }
  }
}

/** Tcl's `file` subcommands, for the unique prefixes Tcl's ensembles accept (`file del` is `file delete`). */
const FILE_SUBCOMMANDS = [
  'atime',
  'attributes',
  'channels',
  'copy',
  'delete',
  'dirname',
  'executable',
  'exists',
  'extension',
  'home',
  'isdirectory',
  'isfile',
  'join',
  'link',
  'lstat',
  'mkdir',
  'mtime',
  'nativename',
  'normalize',
  'owned',
  'pathtype',
  'readable',
  'readlink',
  'rename',
  'rootname',
  'separator',
  'size',
  'split',
  'stat',
  'system',
  'tail',
  'tempdir',
  'tempfile',
  'tildeexpand',
  'type',
  'volumes',
  'writable',
];
const MAX_PATHS = 64;

function fileSubcommand(word: string | undefined): string | undefined {
  if (!word) return undefined;
  if (FILE_SUBCOMMANDS.includes(word)) return word;
  const hits = FILE_SUBCOMMANDS.filter((s) => s.startsWith(word));
  return hits.length === 1 ? hits[0] : undefined;
}

/** `file attributes`' options and the shell command each setting amounts to. */
const ATTRIBUTE_COMMANDS: Readonly<Record<string, string>> = {
  '-permissions': 'chmod',
  '-owner': 'chown',
  '-group': 'chgrp',
};

/**
 * The shell commands a Tcl command of the file table amounts to, each as its argv (a write as `tee`), or undefined
 * when it is none of them. Tcl 8 expands `~` in a path as the shell does.
 */
export function tclFileCommand(name: string, args: readonly string[]): string[][] | undefined {
  if (name === 'open') return openCommand(args);
  if (name !== 'file') return undefined;
  const sub = fileSubcommand(args[0]);
  const rest = args.slice(1, 1 + MAX_PATHS);
  switch (sub) {
    case 'delete': {
      const paths = rest.filter((a) => a !== '-force' && a !== '--');
      return paths.length ? [[...(rest.includes('-force') ? ['rm', '-rf'] : ['rm', '-f']), ...paths]] : undefined;
    }
    case 'copy':
    case 'rename': {
      const paths = rest.filter((a) => a !== '-force' && a !== '--');
      return paths.length ? [[...(sub === 'copy' ? ['cp', '-r'] : ['mv']), ...paths]] : undefined;
    }
    case 'mkdir':
      return rest.length ? [['mkdir', '-p', ...rest]] : undefined;
    case 'link': {
      // `file link ?-symbolic|-hard? LINK TARGET` makes LINK; with no target it only reads one. Without a type Tcl
      // makes the link the platform prefers: symbolic on Unix, hard on Windows.
      const type = rest[0] === '-symbolic' || rest[0] === '-hard' ? rest[0] : undefined;
      const [link, target] = type ? rest.slice(1) : rest;
      if (link === undefined || target === undefined) return undefined;
      const kinds = type ? [type === '-symbolic'] : [true, false];
      return kinds.map((symbolic) => lnArgv(target, link, symbolic));
    }
    case 'attributes': {
      const [file, ...options] = rest;
      const out: string[][] = [];
      for (let k = 0; file !== undefined && k + 1 < options.length; k += 2) {
        const program = ATTRIBUTE_COMMANDS[options[k]];
        if (program) out.push([program, options[k + 1], file]);
      }
      return out.length ? out : undefined;
    }
    default:
      return undefined;
  }
}

/** `open FILE ?ACCESS?`: a write when ACCESS writes (`w`, `a`, `r+`, `{WRONLY CREAT}`); `open "|cmd …"` runs cmd. */
function openCommand(args: readonly string[]): string[][] | undefined {
  const [file, access = 'r'] = args;
  if (file === undefined) return undefined;
  if (file.startsWith('|')) {
    const argv = file.slice(1).trim().split(/\s+/).filter(Boolean);
    return argv.length ? [argv] : undefined;
  }
  const writes = /^[wa]|\+/.test(access) || /\b(?:WRONLY|RDWR|CREAT|TRUNC|APPEND)\b/.test(access);
  if (!writes) return undefined;
  return [/^a|\bAPPEND\b/.test(access) ? ['tee', '-a', file] : ['tee', file]];
}
