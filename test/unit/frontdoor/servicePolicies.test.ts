// A confirmed policy sent to the AgentGuard service is a human's approval of
// a loosening: the service's entry says what its check of the sender was
// worth (`peerProof`, as every approval's does), and where the managed policy
// takes only approvals the kernel backs, a loosening without that proof is
// refused with the approval's words and fix, logged, and nothing is kept.
// The service's keeper on a real state folder; what server.ts hands it
// (the proof, the setting) is what it hands an approval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keeperAnswer, type KeeperContext } from '../../../src/core/frontdoor/serviceKeeper';
import { baselineFile, readBaselineIn } from '../../../src/core/policy/baseline';
import { verifyAudit } from '../../../src/core/state/audit';
import { confirmationLoosenings } from '../../../src/core/frontdoor/servicePolicies';
import { comparePolicies } from '../../../src/core/policy';

const loosened = { rules: [{ match: 'git push --force *', decision: 'allow' as const, reason: 'we force-push' }] };
const tightened = { rules: [{ match: 'git push *', decision: 'deny' as const, reason: 'pushes go through CI' }] };

function kept(t: { after(fn: () => void): void }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-confirm-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const dir = path.join(root, 'kept');
  const workspace = path.join(root, 'ws');
  const ctx: KeeperContext = {
    dir,
    admin: false,
    usersMayRelease: false,
    now: new Date(),
    publishDir: path.join(root, 'published'),
  };
  const confirm = (config: object | null, more: Partial<KeeperContext> = {}) =>
    keeperAnswer(
      {
        op: 'policy.confirm',
        payload: Buffer.from(JSON.stringify({ workspace, text: config && JSON.stringify(config), config })),
      },
      { ...ctx, ...more },
    );
  const log = () =>
    fs
      .readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { dir, workspace, ctx, confirm, log };
}

test("a confirmed policy's entry in the service's log says what the check of its sender was worth", (t) => {
  const k = kept(t);
  for (const peerProof of ['recorded', 'kernel'] as const)
    assert.deepEqual(k.confirm(loosened, { peerProof }), { ok: true }, peerProof);
  // Asked where the service could not tell (no proof handed over): only that it was recorded.
  assert.deepEqual(k.confirm(tightened), { ok: true });
  const confirmed = k.log().filter((e) => e.event === 'policy.confirmed');
  assert.deepEqual(
    confirmed.map((e) => e.peerProof),
    ['recorded', 'kernel', 'recorded'],
  );
  assert.equal(verifyAudit(k.dir).ok, true);
});

test('where the managed policy takes only approvals the kernel backs, a loosening without that proof is refused and kept nowhere', (t) => {
  const k = kept(t);
  const strict = { require: 'kernel' as const, peerProof: 'recorded' as const };
  const refused = k.confirm(loosened, strict);
  assert.equal(refused.ok, false);
  const error = refused.ok ? '' : refused.error;
  // The approval's refusal, word for word, with its fix.
  const approval = keeperAnswer(
    { op: 'approval', digest: 'ab'.repeat(32), decision: 'allow' },
    { ...k.ctx, ...strict },
  );
  assert.equal(approval.ok, false);
  assert.equal(error, approval.ok ? '' : approval.error);
  assert.match(error, /approvalPeerProof "kernel"/);
  assert.match(error, /sudo sysctl kernel\.yama\.ptrace_scope=1/);
  assert.equal(readBaselineIn(k.dir, k.workspace), undefined, 'nothing confirmed');
  assert.equal(fs.existsSync(baselineFile(k.ctx.publishDir!, k.workspace)), false, 'nothing published');
  const entries = k.log();
  assert.deepEqual(
    entries.map((e) => [e.event, e.decision, e.peerProof]),
    [
      ['policy.refused', 'deny', 'recorded'],
      ['approval.refused', 'deny', 'recorded'],
    ],
  );
  assert.equal(entries[0].cwd, k.workspace);
  assert.equal(entries[0].error, error);

  // A record that only tightens what the service keeps needs no human: the editor's floor is still kept.
  assert.deepEqual(k.confirm(tightened, strict), { ok: true });
  assert.deepEqual(readBaselineIn(k.dir, k.workspace)?.config, tightened);
  // Undoing that floor is a loosening again: refused the same way.
  assert.equal(k.confirm(null, strict).ok, false);
  assert.deepEqual(readBaselineIn(k.dir, k.workspace)?.config, tightened);
  // With the kernel's proof, the loosening is kept.
  assert.deepEqual(k.confirm(loosened, { ...strict, peerProof: 'kernel' }), { ok: true });
  assert.deepEqual(readBaselineIn(k.dir, k.workspace)?.config, loosened);
  assert.equal(verifyAudit(k.dir).ok, true);
});

test('where the managed policy takes only approvals made with the password, a loosening is taken with it and refused without', (t) => {
  const k = kept(t);
  // What the service asks the password for: the loosenings of what it keeps, in words; nothing for a floor.
  const payload = (config: object | null) =>
    Buffer.from(JSON.stringify({ workspace: k.workspace, text: config && JSON.stringify(config), config }));
  assert.deepEqual(confirmationLoosenings(k.dir, payload(loosened)), {
    workspace: k.workspace,
    loosenings: [comparePolicies(undefined, loosened).loosenings[0]!.summary],
  });
  assert.equal(confirmationLoosenings(k.dir, payload(tightened)), undefined);
  assert.equal(confirmationLoosenings(k.dir, Buffer.from('not json')), undefined);
  const unproven = {
    require: 'authenticated' as const,
    peerProof: 'kernel' as const,
    unauthenticated: 'the password was not given, or was wrong',
  };
  const refused = k.confirm(loosened, unproven);
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.error, /approvalPeerProof "authenticated"/);
  assert.match(refused.ok ? '' : refused.error, /the password was not given, or was wrong/);
  assert.equal(readBaselineIn(k.dir, k.workspace), undefined, 'nothing confirmed');
  // The editor's own floor needs no human, and no password.
  assert.deepEqual(k.confirm(tightened, unproven), { ok: true });
  // With the password: taken, and its entry says so.
  assert.deepEqual(k.confirm(loosened, { require: 'authenticated', peerProof: 'authenticated' }), { ok: true });
  assert.deepEqual(readBaselineIn(k.dir, k.workspace)?.config, loosened);
  assert.deepEqual(
    k.log().map((e) => [e.event, e.peerProof]),
    [
      ['policy.refused', 'kernel'],
      ['policy.confirmed', 'kernel'],
      ['policy.confirmed', 'authenticated'],
    ],
  );
});
