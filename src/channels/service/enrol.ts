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
