// Claude Code's own sandbox (bubblewrap on Linux, Seatbelt on macOS) as
// `install --claude` turns it on: `sandbox.enabled`, no way out of it for a
// command (`allowUnsandboxedCommands: false`: a command that fails in it is
// not retried unsandboxed through the `dangerouslyDisableSandbox` parameter),
// and AgentGuard's paths on `sandbox.filesystem.denyWrite` (absolute paths;
// Claude Code merges the list with its own mandatory denies). Its permission
// prompts are untouched: `autoAllowBashIfSandboxed` is left as the user has
// it (false unless set). Checked on Claude Code 2.1.330: a denied path is a
// read-only bind, a write there fails with "Read-only file system".
// Sources: https://code.claude.com/docs/en/sandboxing,
// https://code.claude.com/docs/en/settings#sandbox-settings.
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type ParseError } from 'jsonc-parser';
import type { HostSandbox, SandboxAdded, SandboxEdit, SandboxState } from './adapter';

type Key = (string | number)[];

function rootOf(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text.trim() ? text : '{}', errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !root || root.type !== 'object') return { ok: false, error: 'not a JSON object' };
  return { ok: true, value: getNodeValue(root) as Record<string, unknown> };
}

function valueAt(text: string, key: Key): unknown {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root ? findNodeAtLocation(root, key) : undefined;
  return node ? getNodeValue(node) : undefined;
}

function indentOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function setAt(text: string, key: Key, value: unknown): string {
  return applyEdits(text, modify(text, key, value, { formattingOptions: indentOf(text) }));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings install sets, and the value each gets: only ever toward more confinement. */
const SETTINGS: readonly { key: string; value: unknown }[] = [
  { key: 'sandbox.enabled', value: true },
  { key: 'sandbox.allowUnsandboxedCommands', value: false },
];

const DENY: Key = ['sandbox', 'filesystem', 'denyWrite'];

function shapeError(root: Record<string, unknown>): string | undefined {
  if (root.sandbox !== undefined && !isObj(root.sandbox)) return '"sandbox" is not an object';
  const fsSettings = isObj(root.sandbox) ? root.sandbox.filesystem : undefined;
  if (fsSettings !== undefined && !isObj(fsSettings)) return '"sandbox.filesystem" is not an object';
  const list = isObj(fsSettings) ? fsSettings.denyWrite : undefined;
  if (list !== undefined && !Array.isArray(list)) return '"sandbox.filesystem.denyWrite" is not a list';
  return undefined;
}

function turnOn(previous: string, deny: readonly string[]): SandboxEdit {
  const parsed = rootOf(previous);
  if (!parsed.ok) return parsed;
  const bad = shapeError(parsed.value);
  if (bad) return { ok: false, error: bad };
  let text = previous.trim() ? previous : '{}\n';
  const added: SandboxAdded = { set: {}, listed: [] };
  for (const { key, value } of SETTINGS) {
    const path = key.split('.');
    const before = valueAt(text, path);
    // The user's own `allowUnsandboxedCommands: true` is their choice, said by doctor; `enabled` is what install is for.
    if (before === value || (key === 'sandbox.allowUnsandboxedCommands' && before !== undefined)) continue;
    text = setAt(text, path, value);
    added.set[key] = before === undefined ? null : before;
  }
  const listed = new Set((valueAt(text, DENY) as unknown[] | undefined)?.filter((p): p is string => typeof p === 'string'));
  const missing = deny.filter((p) => !listed.has(p));
  if (missing.length) {
    const current = (valueAt(text, DENY) as unknown[] | undefined) ?? [];
    text = setAt(text, DENY, [...current, ...missing]);
    added.listed = missing;
  }
  return { ok: true, text, added };
}

function takeBack(previous: string, added: SandboxAdded): { ok: true; text: string } | { ok: false; error: string } {
  const parsed = rootOf(previous);
  if (!parsed.ok) return parsed;
  let text = previous;
  const theirs = new Set(added.listed);
  const list = valueAt(text, DENY);
  if (Array.isArray(list) && added.listed.length) {
    const kept = list.filter((p) => !(typeof p === 'string' && theirs.has(p)));
    text = setAt(text, DENY, kept.length ? kept : undefined);
    const fsSettings = valueAt(text, ['sandbox', 'filesystem']);
    if (isObj(fsSettings) && Object.keys(fsSettings).length === 0) text = setAt(text, ['sandbox', 'filesystem'], undefined);
  }
  for (const { key, value } of SETTINGS) {
    if (!(key in added.set)) continue;
    const path = key.split('.');
    // A setting the user changed since install is theirs now.
    if (valueAt(text, path) !== value) continue;
    const before = added.set[key];
    text = setAt(text, path, before === null ? undefined : before);
  }
  const sandbox = valueAt(text, ['sandbox']);
  if (isObj(sandbox) && Object.keys(sandbox).length === 0) text = setAt(text, ['sandbox'], undefined);
  return { ok: true, text };
}

function read(text: string | undefined, deny: readonly string[]): SandboxState {
  const parsed = text === undefined ? undefined : rootOf(text);
  if (parsed && !parsed.ok) return { on: false, listed: [], notes: ['the settings file is not a JSON object'] };
  const sandbox = parsed?.value.sandbox;
  const s = isObj(sandbox) ? sandbox : {};
  const fsSettings = isObj(s.filesystem) ? s.filesystem : {};
  const list = new Set(Array.isArray(fsSettings.denyWrite) ? fsSettings.denyWrite.filter((p): p is string => typeof p === 'string') : []);
  const notes: string[] = [];
  if (s.enabled === true && s.allowUnsandboxedCommands !== false) notes.push('a command that fails in the sandbox may be retried outside it (allowUnsandboxedCommands is not false)');
  if (s.enabled === true && fsSettings.disabled === true) notes.push('sandbox.filesystem.disabled is true: no write is denied');
  return { on: s.enabled === true && fsSettings.disabled !== true, listed: deny.filter((p) => list.has(p)), notes };
}

export const CLAUDE_SANDBOX: HostSandbox = {
  // The project's personal settings (never checked in), as Claude Code's own /sandbox panel writes them.
  file: { project: '.claude/settings.local.json', user: '~/.claude/settings.json' },
  docs: 'https://code.claude.com/docs/en/sandboxing',
  needs: process.platform === 'linux' ? ['bwrap', 'socat'] : [],
  turnOn,
  takeBack,
  read,
};
