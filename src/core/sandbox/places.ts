// What a confined command may write, what stays read-only for it, and what
// it must not reach at all, for one workspace and home. Paths only, checked
// against the file system once per call (bounded): the profile builders
// (bwrap.ts, seatbelt.ts) turn them into their own language.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guardPlaces } from '../guard';
import { autorunPlacePaths } from '../packs/autorun/places';
import { defaultStateDir } from '../state';
import { zdotdirFiles } from '../command/startupFiles';
import { joinName, posixJoinRel } from '../text/normalPath';

export type Profile = 'routine' | 'approved';

export interface PlaceInput {
  workspace: string;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /** AgentGuard's state folder for this call. */
  stateDir: string;
  /** Folders of the AgentGuard CLI and launcher that run the hooks. */
  install: readonly string[];
  profile: Profile;
  /** A human approved planting code to run later (an autorun finding): autorun places are not kept read-only. */
  autorunApproved?: boolean;
  /** Existence check (tests inject one). */
  exists?: (p: string) => boolean;
}

export interface Places {
  /** Writable roots (routine profile): the workspace, temp folders, the tools' caches. */
  writable: string[];
  /** Paths kept read-only, existing ones only, no one inside another. */
  readOnly: string[];
  /** Unix sockets and folders of sockets to hide (display servers, the editor's IPC, terminal multiplexers, the session bus). */
  hidden: Array<{ path: string; kind: 'dir' | 'file' }>;
  /** Sockets inside hidden folders that stay reachable (ssh agent, gpg agent, the git askpass of the editor). */
  reexposed: string[];
  /** Environment variables to remove: they name what is hidden, or load the terminal door's gate. */
  unset: string[];
  /** PATH without the terminal door's shim folder, when it held it. */
  path?: string;
}

/** Caches package managers and build tools write on every routine run (HOME-relative). */
const TOOL_CACHES = [
  '.cache',
  '.npm',
  '.yarn/berry/cache',
  '.local/share/pnpm',
  '.pnpm-store',
  '.bun/install/cache',
  '.cargo/registry',
  '.cargo/git',
  'go/pkg/mod',
  '.m2/repository',
  '.gradle/caches',
  '.gradle/wrapper',
  '.ivy2/cache',
  '.sbt',
  '.nuget/packages',
  '.pub-cache',
  '.composer/cache',
  '.deno',
  '.cache/pip',
  '.local/share/virtualenv',
  '.node-gyp',
  '.electron-gyp',
  '.terraform.d/plugin-cache',
  '.expo',
];

/** Host folders in a workspace whose every file is a hook or setting: kept read-only whole when present. */
const HOST_DIRS = [
  '.claude',
  '.cursor',
  '.gemini',
  '.codex',
  '.windsurf',
  '.kiro',
  '.augment',
  '.amp',
  '.opencode',
  '.clinerules',
  '.cline',
  '.github/hooks',
  '.vscode',
  '.husky',
  '.githooks',
];

const ENV_NAMES_HIDDEN = [
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XAUTHORITY',
  'VSCODE_IPC_HOOK_CLI',
  'VSCODE_IPC_HOOK',
  'DBUS_SESSION_BUS_ADDRESS',
  'TMUX',
  'TMUX_PANE',
  'STY',
];

/** Sockets the editors leave in a temp folder when the session has no runtime folder (`vscode-ipc-….sock`, `vscode-git-….sock`). */
const EDITOR_SOCKET = /vscode|cursor|windsurf|code-server|kiro|electron|-ipc-/i;

/** Names in one temp folder read for sockets; past this the folder is hidden whole (fail closed). */
const MAX_TEMP_NAMES = 1_000_000;

/** Folders of sockets in a temp folder: X11's, ICE's, tmux's, screen's. */
const SOCKET_FOLDER = /^\.(?:X11|ICE|XIM|font)-unix$|^tmux-\d+$|^screen$/;

/**
 * `path.join(dir, rel)` for the relative names here (`a/b`): a confined call joins a few hundred paths, and Node's
 * normalizing in a short process is most of what that costs (normalPath.ts). Node's own on Windows.
 */
const join = (dir: string, rel: string): string => (path.sep === '/' ? posixJoinRel(dir, rel) : path.join(dir, rel));

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}

function tempRoots(env: PlaceInput['env']): string[] {
  const out = ['/tmp', '/var/tmp'];
  for (const v of ['TMPDIR', 'TMP', 'TEMP']) {
    const d = env[v];
    if (d && path.isAbsolute(d) && d !== '/' && !out.includes(path.resolve(d))) out.push(path.resolve(d));
  }
  return out;
}

/** Python's user site-packages folders (`~/.local/lib/python3.*`): a .pth there runs in every Python. */
function pythonUserSites(home: string): string[] {
  try {
    return fs
      .readdirSync(join(home, '.local/lib'))
      .filter((n) => /^python\d/.test(n))
      .slice(0, 16)
      .map((n) => join(home, '.local/lib/' + n));
  } catch {
    return [];
  }
}

/** Drops paths that lie inside another path of the list (the outer mount covers them). */
function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((o) => inside(o, p))) out.push(p);
  return out;
}

function isSocket(p: string): boolean {
  try {
    return fs.lstatSync(p).isSocket();
  } catch {
    return false;
  }
}

/**
 * What to hide: the session's runtime folder (Wayland, D-Bus, systemd's
 * private socket, the editor's IPC sockets), the X11 and ICE socket folders,
 * the editors' sockets in a temp folder, tmux's and screen's folders,
 * and the X authority cookie (X11's abstract socket stays reachable through
 * the shared network, but not without the cookie).
 */
function hiddenPlaces(input: PlaceInput, exists: (p: string) => boolean): Pick<Places, 'hidden' | 'reexposed'> {
  const hidden: Places['hidden'] = [];
  const reexposed: string[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const runtime =
    input.env.XDG_RUNTIME_DIR && path.isAbsolute(input.env.XDG_RUNTIME_DIR)
      ? input.env.XDG_RUNTIME_DIR
      : `/run/user/${uid}`;
  const keep = [input.env.SSH_AUTH_SOCK, input.env.VSCODE_GIT_IPC_HANDLE, path.join(runtime, 'gnupg')].filter(
    (p): p is string => !!p && path.isAbsolute(p),
  );
  if (exists(runtime)) {
    hidden.push({ path: runtime, kind: 'dir' });
    for (const k of keep) if (inside(runtime, k) && exists(k)) reexposed.push(k);
  }
  for (const tmp of ['/tmp', ...tempRoots(input.env).filter((t) => t !== '/tmp' && t !== '/var/tmp')]) {
    // Names only: a typed listing builds an object for each of hundreds of names (about 0.3 ms of a hook call
    // for 400), for the few a name test picks; those get an lstat, which says what the listing's type says.
    let names: string[];
    try {
      names = fs.readdirSync(tmp);
    } catch {
      continue;
    }
    // Every name is looked at: a socket past a bound on names would stay in reach (a busy /tmp holds thousands).
    // Past this many the folder itself is hidden, which no routine command needs that many names of.
    if (names.length > MAX_TEMP_NAMES) {
      hidden.push({ path: tmp, kind: 'dir' });
      continue;
    }
    for (const name of names) {
      const folder = SOCKET_FOLDER.test(name);
      if (!folder && !EDITOR_SOCKET.test(name)) continue;
      const p = path.join(tmp, name);
      if (keep.some((k) => inside(p, k))) continue;
      if (folder) hidden.push({ path: p, kind: 'dir' });
      // The editors' IPC sockets (a database's socket stays: routine work talks to it).
      else if (isSocket(p)) hidden.push({ path: p, kind: 'file' });
    }
  }
  for (const cookie of [
    input.env.XAUTHORITY,
    path.join(input.home, '.Xauthority'),
    path.join(input.home, '.ICEauthority'),
  ]) {
    if (cookie && path.isAbsolute(cookie) && exists(cookie) && !hidden.some((h) => h.path === cookie))
      hidden.push({ path: cookie, kind: 'file' });
  }
  for (const screen of ['/run/screen', '/var/run/screen'])
    if (exists(screen)) hidden.push({ path: screen, kind: 'dir' });
  return { hidden, reexposed };
}

/** Folders no repository lives in, not searched for nested ones (dependencies, build output, caches). */
const NO_REPOS = new Set([
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  'dist',
  'build',
  'out',
  '.next',
  '.cache',
  '.gradle',
  '.terraform',
  'vendor',
  'Pods',
  'DerivedData',
]);
const MAX_SCAN_DIRS = 512;
const MAX_SCAN_DEPTH = 5;
/** What git runs from a git directory: its settings and its hooks. */
const GIT_CODE = ['config', 'config.worktree', 'hooks', 'commondir', 'info/attributes'];

/**
 * The repositories nested in the workspace (`packages/x/.git`, a `.git` file
 * pointing elsewhere, a bare repository under any name): the code their git
 * settings and hooks name runs unconfined when the editor's git extension
 * opens them, so they are read-only like the top-level one. Bounded in
 * folders and depth; dependency and build folders are not searched.
 */
function nestedGitCode(workspace: string): string[] {
  const out: string[] = [];
  const queue: Array<[string, number]> = [[workspace, 0]];
  for (let seen = 0; queue.length && seen < MAX_SCAN_DIRS; seen++) {
    const [dir, depth] = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const names = new Set(entries.map((e) => e.name));
    // A bare repository or a git directory under another name: what git itself checks.
    if (dir !== workspace && names.has('HEAD') && names.has('objects') && names.has('refs')) {
      out.push(...GIT_CODE.map((f) => join(dir, f)));
      continue;
    }
    for (const e of entries) {
      const p = joinName(dir, e.name);
      if (e.name === '.git') {
        if (dir === workspace) continue;
        if (e.isDirectory()) out.push(...GIT_CODE.map((f) => join(p, f)));
        else if (e.isFile()) out.push(p, ...linkedGitDir(p));
        continue;
      }
      if (e.isDirectory() && !e.isSymbolicLink() && depth < MAX_SCAN_DEPTH && !NO_REPOS.has(e.name))
        queue.push([p, depth + 1]);
    }
  }
  return out;
}

/** The git directory a `.git` file points to (`gitdir: …`): its settings and hooks. */
function linkedGitDir(file: string): string[] {
  try {
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(file, 'utf8').slice(0, 4096));
    return m ? GIT_CODE.map((f) => path.join(path.resolve(path.dirname(file), m[1]), f)) : [];
  } catch {
    return [];
  }
}

/** Everything AgentGuard depends on, and (unless a human approved planting) every autorun place, that exists. */
function guardedPaths(input: PlaceInput): string[] {
  const { workspace, home } = input;
  const out: string[] = [
    input.stateDir,
    defaultStateDir(home),
    join(workspace, '.agentguard.json'),
    '/etc/agentguard',
    '/Library/Application Support/AgentGuard',
    ...input.install,
  ];
  for (const g of guardPlaces(workspace, home, input.install)) out.push(g.path);
  // zsh's start-up files where the user's ZDOTDIR points (not the terminal door's, inside the state folder).
  out.push(...zdotdirFiles(input.env, [input.stateDir, defaultStateDir(home)]));
  for (const d of HOST_DIRS) out.push(join(workspace, d));
  // The launcher hook files point at, and the user-level tools folder it lives in.
  out.push(join(home, '.local/bin/agentguard'), join(home, '.local/share/agentguard'));
  if (!input.autorunApproved) {
    out.push(...autorunPlacePaths(workspace, home));
    out.push(...pythonUserSites(home));
    if (!input.exists) out.push(...nestedGitCode(workspace));
  }
  return out;
}

/** Caches every Node project writes on its first install: made when missing, or npm could not start in a read-only home. */
const ALWAYS_CACHES = ['.cache', '.npm'];

/**
 * The folders a user's command can write in the approved profile. The
 * system's own places (/etc, /usr, /lib, launchd's folders): only root can
 * write them, so they need a read-only mount of their own only when the
 * command runs as root; else only the places inside these do. Worked out
 * once a call, not once a place (a few hundred of them).
 */
function ownFolders(input: PlaceInput): string[] {
  return [input.home, input.workspace, input.stateDir, ...input.install, ...tempRoots(input.env)];
}

export function placesFor(input: PlaceInput): Places {
  const exists = input.exists ?? ((p: string) => fs.existsSync(p));
  if (input.profile === 'routine' && !input.exists) {
    for (const c of ALWAYS_CACHES) {
      try {
        fs.mkdirSync(path.join(input.home, c), { recursive: true, mode: 0o700 });
      } catch {
        // A read-only or missing home: the tool then reports its own error.
      }
    }
  }
  const writable =
    input.profile === 'routine'
      ? outermost(
          [input.workspace, ...tempRoots(input.env), ...TOOL_CACHES.map((c) => join(input.home, c))].filter(exists),
        )
      : [];
  // Routine: everything outside the writable roots is read-only already; only what lies inside them needs its own mount.
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const own = input.profile === 'approved' && !root ? ownFolders(input) : [];
  const candidates = guardedPaths(input).filter((p) =>
    input.profile === 'approved' ? root || own.some((d) => inside(d, p)) : writable.some((w) => inside(w, p)),
  );
  const readOnly = outermost(candidates.filter(exists));
  return { writable, readOnly, ...hiddenPlaces(input, exists), ...withoutGate(input) };
}

/**
 * The terminal door's hooks into shells (core/terminal: BASH_ENV, ZDOTDIR,
 * the shims first on PATH), inherited when the host runs inside the
 * editor's extension host. A confined command was judged whole by the hook,
 * and what it runs in turn is not asked about again; inside, the gate could
 * reach neither the editor's judge nor the audit log, and would refuse
 * everything.
 */
function withoutGate(input: PlaceInput): { unset: string[]; path?: string } {
  const gate = path.join(input.stateDir, 'terminal');
  const loadsGate = (n: string) => {
    const v = input.env[n];
    return v !== undefined && inside(gate, v);
  };
  const unset = [
    ...ENV_NAMES_HIDDEN.filter((n) => input.env[n] !== undefined),
    ...['BASH_ENV', 'ZDOTDIR'].filter(loadsGate),
  ];
  const dirs = (input.env.PATH ?? '').split(':');
  const kept = dirs.filter((d) => !inside(gate, d));
  return kept.length === dirs.length ? { unset } : { unset, path: kept.join(':') };
}
