// MongoDB calls that delete without a delete verb. An aggregation whose `$out`
// stage names its own collection (`db.users.aggregate([{$match: …}, {$out:
// "users"}])`) replaces that collection with the pipeline's result: every
// document the pipeline dropped is gone. A TTL index (`createIndex({createdAt:
// 1}, {expireAfterSeconds: 0})`, or `collMod` setting one) makes the server
// delete every document whose date field is older than the bound, within a
// minute: with 0, nearly all of them. An expiry field (`expireAt`,
// `expiresAt`) is the documented way to expire documents at a time of their
// own, and stays quiet. A `$merge` stage overwrites the documents of its target
// collection that the pipeline's output matches (`whenMatched: "replace"`, or
// `"merge"`, the default), unless told to keep them.
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
/** `$merge: "orders"` or `$merge: {…}`, the key quoted or not. */
const MERGE_STAGE = /["']?\$merge["']?\s*:\s*/g;
/** `into: "orders"` or `into: {db: "x", coll: "orders"}`. */
const MERGE_INTO =
  /\binto["']?\s*:\s*(?:["'`]([^"'`]{1,128})["'`]|\{[^}]{0,512}?\bcoll["']?\s*:\s*["'`]([^"'`]{1,128})["'`])/;
const WHEN_MATCHED = /\bwhenMatched["']?\s*:\s*(?:["'`](\w{1,32})["'`]|(\[))/;
/** Characters of one `$merge` stage's options read. */
const MAX_STAGE = 2048;
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

/**
 * `$merge` stages that overwrite documents already in their target: whenMatched `replace`, `merge` (the default) or
 * an update pipeline. `keepExisting` and `fail` leave them as they are.
 */
function mergeOverwrites(args: string): Finding[] {
  const out: Finding[] = [];
  MERGE_STAGE.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; (m = MERGE_STAGE.exec(args)) && n < MAX_CALLS; n++) {
    const from = m.index + m[0].length;
    const rest = args.slice(from, from + MAX_STAGE);
    let target: string | undefined;
    let how = 'merge';
    if (rest[0] === '{') {
      // The stage's own braces: `into: {db, coll}` nests one pair inside.
      let depth = 0;
      let end = rest.length;
      for (let i = 0; i < rest.length; i++) {
        if (rest[i] === '{' || rest[i] === '[') depth++;
        else if ((rest[i] === '}' || rest[i] === ']') && --depth === 0) {
          end = i + 1;
          break;
        }
      }
      const stage = rest.slice(0, end);
      const into = MERGE_INTO.exec(stage);
      target = into?.[1] ?? into?.[2];
      const when = WHEN_MATCHED.exec(stage);
      if (when) how = when[1] ?? 'pipeline';
    } else target = /^["'`]([^"'`]{1,128})["'`]/.exec(rest)?.[1];
    if (!target || how === 'keepExisting' || how === 'fail') continue;
    const what =
      how === 'replace'
        ? 'replaces every document of'
        : how === 'pipeline'
          ? 'rewrites every matching document of'
          : 'overwrites the fields of every matching document in';
    out.push({
      id: 'sql.mongo-overwrite',
      summary: `aggregate() with $merge into "${target}" (whenMatched: ${how}) ${what} ${target} that the pipeline's output matches`,
      target,
      alternative: `merge into a new collection ("${target}_new") first and compare, or use whenMatched: "keepExisting", after a mongodump of ${target}`,
      severity: how === 'replace' ? 70 : 60,
    });
  }
  MERGE_STAGE.lastIndex = 0;
  return out;
}

export function mongoOverwriteFindings(code: string, masked: string, database: string | undefined): Finding[] {
  const out: Finding[] = [];
  if (masked.includes('aggregate')) {
    for (const [m, args] of calls(AGGREGATE_CALL, code, masked)) {
      if (args.includes('$merge')) out.push(...mergeOverwrites(args));
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
