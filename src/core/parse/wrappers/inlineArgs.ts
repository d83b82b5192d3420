// `sh -c SCRIPT NAME ARG…`: the words after the script are its `$0` and its
// positional parameters, so `"$1"` in SCRIPT is the first of them:
// `sh -c 'echo … >> "$1"' _ ~/.bashrc` appends to ~/.bashrc. A word known only
// at run time stays unknown inside the script, as `set -- "$X"` leaves it.
import { arrayKey, positionalVars, UNKNOWN } from '../dynamic';
import type { Pending } from '../normalize/scope';

/** The environment an inline script runs with: the command's own, plus `$0` and the positionals; none without words. */
export function inlineScriptEnv(p: Pending, scriptAt: number): { env?: Record<string, string> } {
  const words = p.argv.slice(scriptAt + 1);
  if (!words.length) return {};
  const marked = words.map((v, k) => (p.dynamic[scriptAt + 1 + k] && !v.includes(UNKNOWN) ? UNKNOWN + v + UNKNOWN : v));
  return { env: { ...p.env, ...positionalVars(marked.slice(1)), '0': marked[0] } };
}

/**
 * The environment a shell script file runs with: the command's own, with `$0` and `${BASH_SOURCE[0]}` the script's path
 * as the command names it, so `cd "$(dirname "$0")/.."` at its top goes to a folder known before it runs. Its
 * positional parameters are left as they were: a script given none reads them as unknown, never as empty.
 */
export function scriptFileEnv(p: Pending, file: string): { env: Record<string, string> } {
  return { env: { ...p.env, '0': file, BASH_SOURCE: file, [arrayKey('BASH_SOURCE')]: file } };
}
