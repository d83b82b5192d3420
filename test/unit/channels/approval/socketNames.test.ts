// An approval channel's name holds a hash of the state folder: kept for the
// state folder asked last, it must still follow each folder asked, and the
// folder as resolved from where the process stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as os from 'node:os';
import * as net from 'node:net';
import { approvalSocketPath, findApprovalSocket, findApprovalSockets } from '../../../../src/channels/approval/paths';

const hex16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

test('each state folder gets its own name, whichever was asked before', { skip: process.platform !== 'linux' }, () => {
  const uid = process.getuid!();
  const expected = (state: string, folder: string) =>
    '\0' + `agentguard-approval-${uid}-${hex16(state)}-${hex16(folder)}-`.padEnd(107, '.');
  for (const state of ['/s/one', '/s/two', '/s/one', '/s/one/', '/s/two'])
    for (const folder of ['/w', '/w/app'])
      assert.equal(approvalSocketPath(state, folder), expected(path.resolve(state), folder), `${state} ${folder}`);
  // A relative state folder is resolved from where the process stands at each call.
  const before = process.cwd();
  try {
    const a = approvalSocketPath('state', '/w');
    process.chdir(os.tmpdir());
    const b = approvalSocketPath('state', '/w');
    assert.notEqual(a, b);
    assert.equal(b, expected(path.resolve('state'), '/w'));
  } finally {
    process.chdir(before);
  }
});

test(
  'a listening channel is found from a folder inside its own, and none when none listens',
  { skip: process.platform !== 'linux' },
  async () => {
    const state = path.join(os.tmpdir(), `agentguard-names-${process.pid}`);
    const folder = `/home/dev/names-${process.pid}`;
    assert.equal(findApprovalSocket(state, [`${folder}/src`]), undefined);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(approvalSocketPath(state, folder), resolve));
    try {
      assert.equal(findApprovalSocket(state, [`${folder}/src/lib`]), approvalSocketPath(state, folder));
      assert.deepEqual(findApprovalSockets(state, [`${folder}/src`, '/elsewhere']), [
        approvalSocketPath(state, folder),
      ]);
      assert.equal(findApprovalSocket(state, ['/elsewhere']), undefined);
      assert.deepEqual(findApprovalSockets(state, []), []);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    assert.equal(findApprovalSocket(state, [`${folder}/src`]), undefined);
  },
);
