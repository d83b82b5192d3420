// The head kept beside the audit log (`audit.head`): the hash of the last
// entry, one line, rewritten with every entry under the log's lock, so that
// entries cut from the end of the log show (`verifyAudit`, audit.ts).
import * as fs from 'node:fs';

/** unlink, where a missing file is fine (not fs.rmSync: its module costs every hook call a load). */
function unlinkIfThere(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

const HEAD_OVERWRITE = fs.constants.O_WRONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Writes the head (one hash and a newline), under the log's lock. The usual
 * case overwrites the 65 bytes of the head written before in place: one
 * `pwrite`, no new file. A new file renamed over the last one, as every
 * entry wrote before (now the rare case below), made ext4 wait for the new
 * file's data: most of what an audit record cost. An overwrite in place keeps what a rename gave
 * the readers (`audit verify`, the AgentGuard service): the file never holds
 * anything but one whole hash. The write is one copy into one page, which a
 * killed process cannot leave half done, and it falls in one disk sector, so
 * a power cut leaves the old hash or the new one — the same two outcomes a
 * rename has, and no format a reader has to learn (a state folder reads the
 * same by every version). Overwriting allocates nothing, so a full disk
 * cannot leave a logged entry without its head. (`audit verify` reads the
 * head under the same lock, so it never meets the copy half made; where it
 * cannot take the lock it calls a difference tampering only when a second
 * look finds it again.)
 *
 * Only a regular owner-only file of exactly one hash and one link is
 * overwritten; a head missing, of another size or mode, a link (symbolic or
 * hard: a write through it would land in another file) or not a regular
 * file (opening a FIFO for writing without blocking fails at once) is
 * written anew and renamed over, as always.
 */
export function writeHead(head: string, text: string): void {
  const bytes = Buffer.from(text);
  let fd: number | undefined;
  try {
    fd = fs.openSync(head, HEAD_OVERWRITE);
  } catch {
    // Missing, a link, a FIFO nobody reads, a directory: written anew below.
  }
  if (fd !== undefined) {
    try {
      const st = fs.fstatSync(fd);
      if (st.isFile() && st.nlink === 1 && st.size === bytes.length && (st.mode & 0o777) === 0o600) {
        if (fs.writeSync(fd, bytes, 0, bytes.length, 0) !== bytes.length) throw new Error(`${head} written in part`);
        return;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  // Exclusive create: a FIFO left at the temporary name fails at once instead of blocking.
  unlinkIfThere(`${head}.tmp`);
  fs.writeFileSync(`${head}.tmp`, bytes, { mode: 0o600, flag: 'wx' });
  fs.renameSync(`${head}.tmp`, head);
}
