// The edits of a host's sandbox settings kept in a JSON (with comments)
// settings file: switches install sets toward more confinement, and
// AgentGuard's paths appended to the host's deny-write list. Shared by the
// hosts whose sandbox lives in such a file (Claude Code's settings, VS Code's
// settings.json); each host says which keys, and reads its own state.
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type ParseError } from 'jsonc-parser';
import type { SandboxAdded, SandboxEdit } from './adapter';

export type Key = string[];

/** A setting install sets; `usersChoice`: any value the user already gave it is theirs (doctor names it). */
export interface SandboxSwitch {
  key: Key;
  value: unknown;
  usersChoice?: boolean;
  /** Other values that mean the same (an older form of the setting): left as they are. */
  sameAs?: readonly unknown[];
}

export interface JsonSandboxSpec {
  switches: readonly SandboxSwitch[];
  /** The deny-write list. */
  deny: Key;
  /** Objects install may have created, innermost first: each goes when it is left empty on take-back. */
  containers: readonly Key[];
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function rootOf(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text.trim() ? text : '{}', errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !root || root.type !== 'object') return { ok: false, error: 'not a JSON object' };
  return { ok: true, value: getNodeValue(root) as Record<string, unknown> };
}

export function valueAt(text: string, key: Key): unknown {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root ? findNodeAtLocation(root, key) : undefined;
  return node ? getNodeValue(node) : undefined;
}

function indentOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function setAt(text: string, key: Key, value: unknown): string {
  return applyEdits(text, modify(text, key, value, { formattingOptions: indentOf(text) }));
}

const dotted = (key: Key): string => key.join('.');

/** A key on the way to one install writes that holds something else than an object (or a list that is not one). */
function shapeError(text: string, spec: JsonSandboxSpec): string | undefined {
  for (const key of [spec.deny, ...spec.switches.map((s) => s.key)]) {
    for (let i = 1; i < key.length; i++) {
      const v = valueAt(text, key.slice(0, i));
      if (v !== undefined && !isObj(v)) return `"${dotted(key.slice(0, i))}" is not an object`;
    }
  }
  const list = valueAt(text, spec.deny);
  if (list !== undefined && !Array.isArray(list)) return `"${dotted(spec.deny)}" is not a list`;
  return undefined;
}

/** The strings on the deny-write list of `text`. */
export function listedIn(text: string | undefined, spec: Pick<JsonSandboxSpec, 'deny'>): Set<string> {
  const list = text === undefined ? undefined : valueAt(text, spec.deny);
  return new Set(Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []);
}

export function turnOnJson(spec: JsonSandboxSpec, previous: string, deny: readonly string[]): SandboxEdit {
  const parsed = rootOf(previous);
  if (!parsed.ok) return parsed;
  let text = previous.trim() ? previous : '{}\n';
  const bad = shapeError(text, spec);
  if (bad) return { ok: false, error: bad };
  const added: SandboxAdded = { set: {}, listed: [] };
  const to: Record<string, unknown> = {};
  for (const s of spec.switches) {
    const before = valueAt(text, s.key);
    if (before === s.value || s.sameAs?.includes(before) || (s.usersChoice && before !== undefined)) continue;
    text = setAt(text, s.key, s.value);
    added.set[dotted(s.key)] = before === undefined ? null : before;
    to[dotted(s.key)] = s.value;
  }
  const listed = listedIn(text, spec);
  const missing = deny.filter((p) => !listed.has(p));
  if (missing.length) {
    const current = (valueAt(text, spec.deny) as unknown[] | undefined) ?? [];
    text = setAt(text, spec.deny, [...current, ...missing]);
    added.listed = missing;
  }
  return { ok: true, text, added, to };
}

export function takeBackJson(
  spec: JsonSandboxSpec,
  previous: string,
  added: SandboxAdded,
): { ok: true; text: string } | { ok: false; error: string } {
  const parsed = rootOf(previous);
  if (!parsed.ok) return parsed;
  let text = previous;
  const theirs = new Set(added.listed);
  const list = valueAt(text, spec.deny);
  if (Array.isArray(list) && added.listed.length) {
    const kept = list.filter((p) => !(typeof p === 'string' && theirs.has(p)));
    text = setAt(text, spec.deny, kept.length ? kept : undefined);
  }
  for (const s of spec.switches) {
    const name = dotted(s.key);
    if (!(name in added.set)) continue;
    // A setting the user changed since install is theirs now.
    if (valueAt(text, s.key) !== s.value) continue;
    const before = added.set[name];
    text = setAt(text, s.key, before === null ? undefined : before);
  }
  for (const key of spec.containers) {
    const v = valueAt(text, key);
    if (isObj(v) && Object.keys(v).length === 0) text = setAt(text, key, undefined);
  }
  return { ok: true, text };
}
