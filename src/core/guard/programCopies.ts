// The system program a file is a copy of, for judging one run under another
// name (parse/wrappers/programCopies.ts): the programs of PATH's system
// folders of the file's size, then the one whose bytes are the file's (sizes
// are shared: rm and chown, ls and dir). A folder is listed and its files'
// sizes read once per process, again when the folder changes (an install);
// one look costs some 1,500 stats of /usr/bin. Read
// straight from the disk, not as a judgment's recorded looks: a batch
// reusing a line's answer checks each of those looks again, and the system
// folders are written only by their administrator.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files of one folder read at most; a bigger folder is read as far as this. */
const MAX_ENTRIES = 8192;
/** Below this a file is a script or a stub, read as text elsewhere. */
const MIN_SIZE = 4096;
/** Past this size a program is named by its size alone: comparing bytes would cost more than the judgment. */
const MAX_COMPARED = 64 * 1024 * 1024;
/** Programs of one size compared at most. */
const MAX_SAME_SIZE = 8;

interface Named {
  name: string;
  link: boolean;
}
interface FolderSizes {
  mtimeMs: number;
  sizes: Map<number, Named[]>;
}

const folders = new Map<string, FolderSizes>();

function readFolder(real: string, mtimeMs: number): FolderSizes {
  const sizes = new Map<number, Named[]>();
  let n = 0;
  for (const e of fs.readdirSync(real, { withFileTypes: true })) {
    if (++n > MAX_ENTRIES) break;
    if (e.isDirectory()) continue;
    const st = fs.statSync(path.join(real, e.name), { throwIfNoEntry: false });
    if (!st?.isFile() || st.size < MIN_SIZE) continue;
    const named = { name: e.name, link: e.isSymbolicLink() };
    const had = sizes.get(st.size);
    if (!had) sizes.set(st.size, [named]);
    // The file's own name before a link's (`bash`, not `rbash`, which bash runs restricted).
    else if (had.length < MAX_SAME_SIZE) had.splice(named.link ? had.length : 0, 0, named);
  }
  return { mtimeMs, sizes };
}

/** Whether two files of `size` bytes hold the same bytes, read a chunk at a time, stopping at the first difference. */
function sameBytes(a: string, b: string, size: number): boolean {
  if (size > MAX_COMPARED) return true;
  const fa = fs.openSync(a, 'r');
  try {
    const fb = fs.openSync(b, 'r');
    try {
      const x = Buffer.alloc(65536);
      const y = Buffer.alloc(65536);
      for (let at = 0; at < size;) {
        const n = fs.readSync(fa, x, 0, x.length, at);
        if (n <= 0 || fs.readSync(fb, y, 0, n, at) !== n || x.compare(y, 0, n, 0, n) !== 0) return false;
        at += n;
      }
      return true;
    } finally {
      fs.closeSync(fb);
    }
  } finally {
    fs.closeSync(fa);
  }
}

/** The name of the program of `dirs` (system folders of PATH, in order) that `file` is a byte-for-byte copy of. */
export function programCopyOf(file: string, dirs: readonly string[]): string | undefined {
  const seen = new Set<string>();
  try {
    const size = fs.statSync(file).size;
    if (size < MIN_SIZE) return undefined;
    for (const dir of dirs) {
      // `/bin` and `/usr/bin` are one folder on a merged /usr: read once.
      const real = fs.realpathSync.native(dir);
      if (seen.has(real)) continue;
      seen.add(real);
      const mtimeMs = fs.statSync(real).mtimeMs;
      let known = folders.get(real);
      if (!known || known.mtimeMs !== mtimeMs) folders.set(real, (known = readFolder(real, mtimeMs)));
      for (const named of known.sizes.get(size) ?? []) {
        if (sameBytes(file, path.join(real, named.name), size)) return named.name;
      }
    }
  } catch {
    // A file or folder not there or not readable names nothing.
  }
  return undefined;
}
