// Writing the launcher: `agentguard install` and the extension's activation
// both call writeLauncher, which keeps what earlier writers recorded (a pin a
// human made, the runtimes of other editors) as long as it still exists, and
// replaces the file atomically (a link or FIFO an agent put in its place is
// replaced, never written through).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ROOTS } from './editors';
import { LAUNCHER_BIN_DIR, MAX_RECORDED, launcherPath, windowsResolverPath, type LauncherRecord, type RecordedRuntime } from './index';
import { posixLauncher, readLauncherRecord } from './posix';
import { windowsLauncher, windowsResolver } from './windows';

export interface LauncherWrite {
  home: string;
  platform?: NodeJS.Platform;
  /** A CLI a human chose to pin; null clears the pin; undefined keeps the launcher's pin while its file exists. */
  pin?: string | null;
  /** The runtime the writer runs on (seen to run Node code). */
  runtime?: RecordedRuntime;
  /** The extension folder the writer is installed in (its parent is searched too). */
  extensionFolder?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface LauncherWritten {
  file: string;
  changed: boolean;
  record: LauncherRecord;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The launcher's current text, if a regular file is there (bounded: a launcher is a few KiB). */
function readText(file: string): string | undefined {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > 256 * 1024) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** What the launcher in `home` recorded, or undefined when there is none. */
export function readLauncher(home: string, platform: NodeJS.Platform = process.platform): LauncherRecord | undefined {
  const text = readText(launcherPath(home, platform));
  return text === undefined ? undefined : readLauncherRecord(text);
}

/** The built-in extension folders under `home`, as absolute paths. */
export function builtinExtensionRoots(home: string, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const data = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return EXTENSION_ROOTS.map((r) => (r.path.startsWith('$XDG_DATA_HOME/') ? path.join(data, r.path.slice('$XDG_DATA_HOME/'.length)) : path.join(home, r.path)));
}

/** The record a writer leaves: its own facts first, then what earlier writers recorded that still exists. */
export function mergeRecord(previous: LauncherRecord | undefined, w: LauncherWrite): LauncherRecord {
  const pinned = w.pin === null ? undefined : w.pin ?? (previous?.pinnedCli && isFile(previous.pinnedCli) ? previous.pinnedCli : undefined);
  const runtimes: RecordedRuntime[] = [];
  for (const r of [...(w.runtime ? [w.runtime] : []), ...(previous?.runtimes ?? [])]) {
    if (runtimes.length >= MAX_RECORDED || runtimes.some((x) => x.path === r.path) || !isFile(r.path)) continue;
    runtimes.push(r);
  }
  const builtin = new Set(builtinExtensionRoots(w.home, w.env));
  const roots: string[] = [];
  for (const r of [...(w.extensionFolder ? [path.dirname(w.extensionFolder)] : []), ...(previous?.extensionRoots ?? [])]) {
    if (roots.length >= MAX_RECORDED || builtin.has(r) || roots.includes(r) || !isDir(r)) continue;
    roots.push(r);
  }
  return { ...(pinned ? { pinnedCli: pinned } : {}), runtimes, extensionRoots: roots };
}

/** Writes `text` to `file` through a new file renamed over it; false when the text was already there. */
function replace(file: string, text: string, mode: number): boolean {
  if (readText(file) === text) {
    // Same text: still make sure it runs (a chmod by someone else would disarm every hook).
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
    return false;
  }
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, text, { mode, flag: 'wx' });
  try {
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return true;
}

/** Writes (or refreshes) the launcher in `w.home`. */
export function writeLauncher(w: LauncherWrite): LauncherWritten {
  const platform = w.platform ?? process.platform;
  const file = launcherPath(w.home, platform);
  const record = mergeRecord(readLauncher(w.home, platform), w);
  fs.mkdirSync(path.join(w.home, LAUNCHER_BIN_DIR), { recursive: true, mode: 0o755 });
  if (platform === 'win32') {
    const a = replace(windowsResolverPath(w.home), windowsResolver(record, w.home, w.env), 0o644);
    const b = replace(file, windowsLauncher(record), 0o755);
    return { file, changed: a || b, record };
  }
  return { file, changed: replace(file, posixLauncher(record, w.home, w.env), 0o755), record };
}

/** Removes the launcher files and the record of wired folders (uninstall); the folder goes too when nothing else is in it. */
export function removeLauncher(home: string, platform: NodeJS.Platform = process.platform): string[] {
  const removed: string[] = [];
  const files = [launcherPath(home, platform), ...(platform === 'win32' ? [windowsResolverPath(home)] : []), workspacesFile(home)];
  for (const f of files) {
    if (readText(f) === undefined) continue;
    fs.rmSync(f, { force: true });
    removed.push(f);
  }
  for (const dir of [path.join(home, LAUNCHER_BIN_DIR), path.dirname(path.join(home, LAUNCHER_BIN_DIR))]) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty (something else lives there) or already gone.
    }
  }
  return removed;
}

/** Folders whose project-level hook files AgentGuard wired: the editor's uninstall clean-up unwires them. */
const WORKSPACES_FILE = 'workspaces.json';
const MAX_WORKSPACES = 500;

function workspacesFile(home: string): string {
  return path.join(home, path.dirname(LAUNCHER_BIN_DIR), WORKSPACES_FILE);
}

export function wiredWorkspaces(home: string): string[] {
  const text = readText(workspacesFile(home));
  if (text === undefined) return [];
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && path.isAbsolute(x)) : [];
  } catch {
    return [];
  }
}

/** Remembers (`wired`) or forgets a workspace whose hook files hold AgentGuard's entries. */
export function recordWiredWorkspace(home: string, workspace: string, wired: boolean): void {
  const list = wiredWorkspaces(home).filter((w) => w !== workspace);
  if (wired) list.unshift(workspace);
  const file = workspacesFile(home);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  replace(file, JSON.stringify(list.slice(0, MAX_WORKSPACES), null, 2) + '\n', 0o644);
}
