// Code that reaches a shell-out by a route the code reader cannot name
// (codeRoutes.ts), and code that evaluates its stdin: `perl -e 'eval <STDIN>'
// < f` runs f as Perl, as `perl < f` would, so it is read as that; stdin known
// only at run time (the terminal, a file not there to read) is asked about.
import * as fs from 'node:fs';
import type { Finding } from '../../types';
import type { Language } from '../interpreters';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { resolveShellPath } from '../../command/paths';

const PROGRAM: Readonly<Partial<Record<Language, string>>> = {
  perl: 'perl',
  python: 'python3',
  ruby: 'ruby',
  node: 'node',
  php: 'php',
};

function readableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Where the command's stdin comes from is known and can be read: piped text, a here-document, a file there to read. */
function stdinKnown(p: Pending, scope: Scope, w: Walker): boolean {
  if (p.stdin !== undefined || p.stdinFrom) return true;
  const from = p.redirects.filter((r) => r.fd === 0 && r.op === '<').pop();
  if (!from) return false;
  return readableFile(resolveShellPath(scope.cwd, from.target, scope.vars.HOME ?? w.ctx.home));
}

/**
 * Code that evaluates the files named after it rather than stdin: Perl's `<>` / `<<>>` / `<ARGV>` read each file
 * of @ARGV in turn (stdin only when there is none), `do shift` / `require $ARGV[0]` run the first; Ruby's ARGF is
 * Perl's `<>`, and `load ARGV[0]` runs the file.
 */
const EVALS_NAMED_FILES: Readonly<Partial<Record<Language, RegExp>>> = {
  perl: /<<?(?:ARGV)?>>?|\b(?:do|require)\b\s*\(?\s*(?:shift\b|\$ARGV\s*\[)/,
  ruby: /\bARGF\b|\b(?:load|require)\b\s*\(?\s*ARGV\b/,
};

/** Most files named after the code that are read as code; past it the call is asked about. */
const MAX_NAMED_FILES = 8;

/** Where the words after the code start: past the inline code (`-e CODE`) or the script file, and the options. */
function namedFiles(p: Pending): { files: string[]; dynamic: boolean } {
  const files: string[] = [];
  let dynamic = false;
  let inline = false;
  let script = false;
  for (let i = 1; i < p.argv.length && i < 64; i++) {
    const a = p.argv[i];
    if (!script && (a === '--eval' || /^-[A-Za-z]*[eEcr]$/.test(a))) {
      inline = true;
      i++;
    } else if (!script && a.startsWith('-') && a !== '-') continue;
    else if (!inline && !script) script = true;
    else {
      script = true;
      files.push(a);
      dynamic ||= p.dynamic[i] ?? false;
    }
  }
  return { files, dynamic };
}

/** Reads the stdin the code evaluates as code of the same language; asks when it is not known before it runs. */
export function emitStdinCode(
  language: Language,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  code: string,
): void {
  const program = PROGRAM[language];
  const named = program && EVALS_NAMED_FILES[language]?.test(code) ? namedFiles(p) : undefined;
  // `perl -e 'eval <>' x.pl`: the files named are the code, each read as `perl x.pl` would read it.
  if (program && named && named.files.length > 0) {
    if (named.dynamic || named.files.length > MAX_NAMED_FILES)
      w.addFinding({
        id: 'exec.piped-code',
        summary: `${via} evaluates the files named after it, which are only known when it runs`,
        severity: 50,
        alternative: 'run the file itself, after reading it',
      });
    else
      for (const file of named.files)
        w.emit(
          { ...p, argv: [program, file], dynamic: [false, false], source: `${via}: code read from ${file}` },
          scope,
        );
    return;
  }
  if (program && stdinKnown(p, scope, w)) {
    w.emit({ ...p, argv: [program, '-'], dynamic: [false, false], source: `${via}: code read on stdin` }, scope);
    return;
  }
  w.addFinding({
    id: 'exec.piped-code',
    summary: `${via} evaluates the code it reads on stdin, which is only known when it runs`,
    severity: 50,
    alternative: 'write the code to a file, read it, then run the file',
  });
}

/** The code reaches commands by a route only known at run time. */
export function unknownRouteFinding(via: string, why: string): Parameters<Walker['addFinding']>[0] {
  return {
    id: 'exec.obfuscated-code',
    summary: `${via} ${why}, so nobody can read what it runs before it runs`,
    severity: 60,
    alternative: 'call the function by its own name, or run the plain command',
  };
}

/**
 * A shell or interpreter fed its program by `< FILE` that could not be read first: a file not there yet, a FIFO
 * another command of the line fills (`mkfifo f; bash < f & echo … > f`), a device. What it runs is unknown.
 */
export function unreadStdinFile(p: Pending, via: string, w: Walker): undefined {
  const from = p.redirects.filter((r) => r.fd === 0 && r.op === '<').pop();
  if (from && from.target !== '/dev/null' && !from.target.startsWith('<('))
    w.addFinding({
      id: 'exec.piped-code',
      summary: `${via} runs the code it reads from ${from.target}, which cannot be read before it runs`,
      target: from.target,
      severity: 50,
      alternative: 'write the commands to a file, read it, then run the file',
    });
  return undefined;
}

/** `P | bash`: code nobody reads here. A coprocess's input is what later commands write to its descriptor. */
export function pipedCodeFinding(from: readonly string[], via: string): Finding {
  const what = from[0]?.startsWith('>&') ? 'later commands write to it' : `'${from.join(' ').slice(0, 60)}' prints`;
  return {
    id: 'exec.piped-code',
    summary: `runs whatever ${what} as code with ${via}`,
    severity: 50,
    alternative: 'write the commands to a file, read it, then run it',
  };
}
