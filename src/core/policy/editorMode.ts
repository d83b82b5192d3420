// The `agentguard.mode` setting, as the editor resolved it for one workspace
// folder (workspace trust applied), written where the hook reads it: in the
// state folder, which agents cannot write. Read only when a call would be
// gated, so an allowed call never pays for it.
//
// A settings file is something an agent can write (`.vscode/settings.json`,
// the user's settings.json), so "monitor" in one of them is only a request:
// the mode file says monitor only after a human confirmed the switch in the
// editor (the same rule as a loosened `.agentguard.json`, see core/policy).
// Going back to enforce needs nobody. The record remembers the confirmation,
// so an unchanged setting is not asked about again at the next start.
import { sha256Hex } from '../../shared/sha256';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Verdict } from '../hosts/verdicts';
import { readRegularFile } from '../state/regularFile';

export type EditorMode = 'enforce' | 'monitor';

/** Where the effective value of the setting came from (VS Code's `inspect()` levels). */
export type ModeSource = 'default' | 'user' | 'workspace' | 'workspaceFolder';

/** The record's format: version 1 (no `version` field) had no confirmation, so its "monitor" counts for nothing. */
export const MODE_RECORD_VERSION = 2;
/** A mode record is a few hundred bytes: anything larger was not written by AgentGuard. */
const MAX_MODE_RECORD_BYTES = 64 * 1024;

export interface ModeRecord {
  version: typeof MODE_RECORD_VERSION;
  mode: EditorMode;
  /** Absolute folder it belongs to. */
  folder: string;
  /** ISO time it was recorded: for monitor, the human's confirmation. */
  confirmedAt: string;
  /** For monitor: the setting level the human confirmed. */
  source?: ModeSource;
}

function folderKey(folder: string): string {
  let resolved = path.resolve(folder);
  if (process.platform === 'win32' || process.platform === 'darwin') resolved = resolved.toLowerCase();
  return sha256Hex(resolved).slice(0, 16);
}

export function editorModeFile(stateDir: string, folder: string): string {
  return path.join(stateDir, 'mode', `${folderKey(folder)}.json`);
}

/**
 * Records `mode` for `folder`. For "monitor" this is the human's
 * confirmation: the editor calls it after a click in its modal (and tests
 * do); nothing an agent can reach calls it.
 */
export function writeEditorMode(stateDir: string, folder: string, mode: EditorMode, source?: ModeSource, now = new Date()): void {
  const file = editorModeFile(stateDir, folder);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const record: ModeRecord = { version: MODE_RECORD_VERSION, mode, folder: path.resolve(folder), confirmedAt: now.toISOString() };
  if (mode === 'monitor' && source) record.source = source;
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(record) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * The folder's record, or undefined when there is none or it cannot be
 * trusted (not a regular file, too large, malformed, another folder's, or
 * from before confirmations were recorded). Never blocks on a FIFO.
 */
export function readModeRecord(stateDir: string, folder: string): ModeRecord | undefined {
  try {
    const read = readRegularFile(editorModeFile(stateDir, folder), MAX_MODE_RECORD_BYTES);
    if (!read.ok) return undefined;
    const v = JSON.parse(read.text) as Partial<ModeRecord> | null;
    if (!v || v.version !== MODE_RECORD_VERSION || v.folder !== path.resolve(folder) || typeof v.confirmedAt !== 'string') return undefined;
    if (v.mode !== 'monitor' && v.mode !== 'enforce') return undefined;
    return v as ModeRecord;
  } catch {
    return undefined;
  }
}

/** `monitor` only when a confirmed record says so for this very folder; anything else is `enforce` (fails closed). */
export function readEditorMode(stateDir: string, folder: string): EditorMode {
  return readModeRecord(stateDir, folder)?.mode === 'monitor' ? 'monitor' : 'enforce';
}

/** The setting's values at each level, as `inspect()` returns them. */
export interface ModeSettingValues {
  default?: unknown;
  user?: unknown;
  workspace?: unknown;
  workspaceFolder?: unknown;
}

export interface RequestedMode {
  mode: EditorMode;
  /** The level whose value decided; undefined when nothing valid was set anywhere. */
  source?: ModeSource;
}

const isMode = (v: unknown): v is EditorMode => v === 'enforce' || v === 'monitor';

/**
 * What the settings ask for, most specific level first: a trusted workspace
 * chooses; an untrusted one may only tighten (its "enforce" counts, its
 * "monitor" does not). Anything but "monitor" is enforce.
 */
export function requestedEditorMode(values: ModeSettingValues, trusted: boolean): RequestedMode {
  const levels: [ModeSource, unknown][] = [['workspaceFolder', values.workspaceFolder], ['workspace', values.workspace], ['user', values.user], ['default', values.default]];
  for (const [source, value] of levels) {
    if (value === undefined) continue;
    if (!trusted && (source === 'workspace' || source === 'workspaceFolder') && value !== 'enforce') continue;
    return { mode: value === 'monitor' ? 'monitor' : 'enforce', source: isMode(value) ? source : undefined };
  }
  return { mode: 'enforce' };
}

/** The mode the settings ask for, from the user-level and workspace-level values (see requestedEditorMode). */
export function resolveEditorMode(values: { user?: unknown; workspace?: unknown }, trusted: boolean): EditorMode {
  return requestedEditorMode(values, trusted).mode;
}

export interface ModeStep {
  /** Write "enforce" now: tightening applies at once, and a record the hook cannot trust is replaced. */
  writeEnforce: boolean;
  /** The settings ask for monitor and no human confirmed it for this folder: ask one. */
  ask: boolean;
}

/**
 * What the editor does with the settings' request, given the folder's
 * record: enforce is written at once; monitor stays a request (the hook keeps
 * enforcing) until a human confirms it, unless a human already confirmed
 * monitor from the same settings level. A monitor that now comes from another
 * level is a new request: when the human sets their own level back to
 * enforce, a workspace value an agent wrote must not keep monitor alive.
 */
export function planModeSync(requested: RequestedMode, record: ModeRecord | undefined): ModeStep {
  if (requested.mode === 'monitor' && record?.mode === 'monitor' && record.source === requested.source) return { writeEnforce: false, ask: false };
  return { writeEnforce: record?.mode !== 'enforce', ask: requested.mode === 'monitor' };
}

const NEVER_MONITORED = new Set(['killswitch.engaged', 'config.invalid']);

/** A gated verdict in a folder the editor runs in monitor mode: recorded as what it would have been, allowed. */
export function withEditorMode(v: Verdict, stateDir: string, workspace: string): Verdict {
  if (v.decision === 'allow' || v.findings.some((f) => NEVER_MONITORED.has(f.id))) return v;
  if (readEditorMode(stateDir, workspace) !== 'monitor') return v;
  return { ...v, monitored: v.decision, decision: 'allow' };
}
