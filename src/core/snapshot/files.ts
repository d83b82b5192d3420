// File snapshots: copy what a command or edit is about to delete, overwrite,
// truncate or move into the store, within a size, count and time budget, and
// put it back byte for byte on restore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { makeContext } from '../engine';
import { isRegenerablePath } from '../command/paths';
import { protectedPathFinding } from '../guard/protectedPaths';
import { GUARD_FILE_ID } from '../policy/rules';
import {
  snapshotTime,
  ensureStore,
  hasBlob,
  newSnapshotId,
  pruneStore,
  putBlob,
  storeHasRoom,
  writeManifest,
  type FileEntry,
  type Manifest,
  type SnapshotStatus,
} from './store';

export interface SnapshotBudget {
  /** Bytes one action may copy. */
  maxBytes: number;
  maxFiles: number;
  /** Milliseconds one action may spend copying. */
  maxMs: number;
  /** Bytes the whole store may hold before the oldest snapshots go. */
  storeBytes: number;
}

function envNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const v = Number(env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function snapshotBudget(env: Record<string, string | undefined> = process.env): SnapshotBudget {
  return {
    maxBytes: envNumber(env, 'AGENTGUARD_SNAPSHOT_MAX_BYTES', 64 * 1024 * 1024),
    maxFiles: envNumber(env, 'AGENTGUARD_SNAPSHOT_MAX_FILES', 5000),
    maxMs: envNumber(env, 'AGENTGUARD_SNAPSHOT_MAX_MS', 2000),
    storeBytes: envNumber(env, 'AGENTGUARD_SNAPSHOT_STORE_BYTES', 1024 * 1024 * 1024),
  };
}

class TooLarge extends Error {}

/** A file whose blocks cover less than half of its size is sparse: copying it would write zeros the disk never held. */
function isSparse(st: fs.Stats): boolean {
  return st.size > 1024 * 1024 && st.blocks * 512 < st.size / 2;
}

interface Collected {
  entries: Array<FileEntry & { content?: Buffer }>;
  /** Regenerable folders and special files: nothing of value to copy. */
  skipped: string[];
  /** Files left out by name because of their size: the rest is still copied. */
  oversized: Array<{ path: string; size: number; sparse: boolean }>;
  bytes: number;
}

function collect(targets: readonly string[], workspace: string, budget: SnapshotBudget, started: number): Collected {
  const out: Collected = { entries: [], skipped: [], oversized: [], bytes: 0 };
  const seen = new Set<string>();
  const visit = (abs: string, depth: number): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    if (Date.now() - started > budget.maxMs) throw new TooLarge(`took longer than ${budget.maxMs} ms`);
    if (out.entries.length >= budget.maxFiles) throw new TooLarge(`more than ${budget.maxFiles} files`);
    const rel = path.relative(workspace, abs);
    // Regenerable folders are skipped even when they are the target: `rm -rf node_modules` copies nothing.
    if (rel && !rel.startsWith('..') && isRegenerablePath(rel)) {
      out.skipped.push(abs);
      return;
    }
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return; // Nothing there yet: the command creates it.
    }
    if (st.isSymbolicLink()) {
      out.entries.push({ path: abs, type: 'symlink', mode: st.mode & 0o7777, link: fs.readlinkSync(abs) });
    } else if (st.isDirectory()) {
      out.entries.push({ path: abs, type: 'dir', mode: st.mode & 0o7777 });
      if (depth > 64) return;
      for (const name of fs.readdirSync(abs)) visit(path.join(abs, name), depth + 1);
    } else if (st.isFile()) {
      // One large or sparse file (planted beside the real target, perhaps) must not void the snapshot of the rest.
      const sparse = isSparse(st);
      if (sparse || out.bytes + st.size > budget.maxBytes) {
        out.oversized.push({ path: abs, size: st.size, sparse });
        return;
      }
      const content = fs.readFileSync(abs);
      out.bytes += content.length;
      out.entries.push({ path: abs, type: 'file', mode: st.mode & 0o7777, size: content.length, content });
    } else {
      out.skipped.push(abs);
    }
  };
  for (const t of targets) visit(path.resolve(t), 0);
  return out;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1048576)} MiB` : `${bytes} bytes`;
}

/** `left out: big.bin (80 MiB, sparse), …`: named, so the human knows what has no way back. */
function oversizedNote(c: Collected): string {
  if (!c.oversized.length) return '';
  const names = c.oversized
    .slice(0, 3)
    .map((o) => `${path.basename(o.path)} (${mib(o.size)}${o.sparse ? ', sparse' : ''})`)
    .join(', ');
  return `left out ${c.oversized.length} file(s) too large to copy: ${names}${c.oversized.length > 3 ? ', …' : ''}`;
}

export interface FileSnapshotRequest {
  stateDir: string;
  /** Absolute paths the action deletes, overwrites, truncates or moves. */
  targets: string[];
  workspace: string;
  subject: string;
  cwd?: string;
  budget?: SnapshotBudget;
  /** `database` for a database kept as a file (SQLite). */
  kind?: Manifest['kind'];
}

/** Copies the targets into the store. Never throws: a failure is a status with a note. */
export function takeFileSnapshot(req: FileSnapshotRequest): SnapshotStatus {
  const budget = req.budget ?? snapshotBudget();
  const started = Date.now();
  let collected: Collected;
  try {
    collected = collect(req.targets, req.workspace, budget, started);
  } catch (err) {
    if (err instanceof TooLarge) return { taken: false, note: `no snapshot: too large (${err.message})` };
    return { taken: false, note: `no snapshot: ${(err as Error).message}` };
  }
  const left = oversizedNote(collected);
  // Nothing there yet (the call creates it), or only regenerable folders: nothing to lose.
  if (!collected.entries.length) return left ? { taken: false, note: `no snapshot: ${left}` } : { taken: false };
  try {
    const store = ensureStore(req.stateDir);
    const adding = collected.entries.reduce(
      (n, e) => n + (e.content && !hasBlob(store, e.content) ? e.content.length : 0),
      0,
    );
    if (!storeHasRoom(req.stateDir, budget.storeBytes, adding)) {
      return {
        taken: false,
        full: true,
        note: `no snapshot: the snapshot store is full of snapshots kept for a human (younger than a day, or the newest of their files), so this action needs a human`,
      };
    }
    const blobs = new Map<string, Buffer>();
    const files: FileEntry[] = collected.entries.map(({ content, ...entry }) => {
      if (!content) return entry;
      const sha256 = putBlob(store, content);
      blobs.set(sha256, content);
      return { ...entry, sha256 };
    });
    const manifest: Manifest = {
      id: newSnapshotId(),
      time: snapshotTime(),
      kind: req.kind ?? 'files',
      targets: req.targets,
      subject: req.subject,
      ...(req.cwd ? { cwd: req.cwd } : {}),
      workspace: req.workspace,
      files,
      ...(collected.skipped.length || collected.oversized.length
        ? { skipped: [...collected.skipped, ...collected.oversized.map((o) => o.path)] }
        : {}),
      bytes: collected.bytes,
      ms: Date.now() - started,
    };
    writeManifest(store, manifest);
    pruneStore(req.stateDir, budget.storeBytes, manifest.id);
    const skipped = collected.skipped.length
      ? `; skipped ${collected.skipped.length} regenerable or special path(s)`
      : '';
    return {
      taken: true,
      id: manifest.id,
      note: `snapshot ${manifest.id}: ${files.filter((f) => f.type === 'file').length} file(s), ${collected.bytes} bytes${skipped}${left ? `; ${left}` : ''}`,
      bundle: { manifest, blobs },
    };
  } catch (err) {
    return { taken: false, note: `no snapshot: ${(err as Error).message}` };
  }
}

/**
 * AgentGuard's own files (.agentguard.json, agent hook files): a restore run
 * by an agent must not roll back a tightened config, so these are left for a
 * human to copy by hand (`snapshot show` names their blobs).
 */
function isGuardFile(p: string, workspace: string | undefined): boolean {
  const ctx = makeContext({ workspace: workspace ?? path.dirname(p) }, process.env as Record<string, string>);
  return protectedPathFinding(p, 'write', ctx, undefined)?.id === GUARD_FILE_ID;
}

/** Puts every file, folder and link of a files snapshot back, byte for byte, with its mode; `blob` gives each content by its hash, checked. */
export function restoreFiles(m: Manifest, blob: (sha256: string) => Buffer): { restored: string[]; held: string[] } {
  const restored: string[] = [];
  const held: string[] = [];
  // Parents before children: folders first, in path order.
  const entries = [...(m.files ?? [])]
    .sort((a, b) => a.path.length - b.path.length)
    .filter((e) => {
      if (e.type === 'dir' || !isGuardFile(e.path, m.workspace)) return true;
      held.push(e.path);
      return false;
    });
  for (const e of entries) {
    if (e.type === 'dir') {
      fs.mkdirSync(e.path, { recursive: true });
      fs.chmodSync(e.path, e.mode | 0o700);
      continue;
    }
    fs.mkdirSync(path.dirname(e.path), { recursive: true });
    const existing = fs.lstatSync(e.path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new Error(`${e.path} is now a folder; move it away and restore again`);
    if (e.type === 'symlink') {
      // A link is made, never followed: one already at the temporary name makes this fail instead.
      const tmp = `${e.path}.agentguard-restore-${process.pid}`;
      fs.symlinkSync(e.link ?? '', tmp);
      fs.renameSync(tmp, e.path);
    } else replaceFile(e.path, blob(e.sha256 ?? ''), e.mode);
    restored.push(e.path);
  }
  // Folder modes last, so a read-only folder did not block restoring into it.
  for (const e of entries) if (e.type === 'dir') fs.chmodSync(e.path, e.mode);
  return { restored, held };
}
