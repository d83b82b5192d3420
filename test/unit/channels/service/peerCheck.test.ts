// The service's look at who is at the other end of a developer's connection:
// the peer's inode read from `ss` output (a forged line refuses), and, live,
// the process found for a real connection and judged by content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectionPeers, editorPeerProblem, peerInTable } from '../../../../src/channels/service/peerCheck';

const SOCK = '/run/agentguard/users/1000/agentguard.sock';

test('the peer inode is read from the one whole line naming our socket and inode', () => {
  const table = [
    `u_str LISTEN 0      511    ${SOCK} 4100 * 0`,
    `u_str ESTAB  0      0      ${SOCK} 4242 * 4241`,
    `u_str ESTAB  0      0      ${SOCK} 4300 * 4299`,
  ].join('\n');
  assert.equal(peerInTable(table, 4242, SOCK), 4241);
  assert.equal(peerInTable(table, 4300, SOCK), 4299);
  assert.equal(peerInTable(table, 4100, SOCK), undefined, 'a listener has no peer');
  assert.equal(peerInTable(table, 9999, SOCK), undefined);
  assert.equal(peerInTable('', 4242, SOCK), undefined);
});

test('ss prints addresses as they are: a forged line (a name with a newline) refuses, never names its peer', () => {
  const genuine = `u_str ESTAB 0 0 ${SOCK} 4242 * 4241`;
  // A second line for our inode, as a socket bound to a name with a newline in it would print.
  assert.equal(peerInTable(`${genuine}\nu_str ESTAB 0 0 ${SOCK} 4242 * 7777`, 4242, SOCK), undefined);
  // A peer address of several words is not a whole line.
  assert.equal(peerInTable(`u_str ESTAB 0 0 ${SOCK} 4242 @x 7777 4241`, 4242, SOCK), undefined);
  // Another path (a prefix of ours, or ours with more after it) is not our socket.
  assert.equal(peerInTable(`u_str ESTAB 0 0 ${SOCK}.x 4242 * 4241`, 4242, SOCK), undefined);
});

test(
  'a live connection: the process at its other end is found and judged by content',
  { skip: process.platform !== 'linux' && 'Linux: /proc and ss' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-peer-'));
    const sock = path.join(dir, 'agentguard.sock');
    const uid = process.getuid!();
    let client: ReturnType<typeof spawn> | undefined;
    try {
      const seen = await new Promise<{ peers: number[] | string; problem: string | undefined }>((resolve, reject) => {
        const server = net.createServer((conn) => {
          const peers = connectionPeers(conn, uid, sock);
          const problem = editorPeerProblem(conn, uid, sock);
          conn.destroy();
          server.close();
          resolve({ peers, problem });
        });
        server.listen(sock, () => {
          // A script on this runtime, started by this process: the same binary as its parent, code of its own.
          client = spawn(process.execPath, [
            '-e',
            `require('net').connect(${JSON.stringify(sock)}); setTimeout(() => {}, 10000)`,
          ]);
          client.on('error', reject);
        });
      });
      assert.deepEqual(seen.peers, [client!.pid], 'the client, and only it, holds the other end');
      // Started by this runtime, with code of its own (-e): not the editor, whoever runs the test.
      assert.match(
        seen.problem ?? '',
        /must be out of your reach, and (.* is writable by uid \d+|process \d+ .*it is started with -e)/,
      );
    } finally {
      client?.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
