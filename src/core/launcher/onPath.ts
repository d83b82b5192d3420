// The launcher is also the user's `agentguard` command. Whether it is on
// PATH, what to tell a user whose shell does not find it, and, when the human
// asks for it, putting it there: a link in a folder already on PATH under
// HOME (~/.local/bin, ~/bin), else one line in the shell's start-up file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAUNCHER_BIN_DIR, launcherPath } from './index';

/** Folders under HOME where a link to the launcher may go (when they are on PATH); guard/ protects the link. */
export const PATH_LINK_DIRS: readonly string[] = ['.local/bin', 'bin'];

/** The line added to a POSIX shell's start-up file. */
export const PATH_LINE = `export PATH="$HOME/${LAUNCHER_BIN_DIR}:$PATH"  # AgentGuard's agentguard command`;
const FISH_LINE = `fish_add_path -g $HOME/${LAUNCHER_BIN_DIR}  # AgentGuard's agentguard command`;

function real(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function pathDirs(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string[] {
  return (env.PATH ?? env.Path ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .filter((d) => d && (platform === 'win32' ? path.win32.isAbsolute(d) : d.startsWith('/')));
}

/** Where `agentguard` on PATH leads to the launcher (the first hit), or undefined when PATH finds no launcher first. */
export function launcherOnPath(
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const launcher = real(launcherPath(home, platform));
  if (!launcher) return undefined;
  const names = platform === 'win32' ? ['agentguard.cmd', 'agentguard.exe', 'agentguard.bat'] : ['agentguard'];
  for (const dir of pathDirs(env, platform)) {
    for (const name of names) {
      const hit = path.join(dir, name);
      if (!fs.existsSync(hit)) continue;
      return real(hit) === launcher ? hit : undefined;
    }
  }
  return undefined;
}

/** A sentence on how to put `agentguard` on PATH, or undefined when it already is. */
export function pathAdvice(
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (launcherOnPath(home, env, platform)) return undefined;
  if (platform === 'win32')
    return `To run \`agentguard\` yourself, add %USERPROFILE%\\${LAUNCHER_BIN_DIR.replace(/\//g, '\\')} to your user PATH (Settings → Environment Variables).`;
  return `To run \`agentguard\` yourself, put ~/${LAUNCHER_BIN_DIR} on your PATH: add \`${PATH_LINE}\` to your shell's start-up file (or run "AgentGuard: Add agentguard to PATH" in the editor).`;
}

export type PathChange =
  { kind: 'link'; file: string } | { kind: 'line'; file: string } | { kind: 'none'; why: string };

/** The start-up file of the user's login shell, for the PATH line. */
function startupFile(home: string, shell: string | undefined): { file: string; line: string } {
  const name = path.basename(shell ?? '');
  if (name === 'zsh') return { file: path.join(home, '.zshrc'), line: PATH_LINE };
  if (name === 'bash') return { file: path.join(home, '.bashrc'), line: PATH_LINE };
  if (name === 'fish')
    return { file: path.join(home, '.config', 'fish', 'conf.d', 'agentguard.fish'), line: FISH_LINE };
  return { file: path.join(home, '.profile'), line: PATH_LINE };
}

/** Puts `agentguard` on PATH for future shells. Only on a human's request: it changes their environment. */
export function putLauncherOnPath(
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): PathChange {
  if (platform === 'win32')
    return { kind: 'none', why: 'on Windows, add the folder to your user PATH in Settings → Environment Variables' };
  const launcher = launcherPath(home, platform);
  if (!fs.existsSync(launcher)) return { kind: 'none', why: `${launcher} does not exist yet` };
  const onPath = launcherOnPath(home, env, platform);
  if (onPath) return { kind: 'none', why: `agentguard already runs ${onPath}` };
  const dirs = new Set(pathDirs(env, platform));
  for (const rel of PATH_LINK_DIRS) {
    const dir = path.join(home, rel);
    const link = path.join(dir, 'agentguard');
    if (!dirs.has(dir) || fs.existsSync(link) || fs.lstatSync(link, { throwIfNoEntry: false })) continue;
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(launcher, link);
    return { kind: 'link', file: link };
  }
  const { file, line } = startupFile(home, env.SHELL);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (text.includes(line)) return { kind: 'none', why: `${file} already adds it; open a new terminal` };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
  return { kind: 'line', file };
}
