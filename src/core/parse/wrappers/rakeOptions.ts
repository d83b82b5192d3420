// rake's options that say where it runs and what it loads: `-C DIR`
// (`--directory`) enters DIR before anything, so DIR's Rakefile and DIR's tests
// are what run; `-f FILE` (`--rakefile`) loads FILE in place of the Rakefile.
// A folder or file known only at run time leaves what runs unread: asked.
// `-e CODE` (`--execute`, `-p`/`--execute-print`, `-E`/`--execute-continue`)
// runs CODE as Ruby first: judged as `ruby -e CODE`.
// Without a Rakefile in the working folder rake looks up the parent folders
// for one and runs from the folder it is found in, as `-C` would.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';
import { RAKEFILES } from './rakeSuites';
import { shellWord } from '../../text/shellWord';

const DIRECTORY = /^(?:-C|--directory)(=?)(.*)$/;
const RAKEFILE = /^(?:-f|--rakefile)(=?)(.*)$/;
const EXECUTE = /^(?:-e|--execute|-p|--execute-print|-E|--execute-continue)(=?)(.*)$/;

/** The option at `i` matching `re`, with the index of its value's word: its own (`-CDIR`, `--directory=DIR`) or the next. */
function valued(p: Pending, i: number, re: RegExp): { value: string; at: number; own: boolean } | undefined {
  const m = re.exec(p.argv[i]);
  if (!m) return undefined;
  // `-Cdir` only for the short form: `--directoryX` is no option of rake's.
  if (m[2] && !m[1] && p.argv[i].startsWith('--')) return undefined;
  if (m[1] || m[2]) return { value: m[2], at: i, own: true };
  return p.argv[i + 1] === undefined ? undefined : { value: p.argv[i + 1], at: i + 1, own: false };
}

/**
 * `rake -C DIR …`: the same call run in DIR, the option dropped. A folder or a Rakefile named only at run time asks
 * (the default Rakefile is not what runs).
 */
export function unwrapRakeOptions(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  let named = false;
  for (let i = 1; i < p.argv.length; i++) {
    if (p.argv[i] === '--') break;
    const code = valued(p, i, EXECUTE);
    if (code) {
      const inner: Scope = { ...scope, via: [...scope.via, 'rake -e'], depth: scope.depth + 1 };
      w.walkText(`ruby -e ${p.dynamic[code.at] ? `"${code.value}"` : shellWord(code.value)}`, inner, true);
      i = code.at;
      continue;
    }
    // `-N`: no search of the parent folders.
    if (NO_SEARCH.test(p.argv[i])) named = true;
    const dir = valued(p, i, DIRECTORY);
    const file = dir ? undefined : valued(p, i, RAKEFILE);
    const found = dir ?? file;
    if (!found) continue;
    if (p.dynamic[found.at]) {
      const what = dir ? 'the folder `rake -C` enters' : 'the Rakefile `rake -f` loads';
      w.addFinding(
        parseFinding(
          'parse.too-complex',
          60,
          `${what} is known only at run time: the tasks it runs were not read, so a human must look at it`,
        ),
      );
      return undefined;
    }
    if (!dir) {
      named = true;
      i = found.at;
      continue;
    }
    const keep = (_: unknown, k: number) => k < i || k > found.at;
    return {
      kind: 'command',
      next: { ...p, argv: p.argv.filter(keep), dynamic: p.dynamic.filter(keep) },
      via: 'rake -C',
      cwd: found.value,
    };
  }
  const up = named ? undefined : rakefileAbove(scope, w);
  return up === undefined
    ? undefined
    : { kind: 'command', next: p, via: 'rake (Rakefile of a parent folder)', cwd: up };
}

const NO_SEARCH = /^(?:-N|--nosearch|--no-search)$/;
/** Parent folders looked at for a Rakefile, as rake walks up from the working folder. */
const MAX_LEVELS = 16;

/** The nearest parent folder holding a Rakefile, when the working folder holds none. */
function rakefileAbove(scope: Scope, w: Walker): string | undefined {
  const has = (dir: string) => RAKEFILES.some((f) => w.ctx.readFile(path.join(dir, f), scope.cwd) !== undefined);
  let dir = path.resolve(scope.cwd);
  if (has(dir)) return undefined;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    if (has(dir)) return dir;
  }
  return undefined;
}
