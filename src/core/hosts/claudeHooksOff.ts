// Claude Code's own off switch for hooks: `disableAllHooks: true` in a
// settings file turns off every hook, AgentGuard's included, so its calls are
// never judged. A file in the working folder (`.claude/settings.json`,
// `.claude/settings.local.json`) is one any command run there may write —
// Codex's sandbox, which takes no deny-write list, leaves it writable — so
// it is read by content wherever the host's state is said: doctor, the
// editor's tooltip and each call's audit record. The precedence is Claude
// Code's for a plain value: local project settings over project settings
// over the user's. Managed settings are the administrator's choice, not read.
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { readSettingsText } from './settingsText';

function disableAllHooksIn(file: string): boolean | undefined {
  const text = readSettingsText(file);
  if (text === undefined) return undefined;
  try {
    const v = (JSON.parse(text) as { disableAllHooks?: unknown } | null)?.disableAllHooks;
    return typeof v === 'boolean' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Where Claude Code's settings turn every hook off for `workspace`, said for doctor and the editor; undefined when they do not. */
export function claudeHooksOffBy(
  home: string,
  _env: Readonly<Record<string, string | undefined>>,
  workspace?: string,
): string | undefined {
  const files = [
    path.join(home, '.claude', 'settings.json'),
    ...(workspace
      ? [path.join(workspace, '.claude', 'settings.json'), path.join(workspace, '.claude', 'settings.local.json')]
      : []),
  ];
  let deciding: string | undefined;
  for (const file of files) {
    const v = disableAllHooksIn(file);
    if (v !== undefined) deciding = v ? file : undefined;
  }
  return (
    deciding &&
    `disableAllHooks is true in ${deciding}, so Claude Code runs no hook and AgentGuard is never called; if you did not set it, something else wrote it: remove it to have its calls judged`
  );
}

/** Whether a hook group's matcher reaches `tool`; one that cannot be read is taken to (Claude Code and Cursor: none, "" and "*" match every tool). */
export function reaches(matcher: unknown, tool: string): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (typeof matcher !== 'string') return true;
  try {
    // Unanchored: it reaches at least what Claude Code's match does.
    return new RegExp(matcher).test(tool);
  } catch {
    return true;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What in a workspace settings file of Claude Code takes AgentGuard away
 * from a call of `tool`. Claude Code merges hooks of every settings file
 * rather than replacing them, so a workspace file cannot drop a user-level
 * entry; it can turn every hook off (`disableAllHooks`), or add a
 * PreToolUse handler of its own for the same tool: all matching handlers run
 * in parallel and any of them may return `updatedInput`, so what runs is not
 * what AgentGuard judged (https://code.claude.com/docs/en/hooks, PreToolUse
 * decision control).
 */
export function claudeShadows(text: string, tool: string, isOurs: (command: unknown) => boolean): string | undefined {
  // Read as leniently as any reader of it: comments and trailing commas do not hide a hook.
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (!isObj(value)) return undefined;
  if (value.disableAllHooks === true)
    return "sets disableAllHooks: Claude Code's next session runs no hook, AgentGuard's included";
  const hooks = isObj(value.hooks) ? value.hooks.PreToolUse : undefined;
  if (!Array.isArray(hooks)) return undefined;
  for (const group of hooks.slice(0, 200)) {
    if (!isObj(group) || !reaches(group.matcher, tool) || !Array.isArray(group.hooks)) continue;
    for (const h of group.hooks.slice(0, 200)) {
      if (!isObj(h) || isOurs(h.command)) continue;
      const what = typeof h.command === 'string' ? h.command : typeof h.url === 'string' ? h.url : String(h.type);
      return `adds a PreToolUse hook for ${tool} (${what.slice(0, 120)}) that Claude Code runs beside AgentGuard's: it may rewrite the call (updatedInput) after AgentGuard judged it`;
    }
  }
  return undefined;
}

export const CLAUDE_SHADOW = {
  files: ['.claude/settings.json', '.claude/settings.local.json'],
  shadows: claudeShadows,
} as const;
