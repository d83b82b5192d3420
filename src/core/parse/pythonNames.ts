// Python reaches a module's functions without spelling `os.system(`: the module
// imported by a string (`__import__("os")`, `importlib.import_module("os")`),
// the function fetched by name (`getattr(os, "system")`), imported under
// another name (`from shutil import rmtree as r`) or bound to one
// (`f, p = shutil.rmtree, "/x"`). The code reader (interpreters.ts) reads calls
// by their dotted names, so these spellings are rewritten to them first. A name
// bound to a function is followed through one binding only; a name rebound
// later is still read as the first function (a call read is never lost).

/** Names followed in one piece of code: far more than hand-written code binds functions to. */
const MAX_NAMES = 64;

const IMPORT_BY_STRING = /\b(?:__import__|importlib\s*\.\s*import_module)\s*\(\s*['"]([\w.]+)['"]\s*\)/g;
const GETATTR = /\bgetattr\s*\(\s*([A-Za-z_][\w.]*)\s*,\s*['"](\w+)['"]\s*\)/g;
const FROM_IMPORT = /^[ \t]*from\s+([\w.]+)\s+import\s+\(?([^)\n;]+)\)?/gm;
/** `a = mod.fn`, `a, b = mod.fn, "x"`: names on the left, dotted names (not calls) on the right. */
const BINDING = /(?:^|[;\n])[ \t]*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!=)\s*([^\n;]+)/g;
const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/;

export function pythonCallNames(code: string): string {
  if (!/__import__|import_module|getattr|\bimport\b|=/.test(code)) return code;
  const out = code.replace(IMPORT_BY_STRING, '$1').replace(GETATTR, '$1.$2');
  const names = new Map<string, string>();
  let m: RegExpExecArray | null;
  FROM_IMPORT.lastIndex = 0;
  while ((m = FROM_IMPORT.exec(out)) && names.size < MAX_NAMES) {
    for (const part of m[2].split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (/^\w+$/.test(name ?? '')) names.set((alias ?? name).trim(), `${m[1]}.${name}`);
    }
  }
  BINDING.lastIndex = 0;
  while ((m = BINDING.exec(out)) && names.size < MAX_NAMES) {
    const left = m[1].split(/\s*,\s*/);
    const right = m[2]
      .trim()
      .replace(/^\(|\)$/g, '')
      .split(/\s*,\s*/);
    if (left.length !== right.length) continue;
    left.forEach((name, k) => {
      const value = right[k].trim();
      if (DOTTED.test(value) && !names.has(name)) names.set(name, names.get(value.split('.')[0]) ?? value);
    });
  }
  for (const [name, target] of names) {
    // `from os import remove`: `remove(…)` is os.remove, which the reader only reads on its module; a name the
    // reader knows bare (`system`, `rmtree`) needs nothing.
    if (
      name === target.split('.').pop() &&
      !/^(?:remove|delete|rm|rmdir|unlink|replace|move|rename|copy|link|symlink)$/.test(name)
    )
      names.delete(name);
  }
  if (!names.size) return out;
  // One pass for every name: a large module binds many attributes to names.
  const call = new RegExp(String.raw`(?<![\w.])(${[...names.keys()].join('|')})\s*\(`, 'g');
  return out.replace(call, (_m, name: string) => `${names.get(name)}(`);
}
