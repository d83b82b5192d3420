// A workspace's `.vscode/settings.json` is guarded because some of its keys
// hold AgentGuard's own settings and the agents' approval switches
// (`agentguard.*`, Amp's `amp.permissions`, VS Code's `chat.tools.autoApprove`)
// and the terminal's environment and shells (where the terminal gate loads).
// Most edits touch none of them: a formatter, a tab size, an excluded folder.
// An edit whose whole change stays outside those keys, read from the JSON
// before and after, is the project's own business; anything that cannot be
// read that way stays guarded.
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { knownContent } from '../packs/autorun/knownText';
import type { AnalysisContext, SimpleCommand } from '../types';

/** Keys that guard, loosen or arm something: AgentGuard's, the agents', the terminal's environment and shells, tasks, trust, MCP. */
const GUARDED_KEY =
  /^(?:agentguard|amp|chat|github\.copilot|claude|claude-code|cline|roo-cline|kilo-code|continue|cursor|windsurf|codeium|augment|gemini|kiro|mcp|security|task|tasks|extensions|remote|terminal\.integrated\.(?:env|profiles|automationProfile|shellIntegration|defaultProfile|shell|shellArgs|allowWorkspaceConfiguration|commandsToSkipShell))(?:\.|$)|(?:approve|permission|allow|trust|yolo|dangerous|sandbox|bypass)/i;
/** Shells that load AgentGuard's terminal gate: choosing one of them as the default profile is harmless. */
const GATED_PROFILE = /^(?:bash|zsh|fish|pwsh|PowerShell|Git Bash|Windows PowerShell)$/;

function readJson(text: string): Record<string, unknown> | undefined {
  const errors: ParseError[] = [];
  const v: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  return errors.length || !v || typeof v !== 'object' || Array.isArray(v) ? undefined : (v as Record<string, unknown>);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether an edit of an editor's settings file changes only keys that guard nothing. */
export function harmlessSettingsEdit(absPath: string, before: string | undefined, after: string): boolean {
  if (path.basename(absPath) !== 'settings.json' || path.basename(path.dirname(absPath)) !== '.vscode') return false;
  const old = before === undefined || !before.trim() ? {} : readJson(before);
  const next = readJson(after);
  if (!old || !next) return false;
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (same(old[key], next[key])) continue;
    if (!GUARDED_KEY.test(key)) continue;
    if (
      /^terminal\.integrated\.defaultProfile\./.test(key) &&
      typeof next[key] === 'string' &&
      GATED_PROFILE.test(next[key] as string)
    )
      continue;
    return false;
  }
  return true;
}

/**
 * `echo '{"editor.formatOnSave":true}' > .vscode/settings.json`: a shell write whose text is known before it runs,
 * judged as the same edit of the file is. Unknown text, or a file an earlier command on the line may have changed,
 * stays guarded.
 */
export function harmlessSettingsWrite(cmd: SimpleCommand, absPath: string, ctx: AnalysisContext): boolean {
  if (path.basename(absPath) !== 'settings.json' || ctx.lineMade || cmd.remote) return false;
  const known = knownContent(cmd, absPath, ctx);
  if (!known) return false;
  const before = ctx.readFile(absPath, cmd.cwd);
  // There but unreadable: what the write keeps or drops cannot be told.
  if (before === undefined && ctx.stat?.(absPath) !== undefined) return false;
  return harmlessSettingsEdit(absPath, before, known.append ? (before ?? '') + known.text : known.text);
}
