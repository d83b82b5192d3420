// Snapshots the AgentGuard service keeps. A hook that takes a snapshot before
// a destructive call hands it (manifest and every blob) to the service, which
// checks each blob against its hash and stores both in its own state folder,
// where no process of the developer can truncate, chmod or replace them. The
// call runs only once the service has kept it (else it asks). `snapshot
// list` and `restore` read from the service: the developer's own copy may be
// gone or rewritten, and a restore still writes what the service's hashes
// name. The same store code (snapshot/store) with the same budget and
// pinning: a flood of snapshots fills the service's store, and then every
// destructive call asks a human, as with a full local store.
import * as fs from 'node:fs';
import { appendAudit } from '../state/audit';
import { decodeBundle, encodeBundle, manifestBlobs } from '../snapshot/bundle';
import { snapshotBudget } from '../snapshot/files';
import {
  blobPath,
  ensureStore,
  listSnapshots,
  pruneStore,
  putBlob,
  readBlob,
  readManifest,
  snapshotDir,
  storeHasRoom,
  writeManifest,
} from '../snapshot/store';

export type KeptSnapshotResult = { ok: true; payload?: Buffer } | { ok: false; error: string };

/** Keeps the snapshot a hook sent, or says why not (the hook's call then asks a human). */
export function keepSnapshot(dir: string, payload: Buffer, now: Date): KeptSnapshotResult {
  const bundle = decodeBundle(payload);
  if ('error' in bundle) return { ok: false, error: `snapshot refused: ${bundle.error}` };
  const m = bundle.manifest;
  if (readManifest(dir, m.id)) return { ok: false, error: `snapshot ${m.id} is kept already` };
  const budget = snapshotBudget();
  const store = ensureStore(dir);
  const adding = manifestBlobs(m).reduce((n, h) => n + (bundle.blobs.get(h)?.length ?? 0), 0);
  if (adding > budget.maxBytes + 1024 * 1024)
    return { ok: false, error: `snapshot ${m.id} is larger than one action's budget (${budget.maxBytes} bytes)` };
  if (!storeHasRoom(dir, budget.storeBytes, adding, now.getTime()))
    return { ok: false, error: "the service's snapshot store is full of snapshots kept for a human" };
  for (const h of manifestBlobs(m)) putBlob(store, bundle.blobs.get(h)!);
  // Dated by the service's clock: how long it is kept does not rest on the client's.
  writeManifest(store, { ...m, time: now.toISOString() });
  pruneStore(dir, budget.storeBytes, m.id, now.getTime());
  const logged = appendAudit(
    dir,
    {
      time: now.toISOString(),
      host: 'service',
      event: 'snapshot.kept',
      decision: 'allow',
      score: 0,
      findings: [],
      snapshot: { id: m.id },
      ...(m.subject ? { command: m.subject.slice(0, 2000) } : {}),
    },
    { sequence: true },
  );
  return logged.ok ? { ok: true } : { ok: false, error: logged.error };
}

/** Every snapshot the service keeps for this developer, newest first, as one JSON list. */
export function listKeptSnapshots(dir: string): KeptSnapshotResult {
  return { ok: true, payload: Buffer.from(JSON.stringify(listSnapshots(dir).slice(0, 10_000))) };
}

/**
 * A human put a kept snapshot back (the CLI or the editor wrote its files,
 * as the developer): recorded in the log the service keeps, dated by its
 * clock. Only a snapshot it keeps can have been restored from it.
 */
export function recordRestore(
  dir: string,
  id: string,
  door: 'cli' | 'editor',
  changes: readonly string[],
  now: Date,
): KeptSnapshotResult {
  if (!readManifest(dir, id)) return { ok: false, error: `the service keeps no snapshot ${id}` };
  const logged = appendAudit(
    dir,
    {
      time: now.toISOString(),
      host: 'service',
      event: 'snapshot.restored',
      decision: 'allow',
      score: 0,
      findings: ['snapshot.restored'],
      snapshot: {
        id,
        note: `restored by the developer (${door === 'cli' ? 'agentguard snapshot restore' : 'the editor'})`,
      },
      changes: changes.slice(0, 100).map((c) => c.slice(0, 4096)),
    },
    { sequence: true },
  );
  return logged.ok ? { ok: true } : { ok: false, error: logged.error };
}

/** One kept snapshot with its blobs, each read back against its hash (a damaged one is refused, never sent). */
export function getKeptSnapshot(dir: string, id: string): KeptSnapshotResult {
  const m = readManifest(dir, id);
  if (!m) return { ok: false, error: `the service keeps no snapshot ${id}` };
  const store = snapshotDir(dir);
  const blobs = new Map<string, Buffer>();
  for (const h of manifestBlobs(m)) {
    if (!fs.existsSync(blobPath(store, h))) return { ok: false, error: `snapshot ${id}: blob ${h} was pruned` };
    blobs.set(h, readBlob(store, h));
  }
  return { ok: true, payload: encodeBundle({ manifest: m, blobs }) };
}
