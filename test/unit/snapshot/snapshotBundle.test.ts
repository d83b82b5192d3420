// A snapshot as it travels to and from the AgentGuard service (bundle.ts), and
// what a hook does when the service does not keep it: every blob is checked
// against its hash on arrival, and a snapshot the service would not keep is
// no way back, so the call that would have run silently asks a human.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeBundle, encodeBundle, type SnapshotBundle } from '../../../src/core/snapshot/bundle';
import { snapshotBefore } from '../../../src/core/snapshot/before';
import { restoreBundle } from '../../../src/core/snapshot/restore';
import { withoutWayBack } from '../../../src/core/frontdoor/wayBack';
import type { Verdict } from '../../../src/core/types';

function world(): { root: string; workspace: string; state: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-bundle-'));
  const workspace = path.join(root, 'ws');
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'src', 'a.ts'), 'export const a = 1;\n');
  return { root, workspace, state: path.join(root, 'state') };
}

async function taken(w: ReturnType<typeof world>, keep?: (b: SnapshotBundle) => Promise<string | undefined>) {
  return snapshotBefore(
    { kind: 'shell', event: 'PreToolUse', tool: 'Bash', command: 'rm -rf src' } as never,
    'rm -rf src',
    { stateDir: w.state, workspace: w.workspace, cwd: w.workspace, env: {}, ...(keep ? { keep } : {}) },
  );
}

test('a snapshot handed over arrives whole; one blob changed on the way, or cut short, is refused', async () => {
  const w = world();
  try {
    let handed: SnapshotBundle | undefined;
    const status = await taken(w, async (b) => {
      handed = b;
      return undefined;
    });
    assert.equal(status?.taken, true, status?.note);
    assert.equal('bundle' in (status ?? {}), false, 'the bytes are not carried into the record');
    const bytes = encodeBundle(handed!);
    const back = decodeBundle(bytes);
    assert.ok(!('error' in back), JSON.stringify(back));
    assert.equal(back.manifest.id, status?.id);

    const forged = Buffer.from(bytes);
    forged[forged.length - 2] ^= 1;
    assert.match((decodeBundle(forged) as { error: string }).error, /does not match its hash/);
    assert.match((decodeBundle(bytes.subarray(0, bytes.length - 3)) as { error: string }).error, /shorter/);
    assert.match((decodeBundle(Buffer.concat([bytes, Buffer.from('x')])) as { error: string }).error, /longer/);
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString()) as { manifest: { id: string } };
    header.manifest.id = '../../etc';
    const renamed = Buffer.concat([
      Buffer.from(JSON.stringify(header) + '\n'),
      bytes.subarray(bytes.indexOf(0x0a) + 1),
    ]);
    assert.match((decodeBundle(renamed) as { error: string }).error, /no snapshot id/);

    // Restored from what was handed over alone: the local store may be gone.
    fs.rmSync(w.state, { recursive: true, force: true });
    fs.rmSync(path.join(w.workspace, 'src'), { recursive: true, force: true });
    const r = restoreBundle(back);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(fs.readFileSync(path.join(w.workspace, 'src', 'a.ts'), 'utf8'), 'export const a = 1;\n');
  } finally {
    fs.rmSync(w.root, { recursive: true, force: true });
  }
});

test('a snapshot the service would not keep is no way back: the call that would have run asks', async () => {
  const w = world();
  try {
    const status = await taken(w, async () => 'the AgentGuard service refused: the store is full');
    assert.deepEqual([status?.taken, status?.unkept], [false, true]);
    assert.match(status?.note ?? '', /no snapshot the AgentGuard service keeps \(the AgentGuard service refused/);
    const thrown = await taken(w, async () => {
      throw new Error('socket closed');
    });
    assert.deepEqual([thrown?.taken, thrown?.unkept], [false, true]);
    const allow = { decision: 'allow', score: 10, findings: [] } as unknown as Verdict;
    const v = withoutWayBack(allow, status);
    assert.equal(v.decision, 'ask');
    assert.deepEqual(
      v.findings.map((f) => f.id),
      ['snapshot.unkept'],
    );
    assert.equal(withoutWayBack(allow, { taken: false, full: true }).findings[0].id, 'snapshot.store-full');
  } finally {
    fs.rmSync(w.root, { recursive: true, force: true });
  }
});
