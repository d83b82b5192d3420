// Was this write to a protected file let through a moment ago? An agent with
// a hook asked first (its Edit tool call, a terminal line a human allowed):
// the audit log says so, and the file guard then keeps the new content
// instead of putting the old one back. Read from the log's tail only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditFile } from '../state/audit';

const TAIL_BYTES = 256 * 1024;
/** How long after its approval a write still counts as the approved one. */
export const APPROVAL_FRESH_MS = 120_000;

export function approvedRecently(stateDir: string, file: string, now = Date.now()): boolean {
  let text: string;
  try {
    const fd = fs.openSync(auditFile(stateDir), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return false;
      const len = Math.min(st.size, TAIL_BYTES);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, st.size - len);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  const abs = path.resolve(file);
  const base = path.basename(abs);
  for (const line of text.split('\n').reverse()) {
    let r: { time?: string; decision?: string; kind?: string; paths?: unknown; command?: unknown; cwd?: unknown };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      continue;
    }
    const t = Date.parse(r.time ?? '');
    if (!Number.isFinite(t)) continue;
    if (now - t > APPROVAL_FRESH_MS) break;
    if (r.decision !== 'allow') continue;
    const cwd = typeof r.cwd === 'string' ? r.cwd : '/';
    if (
      r.kind === 'edit' &&
      Array.isArray(r.paths) &&
      r.paths.some((p) => typeof p === 'string' && path.resolve(cwd, p) === abs)
    )
      return true;
    // A command a human allowed that names the file (sed -i, a migration tool writing it).
    if (
      r.kind === 'shell' &&
      typeof r.command === 'string' &&
      r.command.includes(base) &&
      (r as { approval?: string }).approval === 'allow'
    )
      return true;
  }
  return false;
}
