// Restoring one snapshot, whatever its kind: shared by the CLI and the editor.
import { restoreFiles } from './files';
import { restorePostgres } from './postgres';
import { readManifest } from './store';

export type RestoreResult = { ok: true; restored: string[]; held?: string[] } | { ok: false; error: string };

/** Files back byte for byte, or tables back with every row. Never throws. */
export function restoreSnapshot(stateDir: string, id: string): RestoreResult {
  const m = readManifest(stateDir, id);
  if (!m) return { ok: false, error: `no snapshot ${JSON.stringify(id)} (agentguard snapshot list shows them)` };
  try {
    if (m.database) {
      const r = restorePostgres(stateDir, m);
      return r.ok ? { ok: true, restored: m.targets } : r;
    }
    const { restored, held } = restoreFiles(stateDir, m);
    return { ok: true, restored, ...(held.length ? { held } : {}) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
