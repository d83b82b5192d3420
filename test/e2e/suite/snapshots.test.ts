// Restore Snapshot… and Show Audit Log in the extension host. Modals and
// quick picks cannot be clicked from here, so the pick and the confirmation
// are answered by replacing showQuickPick / showWarningMessage; what runs
// behind them (the core restore, the read-only log document) is real.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { appendAudit, auditFile } from '../../../src/core/state/audit';
import { takeFileSnapshot } from '../../../src/core/snapshot/files';
import { stateDir } from '../../../src/core/state';

type ShowQuickPick = typeof vscode.window.showQuickPick;
type ShowWarningMessage = typeof vscode.window.showWarningMessage;

suite('Snapshots and audit log in the extension host', () => {
  const dir = stateDir();
  const window = vscode.window as { showQuickPick: ShowQuickPick; showWarningMessage: ShowWarningMessage };
  const realPick = window.showQuickPick;
  const realWarning = window.showWarningMessage;
  let work: string;

  suiteSetup(async () => {
    assert.ok(process.env.AGENTGUARD_STATE_DIR, 'AGENTGUARD_STATE_DIR must point at a throwaway folder');
    await vscode.extensions.getExtension('agentguard.agentguard')!.activate();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-e2e-snap-'));
  });

  suiteTeardown(() => {
    window.showQuickPick = realPick;
    window.showWarningMessage = realWarning;
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('Restore Snapshot… lists newest first, asks in a modal, and puts the file back byte for byte', async () => {
    const file = path.join(work, 'notes.md');
    fs.writeFileSync(file, 'first version\n');
    const older = takeFileSnapshot({ stateDir: dir, targets: [file], workspace: work, subject: 'rm notes.md' });
    await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(file, 'second version\r\n');
    const newer = takeFileSnapshot({
      stateDir: dir,
      targets: [file],
      workspace: work,
      subject: 'sed -i s/a/b/ notes.md',
    });
    assert.ok(older.taken && newer.taken);
    fs.rmSync(file);

    let offered: Array<vscode.QuickPickItem & { manifest: { id: string } }> = [];
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => {
      offered = [...items] as typeof offered;
      return offered[0];
    }) as unknown as ShowQuickPick;
    const confirmations: string[] = [];
    let answer: string | undefined;
    window.showWarningMessage = (async (message: string, options: vscode.MessageOptions) => {
      assert.equal(options.modal, true);
      confirmations.push(message);
      return answer;
    }) as unknown as ShowWarningMessage;

    answer = undefined;
    await vscode.commands.executeCommand('agentguard.restoreSnapshot');
    assert.equal(fs.existsSync(file), false, 'dismissing the modal restores nothing');
    assert.deepEqual(
      offered.slice(0, 2).map((i) => i.manifest.id),
      [newer.id, older.id],
    );
    assert.match(String(offered[0].label), /notes\.md/);
    assert.match(String(offered[0].detail), /before: sed -i/);

    answer = 'Restore';
    await vscode.commands.executeCommand('agentguard.restoreSnapshot');
    assert.deepEqual(confirmations, [`Restore snapshot ${newer.id}?`, `Restore snapshot ${newer.id}?`]);
    assert.equal(fs.readFileSync(file, 'utf8'), 'second version\r\n');
  });

  test('Show Audit Log opens the chained log read-only', async () => {
    assert.deepEqual(
      appendAudit(dir, {
        time: new Date().toISOString(),
        host: 'claude',
        decision: 'deny',
        score: 100,
        findings: ['fs.rm-root'],
        command: 'rm -rf /',
      }),
      { ok: true },
    );
    await vscode.commands.executeCommand('agentguard.showAuditLog');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'the log is open');
    assert.equal(doc.uri.scheme, 'agentguard-audit');
    assert.match(doc.getText(), /"command":"rm -rf \/".*"prev":"[0-9a-f]{64}","hash":"[0-9a-f]{64}"/);
    const onDisk = fs.readFileSync(auditFile(dir), 'utf8');
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, Buffer.from('forged\n'))),
      /read-only|NoPermissions/i,
    );
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'forged\n');
    await vscode.workspace.applyEdit(edit);
    const saved = await Promise.resolve(doc.save()).catch(() => false);
    assert.equal(saved, false, 'typing in the log cannot be saved');
    assert.equal(fs.readFileSync(auditFile(dir), 'utf8'), onDisk);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
