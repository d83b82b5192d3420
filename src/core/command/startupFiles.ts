// Files programs read when they start and run as code: what a write there
// makes the next start of that program run. Shared by the judgment of writes
// (packs/autorun), the host sandboxes' deny-write list (launcher/denyList.ts)
// and AgentGuard's own sandbox (sandbox/places.ts). HOME-relative; a trailing
// `/` marks a folder whose every file counts.

/**
 * Programs whose start-up file is code as a whole: tmux (`run-shell`,
 * `if-shell`, `#(…)` in a status line), vim and neovim (`:!`, `system()`,
 * Lua), psql (`\!`, a backtick in a prompt), sqlite3 (`.shell`, `.system`),
 * R, irb and pry (Ruby), IPython (Python), debuggers, other REPLs,
 * terminals and window managers (`exec`, `shell`, Lua).
 */
export const PROGRAM_STARTUP_FILES: readonly string[] = [
  '.tmux.conf',
  '.config/tmux/',
  '.vimrc',
  '.gvimrc',
  '.exrc',
  '.vim/',
  '.config/nvim/',
  '.local/share/nvim/site/',
  '.psqlrc',
  '.sqliterc',
  '.Rprofile',
  '.irbrc',
  '.config/irb/',
  '.pryrc',
  '.ipython/profile_default/startup/',
  '.ipython/profile_default/ipython_config.py',
  // Debuggers run their init file's commands (gdb `shell`, `source`, `python`; lldb `platform shell`, `script`; pdb Python).
  '.gdbinit',
  '.config/gdb/',
  '.lldbinit',
  '.pdbrc',
  // REPLs that evaluate their rc file as code each start: mongosh (JavaScript, with require), GHCi (`:!`), Octave, Julia, SBCL, Guile.
  '.mongoshrc.js',
  '.mongorc.js',
  '.ghci',
  '.config/ghc/',
  '.octaverc',
  '.julia/config/startup.jl',
  '.sbclrc',
  '.guile',
  // Terminals, multiplexers and window managers that run commands from their configuration as they start.
  '.screenrc',
  '.wezterm.lua',
  '.config/wezterm/',
  '.config/kitty/',
  '.config/i3/',
  '.i3/',
  '.config/sway/',
  '.config/hypr/',
  '.hammerspoon/',
  // The starship prompt runs each custom module's `command` (and `when`) at every prompt of every shell.
  '.config/starship.toml',
  // tig's `bind … !cmd` and mailcap's viewers run a shell command on a key or on opening a file.
  '.tigrc',
  '.config/tig/',
  '.mailcap',
];

/**
 * IPython's start-up scripts and configuration in any of its profiles, and
 * Jupyter's configuration files (`~/.jupyter/jupyter_server_config.py`, …:
 * Python run each time a server, notebook, lab or console starts), HOME-relative.
 */
export const IPYTHON_STARTUP =
  /^(?:\.ipython\/profile_[^/]+\/(?:startup\/.+|ipython(?:_kernel)?_config\.py)|\.jupyter\/jupyter_[a-z_]*config\.py)$/;

/** Jupyter applications whose `jupyter_<app>_config.py` (or `.json`) Jupyter loads as it starts; `jupyter_config` is read by all. */
const JUPYTER_APPS = ['', 'server_', 'notebook_', 'lab_', 'console_', 'qtconsole_', 'nbconvert_', 'kernel_'];

/**
 * Jupyter's configuration in its configuration folder (`~/.jupyter`, or
 * `$JUPYTER_CONFIG_DIR`), relative to it: Python files run as a server,
 * notebook, lab or console starts, JSON files and `.d` folders that name
 * extensions and hooks to import, and the classic notebook's `custom.js`.
 */
export const JUPYTER_CONFIG_FILES: readonly string[] = [
  ...JUPYTER_APPS.flatMap((app) => [`jupyter_${app}config.py`, `jupyter_${app}config.json`]),
  'jupyter_server_config.d',
  'jupyter_notebook_config.d',
  'custom',
];

/** IPython's configuration in its default profile, relative to its folder (`~/.ipython`, or `$IPYTHONDIR`): run as IPython or a kernel starts. */
export const IPYTHON_PROFILE_FILES: readonly string[] = [
  'profile_default/startup',
  'profile_default/ipython_config.py',
  'profile_default/ipython_kernel_config.py',
];

/**
 * Settings files that run a program or send data only through certain keys
 * (read in packs/autorun/toolConfig.ts): the AWS CLI's `credential_process`
 * and `cli_pager`, kubectl's `exec` plugins, docker's credential helpers, curl's and wget's uploads,
 * includes and proxies, readline's macros.
 */
export const KEYED_CONFIG_FILES: ReadonlyArray<
  readonly [string, 'credential-helper' | 'transfer-config' | 'readline']
> = [
  ['.aws/config', 'credential-helper'],
  ['.aws/credentials', 'credential-helper'],
  ['.kube/config', 'credential-helper'],
  ['.docker/config.json', 'credential-helper'],
  ['.curlrc', 'transfer-config'],
  ['.config/.curlrc', 'transfer-config'],
  // curl for Windows reads `_curlrc` in the home folder first.
  ['_curlrc', 'transfer-config'],
  ['.wgetrc', 'transfer-config'],
  ['.config/wget/wgetrc', 'transfer-config'],
  // wget's system-wide settings, read before the user's by every call.
  ['/etc/wgetrc', 'transfer-config'],
  ['/usr/local/etc/wgetrc', 'transfer-config'],
  ['.inputrc', 'readline'],
];

/**
 * Of those, the ones kept from writes by the sandboxes as well: a tool
 * rewrites the others in routine work (`aws configure` writes the keys to
 * ~/.aws/credentials, `kubectl config use-context` rewrites ~/.kube/config,
 * `docker login` ~/.docker/config.json).
 */
export const KEYED_CONFIG_KEPT: readonly string[] = [
  '.aws/config',
  '.curlrc',
  '.config/.curlrc',
  '_curlrc',
  '.wgetrc',
  '.config/wget/wgetrc',
  '.inputrc',
];

/** zsh's start-up files, read from `$ZDOTDIR` (else HOME). */
export const ZSH_STARTUP_NAMES: readonly string[] = ['.zshenv', '.zprofile', '.zshrc', '.zlogin', '.zlogout'];

/**
 * zsh's start-up files in the folder `ZDOTDIR` names, when it names one
 * (absolute) outside the folders given: AgentGuard's terminal door points
 * ZDOTDIR into its own state, which is guarded whole already.
 */
export function zdotdirFiles(
  env: Readonly<Record<string, string | undefined>> | undefined,
  except: readonly string[] = [],
): string[] {
  const dir = env?.ZDOTDIR?.replace(/\/+$/, '');
  if (!dir || !dir.startsWith('/') || dir.includes('/../')) return [];
  if (except.some((e) => dir === e || dir.startsWith(e.endsWith('/') ? e : e + '/'))) return [];
  return ZSH_STARTUP_NAMES.map((n) => `${dir}/${n}`);
}
