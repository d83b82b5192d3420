// The bubblewrap profile (Linux): a command line that runs the agent's
// command, and everything it starts, in new mount, pid and ipc namespaces
// with no capabilities:
// - routine: the file system read-only but for the workspace, the temp
//   folders and the tools' caches; approved: writable as the user;
// - in both, AgentGuard's own files and (unless a human approved planting)
//   every autorun place read-only, even inside the writable folders, their
//   parent folders pinned so they cannot be renamed away and replaced;
// - the session's runtime folder, the display servers' and the editor's
//   sockets and the X cookie hidden, their variables unset;
// - a seccomp filter refusing TIOCSTI (seccomp.ts).
// Background processes live on after the command returns, confined.
import * as path from 'node:path';
import type { Places, Profile } from './places';
import { shellWord } from '../text/shellWord';

export interface BwrapCommand {
  /** Absolute path of bwrap. */
  bwrap: string;
  /** The shell that runs the command inside (bash, else sh). */
  shell: string;
  /** The compiled seccomp filter (read through descriptor 9), when there is one. */
  seccompFile?: string;
  profile: Profile;
  places: Places;
  home: string;
}

/** The descriptor bwrap reads the seccomp filter from (the agentguard-run wrapper opens the same one). */
export const SECCOMP_FD = 9;

function inside(root: string, p: string): boolean {
  return root === '/' || p === root || p.startsWith(root + '/');
}

/**
 * Folders between a writable root and a read-only path in it, bound onto
 * themselves: a mount point cannot be renamed, so no parent of a protected
 * file can be moved away and a fresh one put in its place. In the approved
 * profile everything the user owns is writable: there the folders up to the
 * home folder (or, outside it, up to the top-level folder) are pinned.
 */
function pinnedAncestors(places: Places, profile: Profile, home: string): string[] {
  const out = new Set<string>();
  for (const ro of places.readOnly) {
    let root: string | undefined;
    if (profile === 'routine')
      root = places.writable.filter((w) => inside(w, ro) && w !== ro).sort((a, b) => b.length - a.length)[0];
    else root = inside(home, ro) && ro !== home ? path.dirname(home) : '/' + ro.split('/')[1];
    if (!root || root === ro) continue;
    for (let d = path.dirname(ro), i = 0; d !== root && inside(root, d) && i < 32; d = path.dirname(d), i++) out.add(d);
    if (profile === 'approved' && root !== '/' && !inside(home, ro)) out.add(root);
  }
  return [...out].sort((a, b) => a.length - b.length);
}

/** bwrap's arguments (without the command). */
export function bwrapArgs(o: BwrapCommand): string[] {
  const { places, profile } = o;
  const args = ['--unshare-pid', '--unshare-ipc', '--cap-drop', 'ALL'];
  if (profile === 'routine') {
    args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
    for (const w of places.writable) args.push('--bind', w, w);
  } else {
    args.push('--bind', '/', '/', '--dev-bind', '/dev', '/dev', '--proc', '/proc');
  }
  // Order matters: a bind's source is the host's folder, so a later bind of a parent would bring back what an earlier mount hid.
  for (const d of pinnedAncestors(places, profile, o.home)) args.push('--bind', d, d);
  for (const ro of places.readOnly) args.push('--ro-bind', ro, ro);
  for (const h of places.hidden) {
    if (h.kind === 'dir') args.push('--tmpfs', h.path);
    else args.push('--ro-bind', '/dev/null', h.path);
  }
  for (const k of places.reexposed) args.push('--bind', k, k);
  for (const name of places.unset) args.push('--unsetenv', name);
  if (places.path !== undefined) args.push('--setenv', 'PATH', places.path);
  args.push('--setenv', 'AGENTGUARD_CONFINED', profile);
  if (o.seccompFile) args.push('--seccomp', String(SECCOMP_FD));
  return args;
}

export function shellQuote(s: string): string {
  return shellWord(s);
}

/** The words before the command: bwrap, its arguments, and the shell that reads the command (`… -- bash -c`). */
export function bwrapPrefix(o: BwrapCommand): string[] {
  return [o.bwrap, ...bwrapArgs(o), '--', o.shell, '-c'];
}

/** The command line a host runs instead of `command`: the same command, in the sandbox (`prefix`: bwrapPrefix(o), when worked out already). */
export function bwrapCommandLine(command: string, o: BwrapCommand, prefix = bwrapPrefix(o)): string {
  const words = [...prefix, command].map(shellQuote).join(' ');
  return o.seccompFile ? `${words} ${SECCOMP_FD}<${shellQuote(o.seccompFile)}` : words;
}
