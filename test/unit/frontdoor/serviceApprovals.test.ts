// An approval the AgentGuard service recorded only after the developer's
// password ("authenticated") must say so in the hook's own record of the call
// it let through, since `agentguard audit verify` counts the developer's log by
// proof; one the service recorded on less must not. Through the real keeper on
// a real state folder, the reply as it crosses the wire (JSON line, the
// client's parser), the hook's reading of it and the audit record it writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keeperAnswer, type KeeperContext } from '../../../src/core/frontdoor/serviceKeeper';
import { keptAllow } from '../../../src/core/frontdoor/approvalProof';
import { auditRecord } from '../../../src/core/frontdoor/audit';
import { parseServiceReply } from '../../../src/shared/serviceProtocol';
import { auditFile } from '../../../src/core/state/audit';
import { peerProofOf, readPtraceScope, type PeerProof } from '../../../src/core/launcher/yama';
import { UNKNOWN_ENV, type Verdict } from '../../../src/core/types';
import type { HookAnswer, HookRequest, Resolution } from '../../../src/core/hosts/types';
import { scratchDir } from '../support/scratch';

const DIGEST = 'a'.repeat(64);
const now = new Date();
const kernelProof = peerProofOf(readPtraceScope());

function context(peerProof: PeerProof): KeeperContext {
  const dir = scratchDir('ag-approvals-');
  return {
    dir,
    admin: false,
    usersMayRelease: false,
    now,
    peerProof,
    require: peerProof === 'authenticated' ? 'authenticated' : 'recorded',
  };
}

/** The service's `approved` reply as the hook's client reads it off the socket. */
function askApproved(ctx: KeeperContext) {
  const reply = keeperAnswer({ op: 'approved', digest: DIGEST }, ctx);
  const parsed = parseServiceReply(JSON.stringify(reply));
  assert.ok(parsed?.ok, JSON.stringify(reply));
  return parsed;
}

/** The peerProof of the hook's audit record of a call let through on this resolution. */
function hookRecordProof(r: Resolution): unknown {
  const req = { event: 'PreToolUse', toolName: 'Bash', kind: 'shell', command: 'git push --force' } as HookRequest;
  const v: Verdict = { decision: 'ask', score: 70, environment: UNKNOWN_ENV, findings: [], warnings: [] };
  const answer = { decision: 'allow', reason: '', userMessage: '', agentMessage: '' } as HookAnswer;
  return auditRecord('claude', req, { cwd: '/w', workspace: '/w' }, v, r, answer, now).peerProof;
}

function recordAllow(ctx: KeeperContext): void {
  const recorded = keeperAnswer(
    { op: 'approval', digest: DIGEST, decision: 'allow', summary: 'git push --force' },
    ctx,
  );
  assert.deepEqual(recorded, { ok: true });
}

test("an approval the service recorded with the developer's password is `authenticated` in the hook's record of the call", () => {
  const ctx = context('authenticated');
  recordAllow(ctx);
  const reply = askApproved(ctx);
  assert.equal(reply.approved, true);
  assert.equal(reply.peerProof, 'authenticated');
  const resolution = keptAllow({ ok: true, reply });
  assert.deepEqual(resolution, { via: 'editor', decision: 'allow', peerProof: 'authenticated' });
  assert.equal(hookRecordProof(resolution), 'authenticated');
  // Used once: asked again, it is not approved and proves nothing.
  const again = askApproved(ctx);
  assert.equal(again.approved, false);
  assert.equal(again.peerProof, undefined);
  assert.equal(keptAllow({ ok: true, reply: again }).decision, 'deny');
});

test("an approval the service recorded on less than the password keeps the kernel's proof in the hook's record", () => {
  const ctx = context('recorded');
  recordAllow(ctx);
  const reply = askApproved(ctx);
  assert.equal(reply.approved, true);
  assert.equal(reply.peerProof, 'recorded', 'the service says what it kept');
  const resolution = keptAllow({ ok: true, reply });
  assert.equal(resolution.peerProof, undefined);
  assert.equal(hookRecordProof(resolution), kernelProof);
  assert.notEqual(hookRecordProof(resolution), 'authenticated');
});

test("an older service's held allow, a tampered one, or a reply without the proof: never `authenticated`", () => {
  // An allow held by a service from before the proof was kept (no field), and one whose field is not a proof.
  for (const held of [
    { digest: DIGEST, at: now.getTime() },
    { digest: DIGEST, at: now.getTime(), peerProof: 'password' },
  ]) {
    const ctx = context('authenticated');
    fs.writeFileSync(path.join(ctx.dir, 'approvals.json'), JSON.stringify([held]));
    const reply = askApproved(ctx);
    assert.equal(reply.approved, true, JSON.stringify(held));
    assert.equal(reply.peerProof, undefined, JSON.stringify(held));
    assert.equal(hookRecordProof(keptAllow({ ok: true, reply })), kernelProof);
  }
  // On the wire: an old service's reply, and one whose proof the client does not know, are approvals as today.
  for (const line of ['{"ok":true,"approved":true}', '{"ok":true,"approved":true,"peerProof":"Authenticated"}']) {
    const reply = parseServiceReply(line);
    assert.ok(reply?.ok, line);
    assert.equal(reply.approved, true);
    const resolution = keptAllow({ ok: true, reply });
    assert.deepEqual(resolution, { via: 'editor', decision: 'allow' });
    assert.equal(hookRecordProof(resolution), kernelProof);
  }
  // The proof does not make an unrecorded allow count.
  const bare = parseServiceReply('{"ok":true,"approved":false,"peerProof":"authenticated"}');
  assert.ok(bare?.ok);
  assert.equal(keptAllow({ ok: true, reply: bare }).decision, 'deny');
  assert.equal(keptAllow({ ok: false, error: 'no service' }).decision, 'deny');
});

test("the service's entry of a used approval says what the approval was proven by, as its record did", () => {
  const entries = (ctx: KeeperContext) =>
    fs
      .readFileSync(auditFile(ctx.dir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; peerProof?: string });
  for (const proof of ['authenticated', 'kernel', 'recorded'] satisfies PeerProof[]) {
    const ctx = context(proof);
    recordAllow(ctx);
    askApproved(ctx);
    const [recorded, used] = entries(ctx);
    assert.deepEqual([recorded?.event, recorded?.peerProof], ['approval.recorded', proof]);
    assert.deepEqual([used?.event, used?.peerProof], ['approval.used', proof]);
  }
  // An allow held by an older service (no proof kept): its use claims none; nor does a request nobody approved.
  const ctx = context('authenticated');
  fs.writeFileSync(path.join(ctx.dir, 'approvals.json'), JSON.stringify([{ digest: DIGEST, at: now.getTime() }]));
  askApproved(ctx);
  askApproved(ctx);
  const [used, unrecorded] = entries(ctx);
  assert.deepEqual([used?.event, used?.peerProof], ['approval.used', undefined]);
  assert.deepEqual([unrecorded?.event, unrecorded?.peerProof], ['approval.unrecorded', undefined]);
});
