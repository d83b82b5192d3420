// A package manager told to act in another folder (`npm --prefix DIR run x`,
// `npm -C DIR ci`, `pnpm -C DIR build`, `pnpm --dir DIR install`, `yarn --cwd
// DIR clean`, `bun --cwd DIR run x`) runs that folder's package.json scripts,
// as `cd DIR && npm run x` does: the call is read again there, without the
// option, so the scripts judged are the ones that run.
import type { Pending, Scope, Walker } from '../normalize/scope';
import { resolveShellPath } from '../../command/paths';
import type { UnwrapStep } from './common';
import { own } from '../../text/own';
import { folderOptionAt, type FolderOption, unreadRunnerFolder } from './runnerFolders';

/** Each package manager's options naming the folder it acts in. */
const FOLDER_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  npm: ['--prefix', '-C'],
  pnpm: ['-C', '--dir'],
  yarn: ['--cwd'],
  bun: ['--cwd'],
};

/**
 * Options of pnpm, yarn and bun that take the next word as their value, before the command or a script's name
 * (pnpm's `-w` is `--workspace-root`, a flag: taking `clean` for its value would leave `pnpm -w clean` unread).
 */
const VALUED_BY_PM: Readonly<Record<string, ReadonlySet<string>>> = {
  pnpm: new Set(['-C', '--dir', '--filter', '-F', '--filter-prod', '--workspace-dir', '--reporter', '--loglevel']),
  yarn: new Set([
    '--cwd',
    '--cache-folder',
    '--modules-folder',
    '--global-folder',
    '--link-folder',
    '--preferred-cache-folder',
    '--mutex',
    '--network-timeout',
    '--network-concurrency',
    '--use-yarnrc',
    '--proxy',
    '--https-proxy',
  ]),
  bun: new Set([
    '--cwd',
    '--filter',
    '-F',
    '--preload',
    '-r',
    '--config',
    '-c',
    '--env-file',
    '--shell',
    '--elide-lines',
  ]),
};
const NONE: ReadonlySet<string> = new Set();

/** Whether `pm`'s option `word` takes the next word as its value. */
export function takesValue(pm: string, word: string): boolean {
  return (own(VALUED_BY_PM, pm) ?? NONE).has(word);
}

/**
 * The last folder option of pnpm, yarn or bun among the options before the command, and (`pnpm run --dir DIR x`)
 * those between `run` and the script's name: the words after the name are the script's.
 */
function leadingFolderOption(argv: readonly string[], pm: string, names: readonly string[]): FolderOption | undefined {
  let found: FolderOption | undefined;
  let i = 1;
  for (let pass = 0; pass < 2; pass++) {
    while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '--') {
      found = folderOptionAt(argv, i, names) ?? found;
      i += takesValue(pm, argv[i]) ? 2 : 1;
    }
    if (argv[i] !== 'run' && argv[i] !== 'run-script') break;
    i++;
  }
  return found;
}

/**
 * The call read again in the folder its option names: npm's with the option's value written as that folder's
 * absolute path (a pack reading `--prefix` sees where it points, and the call read there moves no further), the
 * others' without the option; undefined when it names none, names the folder the call stands in, or npm's
 * `--prefix` names where global packages go (`stays`). A folder known only at run time is asked about: the scripts that run there were not read.
 */
export function packageFolderStep(
  p: Pending,
  pm: string,
  scope: Scope,
  w: Walker,
  npm?: { folder?: FolderOption; stays: boolean },
): UnwrapStep | undefined {
  const names = own(FOLDER_OPTIONS, pm);
  if (!names) return undefined;
  const option = npm ? npm.folder : leadingFolderOption(p.argv, pm, names);
  if (!option || npm?.stays) return undefined;
  const { at, words, valueAt, value } = option;
  if (value === undefined || value === '') return undefined;
  const name = p.argv[at].split('=')[0];
  const via = `${pm} ${name}`;
  if (p.dynamic[valueAt]) return unreadRunnerFolder(w, via, 'names a folder known only at run time');
  const dir = resolveShellPath(scope.cwd, value, scope.vars.HOME ?? w.ctx.home);
  if (dir === scope.cwd) return undefined;
  if (!npm) {
    // pnpm's, yarn's and bun's readers know fewer of their options than npm's: the option goes, so its value is
    // never taken for a script's or a file's name.
    const keep = (_: unknown, k: number) => k < at || k >= at + words;
    return {
      kind: 'command',
      next: { ...p, argv: p.argv.filter(keep), dynamic: p.dynamic.filter(keep) },
      via,
      cwd: dir,
    };
  }
  const argv = [...p.argv];
  if (words === 1) argv[at] = `${name}=${dir}`;
  else argv[valueAt] = dir;
  return { kind: 'command', next: { ...p, argv }, via, cwd: dir };
}
