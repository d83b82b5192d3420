// Audit shipping from the extension host: with `agentguard.auditShipping.syslog`
// set, the window follows the audit log and delivers each new entry to the
// receiver (here a TCP listener in this same extension host that reads each
// connection to its end, as a syslog daemon does), through the shipper the
// extension loads from dist/ship.js beside it.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { recordEvent } from '../../../src/core/state/auditEvents';
import { stateDir } from '../../../src/core/state';

async function waitFor(condition: () => boolean, what: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

suite('Audit shipping from the extension host', () => {
  test('a new audit entry reaches the syslog receiver the settings name, with its chain position', async () => {
    assert.ok(process.env.AGENTGUARD_STATE_DIR, 'AGENTGUARD_STATE_DIR must point at a throwaway folder');
    const received: string[] = [];
    const server = net.createServer((socket) => {
      let data = '';
      socket.on('data', (b: Buffer) => {
        data += b.toString('utf8');
      });
      socket.on('end', () => {
        received.push(data);
        socket.end();
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const settings = vscode.workspace.getConfiguration('agentguard.auditShipping');
    try {
      await settings.update(
        'syslog',
        `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        vscode.ConfigurationTarget.Global,
      );
      const logged = recordEvent(stateDir(), {
        event: 'snapshot.restored',
        by: 'editor',
        snapshot: 'shipping-e2e',
        changes: ['e2e.txt'],
      });
      assert.ok(logged.ok);
      await waitFor(() => received.join('').includes('"snapshot":{"id":"shipping-e2e"}'), 'the entry at the receiver');
      const text = received.join('');
      assert.match(
        text,
        /<108>1 \S+ \S+ agentguard - restore \[agentguard@32473 seq="\d+" hash="[0-9a-f]{64}" prev="[0-9a-f]{64}" severity="warning" decision="allow" alert="snapshot-restore"\] /,
      );
    } finally {
      await settings.update('syslog', undefined, vscode.ConfigurationTarget.Global);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
