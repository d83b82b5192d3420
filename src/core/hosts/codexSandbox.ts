// Codex's own sandbox (Landlock and bubblewrap on Linux, Seatbelt on macOS)
// as `install --codex` leaves it on. Codex runs every command in a sandbox
// unless `sandbox_mode = "danger-full-access"` (or a flag) says otherwise:
// `read-only`, or `workspace-write` (writes to the working folder, temp and
// `writable_roots`, with `.git`, `.codex` and `.agents` of each root kept
// read-only). It takes no deny-write list: AgentGuard's paths stay read-only
// because none is a writable root, which `read` checks. So install changes
// two things only: `danger-full-access` becomes `workspace-write` (an
// absent key keeps Codex's own default, a sandbox, never loosened from
// `read-only`), and in the project's file each repository nested in the
// workspace becomes a writable root, so that Codex keeps its `.git`
// read-only as it does the workspace's own. Sources: https://developers.openai.com/codex/config-reference
// (sandbox_mode, sandbox_workspace_write.writable_roots),
// https://developers.openai.com/codex/security.
import type { HostSandbox, SandboxAdded, SandboxEdit, SandboxState } from './adapter';

const KEY = 'sandbox_mode';
const OFF = 'danger-full-access';
const ON = 'workspace-write';

/** The top-level `sandbox_mode` line (before any table header): its index and value. */
function modeLine(lines: readonly string[]): { index: number; value: string } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('[')) return undefined;
    const m = /^sandbox_mode\s*=\s*(?:"([^"]*)"|'([^']*)')\s*(?:#.*)?$/.exec(line);
    if (m) return { index: i, value: m[1] ?? m[2] };
    if (/^["']?sandbox_mode["']?\s*=/.test(line)) return { index: i, value: '' };
  }
  return undefined;
}

const TABLE = 'sandbox_workspace_write';
const ROOTS = `${TABLE}.writable_roots`;
const HEADER = /^\s*\[sandbox_workspace_write\]\s*(?:#.*)?$/;

/** The lines of `[sandbox_workspace_write]`: its header and where it ends. */
function tableOf(lines: readonly string[]): { header: number; end: number } | undefined {
  const header = lines.findIndex((l) => HEADER.test(l));
  if (header < 0) return undefined;
  let end = header + 1;
  while (end < lines.length && !/^\s*\[/.test(lines[end])) end++;
  return { header, end };
}

/** Its `writable_roots = [...]` (on one or more lines): where, and the paths. */
function rootsOf(
  lines: readonly string[],
  table: { header: number; end: number },
): { start: number; end: number; roots: string[] } | undefined {
  for (let i = table.header + 1; i < table.end; i++) {
    if (!/^\s*writable_roots\s*=/.test(lines[i])) continue;
    let j = i;
    while (
      j < table.end - 1 &&
      !lines
        .slice(i, j + 1)
        .join('\n')
        .includes(']')
    )
      j++;
    const text = lines.slice(i, j + 1).join('\n');
    return { start: i, end: j + 1, roots: [...text.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]) };
  }
  return undefined;
}

const rootsLine = (roots: readonly string[]): string =>
  `writable_roots = [${roots.map((r) => JSON.stringify(r)).join(', ')}]`;

/**
 * Codex keeps `.git` read-only at the top of each writable root, not below
 * it: a repository nested in the workspace becomes a root of its own, so its
 * `.git/config` and `.git/hooks` are read-only too (checked on 0.169.0). In
 * the project's file only: the folders are inside the working folder there,
 * writable already, so nothing is loosened.
 */
function nestedRepos(deny: readonly string[], workspace: string): string[] {
  const top = workspace.replace(/\/+$/, '');
  return deny
    .filter((p) => p.endsWith('/.git/hooks'))
    .map((p) => p.slice(0, -'/.git/hooks'.length))
    .filter((r) => r !== top && r.startsWith(`${top}/`));
}

function turnOn(
  previous: string,
  deny: readonly string[],
  place: { scope: 'project' | 'user'; workspace: string },
): SandboxEdit {
  const lines = previous.split('\n');
  const found = modeLine(lines);
  const added: SandboxAdded = { set: {}, listed: [] };
  const to: Record<string, unknown> = {};
  if (found && found.value === '') return { ok: false, error: `cannot read the ${KEY} line` };
  if (found?.value === OFF) {
    lines[found.index] = `${KEY} = "${ON}"  # agentguard: was "${OFF}"; \`agentguard uninstall --codex\` puts it back`;
    added.set[KEY] = OFF;
    to[KEY] = ON;
  }
  const repos = place.scope === 'project' ? nestedRepos(deny, place.workspace) : [];
  const table = tableOf(lines);
  const roots = table ? rootsOf(lines, table) : undefined;
  const missing = repos.filter((r) => !roots?.roots.includes(r));
  if (missing.length) {
    added.listed = missing;
    if (roots) lines.splice(roots.start, roots.end - roots.start, rootsLine([...roots.roots, ...missing]));
    else if (table) {
      lines.splice(table.header + 1, 0, rootsLine(missing));
      added.set[ROOTS] = null;
      to[ROOTS] = missing;
    } else {
      if (lines.length && lines[lines.length - 1] === '') lines.pop();
      lines.push(...(lines.length ? [''] : []), `[${TABLE}]`, rootsLine(missing), '');
      added.set[TABLE] = null;
      to[TABLE] = { writable_roots: missing };
    }
  }
  return { ok: true, text: lines.join('\n'), added, to };
}

function takeBack(previous: string, added: SandboxAdded): { ok: true; text: string } {
  const lines = previous.split('\n');
  const found = modeLine(lines);
  // Changed since install: the user's now.
  if (KEY in added.set && found?.value === ON) lines[found.index] = `${KEY} = ${JSON.stringify(added.set[KEY])}`;
  const table = tableOf(lines);
  const roots = table ? rootsOf(lines, table) : undefined;
  if (table && roots && added.listed.length) {
    const kept = roots.roots.filter((r) => !added.listed.includes(r));
    const ours = ROOTS in added.set || TABLE in added.set;
    lines.splice(roots.start, roots.end - roots.start, ...(kept.length || !ours ? [rootsLine(kept)] : []));
    const after = tableOf(lines);
    // A table install wrote that holds nothing now goes with its blank line.
    if (TABLE in added.set && after && lines.slice(after.header + 1, after.end).every((l) => !l.trim())) {
      const from = after.header > 0 && !lines[after.header - 1].trim() ? after.header - 1 : after.header;
      lines.splice(from, after.end - from, ...(after.end < lines.length ? [''] : []));
      if (lines[lines.length - 1] !== '') lines.push('');
    }
  }
  return { ok: true, text: lines.join('\n') };
}

/** The `writable_roots` of `[sandbox_workspace_write]`, read leniently (a list of strings on one or more lines). */
function writableRoots(text: string): string[] {
  const table = /^\s*\[sandbox_workspace_write\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const list = /writable_roots\s*=\s*\[([\s\S]*?)\]/.exec(table)?.[1] ?? '';
  return [...list.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
}

const within = (p: string, root: string): boolean => {
  const r = root.replace(/\/+$/, '');
  return p === r || p.startsWith(`${r}/`);
};

function read(text: string | undefined, deny: readonly string[]): SandboxState {
  const found = text === undefined ? undefined : modeLine(text.split('\n'));
  const notes: string[] = ['Codex takes no deny-write list: outside its writable roots every path is read-only'];
  const roots = text === undefined ? [] : writableRoots(text);
  const exposed = deny.filter((p) => roots.some((r) => within(p, r)));
  if (exposed.length)
    notes.push(
      `its writable_roots leave ${exposed.length} of AgentGuard's paths writable (${exposed.slice(0, 3).join(', ')}${exposed.length > 3 ? ', …' : ''})`,
    );
  notes.push(
    '--dangerously-bypass-approvals-and-sandbox or --sandbox danger-full-access on its command line still turns it off',
  );
  if (!found) return { on: 'default', notes };
  return { on: found.value !== OFF && found.value !== '', notes };
}

export const CODEX_SANDBOX: HostSandbox = {
  file: { project: '.codex/config.toml', user: '~/.codex/config.toml' },
  docs: 'https://developers.openai.com/codex/config-reference',
  // Codex takes no deny-write list: a nested repository made a writable root of its own gets a read-only .git.
  listedAs: 'nested repositories added to its writable roots (so their .git is read-only)',
  turnOn,
  takeBack,
  read,
};
