// The approval subject may say whether a snapshot was taken; a malformed
// snapshot field makes the whole request malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APPROVAL_PROTOCOL_VERSION, parseApprovalRequest } from '../../../src/shared/protocol';

const subject = {
  host: 'claude',
  tool: 'Bash',
  kind: 'shell',
  command: "psql app -c 'DROP TABLE t'",
  cwd: '/w',
  workspace: '/w',
  score: 70,
  environment: { name: 'local', production: false },
  findings: [{ id: 'sql.drop', summary: 'drops t' }],
};
const request = (s: object) =>
  JSON.stringify({
    type: 'approval.request',
    version: APPROVAL_PROTOCOL_VERSION,
    id: 'r1',
    subject: { ...subject, ...s },
  });

test('approval requests carry an optional, validated snapshot status', () => {
  assert.equal(parseApprovalRequest(request({})).ok, true);
  const taken = parseApprovalRequest(
    request({ snapshot: { taken: true, id: '20261122T113611Z-2ec399', note: 'database snapshot …' } }),
  );
  assert.ok(taken.ok);
  assert.deepEqual(taken.message.subject.snapshot, {
    taken: true,
    id: '20261122T113611Z-2ec399',
    note: 'database snapshot …',
  });
  assert.equal(
    parseApprovalRequest(request({ snapshot: { taken: false, note: 'no snapshot: too large (more than 64 MiB)' } })).ok,
    true,
  );
  for (const bad of [
    { snapshot: true },
    { snapshot: { id: 'x' } },
    { snapshot: { taken: 'yes' } },
    { snapshot: { taken: true, id: 7 } },
    { snapshot: [] },
  ]) {
    const r = parseApprovalRequest(request(bad));
    assert.equal(r.ok, false, JSON.stringify(bad));
  }
});
