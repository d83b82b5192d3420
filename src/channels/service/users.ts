// Users and groups by name, from /etc/passwd and /etc/group: Node has no
// getpwnam, and the service's checks need only the local accounts that
// `useradd` writes (a directory service's users are not listed; the service
// then serves only the users named to `service prepare` that are local).
import * as fs from 'node:fs';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

const MAX_PASSWD_BYTES = 4 * 1024 * 1024;

export function readAccounts(file = '/etc/passwd'): Account[] {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_PASSWD_BYTES) return [];
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
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

export function accountNamed(name: string, file?: string): Account | undefined {
  return readAccounts(file).find((a) => a.name === name);
}

export function accountWithUid(uid: number, file?: string): Account | undefined {
  return readAccounts(file).find((a) => a.uid === uid);
}

/** Accounts a person logs into: uid 1000 and up (Debian's UID_MIN), below `nobody`, with a login shell. */
export function developerAccounts(file?: string): Account[] {
  return readAccounts(file).filter((a) => a.uid >= 1000 && a.uid < 65534 && !/\/(?:nologin|false)$/.test(a.shell));
}
