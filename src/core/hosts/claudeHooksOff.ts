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
import { preToolUseShadows } from './preToolUseShadow';
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

export const CLAUDE_SHADOW = {
  files: ['.claude/settings.json', '.claude/settings.local.json'],
  shadows: preToolUseShadows('Claude Code'),
} as const;
