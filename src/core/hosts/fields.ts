// Reading the fields of a host's payload, whichever spelling the host used.
// Shared by the common payload reader (normalize.ts) and the adapters whose
// events or envelopes are their own. Pure: no I/O.
import { dialectOf } from '../parse/detect';
import type { HookRequest, NormalizeResult, TextEdit } from './types';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** First string among the fields, whichever spelling the host used. */
export function field(o: Obj, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = str(o[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function strArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : undefined;
}

// Cursor (MCP), Copilot CLI, Cline (MCP arguments) and Windsurf (MCP arguments) send tool input as a JSON string.
export function parseInput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export const fail = (error: string): NormalizeResult => ({ ok: false, error });

/** A `shell` field's value, when it names one AgentGuard reads: POSIX shells as bash, zsh and fish as themselves, PowerShell, cmd. */
export function shellField(...values: unknown[]): HookRequest['shell'] | undefined {
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const dialect = dialectOf(v);
    if (dialect) return dialect;
  }
  return undefined;
}

export function textEdits(v: unknown): TextEdit[] {
  if (!Array.isArray(v)) return [];
  const out: TextEdit[] = [];
  for (const e of v) {
    if (!isObj(e)) continue;
    const newString = field(e, 'new_string', 'newString', 'new_str');
    if (newString === undefined) continue;
    out.push({
      oldString: field(e, 'old_string', 'oldString', 'old_str') ?? '',
      newString,
      ...(e.replace_all === true || e.replaceAll === true ? { replaceAll: true } : {}),
    });
  }
  return out;
}
