// What a deleting command would take with it: a breadth-first walk of its
// targets that stops at an entry count and a time limit, so `rm -rf ~` on a
// huge home costs the hook 150 ms, not minutes, and says "at least".
import * as path from 'node:path';
import { PREVIEW_LIMITS, type DeleteSummary, type PreviewIo, type PreviewLimits } from './types';

export interface DeleteTarget {
  /** Absolute path, or the raw word when `dynamic`. */
  path: string;
  recursive?: boolean;
  /** An unresolved variable or glob: it cannot be walked. */
  dynamic?: boolean;
}

export function summarizeDeletes(
  targets: readonly DeleteTarget[],
  io: PreviewIo,
  limits: PreviewLimits = { ...PREVIEW_LIMITS },
): DeleteSummary {
  const started = io.now();
  const summary: DeleteSummary = { count: 0, bytes: 0, sample: [], complete: true };
  const seen = new Set<string>();
  const queue: string[] = [];
  let visited = 0;

  const count = (abs: string, bytes: number) => {
    summary.count++;
    summary.bytes += bytes;
    if (summary.sample.length < limits.samplePaths) summary.sample.push(abs);
  };
  const outOfBudget = () => visited >= limits.walkEntries || io.now() - started > limits.walkMs;

  for (const t of targets) {
    if (t.dynamic || !path.isAbsolute(t.path)) {
      summary.complete = false;
      continue;
    }
    const abs = path.resolve(t.path);
    if (seen.has(abs)) continue;
    seen.add(abs);
    if (outOfBudget()) {
      summary.complete = false;
      break;
    }
    visited++;
    const entry = io.stat(abs);
    if (!entry) continue; // nothing there: nothing deleted
    count(abs, entry.bytes);
    if (entry.kind === 'dir' && t.recursive) queue.push(abs);
  }

  // Breadth first, so the sample shows the top of each tree before its depths.
  for (let head = 0; head < queue.length; head++) {
    const dir = queue[head];
    const entries = io.list(dir);
    if (!entries) {
      summary.complete = false;
      continue;
    }
    for (const e of entries) {
      if (outOfBudget()) {
        summary.complete = false;
        return summary;
      }
      visited++;
      const abs = path.join(dir, e.name);
      if (seen.has(abs)) continue;
      seen.add(abs);
      count(abs, e.bytes);
      if (e.kind === 'dir') queue.push(abs);
    }
  }
  return summary;
}

/** `1 file`, `12 files and folders, 3.4 MB`, `at least 2000 …`. */
export function describeDeletes(s: DeleteSummary): string {
  const n = `${s.complete ? '' : 'at least '}${s.count} ${s.count === 1 ? 'file or folder' : 'files and folders'}`;
  return `${n}, ${formatBytes(s.bytes)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
