// Room `guard/`: AgentGuard protecting itself. The places it depends on and
// the commands that reach them (here), the protected paths judged by effect
// (protectedPaths.ts), the ledger of files agents wrote (ledger.ts) and the
// running CLI's own folder (runningInstall.ts).
//
// Everything AgentGuard depends on, so that no agent can switch it off by
// writing a file: the hook files every agent host reads (workspace and user
// level), the editors' extension folders (a file written there runs inside
// the extension host), the CLI the hooks run, and the shell rc/profile files
// that set up the environment of the next session (AGENTGUARD_STATE_DIR,
// XDG_STATE_HOME). Paths are judged by effect: protectedPaths.ts resolves
// symlinks and hard links through the context's realpath/stat (real file
// system by default, see guardFs), and compares case-insensitively where the
// file system does.
import * as path from 'node:path';
import { HOST_ADAPTERS, HOST_HOOK_FILES as INSTALLED_HOOK_FILES, HOSTS } from '../hosts';
import { managedHookPlace } from '../hosts/managedHookPlaces';
import { managedPolicyFile } from '../policy/managed';
import { LAUNCHER_HOME_DIR } from '../launcher';
import { PATH_LINK_DIRS } from '../launcher/onPath';
import { zdotdirFiles } from '../command/startupFiles';
import { posixJoinRel } from '../text/normalPath';
export { guardFs, newJudgment } from './guardFs';
export { guardCommandFindings } from './guardCommands';

const posix = path.posix;

/**
 * Where each agent host reads its hooks, relative to the workspace (and every
 * folder above it up to HOME) and to HOME: each host adapter's
 * `settingsFiles`. A trailing `/` marks a folder whose every file counts.
 */
export const HOST_HOOK_FILES: readonly { host: string; workspace: readonly string[]; user: readonly string[] }[] = [
  ...HOST_ADAPTERS.filter((a) => a.settingsFiles.workspace.length || a.settingsFiles.user.length).map((a) => ({
    host: a.id,
    ...a.settingsFiles,
  })),
  // Every VS Code-based editor's user settings, profiles included: they hold `agentguard.*` and the agent extensions' own approval settings.
  { host: 'editor', workspace: [], user: editorUserSettings() },
];

function editorUserSettings(): string[] {
  const editors = ['Code', 'Code - Insiders', 'Code - OSS', 'VSCodium', 'Cursor', 'Windsurf', 'Kiro'];
  return ['.config', 'Library/Application Support', 'AppData/Roaming'].flatMap((base) =>
    editors.flatMap((e) => [`${base}/${e}/User/settings.json`, `${base}/${e}/User/profiles/`]),
  );
}

/** Installed extensions and editor servers, under HOME: a file written there runs in the extension host. */
export const EDITOR_EXTENSION_DIRS: readonly string[] = [
  '.vscode/extensions',
  '.vscode-insiders/extensions',
  '.vscode-oss/extensions',
  '.cursor/extensions',
  '.windsurf/extensions',
  '.kiro/extensions',
  '.vscode-server',
  '.vscode-server-insiders',
  '.vscode-remote',
  '.cursor-server',
  '.windsurf-server',
  '.vscodium-server',
  '.local/share/code-server',
  '.config/code-server',
];

/** Shell start-up files (HOME-relative, or absolute): a variable planted there disarms the next session. */
export const SHELL_STARTUP_FILES: readonly string[] = [
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  // Sourced by the default ~/.bashrc of Debian and Ubuntu (.bash_aliases) and of Fedora (.bashrc.d/), and by oh-my-zsh.
  '.bash_aliases',
  '.bashrc.d/',
  // bash-completion (loaded by most distributions' ~/.bashrc) sources these in every interactive bash.
  '.bash_completion',
  '.local/share/bash-completion/',
  '.oh-my-zsh/custom/',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.zlogout',
  // zsh reads its files from $ZDOTDIR, most often set to this folder (the command's own ZDOTDIR: protectedPaths.ts).
  '.config/zsh/',
  '.kshrc',
  '.mkshrc',
  '.cshrc',
  '.tcshrc',
  '.login',
  '.xprofile',
  '.xsessionrc',
  '.pam_environment',
  '.config/environment.d/',
  '.config/fish/config.fish',
  '.config/fish/conf.d/',
  '.config/fish/functions/',
  // xonsh (~/.xonshrc, rc.xsh, rc.d/) and nushell (config.nu, env.nu, autoload/, the registered plugins; vendor autoload).
  '.xonshrc',
  '.config/xonsh/',
  '.config/nushell/',
  // elvish reads rc.elv (and its modules) from its config folder, or the older ~/.elvish.
  '.config/elvish/',
  '.elvish/',
  'Library/Application Support/nushell/',
  '.local/share/nushell/vendor/autoload/',
  '.xinitrc',
  '.xsession',
  '/etc/profile',
  '/etc/profile.d/',
  '/etc/environment',
  '/etc/bash.bashrc',
  '/etc/bash_completion',
  '/etc/bash_completion.d/',
  '/etc/bashrc',
  '/etc/zshenv',
  '/etc/zprofile',
  '/etc/zshrc',
  '/etc/zsh/',
  '/etc/fish/',
  '/etc/xonsh/',
  '/etc/xonshrc',
  '/usr/share/nushell/vendor/autoload/',
  '/usr/local/share/nushell/vendor/autoload/',
  '/etc/environment.d/',
  // PowerShell's profiles: Windows (Documents\PowerShell, Documents\WindowsPowerShell) and macOS/Linux.
  'Documents/PowerShell/',
  'Documents/WindowsPowerShell/',
  '.config/powershell/',
];

/**
 * The launcher every hook runs (~/.agentguard: the launcher, its Windows
 * resolver, the record of wired folders) and the links that put it on PATH:
 * rewriting any of them rewires every agent call.
 */
export const LAUNCHER_PLACES: readonly string[] = [LAUNCHER_HOME_DIR, ...PATH_LINK_DIRS.map((d) => `${d}/agentguard`)];

export type GuardKind = 'hook' | 'hook-script' | 'extensions' | 'cli' | 'launcher' | 'shell' | 'managed';

export interface GuardPlace {
  /** Absolute path of a file or folder. */
  path: string;
  kind: GuardKind;
}

/** The ancestors of the workspace, itself excluded, up to and including HOME (none when the workspace is not under HOME). */
function ancestorsToHome(workspace: string, home: string): string[] {
  const out: string[] = [];
  if (!workspace.startsWith(home + '/')) return out;
  for (let d = posix.dirname(workspace), i = 0; d.length >= home.length && i < 64; d = posix.dirname(d), i++) {
    out.push(d);
    if (d === home) break;
  }
  return out;
}

const strip = (p: string) => (p.endsWith('/') ? p.slice(0, -1) : p);

/** The managed policy's folder and every host's administrator-owned hook file on this platform (POSIX paths only). */
function managedPlaces(): string[] {
  const out = [posix.dirname(managedPolicyFile())];
  for (const host of HOSTS) {
    const place = managedHookPlace(host);
    if ('file' in place) out.push(place.file);
  }
  return out.filter((p) => p.startsWith('/'));
}

/** Every built-in place the guard depends on, for one workspace and home. */
export function guardPlaces(workspace: string, home: string, install: readonly string[] = []): GuardPlace[] {
  const out: GuardPlace[] = [];
  const roots = [workspace, ...ancestorsToHome(workspace, home)];
  for (const row of HOST_HOOK_FILES) {
    for (const root of roots)
      for (const f of row.workspace) out.push({ path: posixJoinRel(root, strip(f)), kind: 'hook' });
    for (const f of row.user) out.push({ path: posixJoinRel(home, strip(f)), kind: 'hook' });
  }
  // Every file `agentguard install` writes (Amp's delegate program among them), wherever the rows above miss it.
  for (const f of INSTALLED_HOOK_FILES) {
    if (f.path.startsWith('~/')) out.push({ path: posixJoinRel(home, f.path.slice(2)), kind: 'hook' });
    else for (const root of roots) out.push({ path: posixJoinRel(root, f.path), kind: 'hook' });
  }
  for (const d of EDITOR_EXTENSION_DIRS) out.push({ path: posixJoinRel(home, d), kind: 'extensions' });
  for (const p of LAUNCHER_PLACES) out.push({ path: posixJoinRel(home, p), kind: 'launcher' });
  for (const f of SHELL_STARTUP_FILES)
    out.push({ path: f.startsWith('/') ? strip(f) : posixJoinRel(home, strip(f)), kind: 'shell' });
  for (const p of install) out.push({ path: p, kind: 'cli' });
  // The organization's files: an agent running as root (sudo) must not rewrite them unseen either.
  for (const p of managedPlaces()) out.push({ path: p, kind: 'managed' });
  // The same path can come from two rows (Claude and VS Code both read .claude/settings.json).
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.path) ? false : (seen.add(p.path), true)));
}

/**
 * zsh's start-up files in the folder the command's `ZDOTDIR` names (the
 * user's own, set in ~/.zshenv and inherited): start-up files like ~/.zshrc.
 * Not inside AgentGuard's state, where the terminal door points it.
 */
export function zdotdirPlaces(
  env: Readonly<Record<string, string | undefined>> | undefined,
  stateDirs: readonly string[],
): GuardPlace[] {
  return zdotdirFiles(env, stateDirs).map((p) => ({ path: p, kind: 'shell' as const }));
}

/** What a place is, and why it matters, for a finding's sentence. */
export function placeWhat(kind: GuardKind): { what: string; why: string } {
  switch (kind) {
    case 'hook':
      return { what: 'an agent hook file', why: 'changing it can switch AgentGuard off' };
    case 'hook-script':
      return {
        what: "a script an agent host's hook settings run as a command",
        why: 'the host runs what it says on its next event, and changing it can switch AgentGuard off',
      };
    case 'extensions':
      return {
        what: "an editor's installed extensions",
        why: 'code written there runs inside the editor, next to AgentGuard',
      };
    case 'cli':
      return {
        what: 'the AgentGuard CLI the agent hooks run (or the Node.js it runs on)',
        why: 'changing it changes every judgment',
      };
    case 'launcher':
      return {
        what: "AgentGuard's launcher, which every agent hook runs",
        why: 'changing it changes what judges every call',
      };
    case 'shell':
      return {
        what: 'a shell start-up file',
        why: 'a variable planted there (AGENTGUARD_STATE_DIR, XDG_STATE_HOME) disarms the next session',
      };
    case 'managed':
      return {
        what: "the organization's managed AgentGuard policy or hooks",
        why: 'changing it loosens AgentGuard for every workspace on this machine',
      };
  }
}

export function placeAlternative(kind: GuardKind): string {
  switch (kind) {
    case 'hook':
      return 'ask the user to change the agent hooks themselves (agentguard install / uninstall)';
    case 'hook-script':
      return 'ask the user to change the hook scripts their agent host runs themselves';
    case 'extensions':
      return 'ask the user to install or change editor extensions themselves';
    case 'cli':
      return 'ask the user to update AgentGuard themselves';
    case 'launcher':
      return 'ask the user to run agentguard install themselves';
    case 'shell':
      return 'tell the user what to add to their shell start-up file';
    case 'managed':
      return 'ask the administrator who manages AgentGuard on this machine';
  }
}

export { linkSources, type LinkSources } from '../effects/linkSources';

export { runningInstall } from './runningInstall';

export function caseInsensitiveFs(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}
