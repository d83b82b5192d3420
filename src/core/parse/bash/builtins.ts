// The builtins that change the scope of what follows on the line: `cd` and
// `pushd`, `export` / `declare` / `local`, `alias`, `unalias`, `unset`.
import type { Scope, Walker } from '../normalize/scope';
import { setVar, setVars } from '../normalize/scope';
import { resolveShellPath } from '../../command/paths';
import { own } from '../../text/own';
import { ARRAY_SEP, RUN_TIME_CD, runtimeValue, UNKNOWN } from '../dynamic';
import { defineAliases, removeAliases } from './aliases';
import { hashRemapFinding, inChildShell } from '../machinery';
import { noteGuardVariable, noteLoaderVariable, printsOnly, setRuntimeVars } from './variables';
import { fishLaterNames } from '../fish/laterNames';
import { readerCd } from '../readerCd';
import { cannotEnter } from '../normalize/entering';
import { pushedStack, stackBuiltin } from './dirStack';

/**
 * Where `cd WORD` goes when CDPATH is set: bash looks for WORD (a relative name not starting with `.`) in each of
 * CDPATH's folders first, and only then in the working folder. The folder found on disk; a word known only at run
 * time when the disk cannot be asked; undefined when CDPATH plays no part.
 */
function cdPathWord(target: string, from: string, scope: Scope, w: Walker): { cwd: string; word?: string } | undefined {
  const cdpath = own(scope.vars, 'CDPATH');
  if (!cdpath || /^[./~$`]/.test(target) || target.startsWith(UNKNOWN) || target === '-') return undefined;
  if (cdpath.includes(UNKNOWN) || !w.ctx.stat)
    return { cwd: from + '/' + target, word: runtimeValue('CDPATH') + '/' + target };
  for (const entry of cdpath.split(':').slice(0, MAX_CDPATH)) {
    const dir = resolveShellPath(from, `${entry || '.'}/${target}`, own(scope.vars, 'HOME') ?? w.ctx.home);
    if (w.ctx.stat(dir)?.isDir) return { cwd: dir };
  }
  return undefined;
}

/** CDPATH's folders looked in. */
const MAX_CDPATH = 16;

/** zsh's `cd A B`: $PWD with its first A replaced by B; undefined where A is not in it or either is known only at run time. */
function swappedCwd(pwd: string, [a, b]: string[]): string | undefined {
  if (!a || /[$`]/.test(a + b) || (a + b).includes(UNKNOWN) || !pwd.includes(a)) return undefined;
  return pwd.replace(a, b);
}

/** A folder word known only at run time (`"$DIR"`, `$(…)`). */
function runTimeWord(target: string | undefined): boolean {
  return target !== undefined && (target.startsWith(UNKNOWN) || /^[$`]/.test(target));
}

/** Whether `argv` was one of these builtins, now applied to the scope; `exportFunction` walks a function `export -f` hands to every later bash. */
export function scopeBuiltin(
  argv: string[],
  scope: Scope,
  w: Walker,
  home: string,
  exportFunction: (name: string) => void,
): boolean {
  const prog = argv[0];
  if (!scope.remote && stackBuiltin(argv, scope, home)) return true;
  if ((prog === 'cd' || prog === 'pushd') && !scope.remote) {
    const words = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
    const before = scope.cwd;
    // `cd A B`: zsh and ksh enter the folder whose path is $PWD with A replaced by B; bash refuses and stays; dash
    // enters A. The first is read as where the shell goes, the others after the chain (below).
    const swapped = prog === 'cd' && words.length > 1 ? swappedCwd(before, words) : undefined;
    const target = swapped ?? words[0];
    if (target === undefined) scope.cwd = home;
    // `cd -` goes back to OLDPWD, the folder the last `cd` left (the shell's own when the line set none).
    else if (target === '-') scope.cwd = own(scope.vars, 'OLDPWD') ?? scope.cwd;
    // A Windows working directory (Git Bash on Windows) keeps Windows semantics.
    else scope.cwd = resolveShellPath(scope.cwd, target, home);
    // One copy of the environment for all the names `cd` sets (normalize/scope.ts setVars).
    const sets: [string, string | undefined][] = [];
    const searched = target === undefined ? undefined : cdPathWord(target, before, scope, w);
    if (searched !== undefined) scope.cwd = searched.cwd;
    // `cd nothere; ./x`: the shell stays where it was, and what runs after `;` or `||` runs there (walk.ts). What
    // follows in its `&&` chain does not run at all, and is read in the folder named, as before. Not the `cd DIR` a
    // reader adds before a task's lines, which stands for a folder the runner makes or enters itself (readerCd.ts); a
    // `cd` among the task's own lines, in a subshell, `bash -c` or a script run by its path fails as the line's does.
    const reader = readerCd(argv, scope);
    const fails =
      reader || searched !== undefined || target === undefined || target === '-'
        ? undefined
        : cannotEnter(scope.cwd, { target, from: before, home }, w);
    // After a `cd` that may have failed in the same chain (`cd "$D" && cd nothere`), the shell is in either folder.
    const earlier = scope.failedCd;
    if (fails === 'fails')
      scope.failedCd =
        earlier && !earlier.maybe
          ? earlier
          : { chain: w.chain, cwd: before, byCd: true, ...(earlier ? { also: earlier } : {}) };
    // `cd "$DIR"; ./x`, `npm install; cd dist; ./x`: a folder known only at run time, or one an earlier command may
    // make, may not be there, and `./x` then runs where the shell was.
    else if (!reader && (!earlier || earlier.maybe) && (fails === 'maybe' || runTimeWord(target)))
      scope.failedCd = { chain: w.chain, cwd: before, maybe: true, byCd: true, ...(earlier ? { also: earlier } : {}) };
    if (prog === 'cd' && words.length > 1 && !reader) {
      const dash = swapped === undefined ? [] : [resolveShellPath(before, words[0], home)];
      for (const cwd of [...dash, before])
        scope.failedCd = {
          chain: w.chain,
          cwd,
          maybe: true,
          ...(cwd === before ? { byCd: true as const } : {}),
          ...(scope.failedCd ? { also: scope.failedCd } : {}),
        };
    }
    // A later `cd` in the same chain (`cd nothere && cd /tmp; ./x`) does not run either: the record stands until the
    // chain ends (walk.ts), and the shell is still where it was.
    const runTime = own(scope.vars, RUN_TIME_CD)?.split(ARRAY_SEP);
    // `cd "$d"`: git there reads whatever config the folder holds, as with `git -C "$d"` (gitOutsideRepo.ts).
    if (runTimeWord(target)) sets.push([RUN_TIME_CD, scope.cwd + ARRAY_SEP + target]);
    else if (searched?.word !== undefined) sets.push([RUN_TIME_CD, scope.cwd + ARRAY_SEP + searched.word]);
    else if (target === undefined || target === '-' || /^[/~]/.test(target)) sets.push([RUN_TIME_CD, undefined]);
    // `cd "$d" && cd sub`: still below the folder known only at run time.
    else if (runTime?.length === 2 && runTime[0] === before)
      sets.push([RUN_TIME_CD, scope.cwd + ARRAY_SEP + runTime[1] + '/' + target]);
    sets.push(['PWD', scope.cwd], ['OLDPWD', before]);
    // `pushd DIR` remembers the folder it left; `popd` goes back to it.
    if (prog === 'pushd') sets.push(pushedStack(scope, before));
    setVars(scope, sets);
    return true;
  }
  // With nothing but options (`export -p`, `declare -x`), these builtins print variables: a command like any other.
  if (
    (prog === 'export' || prog === 'declare' || prog === 'typeset' || prog === 'local' || prog === 'readonly') &&
    (prog === 'local' || !printsOnly(argv))
  ) {
    // `declare -n ref=x`: a name reference, whose value is whatever `x` holds when used.
    if (argv.some((a) => /^-[a-zA-Z]*n/.test(a))) {
      setRuntimeVars(argv, scope, w);
      return true;
    }
    // `export -f f`: every bash the line starts imports f and runs it wherever its name is called.
    const flags = argv
      .slice(1)
      .filter((a) => a.startsWith('-'))
      .join('');
    if (flags.includes('f') && (prog === 'export' || flags.includes('x'))) {
      for (const a of argv.slice(1)) if (!a.startsWith('-')) exportFunction(a);
      return true;
    }
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) {
        noteLoaderVariable(a.slice(0, eq), a.slice(eq + 1), scope, w);
        setVar(scope, a.slice(0, eq), a.slice(eq + 1));
        noteGuardVariable(a.slice(0, eq), 'sets', w);
      }
    }
    return true;
  }
  if (fishLaterNames(argv, scope, w, exportFunction)) return true;
  if (prog === 'alias') {
    defineAliases(argv, scope, w);
    return true;
  }
  if (prog === 'shopt' && argv.includes('-s') && argv.includes('lastpipe')) w.lastStageInShell = true;
  if (prog === 'hash') hashedProgram(argv, scope, w);
  if (prog === 'unalias') {
    removeAliases(argv, w);
    return true;
  }
  if (prog === 'unset') {
    for (const a of argv.slice(1)) {
      setVar(scope, a, undefined);
      if (!a.startsWith('-')) noteGuardVariable(a, 'unsets', w);
    }
    return true;
  }
  return false;
}

/** Folders a system's own programs are installed in: `hash -p /usr/bin/git git` only pins what PATH finds. */
const SYSTEM_BIN = /^\/(?:usr\/(?:local\/)?)?s?bin\/[^/]+$|^\/opt\/homebrew\/s?bin\/[^/]+$/;

/** `hash -p FILE NAME…`: each NAME then runs FILE wherever it is called, as a planted PATH entry would. */
function hashedProgram(argv: readonly string[], scope: Scope, w: Walker): void {
  let file: string | undefined;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-p') file = argv[++i];
    else if (/^-[a-z]*p./.test(a)) file = a.slice(a.indexOf('p') + 1);
    else if (!a.startsWith('-')) names.push(a);
  }
  if (file === undefined || !names.length) return;
  if (SYSTEM_BIN.test(file) && !file.includes(UNKNOWN)) {
    // A system program under another name: in the terminal's own shell that name stays remapped for later lines.
    const remap = inChildShell(scope.via) ? undefined : hashRemapFinding(file, names);
    if (remap) w.addFinding(remap);
    return;
  }
  w.addFinding({
    id: 'exec.hashed-program',
    summary: `hash -p makes ${names.join(', ')} run ${file.split(UNKNOWN).join('')} wherever the name is called: a program no later command names`,
    target: names[0],
    severity: 60,
    alternative: 'call the program by its own path',
  });
}
