// POSIX ACLs on the files reach.ts judges by owner and mode: a root-owned
// file or folder whose ACL names the developer (or a group of theirs) with
// write access is theirs to change, whatever its mode says. Node cannot read
// the `system.posix_acl_access` attribute, so the check asks two programs:
// `ls` (coreutils, on every Linux) marks each file that has an extended ACL
// with `+`, and `getfacl` (Debian package `acl`) says what that ACL grants.
// Files without an ACL — nearly every installed editor — need only `ls`;
// a file with one is trusted only when `getfacl` shows it grants no write to
// the developer, so a machine without `getfacl` fails closed on exactly the
// files whose ACL it cannot read.
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';

/** Who would write (reach.ts's Reacher). */
interface Reacher {
  uid: number;
  gids: readonly number[];
}

const TIMEOUT_MS = 5_000;
const MAX_OUTPUT = 1024 * 1024;
/** Fixed places, never PATH: the developer's PATH may start with a folder of their own. */
const LS = ['/usr/bin/ls', '/bin/ls'];
const GETFACL = ['/usr/bin/getfacl', '/bin/getfacl'];

function run(candidates: readonly string[], args: readonly string[]): { out: string } | { missing: true } | undefined {
  // node:child_process (with dgram and the socket list under it) loads only here: the hook's client, which bundles
  // this module for the managed policy's reach check, would otherwise load it at every start without running a program.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  for (const bin of candidates) {
    const r = spawnSync(bin, args, {
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      maxBuffer: MAX_OUTPUT,
      env: { LC_ALL: 'C' },
    });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
    return r.status === 0 && !r.error ? { out: r.stdout } : undefined;
  }
  return { missing: true };
}

/** How ACLs are read on this machine, for doctor. */
export function aclReader(): string {
  const g = GETFACL.find((b) => fs.existsSync(b));
  return g
    ? `POSIX ACLs read with ${g}`
    : 'getfacl is not installed (Debian package acl): a file with a POSIX ACL is not trusted, whatever the ACL grants';
}

/**
 * Why an ACL on one of `paths` (absolute, already resolved) lets `who`
 * write it, or undefined when none does. Cannot tell (`ls` fails, or an ACL
 * `getfacl` cannot read): a reason, so the caller fails closed.
 */
export function aclReach(paths: readonly string[], who: Reacher): string | undefined {
  if (paths.length === 0) return undefined;
  // -d: the folder itself; -U: argument order; -b: one line per name, whatever it holds.
  const ls = run(LS, ['-ldUb', '--', ...paths]);
  if (!ls || 'missing' in ls)
    return `whether ${paths[0]} or a folder above it has a POSIX ACL cannot be told (ls failed)`;
  const lines = ls.out.split('\n').filter(Boolean);
  if (lines.length !== paths.length)
    return `whether ${paths[0]} or a folder above it has a POSIX ACL cannot be told (ls listed ${lines.length} of ${paths.length})`;
  const withAcl = paths.filter((_, i) => /^\S{10}\+/.test(lines[i]));
  if (withAcl.length === 0) return undefined;
  const g = run(GETFACL, ['-n', '-p', '--', ...withAcl]);
  if (!g) return `${withAcl[0]} has a POSIX ACL that getfacl could not read`;
  if ('missing' in g)
    return `${withAcl[0]} has a POSIX ACL, and getfacl (Debian package acl) is not installed to read what it grants`;
  return aclGrantsWrite(g.out, who);
}

/** Which file of `getfacl -n -p` output grants `who` write through a named entry (within the mask), if any. */
export function aclGrantsWrite(text: string, who: Reacher): string | undefined {
  for (const block of text.split(/\n(?=# file: )/)) {
    const file = /^# file: (.*)$/m.exec(block)?.[1] ?? '(unknown)';
    const entries = block.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('default:'));
    const mask = entries.find((l) => l.startsWith('mask::'));
    if (mask && mask.slice('mask::'.length)[1] !== 'w') continue;
    for (const e of entries) {
      const m = /^(user|group):(\d+):([r-][w-][x-])/.exec(e);
      if (!m || m[3][1] !== 'w') continue;
      const id = Number(m[2]);
      if (m[1] === 'user' ? id === who.uid : who.gids.includes(id))
        return `${file} is writable by uid ${who.uid} through its POSIX ACL (${e.trim()})`;
    }
  }
  return undefined;
}
