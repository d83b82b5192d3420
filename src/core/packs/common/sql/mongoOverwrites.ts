// MongoDB calls that delete without a delete verb. An aggregation whose `$out`
// stage names its own collection (`db.users.aggregate([{$match: …}, {$out:
// "users"}])`) replaces that collection with the pipeline's result: every
// document the pipeline dropped is gone. A TTL index (`createIndex({createdAt:
// 1}, {expireAfterSeconds: 0})`, or `collMod` setting one) makes the server
// delete every document whose date field is older than the bound, within a
// minute: with 0, nearly all of them. An expiry field (`expireAt`,
// `expiresAt`) is the documented way to expire documents at a time of their
// own, and stays quiet.
import type { Finding } from '../../../types';

/** Characters of a call's arguments read; past it the stage or option is not looked for. */
const MAX_ARGS = 8192;
const MAX_CALLS = 32;
/**
 * A TTL under a minute on a field that is not an expiry time deletes nearly every document the collection holds;
 * an hour or a day on `createdAt` is how sessions and caches are kept short, and stays quiet.
 */
const SHORT_TTL = 60;

const AGGREGATE_CALL =
  /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(\s*["'`]([^"'`]{1,128})["'`]\s*\))\s*\.\s*aggregate\s*\(/g;
/** `$out: "users"` or `$out: {db: "x", coll: "users"}`, the key quoted or not. */
const OUT_STAGE =
  /["']?\$out["']?\s*:\s*(?:["'`]([^"'`]{1,128})["'`]|\{[^}]{0,512}?\bcoll["']?\s*:\s*["'`]([^"'`]{1,128})["'`])/;
const INDEX_CALL = /\.\s*(?:createIndex|ensureIndex|createIndexes)\s*\(|\bcollMod\b/g;
const TTL_OPTION = /["']?expireAfterSeconds["']?\s*:\s*(\d{1,12})/;
const FIRST_KEY = /\{\s*["'`]?([A-Za-z_$][\w$.]{0,127})["'`]?\s*:/;
const EXPIRY_FIELD = /expir|ttl|valid[_-]?until|delete[_-]?at|purge[_-]?at|deadline/i;

/** End (exclusive) of the call whose arguments open at `from` in `masked`: its closing `)`, or -1 past the bound. */
function callEnd(masked: string, from: number): number {
  let depth = 1;
  const stop = Math.min(masked.length, from + MAX_ARGS);
  for (let i = from; i < stop; i++) {
    const c = masked[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function* calls(re: RegExp, code: string, masked: string): Generator<[RegExpExecArray, string]> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; (m = re.exec(masked)) && n < MAX_CALLS; n++) {
    const from = m.index + m[0].length;
    const end = callEnd(masked, from);
    // An argument list that never closes within the bound is read as far as the bound.
    yield [m, code.slice(from, end === -1 ? Math.min(code.length, from + MAX_ARGS) : end)];
  }
  re.lastIndex = 0;
}

/** The collection an alternative of AGGREGATE_CALL named, read from the unmasked text (a quoted name is masked). */
function sourceOf(code: string, m: RegExpExecArray): string | undefined {
  if (m[1] !== undefined) return m[1];
  return /getCollection\s*\(\s*["'`]([^"'`]{1,128})/.exec(code.slice(m.index, m.index + m[0].length))?.[1];
}

export function mongoOverwriteFindings(code: string, masked: string, database: string | undefined): Finding[] {
  const out: Finding[] = [];
  if (masked.includes('aggregate')) {
    for (const [m, args] of calls(AGGREGATE_CALL, code, masked)) {
      const stage = OUT_STAGE.exec(args);
      const target = stage?.[1] ?? stage?.[2];
      const source = sourceOf(code, m);
      if (!target || !source || target !== source) continue;
      out.push({
        id: 'sql.mongo-overwrite',
        summary: `aggregate() with $out: "${target}" replaces collection ${target} with the pipeline's result: the documents it leaves out are deleted`,
        target,
        alternative: `write to a new collection ($out: "${target}_new"), check it, then rename it over ${target} after a mongodump`,
        severity: 70,
      });
    }
  }
  if (masked.includes('Index') || masked.includes('collMod')) {
    for (const [m, args] of calls(INDEX_CALL, code, masked)) {
      const ttl = TTL_OPTION.exec(args);
      if (!ttl || Number(ttl[1]) >= SHORT_TTL) continue;
      // For collMod the whole command is read; the key pattern sits in its `keyPattern`.
      const keys = m[0].includes('collMod') ? /keyPattern["']?\s*:\s*(\{[^}]{0,512}\})/.exec(args)?.[1] : args;
      const field = keys ? FIRST_KEY.exec(keys)?.[1] : undefined;
      if (field && EXPIRY_FIELD.test(field)) continue;
      out.push({
        id: 'sql.mongo-ttl-delete',
        summary: `a TTL index with expireAfterSeconds: ${ttl[1]} on ${field ?? 'a date field'} makes MongoDB delete every document older than ${ttl[1]} seconds by that field, within a minute`,
        target: database,
        alternative: 'count the documents it would delete first, and use an expiry field (expireAt) or a longer TTL',
        severity: 60,
      });
    }
  }
  return out;
}
