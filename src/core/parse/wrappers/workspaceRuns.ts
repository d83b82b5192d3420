// The workspace packages a monorepo tool runs a script in: `pnpm -r run x`
// and `pnpm --filter app x`, `bun --filter app x`, `yarn workspaces foreach
// run x` (and yarn 1's `yarn workspaces run x`), `lerna run x`. Each picked
// package's script of that name runs in its folder, as `npm run x -w app`
// does; the packages come from the root's package.json `workspaces`,
// pnpm-workspace.yaml or lerna.json (npmWorkspaces.ts). A filter that names no
// package exactly (`@acme/*`, `...web`, `./apps/**`) reads every package.
import { workspaceFolders } from './npmWorkspaces';
import type { Pending, Scope, Walker } from '../normalize/scope';

/** What a workspace run reads: the script `name` with `args`, in each of `dirs`. */
export interface WorkspaceRun {
  dirs: string[];
  name: string;
  args: string[];
  via: string;
}

/** The packages every pick names (exact names or folders), or every package when one of them names none exactly. */
function picked(values: readonly string[], scope: Scope, w: Walker, via: string): string[] {
  const exact = values.length ? workspaceFolders(values, false, scope, w, via) : [];
  return values.length && exact.length === values.length ? exact : workspaceFolders([], true, scope, w, via);
}

/** pnpm's `-r`/`--recursive` and `--filter`/`-F`, bun's `--filter`/`-F`, among the words before a script's name. */
export function filteredRun(
  pm: string,
  before: readonly string[],
  name: string,
  args: string[],
  scope: Scope,
  w: Walker,
): WorkspaceRun | undefined {
  let all = false;
  const filters: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    if (pm === 'pnpm' && (a === '-r' || a === '--recursive')) all = true;
    else if (a === '--filter' || a === '-F' || a === '--filter-prod') {
      if (before[i + 1] !== undefined) filters.push(before[++i]);
    } else if (/^--filter(?:-prod)?=/.test(a)) filters.push(a.slice(a.indexOf('=') + 1));
  }
  if (!all && !filters.length) return undefined;
  const via = `${pm} ${all ? '-r' : '--filter'} ${name}`;
  return { dirs: picked(all ? [] : filters, scope, w, via), name, args, via };
}

/** yarn's `workspaces foreach` options that take a value (berry's). */
const FOREACH_VALUED = new Set(['--from', '--include', '--exclude', '-j', '--jobs', '--since']);

/** `yarn workspaces foreach [options] [run] NAME …` and yarn 1's `yarn workspaces run NAME …`: every package. */
export function yarnWorkspacesRun(
  argv: readonly string[],
  at: number,
  scope: Scope,
  w: Walker,
): WorkspaceRun | undefined {
  let i = at + 1;
  if (argv[i] === 'foreach') {
    i++;
    while (i < argv.length && argv[i].startsWith('-')) i += FOREACH_VALUED.has(argv[i]) ? 2 : 1;
    if (argv[i] === 'run') i++;
  } else if (argv[i] === 'run') i++;
  else return undefined;
  const name = argv[i];
  if (name === undefined) return undefined;
  const via = `yarn workspaces ${name}`;
  return { dirs: workspaceFolders([], true, scope, w, via), name, args: argv.slice(i + 1), via };
}

/** lerna's options that take a value. */
const LERNA_VALUED = new Set([
  '--scope',
  '--ignore',
  '--concurrency',
  '--since',
  '--stream-prefix',
  '--profile-location',
]);

/** `lerna run NAME [options]`: the packages `--scope` names, else every one. Its own options are lerna's. */
export function lernaRun(p: Pending, scope: Scope, w: Walker): WorkspaceRun | undefined {
  const argv = p.argv;
  if (argv[1] !== 'run') return undefined;
  let name: string | undefined;
  const scopes: string[] = [];
  const args: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--scope' && argv[i + 1] !== undefined) scopes.push(argv[++i]);
    else if (a.startsWith('--scope=')) scopes.push(a.slice(8));
    else if (LERNA_VALUED.has(a)) i++;
    else if (!a.startsWith('-') && name === undefined) name = a;
  }
  if (name === undefined) return undefined;
  const via = `lerna run ${name}`;
  return { dirs: picked(scopes, scope, w, via), name, args, via };
}

/** `yarn workspace NAME …`: yarn's call run in that package's folder; undefined when no package is named so. */
export function yarnWorkspaceFolder(argv: readonly string[], at: number, scope: Scope, w: Walker): string | undefined {
  const name = argv[at + 1];
  if (name === undefined) return undefined;
  return workspaceFolders([name], false, scope, w, `yarn workspace ${name}`)[0];
}
