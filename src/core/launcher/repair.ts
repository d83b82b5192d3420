// The editor's start-up hook repair, without the editor: every AgentGuard
// entry at user level and in each folder AgentGuard wired or that is open is
// made to run the launcher, and each nested repository of such a folder that
// Codex would read on its own (nestedRepos.ts) gets AgentGuard's Codex hook.
// What was written is returned for the hash record, which the caller keeps
// (with an AgentGuard service that is a message to it).
import type { Scope } from '../hosts/hostFiles';
import type { Written } from './hookRecord';
import { recordWiredWorkspace, wiredWorkspaces } from './file';
import { hookNestedCodexProjects } from './nestedRepos';
import { repairHooks, type FileOutcome, type StaleHook } from './wiring';

export interface RepairRun {
  stale: StaleHook[];
  /** Stale entries rewritten to run the launcher. */
  outcomes: FileOutcome[];
  /** AgentGuard's Codex hook added to nested repositories that had none. */
  nested: FileOutcome[];
  /** The files written, per folder, for the hash record. */
  written: { written: Written[]; workspace: string }[];
}

const wrote = (o: FileOutcome) => o.status === 'installed' || o.status === 'updated';

export function repairWired(home: string, launcher: string, folders: readonly string[]): RepairRun {
  const run: RepairRun = { stale: [], outcomes: [], nested: [], written: [] };
  const keep = (outcomes: readonly FileOutcome[], scope: Scope, workspace: string) => {
    const written = outcomes.filter(wrote).map((o) => ({ host: o.host, scope, file: o.file }));
    if (written.length) run.written.push({ written, workspace });
  };
  const user = repairHooks('user', home, home, launcher);
  run.stale.push(...user.stale);
  run.outcomes.push(...user.outcomes);
  keep(user.outcomes, 'user', home);
  for (const ws of new Set([...folders, ...wiredWorkspaces(home)])) {
    const r = repairHooks('project', ws, home, launcher);
    run.stale.push(...r.stale);
    run.outcomes.push(...r.outcomes);
    keep(r.outcomes, 'project', ws);
    if (r.outcomes.some(wrote)) recordWiredWorkspace(home, ws, true);
    for (const n of hookNestedCodexProjects(ws, home, launcher)) {
      run.nested.push(...n.outcomes);
      keep(n.outcomes, 'project', n.workspace);
      // Recorded like a folder install wired: the next repair keeps it current, the uninstall clean-up takes it out.
      if (n.outcomes.some(wrote)) recordWiredWorkspace(home, n.workspace, true);
    }
  }
  return run;
}
