// Snapshots through the AgentGuard service, for the doors: a hook hands each
// snapshot it takes to the service (and its call asks a human when the
// service does not keep it); `snapshot list`, `show` and `restore`, in the
// CLI and the editor, read the service's. A restore writes the blobs the
// service sent, each checked against the hash in the manifest the service
// kept: the user's own copy of the store plays no part, so truncating,
// chmodding or rewriting it can neither make a restore refuse nor put other
// content back.
import {
  decodeBundle,
  encodeBundle,
  restoreBundle,
  type Manifest,
  type RestoreResult,
  type SnapshotBundle,
} from '../../core/frontdoor/records';
import { exchangeService } from './bulk';
import type { ServiceAddress } from './client';

/** Hands one snapshot to the service: why it was not kept, or undefined. */
export function snapshotKeeper(address: ServiceAddress): (bundle: SnapshotBundle) => Promise<string | undefined> {
  return async (bundle) => {
    const r = await exchangeService(address, { op: 'snapshot.keep' }, encodeBundle(bundle));
    return r.ok ? undefined : r.error;
  };
}

export async function keptSnapshots(
  address: ServiceAddress,
): Promise<{ ok: true; all: Manifest[] } | { ok: false; error: string }> {
  const r = await exchangeService(address, { op: 'snapshot.list' });
  if (!r.ok) return r;
  try {
    const all = JSON.parse(r.payload?.toString('utf8') ?? '[]') as unknown;
    if (!Array.isArray(all)) return { ok: false, error: 'the AgentGuard service sent no list of snapshots' };
    return { ok: true, all: all as Manifest[] };
  } catch {
    return { ok: false, error: 'the AgentGuard service sent a list of snapshots that is not JSON' };
  }
}

/** The snapshot with every blob checked against its hash, or why not. */
export async function keptSnapshot(address: ServiceAddress, id: string): Promise<SnapshotBundle | { error: string }> {
  const r = await exchangeService(address, { op: 'snapshot.get', id });
  if (!r.ok) return { error: r.error };
  const bundle = decodeBundle(r.payload ?? Buffer.alloc(0));
  if ('error' in bundle) return { error: `the AgentGuard service sent a damaged snapshot: ${bundle.error}` };
  if (bundle.manifest.id !== id)
    return { error: `the AgentGuard service sent snapshot ${bundle.manifest.id}, not ${id}` };
  return bundle;
}

export async function restoreKeptSnapshot(address: ServiceAddress, id: string): Promise<RestoreResult> {
  const bundle = await keptSnapshot(address, id);
  return 'error' in bundle ? { ok: false, error: bundle.error } : restoreBundle(bundle);
}
