import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPROVAL_PROTOCOL_VERSION,
  MAX_PREVIEW_FILES,
  parseApprovalRequest,
  type ApprovalSubject,
} from '../../../src/shared/protocol';

const subject: ApprovalSubject = {
  host: 'claude',
  tool: 'Write',
  kind: 'edit',
  paths: ['/w/a.sql'],
  cwd: '/w',
  workspace: '/w',
  score: 70,
  environment: { name: 'unknown', production: false },
  findings: [{ id: 'path.protected', summary: 'writes a protected file' }],
};
const line = (s: unknown) =>
  JSON.stringify({ type: 'approval.request', version: APPROVAL_PROTOCOL_VERSION, id: 'r1', subject: s });

test('a request with a preview and the workspace environment is accepted as sent', () => {
  const s = {
    ...subject,
    preview: {
      files: [{ path: '/w/a.sql', before: 'a', after: 'b' }],
      deletes: { count: 2, bytes: 10, sample: ['/w/x'], complete: false },
    },
    workspaceEnvironment: { name: 'production', production: true },
    confined: 'bubblewrap',
  };
  const r = parseApprovalRequest(line(s));
  assert.ok(r.ok);
  assert.deepEqual(r.message.subject, s);
});

test('malformed or unbounded previews are refused', () => {
  const bad = [
    { preview: { files: [{ path: 1 }] } },
    { preview: { files: Array.from({ length: MAX_PREVIEW_FILES + 1 }, () => ({ path: '/w/a' })) } },
    { preview: { deletes: { count: -1, bytes: 0, sample: [], complete: true } } },
    { preview: { deletes: { count: 1, bytes: 0, sample: Array.from({ length: 51 }, () => '/x'), complete: true } } },
    { preview: 'diff' },
    { workspaceEnvironment: { name: 'production' } },
    { confined: true },
    { confined: 'x'.repeat(65) },
  ];
  for (const extra of bad) {
    const r = parseApprovalRequest(line({ ...subject, ...extra }));
    assert.equal(r.ok, false, JSON.stringify(extra));
  }
});
