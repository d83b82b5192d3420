// File snapshots: copy what a command or edit is about to delete, overwrite,
// truncate or move into the store, within a size, count and time budget, and
// put it back byte for byte on restore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeContext } from '../engine';
import { isRegenerablePath } from '../command/paths';
import { protectedPathFinding } from '../guard/protectedPaths';
import { GUARD_FILE_ID } from '../policy/rules';
import { ensureStore, newSnapshotId, pruneStore, putBlob, readBlob, snapshotDir, writeManifest, type FileEntry, type Manifest, type SnapshotStatus } from './store';

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

interface Collected {
  entries: Array<FileEntry & { content?: Buffer }>;
  skipped: string[];
  bytes: number;
}

function collect(targets: readonly string[], workspace: string, budget: SnapshotBudget, started: number): Collected {
  const out: Collected = { entries: [], skipped: [], bytes: 0 };
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
      if (out.bytes + st.size > budget.maxBytes) throw new TooLarge(`more than ${Math.round(budget.maxBytes / 1048576)} MiB`);
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
  // Nothing there yet (the call creates it), or only regenerable folders: nothing to lose.
  if (!collected.entries.length) return { taken: false };
  try {
    const store = ensureStore(req.stateDir);
    const files: FileEntry[] = collected.entries.map(({ content, ...entry }) => (content ? { ...entry, sha256: putBlob(store, content) } : entry));
    const manifest: Manifest = {
      id: newSnapshotId(),
      time: new Date().toISOString(),
      kind: req.kind ?? 'files',
      targets: req.targets,
      subject: req.subject,
      ...(req.cwd ? { cwd: req.cwd } : {}),
      workspace: req.workspace,
      files,
      ...(collected.skipped.length ? { skipped: collected.skipped } : {}),
      bytes: collected.bytes,
      ms: Date.now() - started,
    };
    writeManifest(store, manifest);
    pruneStore(req.stateDir, budget.storeBytes, manifest.id);
    const skipped = collected.skipped.length ? `; skipped ${collected.skipped.length} regenerable or special path(s)` : '';
    return { taken: true, id: manifest.id, note: `snapshot ${manifest.id}: ${files.filter((f) => f.type === 'file').length} file(s), ${collected.bytes} bytes${skipped}` };
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

/** Puts every file, folder and link of a files snapshot back, byte for byte, with its mode. */
export function restoreFiles(stateDir: string, m: Manifest): { restored: string[]; held: string[] } {
  const store = snapshotDir(stateDir);
  const restored: string[] = [];
  const held: string[] = [];
  // Parents before children: folders first, in path order.
  const entries = [...(m.files ?? [])].sort((a, b) => a.path.length - b.path.length).filter((e) => {
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
    const tmp = `${e.path}.agentguard-restore-${process.pid}`;
    if (e.type === 'symlink') {
      fs.symlinkSync(e.link ?? '', tmp);
    } else {
      fs.writeFileSync(tmp, readBlob(store, e.sha256 ?? ''), { mode: e.mode });
      fs.chmodSync(tmp, e.mode);
    }
    fs.renameSync(tmp, e.path);
    restored.push(e.path);
  }
  // Folder modes last, so a read-only folder did not block restoring into it.
  for (const e of entries) if (e.type === 'dir') fs.chmodSync(e.path, e.mode);
  return { restored, held };
}
