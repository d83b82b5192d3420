// Commands a project defines by name: npx/bunx packages, package.json
// scripts, and git aliases. Each is read from the project and judged as the
// command it stands for.
import { pkgSetScripts } from '../../command/pkgSet';
import * as path from 'node:path';
import { arrayKey } from '../dynamic';
import { gitAliasKey } from '../gitSettings';
import { type Pending, type Scope, setVar, type Walker } from '../normalize/scope';
import { packageBin, slice, type UnwrapStep } from './common';
import { parsedOnce } from '../../text/parsedOnce';
import { own } from '../../text/own';

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

/** Lifecycle scripts that `npm <name>` runs without `run`. */
const DIRECT_SCRIPTS = new Set(['test', 't', 'start', 'stop', 'restart']);

export function unwrapPackageManager(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const pm = argv[0];
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-'))
    i += ['--prefix', '-C', '--dir', '--filter', '-F', '--cwd', '-w', '--workspace'].includes(argv[i]) ? 2 : 1;
  const sub = argv[i];
  const installing = rootInstall(pm, argv, i);
  if (installing) return installing(scope, w);
  if (sub === undefined) return undefined;
  // `npm pkg set scripts.x="…"`: a script defined now, which `npm run x` later on the line runs.
  const written = pkgSetScripts(argv);
  if (written.length || (sub === 'pkg' && argv[i + 1] === 'set')) {
    for (const { name, value } of written) setVar(scope, arrayKey('npm-script.' + name), value);
    return undefined;
  }
  if (
    (pm === 'npm' && sub === 'exec') ||
    ((pm === 'pnpm' || pm === 'yarn') && (sub === 'dlx' || sub === 'exec')) ||
    (pm === 'bun' && sub === 'x')
  ) {
    return unwrapNpx(p, i + 1, `${pm} ${sub}`);
  }
  let name: string | undefined;
  let nameAt = i;
  let argsFrom = i + 1;
  if (sub === 'run' || sub === 'run-script' || sub === 'run-scripts') {
    let j = i + 1;
    while (j < argv.length && argv[j].startsWith('-')) j++;
    name = argv[j];
    nameAt = j;
    argsFrom = j + 1;
  } else if (pm === 'npm' && DIRECT_SCRIPTS.has(sub)) {
    name = sub === 't' ? 'test' : sub;
  } else if (pm !== 'npm' && !(pm === 'bun' && BUN_OWN_COMMANDS.has(sub))) {
    // yarn/pnpm/bun run a script by its bare name when it is not a built-in command.
    name = sub;
  }
  if (name === undefined) return undefined;
  const scripts = packageScripts(scope, w);
  const body = scope.vars[arrayKey('npm-script.' + name)] ?? own(scripts, name);
  if (body === undefined)
    return pm !== 'npm' && TASK_RUNNER_BINS.has(name)
      ? { kind: 'command', next: slice(p, nameAt), via: `${pm} ${name}` }
      : undefined;
  let extra = argv.slice(argsFrom);
  if (extra[0] === '--') extra = extra.slice(1);
  const parts = [
    own(scripts, `pre${name}`),
    body + (extra.length ? ' ' + extra.join(' ') : ''),
    own(scripts, `post${name}`),
  ].filter((x): x is string => typeof x === 'string');
  return { kind: 'script', text: parts.join(' && '), via: `${pm} run ${name}` };
}

/** What an install of the project itself runs of its own package.json, in order (npm's, pnpm's, yarn's and bun's lifecycle). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];
const INSTALL_VERBS: Readonly<Record<string, readonly string[]>> = {
  npm: [
    'install',
    'i',
    'in',
    'ins',
    'inst',
    'insta',
    'instal',
    'isntall',
    'ci',
    'clean-install',
    'install-clean',
    'ic',
  ],
  pnpm: ['install', 'i'],
  yarn: ['install'],
  bun: ['install', 'i'],
};

/**
 * `npm install`, `npm ci`, `pnpm i`, `yarn`, `bun install` with no package named install the project itself and run
 * its own lifecycle scripts: a script written into package.json earlier runs then, unasked. Read them as the script
 * they amount to (`--ignore-scripts` runs none).
 */
function rootInstall(
  pm: string,
  argv: readonly string[],
  at: number,
): ((scope: Scope, w: Walker) => UnwrapStep | undefined) | undefined {
  const sub = argv[at];
  if (sub === undefined ? pm !== 'yarn' : !own(INSTALL_VERBS, pm)?.includes(sub)) return undefined;
  const rest = argv.slice(at + 1);
  if (rest.some((a) => !a.startsWith('-')) || rest.some((a) => /^--ignore-scripts(?:=true)?$/.test(a)))
    return undefined;
  return (scope, w) => {
    const scripts = packageScripts(scope, w);
    const parts = INSTALL_SCRIPTS.map((n) => scope.vars[arrayKey('npm-script.' + n)] ?? own(scripts, n)).filter(
      (x): x is string => typeof x === 'string',
    );
    return parts.length ? { kind: 'script', text: parts.join(' && '), via: `${pm} ${sub ?? 'install'}` } : undefined;
  };
}

/**
 * bun's own commands that never run the package.json script of that name (`bun test` is bun's test runner, `bun
 * build` its bundler; `bun run test` runs the script). `install` and the other commands that run lifecycle scripts
 * are not among them.
 */
const BUN_OWN_COMMANDS = new Set(['test', 'build', 'repl', 'upgrade', 'outdated', 'info', 'audit', 'why', 'pm']);

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

function packageScripts(scope: Scope, w: Walker): Readonly<Record<string, string>> | undefined {
  // The nearest package.json from the working directory up to the workspace root.
  let dir = scope.cwd;
  for (let k = 0; k < 16; k++) {
    const text = w.ctx.readFile(path.join(dir, 'package.json'), dir);
    if (text !== undefined) return scriptsOf(text);
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

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
