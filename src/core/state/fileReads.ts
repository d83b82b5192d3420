// Bounded reads of the files a command names: cached across calls by size and time, or
// fresh for one call.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from './regularFile';
import { repeatablePathLookup } from './lookups';
import { isNormalAbsolute } from '../text/normalPath';
import type { AnalysisContext } from '../types';

/** Largest file the engine reads to judge a command (`psql -f`, package.json, git config). */
export const MAX_READ_BYTES = 256 * 1024;

/** Both readers below look again the same way (readUncached): one reader's name for a file read by either. */
const READ_KEY = 'read:';

const readCache = new Map<string, { mtimeMs: number; size: number; text: string }>();

/**
 * `path.resolve(cwd, p)`. Most files are asked for by the absolute, normal paths the engine worked out, which
 * resolving returns as they are: those are not normalized again (for every file every line reads).
 */
function absolute(cwd: string, p: string): string {
  return path.sep === '/' && isNormalAbsolute(p) ? p : path.resolve(cwd, p);
}

export function boundedReadFile(p: string, cwd: string): string | undefined {
  const abs = absolute(cwd, p);
  return repeatablePathLookup(() => readCached(abs), readUncached, abs, READ_KEY);
}

function readCached(abs: string): string | undefined {
  try {
    // No exception for a missing file: most lookups (package.json up the tree, git config) miss.
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_READ_BYTES) return undefined;
    const cached = readCache.get(abs);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.text;
    // Opened non-blocking and checked again on the descriptor: a FIFO swapped in after the stat is refused, not waited on.
    const read = readRegularFile(abs, MAX_READ_BYTES, { followSymlinks: true });
    if (!read.ok) return undefined;
    if (readCache.size >= 64) readCache.delete(readCache.keys().next().value!);
    readCache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, text: read.text });
    return read.text;
  } catch {
    return undefined;
  }
}

/**
 * A file reader for one call: bounded like boundedReadFile, remembering
 * reads only for the call's own lifetime. A long-running judge must see a
 * file the agent rewrote a moment ago (within the file system's timestamp
 * granularity), and caches keyed by the reader (the kube context) start
 * fresh with it.
 */
export function freshFileReader(): AnalysisContext['readFile'] {
  const seen = new Map<string, string | undefined>();
  return (p, cwd) => {
    const abs = absolute(cwd, p);
    return repeatablePathLookup(
      () => {
        if (seen.has(abs)) return seen.get(abs);
        if (seen.size >= 256) seen.clear();
        const text = readUncached(abs);
        seen.set(abs, text);
        return text;
      },
      readUncached,
      abs,
      READ_KEY,
    );
  };
}

function readUncached(abs: string): string | undefined {
  try {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_READ_BYTES) return undefined;
    const read = readRegularFile(abs, MAX_READ_BYTES, { followSymlinks: true });
    return read.ok ? read.text : undefined;
  } catch {
    return undefined;
  }
}
