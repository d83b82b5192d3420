// The file system as the guard reads it for a call: bounded, cached briefly, folders listed to a limit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisContext, DirEntry, FileIdentity } from '../types';
import { repeatablePathLookup } from '../state/lookups';
import { programCopyOf } from './programCopies';

// ---- the real file system, bounded ------------------------------------------

const MAX_CACHE = 256;

const CACHE_MS = 1000;

/**
 * Which judgment a cached look belongs to. A long-lived judge (a batch, a terminal's line session) judges one line
 * after another while the requester runs them: a look cached for an earlier line could miss a symlink that line
 * just repointed. So a look serves only the judgment that made it.
 */
let judgment = 0;

/** Starts a judgment: looks cached before it are looked at again. */
export function newJudgment(): void {
  judgment++;
}

/**
 * realpath and stat for protected-path checks: never throws, never follows a
 * path into a FIFO read (stat only), cached briefly (one tool call makes few
 * distinct lookups; a long-lived process must still see a new symlink).
 *
 * `scope`: 'judgment', a look serves the judgment that made it; 'chunk', it serves every judgment made with these
 * looks (within CACHE_MS): for lines that arrived together, all before any was answered, so a look made once after
 * they came is as fresh for each (`check --batch` makes these anew for every chunk of input, as it does its file
 * reads). A batch's lines name the same workspace, home and git folder: each was looked at again for every line.
 */
export function guardFs(
  scope: 'judgment' | 'chunk' = 'judgment',
): Pick<AnalysisContext, 'realpath' | 'stat' | 'readdir' | 'compiledProgram' | 'programCopyOf' | 'pathListing'> {
  const shared = scope === 'chunk';
  const real = new Map<string, { at: number; of: number; v: string | undefined }>();
  const stats = new Map<string, { at: number; of: number; v: FileIdentity | undefined }>();
  const lists = new Map<string, { at: number; of: number; v: readonly DirEntry[] | undefined }>();
  // Repeatable: `get` is the uncached look (a function of the path, shared by every look), so a caller that repeats a
  // judgment's looks sees the disk as it is now. Keyed by what is looked up and where: the same look twice in one
  // judgment is repeated once.
  const cached = <T>(
    m: Map<string, { at: number; of: number; v: T }>,
    what: string,
    p: string,
    get: (p: string) => T,
  ): T =>
    repeatablePathLookup(
      () => {
        const now = Date.now();
        const hit = m.get(p);
        if (hit && (shared || hit.of === judgment) && now - hit.at < CACHE_MS) return hit.v;
        if (m.size >= MAX_CACHE) m.clear();
        const v = get(p);
        m.set(p, { at: now, of: judgment, v });
        return v;
      },
      get,
      p,
      what,
    );
  const listings = new Map<string, ReadonlySet<string> | undefined>();
  return {
    realpath: (p) => cached(real, 'realpath:', p, realpathNow),
    stat: (p) => cached(stats, 'stat:', p, statNow),
    readdir: (p) => cached(lists, 'readdir:', p, listFolder),
    compiledProgram,
    programCopyOf,
    pathListing: (folder) => {
      if (listings.has(folder)) return listings.get(folder);
      const names = listNames(folder);
      if (listings.size < MAX_CACHE) listings.set(folder, names);
      return names;
    },
  };
}

function realpathNow(p: string): string | undefined {
  try {
    // Most lookups are of paths a command would create: a failed realpath throws an error with a stack
    // trace (about 20 µs), existsSync returns false (under 1 µs). Same answer either way. Not statSync: for a
    // path that is there it builds a Stats and its four Dates, for nothing read here.
    if (!fs.existsSync(p)) return undefined;
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function statNow(p: string): FileIdentity | undefined {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false, bigint: false });
    return st
      ? {
          dev: st.dev,
          ino: st.ino,
          nlink: st.nlink,
          isFile: st.isFile(),
          isDir: st.isDirectory(),
          size: st.size,
          mode: st.mode,
          mtimeMs: st.mtimeMs,
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The first bytes of the executable formats the kernels start directly: ELF, Mach-O (both byte orders, fat), PE. */
const PROGRAM_MAGIC = /^(?:7f454c46|feedfac[ef]|cefaedfe|cffaedfe|cafebabe|4d5a)/;

/** Whether a regular file starts as a compiled program: four bytes read, opened non-blocking (a FIFO is refused). */
function compiledProgram(p: string): boolean | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const head = Buffer.alloc(4);
    const n = fs.readSync(fd, head, 0, 4, 0);
    return PROGRAM_MAGIC.test(head.subarray(0, n).toString('hex'));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Most entries one folder listing returns: a bigger folder is not listed (whoever asked then knows nothing of it). */
export const MAX_FOLDER_ENTRIES = 4096;

function listFolder(p: string): readonly DirEntry[] | undefined {
  let dir: fs.Dir | undefined;
  try {
    dir = fs.opendirSync(p, { bufferSize: 256 });
    const out: DirEntry[] = [];
    for (let e = dir.readSync(); e; e = dir.readSync()) {
      if (out.length >= MAX_FOLDER_ENTRIES) return undefined;
      // A symlink counts as what it points to (a copy or a glob goes through it).
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = fs.statSync(path.join(p, e.name)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      out.push(e.isSymbolicLink() ? { name: e.name, dir: isDir, link: true } : { name: e.name, dir: isDir });
    }
    return out;
  } catch {
    return undefined;
  } finally {
    try {
      dir?.closeSync();
    } catch {
      // already closed
    }
  }
}

/** The names in a folder, at most MAX_FOLDER_ENTRIES of them (a bigger folder is not listed); undefined when unreadable. */
function listNames(folder: string): ReadonlySet<string> | undefined {
  try {
    const names = fs.readdirSync(folder);
    return names.length > MAX_FOLDER_ENTRIES ? undefined : new Set(names);
  } catch {
    return undefined;
  }
}
