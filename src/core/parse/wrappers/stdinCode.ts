// Code that reaches a shell-out by a route the code reader cannot name
// (codeRoutes.ts), and code that evaluates its stdin: `perl -e 'eval <STDIN>'
// < f` runs f as Perl, as `perl < f` would, so it is read as that; stdin known
// only at run time (the terminal, a file not there to read) is asked about.
import * as fs from 'node:fs';
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

/** Reads the stdin the code evaluates as code of the same language; asks when it is not known before it runs. */
export function emitStdinCode(language: Language, p: Pending, scope: Scope, w: Walker, via: string): void {
  const program = PROGRAM[language];
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
