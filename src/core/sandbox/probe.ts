// Can a sandbox start on this machine? Linux: bubblewrap must be installed
// and able to make its namespaces (unprivileged user namespaces, or root),
// which only trying tells; macOS: sandbox-exec; Windows: none. A trial's
// answer is kept in AgentGuard's state folder (no agent can write it), so the
// hook pays for it once: a success for a day, or until the kernel or bwrap
// changes; a failed trial until bwrap, the kernel or its user-namespace
// switches change (the fix a human makes is seen at the next call). "Not
// installed" is never kept: the binary's presence is a few stat calls, so a
// bubblewrap installed on doctor's advice is used from the next call on.
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replaceFile } from '../state/replaceFile';
import { readRegularBytes, readRegularFile } from '../state/regularFile';
import { tiocstiFilterBytes } from './seccomp';

/** node:child_process (with the stream, socket and dgram modules behind it), loaded when a process is started: most calls never start one. */
function childProcess(): typeof ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process') as typeof ChildProcess;
}

export type Engine = 'bubblewrap' | 'seatbelt';

export type Availability =
  { ok: true; engine: Engine; binary: string; shell: string; seccompFile?: string } | { ok: false; reason: string };

const CACHE_MS = 24 * 60 * 60 * 1000;
const BWRAP_CANDIDATES = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'];

function firstExisting(paths: readonly string[]): string | undefined {
  return paths.find((p) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  });
}

export function sandboxDir(stateDir: string): string {
  return path.join(stateDir, 'sandbox');
}

/** The seccomp filter's file, written when missing or different (it is AgentGuard's own: read-only to what it confines). */
export function seccompFile(stateDir: string): string | undefined {
  const file = path.join(sandboxDir(stateDir), 'tiocsti.bpf');
  const want = tiocstiFilterBytes();
  try {
    const read = readRegularBytes(file, 4096);
    if (read.ok && read.bytes.equals(want)) return file;
  } catch {
    // Rewrite below.
  }
  try {
    replaceFile(file, want, 0o600, { folderMode: 0o700 });
    return file;
  } catch {
    return undefined;
  }
}

interface Cached {
  availability: Availability;
  checkedAt: number;
  kernel: string;
  binaryMtime?: number;
  /** For a failed trial: the bwrap that failed and the kernel's user-namespace switches it failed under. */
  failed?: { binary: string; userns: string };
}

/** The kernel switches that decide whether unprivileged bwrap can make its namespaces: a change may fix a failed trial. */
const USERNS_SWITCHES = [
  '/proc/sys/kernel/unprivileged_userns_clone',
  '/proc/sys/user/max_user_namespaces',
  '/proc/sys/kernel/apparmor_restrict_unprivileged_userns',
];

function usernsSwitches(): string {
  return USERNS_SWITCHES.map((f) => {
    const read = readRegularFile(f, 64);
    return read.ok ? read.text.trim() : '-';
  }).join(' ');
}

function binaryMtime(p: string | undefined): number | undefined {
  try {
    return p ? fs.statSync(p).mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

/** Runs bwrap once with the profile's own namespaces and filter: whatever fails here would fail every command. */
function tryBubblewrap(bwrap: string, filter: string | undefined): Availability {
  const shell = firstExisting(['/bin/bash', '/usr/bin/bash', '/bin/sh']) ?? '/bin/sh';
  const args = [
    '--unshare-pid',
    '--unshare-ipc',
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
  ];
  let fd: number | undefined;
  try {
    if (filter) {
      fd = fs.openSync(filter, 'r');
      args.push('--seccomp', '3');
    }
    // A shell's start-up variables (the terminal door's gate in the editor's extension host) are no part of the trial.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !['BASH_ENV', 'ENV', 'ZDOTDIR'].includes(k)),
    );
    const r = childProcess().spawnSync(bwrap, [...args, '--', shell, '-c', 'exit 0'], {
      stdio: ['ignore', 'ignore', 'pipe', ...(fd !== undefined ? [fd] : [])],
      timeout: 5000,
      encoding: 'utf8',
      env,
    });
    if (r.status === 0)
      return { ok: true, engine: 'bubblewrap', binary: bwrap, shell, ...(filter ? { seccompFile: filter } : {}) };
    const why = (r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`).trim().split('\n')[0];
    return { ok: false, reason: `bubblewrap cannot start here (${why})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** What a trial found, and whether it is worth keeping (a trial ran: its answer holds while what it ran on holds). */
function detect(
  stateDir: string,
  platform: NodeJS.Platform,
  bwrapCandidates: readonly string[],
): { availability: Availability; tried?: string } {
  if (platform === 'darwin') {
    const exec = firstExisting(['/usr/bin/sandbox-exec']);
    return exec
      ? {
          availability: {
            ok: true,
            engine: 'seatbelt',
            binary: exec,
            shell: firstExisting(['/bin/bash', '/bin/zsh', '/bin/sh']) ?? '/bin/sh',
          },
          tried: exec,
        }
      : { availability: { ok: false, reason: 'sandbox-exec is missing' } };
  }
  if (platform !== 'linux')
    return { availability: { ok: false, reason: `no sandbox on ${platform === 'win32' ? 'Windows' : platform}` } };
  const bwrap = firstExisting(bwrapCandidates);
  if (!bwrap)
    return {
      availability: { ok: false, reason: 'bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)' },
    };
  return { availability: tryBubblewrap(bwrap, seccompFile(stateDir)), tried: bwrap };
}

function stillHolds(c: Cached, now: number, kernel: string, bwrapCandidates: readonly string[]): boolean {
  if (now - c.checkedAt >= CACHE_MS || c.kernel !== kernel) return false;
  if (c.availability.ok) {
    const filterThere = !c.availability.seccompFile || fs.existsSync(c.availability.seccompFile);
    return binaryMtime(c.availability.binary) === c.binaryMtime && filterThere;
  }
  // A failed trial holds only for the same bwrap, unchanged, under the same switches; a bare "missing" never holds.
  return (
    !!c.failed &&
    firstExisting(bwrapCandidates) === c.failed.binary &&
    binaryMtime(c.failed.binary) === c.binaryMtime &&
    usernsSwitches() === c.failed.userns
  );
}

/**
 * Whether a sandbox can start, from the kept trial when it still holds.
 * `bwrapCandidates`: where bubblewrap is looked for (tests name their own).
 */
export function sandboxAvailability(
  stateDir: string,
  platform: NodeJS.Platform = process.platform,
  now = Date.now(),
  bwrapCandidates: readonly string[] = BWRAP_CANDIDATES,
): Availability {
  const cacheFile = path.join(sandboxDir(stateDir), 'availability.json');
  const kernel = os.release();
  try {
    const read = readRegularFile(cacheFile, 16 * 1024);
    const kept = read.ok ? (JSON.parse(read.text) as Cached) : undefined;
    if (kept && stillHolds(kept, now, kernel, bwrapCandidates)) return kept.availability;
  } catch {
    // Try again below.
  }
  const { availability, tried } = detect(stateDir, platform, bwrapCandidates);
  try {
    if (!tried) {
      // Nothing was tried ("not installed", no sandbox on this platform): nothing to keep, and an earlier answer no longer holds.
      fs.rmSync(cacheFile, { force: true });
      return availability;
    }
    fs.mkdirSync(sandboxDir(stateDir), { recursive: true, mode: 0o700 });
    const record: Cached = {
      availability,
      checkedAt: now,
      kernel,
      binaryMtime: binaryMtime(tried),
      ...(availability.ok ? {} : { failed: { binary: tried, userns: usernsSwitches() } }),
    };
    replaceFile(cacheFile, JSON.stringify(record), 0o600);
  } catch {
    // Without a cache the next call tries again.
  }
  return availability;
}
