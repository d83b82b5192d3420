// The builtins that change the scope of what follows on the line: `cd` and
// `pushd`, `export` / `declare` / `local`, `alias`, `unalias`, `unset`.
import type { Scope, Walker } from '../normalize/scope';
import { setVar } from '../normalize/scope';
import { resolveShellPath } from '../../command/paths';
import { defineAliases, removeAliases } from './aliases';
import { noteGuardVariable, noteLoaderVariable, printsOnly, setRuntimeVars } from './variables';

/** Whether `argv` was one of these builtins, now applied to the scope; `exportFunction` walks a function `export -f` hands to every later bash. */
export function scopeBuiltin(
  argv: string[],
  scope: Scope,
  w: Walker,
  home: string,
  exportFunction: (name: string) => void,
): boolean {
  const prog = argv[0];
  if ((prog === 'cd' || prog === 'pushd') && !scope.remote) {
    const target = argv.slice(1).find((a) => !a.startsWith('-') || a === '-');
    if (target === undefined) scope.cwd = home;
    // A Windows working directory (Git Bash on Windows) keeps Windows semantics.
    else if (target !== '-') scope.cwd = resolveShellPath(scope.cwd, target, home);
    setVar(scope, 'PWD', scope.cwd);
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
  if (prog === 'alias') {
    defineAliases(argv, scope, w);
    return true;
  }
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
