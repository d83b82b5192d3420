// Where code can be planted to run later without another hook call: a
// path's autorun kind, if it has one. Pure path logic (workspace, home,
// absolute system places); what the file says is read in content.ts.
import { LEFTHOOK_FILES } from '../../parse/projectCommands';
import {
  IPYTHON_STARTUP,
  KEYED_CONFIG_FILES,
  KEYED_CONFIG_KEPT,
  PROGRAM_STARTUP_FILES,
} from '../../command/startupFiles';
import * as path from 'node:path';
import { posixJoinRel } from '../../text/normalPath';
import { isMiseConfig } from './mise';
import { buildToolFile } from './buildTools';
import { AGENT_COMMAND_DIRS, AGENT_COMMAND_DIRS_HOME, isAgentCommandFile } from './agentCommands';
import { GEMINI_EXTENSIONS, KIRO_AGENTS, MCP_DIRS_HOME, MCP_FILES_HOME, MCP_FILES_WORKSPACE } from './mcpPlaces';

const posix = path.posix;

export type AutorunKind =
  | 'package-json'
  | 'package-manager-config'
  | 'editor-tasks'
  | 'mcp-config'
  | 'git-hook'
  | 'git-config'
  | 'envrc'
  | 'mise-config'
  | 'python-startup'
  | 'makefile'
  | 'systemd-unit'
  | 'cron'
  | 'autostart'
  | 'ssh'
  | 'host-env'
  | 'hook-runner-config'
  | 'devcontainer'
  | 'program-startup'
  | 'credential-helper'
  | 'transfer-config'
  | 'readline'
  | 'agent-command'
  | 'build-tool';

/** What each kind is, for a finding's sentence: "… (a git hook: it runs on every commit)". */
export const KIND_WHAT: Record<AutorunKind, string> = {
  'package-json': 'package.json lifecycle scripts run on npm/yarn/pnpm install, pack and publish',
  'package-manager-config':
    'package-manager settings (node-options, script-shell, preload, yarnPath, a pnpmfile) run code inside every install and script',
  'editor-tasks': 'an editor task that runs when the folder is opened',
  'mcp-config': 'an MCP server entry: its command runs whenever an agent host starts',
  'git-hook': 'a git hook: it runs on the next commit, checkout, merge or push',
  'git-config':
    'git settings that hold a command (hooks path, fsmonitor, ssh command, pager, filters) run on the next git call',
  envrc: 'an .envrc: direnv runs it on entering the folder',
  'mise-config':
    'a mise configuration: its hooks and sourced env scripts run on entering the folder or on mise install',
  'python-startup': 'a Python start-up file (.pth, sitecustomize, usercustomize): it runs in every Python process',
  makefile: 'a Makefile include: make reads and runs the included file',
  'systemd-unit': 'a systemd unit: it runs as a service, outside any agent',
  cron: 'a cron or at job: it runs on its schedule, outside any agent',
  autostart:
    "an autostart or desktop entry: it runs at the next login, or when its menu item (which can stand in for an installed program's) is opened",
  ssh: 'an ssh start-up setting (~/.ssh/rc, ProxyCommand, LocalCommand): it runs on the next ssh connection',
  'host-env': "an environment file an agent host loads before it starts AgentGuard's hook",
  'hook-runner-config': 'a git hook manager configuration (pre-commit, lefthook): its hooks run on the next commit',
  devcontainer:
    'a dev container definition: its lifecycle commands run when the folder is opened in a container (initializeCommand on this machine)',
  'program-startup':
    "a program's start-up file (tmux, vim, neovim, psql, sqlite3, R, irb, pry, IPython, Jupyter, a debugger, a REPL, a terminal or window manager): the program runs what it says each time it starts",
  'credential-helper':
    'a credential or pager command (aws credential_process, cli_pager, a kubeconfig exec plugin, a docker credential helper): it runs on the next aws, kubectl or docker call',
  'transfer-config':
    "curl's or wget's settings, read by every call: an upload, a posted file, an extra URL, an include, a proxy or an output file there goes with every download",
  readline: 'a readline macro or include: a key then types that text into every bash, psql or python prompt',
  'build-tool':
    "a build tool's own settings (a Gradle or Maven wrapper's distribution, Maven's extensions, maven.config, jvm.config): the next gradlew or mvn call fetches or runs what they name",
  'agent-command':
    "an agent host's custom command, skill or subagent: its !`…` or !{…} commands and hooks run in a shell when someone next uses it",
};

/** Cargo's config (a runner or compiler wrapper runs on every build) and go's env file (`go env -w` writes it). */
const TOOLCHAIN_CONFIG = /\/\.cargo\/config(?:\.toml)?$|\/\.config\/go\/env$/;
const PM_NAMES = new Set([
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pnpmfile.cjs',
  '.pnpmfile.mjs',
  'bunfig.toml',
  '.bunfig.toml',
  'pnpm-workspace.yaml',
]);
const PM_FILES_ABSOLUTE = ['/etc/npmrc', '/usr/etc/npmrc', '/usr/local/etc/npmrc'];
const MAKEFILES = new Set(['makefile', 'gnumakefile']);

/** Folders whose every file runs at some later point (home-relative, or absolute). */
const RUN_DIRS: ReadonlyArray<[string, AutorunKind]> = [
  ['.config/systemd/user', 'systemd-unit'],
  ['.local/share/systemd/user', 'systemd-unit'],
  ['.config/containers/systemd', 'systemd-unit'],
  ['/etc/systemd', 'systemd-unit'],
  ['/usr/lib/systemd', 'systemd-unit'],
  ['/lib/systemd', 'systemd-unit'],
  ['/usr/local/lib/systemd', 'systemd-unit'],
  ['/var/spool/cron', 'cron'],
  ['/etc/cron.d', 'cron'],
  ['/etc/cron.hourly', 'cron'],
  ['/etc/cron.daily', 'cron'],
  ['/etc/cron.weekly', 'cron'],
  ['/etc/cron.monthly', 'cron'],
  ['/etc/crontab', 'cron'],
  ['/etc/anacrontab', 'cron'],
  ['.config/autostart', 'autostart'],
  // KDE Plasma runs the scripts here at login (`env/` sourced before the session starts) and at logout.
  ['.config/autostart-scripts', 'autostart'],
  ['.config/plasma-workspace/env', 'autostart'],
  ['.config/plasma-workspace/shutdown', 'autostart'],
  // A user's desktop entry runs when its menu item or file type is opened, and one named as an installed
  // program's (firefox.desktop) stands in for it: planted there, it runs the next time the user starts that program.
  ['.local/share/applications', 'autostart'],
  ['/etc/xdg/autostart', 'autostart'],
  ['Library/LaunchAgents', 'autostart'],
  ['/Library/LaunchAgents', 'autostart'],
  ['/Library/LaunchDaemons', 'autostart'],
  ['.ssh/rc', 'ssh'],
  ['.ssh/config', 'ssh'],
  ['/etc/ssh/sshrc', 'ssh'],
  ['/etc/ssh/ssh_config', 'ssh'],
  ['/etc/ssh/ssh_config.d', 'ssh'],
  ['.gitconfig', 'git-config'],
  ['.config/git/config', 'git-config'],
  ['/etc/gitconfig', 'git-config'],
  ['.config/git/hooks', 'git-hook'],
  ['.npmrc', 'package-manager-config'],
  ['.config/npm/npmrc', 'package-manager-config'],
  ['.yarnrc', 'package-manager-config'],
  ['.yarnrc.yml', 'package-manager-config'],
  ['.bunfig.toml', 'package-manager-config'],
  ['.direnvrc', 'envrc'],
  ['.config/direnv', 'envrc'],
  ['.gemini/.env', 'host-env'],
  ['.env', 'host-env'],
  ...PROGRAM_STARTUP_FILES.map((f) => [f.replace(/\/$/, ''), 'program-startup'] as [string, AutorunKind]),
  ...KEYED_CONFIG_FILES.map(([f, kind]) => [f, kind] as [string, AutorunKind]),
];

/** Run places judged but not listed for a sandbox: a `.env` is everyday work, and tools rewrite some settings files themselves. */
const UNLISTED = new Set([
  '.env',
  '.gemini/.env',
  ...KEYED_CONFIG_FILES.map(([f]) => f).filter((f) => !KEYED_CONFIG_KEPT.includes(f)),
]);

/**
 * Every autorun place that can be listed ahead of time, as absolute paths, for
 * a workspace and a home: what a sandbox keeps read-only. Places known only
 * by their name (any package.json, *.pth, any Makefile) are not listed.
 */
export function autorunPlaceList(workspace: string, home: string): Array<{ path: string; kind: AutorunKind }> {
  // Worked out once per workspace and home (a batch judges every landing against the same list); the list
  // is pure path logic, so nothing on disk can change it. Each caller gets its own array of frozen entries.
  const key = workspace + '\0' + home;
  let list = placeLists.get(key);
  if (!list) {
    if (placeLists.size >= MAX_HOMES) placeLists.clear();
    list = placeListOf(workspace, home).map((p) => Object.freeze(p));
    placeLists.set(key, list);
  }
  return list.slice();
}
const placeLists = new Map<string, ReadonlyArray<{ path: string; kind: AutorunKind }>>();

/**
 * The paths of autorunPlaceList, without working out the kind of each workspace file (kindOf, about half a
 * millisecond of a hook's short process): what the sandbox keeps read-only needs only where they are.
 */
export function autorunPlacePaths(workspace: string, home: string): string[] {
  const listed = placeLists.get(workspace + '\0' + home) ?? placeListOf(workspace, home, false);
  return listed.map((p) => p.path);
}

/** The list; `kinds` false leaves each workspace file's kind unworked out ('git-hook'), for autorunPlacePaths only. */
function placeListOf(workspace: string, home: string, kinds = true): Array<{ path: string; kind: AutorunKind }> {
  const out: Array<{ path: string; kind: AutorunKind }> = [];
  const at = (base: string, rel: string) => (rel.startsWith('/') ? rel : posixJoinRel(base, rel));
  for (const f of MCP_FILES_WORKSPACE) out.push({ path: posixJoinRel(workspace, f), kind: 'mcp-config' });
  for (const f of MCP_FILES_HOME) out.push({ path: posixJoinRel(home, f), kind: 'mcp-config' });
  for (const [dir, kind] of RUN_DIRS) if (!UNLISTED.has(dir)) out.push({ path: at(home, dir), kind });
  for (const f of [
    '.git/hooks',
    '.git/config',
    '.git/config.worktree',
    '.vscode/tasks.json',
    '.envrc',
    '.npmrc',
    '.yarnrc',
    '.yarnrc.yml',
    '.pnpmfile.cjs',
    '.pnpmfile.mjs',
    'bunfig.toml',
    '.pre-commit-config.yaml',
    ...LEFTHOOK_FILES,
    '.gemini/.env',
    '.devcontainer/devcontainer.json',
    '.devcontainer.json',
  ]) {
    const p = posixJoinRel(workspace, f);
    out.push({ path: p, kind: (kinds ? kindOf(p, { workspace, home }) : undefined) ?? 'git-hook' });
  }
  out.push(
    { path: posixJoinRel(workspace, KIRO_AGENTS), kind: 'mcp-config' },
    { path: posixJoinRel(home, KIRO_AGENTS), kind: 'mcp-config' },
    ...[workspace, home].map((b) => ({ path: posixJoinRel(b, GEMINI_EXTENSIONS), kind: 'mcp-config' as const })),
    { path: posixJoinRel(home, '.local/share/direnv'), kind: 'envrc' },
    { path: posixJoinRel(home, '.gemini/.env'), kind: 'host-env' },
  );
  for (const f of PM_FILES_ABSOLUTE) out.push({ path: f, kind: 'package-manager-config' });
  for (const d of AGENT_COMMAND_DIRS) {
    out.push(
      { path: posixJoinRel(workspace, d), kind: 'agent-command' },
      { path: posixJoinRel(home, d), kind: 'agent-command' },
    );
  }
  for (const d of AGENT_COMMAND_DIRS_HOME) out.push({ path: posixJoinRel(home, d), kind: 'agent-command' });
  return out;
}

function under(dir: string, p: string): boolean {
  // `p.startsWith(dir + '/')` without building that string: asked for every autorun place a touched path may be in.
  return p === dir || (p.length > dir.length && p.charCodeAt(dir.length) === 47 && p.startsWith(dir));
}

export interface AutorunPlace {
  kind: AutorunKind;
  /** The path as the user knows it: workspace-relative, `~/…`, or absolute. */
  shown: string;
}

export interface PlaceContext {
  workspace: string;
  home: string;
  /** Folders git runs hooks from besides `.git/hooks` (core.hooksPath), absolute. */
  hookDirs?: readonly string[];
}

function show(p: string, ctx: PlaceContext): string {
  if (under(ctx.workspace, p) && p !== ctx.workspace) return p.slice(ctx.workspace.length + 1);
  if (under(ctx.home, p) && p !== ctx.home) return '~/' + p.slice(ctx.home.length + 1);
  return p;
}

/** Folders from the workspace up to the home folder (or the root): where a project-level file may sit. */
function projectRoots(p: string, ctx: PlaceContext): string[] {
  const out: string[] = [];
  for (let d = posix.dirname(p), i = 0; i < 64; d = posix.dirname(d), i++) {
    out.push(d);
    if (d === ctx.home || d === '/' || !(under(ctx.workspace, d) || under(d, ctx.workspace))) break;
  }
  return out;
}

interface HomePlaces {
  mcpFiles: readonly string[];
  mcpDirs: readonly string[];
  runDirs: ReadonlyArray<readonly [string, AutorunKind]>;
}
// The places above, joined to a home folder once rather than for every path judged (a batch has one or a few homes).
const MAX_HOMES = 16;
const homesJoined = new Map<string, HomePlaces>();
function homePlaces(home: string): HomePlaces {
  let h = homesJoined.get(home);
  if (!h) {
    if (homesJoined.size >= MAX_HOMES) homesJoined.clear();
    h = {
      mcpFiles: MCP_FILES_HOME.map((f) => posixJoinRel(home, f)),
      mcpDirs: MCP_DIRS_HOME.map((d) => posixJoinRel(home, d)),
      runDirs: RUN_DIRS.map(([dir, kind]) => [dir.startsWith('/') ? dir : posixJoinRel(home, dir), kind] as const),
    };
    homesJoined.set(home, h);
  }
  return h;
}

/** A place known by its kind (an autorun place listed ahead of time), shown as autorunPlace shows it. */
export function listedPlace(p: string, kind: AutorunKind, ctx: PlaceContext): AutorunPlace {
  return { kind, shown: show(p, ctx) };
}

/** The autorun kind of an absolute path, or undefined. */
export function autorunPlace(p: string, ctx: PlaceContext): AutorunPlace | undefined {
  const kind = kindKnown(p, ctx);
  return kind ? { kind, shown: show(p, ctx) } : undefined;
}

// kindOf is path logic alone (the path, the workspace, the home and the hook folders; nothing on disk), asked for
// every file a command writes, most often the same few (`> out.txt`, `> /dev/null`): its answers are kept, by
// all four, for the next command that writes there.
const MAX_KINDS = 1024;
const kinds = new Map<string, AutorunKind | null>();
function kindKnown(p: string, ctx: PlaceContext): AutorunKind | undefined {
  // Each field but the path is written after its length, the path last: no two different sets of them meet in a key.
  let key = `${ctx.workspace.length}:${ctx.workspace}${ctx.home.length}:${ctx.home}`;
  const dirs = ctx.hookDirs;
  if (dirs) for (let i = 0; i < dirs.length; i++) key += `${dirs[i].length}:${dirs[i]}`;
  key += '|' + p;
  const known = kinds.get(key);
  if (known !== undefined) return known ?? undefined;
  const kind = kindOf(p, ctx);
  if (kinds.size >= MAX_KINDS) kinds.clear();
  kinds.set(key, kind ?? null);
  return kind;
}

function kindOf(p: string, ctx: PlaceContext): AutorunKind | undefined {
  const base = posix.basename(p);
  const lower = base.toLowerCase();
  const segments = p.split('/');
  // Dependencies' own files are the package manager's business; their scripts run confined.
  if (segments.includes('node_modules')) return undefined;
  if (base === 'package.json') return 'package-json';
  if (PM_NAMES.has(base) || PM_FILES_ABSOLUTE.includes(p) || TOOLCHAIN_CONFIG.test(p)) return 'package-manager-config';
  if (lower.endsWith('.pth') || lower === 'sitecustomize.py' || lower === 'usercustomize.py') return 'python-startup';
  if (MAKEFILES.has(lower) || lower.endsWith('.mk')) return 'makefile';
  if (base === '.envrc') return 'envrc';
  if (buildToolFile(p)) return 'build-tool';
  if (p.includes('mise') && isMiseConfig(p)) return 'mise-config';
  if (base === '.env' && posix.basename(posix.dirname(p)) === '.gemini') return 'host-env';
  if (base === '.pre-commit-config.yaml' || LEFTHOOK_FILES.includes(base)) return 'hook-runner-config';
  // A dev container's definition: `.devcontainer.json`, `.devcontainer/devcontainer.json`, `.devcontainer/NAME/devcontainer.json`.
  if (
    base === '.devcontainer.json' ||
    (base === 'devcontainer.json' && segments.slice(-3, -1).includes('.devcontainer'))
  )
    return 'devcontainer';
  // .git/hooks/* and .git/config of any repository; the hooks folder git is told to use.
  const gitAt = segments.lastIndexOf('.git');
  if (gitAt !== -1) {
    // git never runs a `*.sample`: the hooks `git init` leaves are examples until renamed (a write of its own).
    if (segments[gitAt + 1] === 'hooks') return base.endsWith('.sample') ? undefined : 'git-hook';
    if (segments[gitAt + 1] === 'config' && segments.length === gitAt + 2) return 'git-config';
  }
  if (ctx.hookDirs?.some((d) => under(d, p) && p !== d)) return 'git-hook';
  if (base === 'tasks.json' && posix.basename(posix.dirname(p)) === '.vscode') return 'editor-tasks';
  if (lower.endsWith('.code-workspace')) return 'editor-tasks';
  if (isAgentCommandFile(segments, lower)) return 'agent-command';
  if (lower.endsWith('.json') && posix.dirname(p).endsWith('/' + KIRO_AGENTS)) return 'mcp-config';
  // A Gemini CLI extension's manifest: its mcpServers start with Gemini, from the home's extensions or a project's.
  if (base === 'gemini-extension.json' && segments.at(-3) === 'extensions' && segments.at(-4) === '.gemini')
    return 'mcp-config';
  // A joined path ends with the file it joins: only a path that ends with one of them can be one.
  if (MCP_FILES_WORKSPACE.some((f) => p.endsWith(f)))
    for (const root of projectRoots(p, ctx)) {
      if (MCP_FILES_WORKSPACE.some((f) => posixJoinRel(root, f) === p)) return 'mcp-config';
    }
  const home = homePlaces(ctx.home);
  if (home.mcpFiles.includes(p)) return 'mcp-config';
  if (home.mcpDirs.some((d) => under(d, p)) && /mcp/i.test(base)) return 'mcp-config';
  // Indexed, not `for (const [abs, kind] of …)`: asked for every path a command touches, and until V8 optimizes it
  // (most of a batch) destructuring each pair walks an iterator and allocates its results.
  const runDirs = home.runDirs;
  for (let i = 0; i < runDirs.length; i++) if (under(runDirs[i][0], p)) return runDirs[i][1];
  if (under(ctx.home, p) && IPYTHON_STARTUP.test(p.slice(ctx.home.length + 1))) return 'program-startup';
  // A `.env` a host loads: in the workspace or a folder above it (Gemini CLI reads the nearest one).
  if (
    base === '.env' &&
    projectRoots(p, ctx).length &&
    (under(ctx.workspace, p) || under(posix.dirname(p), ctx.workspace))
  )
    return 'host-env';
  return undefined;
}
