// Codex's own sandbox (Landlock and bubblewrap on Linux, Seatbelt on macOS)
// as `install --codex` leaves it on. Codex runs every command in a sandbox
// unless `sandbox_mode = "danger-full-access"` (or a flag) says otherwise.
// Its `sandbox_mode` takes no deny-write list, so install selects
// AgentGuard's permission profile instead (codexProfile.ts): `:workspace`
// with the list's paths read-only. Codex ignores a profile wherever a
// `sandbox_mode` is set, so the line goes (`danger-full-access` and
// `workspace-write` alike, kept as a comment for uninstall); the user's
// `writable_roots` and `network_access` are carried into the profile, and
// their `[sandbox_workspace_write]` stays as it was (Codex ignores it beside
// a profile). Never weaker: `read-only` is left alone (it refuses every
// write already), and so is a file that selects a profile of the user's, or
// the user's file without a `sandbox_mode` (Codex keeps an untrusted folder
// read-only there, which `:workspace` would loosen). An install before
// profiles made nested repositories writable roots: uninstall still takes
// those back. Sources: https://developers.openai.com/codex/config-reference,
// https://developers.openai.com/codex/permissions.
import type { HostSandbox, SandboxAdded, SandboxEdit, SandboxState } from './adapter';
import {
  ADDED,
  blockOf,
  heldBy,
  legacyTable,
  PROFILE,
  profileBlock,
  profileRules,
  SELECT_KEY,
  SELECT_LINE,
  topLine,
  WAS,
} from './codexProfile';

const KEY = 'sandbox_mode';
const OFF = 'danger-full-access';
const ON = 'workspace-write';

const modeLine = (lines: readonly string[]) => topLine(lines, KEY);
const READ_ONLY = 'read-only';

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

/** Whether install selects AgentGuard's profile here, and why not where it does not. */
function leftAlone(
  mode: { value: string } | undefined,
  chosen: { value: string } | undefined,
  scope: 'project' | 'user',
): boolean {
  if (chosen && chosen.value !== PROFILE) return true;
  if (mode?.value === READ_ONLY) return true;
  if (mode && mode.value !== OFF && mode.value !== ON) return true;
  return !mode && !chosen && scope === 'user';
}

function turnOn(
  previous: string,
  deny: readonly string[],
  place: { scope: 'project' | 'user'; workspace: string },
): SandboxEdit {
  const lines = previous.split('\n');
  const mode = modeLine(lines);
  const chosen = topLine(lines, SELECT_KEY);
  const added: SandboxAdded = { set: {}, listed: [] };
  const to: Record<string, unknown> = {};
  if (mode?.value === '') return { ok: false, error: `cannot read the ${KEY} line` };
  if (chosen?.value === '') return { ok: false, error: `cannot read the ${SELECT_KEY} line` };
  if (leftAlone(mode, chosen, place.scope)) return { ok: true, text: previous, added };
  if (mode) {
    // Codex ignores a profile beside it: the line goes, said after `was` for uninstall.
    lines[mode.index] = `${chosen ? WAS.trimStart() : `${SELECT_LINE}${WAS}`}${lines[mode.index]}`;
    added.set[KEY] = mode.value;
    to[KEY] = undefined;
    if (!chosen) {
      added.set[SELECT_KEY] = null;
      to[SELECT_KEY] = PROFILE;
    }
  } else if (!chosen) {
    lines.unshift(`${SELECT_LINE}${ADDED}`);
    added.set[SELECT_KEY] = null;
    to[SELECT_KEY] = PROFILE;
  }
  const rules = profileRules(deny, place.workspace, legacyTable(lines));
  const old = blockOf(lines);
  if (old) lines.splice(old.start, old.end - old.start);
  else {
    added.set[`permissions.${PROFILE}`] = null;
    to[`permissions.${PROFILE}`] =
      `:workspace, ${rules.relative.length + rules.absolute.filter(([, a]) => a === 'read').length} paths read-only`;
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const tail = old && old.start < lines.length ? lines.splice(old.start) : [];
  const body = [...lines, ...(lines.length ? [''] : []), ...profileBlock(rules)];
  const text = [...body, ...(tail.length ? ['', ...tail] : [])].join('\n') + '\n';
  return { ok: true, text, added, to };
}

/** The `sandbox_mode` line install replaced, read back from its comment (only a value install ever replaces). */
function wasLine(line: string): string | undefined {
  const at = line.indexOf(WAS.trimStart());
  if (at < 0) return undefined;
  const was = line.slice(at + WAS.trimStart().length);
  const value = modeLine([was])?.value;
  return value === OFF || value === ON ? was : undefined;
}

/**
 * Takes back the profile install selected and wrote, and puts back the
 * `sandbox_mode` line it replaced — the one the user wrote last (a line
 * re-added after install and replaced by a second install), and none where
 * the user has set one again since.
 */
function takeBackProfile(lines: string[], added: SandboxAdded): void {
  if (!(`permissions.${PROFILE}` in added.set) && !(SELECT_KEY in added.set)) return;
  const again = modeLine(lines) !== undefined;
  const ours: { index: number; was?: string; comment: boolean }[] = [];
  for (let i = 0; i < lines.length && !/^\s*\[/.test(lines[i]); i++) {
    const was = wasLine(lines[i]);
    const line = lines[i].trim();
    const select = topLine([line], SELECT_KEY)?.value === PROFILE;
    if (was !== undefined && (line.startsWith('#') || select)) ours.push({ index: i, was, comment: !select });
    else if (lines[i] === `${SELECT_LINE}${ADDED}`) ours.push({ index: i, comment: false });
  }
  const restored = again ? undefined : ([...ours].reverse().find((o) => o.comment) ?? ours.find((o) => o.was));
  for (const o of [...ours].reverse()) {
    if (o === restored && o.was !== undefined) lines[o.index] = o.was;
    else lines.splice(o.index, 1);
  }
  const block = blockOf(lines);
  if (!block || !(`permissions.${PROFILE}` in added.set)) return;
  const atEnd = lines.slice(block.end).every((l) => !l.trim());
  lines.splice(block.start, block.end - block.start);
  if (atEnd) {
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    lines.push('');
  }
}

function takeBack(previous: string, added: SandboxAdded): { ok: true; text: string } {
  const lines = previous.split('\n');
  takeBackProfile(lines, added);
  const found = modeLine(lines);
  // Before profiles install set workspace-write itself; changed since install, it is the user's now.
  if (KEY in added.set && !(`permissions.${PROFILE}` in added.set) && found?.value === ON)
    lines[found.index] = `${KEY} = ${JSON.stringify(added.set[KEY])}`;
  // Roots an install before profiles added (nested repositories): the user's own stay.
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

const BYPASS =
  '--dangerously-bypass-approvals-and-sandbox or --sandbox on its command line still overrides it (a --sandbox mode also makes Codex ignore a permission profile)';

function read(text: string | undefined, deny: readonly string[], place?: { workspace: string }): SandboxState {
  const lines = text === undefined ? [] : text.split('\n');
  const found = modeLine(lines);
  const chosen = topLine(lines, SELECT_KEY);
  const block = blockOf(lines);
  const profile = block ? 'present' : 'absent';
  if (chosen?.value === PROFILE && block) {
    if (found)
      return {
        on: found.value !== OFF && found.value !== '',
        said: true,
        notes: [`AgentGuard's permission profile ${profile}, but ${IGNORED(found.value)}`, BYPASS],
        voids: IGNORED(found.value),
      };
    return {
      on: true,
      said: true,
      listed: heldBy(lines, deny, place?.workspace),
      notes: [
        `AgentGuard's permission profile present and selected (${SELECT_LINE}); a sandbox_mode in any file Codex loads would make Codex ignore it`,
        BYPASS,
      ],
    };
  }
  const notes: string[] = [
    chosen
      ? `${SELECT_KEY} = ${JSON.stringify(chosen.value)}: a permission profile of the user's, not AgentGuard's (${profile})`
      : `AgentGuard's permission profile ${profile}${block ? ` but not selected (no ${SELECT_LINE})` : ''}: Codex's sandbox_mode takes no deny-write list (AgentGuard's paths outside its writable roots are read-only, those in the working folder are not)`,
  ];
  const roots = text === undefined ? [] : writableRoots(text);
  const exposed = deny.filter((p) => roots.some((r) => within(p, r)));
  if (exposed.length && !chosen)
    notes.push(
      `its writable_roots leave ${exposed.length} of AgentGuard's paths writable (${exposed.slice(0, 3).join(', ')}${exposed.length > 3 ? ', …' : ''})`,
    );
  notes.push(BYPASS);
  if (!found)
    return {
      on: chosen ? chosen.value !== ':danger-full-access' : 'default',
      ...(chosen ? { said: true } : {}),
      notes,
    };
  return { on: found.value !== OFF && found.value !== '', said: true, notes, voids: IGNORED(found.value) };
}

const IGNORED = (mode: string): string =>
  `sandbox_mode = ${JSON.stringify(mode)} there makes Codex ignore every permission profile (\`agentguard install --codex\` replaces it)`;

export const CODEX_SANDBOX: HostSandbox = {
  file: { project: '.codex/config.toml', user: '~/.codex/config.toml' },
  docs: 'https://developers.openai.com/codex/config-reference',
  // The paths its profile keeps read-only are said with the profile (`permissions.agentguard`).
  listedAs: 'nested repositories added to its writable roots (so their .git is read-only)',
  turnOn,
  takeBack,
  read,
};
