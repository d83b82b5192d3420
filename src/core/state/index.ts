// Room `state/`: AgentGuard's state folder and everything kept in it that
// the hook and the editor share: its location and the kill switch (here),
// the hash-chained audit log (audit.ts), the one way its append-only logs
// are opened (ownLog.ts), and the non-blocking read every
// file in the hook's path goes through (regularFile.ts); which home is for
// what (homes.ts).
//
// Where AgentGuard keeps state that must outlive a window and be shared
// between the editor and the hook process: outside every workspace, so an
// agent editing the project cannot reach it by accident, and protected by
// the built-in policy so it cannot reach it on purpose. It belongs to the
// account, not to the environment a process was handed: the home it hangs
// from is the account's passwd entry or, on Windows, its token's profile
// (accountHome), so a HOME or USERPROFILE pointed at
// another folder finds the same kill switch, rate limit and audit log.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { replaceFile } from './replaceFile';
import { acquireLock } from './lockFile';
import { readRegularFile } from './regularFile';

/** A kill switch file is a few hundred bytes; anything larger was not written by AgentGuard. */
const MAX_KILL_SWITCH_BYTES = 64 * 1024;

let account: string | undefined;
/** The state folder this hook process's front door confirmed for its one call (pinStateChoice). */
let pinned: { home: string; dir: string } | undefined;

/**
 * What the hook's front door (cli/launcher.ts) read before the full CLI
 * loaded in the same process: the account's home and the state folder it
 * confirmed (writableStateDir). A hook process serves one call, so the rest
 * of that call uses this reading instead of reading the passwd entry and the
 * relocation record again, and no part of the call can see another folder.
 * Only the hook's own process pins; the editor's judge never does.
 */
export function pinStateChoice(home: string, dir: string): void {
  account ??= home;
  if (account === home) pinned = { home, dir };
}

/**
 * The account's home, from the account itself, never from HOME or
 * USERPROFILE: whoever starts a hook can hand it any of those (a host's
 * `env` setting, a `.env` it loads), and a home of its own would be a fresh
 * state folder with no kill switch, no rate limit and an empty log. On POSIX
 * os.userInfo reads the passwd entry; on Windows it reads the profile folder
 * of the process's token (GetUserProfileDirectoryW), which USERPROFILE does
 * not move (os.homedir would follow it). Only where the account has no entry
 * or no profile (a container started with an arbitrary uid) is the
 * environment's home all there is.
 */
export function accountHome(): string {
  account ??= accountHomeOf();
  return account;
}

/** accountHome's reading, with its sources passed in (tests read the Windows branch on any platform). */
export function accountHomeOf(
  info: () => { homedir: string } = os.userInfo,
  platform: NodeJS.Platform = process.platform,
  environmentHome: () => string = os.homedir,
): string {
  let home: string | undefined;
  try {
    home = info().homedir;
  } catch {
    home = undefined;
  }
  const p = platform === 'win32' ? path.win32 : path.posix;
  return home && p.isAbsolute(home) ? home : environmentHome();
}

/** The state folder: `AGENTGUARD_STATE_DIR`, else `%LOCALAPPDATA%\AgentGuard` on Windows, else `$XDG_STATE_HOME/agentguard`, else the account's `~/.local/state/agentguard`. */
export function stateDir(
  env: NodeJS.ProcessEnv = process.env,
  home = accountHome(),
  platform: NodeJS.Platform = process.platform,
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (env.AGENTGUARD_STATE_DIR) return p.resolve(env.AGENTGUARD_STATE_DIR);
  if (platform === 'win32') {
    const local =
      env.LOCALAPPDATA && p.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : p.join(home, 'AppData', 'Local');
    return p.join(local, 'AgentGuard');
  }
  const base =
    env.XDG_STATE_HOME && p.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : p.join(home, '.local', 'state');
  return p.join(base, 'agentguard');
}

/**
 * The state folder a HOME has when nothing relocates it: on Windows the
 * profile's own `AppData\Local\AgentGuard` (a LOCALAPPDATA pointed elsewhere
 * is a relocation like any other), elsewhere `~/.local/state/agentguard`.
 */
export function defaultStateDir(home: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32'
    ? path.win32.join(home, 'AppData', 'Local', 'AgentGuard')
    : path.posix.join(home, '.local', 'state', 'agentguard');
}

/** In the default state folder: the other folders a human's editor keeps the state in (written by the editor only). */
export function relocationFile(home: string, platform: NodeJS.Platform = process.platform): string {
  return (platform === 'win32' ? path.win32 : path.posix).join(defaultStateDir(home, platform), 'relocated.json');
}

export interface StateDirChoice {
  dir: string;
  /** A relocation the environment asked for and nothing confirmed: ignored, the default folder is used. */
  ignored?: string;
  /** Why the default folder an ignored relocation falls back to could not be created (writableStateDir): nothing may run. */
  unusable?: string;
}

/** Folders a human's editor confirmed as its state folder (bounded read; none when unreadable). */
export function confirmedRelocations(home: string): string[] {
  const read = readRegularFile(relocationFile(home), 64 * 1024);
  if (!read.ok) return [];
  try {
    const v = JSON.parse(read.text) as { stateDirs?: unknown };
    return Array.isArray(v.stateDirs)
      ? v.stateDirs.filter((d): d is string => typeof d === 'string' && path.isAbsolute(d)).map((d) => path.resolve(d))
      : [];
  } catch {
    return [];
  }
}

/** Creates the default state folder (0700) if missing; the reason when it cannot be (undefined: it is there). */
function makeDefault(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return undefined;
  } catch (err) {
    try {
      if (fs.statSync(dir).isDirectory()) return undefined;
    } catch {
      // Not there: the mkdir's reason stands.
    }
    return (err as Error).message;
  }
}

/**
 * The state folder a process with this environment uses (`home`: the
 * account's, accountHome), read only: nothing is created. Its environment can
 * be shaped by an agent (a `.env` a host loads, a host's `env` setting), so a
 * relocation through AGENTGUARD_STATE_DIR or XDG_STATE_HOME is honoured only
 * when a human confirmed it: the editor or `agentguard install`, started by
 * the human, records the folder it uses in the default state folder, which no
 * agent may write. Otherwise the default folder is used (its kill switch,
 * audit log, snapshots and confirmed policies), and the relocation is
 * `ignored`. A reader (doctor, a judge comparing folders, the gate reading
 * its settings) leaves no folder behind; a writer takes writableStateDir.
 */
export function confirmedStateDir(env: Readonly<Record<string, string | undefined>>, home: string): StateDirChoice {
  const requested = stateDir(env as NodeJS.ProcessEnv, home);
  const fallback = defaultStateDir(home);
  if (pinned && pinned.home === home && pinned.dir === requested) return { dir: requested };
  if (requested === fallback || confirmedRelocations(home).includes(requested)) return { dir: requested };
  return { dir: fallback, ignored: requested };
}

/**
 * confirmedStateDir for a process that writes state (the hook: its audit
 * record, its rate limit): where an ignored relocation falls back to the
 * default folder, that folder is created (0700) where missing. A missing
 * default folder (a fresh install, an account that always relocates) is no
 * reason to take a folder the workspace ships; where it cannot be created,
 * the choice is `unusable` and nothing may run.
 */
export function writableStateDir(env: Readonly<Record<string, string | undefined>>, home: string): StateDirChoice {
  const choice = confirmedStateDir(env, home);
  if (choice.ignored === undefined) return choice;
  const failed = makeDefault(choice.dir);
  return failed === undefined ? choice : { ...choice, unusable: failed };
}

/**
 * What a process says of a relocation it did not honour, in one wording for
 * the hook's launcher, doctor and every command that reads state: undefined
 * when the folder the environment names is the one used.
 */
export function ignoredRelocationNote(choice: StateDirChoice): string | undefined {
  if (choice.ignored === undefined) return undefined;
  if (choice.unusable !== undefined)
    return `the state folder ${choice.ignored} set in the environment was not confirmed (start your editor or run \`agentguard install\` with it set), and ${choice.dir} cannot be created (${choice.unusable})`;
  return `ignoring the state folder ${choice.ignored} set in the environment (neither your editor nor \`agentguard install\` confirmed it); using ${choice.dir}`;
}

/** How many confirmed folders the record keeps: the most recently confirmed. */
const MAX_RELOCATIONS = 16;

/**
 * The editor (or `agentguard install`) records the state folder it uses, so
 * hooks started with the same relocation honour it. A folder confirmed again
 * moves to the end, so the folders still in use are the ones kept; the record
 * is rewritten under a lock beside it, so two windows (or an install and a
 * window) confirming at once each keep their folder.
 */
export function confirmStateRelocation(dir: string, home: string): void {
  const resolved = path.resolve(dir);
  if (resolved === defaultStateDir(home)) return;
  const known = confirmedRelocations(home);
  if (known[known.length - 1] === resolved) return;
  fs.mkdirSync(defaultStateDir(home), { recursive: true, mode: 0o700 });
  const file = relocationFile(home);
  const lock = acquireLock(`${file}.lock`, undefined, 'the record of confirmed state folders');
  if ('error' in lock) throw new Error(lock.error);
  try {
    const kept = [...confirmedRelocations(home).filter((d) => d !== resolved), resolved].slice(-MAX_RELOCATIONS);
    replaceFile(file, JSON.stringify({ stateDirs: kept }, null, 2) + '\n', 0o600);
  } finally {
    lock.release();
  }
}

export function killSwitchFile(dir: string): string {
  return path.join(dir, 'killswitch.json');
}

export interface KillSwitchState {
  engaged: boolean;
  /** ISO time of the last change. */
  since?: string;
  /** Who changed it: `user` (status bar), `rate-limit`, `cli`, `extension` (a release it did not make, reverted). */
  by?: string;
  reason?: string;
  /** The process that wrote it (the editor's extension host for `user`). */
  pid?: number;
  /** For `rate-limit`: gated calls counted, and the window they fell in. */
  count?: number;
  windowSeconds?: number;
}

/**
 * Reads the kill switch, never blocking. A file that exists but is not a
 * regular file (a FIFO, a directory, a link), is oversized, or cannot be
 * read or parsed counts as engaged: the switch fails closed.
 */
export function readKillSwitch(dir: string): KillSwitchState {
  const read = readRegularFile(killSwitchFile(dir), MAX_KILL_SWITCH_BYTES);
  if (!read.ok)
    return read.missing ? { engaged: false } : { engaged: true, reason: `kill switch file unreadable: ${read.error}` };
  try {
    const parsed = JSON.parse(read.text) as Partial<KillSwitchState>;
    if (typeof parsed.engaged !== 'boolean') return { engaged: true, reason: 'kill switch file has no "engaged" flag' };
    return parsed as KillSwitchState;
  } catch {
    return { engaged: true, reason: 'kill switch file is not valid JSON' };
  }
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeKillSwitch(dir: string, state: KillSwitchState): void {
  replaceFile(killSwitchFile(dir), JSON.stringify(state) + '\n', 0o600, { folderMode: 0o700 });
}
