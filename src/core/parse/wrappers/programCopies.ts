// A system program under another name: `cp /bin/rm ./d && ./d -rf ~` or a
// copy made in an earlier call (`./tool -c 'rm -rf ~'` where tool is bash).
// A compiled program is judged by its name, and a name the agent chose says
// nothing; what the file is decides what it does. So a compiled program
// outside the system's folders is judged as the system program it is a copy
// of: one copied on the line from a path the line names, or one on disk whose
// bytes are those of a program of the system folders on PATH
// (guard/programCopies.ts).
import * as path from 'node:path';
import type { AnalysisContext } from '../../types';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { programName } from './common';
import { copyOnLine, namedBefore, unknownSource } from './madeOnLine';

/** Where the system's own programs live (pathScripts.ts reads these by name, not by text). */
export const SYSTEM_PROGRAMS = /^\/(?:usr|bin|sbin|lib|lib32|lib64|libexec|opt|snap|nix)\//;
/** PATH folders indexed, and earlier commands on a line looked at, at most. */
const MAX_FOLDERS = 8;
/** The system program a file on disk is a copy of, among the system folders of PATH. */
function sameProgram(file: string, env: Record<string, string>, ctx: AnalysisContext): string | undefined {
  if (!ctx.programCopyOf) return undefined;
  const dirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((f) => SYSTEM_PROGRAMS.test(f + '/'));
  const name = ctx.programCopyOf(file, dirs.slice(0, MAX_FOLDERS));
  return name === undefined ? undefined : programName(name);
}

/** The source of a copy an earlier command on the line lands at `file` (`cp /bin/rm ./d`, `install -m755 /bin/sh x`). */
export function copiedOnLine(file: string, w: Walker): string | undefined {
  return copyOnLine(file, w)?.from;
}

/**
 * The system program a compiled program run by its path is a copy of, when it is one: the name to judge its words
 * by. `src` is where its bytes are now: the file itself, or the source of a copy the line makes (`copied`); `exists`
 * says that file is on disk and compiled.
 */
export function systemProgramCopy(
  src: string,
  copied: boolean,
  exists: boolean,
  p: Pending,
  scope: Scope,
  w: Walker,
): string | undefined {
  const file = path.resolve(scope.cwd, src);
  if (copied) {
    // `cp /bin/r? ./d`: which program the pattern names is known only when it runs (asked: madeOnLineUnread).
    if (/[*?[]/.test(src)) return undefined;
    const real = w.ctx.realpath?.(file) ?? file;
    if (SYSTEM_PROGRAMS.test(real) || SYSTEM_PROGRAMS.test(file)) return programName(file);
  }
  if (!exists) return undefined;
  // A link into the system's folders (`~/.local/bin/pyx` → /usr/bin/python3) is that program.
  const real = w.ctx.realpath?.(file) ?? file;
  return SYSTEM_PROGRAMS.test(real) ? programName(real) : sameProgram(real, p.env, w.ctx);
}

/** Programs that build a program from source: what they make is the project's own code, compiled, as on any call. */
export const BUILDERS = new Set([
  'gcc',
  'g++',
  'cc',
  'c++',
  'clang',
  'clang++',
  'tcc',
  'gfortran',
  'ld',
  'as',
  'nasm',
  'go',
  'rustc',
  'cargo',
  'zig',
  'nim',
  'ghc',
  'cabal',
  'stack',
  'swiftc',
  'swift',
  'crystal',
  'dmd',
  'ldc2',
  'dub',
  'fpc',
  'odin',
  'javac',
  'dotnet',
  'make',
  'cmake',
  'ninja',
  'meson',
  'bazel',
  'bun',
  'deno',
  'npm',
  'pnpm',
  'yarn',
  'chmod',
  'chown',
  'strip',
  'upx',
]);

/**
 * `curl -o x URL && ./x`, `cat /bin/rm > x && ./x`, `dd if=/bin/rm of=x && ./x`: a program missing now that an
 * earlier command on the line (not a build) names or writes is unknown until the line runs, as `bash install.sh` after
 * its download is. Asked about; a copy of a system program is judged as that program instead (systemProgramCopy).
 */
export function madeOnLineUnread(raw: string, p: Pending, scope: Scope, w: Walker): boolean {
  const file = path.resolve(scope.cwd, raw);
  const named =
    w.written.has(file) ||
    w.writtenUnknown.has(file) ||
    namedBefore(w, p, (t) => t === file, '', { anyWord: true, skip: (prog) => BUILDERS.has(prog) });
  if (named) unknownSource(w, raw, raw, 'a program an earlier command on the line makes, not known before it runs');
  return named;
}
