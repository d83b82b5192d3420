// Codex's own sandbox (Landlock and bubblewrap on Linux, Seatbelt on macOS)
// as `install --codex` leaves it on. Codex runs every command in a sandbox
// unless `sandbox_mode = "danger-full-access"` (or a flag) says otherwise:
// `read-only`, or `workspace-write` (writes to the working folder, temp and
// `writable_roots`, with `.git`, `.codex` and `.agents` of each root kept
// read-only). It takes no deny-write list: AgentGuard's paths stay read-only
// because none is a writable root, which `read` checks. So install changes
// one thing only: `danger-full-access` becomes `workspace-write`; an absent
// key keeps Codex's own default (a sandbox), never loosened from
// `read-only`. Sources: https://developers.openai.com/codex/config-reference
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

function turnOn(previous: string): SandboxEdit {
  const lines = previous.split('\n');
  const found = modeLine(lines);
  const added: SandboxAdded = { set: {}, listed: [] };
  if (found && found.value === '') return { ok: false, error: `cannot read the ${KEY} line` };
  if (!found || found.value !== OFF) return { ok: true, text: previous, added };
  lines[found.index] = `${KEY} = "${ON}"  # agentguard: was "${OFF}"; \`agentguard uninstall --codex\` puts it back`;
  added.set[KEY] = OFF;
  return { ok: true, text: lines.join('\n'), added };
}

function takeBack(previous: string, added: SandboxAdded): { ok: true; text: string } {
  if (!(KEY in added.set)) return { ok: true, text: previous };
  const lines = previous.split('\n');
  const found = modeLine(lines);
  // Changed since install: the user's now.
  if (!found || found.value !== ON) return { ok: true, text: previous };
  lines[found.index] = `${KEY} = ${JSON.stringify(added.set[KEY])}`;
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
  if (exposed.length) notes.push(`its writable_roots leave ${exposed.length} of AgentGuard's paths writable (${exposed.slice(0, 3).join(', ')}${exposed.length > 3 ? ', …' : ''})`);
  notes.push('--dangerously-bypass-approvals-and-sandbox or --sandbox danger-full-access on its command line still turns it off');
  if (!found) return { on: 'default', notes };
  return { on: found.value !== OFF && found.value !== '', notes };
}

export const CODEX_SANDBOX: HostSandbox = {
  file: { project: '.codex/config.toml', user: '~/.codex/config.toml' },
  docs: 'https://developers.openai.com/codex/config-reference',
  turnOn,
  takeBack,
  read,
};
