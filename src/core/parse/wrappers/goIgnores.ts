// go.mod's `ignore` directive (Go 1.25): folders the go command leaves out of
// package patterns such as `./...` and `all`. `ignore ./node_modules` names
// one folder from the module's root; `ignore build/gen` any folder of that
// path at any depth. A JavaScript project's node_modules is the usual one:
// go walks it otherwise, and tests any Go package an agent writes there.
import * as path from 'node:path';

/** Entries of one go.mod honoured; those past it are walked, as a folder read too many is safe. */
const MAX_IGNORES = 64;
/** Characters of go.mod looked at. */
const MAX_GO_MOD_CHARS = 64 * 1024;

/** Whether go leaves the folder `dir` (an absolute path below `root`) out of the module's package patterns. */
export function goIgnores(goMod: string, root: string): (dir: string) => boolean {
  const text = goMod.slice(0, MAX_GO_MOD_CHARS).replace(/\/\/[^\n]*/g, '');
  const entries: string[] = [];
  for (const m of text.matchAll(/^[ \t]*ignore[ \t]*(?:\(([^)]*)\)|([^\s(][^\n]*))/gm))
    entries.push(...(m[1] ?? m[2]).split('\n'));
  const rooted = new Set<string>();
  const anywhere: string[] = [];
  for (const raw of entries.slice(0, MAX_IGNORES)) {
    const entry = raw.trim().replace(/^"(.*)"$|^`(.*)`$/, '$1$2');
    if (!entry) continue;
    if (entry.startsWith('./')) rooted.add(path.resolve(root, entry));
    else {
      const tail = entry.replace(/^\/+|\/+$/g, '');
      if (tail) anywhere.push(path.sep + tail.split('/').join(path.sep));
    }
  }
  if (!rooted.size && !anywhere.length) return () => false;
  return (dir) => rooted.has(dir) || anywhere.some((tail) => (path.sep + path.relative(root, dir)).endsWith(tail));
}
