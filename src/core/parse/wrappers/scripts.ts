// Commands a project defines by name: npx/bunx packages, package.json
// scripts, and git aliases. Each is read from the project and judged as the
// command it stands for.
import { pkgSetScripts } from '../../command/pkgSet';
import * as path from 'node:path';
import { arrayKey } from '../dynamic';
import { gitAliasKey } from '../gitSettings';
import { type Pending, type Scope, setVar, type Walker } from '../normalize/scope';
import { packageBin, slice, type UnwrapStep } from './common';
import { own } from '../../text/own';
import { packageScripts, scriptBody } from './packageScripts';
import { lifecycleEvents } from './lifecycle';
import { type NpmCall, readNpmCall } from './npmCall';
import { workspaceFolders } from './npmWorkspaces';
import { packageFolderStep, takesValue } from './packageFolder';
import { filteredRun, lernaRun, type WorkspaceRun, yarnWorkspaceFolder, yarnWorkspacesRun } from './workspaceRuns';
import { unreadRunnerFolder } from './runnerFolders';
import { candidateNames, fillsAtRunTime } from './runTimeNames';

export { scriptsOf } from './packageScripts';

/** Options of npx / `npm exec` / `pnpm dlx` that take the next word as their value (`--registry URL`). */
const NPX_VALUE_OPTIONS = new Set([
  '--registry',
  '--cache',
  '--userconfig',
  '--prefix',
  '-w',
  '--workspace',
  '--node-options',
  '--shell',
]);
/** Options naming where the package comes from or how its source is checked: the wrapper's own call is judged too. */
const NPX_SOURCE_OPTION = /^--(?:registry|@[^:=\s]+:registry|strict-ssl|no-strict-ssl)(?:=|$)/;

const NPX_SOURCE_ENV =
  /^(?:npm_config_(?:@[^:]+:)?registry|npm_config_strict_ssl|yarn_registry|yarn_npm_registry_server)$/i;

export function unwrapNpx(p: Pending, from: number, via: string): UnwrapStep | undefined {
  const argv = p.argv;
  let i = from;
  let pkg: string | undefined;
  // A registry set in the environment (`npm_config_registry=… npx x`) names the source as the option does.
  let source = Object.keys(p.env).some((k) => NPX_SOURCE_ENV.test(k));
  let ended = false;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    source ||= NPX_SOURCE_OPTION.test(a);
    if (NPX_VALUE_OPTIONS.has(a) || /^--@[^:=\s]+:registry$/.test(a)) {
      i += 2;
      continue;
    }
    if (a === '-c' || a === '--call') return argv[i + 1] ? { kind: 'script', text: argv[i + 1], via } : undefined;
    if (a === '-p' || a === '--package') {
      pkg = argv[i + 1];
      i += 2;
      continue;
    }
    if (a.startsWith('--package=')) {
      pkg = a.slice(10);
      i++;
      continue;
    }
    if (a === '--') {
      ended = true;
      i++;
      break;
    }
    i++;
  }
  if (i >= argv.length) return undefined;
  void pkg;
  const next = slice(p, i);
  next.argv = [packageBin(next.argv[0]), ...next.argv.slice(1)];
  // npm's parser takes the line's first `--` as its own: `npm exec turbo -- run x` runs `turbo run x`.
  if (!ended && (via === 'npx' || via === 'npm exec') && next.argv[1] === '--') {
    next.argv.splice(1, 1);
    next.dynamic = [next.dynamic[0], ...next.dynamic.slice(2)];
  }
  return source ? { kind: 'command', next, via, recordOuter: true } : { kind: 'command', next, via };
}

/**
 * Task runners whose own readers read the tasks they run (buildTaskRunners.ts). yarn, pnpm and bun run a
 * package's bin by its name when no script has that name: `pnpm turbo run x` is read as `turbo run x`.
 */
export const TASK_RUNNER_BINS: ReadonlySet<string> = new Set(['turbo', 'nx', 'cargo-make', 'makers']);

/** Scripts that `npm <name>` runs without `run`, by npm's names for them. */
const DIRECT_SCRIPTS: Readonly<Record<string, string>> = {
  test: 'test',
  t: 'test',
  tst: 'test',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
};
/** npm's names of `run-script`. */
const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn', 'run-scripts']);

export function unwrapPackageManager(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const pm = argv[0];
  // npm's options may stand anywhere (`npm run build -w app`): its own parser places each word.
  const npm = pm === 'npm' ? readNpmCall(argv) : undefined;
  const moved = packageFolderStep(p, pm, scope, w, npm && { folder: npm.folder, stays: globalPlace(npm) });
  if (moved) return moved;
  let i = 1;
  if (npm) i = npm.operandAt[0] ?? argv.length;
  else while (i < argv.length && argv[i].startsWith('-')) i += takesValue(pm, argv[i]) ? 2 : 1;
  const sub = argv[i];
  const lifecycle = lifecycleStep(pm, argv, i, npm, scope, w);
  if (lifecycle) return lifecycle.step;
  if (sub === undefined) return undefined;
  // `npm pkg set scripts.x="…"`: a script defined now, which `npm run x` later on the line runs.
  const written = pkgSetScripts(argv);
  if (written.length || (sub === 'pkg' && argv[i + 1] === 'set')) {
    for (const { name, value } of written) setVar(scope, arrayKey('npm-script.' + name), value);
    return undefined;
  }
  if (
    (pm === 'npm' && (sub === 'exec' || sub === 'x')) ||
    ((pm === 'pnpm' || pm === 'yarn') && (sub === 'dlx' || sub === 'exec')) ||
    (pm === 'bun' && sub === 'x')
  ) {
    return unwrapNpx(p, i + 1, `${pm} ${sub}`);
  }
  if (npm) return npmRun(npm, p.dynamic, scope, w);
  if (pm === 'yarn' && sub === 'workspace') return yarnWorkspace(p, i, scope, w);
  if (pm === 'yarn' && sub === 'workspaces') {
    const run = yarnWorkspacesRun(argv, i, scope, w);
    return run && packagesRun(run, scope, w);
  }
  let name: string | undefined;
  let nameAt = i;
  let argsFrom = i + 1;
  if (sub === 'run' || sub === 'run-script' || sub === 'run-scripts') {
    let j = i + 1;
    // `pnpm run --filter app build`: an option's value is no script's name.
    while (j < argv.length && argv[j].startsWith('-')) j += takesValue(pm, argv[j]) ? 2 : 1;
    name = argv[j];
    nameAt = j;
    argsFrom = j + 1;
  } else if (!(pm === 'bun' && BUN_OWN_COMMANDS.has(sub))) {
    // yarn/pnpm/bun run a script by its bare name when it is not a built-in command.
    name = sub;
  }
  if (name === undefined) return undefined;
  let extra = argv.slice(argsFrom);
  if (extra[0] === '--') extra = extra.slice(1);
  // `pnpm -r build`, `pnpm --filter app build`, `bun --filter app build`: each picked package's script.
  const filtered =
    pm === 'pnpm' || pm === 'bun' ? filteredRun(pm, argv.slice(1, nameAt), name, extra, scope, w) : undefined;
  const inPackages = filtered && packagesRun(filtered, scope, w);
  if (inPackages) return inPackages;
  const scripts = packageScripts(scope, w);
  if (p.dynamic[nameAt]) {
    const text = runTimeScripts(scripts, name, extra.length ? ' ' + extra.join(' ') : '', `${pm} run`, w);
    return text === undefined ? undefined : { kind: 'script', text, via: `${pm} run ${name}` };
  }
  const body = scriptBody(scope, scripts, name);
  if (body === undefined)
    return TASK_RUNNER_BINS.has(name) ? { kind: 'command', next: slice(p, nameAt), via: `${pm} ${name}` } : undefined;
  const text = withHooks(scripts, name, body + (extra.length ? ' ' + extra.join(' ') : ''));
  return { kind: 'script', text, via: `${pm} run ${name}` };
}

/** A workspace run (workspaceRuns.ts): each picked package's script of that name, with its hooks, in its folder. */
function packagesRun(run: WorkspaceRun, scope: Scope, w: Walker): UnwrapStep | undefined {
  const lines: string[] = [];
  const args = run.args.length ? ' ' + run.args.join(' ') : '';
  for (const dir of run.dirs) {
    const scripts = packageScripts(scope, w, dir);
    if (fillsAtRunTime(run.name)) {
      // `pnpm -r run "$S"`, `lerna run "$S"`: each script the word could name, in each package picked.
      const text = runTimeScripts(scripts, run.name, args, run.via, w);
      if (text !== undefined) lines.push(inFolder(dir, text, scope));
      continue;
    }
    const body = scriptBody(scope, scripts, run.name, dir === scope.cwd);
    if (body !== undefined) lines.push(inFolder(dir, withHooks(scripts, run.name, body + args), scope));
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via: run.via } : undefined;
}

/** `lerna run NAME`: the script of each package lerna picks. */
export function unwrapLernaRun(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const run = lernaRun(p, scope, w);
  return run && packagesRun(run, scope, w);
}

/** `yarn workspace NAME …`: the rest of the call, run by yarn in that package's folder. */
function yarnWorkspace(p: Pending, at: number, scope: Scope, w: Walker): UnwrapStep | undefined {
  if (p.dynamic[at + 1]) return unreadRunnerFolder(w, 'yarn workspace', 'names a package known only at run time');
  const dir = yarnWorkspaceFolder(p.argv, at, scope, w);
  if (dir === undefined) return undefined;
  const next: Pending = { ...p, argv: ['yarn', ...p.argv.slice(at + 2)], dynamic: [false, ...p.dynamic.slice(at + 2)] };
  return { kind: 'command', next, via: `yarn workspace ${p.argv[at + 1]}`, cwd: dir };
}

/** `pre<name>`, the script, `post<name>`: npm, pnpm (with enable-pre-post-scripts), yarn 1 and bun run all three. */
function withHooks(scripts: Readonly<Record<string, string>> | undefined, name: string, body: string): string {
  return [own(scripts, `pre${name}`), body, own(scripts, `post${name}`)]
    .filter((x): x is string => typeof x === 'string')
    .join(' && ');
}

/**
 * An npm call whose `--prefix` is where global packages go (`npm i -g --prefix ~/.local ./tool`, `npm link`): its
 * operands stay where it stands. A script run is not one: npm's `--prefix` on the command line is its local
 * prefix even with `-g` (@npmcli/config's loadLocalPrefix), so `npm run x -g --prefix DIR` runs DIR's script.
 */
function globalPlace(npm: NpmCall): boolean {
  const sub = npm.operands[0];
  if (sub !== undefined && (NPM_RUN.has(sub) || own(DIRECT_SCRIPTS, sub) !== undefined)) return false;
  return npm.global || sub === 'link' || sub === 'ln';
}

/**
 * `npm run NAME ARGS`, `npm test`, `npm restart`: the script of the package the working directory is in, or of
 * each package `-w`/`-ws` picks, run in its folder. npm's own options are npm's, not the script's arguments.
 */
function npmRun(npm: NpmCall, dynamic: readonly boolean[], scope: Scope, w: Walker): UnwrapStep | undefined {
  const [sub, ...rest] = npm.operands;
  const run = NPM_RUN.has(sub);
  const name = run ? rest[0] : own(DIRECT_SCRIPTS, sub);
  if (name === undefined) return undefined;
  const runTime = run && dynamic[npm.operandAt[1]] === true;
  const args = [...(run ? rest.slice(1) : rest), ...npm.passed];
  const via = `npm run ${name}`;
  const picked = npm.workspaces.length > 0 || npm.allWorkspaces;
  const dirs = picked ? workspaceFolders(npm.workspaces, npm.allWorkspaces, scope, w, via) : [scope.cwd];
  const lines: string[] = [];
  for (const dir of dirs) {
    const scripts = packageScripts(scope, w, dir);
    const body = runTime ? undefined : scriptBody(scope, scripts, name, dir === scope.cwd);
    let text: string | undefined;
    if (runTime) text = runTimeScripts(scripts, name, args.length ? ' ' + args.join(' ') : '', 'npm run', w);
    else if (body !== undefined) text = withHooks(scripts, name, body + (args.length ? ' ' + args.join(' ') : ''));
    // `npm restart` with no restart script runs stop, then start.
    else if (name === 'restart') {
      const here = dir === scope.cwd;
      const both = ['stop', 'start'].flatMap((n) => {
        const b = scriptBody(scope, scripts, n, here);
        return b === undefined ? [] : [withHooks(scripts, n, b)];
      });
      if (both.length) text = both.join(' && ');
    }
    if (text !== undefined) lines.push(inFolder(dir, text, scope));
  }
  return lines.length ? { kind: 'script', text: lines.join('\n'), via } : undefined;
}

/**
 * The scripts a name known only at run time could run (`npm run "$S"`, `yarn run "build:$ENV"`): each one it
 * matches, with its hooks, one line each; more than are read asks. None matching: the run fails, running nothing.
 */
function runTimeScripts(
  scripts: Readonly<Record<string, string>> | undefined,
  word: string,
  args: string,
  via: string,
  w: Walker,
): string | undefined {
  const names = candidateNames(w, via, word, Object.keys(scripts ?? {}), 'runs the package script');
  const lines = names.map((n) => withHooks(scripts, n, (own(scripts, n) ?? '') + args));
  return lines.length ? lines.join('\n') : undefined;
}

/** A script run in `dir`: a subshell that enters it, unless it is the working directory already. */
function inFolder(dir: string, text: string, scope: Scope): string {
  return dir === scope.cwd ? text : `(cd '${dir.replace(/'/g, `'\\''`)}' &&\n${text}\n)`;
}

/**
 * What a package manager's own command runs of the project's package.json on its own (lifecycle.ts): `npm
 * install`, `npm pack`, `npm version patch`, `yarn publish`… Undefined: the command is none of those; a `step`
 * left undefined: it is, and runs no script here (`--ignore-scripts`, an install of named packages with pnpm).
 */
function lifecycleStep(
  pm: string,
  argv: readonly string[],
  at: number,
  npm: NpmCall | undefined,
  scope: Scope,
  w: Walker,
): { step: UnwrapStep | undefined } | undefined {
  const sub = argv[at];
  const found = lifecycleEvents(pm, sub, npm ? npm.operands[1] : argv[at + 1]);
  if (!found) return undefined;
  const operands = npm
    ? npm.operands.slice(found.words)
    : argv.slice(at + found.words).filter((a) => !a.startsWith('-'));
  const ignore = npm ? npm.ignoreScripts : argv.some((a) => /^--ignore-scripts(?:=true)?$/.test(a));
  if (ignore) return { step: undefined };
  const via = found.words ? [pm, ...argv.slice(at, at + found.words)].join(' ') : `${pm} install`;
  let dirs = [scope.cwd];
  let events = operands.length ? found.events.named : found.events.bare;
  // `npm pack ./lib`, `npm publish .`: a folder named is the package packed, its scripts run.
  if (operands.length && found.events.local) {
    const local = operands
      .map((o) => path.resolve(scope.cwd, o))
      .filter((d) => w.ctx.readFile(path.join(d, 'package.json'), scope.cwd) !== undefined);
    if (local.length) [dirs, events] = [local, found.events.bare];
  }
  if (npm && (npm.workspaces.length || npm.allWorkspaces))
    dirs = workspaceFolders(npm.workspaces, npm.allWorkspaces, scope, w, via);
  if (!events) return { step: undefined };
  const lines: string[] = [];
  for (const dir of dirs) {
    const scripts = packageScripts(scope, w, dir);
    const parts = events
      .map((n) => scriptBody(scope, scripts, n, dir === scope.cwd))
      .filter((x): x is string => typeof x === 'string');
    if (parts.length) lines.push(inFolder(dir, parts.join(' && '), scope));
  }
  // The command itself is judged too: `npm publish` publishes, whatever scripts it runs first.
  return { step: lines.length ? { kind: 'script', text: lines.join('\n'), via, alsoEmit: true } : undefined };
}

/**
 * bun's own commands that never run the package.json script of that name (`bun test` is bun's test runner, `bun
 * build` its bundler; `bun run test` runs the script). `install` and the other commands that run lifecycle scripts
 * are not among them.
 */
const BUN_OWN_COMMANDS = new Set(['test', 'build', 'repl', 'upgrade', 'outdated', 'info', 'audit', 'why', 'pm']);

/** Git's own commands; anything else may be an alias. */
const GIT_BUILTINS = new Set(
  'add am annotate apply archive bisect blame branch bundle cat-file check-attr check-ignore check-mailmap check-ref-format checkout checkout-index cherry cherry-pick citool clean clone column commit commit-graph commit-tree config count-objects credential daemon describe diff diff-files diff-index diff-tree difftool fast-export fast-import fetch fetch-pack filter-branch filter-repo fmt-merge-msg for-each-ref format-patch fsck gc get-tar-commit-id grep gui hash-object help index-pack init instaweb interpret-trailers log ls-files ls-remote ls-tree mailinfo mailsplit maintenance merge merge-base merge-file merge-index merge-tree mergetool mktag mktree mv name-rev notes pack-objects pack-refs prune prune-packed pull push range-diff read-tree rebase reflog remote repack replace request-pull rerere reset restore rev-list rev-parse revert rm send-email shortlog show show-branch show-ref sparse-checkout stash status submodule switch symbolic-ref tag update-index update-ref verify-commit verify-pack verify-tag version whatchanged worktree write-tree lfs flow'.split(
    ' ',
  ),
);

export function unwrapGitAlias(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-'))
    i += ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path'].includes(argv[i]) ? 2 : 1;
  const sub = argv[i];
  if (sub === undefined || GIT_BUILTINS.has(sub) || sub.startsWith('-')) return undefined;
  const alias = gitAlias(sub, scope, w);
  if (alias === undefined) return undefined;
  const rest = argv.slice(i + 1);
  if (alias.startsWith('!'))
    return { kind: 'script', text: alias.slice(1) + (rest.length ? ' ' + rest.join(' ') : ''), via: `git ${sub}` };
  // Inline `-c` options and the alias body become the command.
  return {
    kind: 'script',
    text: ['git', ...argv.slice(1, i), alias, ...rest.map((r) => `'${r.replace(/'/g, "'\\''")}'`)].join(' '),
    via: `git ${sub}`,
  };
}

const ALIAS_LINE = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/;

function gitAlias(name: string, scope: Scope, w: Walker): string | undefined {
  const defined = scope.vars[gitAliasKey(name)];
  if (defined !== undefined) return defined;
  const home = scope.vars.HOME ?? w.ctx.home;
  const files = [
    path.join(w.ctx.workspace, '.git', 'config'),
    path.join(home, '.gitconfig'),
    path.join(home, '.config', 'git', 'config'),
  ];
  for (const file of files) {
    const text = w.ctx.readFile(file, scope.cwd);
    if (!text) continue;
    let inAlias = false;
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t.startsWith('[')) {
        inAlias = /^\[alias\]/i.test(t);
        continue;
      }
      if (!inAlias) continue;
      const m = ALIAS_LINE.exec(t);
      if (m && m[1].toLowerCase() === name.toLowerCase()) return m[2].replace(/^"(.*)"$/, '$1');
    }
  }
  return undefined;
}
