// Where each VS Code flavour keeps its extensions, and where the Node that
// runs an editor's server lives: what the launcher searches at run time for
// the newest AgentGuard and for a runtime when no `node` is on PATH. Paths are
// HOME-relative; `$XDG_DATA_HOME` stands for code-server's data folder.

/** The folder name of an installed AgentGuard extension, before its version (`agentguard.agentguard-0.1.0`, maybe `-linux-x64` after it). */
export const EXTENSION_FOLDER_PREFIX = 'agentguard.agentguard-';

/** Extension folders of every flavour, local and remote, HOME-relative (`$XDG_DATA_HOME/…` where the flavour follows XDG). */
export const EXTENSION_ROOTS: readonly { flavour: string; path: string }[] = [
  { flavour: 'VS Code', path: '.vscode/extensions' },
  { flavour: 'VS Code Insiders', path: '.vscode-insiders/extensions' },
  { flavour: 'VSCodium / Code - OSS', path: '.vscode-oss/extensions' },
  { flavour: 'Cursor', path: '.cursor/extensions' },
  { flavour: 'Windsurf', path: '.windsurf/extensions' },
  { flavour: 'Kiro', path: '.kiro/extensions' },
  { flavour: 'code-server', path: '$XDG_DATA_HOME/code-server/extensions' },
  { flavour: 'VS Code Server (Remote-SSH, WSL, Dev Containers)', path: '.vscode-server/extensions' },
  { flavour: 'VS Code Server Insiders', path: '.vscode-server-insiders/extensions' },
  { flavour: 'Cursor Server', path: '.cursor-server/extensions' },
  { flavour: 'Windsurf Server', path: '.windsurf-server/extensions' },
  { flavour: 'VSCodium Server', path: '.vscodium-server/extensions' },
];

/**
 * Real Node binaries that editors' servers ship (a `*` is one folder per
 * server build), HOME-relative unless absolute: the runtime of last resort
 * when neither a recorded runtime nor `node` on PATH exists. Desktop editors'
 * own binaries are Electron: the extension records those itself, after
 * checking that they run as Node.
 */
export const SERVER_NODES: readonly string[] = [
  '.vscode-server/bin/*/node',
  '.vscode-server/cli/servers/*/server/node',
  '.vscode-server-insiders/bin/*/node',
  '.vscode-server-insiders/cli/servers/*/server/node',
  '.cursor-server/bin/*/node',
  '.cursor-server/cli/servers/*/server/node',
  '.windsurf-server/bin/*/node',
  '.vscodium-server/bin/*/node',
  '.local/lib/code-server-*/lib/node',
  '/usr/lib/code-server/lib/node',
];

/** code-server's data folder (`$XDG_DATA_HOME`, else `~/.local/share`) as the launcher's writer sees it. */
export function dataHome(home: string, env: Readonly<Record<string, string | undefined>>): string {
  return env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : `${home}/.local/share`;
}

/** The version in an extension folder's name (`0.1.0` of `agentguard.agentguard-0.1.0-linux-x64`), or undefined when the name is not AgentGuard's. */
export function extensionFolderVersion(name: string): string | undefined {
  if (!name.startsWith(EXTENSION_FOLDER_PREFIX)) return undefined;
  const version = name.slice(EXTENSION_FOLDER_PREFIX.length).split('-')[0];
  return /^\d+(\.\d+)*$/.test(version) ? version : undefined;
}

/** Whether dotted version `a` is newer than `b`, field by field as numbers (the launcher compares the same way). */
export function newerVersion(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const m = field(x[i]);
    const n = field(y[i]);
    if (m !== n) return m > n;
  }
  return false;
}

/** A version field as the launcher reads it: digits only, at most nine, else 0. */
function field(s: string | undefined): number {
  return s && /^\d{1,9}$/.test(s) ? Number(s) : 0;
}

/** The installed extension folder a CLI file belongs to (`…/agentguard.agentguard-0.1.0` of `…/dist/cli.js`), if it is one. */
export function extensionFolderOf(cli: string, sep = '/'): string | undefined {
  const parts = cli.split(sep);
  if (parts.length < 3 || parts[parts.length - 2] !== 'dist') return undefined;
  const folder = parts.slice(0, -2).join(sep);
  return extensionFolderVersion(parts[parts.length - 3]) !== undefined ? folder : undefined;
}
