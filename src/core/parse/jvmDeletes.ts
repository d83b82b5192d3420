// JVM deletes called on a path built by calls rather than on a constructor the
// foreign reader (foreignCode.ts) matches whole: `home.resolve("notes").toFile().delete()`,
// `Path.of(System.getenv("HOME")).resolve("x").toFile().deleteOnExit()`, Kotlin's
// `File(home).resolve("x").deleteRecursively()`. The receiver is read as a path
// expression; one the reader cannot spell out (`it.delete()`, a map's delete) is
// left as the reader leaves it today, unrecorded.
import { receiverBefore } from './homePaths';

/** `.delete()` and its kin, with no arguments: what a java.io.File or a Kotlin File deletes itself with. */
const METHOD_DELETE = /\.\s*(deleteRecursively|deleteDir|deleteOnExit|delete)\s*\(\s*\)/g;
/** Deletes looked at: far more than a test suite spells out; past it the code is unread. */
const MAX_MATCHES = 64;

interface DeleteReading {
  deletes: { path: string; recursive: boolean }[];
}

/** Records the deletes of receivers that read as a known path; true when more calls than the bound were found. */
export function readReceiverDeletes(code: string, reading: DeleteReading, path: (e: string) => string): boolean {
  // The gate: no delete method, nothing to look back from.
  if (!code.includes('delete')) return false;
  let count = 0;
  METHOD_DELETE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = METHOD_DELETE.exec(code))) {
    if (++count > MAX_MATCHES) return true;
    const receiver = receiverBefore(code, m.index);
    if (!receiver) continue;
    const target = path(receiver);
    if (target === '' || target.startsWith('$(')) continue;
    const recursive = m[1] === 'deleteRecursively' || m[1] === 'deleteDir';
    // A constructor's delete is read by foreignCode.ts's own pass as well: once is enough.
    if (!reading.deletes.some((d) => d.path === target && d.recursive === recursive))
      reading.deletes.push({ path: target, recursive });
  }
  return false;
}
