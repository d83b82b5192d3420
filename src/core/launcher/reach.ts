// Whether a file is out of the developer's reach: no process of theirs can
// write it, replace it or rename another file into its place. The editor
// binaries the approval and judge channels trust are recorded in the
// developer's own state folder (pins.ts), where any process of theirs that
// no host sandbox confines can add its own. Where an organization's managed
// policy is in force, a recorded binary therefore counts only when this holds
// for the very file the process runs: judged by ownership and mode, which the
// kernel enforces, not by a name or a place the developer could choose.
import * as fs from 'node:fs';
import { adminPath, MANAGED_POLICY_PLACES } from '../config/adminPaths';
import { aclReach } from './acl';
import { examined, foldersUp } from './foldersUp';

export interface Reacher {
  uid: number;
  gids: readonly number[];
}

/** This process's user and groups (the hook runs as the developer). */
export function currentReacher(): Reacher | undefined {
  if (typeof process.getuid !== 'function' || typeof process.getgroups !== 'function') return undefined;
  const gids = new Set(process.getgroups());
  if (typeof process.getgid === 'function') gids.add(process.getgid());
  return { uid: process.getuid(), gids: [...gids] };
}

/** Whether `who` may write `st` by its owner and mode (the owner may always chmod; root may write anything). */
function writable(st: fs.Stats, who: Reacher): boolean {
  if (who.uid === 0 || st.uid === who.uid) return true;
  if (st.mode & 0o002) return true;
  return (st.mode & 0o020) !== 0 && who.gids.includes(st.gid);
}

/**
 * Why `who` can change what `file` is, or undefined when they cannot: the
 * file itself, and every folder from it to `/` (a writable folder renames
 * another file into its place, unless it is sticky and neither that folder nor
 * the entry in it is theirs). Symbolic links anywhere in the path are
 * resolved first, and the folders of the resolved path are the ones checked.
 * Then POSIX ACLs on all of them (acl.ts): one that grants the developer
 * write, or one that cannot be read, is a reason too — or, given `aclLater`,
 * the paths are added to it for the caller to read in one go with others.
 */
export function reachableBy(file: string, who: Reacher, aclLater?: string[]): string | undefined {
  const ex = examined(file);
  if ('problem' in ex) return ex.problem;
  const { real, st } = ex;
  if (!st.isFile()) return `${real} is not a regular file`;
  if (writable(st, who)) return `${real} is writable by uid ${who.uid} (owner ${st.uid}, mode ${mode(st)})`;
  const up = foldersUp(real);
  if ('problem' in up) return up.problem;
  let child = st;
  for (const { dir, st: d } of up.folders) {
    if (!d.isDirectory()) return `${dir} is not a folder`;
    const sticky = (d.mode & 0o1000) !== 0;
    if (writable(d, who) && !(sticky && d.uid !== who.uid && child.uid !== who.uid && who.uid !== 0))
      return `${dir} is writable by uid ${who.uid} (owner ${d.uid}, mode ${mode(d)}), so ${real} can be replaced`;
    child = d;
  }
  const walked = [real, ...up.folders.map((f) => f.dir)];
  if (!aclLater) return aclReach(walked, who);
  aclLater.push(...walked);
  return undefined;
}

function mode(st: fs.Stats): string {
  return (st.mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * Why process `pid` runs a file `who` can change, or undefined when it runs
 * one they cannot. The path /proc names is checked, and must still be the
 * inode the process runs (a file removed or replaced since it started is
 * refused).
 */
export function processBinaryReachable(pid: number, who: Reacher, aclLater?: string[]): string | undefined {
  const exe = `/proc/${pid}/exe`;
  let target: string;
  let running: fs.Stats;
  try {
    target = fs.readlinkSync(exe);
    running = fs.statSync(exe);
  } catch {
    return `the binary of process ${pid} cannot be examined`;
  }
  if (target.endsWith(' (deleted)')) return `process ${pid} runs ${target}, a file no longer there`;
  try {
    const now = fs.statSync(target);
    if (now.dev !== running.dev || now.ino !== running.ino)
      return `process ${pid} runs a file that was at ${target}, replaced since`;
  } catch {
    return `process ${pid} runs ${target}, which cannot be examined`;
  }
  return reachableBy(target, who, aclLater);
}

/**
 * Whether an organization's managed policy is in force on this machine: its
 * file is there (valid or not: an invalid one fails closed), or cannot be
 * looked at. One `stat`, no parsing, so the launcher's bundle can ask.
 */
export function managedPolicyPresent(): boolean {
  const file = adminPath(MANAGED_POLICY_PLACES);
  if (!file) return false;
  try {
    fs.statSync(file);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
