// The builtins and assignments that change variables the shell itself acts
// on: AgentGuard's own settings and the terminal gate's footing (reported
// wherever they are written, by `X=`, `printf -v`, `read`, `mapfile` or a
// name reference), values only known at run time, and `BASH_ALIASES`, whose
// elements are aliases.
import { arrayKey, runtimeValue, UNKNOWN } from '../dynamic';
import type { Redirect } from '../../types';
import { guardVariableFinding } from '../guardVariables';
import { loaderVariableFinding } from '../loaderVariables';
import { NAMEREF, setVar, type Scope, type Walker } from '../normalize/scope';
import { defineAliases } from './aliases';
import { own } from '../../text/own';
import { noteHistoryFile } from './historyFile';

export function noteGuardVariable(name: string, how: 'sets' | 'unsets', w: Walker): void {
  const f = guardVariableFinding(name, how);
  if (f) w.addFinding(f);
}

/** Builtins that set variables to values only known at run time: `read c`, `printf -v c`, `mapfile a`, `declare -n r=x`. */
export function setRuntimeVars(
  argv: readonly string[],
  scope: Scope,
  w: Walker,
  redirects: readonly Redirect[] = [],
  dynamic: readonly boolean[] = [],
): void {
  const prog = argv[0];
  if (!RUNTIME_SETTERS.has(prog)) return;
  let names: string[] = [];
  if (prog === 'read')
    names = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !READ_VALUE_OPTS.has(all[i - 1] ?? ''));
  else if (prog === 'printf' && argv[1] === '-v' && argv[2]) names = [argv[2]];
  else if ((prog === 'mapfile' || prog === 'readarray') && argv.length > 1) names = [argv[argv.length - 1]];
  else if (prog === 'getopts' && argv[2]) names = [argv[2]];
  else if ((prog === 'declare' || prog === 'local' || prog === 'typeset') && argv.some((a) => /^-[a-zA-Z]*n/.test(a))) {
    names = argv
      .slice(1)
      .filter((a) => !a.startsWith('-'))
      .map((a) => a.split('=')[0]);
    // A name reference writes the variable it names: noted, so that a later `ref=…` sets that one too (setVar).
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq < 0 || a.startsWith('-')) continue;
      noteGuardVariable(a.slice(eq + 1), 'sets', w);
      if (/^[A-Za-z_]\w*$/.test(a.slice(0, eq)) && /^[A-Za-z_]\w*$/.test(a.slice(eq + 1)))
        setVar(scope, NAMEREF + a.slice(0, eq), a.slice(eq + 1));
    }
  }
  // `read k < FILE`, `mapfile a < FILE`: the value is FILE's text, as `k=$(< FILE)` holds it, so a credential
  // file read so and sent on is judged as that substitution sent is.
  const from =
    prog === 'printf' || prog === 'getopts'
      ? undefined
      : [...redirects].reverse().find((r) => r.op === '<' && r.fd === 0);
  for (const n of names) {
    noteGuardVariable(n, 'sets', w);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) continue;
    const value = from
      ? UNKNOWN + `$(< ${from.target})` + UNKNOWN
      : ((prog === 'printf' ? printfValue(argv, dynamic) : undefined) ?? runtimeValue(n));
    setVar(scope, n, value);
    setVar(scope, arrayKey(n), value);
  }
}

/** Bounds the times `printf` reuses its format for the arguments left over. */
const MAX_PRINTF_ROUNDS = 16;

/**
 * What `printf -v NAME FORMAT ARG…` stores when FORMAT has only `%s`, `%d`, `%%` and `\n`-style escapes and
 * every word is known: `printf -v t %s ~/.bashrc` holds that path. Undefined for anything else (run time).
 */
function printfValue(argv: readonly string[], dynamic: readonly boolean[]): string | undefined {
  if (argv[1] !== '-v' || argv.length < 4 || dynamic.slice(3).some(Boolean)) return undefined;
  const [format, args] = [argv[3], argv.slice(4)];
  if (/%(?![sd%])/.test(format) || /\\(?![ntr\\])/.test(format)) return undefined;
  let out = '';
  let used = 0;
  for (let round = 0; round < MAX_PRINTF_ROUNDS; round++) {
    out += format.replace(/%([sd%])|\\([ntr\\])/g, (_m, spec: string | undefined, esc: string | undefined) =>
      spec === '%'
        ? '%'
        : spec
          ? (args[used++] ?? '')
          : esc === 'n'
            ? '\n'
            : esc === 't'
              ? '\t'
              : esc === 'r'
                ? '\r'
                : '\\',
    );
    if (used >= args.length || !/%[sd]/.test(format)) return out;
  }
  return undefined;
}

const RUNTIME_SETTERS = new Set(['read', 'printf', 'mapfile', 'readarray', 'getopts', 'declare', 'local', 'typeset']);
const READ_VALUE_OPTS = new Set(['-d', '-n', '-N', '-p', '-t', '-u', '-i']);

/** `BASH_ALIASES[ll]='rm -rf ~'` defines an alias without the alias builtin. */
export function aliasAssignment(name: string, value: string, scope: Scope, w: Walker): void {
  const m = /^BASH_ALIASES\[['"]?([^\]'"]+)['"]?\]$/.exec(name);
  if (m) defineAliases(['alias', `${m[1]}=${value}`], scope, w);
}

/** `export -p`, `declare -x`: nothing but options. */
export function printsOnly(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) if (!argv[i].startsWith('-')) return false;
  return true;
}

/** A loader variable set on the line, judged by what it adds: `X=NEW:$X` puts NEW first, what `$X` held was there before. */
export function noteLoaderVariable(name: string, value: string, scope: Scope, w: Walker): void {
  const before = own(scope.vars, name);
  const added =
    before && value.length > before.length && value.endsWith(':' + before)
      ? value.slice(0, value.length - before.length - 1)
      : value;
  const f = loaderVariableFinding(name, added, { tempDirs: w.ctx.tempDirs, cwd: scope.cwd, home: w.ctx.home });
  if (f) w.addFinding(f);
  noteHistoryFile(name, value, scope, w);
}
