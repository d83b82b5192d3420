// What in a settings file of a host with Claude Code's hook shape
// (`disableAllHooks`, `hooks.PreToolUse[].{matcher, hooks[]}`) takes
// AgentGuard away from a call. Claude Code and Qwen Code (which took the
// shape over) merge hooks of every settings file rather than replacing
// them, so a workspace file cannot drop a user-level entry; it can turn
// every hook off (`disableAllHooks`, a plain value the project's file
// decides over the user's), or add a PreToolUse handler of its own for the
// same tool: matching handlers run beside AgentGuard's and any of them may
// return `updatedInput`, so what runs is not what AgentGuard judged
// (https://code.claude.com/docs/en/hooks, PreToolUse decision control; Qwen
// Code 0.24.4's docs/features/hooks.md, PreToolUse output).
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A settings text read as leniently as any reader of it: comments and trailing commas do not hide a hook. */
export function lenientJson(text: string): unknown {
  const errors: ParseError[] = [];
  return parseJsonc(text, errors, { allowTrailingComma: true });
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

/** The first handler of `groups` (an event's matcher groups) reaching `tool` that is not AgentGuard's, said for a person. */
export function otherHandler(groups: unknown, tool: string, isOurs: (command: unknown) => boolean): string | undefined {
  if (!Array.isArray(groups)) return undefined;
  for (const group of groups.slice(0, 200)) {
    if (!isObj(group) || !reaches(group.matcher, tool) || !Array.isArray(group.hooks)) continue;
    for (const h of group.hooks.slice(0, 200)) {
      if (!isObj(h) || isOurs(h.command)) continue;
      const what = typeof h.command === 'string' ? h.command : typeof h.url === 'string' ? h.url : String(h.type);
      return what.slice(0, 120);
    }
  }
  return undefined;
}

/** A `shadows` for a host whose settings have Claude Code's hook shape, `label` its name. */
export function preToolUseShadows(label: string) {
  return (text: string, tool: string, isOurs: (command: unknown) => boolean): string | undefined => {
    const value = lenientJson(text);
    if (!isObj(value)) return undefined;
    if (value.disableAllHooks === true)
      return `sets disableAllHooks: ${label}'s next session runs no hook, AgentGuard's included`;
    const other = otherHandler(isObj(value.hooks) ? value.hooks.PreToolUse : undefined, tool, isOurs);
    return (
      other &&
      `adds a PreToolUse hook for ${tool} (${other}) that ${label} runs beside AgentGuard's: it may rewrite the call (updatedInput) after AgentGuard judged it`
    );
  };
}
