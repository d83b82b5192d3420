// The editor settings that loosen the hook — `agentguard.mode` ("monitor")
// and `agentguard.answerHarmless` ("allow") — as the editor resolved them for
// one workspace folder (workspace trust applied), written where the hook
// reads them: in the state folder, which agents cannot write. The mode is
// read only when a call would be gated, `answerHarmless` only when it is
// harmless.
//
// A settings file is something an agent can write (`.vscode/settings.json`,
// the user's settings.json), so a loosening value in one of them is only a
// request: the record says it only after a human confirmed it in the editor
// (the same rule as a loosened `.agentguard.json`, see core/policy). Going
// back to the strict value needs nobody. The record remembers each
// confirmation, so an unchanged setting is not asked about again at the next
// start.
import { sha256Hex } from '../text/sha256';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import type { Verdict } from '../types';
import { readRegularFile } from '../state/regularFile';

export type EditorMode = 'enforce' | 'monitor';
/** `defer`: a harmless call gets the host's "no decision"; `allow`: AgentGuard approves routine calls itself. */
export type AnswerHarmless = 'defer' | 'allow';

/** A setting whose `loose` value loosens the hook: it applies only once a human confirmed it. */
export interface LooseningSetting<V extends string> {
  key: 'mode' | 'answerHarmless';
  strict: V;
  loose: V;
}

export const MODE_SETTING: LooseningSetting<EditorMode> = { key: 'mode', strict: 'enforce', loose: 'monitor' };
export const ANSWER_HARMLESS_SETTING: LooseningSetting<AnswerHarmless> = {
  key: 'answerHarmless',
  strict: 'defer',
  loose: 'allow',
};

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
  /** `agentguard.answerHarmless` as recorded: for "allow", the human's confirmation and the level it came from. */
  answerHarmless?: { value: AnswerHarmless; confirmedAt: string; source?: ModeSource };
}

function folderKey(folder: string): string {
  let resolved = path.resolve(folder);
  if (process.platform === 'win32' || process.platform === 'darwin') resolved = resolved.toLowerCase();
  return sha256Hex(resolved).slice(0, 16);
}

export function editorModeFile(stateDir: string, folder: string): string {
  return path.join(stateDir, 'mode', `${folderKey(folder)}.json`);
}

/** The recorded value of one setting (strict when nothing is recorded). */
function recordedValue<V extends string>(
  record: ModeRecord | undefined,
  setting: LooseningSetting<V>,
): { value: V; source?: ModeSource } | undefined {
  if (!record) return undefined;
  if (setting.key === 'mode')
    return { value: record.mode as unknown as V, ...(record.source ? { source: record.source } : {}) };
  const a = record.answerHarmless;
  return a ? { value: a.value as unknown as V, ...(a.source ? { source: a.source } : {}) } : { value: setting.strict };
}

/**
 * Records `value` of one setting for `folder`, keeping the others. For a
 * loose value this is the human's confirmation: the editor calls it after a
 * click in its modal (and tests do); nothing an agent can reach calls it.
 */
export function writeEditorSetting<V extends string>(
  stateDir: string,
  folder: string,
  setting: LooseningSetting<V>,
  value: V,
  source?: ModeSource,
  now = new Date(),
): void {
  const file = editorModeFile(stateDir, folder);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const had = readModeRecord(stateDir, folder);
  const stamp = now.toISOString();
  let record: ModeRecord;
  if (setting.key === 'mode') {
    record = {
      version: MODE_RECORD_VERSION,
      mode: value as unknown as EditorMode,
      folder: path.resolve(folder),
      confirmedAt: stamp,
    };
    if (value === setting.loose && source) record.source = source;
    if (had?.answerHarmless) record.answerHarmless = had.answerHarmless;
  } else {
    record = had ?? { version: MODE_RECORD_VERSION, mode: 'enforce', folder: path.resolve(folder), confirmedAt: stamp };
    record.answerHarmless = {
      value: value as unknown as AnswerHarmless,
      confirmedAt: stamp,
      ...(value === setting.loose && source ? { source } : {}),
    };
  }
  replaceFile(file, JSON.stringify(record) + '\n', 0o600);
}

/** Records `mode` for `folder` (see writeEditorSetting). */
export function writeEditorMode(
  stateDir: string,
  folder: string,
  mode: EditorMode,
  source?: ModeSource,
  now = new Date(),
): void {
  writeEditorSetting(stateDir, folder, MODE_SETTING, mode, source, now);
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
    if (
      !v ||
      v.version !== MODE_RECORD_VERSION ||
      v.folder !== path.resolve(folder) ||
      typeof v.confirmedAt !== 'string'
    )
      return undefined;
    if (v.mode !== 'monitor' && v.mode !== 'enforce') return undefined;
    // A malformed answerHarmless entry counts as never confirmed: the strict value.
    const a = v.answerHarmless;
    if (
      a !== undefined &&
      (typeof a !== 'object' ||
        a === null ||
        (a.value !== 'allow' && a.value !== 'defer') ||
        typeof a.confirmedAt !== 'string')
    )
      delete v.answerHarmless;
    return v as ModeRecord;
  } catch {
    return undefined;
  }
}

/** `monitor` only when a confirmed record says so for this very folder; anything else is `enforce` (fails closed). */
export function readEditorMode(stateDir: string, folder: string): EditorMode {
  return readModeRecord(stateDir, folder)?.mode === 'monitor' ? 'monitor' : 'enforce';
}

/** `allow` only when a confirmed record says so for this very folder; anything else defers (the strict side). */
export function readAnswerHarmless(stateDir: string, folder: string): AnswerHarmless {
  return readModeRecord(stateDir, folder)?.answerHarmless?.value === 'allow' ? 'allow' : 'defer';
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

/**
 * What the settings ask for, most specific level first: a trusted workspace
 * chooses; an untrusted one may only tighten (its strict value counts, its
 * loose one does not). Anything but the loose value is the strict one.
 */
export function requestedSetting<V extends string>(
  setting: LooseningSetting<V>,
  values: ModeSettingValues,
  trusted: boolean,
): { value: V; source?: ModeSource } {
  const levels: [ModeSource, unknown][] = [
    ['workspaceFolder', values.workspaceFolder],
    ['workspace', values.workspace],
    ['user', values.user],
    ['default', values.default],
  ];
  for (const [source, value] of levels) {
    if (value === undefined) continue;
    if (!trusted && (source === 'workspace' || source === 'workspaceFolder') && value !== setting.strict) continue;
    const known = value === setting.strict || value === setting.loose;
    return { value: value === setting.loose ? setting.loose : setting.strict, source: known ? source : undefined };
  }
  return { value: setting.strict };
}

/** `agentguard.mode` as the settings ask for it (see requestedSetting). */
export function requestedEditorMode(values: ModeSettingValues, trusted: boolean): RequestedMode {
  const r = requestedSetting(MODE_SETTING, values, trusted);
  return 'source' in r ? { mode: r.value, source: r.source } : { mode: r.value };
}

/** The mode the settings ask for, from the user-level and workspace-level values (see requestedEditorMode). */
export function resolveEditorMode(values: { user?: unknown; workspace?: unknown }, trusted: boolean): EditorMode {
  return requestedEditorMode(values, trusted).mode;
}

export interface ModeStep {
  /** Write the strict value now: tightening applies at once, and a record the hook cannot trust is replaced. */
  writeEnforce: boolean;
  /** The settings ask for the loose value and no human confirmed it for this folder: ask one. */
  ask: boolean;
}

/**
 * What the editor does with the settings' request for one setting, given the
 * folder's record: the strict value is written at once; the loose one stays a
 * request (the hook keeps the strict one) until a human confirms it, unless a
 * human already confirmed it from the same settings level. A loose value that
 * now comes from another level is a new request: when the human sets their
 * own level back, a workspace value an agent wrote must not keep it alive.
 */
export function planSettingSync<V extends string>(
  setting: LooseningSetting<V>,
  requested: { value: V; source?: ModeSource },
  record: ModeRecord | undefined,
): ModeStep {
  const had = recordedValue(record, setting);
  if (requested.value === setting.loose && had?.value === setting.loose && had.source === requested.source)
    return { writeEnforce: false, ask: false };
  return {
    writeEnforce: !had || had.value !== setting.strict || (setting.key === 'answerHarmless' && !record?.answerHarmless),
    ask: requested.value === setting.loose,
  };
}

/** planSettingSync for `agentguard.mode`. */
export function planModeSync(requested: RequestedMode, record: ModeRecord | undefined): ModeStep {
  return planSettingSync(
    MODE_SETTING,
    { value: requested.mode, ...(requested.source ? { source: requested.source } : {}) },
    record,
  );
}

const NEVER_MONITORED = new Set(['killswitch.engaged', 'config.invalid', 'policy.managed', 'policy.managed-invalid']);

/** A gated verdict in a folder the editor runs in monitor mode: recorded as what it would have been, allowed. */
export function withEditorMode(v: Verdict, stateDir: string, workspace: string): Verdict {
  if (v.decision === 'allow' || v.findings.some((f) => NEVER_MONITORED.has(f.id))) return v;
  if (readEditorMode(stateDir, workspace) !== 'monitor') return v;
  return { ...v, monitored: v.decision, decision: 'allow' };
}
