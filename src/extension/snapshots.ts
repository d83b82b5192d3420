// "AgentGuard: Restore Snapshot…": pick one of the snapshots the hook took
// before a destructive call (newest first), confirm, and put it back with
// the same core restore as `agentguard snapshot restore ID` (the AgentGuard
// service's snapshots when one is named).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { restoreSnapshot, recordEvent, listSnapshots, serviceConfig, type Manifest } from '../core/frontdoor/records';
import { ownAddress } from '../channels/service/client';
import { keptSnapshots, recordKeptRestore, restoreKeptSnapshot } from '../channels/service/snapshots';

interface Pick extends vscode.QuickPickItem {
  manifest: Manifest;
}

function targetsText(m: Manifest): string {
  const names = m.kind === 'database' ? m.targets : m.targets.map((t) => path.basename(t));
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} (+${names.length - 3})` : names.join(', ');
}

export function registerRestoreSnapshot(stateDir: string, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('agentguard.restoreSnapshot', async () => {
    // With an AgentGuard service named, its snapshots: the ones no process of the user can truncate or rewrite.
    const service = serviceConfig();
    const listed = service
      ? await keptSnapshots(ownAddress(service))
      : { ok: true as const, all: listSnapshots(stateDir) };
    if (!listed.ok) {
      void vscode.window.showErrorMessage(
        `AgentGuard could not list the snapshots the AgentGuard service keeps: ${listed.error}`,
      );
      return;
    }
    const all = listed.all;
    if (!all.length) {
      void vscode.window.showInformationMessage('AgentGuard has taken no snapshots yet.');
      return;
    }
    const items: Pick[] = all.map((m) => ({
      label: `${m.kind === 'database' ? '$(database)' : '$(files)'} ${targetsText(m)}`,
      description: new Date(m.time).toLocaleString(),
      detail: `${m.id} · ${m.kind}${m.subject ? ` · before: ${m.subject}` : ''}`,
      manifest: m,
    }));
    const pick = await vscode.window.showQuickPick(items, {
      title: 'AgentGuard: Restore Snapshot',
      placeHolder: 'Newest first',
      matchOnDetail: true,
    });
    if (!pick) return;
    const m = pick.manifest;
    const what =
      m.kind === 'database'
        ? `This drops and recreates ${m.targets.join(', ')} with the rows dumped at ${new Date(m.time).toLocaleString()}.`
        : `This overwrites ${m.targets.length} path(s) with the copies taken at ${new Date(m.time).toLocaleString()}.`;
    const ok = await vscode.window.showWarningMessage(
      `Restore snapshot ${m.id}?`,
      { modal: true, detail: what },
      'Restore',
    );
    if (ok !== 'Restore') return;
    const r = service ? await restoreKeptSnapshot(ownAddress(service), m.id) : restoreSnapshot(stateDir, m.id);
    if (r.ok) {
      log.info(`restored snapshot ${m.id}: ${r.restored.join(', ')}`);
      // Restored whatever happens next (the way back); that the service's log lacks it is said, never passed over.
      const unrecorded = service ? await recordKeptRestore(ownAddress(service), m.id, 'editor', r.restored) : undefined;
      const logged = recordEvent(stateDir, {
        event: 'snapshot.restored',
        by: 'editor',
        snapshot: m.id,
        changes: r.restored,
      });
      if (!logged.ok) log.error(`snapshot restore not in the audit log: ${logged.error}`);
      if (unrecorded) {
        log.error(`snapshot ${m.id} restored, but the AgentGuard service did not record it: ${unrecorded}`);
        void vscode.window.showErrorMessage(
          `AgentGuard restored snapshot ${m.id}, but the AgentGuard service did not record the restore in its audit log (${unrecorded}). Tell your administrator.`,
        );
      }
      const held = r.held ? ` Not restored (AgentGuard's own files, copy them back by hand): ${r.held.join(', ')}` : '';
      void vscode.window.showInformationMessage(`AgentGuard restored snapshot ${m.id} (${targetsText(m)}).${held}`);
    } else {
      log.error(`restoring snapshot ${m.id} failed: ${r.error}`);
      void vscode.window.showErrorMessage(`AgentGuard could not restore snapshot ${m.id}: ${r.error}`);
    }
  });
}
