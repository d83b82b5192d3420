// The real editor passes the identity the approval and judge channels ask of
// it under a managed policy (channels/peer.ts): this extension host and the
// server that started it run the editor's own installed code, which a user
// other than its owner cannot change — no option or variable loading other
// code, no POSIX ACL opening it. Judged for the unprivileged `nobody`
// (whoever owns the test host's install, `nobody` does not).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as vscode from 'vscode';
import { processesEditorReachable } from '../../../src/core/launcher/runsCode';

const NOBODY = { uid: 65534, gids: [65534] };

suite("The editor's own processes, as a managed policy judges them", () => {
  test('the extension host runs an entry point of the installed editor', function () {
    if (process.platform !== 'linux') this.skip();
    assert.equal(processesEditorReachable([process.pid], NOBODY), undefined);
  });

  test('so does the process that started it (the editor server)', function () {
    if (process.platform !== 'linux') this.skip();
    assert.equal(processesEditorReachable([process.ppid], NOBODY), undefined);
  });

  test('a user who owns the install can change it: not out of their reach', function () {
    if (process.platform !== 'linux') this.skip();
    const st = fs.statSync('/proc/self/exe');
    assert.match(processesEditorReachable([process.pid], { uid: st.uid, gids: [st.gid] }) ?? '', /is writable by uid/);
  });
});

suite("Node's debugger cannot be opened in the extension host by a signal", () => {
  test('SIGUSR1 leaves the inspector closed once AgentGuard is active', async function () {
    if (process.platform === 'win32') this.skip();
    const extension = vscode.extensions.getExtension('agentguard.agentguard');
    assert.ok(extension, 'the AgentGuard extension is installed in this host');
    await extension.activate();
    assert.ok(process.listenerCount('SIGUSR1') > 0, 'a SIGUSR1 listener is installed');
    process.kill(process.pid, 'SIGUSR1');
    // Node opens the inspector from its own signal thread: give it the time it would take.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(inspector.url(), undefined, "Node's inspector did not open");
  });
});
