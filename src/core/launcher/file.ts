// Writing the launcher: `agentguard install` and the extension's activation
// both call writeLauncher, which keeps what earlier writers recorded (a pin a
// human made, the runtimes of other editors) as long as it still exists, and
// replaces the file atomically (a link or FIFO an agent put in its place is
// replaced, never written through).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ROOTS, extensionFolderVersion, newerVersion } from './editors';
import {
  CLI_BUNDLE,
  LAUNCHER_BIN_DIR,
  MAX_RECORDED,
  RESCUE_DIR,
  RESCUE_FILES,
  launcherPath,
  windowsResolverPath,
  type LauncherRecord,
  type RecordedCli,
  type RecordedRuntime,
} from './index';
import { pinFile, registeredFolders, type Pin } from './pins';
import { posixLauncher, readLauncherRecord } from './posix';
import { replaceFile } from '../state/replaceFile';
import { windowsLauncher, windowsResolver } from './windows';
import { removeRunWrapper, runWrapperPath, runWrapperText } from './run';

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
export function builtinExtensionRoots(
  home: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  const data =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return EXTENSION_ROOTS.map((r) =>
    r.path.startsWith('$XDG_DATA_HOME/')
      ? path.join(data, r.path.slice('$XDG_DATA_HOME/'.length))
      : path.join(home, r.path),
  );
}

/** A CLI hashed now (its entry and bundle), or undefined when either is missing or changes while read. */
export function pinCli(cli: string, previous?: RecordedCli): RecordedCli | undefined {
  const entry = pinFile(cli, previous);
  const bundleFile = path.join(path.dirname(cli), CLI_BUNDLE);
  // The bundle has no stamp to reuse: it is hashed whenever its entry is.
  const bundle = entry && entry === previous ? { sha256: previous.bundleSha256 } : pinFile(bundleFile);
  if (!entry || !bundle) return undefined;
  const version = extensionFolderVersion(path.basename(path.dirname(path.dirname(cli))));
  return {
    cli,
    ...(version ? { version } : {}),
    sha256: entry.sha256,
    stamp: entry.stamp,
    bundleSha256: bundle.sha256,
  };
}

/**
 * The CLIs a launcher may run, in its order: the pin, the writer's own, then
 * every AgentGuard the editors registered (newest first). An earlier
 * record's hash is kept only while its file's stamp is unchanged; anything
 * else is hashed again now, and only if an editor still lists it.
 */
function recordClis(
  w: LauncherWrite,
  pinned: string | undefined,
  previous: readonly RecordedCli[],
  roots: readonly string[],
): RecordedCli[] {
  const before = new Map(previous.map((c) => [c.cli, c]));
  const own = w.pin ?? (w.extensionFolder ? path.join(w.extensionFolder, 'dist', 'cli.js') : undefined);
  const wanted: string[] = [];
  for (const root of roots)
    for (const folder of registeredFolders(root)) wanted.push(path.join(folder, 'dist', 'cli.js'));
  const out: RecordedCli[] = [];
  const add = (cli: string | undefined, reuse: boolean) => {
    if (!cli || out.some((c) => c.cli === cli)) return;
    const prev = before.get(cli);
    const c = pinCli(cli, reuse ? prev : undefined);
    if (c) out.push(c);
  };
  // The writer vouches for what it runs itself: hashed fresh.
  add(own, false);
  // A pin kept from an earlier writer holds only while its file is unchanged.
  if (pinned && pinned !== own) {
    const prev = before.get(pinned);
    const c = prev ? pinCli(pinned, prev) : undefined;
    if (c && prev && c.stamp === prev.stamp && c.sha256 === prev.sha256) out.push(c);
  }
  for (const cli of wanted) add(cli, true);
  // What an earlier writer vouched for (its own CLI) stays while it is unchanged.
  for (const prev of previous) {
    if (out.some((c) => c.cli === prev.cli) || prev.cli === pinned) continue;
    const c = pinCli(prev.cli, prev);
    if (c && c.stamp === prev.stamp && c.sha256 === prev.sha256) out.push(c);
  }
  const pin = out.find((c) => c.cli === pinned);
  const rest = out
    .filter((c) => c !== pin)
    .sort((a, b) =>
      newerVersion(a.version ?? '', b.version ?? '') ? -1 : newerVersion(b.version ?? '', a.version ?? '') ? 1 : 0,
    );
  return [...(pin ? [pin] : []), ...rest].slice(0, MAX_RECORDED * 2);
}

function pinOf(r: RecordedRuntime | undefined): Pin | undefined {
  return r?.sha256 && r.stamp ? { sha256: r.sha256, stamp: r.stamp } : undefined;
}

/** The record a writer leaves: its own facts first, then what earlier writers recorded that still exists. */
export function mergeRecord(previous: LauncherRecord | undefined, w: LauncherWrite): LauncherRecord {
  const pinned =
    w.pin === null
      ? undefined
      : (w.pin ?? (previous?.pinnedCli && isFile(previous.pinnedCli) ? previous.pinnedCli : undefined));
  const runtimes: RecordedRuntime[] = [];
  for (const [i, r] of [...(w.runtime ? [w.runtime] : []), ...(previous?.runtimes ?? [])].entries()) {
    if (runtimes.length >= MAX_RECORDED || runtimes.some((x) => x.path === r.path) || !isFile(r.path)) continue;
    const mine = i === 0 && w.runtime !== undefined;
    const prevPin = pinOf(r);
    // The writer's own runtime is hashed now (or an earlier hash kept while the stamp holds); an earlier one only while unchanged.
    const pin = mine
      ? pinFile(r.path, prevPin ?? pinOf(previous?.runtimes.find((x) => x.path === r.path)))
      : prevPin
        ? pinFile(r.path, prevPin)
        : undefined;
    if (!pin || (!mine && pin !== prevPin)) continue;
    runtimes.push({
      kind: r.kind,
      path: r.path,
      sha256: pin.sha256,
      stamp: pin.stamp,
      ...(r.editor ? { editor: true } : {}),
    });
  }
  const builtin = new Set(builtinExtensionRoots(w.home, w.env));
  const roots: string[] = [];
  for (const r of [
    ...(w.extensionFolder ? [path.dirname(w.extensionFolder)] : []),
    ...(previous?.extensionRoots ?? []),
  ]) {
    if (roots.length >= MAX_RECORDED || builtin.has(r) || roots.includes(r) || !isDir(r)) continue;
    roots.push(r);
  }
  const clis = recordClis(w, pinned, previous?.clis ?? [], [...builtin, ...roots]);
  return { ...(pinned ? { pinnedCli: pinned } : {}), runtimes, extensionRoots: roots, clis };
}

/** Writes `text` to `file` through a new file renamed over it; false when the text was already there. */
function replace(file: string, text: string, mode: number): boolean {
  if (readText(file) === text) {
    // Same text: still make sure it runs (a chmod by someone else would disarm every hook).
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
    return false;
  }
  replaceFile(file, text, mode);
  return true;
}

/** Writes (or refreshes) the launcher in `w.home`, and agentguard-run beside it on POSIX. */
export function writeLauncher(w: LauncherWrite): LauncherWritten {
  const platform = w.platform ?? process.platform;
  const file = launcherPath(w.home, platform);
  const record = mergeRecord(readLauncher(w.home, platform), w);
  fs.mkdirSync(path.join(w.home, LAUNCHER_BIN_DIR), { recursive: true, mode: 0o755 });
  if (platform === 'win32') {
    const a = replace(windowsResolverPath(w.home), windowsResolver(record, w.home), 0o644);
    const b = replace(file, windowsLauncher(record), 0o755);
    return { file, changed: a || b, record };
  }
  const launcher = replace(file, posixLauncher(record, w.home, w.env), 0o755);
  // agentguard-run beside it (run.ts): what a confined command is handed back as.
  const wrapper = replace(runWrapperPath(w.home), runWrapperText(w.home), 0o755);
  return { file, changed: launcher || wrapper, record };
}

/**
 * Keeps a copy of the CLI at `cliPath` (its bundles beside it) in the
 * launcher's folder, for `uninstall` and `doctor` once that CLI is gone
 * (RESCUE_DIR). Written whole into a new folder, then swapped in. Returns
 * the copy's CLI, or undefined when the CLI's bundles are not all there.
 */
export function writeRescue(home: string, cliPath: string): string | undefined {
  const from = path.dirname(cliPath);
  if (!RESCUE_FILES.every((f) => fs.statSync(path.join(from, f), { throwIfNoEntry: false })?.isFile()))
    return undefined;
  const dir = path.join(home, RESCUE_DIR);
  const tmp = `${dir}.${process.pid}.${Date.now()}.tmp`;
  fs.mkdirSync(tmp, { recursive: true, mode: 0o755 });
  try {
    for (const f of RESCUE_FILES) fs.copyFileSync(path.join(from, f), path.join(tmp, f));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return path.join(dir, 'cli.js');
}

/** Removes the launcher files and the record of wired folders (uninstall); the folder goes too when nothing else is in it. */
export function removeLauncher(home: string, platform: NodeJS.Platform = process.platform): string[] {
  const removed: string[] = [];
  const files = [
    launcherPath(home, platform),
    ...(platform === 'win32' ? [windowsResolverPath(home)] : []),
    workspacesFile(home),
  ];
  for (const f of files) {
    if (readText(f) === undefined) continue;
    fs.rmSync(f, { force: true });
    removed.push(f);
  }
  if (platform !== 'win32') removed.push(...removeRunWrapper(home));
  const rescue = path.join(home, RESCUE_DIR);
  if (fs.existsSync(rescue)) {
    fs.rmSync(rescue, { recursive: true, force: true });
    removed.push(rescue);
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
