// A developer the AgentGuard service has no socket for yet — added after
// `service prepare` ran, or known only to a directory (LDAP, SSSD) that does
// not list its users — asks to be enrolled: the hook leaves an empty file in
// `<socketDir>/enrol/`, a root-owned sticky folder anyone may add to and
// only root may list. Who asked is the file's owner, which the kernel sets
// and no process can forge; `service prepare --enrolled` (as root: systemd
// runs it when the folder fills, agentguard-enrol.path) looks that uid up in
// the name service and makes the developer's socket folder, and the running
// service starts listening there within seconds. Until then the call is
// blocked, as every call without the service is.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Asks for enrolment when this user has no socket folder; what the hook should add to its refusal. */
export function requestEnrolment(socketPath: string, uid = process.getuid?.() ?? -1): string | undefined {
  const userDir = path.dirname(socketPath);
  if (uid < 0 || fs.existsSync(userDir)) return undefined;
  const enrolDir = path.join(path.dirname(path.dirname(userDir)), 'enrol');
  const st = fs.lstatSync(enrolDir, { throwIfNoEntry: false });
  // Only root's sticky folder: a folder someone else made could be listed or emptied by them.
  if (!st?.isDirectory() || st.uid !== 0 || (st.mode & 0o1000) === 0) return undefined;
  try {
    fs.writeFileSync(path.join(enrolDir, String(uid)), '', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  return `asked the AgentGuard service to enrol you (uid ${uid}): where the administrator installed it with systemd this takes a few seconds, else they run sudo agentguard service prepare --enrolled`;
}

/** At most this many entries of the enrol folder are looked at per run (the path unit runs again while any remain). */
export const MAX_ENROL_SCAN = 1024;
/** At most this many developers are enrolled per run. */
export const MAX_ENROLLED_PER_RUN = 64;

export interface EnrolRequests {
  /** Who asked, each once: the owners, which the kernel set, of well-formed requests. */
  uids: number[];
  /** Entries looked at this run (at most MAX_ENROL_SCAN). */
  scanned: number;
  /** Whether entries were left for the next run. */
  more: boolean;
}

/**
 * Takes the requests waiting in the enrol folder (as root), bounded: at most
 * MAX_ENROL_SCAN entries are read (never the whole listing, which anyone may
 * have grown) and every one read is removed. A request is what the hook
 * leaves: an empty regular file with one link whose name is its owner's uid.
 * Anything else — a file named for someone else, one with content, a
 * folder, a link, a second name — is junk: removed (a folder first moved
 * where no developer can reach it), and each owner who left junk is named in
 * one log line, the kernel's word for who did it.
 */
export function takeEnrolRequests(
  enrolDir: string,
  warn: (m: string) => void,
  quarantine = path.join(path.dirname(enrolDir), 'enrol-junk'),
): EnrolRequests {
  let dir: fs.Dir;
  try {
    dir = fs.opendirSync(enrolDir);
  } catch {
    return { uids: [], scanned: 0, more: false };
  }
  const uids: number[] = [];
  const junk = new Map<number, { count: number; bytes: number }>();
  let scanned = 0;
  let more = false;
  try {
    for (let entry = dir.readSync(); entry; entry = dir.readSync()) {
      if (scanned >= MAX_ENROL_SCAN) {
        more = true;
        break;
      }
      scanned++;
      const file = path.join(enrolDir, entry.name);
      const st = fs.lstatSync(file, { throwIfNoEntry: false });
      if (!st) continue;
      const wellFormed = st.isFile() && st.size === 0 && st.nlink === 1 && entry.name === String(st.uid);
      if (wellFormed && uids.length < MAX_ENROLLED_PER_RUN) {
        if (!uids.includes(st.uid)) uids.push(st.uid);
      } else if (wellFormed) {
        more = true;
        continue; // left for the next run
      } else {
        const j = junk.get(st.uid) ?? { count: 0, bytes: 0 };
        junk.set(st.uid, { count: j.count + 1, bytes: j.bytes + (st.isFile() ? st.size : 0) });
      }
      removeEntry(file, st, quarantine);
    }
  } finally {
    dir.closeSync();
  }
  for (const [uid, j] of junk)
    warn(
      `enrol: uid ${uid} left ${j.count} entr${j.count === 1 ? 'y' : 'ies'} that are no enrolment request (${j.bytes} bytes; a request is an empty file named by its owner's uid): removed`,
    );
  if (more) warn(`enrol: more than ${scanned} entries waiting; the rest are taken on the next run`);
  return { uids, scanned, more };
}

/** Removes one entry; a folder is first moved into root's own folder, out of its owner's reach, then removed. */
function removeEntry(file: string, st: fs.Stats, quarantine: string): void {
  try {
    if (!st.isDirectory()) return fs.rmSync(file, { force: true });
    fs.mkdirSync(quarantine, { recursive: true, mode: 0o700 });
    const away = path.join(quarantine, `${path.basename(file)}.${process.pid}.${Date.now()}`);
    fs.renameSync(file, away);
    fs.rmSync(away, { recursive: true, force: true });
  } catch {
    // Left where it is: the next run tries again.
  }
}
