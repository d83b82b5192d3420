// Wiring each agent host's hook file to the launcher: install merges
// AgentGuard's entry into what is there (keeping a backup of the previous
// file, refusing files it cannot parse), uninstall removes only its own
// entries, and repair rewrites entries that still run something else than
// the launcher (a pinned node and a versioned extension folder, as written
// before the launcher existed, or a path that no longer exists). Shared by
// `agentguard install|uninstall|doctor`, the extension's activation and its
// uninstall clean-up.
import * as fs from 'node:fs';
import { replaceFile } from '../state/replaceFile';
import { addHook, findHooks, hookFile, removeHook, type Scope } from '../hosts/hostConfig';
import { delegateFile, generatedFile, installedCommand, managedCommand } from '../hosts/hostFiles';
import { hostAdapter } from '../hosts';
import { HOSTS, type HostId } from '../hosts/types';

export const BACKUP_SUFFIX = '.agentguard-backup';

export interface WiringOptions {
  hosts: readonly HostId[];
  scope: Scope;
  workspace: string;
  home: string;
  /** The launcher every hook runs (core/launcher). */
  launcher: string;
  platform?: NodeJS.Platform;
  /** Say what would change, change nothing (`install --dry-run`). */
  dryRun?: boolean;
}

export interface FileOutcome {
  host: HostId;
  file: string;
  status: 'installed' | 'updated' | 'unchanged' | 'removed' | 'absent' | 'refused';
  backup?: string;
  error?: string;
}

export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes through a temp file and a rename, so a crash never leaves half a hook file. */
export function writeAtomically(file: string, text: string, mode: number | undefined): void {
  replaceFile(file, text, mode, { folderMode: 0o777 });
}

export function backup(file: string, previous: string): string {
  const to = file + BACKUP_SUFFIX;
  // Never through a link planted at the backup's name: that would write the settings into the file it names.
  replaceFile(to, previous, fs.statSync(file).mode & 0o777);
  return to;
}

const REFUSED = (file: string, why: string) => `cannot read ${file} (${why}); fix or move it, nothing was changed`;

/** Writes one file AgentGuard owns whole (a hook script, a plugin); a file that is not AgentGuard's is never overwritten. */
function installGenerated(host: HostId, file: string, text: string, executable: boolean, dryRun = false): FileOutcome {
  const previous = readIfExists(file);
  if (previous === text) return { host, file, status: 'unchanged' };
  if (previous !== undefined && managedCommand(previous) === undefined) {
    return {
      host,
      file,
      status: 'refused',
      error: `${file} exists and is not AgentGuard's; move it (or merge it by hand), nothing was changed`,
    };
  }
  if (dryRun) return { host, file, status: previous === undefined ? 'installed' : 'updated' };
  const saved = previous !== undefined ? backup(file, previous) : undefined;
  writeAtomically(file, text, executable ? 0o755 : 0o644);
  return { host, file, status: previous === undefined ? 'installed' : 'updated', ...(saved ? { backup: saved } : {}) };
}

function uninstallGenerated(host: HostId, file: string): FileOutcome {
  const previous = readIfExists(file);
  if (previous === undefined || managedCommand(previous) === undefined) return { host, file, status: 'absent' };
  fs.unlinkSync(file);
  return { host, file, status: 'removed' };
}

/** `fresh`: every AgentGuard entry already in the file is dropped first (a repair leaves exactly one, the launcher's). */
function installOne(host: HostId, o: WiringOptions, fresh = false): FileOutcome {
  const file = hookFile(host, o.scope, o.workspace, o.home);
  const platform = o.platform ?? process.platform;
  const wiring = hostAdapter(host).wiring;
  if (wiring.kind === 'file')
    return installGenerated(
      host,
      file,
      generatedFile(host, o.launcher, undefined, platform),
      wiring.executable,
      o.dryRun,
    );
  let command = installedCommand(host, o.launcher, platform);
  let script: FileOutcome | undefined;
  const delegate = delegateFile(host, o.scope, o.workspace, o.home);
  if (delegate !== undefined) {
    // Amp delegates to a program, not a command line: AgentGuard's is a small script next to the settings.
    script = installGenerated(host, delegate, generatedFile(host, o.launcher, undefined, platform), true, o.dryRun);
    if (script.status === 'refused') return script;
    command = delegate;
  }
  const previous = readIfExists(file);
  const cleared = fresh && previous !== undefined ? removeHook(previous) : undefined;
  if (cleared && !cleared.ok) return { host, file, status: 'refused', error: REFUSED(file, cleared.error) };
  const edited = addHook(cleared?.ok ? cleared.text : (previous ?? ''), host, command);
  if (!edited.ok) return { host, file, status: 'refused', error: REFUSED(file, edited.error) };
  // Amp's rule may stand while its program changed: that is the change to report.
  if (edited.text === previous)
    return script && script.status !== 'unchanged' ? script : { host, file, status: 'unchanged' };
  if (o.dryRun) return { host, file, status: previous === undefined ? 'installed' : 'updated' };
  const saved = previous !== undefined ? backup(file, previous) : undefined;
  writeAtomically(file, edited.text, previous !== undefined ? fs.statSync(file).mode & 0o777 : undefined);
  return { host, file, status: previous === undefined ? 'installed' : 'updated', ...(saved ? { backup: saved } : {}) };
}

function uninstallOne(host: HostId, o: WiringOptions): FileOutcome {
  const file = hookFile(host, o.scope, o.workspace, o.home);
  if (hostAdapter(host).wiring.kind === 'file') return uninstallGenerated(host, file);
  const previous = readIfExists(file);
  let outcome: FileOutcome;
  if (previous === undefined) outcome = { host, file, status: 'absent' };
  else {
    const edited = removeHook(previous);
    if (!edited.ok) return { host, file, status: 'refused', error: REFUSED(file, edited.error) };
    if (!edited.changed) outcome = { host, file, status: 'absent' };
    else if (edited.empty) {
      // A file that held nothing but AgentGuard's hook goes away whole; nothing in it is worth a backup.
      fs.unlinkSync(file);
      outcome = { host, file, status: 'removed' };
    } else {
      const saved = backup(file, previous);
      writeAtomically(file, edited.text, fs.statSync(file).mode & 0o777);
      outcome = { host, file, status: 'removed', backup: saved };
    }
  }
  // Amp's delegate program goes only once no settings file points at it.
  const delegate = delegateFile(host, o.scope, o.workspace, o.home);
  if (delegate !== undefined && outcome.status !== 'refused') uninstallGenerated(host, delegate);
  return outcome;
}

function each(o: WiringOptions, one: (host: HostId, o: WiringOptions) => FileOutcome): FileOutcome[] {
  return o.hosts.map((host): FileOutcome => {
    try {
      return one(host, o);
    } catch (err) {
      return {
        host,
        file: hookFile(host, o.scope, o.workspace, o.home),
        status: 'refused',
        error: (err as Error).message,
      };
    }
  });
}

export function installHooks(o: WiringOptions): FileOutcome[] {
  return each(o, installOne);
}

export function uninstallHooks(o: WiringOptions): FileOutcome[] {
  return each(o, uninstallOne);
}

/** An AgentGuard hook entry that does not run the launcher: written before it existed, or by hand. */
export interface StaleHook {
  host: HostId;
  scope: Scope;
  /** The file that holds the command (Amp: its delegate program). */
  file: string;
  command: string;
}

/** The hook file's text, if it is a regular file of sane size (a hook file is never large). */
function readHookText(file: string): string | undefined {
  try {
    const st = fs.lstatSync(file);
    return st.isFile() && st.size <= 1024 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The commands of AgentGuard's entries in one host's hook files for a scope, with the file each sits in. */
export function wiredCommands(
  host: HostId,
  scope: Scope,
  workspace: string,
  home: string,
): { file: string; command: string }[] {
  const file = hookFile(host, scope, workspace, home);
  const text = readHookText(file);
  if (text === undefined) return [];
  const kind = hostAdapter(host).wiring.kind;
  if (kind === 'file') {
    const command = managedCommand(text);
    return command ? [{ file, command }] : [];
  }
  const found = findHooks(text, host);
  if (!found.ok) return [];
  if (kind !== 'delegate') return found.hooks.map((h) => ({ file, command: h.command }));
  // Amp's rule names the delegate program (a fixed path); the command is inside it.
  return found.hooks.flatMap((h) => {
    const script = readHookText(h.command);
    const command = script === undefined ? undefined : managedCommand(script);
    return command ? [{ file: h.command, command }] : [{ file: h.command, command: `${h.command} (missing)` }];
  });
}

/** AgentGuard's entries, in every host's files of a scope, that do not run exactly `launcher`. */
export function staleHooks(
  scope: Scope,
  workspace: string,
  home: string,
  launcher: string,
  platform: NodeJS.Platform = process.platform,
): StaleHook[] {
  const out: StaleHook[] = [];
  for (const host of HOSTS) {
    // A launcher path the host's Windows shell cannot carry has no right form: every entry is stale, and repair says why.
    let expected: string | undefined;
    try {
      expected = installedCommand(host, launcher, platform);
    } catch {
      expected = undefined;
    }
    for (const w of wiredCommands(host, scope, workspace, home))
      if (w.command !== expected) out.push({ host, scope, ...w });
  }
  return out;
}

/** Rewrites every stale entry of a scope to run the launcher; entries that already do are left alone. */
export function repairHooks(
  scope: Scope,
  workspace: string,
  home: string,
  launcher: string,
  platform: NodeJS.Platform = process.platform,
): { stale: StaleHook[]; outcomes: FileOutcome[] } {
  const stale = staleHooks(scope, workspace, home, launcher, platform);
  const hosts = [...new Set(stale.map((s) => s.host))];
  return {
    stale,
    outcomes: each({ hosts, scope, workspace, home, launcher, platform }, (host, o) => installOne(host, o, true)),
  };
}
