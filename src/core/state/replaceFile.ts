// The one way AgentGuard replaces a file whole (the kill switch, a record, a
// cache, a hook file it restores): written to a fresh file beside it, then
// renamed over it, so a reader never sees half a file and a link or FIFO put
// in the file's place is replaced, never followed or opened. The temporary
// name is guessable (the process id and the time), so it is opened
// exclusively: a link planted at that name is never written through (that
// would put the text, and the mode, into the file the link names, a shell's
// rc file), and a leftover is never appended to. Whatever stands at the name
// is removed (unlinking a link removes the link, not what it names) and the
// open tried once more; a second refusal is an error for the caller.
import * as fs from 'node:fs';
import * as path from 'node:path';

function openFresh(tmp: string, mode: number): number {
  try {
    return fs.openSync(tmp, 'wx', mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  fs.rmSync(tmp, { force: true });
  return fs.openSync(tmp, 'wx', mode);
}

/** A new file at `tmp` holding `data` (the umask applies to `mode`), made as replaceFile makes its temporary file. */
export function writeFresh(tmp: string, data: string, mode: number): void {
  const fd = openFresh(tmp, mode);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

export interface ReplaceOptions {
  /** Make the file's folder first, with this mode (the umask applies): 0o700 for AgentGuard's own folders. */
  folderMode?: number;
}

/**
 * Replaces `file` by `data`, with exactly `mode` (the umask does not apply; undefined: a new file's default, which it
 * does). Throws what went wrong.
 */
export function replaceFile(
  file: string,
  data: string | Uint8Array,
  mode: number | undefined,
  opts: ReplaceOptions = {},
): void {
  if (opts.folderMode !== undefined) fs.mkdirSync(path.dirname(file), { recursive: true, mode: opts.folderMode });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openFresh(tmp, mode ?? 0o666);
  try {
    try {
      fs.writeFileSync(fd, data);
      if (mode !== undefined) fs.fchmodSync(fd, mode);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
