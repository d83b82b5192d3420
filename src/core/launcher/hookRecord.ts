// The hook files AgentGuard wrote, as it wrote them: when install (the CLI,
// the editor's install, which runs it, or the editor's repair) writes or
// verifies a host's hook file, the file's sha256, size, inode and change
// time and AgentGuard's entries in it (event, command, matcher) go into
// `hook-files.json` in the state folder — a folder on every host sandbox's
// deny-write list and protected from the agent's own tools. Install also
// notes, as it finds them, the workspace files of the host that can take
// the hook away for some calls (its adapter's `shadow.files`, and the
// environment file it loads from above the workspace), so a file
// the user had before install is not news later. Doctor says per file:
// unchanged, changed with AgentGuard's entry intact, changed with it gone
// or altered, or removed; each hook call compares the workspace's files
// (frontdoor/shadow.ts), reading one only when its size, inode or change time moved.
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { envFilesAbove } from '../hosts/envAbove';
import { agentGuardEntries, entryChange, type HookEntry } from '../hosts/hookEntries';
import { hostAdapter } from '../hosts';
import type { Scope } from '../hosts/hostFiles';
import { HOSTS, type HostId } from '../hosts/types';
import { shellHome } from '../state/homes';

export const HOOK_RECORD = 'hook-files.json';
const MAX_RECORD_BYTES = 256 * 1024;
/** Most files a record holds. */
export const MAX_RECORDED_FILES = 400;
const MAX_HOOK_FILE_BYTES = 1024 * 1024;

export interface RecordedHookFile {
  host: HostId;
  scope: Scope;
  file: string;
  /** null: the file did not exist when install looked. */
  sha256: string | null;
  size: number;
  /** The inode and its change time: a write, a rename over it or a reset modification time all move one. */
  ino: number;
  ctimeMs: number;
  /** AgentGuard's entries as written; absent for a file install only looked at (it wrote nothing there). */
  entries?: HookEntry[];
  /** The launcher the entries call. */
  launcher?: string;
  at: string;
}

export interface HookFileText {
  text: string;
  size: number;
  ino: number;
  ctimeMs: number;
}

/** A hook file's text and identity: undefined when missing; a file that is not a regular one of sane size throws. */
export function readHookFile(file: string): HookFileText | undefined {
  let st: fs.Stats | undefined;
  try {
    // Missing answers undefined without a thrown ENOENT's stack trace; a parent that is a file (ENOTDIR) still throws.
    st = fs.statSync(file, { throwIfNoEntry: false });
    if (st === undefined) return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw err;
  }
  if (!st.isFile() || st.size > MAX_HOOK_FILE_BYTES) throw new Error(`${file} is not a hook file of sane size`);
  const text = fs.readFileSync(file, 'utf8');
  return { text, size: st.size, ino: st.ino, ctimeMs: st.ctimeMs };
}

function identity(read: HookFileText): Pick<RecordedHookFile, 'sha256' | 'size' | 'ino' | 'ctimeMs'> {
  return { sha256: sha256(read.text), size: read.size, ino: read.ino, ctimeMs: read.ctimeMs };
}

/** node:crypto loads only where a file is hashed: a hook call whose files are as recorded never pays for it. */
export function sha256(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof Crypto).createHash('sha256').update(text).digest('hex');
}

/** A record's text read strictly: what is not one throws. */
export function parseHookRecord(text: string): RecordedHookFile[] {
  if (text.length > MAX_RECORD_BYTES) throw new Error('the hook-file record is too large');
  const parsed = JSON.parse(text) as { files?: unknown } | null;
  if (!parsed || !Array.isArray(parsed.files)) throw new Error('the hook-file record holds no list of files');
  return (parsed.files as RecordedHookFile[]).filter(
    (f) =>
      f &&
      typeof f.file === 'string' &&
      path.isAbsolute(f.file) &&
      HOSTS.includes(f.host) &&
      typeof f.sha256 !== 'undefined',
  );
}

/** The record, or none: a record that cannot be read is treated as absent (doctor says so). */
export function readHookRecord(stateDir: string): RecordedHookFile[] {
  try {
    const file = path.join(stateDir, HOOK_RECORD);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st === undefined || st.size > MAX_RECORD_BYTES) return [];
    return parseHookRecord(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

/** Writes a record into `dir` whole (a rename over the last), readable as `mode` says. */
export function writeHookRecord(dir: string, files: readonly RecordedHookFile[], mode = 0o600): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, HOOK_RECORD);
  replaceFile(file, JSON.stringify({ files: files.slice(-MAX_RECORDED_FILES) }, null, 1) + '\n', mode);
}

export interface Written {
  host: HostId;
  scope: Scope;
  file: string;
}

/**
 * The record after an install: each hook file install wrote or found
 * already right, with AgentGuard's entries in it, and the workspace's files
 * of the same hosts that could take the hook away (as they are now, or
 * absent); what `before` held of other files stays.
 */
export function nextHookRecord(
  before: readonly RecordedHookFile[],
  written: readonly Written[],
  workspace: string,
  launcher: string,
  now = new Date(),
): RecordedHookFile[] {
  const at = now.toISOString();
  const byFile = new Map(before.map((r) => [r.file, r]));
  // A file as it was recorded keeps its record, and the time of the install that wrote it.
  const put = (r: RecordedHookFile) => {
    const old = byFile.get(r.file);
    if (!old || JSON.stringify({ ...old, at: '' }) !== JSON.stringify({ ...r, at: '' })) byFile.set(r.file, r);
  };
  for (const w of written) {
    const read = readHookFile(w.file);
    if (!read) continue;
    const entries = agentGuardEntries(w.host, read.text) ?? [];
    put({ host: w.host, scope: w.scope, file: w.file, ...identity(read), entries, launcher, at });
  }
  for (const host of new Set(written.map((w) => w.host))) {
    const shadow = hostAdapter(host).shadow;
    let rels: string[];
    try {
      rels = shadowFilesIn(workspace, shadow?.files ?? []);
      // The environment file the host loads from above the workspace, as install found it.
      if (shadow?.above)
        for (const above of envFilesAbove(workspace, shellHome(), shadow.above))
          rels.push(path.relative(workspace, above));
    } catch {
      continue;
    }
    for (const rel of rels) {
      const file = path.join(workspace, rel);
      if (byFile.get(file)?.entries) continue;
      let read: HookFileText | undefined;
      try {
        read = readHookFile(file);
      } catch {
        continue;
      }
      put({
        host,
        scope: 'project',
        file,
        ...(read ? identity(read) : { sha256: null, size: 0, ino: 0, ctimeMs: 0 }),
        at,
      });
    }
  }
  return [...byFile.values()];
}

/** The record install keeps in the developer's own state folder (no AgentGuard service). */
export function recordHookFiles(
  stateDir: string,
  written: readonly Written[],
  workspace: string,
  launcher: string,
  now = new Date(),
): void {
  const before = readHookRecord(stateDir);
  const after = nextHookRecord(before, written, workspace, launcher, now);
  if (JSON.stringify(after) !== JSON.stringify(before)) writeHookRecord(stateDir, after);
}

/** Most JSON files a hook folder of a workspace may hold before the check gives up (and asks). */
const MAX_FOLDER_FILES = 100;

/**
 * A `folder/*.ext` (or `folder/*`: every file; `folder/**`: every entry not
 * named with a leading dot, a folder standing for all it holds) entry of a
 * host's shadow files, split; undefined for a named file.
 */
export function folderGlob(rel: string): { folder: string; ext: string; folders: boolean } | undefined {
  const m = /^(.*)\/\*(\*|(?:\.[A-Za-z0-9]+)?)$/.exec(rel);
  if (!m) return undefined;
  return m[2] === '*'
    ? { folder: m[1], ext: '', folders: true }
    : { folder: m[1], ext: m[2].toLowerCase(), folders: false };
}

/**
 * A host's shadow files in `workspace`, relative: each named file, and for a
 * `folder/*.ext` entry (a host that loads every such file of a folder) the
 * files there now, sorted. Throws on a folder it cannot list or one holding
 * more than it reads.
 */
export function shadowFilesIn(workspace: string, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const rel of files) {
    const glob = folderGlob(rel);
    if (!glob) {
      out.push(rel);
      continue;
    }
    let names: string[];
    try {
      // A folder that is not there costs a stat, not an exception.
      if (!fs.statSync(path.join(workspace, glob.folder), { throwIfNoEntry: false })) continue;
      // Files (and links, which the host may follow); a folder there is no hook file, but may be a plugin.
      names = fs
        .readdirSync(path.join(workspace, glob.folder), { withFileTypes: true })
        .filter((d) => (glob.folders ? !d.name.startsWith('.') : d.isFile() || d.isSymbolicLink()))
        .map((d) => d.name);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw err;
    }
    const found = names.filter((n) => n.toLowerCase().endsWith(glob.ext)).sort();
    if (found.length > MAX_FOLDER_FILES) throw new Error(`${glob.folder} holds ${found.length} hook files`);
    out.push(...found.map((n) => `${glob.folder}/${n}`));
  }
  return out;
}

/** Drops the files uninstall took AgentGuard's entries out of. */
export function forgetHookFiles(stateDir: string, files: readonly string[]): void {
  const gone = new Set(files);
  const before = readHookRecord(stateDir);
  const after = before.filter((r) => !gone.has(r.file));
  if (after.length !== before.length) writeHookRecord(stateDir, after);
}

export interface HookFileState {
  host: HostId;
  scope: Scope;
  file: string;
  state: 'unchanged' | 'intact' | 'altered' | 'removed';
  says: string;
}

/** What became of each hook file AgentGuard wrote (the files it only looked at are the hook calls' to compare). */
export function hookFileStates(record: readonly RecordedHookFile[]): HookFileState[] {
  return record
    .filter((r) => r.entries !== undefined && r.entries.length > 0)
    .map((r): HookFileState => {
      const base = { host: r.host, scope: r.scope, file: r.file };
      let read: HookFileText | undefined;
      try {
        read = readHookFile(r.file);
      } catch (err) {
        return { ...base, state: 'altered', says: `cannot be read (${(err as Error).message})` };
      }
      const since = `since install (${r.at})`;
      if (!read) return { ...base, state: 'removed', says: `removed ${since}: AgentGuard is no longer called from it` };
      if (sha256(read.text) === r.sha256) return { ...base, state: 'unchanged', says: `unchanged ${since}` };
      const change = entryChange(r.entries ?? [], agentGuardEntries(r.host, read.text));
      return change
        ? { ...base, state: 'altered', says: `changed ${since}: ${change}` }
        : { ...base, state: 'intact', says: `changed ${since}, AgentGuard's entry intact` };
    });
}
