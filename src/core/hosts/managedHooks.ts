// The edits that put AgentGuard's hook into the hosts' administrator-owned
// files (`agentguard install --managed`; where they are: managedHookPlaces.ts).
// Pure: text in, text out.
import { applyEdits, modify, parseTree, findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { addHook, removeHook, type EditResult } from './hostConfig';
import { INSTALLED_TIMEOUT_SECONDS } from './adapter';
import { CODEX_MATCHER } from './codex';
import type { ManagedHookPlace } from './managedHookPlaces';

export { agentGuardCommandsIn, managedHookPlace, MANAGED_HOOK_HOSTS, type ManagedHookPlace } from './managedHookPlaces';

// ---- JSON hosts -----------------------------------------------------------------

function setTopLevel(text: string, key: string, value: unknown): string {
  const root = parseTree(text);
  const node = root ? findNodeAtLocation(root, [key]) : undefined;
  if (node && getNodeValue(node) === value) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } }));
}

/** AgentGuard's hook in a host's administrator-owned settings file; `managedOnly` also sets the host's managed-hooks-only key. */
export function addManagedHook(
  text: string,
  place: Extract<ManagedHookPlace, { file: string }>,
  command: string,
  managedOnly: boolean,
): EditResult {
  if (place.format === 'codex-toml') return addCodexRequirementsHook(text, command, managedOnly);
  const added = addHook(text, place.host, command);
  if (!added.ok || !managedOnly || !place.managedOnlyKey) return added;
  const next = setTopLevel(added.text, place.managedOnlyKey, true);
  return { ok: true, text: next, changed: next !== text };
}

export function removeManagedHook(
  text: string,
  place: Extract<ManagedHookPlace, { file: string }>,
): EditResult & { empty?: boolean } {
  return place.format === 'codex-toml' ? removeCodexRequirementsHook(text) : removeHook(text);
}

// ---- Codex requirements.toml ------------------------------------------------------
// No TOML library for one block: AgentGuard's part is written between two
// marker lines, as an array-of-tables entry (`[[hooks.PreToolUse]]`, which
// TOML lets a file extend anywhere), and found again by them. A file that
// spells PreToolUse another way is refused, never rewritten. The
// managed-hooks-only key, once set, stays (as in the JSON files): removing
// AgentGuard's hook does not loosen the rest of the administrator's file.

const BEGIN =
  '# agentguard-managed: begin (`agentguard install --managed --codex`; `agentguard uninstall --managed --codex` removes it)';
const END = '# agentguard-managed: end';
const ONLY_MARK = '# agentguard-managed';

function codexBlock(command: string): string {
  // A JSON string is a TOML basic string (same escapes for what JSON.stringify emits).
  return [
    BEGIN,
    '[[hooks.PreToolUse]]',
    `matcher = ${JSON.stringify(CODEX_MATCHER)}`,
    '',
    '[[hooks.PreToolUse.hooks]]',
    'type = "command"',
    `command = ${JSON.stringify(command)}`,
    `timeout = ${INSTALLED_TIMEOUT_SECONDS}`,
    END,
  ].join('\n');
}

function withoutOurs(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (line.startsWith('# agentguard-managed: begin')) inside = true;
    else if (inside && line === END) inside = false;
    else if (!inside) out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Whether the file defines hooks or hooks.PreToolUse other than as `[[hooks.PreToolUse]]` entries (which can be appended to). */
function preToolUseSpelledOtherwise(text: string): boolean {
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      table = header[1].replace(/\s+/g, '').replace(/"/g, '');
      if (table === 'hooks.PreToolUse' && !line.startsWith('[[')) return true;
      continue;
    }
    const key = /^([A-Za-z0-9_."-]+)\s*=/.exec(line)?.[1].replace(/"/g, '');
    if (!key) continue;
    const full = table ? `${table}.${key}` : key;
    if (
      full === 'hooks' ||
      full === 'hooks.PreToolUse' ||
      (full.startsWith('hooks.PreToolUse.') && !table.startsWith('hooks.PreToolUse'))
    )
      return true;
  }
  return false;
}

export function addCodexRequirementsHook(text: string, command: string, managedOnly: boolean): EditResult {
  let rest = withoutOurs(text);
  if (preToolUseSpelledOtherwise(rest)) {
    return {
      ok: false,
      error:
        "hooks.PreToolUse is defined in a form AgentGuard does not edit (an inline table or array, or a plain table): merge AgentGuard's hook by hand",
    };
  }
  if (managedOnly) {
    const set = `allow_managed_hooks_only = true  ${ONLY_MARK}`;
    if (/^\s*allow_managed_hooks_only\s*=/m.test(rest))
      rest = rest.replace(/^\s*allow_managed_hooks_only\s*=.*$/m, set);
    else {
      // A top-level key must come before the first table header.
      const header = /^\s*\[/m.exec(rest);
      rest = header ? `${rest.slice(0, header.index)}${set}\n${rest.slice(header.index)}` : `${set}\n${rest}`;
    }
  }
  const body = rest.replace(/\s+$/, '');
  const next = `${body ? `${body}\n\n` : ''}${codexBlock(command)}\n`;
  return { ok: true, text: next, changed: next !== text };
}

export function removeCodexRequirementsHook(text: string): EditResult & { empty?: boolean } {
  const rest = withoutOurs(text).replace(/\s+$/, '');
  const next = rest ? `${rest}\n` : '';
  return { ok: true, text: next, changed: next !== text, empty: next.trim() === '' };
}
