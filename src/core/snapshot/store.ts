// The snapshot store in the state directory: file contents as read-only
// blobs named by their sha256 (`blobs/ab/abcd…`), and one read-only manifest
// per snapshot (`manifests/ID.json`) that says what was copied from where.
// Oldest snapshots are pruned once the store passes its total budget.
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';

/**
 * node:crypto, loaded when a snapshot is taken or read: blobs can be large
 * (OpenSSL hashes them fastest), and the calls that take no snapshot, most
 * of them, do not pay for loading it.
 */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:crypto') as typeof Crypto;
}

function sha256(content: Buffer): string {
  return crypto().createHash('sha256').update(content).digest('hex');
}

/** A snapshot in memory, as it is handed to the AgentGuard service (bundle.ts carries it). */
export interface SnapshotBundle {
  manifest: Manifest;
  /** Content by sha256, every blob the manifest names. */
  blobs: Map<string, Buffer>;
}

/** What the approval and the audit say about the snapshot. */
export interface SnapshotStatus {
  taken: boolean;
  /** The store is full of snapshots it must keep: the action asks instead of running without one. */
  full?: boolean;
  id?: string;
  note?: string;
  /** Kept elsewhere too was asked and failed (the AgentGuard service): the action needs a human, as with a full store. */
  unkept?: boolean;
  /** What was taken, in memory, for the AgentGuard service to keep (never recorded). */
  bundle?: SnapshotBundle;
}

export interface FileEntry {
  /** Absolute path the content came from. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  size?: number;
  sha256?: string;
  /** Symlink target. */
  link?: string;
}

export interface DatabaseDump {
  engine: 'postgresql';
  /** `tables` (pg_dump -t), `schema` (-n), `database` (the whole database, with CREATE DATABASE). */
  scope: 'tables' | 'schema' | 'database';
  /** Connection options as the command gave them (passwords removed). */
  args: string[];
  /** PG* variables of the command's environment (PGPASSWORD removed). */
  env: Record<string, string>;
  /** Blob of the plain-SQL dump. */
  sha256: string;
  size: number;
}

export interface Manifest {
  id: string;
  time: string;
  kind: 'files' | 'database';
  /** What the command was about to change: paths, tables, databases. */
  targets: string[];
  /** The command or edit that was let through. */
  subject?: string;
  cwd?: string;
  workspace?: string;
  files?: FileEntry[];
  database?: DatabaseDump;
  /** Paths left out (regenerable folders, unreadable entries). */
  skipped?: string[];
  bytes: number;
  /** How long taking it took. */
  ms?: number;
}

export function snapshotDir(stateDir: string): string {
  return path.join(stateDir, 'snapshots');
}
const manifestsDir = (store: string): string => path.join(store, 'manifests');
const blobsDir = (store: string): string => path.join(store, 'blobs');

export function blobPath(store: string, hash: string): string {
  return path.join(blobsDir(store), hash.slice(0, 2), hash);
}

export function ensureStore(stateDir: string): string {
  const store = snapshotDir(stateDir);
  fs.mkdirSync(manifestsDir(store), { recursive: true, mode: 0o700 });
  fs.mkdirSync(blobsDir(store), { recursive: true, mode: 0o700 });
  return store;
}

/** Whether the store already holds this content (adding it costs nothing). */
export function hasBlob(store: string, content: Buffer): boolean {
  return fs.existsSync(blobPath(store, sha256(content)));
}

/** Stores content once (read-only, 0400); returns its hash. */
export function putBlob(store: string, content: Buffer): string {
  const hash = sha256(content);
  const file = blobPath(store, hash);
  if (fs.existsSync(file)) return hash;
  replaceFile(file, content, 0o400, { folderMode: 0o700 });
  return hash;
}

export function readBlob(store: string, hash: string): Buffer {
  const content = fs.readFileSync(blobPath(store, hash));
  if (sha256(content) !== hash)
    throw new Error(`snapshot blob ${hash} is damaged (its content does not match its name)`);
  return content;
}

let lastTime = 0;

/**
 * A snapshot's time, later than every one this process gave before: "the
 * newest of a file" (kept whatever its age) must not depend on a tie in the
 * same millisecond being broken by a random id.
 */
export function snapshotTime(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime).toISOString();
}

export function newSnapshotId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${crypto().randomBytes(3).toString('hex')}`;
}

const ID_RE = /^[0-9TZ]+-[0-9a-f]{6}$/;

export function writeManifest(store: string, m: Manifest): void {
  const file = path.join(manifestsDir(store), `${m.id}.json`);
  replaceFile(file, JSON.stringify(m, null, 2) + '\n', 0o400);
}

export function readManifest(stateDir: string, id: string): Manifest | undefined {
  if (!ID_RE.test(id)) return undefined;
  try {
    return JSON.parse(
      fs.readFileSync(path.join(manifestsDir(snapshotDir(stateDir)), `${id}.json`), 'utf8'),
    ) as Manifest;
  } catch {
    return undefined;
  }
}

/** Every snapshot, newest first. */
export function listSnapshots(stateDir: string): Manifest[] {
  let names: string[];
  try {
    names = fs.readdirSync(manifestsDir(snapshotDir(stateDir)));
  } catch {
    return [];
  }
  const out: Manifest[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const m = readManifest(stateDir, name.slice(0, -5));
    if (m) out.push(m);
  }
  return out.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : a.id < b.id ? 1 : -1));
}

function blobsOf(m: Manifest): string[] {
  const out = (m.files ?? []).map((f) => f.sha256).filter((h): h is string => !!h);
  if (m.database) out.push(m.database.sha256);
  return out;
}

/** How long a snapshot is kept whatever the budget says: a human needs time to notice what an agent did. */
export const KEEP_MS = 24 * 60 * 60 * 1000;
/** The newest snapshots of each file are kept whatever their age: junk churn of other files cannot push them out. */
export const KEEP_PER_FILE = 3;

/** Snapshots the store must keep: younger than KEEP_MS, or among the KEEP_PER_FILE newest of a file they hold. */
function pinned(all: readonly Manifest[], now: number): Set<string> {
  const keep = new Set<string>();
  const perFile = new Map<string, number>();
  // `all` is newest first.
  for (const m of all) {
    const t = Date.parse(m.time);
    if (!Number.isFinite(t) || now - t < KEEP_MS) keep.add(m.id);
    for (const key of m.database
      ? [`db\0${m.targets.join('\0')}`]
      : (m.files ?? []).filter((f) => f.type === 'file').map((f) => f.path)) {
      const n = (perFile.get(key) ?? 0) + 1;
      perFile.set(key, n);
      if (n <= KEEP_PER_FILE) keep.add(m.id);
    }
  }
  return keep;
}

interface StoreUse {
  all: Manifest[];
  sizes: Map<string, number>;
  refs: Map<string, number>;
  total: number;
}

function storeUse(stateDir: string): StoreUse {
  const all = listSnapshots(stateDir);
  const sizes = new Map<string, number>();
  for (const m of all) {
    for (const f of m.files ?? []) if (f.sha256) sizes.set(f.sha256, f.size ?? 0);
    if (m.database) sizes.set(m.database.sha256, m.database.size);
  }
  const refs = new Map<string, number>();
  for (const m of all) for (const h of new Set(blobsOf(m))) refs.set(h, (refs.get(h) ?? 0) + 1);
  return { all, sizes, refs, total: [...sizes.values()].reduce((a, b) => a + b, 0) };
}

/**
 * Whether `adding` more bytes fit in `budget` once every snapshot the store
 * may drop is dropped (pinned ones stay): when they do not, the store is
 * full and the action asks instead of running without its way back.
 */
export function storeHasRoom(stateDir: string, budget: number, adding: number, now = Date.now()): boolean {
  const use = storeUse(stateDir);
  if (use.total + adding <= budget) return true;
  const keep = pinned(use.all, now);
  const kept = new Set(use.all.filter((m) => keep.has(m.id)).flatMap(blobsOf));
  let keptBytes = 0;
  for (const h of kept) keptBytes += use.sizes.get(h) ?? 0;
  return keptBytes + adding <= budget;
}

/**
 * Drops the oldest snapshots until the blobs they alone reference fit in
 * `budget` bytes, never one that is pinned (younger than a day, or among the
 * newest few of a file it holds) nor `keep`. Returns the ids removed.
 */
export function pruneStore(stateDir: string, budget: number, keep?: string, now = Date.now()): string[] {
  const store = snapshotDir(stateDir);
  const { all, sizes, refs, total: start } = storeUse(stateDir);
  let total = start;
  if (total <= budget) return [];
  const keepers = pinned(all, now);
  const removed: string[] = [];
  for (let i = all.length - 1; i >= 0 && total > budget; i--) {
    const m = all[i];
    if (m.id === keep || keepers.has(m.id)) continue;
    fs.rmSync(path.join(manifestsDir(store), `${m.id}.json`), { force: true });
    removed.push(m.id);
    for (const h of new Set(blobsOf(m))) {
      const left = (refs.get(h) ?? 1) - 1;
      refs.set(h, left);
      if (left === 0) {
        fs.rmSync(blobPath(store, h), { force: true });
        total -= sizes.get(h) ?? 0;
      }
    }
  }
  return removed;
}
