// chmod, chown, chgrp, setfacl, chattr and chflags: changing ownership,
// permissions, ACLs or attributes of system paths, the home directory or a
// whole tree, and opening keys to other users.
import { type FileEffect } from '../../effects';
import { displayPath, isCredentialStore, type PathInfo } from '../../command/paths';
import type { AnalysisContext, Finding } from '../../types';
import { finding } from '../common/finding';
import { optionValue, positionals } from '../../command/args';
import { CHOWN_VALUE_OPTS } from '../../command/valueOptions';

// Owner-only modes (600, 0700, go-rwx): tightening a key's permissions is the fix, not the problem.
const RESTRICTIVE_MODE_RE = /^(?:[0-7]?[0-7]00|[ugoa]*-[rwxXst]+|u[+=][rwx]+)$/;

/** What each command changes; chown and chgrp change ownership. */
const CHANGES: Record<string, string> = {
  chmod: 'permissions',
  setfacl: 'access control lists',
  chattr: 'file attributes',
  chflags: 'file flags',
};

export function judgeChmod(
  name: string,
  p: PathInfo,
  e: FileEffect,
  mode: string | undefined,
  ctx: AnalysisContext,
  home: string,
  owner?: string,
): Finding | undefined {
  const what = p.dynamic ? p.word : displayPath(p.abs, ctx, home);
  const change = CHANGES[name] ?? 'ownership';
  const id = name === 'chown' || name === 'chgrp' ? 'fs.chown-system' : 'fs.chmod-system';
  if (e.recursive) {
    switch (p.location) {
      case 'root':
        return finding(
          id,
          95,
          `recursively changes the ${change} of the whole filesystem: the system stops working`,
          '/',
          'change only the files you mean inside the workspace',
        );
      case 'system-top': {
        // `/usr`, `/etc`: sudo, ssh and setuid binaries break. `/var/www`, `/usr/local`: bad, but people do it.
        const topLevel = p.abs.indexOf('/', 1) === -1;
        return finding(
          id,
          name === 'chmod' && topLevel ? 90 : 75,
          `recursively changes the ${change} of the system directory ${p.abs}`,
          p.abs,
          'change only the files you mean',
        );
      }
      case 'system':
        return finding(id, 60, `recursively changes the ${change} of ${what}, a system path`, what);
      case 'home':
      case 'other-home':
        return finding(
          id,
          75,
          `recursively changes the ${change} of the home directory ${what} (keys and configs included)`,
          what,
          'change only the files you mean',
        );
      case 'workspace-ancestor':
        return finding(id, 50, `recursively changes the ${change} of ${what}, outside the workspace`, what);
      case 'unknown':
        return finding(id, 45, `recursively changes the ${change} of ${p.word}, known only at run time`, p.word);
    }
    // `chmod -R 000 ~/code`, `chmod -R 644 ~/projects`: every file there unreadable, or every folder closed to you.
    if ((name === 'chmod' || name === 'setfacl') && p.location === 'home-inside' && mode && locksOwnerOut(mode))
      return finding(
        'fs.chmod-lockout',
        50,
        `recursively takes your own access away from ${what}, outside the workspace: its files can no longer be read or its folders entered`,
        what,
        'use u+rwX, or change only the files you mean (`find DIR -type f -exec chmod 644 {} +`)',
      );
    if (!((name === 'chmod' || name === 'chown') && p.location === 'home-inside')) return undefined;
  }
  switch (p.location) {
    case 'root':
    case 'system-top':
    case 'system':
    case 'device':
      return finding(
        id,
        50,
        `changes the ${change} of ${what}, a system path`,
        what,
        'ask the user to apply system changes',
      );
  }
  // `sudo chown -R nobody ~/.ssh`: whoever runs as that user reads the keys (and ssh refuses them).
  if (name === 'chown' && p.location === 'home-inside' && owner && givenAway(owner, home)) {
    if (p.credential || (!p.fileLike && isCredentialStore(p.abs, home)))
      return finding(
        'fs.chmod-credential',
        50,
        `gives ${what}${p.credential ? '' : ', a folder of credentials,'} to the user ${owner.split(':')[0]}`,
        what,
        'keep credentials owned by you: chown -R "$USER" ~/.ssh',
      );
  }
  if (name === 'chmod' && p.location === 'home-inside' && mode && !RESTRICTIVE_MODE_RE.test(mode)) {
    if (p.credential)
      return finding(
        'fs.chmod-credential',
        50,
        `opens up the permissions of the credential file ${what}`,
        what,
        'keep private keys at 600',
      );
    // `chmod -R 777 ~/.ssh`, `chmod -R a+r ~/.aws`: the keys inside become readable by others (and ssh refuses them).
    if (!p.fileLike && isCredentialStore(p.abs, home) && opensToOthers(mode, !!e.recursive)) {
      return finding(
        'fs.chmod-credential',
        50,
        `opens up the permissions of ${what}, a folder of credentials`,
        what,
        'keep credential folders at 700 and keys at 600',
      );
    }
  }
  return undefined;
}

/**
 * The mode lets group or others in: read or write for a recursive change
 * (every key inside gets it), write for the folder alone (`755` on `~/.ssh`
 * only lists names).
 */
function opensToOthers(mode: string, recursive: boolean): boolean {
  const bits = recursive ? 6 : 2;
  if (/^[0-7]{3,4}$/.test(mode)) {
    const d = mode.slice(-2);
    return ((Number(d[0]) | Number(d[1])) & bits) !== 0;
  }
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m || m[2] === '-') continue;
    const others = m[1] === '' || /[goa]/.test(m[1]);
    if (others && (m[3].includes('w') || (recursive && m[3].includes('r')))) return true;
  }
  return false;
}

/**
 * A recursive mode that takes the owner's read away (`000`, `a-r`), or search from the folders it reaches (`644`,
 * `-x`, `u=rw`). `X` keeps folders searchable; a clause that only adds, or names only group and others, takes nothing
 * of the owner's; an owner-only number that keeps read (`chmod -R 600 ~/.ssh`, tightening keys) is the usual fix.
 */
export function locksOwnerOut(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) {
    const [owner, group, other] = mode.padStart(3, '0').slice(-3).split('').map(Number);
    return (owner & 4) === 0 || ((owner & 1) === 0 && (group | other) !== 0);
  }
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m || m[2] === '+' || (m[1] !== '' && !/[ua]/.test(m[1]))) continue;
    // `-`: what it names is taken away; `=`: what it leaves out is.
    const lost = m[2] === '-' ? /[rxX]/.test(m[3]) : !m[3].includes('r') || !/[xX]/.test(m[3]);
    if (lost) return true;
  }
  return false;
}

/**
 * chown's OWNER[:GROUP] names a user other than the home's: not root, not the home folder's own name (`/home/ana` is
 * ana's), not a word known only at run time (`$USER`, `$(whoami)`), and not a number (the user's own id is not known
 * here, and `chown -R 1000:1000 ~/.ssh` is how keys are usually given back).
 */
function givenAway(owner: string, home: string): boolean {
  const user = owner.split(':')[0];
  if (!user || /^\d+$/.test(user) || !/^[A-Za-z_][\w.-]*\$?$/.test(user)) return false;
  // A dot may be part of the name (`ana.lima`) or chown's old USER.GROUP: either reading may name the user's own.
  const own = new Set(['root', home.replace(/\/+$/, '').split(/[/\\]/).pop()]);
  return !own.has(user) && !own.has(user.split('.')[0]);
}

/** chown's OWNER[:GROUP] word, the first operand unless `--reference` names a file to copy it from. */
export function chownOwner(argv: readonly string[]): string | undefined {
  return optionValue(argv, ['--reference']) === undefined ? positionals(argv, CHOWN_VALUE_OPTS)[0] : undefined;
}

/**
 * setfacl's entry for the file's owner (`-m u::---`, `--set user::rw-,g::r--`) as a chmod clause (`u=`, `u=rw`), so a
 * recursive one is read as `chmod -R` is. An entry for another user (`u:nobody:---`) takes nothing of the owner's.
 */
export function aclOwnerMode(argv: readonly string[]): string | undefined {
  // `-Rm SPEC`: a value-taking letter ends a cluster (effects/permissions.ts reads the targets the same way).
  const specs = argv.flatMap((a, k) =>
    /^-[a-zA-Z]*[ms]$|^--(?:modify|set)$/.test(a)
      ? [argv[k + 1] ?? '']
      : /^--(?:modify|set)=/.test(a)
        ? [a.slice(a.indexOf('=') + 1)]
        : [],
  );
  for (const spec of specs) {
    for (const entry of spec.split(',')) {
      const m = /^(?:u|user)::([rwxX-]{1,4}|[0-7])$/.exec(entry.trim());
      if (!m) continue;
      const n = /^[0-7]$/.test(m[1]) ? Number(m[1]) : undefined;
      const letters =
        n === undefined ? m[1].replace(/-/g, '') : (n & 4 ? 'r' : '') + (n & 2 ? 'w' : '') + (n & 1 ? 'x' : '');
      return `u=${letters}`;
    }
  }
  return undefined;
}

export function chmodMode(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-R' || a === '--recursive' || (a.startsWith('--') && a !== '--')) continue;
    if (/^-[a-zA-Z]+$/.test(a) && !/^-[rwxXst]+$/.test(a)) continue;
    return a;
  }
  return undefined;
}
