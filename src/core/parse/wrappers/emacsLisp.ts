// Emacs Lisp that acts on this machine, read out of `emacs --eval EXPR` and
// the files `emacs -l FILE` / `--load` / `--script` load: `(shell-command
// "…")` and the process calls run programs, `(delete-file "F")` and
// `(delete-directory "D" t)` delete, `(write-region … "F")`,
// `(with-temp-file "F" …)`, `(append-to-file … "F")`, `copy-file`,
// `rename-file` and `make-symbolic-link` write. Each is handed back as the
// shell line that does the same (`rm -r D`, `tee -a F`), so the packs judge
// it. A call whose program or file is computed at run time cannot be told: it
// is asked about, as is a named file that cannot be read.
import { optionValues } from '../../command/args';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS } from './common';

/** Forms read in one piece of Lisp, and files loaded by one call: far more than a hand-written one holds. */
const MAX_FORMS = 256;
const MAX_FILES = 16;
const MAX_ARGS = 16;

/** A word for a shell line: `~/` stays expandable (Emacs expands it too), the rest quoted. */
function shellWord(s: string): string {
  const quote = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
  return s === '~' ? '~' : s.startsWith('~/') ? `~/${quote(s.slice(2))}` : quote(s);
}

const unescapeElisp = (s: string): string => s.replace(/\\(.)/g, '$1');

/** The end of the Lisp datum starting at `at` (string, list, quoted datum or atom). */
function datumEnd(text: string, at: number): number {
  let i = at;
  while (text[i] === "'" || text[i] === '`' || text[i] === ',' || text[i] === '#') i++;
  if (text[i] === '"') {
    for (i++; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return text.length;
  }
  if (text[i] === '(' || text[i] === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = datumEnd(text, i) - 1;
      else if (c === ';') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
      else if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && --depth === 0) return i + 1;
    }
    return text.length;
  }
  while (i < text.length && !/[\s()[\]"';]/.test(text[i])) i++;
  return Math.max(i, at + 1);
}

/** The arguments of the form whose head ends at `from`, as written (bounded). */
function formArgs(text: string, from: number): string[] {
  const args: string[] = [];
  let i = from;
  while (args.length < MAX_ARGS) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length || text[i] === ')') break;
    const end = datumEnd(text, i);
    args.push(text.slice(i, end));
    i = end;
  }
  return args;
}

/** A string argument spelled out: `"x"`, `(expand-file-name "x")`, `(concat "a" "b")`; undefined otherwise. */
function literal(arg: string | undefined): string | undefined {
  if (arg === undefined) return undefined;
  const s = /^"((?:[^"\\]|\\.)*)"$/s.exec(arg);
  if (s) return unescapeElisp(s[1]);
  const call = /^\((expand-file-name|concat|file-truename|substitute-in-file-name)\s+([\s\S]*)\)$/.exec(arg);
  if (!call) return undefined;
  const parts = formArgs(call[2], 0).map(literal);
  if (parts.some((p) => p === undefined) || !parts.length) return undefined;
  // expand-file-name NAME DIR: a relative name is under DIR.
  if (call[1] === 'expand-file-name' && parts.length > 1 && !/^[~/]/.test(parts[0]!)) return `${parts[1]}/${parts[0]}`;
  return call[1] === 'concat' ? parts.join('') : parts[0];
}

const nonNil = (arg: string | undefined): boolean => arg !== undefined && !/^'?nil$/.test(arg);

/** The program words of a quoted list or `(list …)`: `'("rm" "-rf" "x")`. */
function listWords(arg: string | undefined): string[] | undefined {
  const m = arg && /^(?:'|\(list\s+)\(?([\s\S]*?)\)?\)?$/.exec(arg);
  if (!m) return undefined;
  const words = formArgs(m[1], 0).map(literal);
  return words.length && words.every((w) => w !== undefined) ? (words as string[]) : undefined;
}

const FORM =
  /\((shell-command(?:-to-string|-on-region)?|async-shell-command|call-process-shell-command|start-process-shell-command|call-process|process-file|process-lines|start-process|start-file-process|make-process|delete-file|delete-directory|write-region|append-to-file|with-temp-file|copy-file|rename-file|copy-directory|make-symbolic-link|add-name-to-file)(?=[\s)])/g;

export interface ElispReading {
  lines: string[];
  /** The calls whose program or file is computed at run time. */
  unknown: string[];
}

/** The shell lines the Lisp amounts to, and the calls it makes that cannot be told. */
export function readElisp(text: string): ElispReading {
  const out: ElispReading = { lines: [], unknown: [] };
  let forms = 0;
  for (const m of text.matchAll(FORM)) {
    if (forms++ >= MAX_FORMS) {
      out.unknown.push(`more than ${MAX_FORMS} such calls`);
      break;
    }
    const fn = m[1];
    const args = formArgs(text, m.index + m[0].length);
    const line = (words: (string | undefined)[]): void => {
      if (words.some((w) => w === undefined)) out.unknown.push(fn);
      else out.lines.push(words.map((w) => shellWord(w!)).join(' '));
    };
    const shellAt = (k: number): void => {
      const cmd = literal(args[k]);
      if (cmd === undefined) out.unknown.push(fn);
      else out.lines.push(cmd);
    };
    if (/^(?:shell-command|async-shell-command|call-process-shell-command)/.test(fn)) shellAt(0);
    else if (fn === 'start-process-shell-command') shellAt(2);
    else if (fn === 'call-process' || fn === 'process-file') line([args[0], ...args.slice(4)].map(literal));
    else if (fn === 'process-lines') line(args.map(literal));
    else if (fn === 'start-process' || fn === 'start-file-process') line(args.slice(2).map(literal));
    else if (fn === 'make-process') {
      const words = listWords(args[args.indexOf(':command') + 1]);
      if (args.includes(':command') && words) line(words);
      else out.unknown.push(fn);
    } else if (fn === 'delete-file') line(['rm', literal(args[0])]);
    else if (fn === 'delete-directory')
      line(nonNil(args[1]) ? ['rm', '-r', literal(args[0])] : ['rmdir', literal(args[0])]);
    else if (fn === 'write-region') line(['tee', ...(nonNil(args[3]) ? ['-a'] : []), literal(args[2])]);
    else if (fn === 'append-to-file') line(['tee', '-a', literal(args[2])]);
    else if (fn === 'with-temp-file') line(['tee', literal(args[0])]);
    else if (fn === 'rename-file') line(['mv', literal(args[0]), literal(args[1])]);
    else if (fn === 'make-symbolic-link') line(['ln', '-s', literal(args[0]), literal(args[1])]);
    else line(['cp', '-r', literal(args[0]), literal(args[1])]);
  }
  return out;
}

/** `--eval EXPR`: the shell lines it amounts to (the call's options, read as typed beside it). */
export function emacsCommands(argv: readonly string[]): string[] {
  return optionValues(argv, ['--eval', '-eval', '--execute']).flatMap((expr) => readElisp(expr).lines);
}

/**
 * The files `-l` / `--load` / `--script` name, read as Lisp; a findings for
 * what cannot be told. A bare library name (`-l ert`) is one of Emacs's own
 * unless a `-L` folder or the working folder holds it.
 */
export function emacsLoadedLines(p: Pending, scope: Scope, w: Walker): string[] {
  const argv = p.argv;
  const home = scope.vars.HOME ?? w.ctx.home;
  const out: string[] = [];
  const unknown = (what: string, target: string) =>
    w.addFinding(parseFinding('system.unread-script', 45, `${argv[0]} runs Emacs Lisp that ${what}`, target));
  for (const expr of optionValues(argv, ['--eval', '-eval', '--execute'])) {
    const reading = readElisp(expr);
    if (reading.unknown.length)
      unknown(`calls ${reading.unknown[0]} with a program or file computed at run time`, reading.unknown[0]);
  }
  const dirs = optionValues(argv, ['-L', '--directory', '-directory']);
  const files = optionValues(argv, ['-l', '--load', '-load', '--script', '-script', '-scriptload', '-x']);
  for (const name of files.slice(0, MAX_FILES)) {
    const file = name.replace(/^~(?=\/|$)/, home);
    const pathLike = /[/]|\.elc?$/.test(name);
    const candidates = pathLike ? [file] : [file, ...dirs.flatMap((d) => [`${d}/${name}.el`, `${d}/${name}`])];
    let text: string | undefined;
    let found: string | undefined;
    for (const c of candidates.slice(0, 2 * MAX_FILES + 1)) {
      text = w.ctx.readFile(c, scope.cwd);
      if (text !== undefined) {
        found = c;
        break;
      }
    }
    // A library of Emacs's own load path (`-l ert`, `-l package`).
    if (!found && !pathLike) continue;
    if (text === undefined || found?.endsWith('.elc') || text.length > MAX_SCRIPT_CHARS) {
      unknown(`is loaded from ${name}, which cannot be read first`, name);
      continue;
    }
    const reading = readElisp(text);
    out.push(...reading.lines);
    if (reading.unknown.length)
      unknown(`in ${name} calls ${reading.unknown[0]} with a program or file computed at run time`, name);
  }
  if (files.length > MAX_FILES)
    unknown(`is loaded from more files than AgentGuard reads (${MAX_FILES})`, files[MAX_FILES]);
  return out;
}
