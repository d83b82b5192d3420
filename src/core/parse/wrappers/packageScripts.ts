// A project's package.json scripts as the package managers find them: the
// nearest package.json from the working directory up to the workspace root,
// and a script written earlier on the line (`npm pkg set scripts.x=…`) over
// the file's.
import * as path from 'node:path';
import { arrayKey } from '../dynamic';
import type { Scope, Walker } from '../normalize/scope';
import { parsedOnce } from '../../text/parsedOnce';
import { own } from '../../text/own';

/** A package.json's string scripts (undefined: not JSON); parsed once per text, a batch runs `npm …` line after line. */
export const scriptsOf = parsedOnce((text: string): Readonly<Record<string, string>> | undefined => {
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, unknown> };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(pkg.scripts ?? {})) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return undefined;
  }
});

/** The scripts of the nearest package.json from `from` (the working directory) up to the workspace root. */
export function packageScripts(
  scope: Scope,
  w: Walker,
  from = scope.cwd,
): Readonly<Record<string, string>> | undefined {
  let dir = from;
  for (let k = 0; k < 16; k++) {
    const text = w.ctx.readFile(path.join(dir, 'package.json'), scope.cwd);
    if (text !== undefined) return scriptsOf(text);
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The script `name`: one written earlier on the line (only into the working directory's package.json) or the file's. */
export function scriptBody(
  scope: Scope,
  scripts: Readonly<Record<string, string>> | undefined,
  name: string,
  written = true,
): string | undefined {
  return (written ? scope.vars[arrayKey('npm-script.' + name)] : undefined) ?? own(scripts, name);
}
