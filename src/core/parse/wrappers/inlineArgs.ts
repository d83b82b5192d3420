// `sh -c SCRIPT NAME ARG…`: the words after the script are its `$0` and its
// positional parameters, so `"$1"` in SCRIPT is the first of them:
// `sh -c 'echo … >> "$1"' _ ~/.bashrc` appends to ~/.bashrc. A word known only
// at run time stays unknown inside the script, as `set -- "$X"` leaves it.
import { positionalVars, UNKNOWN } from '../dynamic';
import type { Pending } from '../normalize/scope';

/** The environment an inline script runs with: the command's own, plus `$0` and the positionals; none without words. */
export function inlineScriptEnv(p: Pending, scriptAt: number): { env?: Record<string, string> } {
  const words = p.argv.slice(scriptAt + 1);
  if (!words.length) return {};
  const marked = words.map((v, k) => (p.dynamic[scriptAt + 1 + k] && !v.includes(UNKNOWN) ? UNKNOWN + v + UNKNOWN : v));
  return { env: { ...p.env, ...positionalVars(marked.slice(1)), '0': marked[0] } };
}
