// Restoring one snapshot, whatever its kind: shared by the CLI and the editor,
// from this user's own store or from a snapshot the AgentGuard service kept
// (whose every blob was checked against the hash its manifest names).
import type { SnapshotBundle } from './bundle';
import { restoreFiles } from './files';
import { restorePostgres } from './postgres';
import { readBlob, readManifest, snapshotDir, type Manifest } from './store';

export type RestoreResult = { ok: true; restored: string[]; held?: string[] } | { ok: false; error: string };

function restoreManifest(m: Manifest, blob: (sha256: string) => Buffer): RestoreResult {
  try {
    if (m.database) {
      const r = restorePostgres(m, blob);
      return r.ok ? { ok: true, restored: m.targets } : r;
    }
    const { restored, held } = restoreFiles(m, blob);
    return { ok: true, restored, ...(held.length ? { held } : {}) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Files back byte for byte, or tables back with every row. Never throws. */
export function restoreSnapshot(stateDir: string, id: string): RestoreResult {
  const m = readManifest(stateDir, id);
  if (!m) return { ok: false, error: `no snapshot ${JSON.stringify(id)} (agentguard snapshot list shows them)` };
  return restoreManifest(m, (h) => readBlob(snapshotDir(stateDir), h));
}

/** A snapshot the AgentGuard service kept, from the checked blobs it sent: the user's own copy plays no part. */
export function restoreBundle(bundle: SnapshotBundle): RestoreResult {
  return restoreManifest(bundle.manifest, (h) => {
    const content = bundle.blobs.get(h);
    if (!content) throw new Error(`snapshot ${bundle.manifest.id} lacks blob ${h}`);
    return content;
  });
}
