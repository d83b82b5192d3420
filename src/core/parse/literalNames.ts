/**
 * Names in a piece of code bound once to a path the reader can spell out: a
 * string literal, the home folder, or a join of those (`p = '/home/u/.bashrc'`,
 * `const p = os.homedir() + '/.bashrc'`, `my $p = '/etc/x'`). A write or delete
 * through such a name is judged at that path instead of as an unknown target.
 * A name assigned more than once, or to anything else, stays unknown.
 */

/** Bounds: names looked at, and assignments counted per name. */
const MAX_NAMES = 64;
const MAX_ASSIGNMENTS = 8;

const BINDING =
  /(?<![\w.$])(?:(?:const|let|var|my|our|local)\s+)?(\$?[A-Za-z_]\w{0,63})\s*=(?![=~>])\s*([^;\n]{1,300}?)\s*(?=;|\n|$)/g;

/** Each once-bound name and the path it holds; `resolve` spells a value out, `$(…)` when it cannot. */
export function literalNames(code: string, resolve: (expr: string) => string): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  BINDING.lastIndex = 0;
  let m: RegExpExecArray | null;
  let looked = 0;
  while ((m = BINDING.exec(code)) && looked++ < MAX_NAMES * MAX_ASSIGNMENTS) {
    const name = m[1];
    seen.set(name, (seen.get(name) ?? 0) + 1);
    const value = resolve(m[2].trim());
    if (!value.startsWith('$(') && value !== '' && names.size < MAX_NAMES) names.set(name, value);
  }
  for (const name of [...names.keys()]) {
    const count = seen.get(name) ?? 0;
    const esc = name.replace('$', '\\$');
    // Assigned again (`p = …` twice, `p += …`), or bound by a loop or `as`, it may hold anything.
    const assignments = code.match(new RegExp(`(?<![\\w.$])${esc}\\s*(?:[-+*/|&.]=|=(?![=~>]))`, 'g'))?.length ?? 0;
    const rebound = new RegExp(`\\b(?:for(?:each)?\\s*\\(?\\s*(?:const|let|var|my)?|as)\\s*${esc}\\b`).test(code);
    if (count !== 1 || assignments !== 1 || rebound) names.delete(name);
  }
  return names;
}
