// Opens one of AgentGuard's own append-only logs in the state folder (the
// audit log, the rate limit's log) the one way every such log is opened:
// appending, non-blocking (a FIFO planted at the path must not hold the hook
// and its exit code forever), never through a symbolic link, and only when
// what was opened is a regular file with no other name. A link of either
// kind planted at a log's path would have every call's line appended to the
// file it names (a shell's rc file, a hook script) and the log left
// unwritten; refusing turns that into an error the caller fails closed on.
import * as fs from 'node:fs';
import * as path from 'node:path';

const APPEND =
  fs.constants.O_APPEND | fs.constants.O_CREAT | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

export interface OwnLogOptions {
  /** What the log is, for the error a person reads ("audit log"). */
  what: string;
  /** Opened for reading too (the audit log reads its last entry under the same lock). */
  read?: boolean;
  /** Make the log's folder when the open says it is missing (never looked for first: that costs every call). */
  makeFolder?: boolean;
}

function open(file: string, flags: number, opts: OwnLogOptions): number {
  try {
    return fs.openSync(file, flags, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw new Error(`${file} is a symbolic link: AgentGuard writes its ${opts.what} only at its own path`);
    // ENOTDIR (the state path is a file) and every other error are reported as they are.
    if (code !== 'ENOENT' || !opts.makeFolder) throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return open(file, flags, { ...opts, makeFolder: false });
}

/** The open descriptor and what fstat said of it; the caller closes the descriptor. */
export function openOwnLog(file: string, opts: OwnLogOptions): { fd: number; stats: fs.Stats } {
  const fd = open(file, APPEND | (opts.read ? fs.constants.O_RDWR : fs.constants.O_WRONLY), opts);
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw new Error(`${file} is not a regular file`);
    // A hard link is the same file under two names: appending to it writes the other name's file too.
    if (stats.nlink !== 1)
      throw new Error(
        `${file} has ${stats.nlink} hard links: AgentGuard appends its ${opts.what} only to a file with no other name`,
      );
    return { fd, stats };
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}
