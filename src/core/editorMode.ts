// The `agentguard.mode` setting, as the editor resolved it for one workspace
// folder (workspace trust applied), written where the hook reads it: in the
// state folder, which agents cannot write. Read only when a call would be
// gated, so an allowed call never pays for it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Verdict } from './hooks/verdicts';

export type EditorMode = 'enforce' | 'monitor';

function folderKey(folder: string): string {
  let resolved = path.resolve(folder);
  if (process.platform === 'win32' || process.platform === 'darwin') resolved = resolved.toLowerCase();
  return createHash('sha256').update(resolved).digest('hex').slice(0, 16);
}

export function editorModeFile(stateDir: string, folder: string): string {
  return path.join(stateDir, 'mode', `${folderKey(folder)}.json`);
}

export function writeEditorMode(stateDir: string, folder: string, mode: EditorMode): void {
  const file = editorModeFile(stateDir, folder);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ mode, folder: path.resolve(folder) }) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** `monitor` only when the file says so for this very folder; anything unreadable is `enforce` (fails closed). */
export function readEditorMode(stateDir: string, folder: string): EditorMode {
  try {
    const v = JSON.parse(fs.readFileSync(editorModeFile(stateDir, folder), 'utf8')) as { mode?: unknown; folder?: unknown };
    return v.mode === 'monitor' && v.folder === path.resolve(folder) ? 'monitor' : 'enforce';
  } catch {
    return 'enforce';
  }
}

/**
 * The mode a folder runs in, from the setting's user-level and
 * workspace-level values: a trusted workspace chooses; an untrusted one may
 * only tighten (its "enforce" counts, its "monitor" does not).
 */
export function resolveEditorMode(values: { user?: unknown; workspace?: unknown }, trusted: boolean): EditorMode {
  const pick = trusted ? values.workspace ?? values.user : values.workspace === 'enforce' ? 'enforce' : values.user;
  return pick === 'monitor' ? 'monitor' : 'enforce';
}

const NEVER_MONITORED = new Set(['killswitch.engaged', 'config.invalid']);

/** A gated verdict in a folder the editor runs in monitor mode: recorded as what it would have been, allowed. */
export function withEditorMode(v: Verdict, stateDir: string, workspace: string): Verdict {
  if (v.decision === 'allow' || v.findings.some((f) => NEVER_MONITORED.has(f.id))) return v;
  if (readEditorMode(stateDir, workspace) !== 'monitor') return v;
  return { ...v, monitored: v.decision, decision: 'allow' };
}
