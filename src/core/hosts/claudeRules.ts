// The user's own Claude Code permission rules for the Bash tool (deny and
// ask, from every settings file Claude Code reads). Claude Code evaluates
// them against the command a hook hands back, not the one the agent wrote:
// a command rewritten to run confined would slip past a rule written for the
// original (`Bash(git push:*)` does not match `bwrap … git push`). So a
// command any of them could match is not rewritten; the host's own rules
// then meet it as written. Matching errs toward "could match".
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_SETTINGS_BYTES = 1024 * 1024;

function settingsFiles(workspace: string, home: string): string[] {
  return [
    path.join(home, '.claude', 'settings.json'),
    path.join(workspace, '.claude', 'settings.json'),
    path.join(workspace, '.claude', 'settings.local.json'),
    '/etc/claude-code/managed-settings.json',
    '/Library/Application Support/ClaudeCode/managed-settings.json',
  ];
}

/** Every `Bash(…)` (or bare `Bash`) deny and ask rule; a file that cannot be read as JSON counts as "any command". */
export function claudeBashRules(workspace: string, home: string): string[] {
  const out: string[] = [];
  for (const file of settingsFiles(workspace, home)) {
    let text: string;
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_SETTINGS_BYTES) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    try {
      const perms = (JSON.parse(text) as { permissions?: { deny?: unknown; ask?: unknown } }).permissions;
      for (const list of [perms?.deny, perms?.ask]) {
        if (!Array.isArray(list)) continue;
        for (const rule of list) {
          if (typeof rule !== 'string') continue;
          const m = /^Bash(?:\((.*)\))?$/s.exec(rule.trim());
          if (m) out.push(m[1] ?? '*');
        }
      }
    } catch {
      out.push('*');
    }
  }
  return out;
}

function globRegex(pattern: string): RegExp {
  const body = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** Whether a rule (`npm run test:*`, `git push`, `rm *`, `*`) could match the command or one of its parts. */
export function ruleCouldMatch(rule: string, command: string): boolean {
  const pattern = rule.trim();
  if (pattern === '' || pattern === '*' || pattern === ':*') return true;
  const parts = [command, ...command.split(/&&|\|\||[;|\n&]|\$\(|`/)].map((p) => p.trim().replace(/^(?:\w+=\S*\s+)+/, '')).filter(Boolean);
  const prefix = pattern.endsWith(':*') ? pattern.slice(0, -2).trim() : undefined;
  return parts.some((p) => {
    if (prefix !== undefined) return p === prefix || p.startsWith(prefix + ' ') || p.startsWith(prefix);
    if (pattern.includes('*')) return globRegex(pattern).test(p);
    return p === pattern || p.startsWith(pattern + ' ');
  });
}

/** A rule of the user's Claude Code settings that could meet this command. */
export function claudeRuleFor(command: string, workspace: string, home: string): string | undefined {
  return claudeBashRules(workspace, home).find((r) => ruleCouldMatch(r, command));
}
