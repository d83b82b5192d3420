// Users and groups as the system's name service knows them (`getent`:
// /etc/passwd, and LDAP, SSSD or any other NSS source the machine is set up
// with): Node has no getpwnam. Asked when needed — at `service prepare`, and
// for a developer who asks to be enrolled, by the uid the kernel says owns
// the request — never a copy of /etc/passwd read once. One shortcut: a hook
// looks the service's own user up in /etc/passwd first (`useradd --system`
// writes it there), so a call pays for no process.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

const MAX_GETENT_BYTES = 16 * 1024 * 1024;

function parse(text: string): Account[] {
  const out: Account[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || !f[0] || f[0].startsWith('#')) continue;
    const uid = Number(f[2]);
    const gid = Number(f[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) continue;
    out.push({ name: f[0], uid, gid, home: f[5], shell: f[6] });
  }
  return out;
}

/** `getent passwd [KEY]`: every account the name service lists, or the one it finds by name or uid. */
function getent(key?: string): Account[] {
  const r = spawnSync('getent', ['passwd', ...(key !== undefined ? [key] : [])], {
    encoding: 'utf8',
    maxBuffer: MAX_GETENT_BYTES,
    timeout: 10_000,
  });
  return r.status === 0 && typeof r.stdout === 'string' ? parse(r.stdout) : [];
}

const NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

function localAccount(name: string): Account | undefined {
  try {
    const st = fs.statSync('/etc/passwd');
    if (!st.isFile() || st.size > MAX_GETENT_BYTES) return undefined;
    return parse(fs.readFileSync('/etc/passwd', 'utf8')).find((a) => a.name === name);
  } catch {
    return undefined;
  }
}

export function accountNamed(name: string): Account | undefined {
  if (!NAME.test(name)) return undefined;
  return localAccount(name) ?? getent(name).find((a) => a.name === name);
}

export function accountWithUid(uid: number): Account | undefined {
  if (!Number.isInteger(uid) || uid < 0) return undefined;
  return getent(String(uid)).find((a) => a.uid === uid);
}

/** A person's account: uid 1000 and up (Debian's UID_MIN), below `nobody`, with a login shell. */
export function isDeveloper(a: Account): boolean {
  return a.uid >= 1000 && a.uid < 65534 && !/\/(?:nologin|false)$/.test(a.shell);
}

/** The developers the name service lists (a directory that does not enumerate lists none: they enrol). */
export function developerAccounts(): Account[] {
  return getent().filter(isDeveloper);
}
