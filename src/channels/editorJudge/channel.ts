// Where an editor's judge listens (Linux): an abstract-namespace socket per
// extension host, named by the user and the process. There is no file to
// plant or unlink; the hook finds judges in /proc/net/unix and verifies the
// holder of each as it verifies the approval channel (channels/peer.ts).
// The name fills sun_path for the same reason approval channels do (paths.ts).
import type { UnixSocketEntry } from '../procfs';

const SUN_PATH_BYTES = 108;
const MAX_JUDGES = 8;

export const JUDGE_CHANNELS = process.platform === 'linux';

function uid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : 0;
}

/** What every judge's name contains, to pick judge lines out of /proc/net/unix cheaply. */
export const JUDGE_NAME_PART = 'agentguard-judge-';

function prefix(user = uid()): string {
  return `${JUDGE_NAME_PART}${user}-`;
}

export function judgeSocketPath(pid = process.pid, user = uid()): string {
  return '\0' + `${prefix(user)}${pid}-`.padEnd(SUN_PATH_BYTES - 1, '.');
}

/** The judges of this user listening now, at most a few (one per editor window). */
export function listJudgeChannels(
  sockets: readonly UnixSocketEntry[],
  user = uid(),
): { socketPath: string; pid: number }[] {
  const want = '@' + prefix(user);
  const found: { socketPath: string; pid: number }[] = [];
  for (const e of sockets) {
    if (!e.listening || !e.path.startsWith(want)) continue;
    const pid = Number(/^(\d+)-/.exec(e.path.slice(want.length))?.[1]);
    const socketPath = '\0' + e.path.slice(1);
    if (
      Number.isSafeInteger(pid) &&
      pid > 1 &&
      socketPath === judgeSocketPath(pid, user) &&
      !found.some((f) => f.socketPath === socketPath)
    ) {
      found.push({ socketPath, pid });
    }
    if (found.length >= MAX_JUDGES) break;
  }
  return found;
}
