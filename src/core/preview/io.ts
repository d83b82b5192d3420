// The real file system behind PreviewIo: bounded reads, lstat (a symlink is
// never followed out of the tree a command deletes), plain directory lists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PREVIEW_LIMITS, type CurrentFile, type PreviewIo, type WalkEntry } from './types';

/** Bytes looked at to tell text from binary, as git does: a NUL byte means binary. */
const SNIFF_BYTES = 8000;

export function isBinary(buf: Uint8Array): boolean {
  const end = Math.min(buf.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buf[i] === 0) return true;
  return false;
}

function entryOf(name: string, st: fs.Stats): WalkEntry {
  return { name, kind: st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other', bytes: st.isFile() ? st.size : 0 };
}

export function realPreviewIo(fileBytes: number = PREVIEW_LIMITS.fileBytes): PreviewIo {
  return {
    readCurrent(absPath: string): CurrentFile {
      try {
        const st = fs.statSync(absPath, { throwIfNoEntry: false });
        if (!st) return { kind: 'missing' };
        if (!st.isFile()) return { kind: 'unreadable', reason: 'not a regular file' };
        if (st.size > fileBytes) return { kind: 'too-large', bytes: st.size };
        const buf = fs.readFileSync(absPath);
        if (isBinary(buf)) return { kind: 'binary', bytes: buf.length };
        return { kind: 'text', text: buf.toString('utf8') };
      } catch (err) {
        return { kind: 'unreadable', reason: (err as Error).message };
      }
    },
    stat(absPath: string): WalkEntry | undefined {
      try {
        const st = fs.lstatSync(absPath, { throwIfNoEntry: false });
        return st ? entryOf(path.basename(absPath), st) : undefined;
      } catch {
        return undefined;
      }
    },
    list(absDir: string): WalkEntry[] | undefined {
      try {
        return fs.readdirSync(absDir, { withFileTypes: true }).map((d) => {
          const kind = d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other';
          let bytes = 0;
          if (kind === 'file') {
            try {
              bytes = fs.lstatSync(path.join(absDir, d.name)).size;
            } catch {
              // vanished between the list and the stat: counted without a size
            }
          }
          return { name: d.name, kind, bytes } satisfies WalkEntry;
        });
      } catch {
        return undefined;
      }
    },
    now: () => Date.now(),
  };
}
