// A script run by its path (`./deploy.sh`, `./y`, `scripts/release`): the
// kernel hands it to the program its `#!` line names, and a text file with no
// `#!` line is run by the shell (execve fails with ENOEXEC and the shell reads
// it). So what decides how it runs is its first line, not its name: a
// `#!/bin/sh` file called `y` runs as surely as `y.sh` does. The file is read
// as the command `INTERPRETER FILE ARGS…` the kernel starts, judged by the
// same reader `bash FILE` or `python3 FILE` goes through.
import * as path from 'node:path';
import { interpreterOf } from '../interpreters';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { Finding } from '../../types';
import { COMMAND_VARIABLES } from '../commandVariables';
import {
  exitsOnFailedExec,
  noteUnreadScript,
  noteUnreadTarget,
  programName,
  SHELLS,
  unreadLargeFile,
  unreadScriptFinding,
  type UnwrapStep,
} from './common';
import { BUILDERS, copiedOnLine, madeOnLineUnread, SYSTEM_PROGRAMS, systemProgramCopy } from './programCopies';
import { changedBefore, unknownSource } from './madeOnLine';
import { COPIERS } from './lineChanges';
import { gitLeaves, gitLeavesWhat } from './gitByPath';
import { readBuiltProgram } from './builtPrograms';
import { scriptFileEnv } from './inlineArgs';

const SHELL_SCRIPT_NAME = /\.(?:sh|bash|zsh)$/;

/** Shells that read a script as the shell reader does; another (fish, nu, tcsh) is judged as `SHELL FILE` is. */
const POSIX_SHELLS = /^(?:sh|bash|zsh|dash|ksh|ash|mksh|yash|posh|oksh|loksh)$/;

/** How far into a file a NUL byte marks it as binary (an ELF or other executable is not read as text). */
const BINARY_PROBE_CHARS = 1024;

/** The longest `#!` line the kernel reads (Linux BINPRM_BUF_SIZE is 256 since 5.1). */
const MAX_SHEBANG_CHARS = 256;

/**
 * The program a file's first line hands it to: the interpreter a `#!` line names (through `/usr/bin/env`, with its
 * options and variable settings skipped), `sh` for text with no `#!` line, undefined for a binary or an empty file.
 */
export function shebangProgram(text: string): string | undefined {
  if (text.length === 0 || text.slice(0, BINARY_PROBE_CHARS).includes('\0')) return undefined;
  if (!text.startsWith('#!')) return 'sh';
  const end = text.indexOf('\n');
  const line = text.slice(2, end < 0 ? undefined : end).slice(0, MAX_SHEBANG_CHARS);
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  let program = programName(words[0]);
  if (program === 'env') {
    // `#!/usr/bin/env -S node --flag`, `#!/usr/bin/env VAR=1 python3`: the first word that is neither an option nor a setting.
    const next = words.slice(1).find((word) => !word.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
    if (next === undefined) return undefined;
    program = programName(next);
  }
  return program;
}

/**
 * A `#!` line that names its program and nothing else (`#!/bin/sh`, `#!/usr/bin/env bash`): no option or setting that
 * changes how the shell runs the file. A file with no `#!` line is run by the caller's shell, options and all.
 */
function bareShebang(text: string): boolean {
  const end = text.indexOf('\n');
  const words = text
    .slice(2, end < 0 ? undefined : end)
    .trim()
    .split(/\s+/);
  return text.startsWith('#!') && (words.length === 1 || (words.length === 2 && programName(words[0]) === 'env'));
}

/** Variables that name a helper program another program starts (GIT_ASKPASS, GIT_SSH, EDITOR, …). */
const HELPER_VARIABLES = new Set(COMMAND_VARIABLES);

/** A helper a variable set on the line names, whose file AgentGuard cannot read: what it runs is unknown. */
function unreadHelperFinding(file: string, variable: string): Finding {
  return {
    id: 'parse.too-complex',
    summary: `${variable} names ${file} as the program to start, and AgentGuard cannot read that file (missing now, unreadable, or not a script): what it runs was not judged`,
    target: file,
    alternative: `point ${variable} at a script in the project that AgentGuard can read, or a program the system installed`,
    severity: 60,
  };
}

function noteUnreadHelper(file: string, variable: string, w: Walker): void {
  noteUnreadTarget(w, file);
  w.addFinding(unreadHelperFinding(file, variable));
}

/**
 * `./y ARGS`: read as `INTERPRETER ./y ARGS` when its first line names a shell or an interpreter AgentGuard reads.
 * `*.sh`, `*.bash`, `*.zsh` files are read as shell whatever their first line, and one larger than the reader reads
 * is asked about, and so is any other file too large to read but a compiled program: a script padded past the
 * bound under another name (`./y`, `./configure`) would otherwise run unread. A helper program a variable set on the line names
 * (`GIT_ASKPASS=/tmp/x git push`, `EDITOR=./e git commit`) is started by the program that reads the variable
 * with no word of its own on the line, so one that cannot be read as a script is asked about too. `copyFrom`: the
 * source of a copy the line lands at the file, where the caller found it (`cp x/wipe ~/.local/bin/ && wipe`).
 */
export function unwrapPathScript(
  raw: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  copyFrom?: string,
): UnwrapStep | undefined {
  if (!raw.includes('/') || p.dynamic[0]) return undefined;
  const abs = path.resolve(scope.cwd, raw);
  const system = SYSTEM_PROGRAMS.test(abs);
  // `git checkout evil && ./bin/run`: it runs as git leaves it (gitByPath.ts).
  const unread = system ? undefined : gitLeaves(raw, p, scope, w);
  if (unread) {
    unknownSource(w, raw, raw, gitLeavesWhat(unread));
    return undefined;
  }
  // `echo "$CODE" > bin/x && bin/x`: what is on disk now is not what runs.
  if (!system && w.writtenUnknown.has(abs)) {
    unknownSource(w, raw, raw, 'a program an earlier command on the line writes with text not known before it runs');
    return undefined;
  }
  // `cargo build && ./target/debug/app`: what runs is the crate's code, read as `cargo run` reads it.
  if (!system) readBuiltProgram(raw, p, scope, w);
  const variable = scope.via[scope.via.length - 1] ?? '';
  const helper = HELPER_VARIABLES.has(variable) && !system;
  // `cp evil.sh ./run && ./run`: what runs is the copy's source, read where it is now (programCopies.ts).
  const from = system ? undefined : (copyFrom ?? copiedOnLine(abs, w));
  const src = from ?? raw;
  // `sed -i … bin/x && bin/x`, `tar -xf a.tar && ./run`: it runs as the earlier command leaves it, not as it is now.
  // A build's output is the project's own code; a copy's source is read where it is (above).
  const skip = (prog: string) => BUILDERS.has(prog) || (from !== undefined && COPIERS.has(prog));
  if (!system && (changedBefore(raw, scope, w, p, raw, skip) || (from && changedBefore(from, scope, w, p, raw, skip))))
    return undefined;
  if (SHELL_SCRIPT_NAME.test(raw)) {
    const script = w.ctx.readFile(src, scope.cwd);
    if (script !== undefined)
      return { kind: 'script', text: script, via: raw, lenient: true, alsoEmit: true, ...scriptFileEnv(p, raw) };
    noteUnreadScript(src, script, scope, w, raw);
    if (helper && !w.unreadTargets?.has(raw)) noteUnreadHelper(raw, variable, w);
    return undefined;
  }
  // A program the system installed (`/usr/bin/pip3`, `/usr/sbin/update-rc.d`) is judged by its name, as before: its
  // file is not read (`/bin/rm` is some 60 KB, read again for every line that names it).
  if (system) return undefined;
  const text = w.ctx.readFile(src, scope.cwd);
  const compiled = text === undefined || text.slice(0, 4).includes('ELF') ? compiledAt(src, scope, w) : false;
  // `cp /bin/rm ./d && ./d -rf ~`, or bash copied as `./tool`: judged as the system program it is (programCopies.ts).
  const copyOf =
    compiled !== false ? systemProgramCopy(src, from !== undefined, compiled === true, p, scope, w) : undefined;
  if (copyOf !== undefined) return asProgram(copyOf, raw, p);
  if (compiled === undefined && madeOnLineUnread(raw, p, scope, w)) return undefined;
  if (text === undefined) {
    // A compiled program (`./target/release/app`) is not a script at any size: it runs as a program, read by name.
    if (unreadLargeFile(raw, scope, w) && compiled !== true) {
      noteUnreadTarget(w, raw);
      w.addFinding(unreadScriptFinding(raw, raw));
    } else if (helper) noteUnreadHelper(raw, variable, w);
    return undefined;
  }
  const program = shebangProgram(text);
  if (program === undefined || (!SHELLS.has(program) && !interpreterOf(program))) {
    if (helper) noteUnreadHelper(raw, variable, w);
    return undefined;
  }
  // Read for what it plainly does (what it deletes, sends, runs by name); a program it names only at run time
  // (`exec "$JAVACMD" "$@"` in a build wrapper) is left to run time, as the whole file was before it was read.
  if (POSIX_SHELLS.test(program)) {
    const ends = bareShebang(text) && exitsOnFailedExec([program], 1, p.env);
    const step = {
      ...({ kind: 'script', text, via: raw, lenient: true, alsoEmit: true, runTimeProgramsQuiet: true } as const),
      ...scriptFileEnv(p, raw),
    };
    return ends ? { ...step, execEnds: true } : step;
  }
  return {
    kind: 'command',
    next: { ...p, argv: [program, raw, ...p.argv.slice(1)], dynamic: [false, false, ...p.dynamic.slice(1)] },
    via: raw,
    // The program is still judged by its own name too (`/opt/x/bin/pip install …` is pip's install).
    recordOuter: true,
  };
}

function compiledAt(raw: string, scope: Scope, w: Walker): boolean | undefined {
  return w.ctx.compiledProgram?.(path.resolve(scope.cwd, raw));
}

/** `./d ARGS` read as `PROGRAM ARGS`, the program it is a copy of; still judged by its own name too. */
function asProgram(program: string, raw: string, p: Pending): UnwrapStep {
  return {
    kind: 'command',
    next: { ...p, argv: [program, ...p.argv.slice(1)], dynamic: [false, ...p.dynamic.slice(1)] },
    via: raw,
    recordOuter: true,
  };
}
