// A snapshot in one piece, as it travels to and from the AgentGuard service:
// a header line (the manifest and the size of each blob, in order) and then
// the blobs' bytes, back to back. Whoever reads one checks every blob against
// the hash the manifest names, so nothing on the way — nor a damaged copy at
// either end — can pass other content off as the snapshot.
import type * as Crypto from 'node:crypto';
import type { Manifest, SnapshotBundle } from './store';

export type { SnapshotBundle } from './store';

/** A bundle's header line may not pass this: 5000 files' entries fit many times over. */
export const MAX_BUNDLE_HEADER_BYTES = 8 * 1024 * 1024;

function sha256(content: Buffer): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof Crypto).createHash('sha256').update(content).digest('hex');
}

/** Every blob hash a manifest names, once each, in order. */
export function manifestBlobs(m: Manifest): string[] {
  const out = (m.files ?? []).map((f) => f.sha256).filter((h): h is string => typeof h === 'string');
  if (m.database) out.push(m.database.sha256);
  return [...new Set(out)];
}

export function encodeBundle(b: SnapshotBundle): Buffer {
  const hashes = manifestBlobs(b.manifest);
  const parts = hashes.map((h) => {
    const c = b.blobs.get(h);
    if (!c) throw new Error(`snapshot ${b.manifest.id}: no content for blob ${h}`);
    return c;
  });
  const header = JSON.stringify({
    manifest: b.manifest,
    blobs: hashes.map((h, i) => ({ sha256: h, size: parts[i].length })),
  });
  return Buffer.concat([Buffer.from(header + '\n'), ...parts]);
}

const HASH = /^[0-9a-f]{64}$/;
const ID = /^[0-9TZ]+-[0-9a-f]{6}$/;

/** The manifest's shape, as far as a restore relies on it: a malformed one is refused, not trusted. */
function manifestProblem(m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'no manifest';
  const v = m as Record<string, unknown>;
  if (typeof v.id !== 'string' || !ID.test(v.id)) return 'the manifest has no snapshot id';
  if (v.kind !== 'files' && v.kind !== 'database') return 'the manifest has no kind';
  if (!Array.isArray(v.targets) || !v.targets.every((t) => typeof t === 'string')) return 'the manifest has no targets';
  if (typeof v.bytes !== 'number') return 'the manifest has no size';
  if (v.files !== undefined) {
    if (!Array.isArray(v.files)) return 'the manifest files are not a list';
    for (const f of v.files as Record<string, unknown>[]) {
      if (typeof f !== 'object' || f === null || typeof f.path !== 'string' || typeof f.mode !== 'number')
        return 'a file entry has no path or mode';
      if (f.type === 'file' && (typeof f.sha256 !== 'string' || !HASH.test(f.sha256)))
        return `${f.path} has no content hash`;
      if (f.type !== 'file' && f.type !== 'dir' && f.type !== 'symlink') return `${f.path} has no type`;
    }
  }
  if (v.database !== undefined) {
    const d = v.database as Record<string, unknown> | null;
    if (typeof d !== 'object' || d === null || typeof d.sha256 !== 'string' || !HASH.test(d.sha256))
      return 'the database dump has no content hash';
    if (!Array.isArray(d.args) || typeof d.env !== 'object' || d.env === null)
      return 'the database dump has no connection';
  }
  return undefined;
}

/** A bundle whose every blob is the content its hash names, or why not. */
export function decodeBundle(data: Buffer): SnapshotBundle | { error: string } {
  const nl = data.indexOf(0x0a);
  if (nl === -1 || nl > MAX_BUNDLE_HEADER_BYTES) return { error: 'the snapshot has no header within the size limit' };
  let header: { manifest?: unknown; blobs?: unknown };
  try {
    header = JSON.parse(data.subarray(0, nl).toString('utf8')) as typeof header;
  } catch {
    return { error: 'the snapshot header is not JSON' };
  }
  const problem = manifestProblem(header?.manifest);
  if (problem) return { error: problem };
  const manifest = header.manifest as Manifest;
  if (!Array.isArray(header.blobs)) return { error: 'the snapshot lists no blobs' };
  const blobs = new Map<string, Buffer>();
  let at = nl + 1;
  for (const b of header.blobs as { sha256?: unknown; size?: unknown }[]) {
    if (
      typeof b?.sha256 !== 'string' ||
      !HASH.test(b.sha256) ||
      !Number.isSafeInteger(b.size) ||
      (b.size as number) < 0
    )
      return { error: 'a blob entry has no hash or size' };
    const end = at + (b.size as number);
    if (end > data.length) return { error: 'the snapshot is shorter than its blobs' };
    const content = data.subarray(at, end);
    if (sha256(content) !== b.sha256) return { error: `blob ${b.sha256} does not match its hash` };
    blobs.set(b.sha256, content);
    at = end;
  }
  if (at !== data.length) return { error: 'the snapshot is longer than its blobs' };
  for (const h of manifestBlobs(manifest)) if (!blobs.has(h)) return { error: `the snapshot lacks blob ${h}` };
  return { manifest, blobs };
}
