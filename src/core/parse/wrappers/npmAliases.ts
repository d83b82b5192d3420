// Programs that are a package manager under another name. corepack runs the
// one it names (`corepack pnpm clean`); Rush's `rushx NAME` and ni's `nr NAME`
// run a package.json script as `npm run NAME` does, ni's `ni` and `nci`
// install as `npm install` and `npm ci` do (lifecycle scripts included), and
// `nlx` runs a package as npx does: each is read as that call, so the same
// scripts are judged.
import { own } from '../../text/own';
import type { Pending } from '../normalize/scope';
import { slice, type UnwrapStep } from './common';

/** The package managers corepack runs by name. */
const COREPACK_RUNS = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'yarnpkg']);

/** `corepack pnpm …`: the package manager's call; corepack's own commands (`enable`, `use`…) run none. */
export function unwrapCorepack(p: Pending): UnwrapStep | undefined {
  return COREPACK_RUNS.has(p.argv[1] ?? '') ? { kind: 'command', next: slice(p, 1), via: 'corepack' } : undefined;
}

/** Each alias and the npm words it stands for. */
const AS_NPM: Readonly<Record<string, readonly string[]>> = {
  rushx: ['npm', 'run'],
  nr: ['npm', 'run'],
  ni: ['npm', 'install'],
  nci: ['npm', 'ci'],
  nlx: ['npx'],
};

/** `rushx clean` as `npm run clean`, `ni` as `npm install`…; `nr` with no script's name only lists them. */
export function unwrapAsNpm(p: Pending, prog: string): UnwrapStep | undefined {
  const words = own(AS_NPM, prog);
  if (!words) return undefined;
  if (words[1] === 'run' && (p.argv[1] === undefined || p.argv[1].startsWith('-'))) return undefined;
  const next: Pending = {
    ...p,
    argv: [...words, ...p.argv.slice(1)],
    dynamic: [...words.map(() => false), ...p.dynamic.slice(1)],
  };
  return { kind: 'command', next, via: prog };
}
