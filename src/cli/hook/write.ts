// Writes all of a text to a descriptor the host reads (stdout, stderr),
// which may be a non-blocking pipe that is momentarily full.
import * as fs from 'node:fs';

export function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (err) {
      // A non-blocking pipe that is momentarily full: try again.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}
