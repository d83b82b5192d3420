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
import { MAX_RESTORED_NAMED } from '../../shared/serviceProtocol';

/** The restored paths a record names fit well inside one request line (MAX_SERVICE_LINE_BYTES). */
const RESTORED_NAMED_BYTES = 32 * 1024;
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

/**
 * Has the service record a restore in the log it keeps: undefined once it
 * has, or why not. The restore itself stands either way (it is the way
 * back); the caller says loudly that the service's log lacks it.
 */
export async function recordKeptRestore(
  address: ServiceAddress,
  id: string,
  door: 'cli' | 'editor',
  restored: readonly string[],
): Promise<string | undefined> {
  // Named up to what fits a request line; the rest counted.
  const changes: string[] = [];
  let bytes = 0;
  for (const c of restored) {
    const named = c.slice(0, 4096);
    // As it travels: JSON-escaped, UTF-8.
    const size = Buffer.byteLength(JSON.stringify(named)) + 1;
    if (changes.length === MAX_RESTORED_NAMED - 1 || bytes + size > RESTORED_NAMED_BYTES) break;
    changes.push(named);
    bytes += size;
  }
  if (changes.length < restored.length) changes.push(`(+${restored.length - changes.length} more)`);
  const r = await exchangeService(address, { op: 'snapshot.restored', id, door, changes });
  return r.ok ? undefined : r.error;
}

export async function restoreKeptSnapshot(address: ServiceAddress, id: string): Promise<RestoreResult> {
  const bundle = await keptSnapshot(address, id);
  return 'error' in bundle ? { ok: false, error: bundle.error } : restoreBundle(bundle);
}
