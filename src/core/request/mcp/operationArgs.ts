// Servers that put many operations behind one tool name the operation in an
// argument (`{"selectSchema": {"operation": "delete-site", …}}`,
// `{"action": "deleteVolume"}`): that value is the tool's real verb, read as
// if it were the tool's name.
import { toolWords } from './walk';

/** Keys (folded to lower-case letters) that name the operation a dispatching tool runs. */
const OPERATION_KEYS = new Set(['operation', 'operationname', 'operationid', 'op', 'action', 'subcommand', 'verb']);
/** An operation's name: one identifier, no spaces (a sentence under `action` is words, not a verb). */
const OPERATION_NAME = /^[A-Za-z][\w.:/-]{0,63}$/;
const MAX_DEPTH = 4;
const MAX_OBJECTS = 64;

/** The words of every operation an argument names, nested up to MAX_DEPTH objects deep, the first MAX_OBJECTS objects. */
export function operationWords(input: unknown): string[] {
  const out: string[] = [];
  const queue: { o: unknown; depth: number }[] = [{ o: input, depth: 0 }];
  for (let q = 0; q < queue.length && q < MAX_OBJECTS; q++) {
    const { o, depth } = queue[q];
    if (!o || typeof o !== 'object') continue;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (typeof v === 'string') {
        if (OPERATION_KEYS.has(k.toLowerCase().replace(/[^a-z]/g, '')) && OPERATION_NAME.test(v))
          out.push(...toolWords(v));
      } else if (v && typeof v === 'object' && depth < MAX_DEPTH) queue.push({ o: v, depth: depth + 1 });
    }
  }
  return out;
}
