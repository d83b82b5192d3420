// AgentGuard's permission profile for Codex (0.138 and later): Codex's own
// `:workspace` (writes to the workspace roots and temp, each root's `.git`,
// `.codex` and `.agents` read-only) with the paths of AgentGuard's
// deny-write list that a call could otherwise write set to "read" — inside
// the working folder relative to each workspace root (another host's hook
// and settings files, a nested repository's `.git/config` and `.git/hooks`,
// absent ones too), outside it by absolute path where a writable place
// (a root the user listed, temp) holds them. Codex uses a profile only where
// no `sandbox_mode` or `--sandbox` is given, so install replaces the
// `sandbox_mode` line and keeps what it said as a comment for uninstall.
// Checked on 0.169.0: `codex sandbox` under this profile refused each write
// (`.cursor/hooks.json` too where `.cursor` did not exist; an absolute
// "read" inside a "write" root too) and wrote the rest of the working folder
// and /tmp. Sources: https://developers.openai.com/codex/permissions.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROFILE = 'agentguard';
export const SELECT_KEY = 'default_permissions';
export const SELECT_LINE = `${SELECT_KEY} = "${PROFILE}"`;
/** The comment install leaves on the line it writes; uninstall reads what followed `was`. */
export const WAS = '  # agentguard: was ';
export const ADDED = '  # agentguard: added; `agentguard uninstall --codex` removes this line';
const MARK =
  "# agentguard: AgentGuard's permission profile (Codex's :workspace with AgentGuard's deny-write list read-only); `agentguard uninstall --codex` removes it";
const OURS = /^\s*\[permissions\.agentguard(?:\]|\.)/;
const HEADER = /^\s*\[/;

/** A top-level `KEY = "value"` line (before any table header): its index and value ('' when not a plain string). */
export function topLine(lines: readonly string[], key: string): { index: number; value: string } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('[')) return undefined;
    const m = new RegExp(`^${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)')\\s*(?:#.*)?$`).exec(line);
    if (m) return { index: i, value: m[1] ?? m[2] };
    if (new RegExp(`^["']?${key}["']?\\s*=`).test(line)) return { index: i, value: '' };
  }
  return undefined;
}

/** The lines of the table whose header matches: header index and end (exclusive). */
function table(lines: readonly string[], header: RegExp): { header: number; end: number } | undefined {
  const at = lines.findIndex((l) => header.test(l));
  if (at < 0) return undefined;
  let end = at + 1;
  while (end < lines.length && !HEADER.test(lines[end])) end++;
  return { header: at, end };
}

/** What the user's `[sandbox_workspace_write]` said: its roots and whether commands reach the network. */
export function legacyTable(lines: readonly string[]): { roots: string[]; network: boolean } {
  const t = table(lines, /^\s*\[sandbox_workspace_write\]\s*(?:#.*)?$/);
  if (!t) return { roots: [], network: false };
  const body = lines.slice(t.header + 1, t.end).join('\n');
  const list = /^\s*writable_roots\s*=\s*\[([^\]]*)\]/m.exec(body)?.[1] ?? '';
  return {
    roots: [...list.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]),
    network: /^\s*network_access\s*=\s*true\s*(?:#.*)?$/m.test(body),
  };
}

const inside = (p: string, root: string): boolean => {
  const r = root.replace(/\/+$/, '') || '/';
  return p === r || p.startsWith(r === '/' ? '/' : `${r}/`);
};

/** Places `:workspace` lets a command write outside the working folder, besides the roots the user listed. */
const TEMP = (): string[] => [...new Set(['/tmp', os.tmpdir()])];

export interface ProfileRules {
  /** Workspace-relative paths set to "read" under `":workspace_roots"`. */
  relative: string[];
  /** Absolute paths: the user's roots ("write") and AgentGuard's paths inside a writable place ("read"). */
  absolute: [string, 'write' | 'read'][];
  network: boolean;
}

/** The profile's rules for AgentGuard's list `deny` in `workspace`, carrying over the user's roots and network. */
export function profileRules(
  deny: readonly string[],
  workspace: string,
  legacy: { roots: string[]; network: boolean },
  exists: (p: string) => boolean = fs.existsSync,
): ProfileRules {
  const top = path.normalize(workspace).replace(/\/+$/, '');
  const roots = legacy.roots.filter((r) => path.isAbsolute(r));
  const writable = [...roots, ...TEMP()];
  const relative: string[] = [];
  const absolute: [string, 'write' | 'read'][] = roots.map((r) => [r, 'write']);
  for (const p of deny) {
    const rel = path.relative(top, p);
    // Codex refuses a subpath with `.` or `..` in it: such a path is named by its absolute form.
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split('/').some((s) => s === '.' || s === '..'))
      relative.push(firstMissing(top, rel, exists));
    else {
      const w = writable.find((r) => inside(p, r));
      if (w && p !== w) absolute.push([path.join(w, firstMissing(w, path.relative(w, p), exists)), 'read']);
      else if (w) absolute.push([p, 'read']);
    }
  }
  const unique = [...new Set(relative)];
  // A path under one already read-only is covered by it (and two would collide in bubblewrap).
  const covered = (r: string) => unique.some((o) => o !== r && r.startsWith(`${o}/`));
  const seen = new Set<string>();
  const once = absolute.filter(([p, a]) => !seen.has(`${a}:${p}`) && seen.add(`${a}:${p}`));
  return { relative: unique.filter((r) => !covered(r)), absolute: once, network: legacy.network };
}

/**
 * The path's first folder that does not exist, else the path. Codex keeps a
 * missing path from being made by mounting over its first missing folder,
 * and two paths under the same missing folder then collide: bubblewrap
 * fails, and so does every command (0.169.0, `.amp/settings.json` with
 * `.amp/agentguard-delegate`). Naming that folder read-only is what Codex
 * does for each of them anyway. A folder removed after install brings the
 * collision back: every command fails (closed) until install runs again.
 */
function firstMissing(top: string, rel: string, exists: (p: string) => boolean): string {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (!exists(path.join(top, prefix))) return prefix;
  }
  return rel;
}

const key = (p: string): string => JSON.stringify(p);

/** The profile's tables, with the comment that marks them as AgentGuard's. */
export function profileBlock(r: ProfileRules): string[] {
  const out = [MARK, `[permissions.${PROFILE}]`, 'extends = ":workspace"'];
  if (r.absolute.length)
    out.push('', `[permissions.${PROFILE}.filesystem]`, ...r.absolute.map(([p, a]) => `${key(p)} = "${a}"`));
  if (r.relative.length)
    out.push(
      '',
      `[permissions.${PROFILE}.filesystem.":workspace_roots"]`,
      ...r.relative.map((p) => `${key(p)} = "read"`),
    );
  if (r.network) out.push('', `[permissions.${PROFILE}.network]`, 'enabled = true');
  return out;
}

/** Where AgentGuard's tables are (with their comment and the blank line before it), if they are. */
export function blockOf(lines: readonly string[]): { start: number; end: number } | undefined {
  let first = lines.findIndex((l) => l === MARK || OURS.test(l));
  if (first < 0) return undefined;
  let end = first + 1;
  // Through each of its tables, up to a table that is not AgentGuard's.
  while (end < lines.length && (!HEADER.test(lines[end]) || OURS.test(lines[end]))) end++;
  // A trailing blank run before the next table belongs to the file, not the block.
  while (end > first + 1 && end < lines.length && !lines[end - 1].trim()) end--;
  if (first > 0 && !lines[first - 1].trim()) first--;
  return { start: first, end };
}

/** The relative and absolute paths a profile in the text sets to "read". */
export function profileReads(lines: readonly string[]): { relative: string[]; absolute: string[] } {
  const rows = (header: RegExp): string[] => {
    const t = table(lines, header);
    if (!t) return [];
    return lines
      .slice(t.header + 1, t.end)
      .map((l) => /^\s*"((?:[^"\\]|\\.)*)"\s*=\s*"read"\s*(?:#.*)?$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => JSON.parse(`"${m[1]}"`) as string);
  };
  return {
    relative: rows(/^\s*\[permissions\.agentguard\.filesystem\.":workspace_roots"\]/),
    absolute: rows(/^\s*\[permissions\.agentguard\.filesystem\]/),
  };
}

/** Which paths of `deny` the profile in `lines` keeps from writes (inside `workspace` by its relative rule). */
export function heldBy(lines: readonly string[], deny: readonly string[], workspace: string | undefined): string[] {
  const reads = profileReads(lines);
  const writable = [
    ...lines.flatMap((l) => {
      const m = /^\s*"((?:[^"\\]|\\.)*)"\s*=\s*"write"/.exec(l);
      return m ? [JSON.parse(`"${m[1]}"`) as string] : [];
    }),
    ...TEMP(),
  ];
  return deny.filter((p) => {
    if (reads.absolute.some((r) => inside(p, r))) return true;
    const rel = workspace ? path.relative(workspace, p) : undefined;
    if (rel !== undefined && rel && !rel.startsWith('..') && !path.isAbsolute(rel))
      return reads.relative.some((r) => inside(rel, r));
    if (workspace === undefined && reads.relative.some((r) => p.endsWith(`/${r}`) || p.includes(`/${r}/`))) return true;
    return !writable.some((w) => inside(p, w));
  });
}
