// What the hosts' own sandboxes are told never to write: the guard's files, shell startup files, git's hooks and settings.
import * as path from 'node:path';
import { HOST_ADAPTERS } from '../hosts';
import { defaultStateDir } from '../state';
import { dataHome, EXTENSION_ROOTS } from './editors';
import { readLauncher } from './file';
import { LAUNCHER_HOME_DIR } from './index';
import { PATH_LINK_DIRS } from './onPath';
import { nestedRepositories } from './nestedRepos';
import {
  IPYTHON_PROFILE_FILES,
  JUPYTER_CONFIG_FILES,
  KEYED_CONFIG_KEPT,
  PROGRAM_STARTUP_FILES,
  zdotdirFiles,
} from '../command/startupFiles';

/** Shell start-up files and folders, HOME-relative. */
const STARTUP_FILES = [
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.bash_aliases',
  '.bashrc.d',
  '.bash_completion',
  '.local/share/bash-completion',
  '.oh-my-zsh/custom',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.zlogout',
  '.config/zsh',
  '.config/fish',
  '.config/powershell',
  '.inputrc',
  '.xonshrc',
  '.config/xonsh',
  '.config/nushell',
  '.config/elvish',
  '.elvish',
  '.local/share/nushell/vendor/autoload',
  '.xinitrc',
  '.xsession',
];

/**
 * Files other programs run when they start (tmux, vim, neovim, psql,
 * sqlite3, R, irb, pry, IPython), ssh's start-up settings, and settings
 * files that run a program or send files through a key (~/.aws/config,
 * curl's and wget's, readline's), HOME-relative.
 */
const RUNS_LATER = [
  ...PROGRAM_STARTUP_FILES.map((f) => f.replace(/\/$/, '')),
  '.ssh/config',
  '.ssh/rc',
  ...KEYED_CONFIG_KEPT,
];

/** Git's own global configuration and hooks, HOME-relative. */
const GIT_GLOBAL = ['.gitconfig', '.config/git'];

/** Folders version managers put first on PATH (their shims and binaries), HOME-relative. */
const VERSION_MANAGER_BINS = [
  '.nvm',
  '.volta/bin',
  '.asdf/shims',
  '.local/share/mise/shims',
  '.pyenv/shims',
  '.rbenv/shims',
  '.local/share/fnm',
  '.fnm',
  '.bun/bin',
  '.cargo/bin',
  '.npm-global/bin',
  '.deno/bin',
  '.local/share/pnpm',
];

export interface DenyListOptions {
  home: string;
  workspace: string;
  /** The state folder the hooks write (may be relocated). */
  stateDir: string;
  /** Runtimes the launcher runs the CLI on (besides those it recorded, read here). */
  runtimes?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** false: only the workspace's own `.git`, no walk for nested repositories (the hook's per-call status). */
  nested?: boolean;
}

/** Every `.git` folder in the workspace, nested repositories too (bounded), as their `config` and `hooks`. */
export function gitPlaces(workspace: string): string[] {
  const out = [path.join(workspace, '.git', 'config'), path.join(workspace, '.git', 'hooks')];
  for (const r of nestedRepositories(workspace))
    if (r.gitFolder) out.push(path.join(r.folder, '.git', 'config'), path.join(r.folder, '.git', 'hooks'));
  return out;
}

/** A folder an environment variable names, when it is an absolute path. */
function absoluteDir(value: string | undefined): string[] {
  return value && path.isAbsolute(value) ? [value] : [];
}

/** AgentGuard's deny-write list: absolute paths, each once, in a stable order. */
export function denyWriteList(o: DenyListOptions): string[] {
  const env = o.env ?? process.env;
  const home = (p: string) => path.join(o.home, p);
  const list: string[] = [o.stateDir, defaultStateDir(o.home), home(LAUNCHER_HOME_DIR)];
  list.push(...PATH_LINK_DIRS.map(home));
  const recorded = readLauncher(o.home);
  for (const r of [...(o.runtimes ?? []), ...(recorded?.runtimes.map((x) => x.path) ?? [])])
    if (path.isAbsolute(r)) list.push(r);
  const data = dataHome(o.home, env);
  list.push(
    ...EXTENSION_ROOTS.map((r) =>
      r.path.startsWith('$XDG_DATA_HOME/') ? path.join(data, r.path.slice('$XDG_DATA_HOME/'.length)) : home(r.path),
    ),
  );
  list.push(...(recorded?.extensionRoots ?? []).filter((r) => path.isAbsolute(r)));
  for (const a of HOST_ADAPTERS) {
    for (const f of a.settingsFiles.user) list.push(home(f.replace(/\/$/, '')));
    for (const f of a.settingsFiles.workspace) list.push(path.join(o.workspace, f.replace(/\/$/, '')));
    for (const h of a.hookFiles)
      list.push(h.path.startsWith('~/') ? home(h.path.slice(2)) : path.join(o.workspace, h.path));
  }
  list.push(
    ...STARTUP_FILES.map(home),
    ...RUNS_LATER.map(home),
    ...GIT_GLOBAL.map(home),
    ...VERSION_MANAGER_BINS.map(home),
  );
  // Jupyter's and IPython's configuration, in their default folders and where the environment moves them.
  const jupyter = [home('.jupyter'), ...absoluteDir(env.JUPYTER_CONFIG_DIR)];
  const ipython = [home('.ipython'), ...absoluteDir(env.IPYTHONDIR)];
  list.push(...jupyter.flatMap((d) => JUPYTER_CONFIG_FILES.map((f) => path.join(d, f))));
  list.push(...ipython.flatMap((d) => IPYTHON_PROFILE_FILES.map((f) => path.join(d, f))));
  // zsh's start-up files where the user's ZDOTDIR points (not the terminal door's, inside the state folder).
  list.push(...zdotdirFiles(env, [o.stateDir, defaultStateDir(o.home)]));
  // Whatever else of the home is on PATH: a program planted there runs before the real one.
  for (const dir of (env.PATH ?? '').split(':'))
    if (dir && path.isAbsolute(dir) && dir.startsWith(o.home + path.sep)) list.push(path.normalize(dir));
  list.push(
    ...(o.nested === false
      ? [path.join(o.workspace, '.git', 'config'), path.join(o.workspace, '.git', 'hooks')]
      : gitPlaces(o.workspace)),
  );
  return [...new Set(list.map((p) => path.normalize(p)))];
}
