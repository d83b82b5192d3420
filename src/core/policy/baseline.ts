// The last policy a human confirmed for a workspace, kept in AgentGuard's
// state directory (which no agent may write): `<state>/policy/<sha256 of the
// workspace path>.json`. The editor writes it after a human's click; the
// editor and the hook raise it to what the file tightens (policy/index.ts),
// never lower; no CLI command lowers it. Without one, the baseline is the built-in defaults,
// so a policy that arrives with a cloned repository loosens nothing until a
// human confirms it.
import { sha256Hex } from '../text/sha256';
import * as fs from 'node:fs';
import { readRegularText } from '../state/regularFile';
import * as path from 'node:path';
import type { Config } from '../config/schema';

export const BASELINE_VERSION = 1;
/** A confirmed policy is a hand-written config: anything larger is not one. */
export const MAX_BASELINE_BYTES = 2 * 1024 * 1024;

/** What the baseline file holds. */
export interface PolicyBaseline {
  version: 1;
  /** Absolute workspace folder it belongs to. */
  workspace: string;
  /** ISO time of the human's confirmation. */
  confirmedAt: string;
  /** The confirmed `.agentguard.json` text; null when the confirmed state is "no file". */
  text: string | null;
  /** That text, validated (what the hook judges with); null when there is no file. */
  config: Config | null;
}

export function baselineDir(stateDir: string): string {
  return path.join(stateDir, 'policy');
}

export function baselineFile(stateDir: string, workspace: string): string {
  return path.join(baselineDir(stateDir), sha256Hex(path.resolve(workspace)) + '.json');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The confirmed baseline, or undefined when there is none or it cannot be
 * trusted (not a regular file, too large, malformed, another workspace's):
 * then the built-in defaults stand in, which is the strict side. Never
 * blocks: a FIFO or device in its place is refused before it is opened.
 */
export function readBaseline(stateDir: string, workspace: string): PolicyBaseline | undefined {
  try {
    const text = readRegularText(baselineFile(stateDir, workspace), MAX_BASELINE_BYTES);
    if (text === undefined) return undefined;
    const value: unknown = JSON.parse(text);
    if (!isObject(value) || value.version !== BASELINE_VERSION || value.workspace !== path.resolve(workspace))
      return undefined;
    if (!(value.text === null || typeof value.text === 'string')) return undefined;
    if (!(value.config === null || isObject(value.config))) return undefined;
    return value as unknown as PolicyBaseline;
  } catch {
    return undefined;
  }
}

/**
 * Records `text` (validated as `config`) as what a human confirmed. For the
 * editor, after a human's click, and for tests; nothing an agent can reach
 * calls it.
 */
export function writeBaseline(
  stateDir: string,
  workspace: string,
  text: string | null,
  config: Config | null,
  now = new Date(),
): string {
  const dir = baselineDir(stateDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = baselineFile(stateDir, workspace);
  const record: PolicyBaseline = {
    version: BASELINE_VERSION,
    workspace: path.resolve(workspace),
    confirmedAt: now.toISOString(),
    text,
    config,
  };
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return file;
}
