// MongoDB shell code (mongosh --eval, scripts): JavaScript, not SQL.
import type { Finding } from '../../../types';
import { MAX_SQL_CHARS } from './lexer';
import { saysProduction } from './clauses';
import { filterMatchesAll } from './mongoFilters';
import { mongoOverwriteFindings } from './mongoOverwrites';

export const MONGO_HINT = /\bdb\s*[.[]|getSiblingDB|runCommand|adminCommand/;

/** JavaScript with string and comment contents blanked out, same length, so offsets still line up. */
function maskJs(code: string): string {
  const parts: string[] = [];
  const n = Math.min(code.length, MAX_SQL_CHARS);
  let copied = 0;
  let i = 0;
  const blank = (from: number, to: number, keepEnds: boolean): void => {
    parts.push(code.slice(copied, from));
    if (keepEnds && to - from >= 2) parts.push(code[from] + ' '.repeat(to - from - 2) + code[to - 1]);
    else parts.push(' '.repeat(to - from));
    copied = to;
  };
  while (i < n) {
    const c = code[i];
    if (c === '/' && (code[i + 1] === '/' || code[i + 1] === '*')) {
      const line = code[i + 1] === '/';
      const end = line ? code.indexOf('\n', i) : code.indexOf('*/', i + 2);
      const stop = end === -1 ? n : line ? end : end + 2;
      blank(i, Math.min(stop, n), false);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < n && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, n);
      blank(i, stop, true);
      i = stop;
    } else i++;
  }
  parts.push(code.slice(copied, n));
  return parts.join('');
}

/** Every match of a global regex (at most 50), skipped outright when the text has none of `needles` (most code). */
function matches(re: RegExp, text: string, ...needles: string[]): RegExpExecArray[] {
  if (!needles.some((n) => text.includes(n))) return [];
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < 50) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

const MONGO_DROP_DB = /\.\s*dropDatabase\s*\(/g;
const MONGO_DROP_COLL =
  /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\bdb\s*\[([^\]]*)\]|\b([A-Za-z_$][\w$]*))\s*\.\s*drop\s*\(\s*\)/g;
const MONGO_DELETE_ALL =
  /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\b[A-Za-z_$][\w$]*)\s*\.\s*(deleteMany|remove)\s*\(\s*(?:\{\s*\}\s*)?[,)]/g;
// Any deleteMany/remove/updateMany call: its filter is read by filterMatchesAll.
const MONGO_FILTERED_CALL =
  /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\b[A-Za-z_$][\w$]*)\s*\.\s*(deleteMany|remove|updateMany)\s*\(/g;
const MONGO_UPDATE_ALL =
  /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\b[A-Za-z_$][\w$]*)\s*\.\s*updateMany\s*\(\s*\{\s*\}\s*,/g;
const MONGO_RUN_DROP =
  /(?:runCommand|adminCommand)\s*\(\s*\{\s*["']?(dropDatabase|drop|dropAllUsersFromDatabase|shutdown)["']?\s*:/g;
const MONGO_ADMIN = /\.\s*(dropAllUsers|dropUser|dropRole|dropAllRoles|shutdownServer)\s*\(/g;
// bulkWrite([{ deleteMany: { filter: {} } }]): the same empty filter, spelled as an operation.
const MONGO_BULK_ALL = /\b(deleteMany|updateMany)["']?\s*:\s*\{\s*["']?filter["']?\s*:\s*\{\s*\}/g;

/** Collection name from whichever alternative matched, read from the unmasked text. */
function collectionOf(code: string, m: RegExpExecArray, groups: readonly number[]): string | undefined {
  for (const g of groups) {
    if (m[g] === undefined) continue;
    const start = m.index + m[0].indexOf(m[g]);
    const raw = code.slice(start, start + m[g].length).trim();
    return raw.replace(/^["'`]|["'`]$/g, '') || undefined;
  }
  return undefined;
}

const MONGO_DESTRUCTIVE_CALL = /\.\s*(drop|dropDatabase|deleteMany|deleteOne|remove|updateMany|findOneAndDelete)\s*\(/g;

/** A destructive call whose arguments never close (`deleteMany({{{…`): its filter cannot be read, so it may be everything. */
function unreadableMongoCalls(masked: string, database: string | undefined): Finding[] {
  MONGO_DESTRUCTIVE_CALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; (m = MONGO_DESTRUCTIVE_CALL.exec(masked)) && n < 64; n++) {
    let depth = 1;
    const end = Math.min(masked.length, m.index + m[0].length + 4096);
    for (let i = m.index + m[0].length; i < end && depth > 0; i++) {
      const c = masked[i];
      if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') depth--;
    }
    if (depth > 0) {
      return [
        {
          id: 'sql.mongo-unreadable',
          summary: `a MongoDB ${m[1]}() call whose arguments cannot be read: it may affect every document`,
          target: database,
          severity: 50,
        },
      ];
    }
  }
  return [];
}

/** Findings for MongoDB shell code: dropDatabase, collection drop, deleteMany({}) … */
export function analyzeMongo(code: string, database?: string): Finding[] {
  if (!MONGO_HINT.test(code)) return [];
  const masked = maskJs(code);
  const out: Finding[] = [];
  for (const m of matches(MONGO_DROP_DB, masked, 'dropDatabase')) {
    const sibling = /getSiblingDB\s*\(\s*["'`]([^"'`]*)["'`]\s*\)\s*$/.exec(
      code.slice(Math.max(0, m.index - 120), m.index),
    );
    const db = sibling?.[1] ?? database;
    out.push({
      id: 'sql.mongo-drop-database',
      summary: `dropDatabase() deletes MongoDB database ${db ?? '(current)'} and every collection in it`,
      target: db,
      alternative: `mongodump --db ${db ?? 'NAME'} first, and drop it by hand if it really must go`,
      severity: saysProduction(db) ? 95 : 80,
    });
  }
  for (const m of matches(MONGO_RUN_DROP, masked, 'Command')) {
    const what = m[1];
    out.push({
      id:
        what === 'dropDatabase'
          ? 'sql.mongo-drop-database'
          : what === 'shutdown'
            ? 'sql.mongo-admin'
            : 'sql.mongo-drop',
      summary: `runCommand({${what}}) ${what === 'shutdown' ? 'stops the MongoDB server' : 'deletes data'}`,
      target: database,
      severity: what === 'dropDatabase' ? 80 : what === 'shutdown' ? 60 : 70,
    });
  }
  for (const m of matches(MONGO_DROP_COLL, masked, 'drop')) {
    const coll = collectionOf(code, m, [1, 2, 3, 4]);
    out.push({
      id: 'sql.mongo-drop',
      summary: `drop() deletes MongoDB collection ${coll ?? ''} and all its documents`.replace('  ', ' '),
      target: coll,
      alternative: `mongodump --collection ${coll ?? 'NAME'} first`,
      severity: 70,
    });
  }
  for (const m of matches(MONGO_DELETE_ALL, masked, 'deleteMany', 'remove')) {
    const coll = collectionOf(code, m, [1, 2]);
    out.push({
      id: 'sql.mongo-delete-all',
      summary: `${m[3]}({}) with an empty filter deletes every document of ${coll ?? 'the collection'}`,
      target: coll,
      alternative: 'pass a filter for the documents you mean (try it with find() first)',
      severity: 70,
    });
  }
  for (const m of matches(MONGO_UPDATE_ALL, masked, 'updateMany')) {
    const coll = collectionOf(code, m, [1, 2]);
    out.push({
      id: 'sql.mongo-update-all',
      summary: `updateMany({}) with an empty filter rewrites every document of ${coll ?? 'the collection'}`,
      target: coll,
      alternative: 'pass a filter for the documents you mean',
      severity: 55,
    });
  }
  for (const m of matches(MONGO_FILTERED_CALL, masked, 'deleteMany', 'remove', 'updateMany')) {
    if (!filterMatchesAll(code, masked, m.index + m[0].length)) continue;
    const coll = collectionOf(code, m, [1, 2]);
    const del = m[3] !== 'updateMany';
    out.push({
      id: del ? 'sql.mongo-delete-all' : 'sql.mongo-update-all',
      summary: `${m[3]}() with a filter every document matches ${del ? 'deletes' : 'rewrites'} every document of ${coll ?? 'the collection'}`,
      target: coll,
      alternative: 'pass a filter for the documents you mean (try it with find() first)',
      severity: del ? 70 : 55,
    });
  }
  for (const m of matches(MONGO_BULK_ALL, masked, 'Many')) {
    const del = m[1] === 'deleteMany';
    out.push({
      id: del ? 'sql.mongo-delete-all' : 'sql.mongo-update-all',
      summary: `a bulkWrite ${m[1]} with an empty filter ${del ? 'deletes' : 'rewrites'} every document of the collection`,
      target: database,
      alternative: 'pass a filter for the documents you mean (try it with find() first)',
      severity: del ? 70 : 55,
    });
  }
  for (const m of matches(MONGO_ADMIN, masked, 'drop', 'shutdownServer')) {
    out.push({
      id: 'sql.mongo-admin',
      summary:
        m[1] === 'shutdownServer'
          ? 'shutdownServer() stops the MongoDB server'
          : `${m[1]}() removes database users or roles`,
      target: database,
      severity: m[1] === 'shutdownServer' ? 60 : 50,
    });
  }
  out.push(...mongoOverwriteFindings(code, masked, database));
  if (out.length === 0) out.push(...unreadableMongoCalls(masked, database));
  return out;
}

const MONGO_WRITES =
  /\.\s*(?:insert\w*|update\w*|replaceOne|delete\w*|remove|drop\w*|rename\w*|create\w*|bulkWrite|findOneAnd\w+|findAndModify|save|runCommand|adminCommand|grant\w*|revoke\w*|shutdownServer|setProfilingLevel)\s*\(|\$out\b|\$merge\b/;

export function mongoEffect(code: string): 'read' | 'write' {
  return MONGO_WRITES.test(maskJs(code)) || /\$out|\$merge/.test(code) ? 'write' : 'read';
}
