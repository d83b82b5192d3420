// Environment makers write the activate scripts of the environment they make
// with their own fixed text: `python3 -m venv .venv && source .venv/bin/activate`
// sources what venv wrote, not a file an earlier command may have changed.
// Only the maker's own writes are left out; any other command earlier on the
// line that may change the file still makes sourcing it ask (madeOnLine.ts).
import * as path from 'node:path';
import type { SimpleCommand } from '../../types';

/** Words of one maker looked at, at most. */
const MAX_WORDS = 64;

/** Options of each maker that take a value: the word after them is not a folder. */
const PY_VENV_VALUED = new Set(['--prompt']);
const VIRTUALENV_VALUED = new Set([
  '-p',
  '--python',
  '--prompt',
  '--activators',
  '--discovery',
  '--creator',
  '--seeder',
]);
const UV_VENV_VALUED = new Set([
  '-p',
  '--python',
  '--prompt',
  '--index-url',
  '--extra-index-url',
  '-i',
  '--directory',
  '--project',
  '--cache-dir',
  '--config-file',
  '--index-strategy',
  '--link-mode',
  '--exclude-newer',
  '--keyring-provider',
  '--color',
]);

/** The folders named after `from`, leaving out options and their values; undefined when a word is not known here. */
function folders(c: SimpleCommand, from: number, valued: ReadonlySet<string>): string[] | undefined {
  const out: string[] = [];
  for (let k = from; k < c.argv.length; k++) {
    if (k >= MAX_WORDS || c.dynamic[k]) return undefined;
    const a = c.argv[k];
    if (a === '--') {
      out.push(...c.argv.slice(k + 1, MAX_WORDS));
      return c.dynamic.slice(k + 1).some(Boolean) ? undefined : out;
    }
    if (a.startsWith('-')) {
      if (valued.has(a)) k++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The environment folders `c` makes (`python3 -m venv DIR`, `virtualenv DIR`, `uv venv [DIR]`, `conda create -p DIR`). */
export function madeEnvironments(c: SimpleCommand): string[] {
  if (c.dynamic[0]) return [];
  const prog = c.argv[0] ?? '';
  if (/^python(?:\d+(?:\.\d+)*)?$/.test(prog)) {
    // `python3 -I -m venv DIR`: interpreter flags, then the module.
    let m = 1;
    while (m < c.argv.length && m < MAX_WORDS && c.argv[m] !== '-m' && /^-[A-Za-z]+$/.test(c.argv[m])) m++;
    if (c.argv[m] !== '-m' || c.argv[m + 1] !== 'venv' || c.dynamic[m + 1]) return [];
    return folders(c, m + 2, PY_VENV_VALUED) ?? [];
  }
  if (prog === 'virtualenv') return folders(c, 1, VIRTUALENV_VALUED) ?? [];
  if (prog === 'uv' && c.argv[1] === 'venv' && !c.dynamic[1]) {
    const named = folders(c, 2, UV_VENV_VALUED);
    if (!named) return [];
    return named.length > 0 ? named : ['.venv'];
  }
  if ((prog === 'conda' || prog === 'mamba' || prog === 'micromamba') && c.argv[1] === 'create') {
    for (let k = 2; k < c.argv.length && k < MAX_WORDS; k++) {
      if (c.dynamic[k]) continue;
      const a = c.argv[k];
      if ((a === '-p' || a === '--prefix') && !c.dynamic[k + 1] && c.argv[k + 1]) return [c.argv[k + 1]];
      if (a.startsWith('--prefix=')) return [a.slice('--prefix='.length)];
    }
  }
  return [];
}

/** Whether `c` makes an environment whose own activate script is `abs` (DIR/bin/activate, activate.fish, …). */
export function writesOwnActivate(c: SimpleCommand, abs: string): boolean {
  const name = path.basename(abs);
  const bin = path.dirname(abs);
  if (!name.startsWith('activate') || !['bin', 'Scripts'].includes(path.basename(bin))) return false;
  const env = path.dirname(bin);
  return madeEnvironments(c).some((d) => path.resolve(c.cwd, d) === env);
}
