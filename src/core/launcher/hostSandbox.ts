// The hosts' own sandboxes, as `agentguard install` turns them on: each
// host whose adapter has a `sandbox` runs every shell call confined, with
// AgentGuard's deny-write list where it takes one. The list is what an agent
// must never write even when AgentGuard's judgment lets a command through:
// AgentGuard's state, its launcher, the runtime it recorded, every editor's
// extensions, every host's hook and settings files, shell start-up files,
// git's global config, every `.git/config` and `.git/hooks` in the workspace
// (nested repositories too), and the home's PATH folders. What install
// changed is recorded beside the launcher, so uninstall takes back exactly
// that and nothing of the user's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { HOST_ADAPTERS, hostAdapter } from '../hosts';
import type { HostSandbox, SandboxAdded, SandboxState } from '../hosts/adapter';
import { hookFile, type Scope } from '../hosts/hostFiles';
import { readFileText } from '../hosts/settingsText';
import type { HostId } from '../hosts/types';
import { LAUNCHER_HOME_DIR } from './index';
import { denyWriteList } from './denyList';
export { gitPlaces, denyWriteList } from './denyList';

/** The record of what install changed in each host's sandbox settings file. */
export function sandboxRecordFile(home: string): string {
  return path.join(home, LAUNCHER_HOME_DIR, 'host-sandbox.json');
}

type Record_ = Record<string, { host: HostId; added: SandboxAdded }>;

function readRecord(home: string): Record_ {
  try {
    const v = JSON.parse(fs.readFileSync(sandboxRecordFile(home), 'utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record_) : {};
  } catch {
    return {};
  }
}

function writeRecord(home: string, record: Record_): void {
  const file = sandboxRecordFile(home);
  replaceFile(file, JSON.stringify(record, null, 2) + '\n', 0o600, { folderMode: 0o777 });
}

/** The host's sandbox settings file for a scope. */
export function sandboxFile(host: HostId, scope: Scope, workspace: string, home: string): string | undefined {
  const s = hostAdapter(host).sandbox;
  if (!s) return undefined;
  const rel = scope === 'user' ? s.file.user : s.file.project;
  return rel.startsWith('~/') ? path.join(home, rel.slice(2)) : path.join(scope === 'user' ? home : workspace, rel);
}

export interface SandboxOutcome {
  host: HostId;
  /** Undefined: the host has no sandbox install can turn on. */
  file?: string;
  status:
    | 'turned on'
    | 'already on'
    | 'taken back'
    | 'nothing to take back'
    | 'no sandbox'
    | 'refused'
    | 'would change'
    | 'would stay';
  /** What changed (or would), said plainly. */
  detail: string;
  error?: string;
}

function writeText(file: string, text: string): void {
  const mode = fs.existsSync(file) ? fs.statSync(file).mode & 0o777 : 0o644;
  replaceFile(file, text, mode, { folderMode: 0o777 });
}

const before = (v: unknown): string => (v === null ? 'unset' : JSON.stringify(v));

function describe(
  added: SandboxAdded,
  to: Record<string, unknown> = {},
  listedAs = 'paths added to its deny-write list',
): string {
  const parts = Object.keys(added.set).map(
    (k) =>
      `${k} ${!(k in to) ? 'set' : to[k] === undefined ? 'removed' : `set to ${JSON.stringify(to[k])}`} (was ${before(added.set[k])})`,
  );
  if (added.listed.length) parts.push(`${added.listed.length} ${listedAs}`);
  return parts.join('; ');
}

function describeBack(added: SandboxAdded): string {
  const parts = Object.keys(added.set).map((k) => `${k} ${before(added.set[k])} again`);
  if (added.listed.length) parts.push(`AgentGuard's ${added.listed.length} paths off its deny-write list`);
  return parts.join('; ');
}

export interface SandboxWiringOptions {
  hosts: readonly HostId[];
  scope: Scope;
  workspace: string;
  home: string;
  deny: readonly string[];
  /** Only say what would change. */
  dryRun?: boolean;
  platform?: NodeJS.Platform;
}

/** Why a host's sandbox is not there on `platform`, where the host has none there. */
function absentHere(s: HostSandbox, platform: NodeJS.Platform): string | undefined {
  return s.platforms && !s.platforms.on.includes(platform) ? s.platforms.elsewhere : undefined;
}

/** Turns each host's sandbox on with the list; the record keeps what was added (merged with an earlier install's). */
export function turnOnHostSandboxes(o: SandboxWiringOptions): SandboxOutcome[] {
  const record = readRecord(o.home);
  const outcomes = o.hosts.map((host): SandboxOutcome => {
    const s = hostAdapter(host).sandbox;
    const file = sandboxFile(host, o.scope, o.workspace, o.home);
    if (!s || !file) return { host, status: 'no sandbox', detail: 'AgentGuard cannot turn on a sandbox of this host' };
    const absent = absentHere(s, o.platform ?? process.platform);
    if (absent) return { host, status: 'no sandbox', detail: `${absent}; nothing was changed` };
    try {
      const previous = readFileText(file);
      const edit = s.turnOn(previous ?? '', o.deny, { scope: o.scope, workspace: o.workspace });
      if (!edit.ok)
        return {
          host,
          file,
          status: 'refused',
          detail: 'nothing was changed',
          error: `cannot read ${file} (${edit.error}); fix or move it`,
        };
      const changed = edit.text !== (previous ?? '');
      if (!changed) return { host, file, status: o.dryRun ? 'would stay' : 'already on', detail: 'nothing to change' };
      if (o.dryRun) return { host, file, status: 'would change', detail: describe(edit.added, edit.to, s.listedAs) };
      writeText(file, edit.text);
      const before = record[file]?.added ?? { set: {}, listed: [] };
      record[file] = {
        host,
        added: {
          set: { ...edit.added.set, ...before.set },
          listed: [...new Set([...before.listed, ...edit.added.listed])],
        },
      };
      return { host, file, status: 'turned on', detail: describe(edit.added, edit.to, s.listedAs) };
    } catch (err) {
      return { host, file, status: 'refused', detail: 'nothing was changed', error: (err as Error).message };
    }
  });
  if (!o.dryRun) writeRecord(o.home, record);
  return outcomes;
}

/** Takes back exactly what install recorded for each host's file of the scope. */
export function takeBackHostSandboxes(o: Omit<SandboxWiringOptions, 'deny'>): SandboxOutcome[] {
  const record = readRecord(o.home);
  const outcomes = o.hosts.map((host): SandboxOutcome => {
    const s = hostAdapter(host).sandbox;
    const file = sandboxFile(host, o.scope, o.workspace, o.home);
    if (!s || !file) return { host, status: 'no sandbox', detail: '' };
    const entry = record[file];
    if (!entry) return { host, file, status: 'nothing to take back', detail: 'install changed nothing here' };
    try {
      const previous = readFileText(file);
      if (previous !== undefined) {
        const edit = s.takeBack(previous, entry.added);
        if (!edit.ok)
          return {
            host,
            file,
            status: 'refused',
            detail: 'nothing was changed',
            error: `cannot read ${file} (${edit.error})`,
          };
        if (o.dryRun) return { host, file, status: 'would change', detail: describeBack(entry.added) };
        if (/^\s*(\{\s*\})?\s*$/.test(edit.text)) fs.unlinkSync(file);
        else if (edit.text !== previous) writeText(file, edit.text);
      }
      if (!o.dryRun) delete record[file];
      return { host, file, status: 'taken back', detail: describeBack(entry.added) };
    } catch (err) {
      return { host, file, status: 'refused', detail: 'nothing was changed', error: (err as Error).message };
    }
  });
  if (!o.dryRun) writeRecord(o.home, record);
  return outcomes;
}

export interface HostSandboxReport {
  host: HostId;
  file: string;
  state: SandboxState;
  /** AgentGuard's list: how many paths, and how many of them the host's list lacks (where it takes one). */
  missing?: number;
  total: number;
}

/** What a host's settings of a scope say about its sandbox, against AgentGuard's list. */
export function hostSandboxReport(
  host: HostId,
  scope: Scope,
  workspace: string,
  home: string,
  deny: readonly string[],
): HostSandboxReport | undefined {
  const source = sandboxSource(host, scope, workspace, home);
  return source && reportOf(host, source, workspace, deny);
}

/** A host's sandbox settings file of one scope, read once, and its reader. */
interface SandboxSource {
  file: string;
  text: string | undefined;
  read: HostSandbox['read'];
}

function sandboxSource(host: HostId, scope: Scope, workspace: string, home: string): SandboxSource | undefined {
  const s = hostAdapter(host).sandbox;
  const file = sandboxFile(host, scope, workspace, home);
  if (!s || !file) return undefined;
  let text: string | undefined;
  try {
    text = readFileText(file);
  } catch {
    text = undefined;
  }
  return { file, text, read: (t, d, place) => s.read(t, d, place) };
}

function reportOf(
  host: HostId,
  { file, text, read }: SandboxSource,
  workspace: string,
  deny: readonly string[],
): HostSandboxReport {
  const state = read(text, deny, { workspace });
  return {
    host,
    file,
    state,
    total: deny.length,
    ...(state.listed ? { missing: deny.length - state.listed.length } : {}),
  };
}

/**
 * Per host, in one word: `on+list` (its sandbox is on and holds every path
 * of AgentGuard's list), `on` (on, without AgentGuard's list: the host takes
 * none, or it lacks some), `off`, `none` (no sandbox AgentGuard can turn on).
 */
export type HostSandboxStatus = 'on+list' | 'on' | 'off' | 'none';

export interface HostSandboxSummary {
  host: HostId;
  status: HostSandboxStatus;
  /** The same, said for a person. */
  says: string;
  /** The host's own setting turns its hooks off: AgentGuard is never called (the status is then its sandbox's). */
  unjudged?: true;
}

/**
 * What a host's sandbox is where a call of it runs: the workspace's file
 * where it sets the switch, else the user's, else the host's default; the
 * deny-write lists of both files together. One reading for the audit
 * record, the editor's tooltip and doctor.
 */
export function hostSandboxStatus(
  host: HostId,
  workspace: string,
  home: string,
  denyList: readonly string[] | (() => readonly string[]),
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): HostSandboxSummary {
  const adapter = hostAdapter(host);
  const hooksOff = adapter.hooksOffBy?.(home, env, workspace);
  if (hooksOff) return { host, status: 'on', says: `${adapter.label}: ${hooksOff}`, unjudged: true };
  if (!adapter.sandbox)
    return { host, status: 'none', says: `${adapter.label}: no sandbox AgentGuard can turn on; ${UNCONFINED}` };
  const absent = absentHere(adapter.sandbox, platform);
  if (absent) return { host, status: 'none', says: `${adapter.label}: ${absent}; ${UNCONFINED}` };
  const sources = (['project', 'user'] as Scope[])
    .map((scope) => sandboxSource(host, scope, workspace, home))
    .filter((r): r is SandboxSource => r !== undefined);
  // AgentGuard's list decides only which of its paths a host's list holds (`listed`), never whether the sandbox is
  // on, whether the host takes a list or ignores it: a list given as a function (a hook call's record) is built
  // only when that count is what the status says.
  let deny = typeof denyList === 'function' ? [] : denyList;
  let reports = sources.map((s) => reportOf(host, s, workspace, deny));
  const deciding = reports.find((r) => r.state.said) ?? reports[0];
  const on = adapter.sandbox.runsOn
    ? adapter.sandbox.runsOn(workspace, home)
    : deciding !== undefined && deciding.state.on !== false;
  if (!on) return { host, status: 'off', says: `${adapter.label}: sandbox off; ${UNCONFINED}` };
  const listsOf = (rs: HostSandboxReport[]) =>
    rs.map((r) => r.state.listed).filter((l): l is string[] => l !== undefined);
  const voids = reports.find((r) => r.state.voids)?.state.voids;
  if (listsOf(reports).length && !voids && typeof denyList === 'function') {
    deny = denyList();
    reports = sources.map((s) => reportOf(host, s, workspace, deny));
  }
  const lists = listsOf(reports);
  if (lists.length && voids)
    return {
      host,
      status: 'on',
      says: `${adapter.label}: sandbox on, but AgentGuard's deny-write list is ignored: ${voids}`,
    };
  if (!lists.length)
    return {
      host,
      status: 'on',
      says: `${adapter.label}: sandbox on; it takes no deny-write list (its own read-only rule keeps what lies outside the working folder)`,
    };
  const held = new Set(lists.flat());
  const lacking = deny.filter((p) => !held.has(p)).length;
  return lacking === 0
    ? { host, status: 'on+list', says: `${adapter.label}: sandbox on with AgentGuard's deny-write list` }
    : {
        host,
        status: 'on',
        says: `${adapter.label}: sandbox on, but its deny-write list lacks ${lacking} of AgentGuard's ${deny.length} paths (\`agentguard install --${host}\` adds them)`,
      };
}

/** What routine calls of a host without its sandbox on run as. */
export const UNCONFINED = "routine calls run unconfined unless answerHarmless hands them to AgentGuard's own sandbox";

/** The hosts whose hook files are wired here (the workspace's or the user's). */
export function wiredHosts(workspace: string, home: string): HostId[] {
  return HOST_ADAPTERS.filter((a) =>
    (['project', 'user'] as Scope[]).some((scope) => {
      try {
        return fs.existsSync(hookFile(a.id, scope, workspace, home));
      } catch {
        return false;
      }
    }),
  ).map((a) => a.id);
}

/** Each wired host's status, against the list without the walk for nested repositories (cheap enough for the editor). */
export function wiredHostSandboxes(
  workspace: string,
  home: string,
  env: Readonly<Record<string, string | undefined>>,
  stateDir: string,
): HostSandboxSummary[] {
  const deny = denyWriteList({ home, workspace, stateDir, env, nested: false });
  return wiredHosts(workspace, home).map((host) => hostSandboxStatus(host, workspace, home, deny, env));
}

/** The editor's words for the hosts' sandboxes: one line per wired host, the unconfined ones said plainly. */
export function hostSandboxTooltip(summaries: readonly HostSandboxSummary[]): string {
  if (!summaries.length) return '';
  const label = (s: HostSandboxSummary): string => hostAdapter(s.host).label;
  const unjudged = summaries.filter((s) => s.unjudged);
  const unconfined = summaries.filter((s) => s.status === 'off' || s.status === 'none');
  const lines = summaries.map(
    (s) => `${s.unjudged ? '✗' : s.status === 'on+list' ? '✓' : s.status === 'on' ? '~' : '✗'} ${s.says}`,
  );
  const heads = [
    ...(unjudged.length ? [`AgentGuard is never called by ${unjudged.map(label).join(', ')}.`] : []),
    ...(unconfined.length ? [`Routine agent calls run unconfined for ${unconfined.map(label).join(', ')}.`] : []),
  ];
  const head = heads.length ? heads.join(' ') : 'Every wired host runs routine calls in its own sandbox.';
  return [`Host sandboxes: ${head}`, ...lines].join('\n');
}
