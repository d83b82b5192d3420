// Judgment of one statement: what every statement judge shares: names
// that say production, object kinds, and where a clause starts and ends.
import type { Finding } from '../../../types';
import type { Token } from './lexer';
import { whereMatchesAll } from './matchAll';

/** Whether a name (database, host, schema) says it is production. */
const PRODUCTION_HINT = /pr|live/i;

export function saysProduction(name: string | undefined): boolean {
  if (!name || !PRODUCTION_HINT.test(name)) return false;
  for (const word of name.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word === 'prod' || word === 'production' || word === 'prd' || word === 'live') return true;
  }
  return false;
}

export const DATA_OBJECTS = new Set([
  'TABLE',
  'COLUMNFAMILY',
  'MEASUREMENT',
  'SERIES',
  'COLLECTION',
  'SHARD',
  'RETENTION POLICY',
  'STAGE',
  'PARTITION',
]);
export const CONTAINER_OBJECTS = new Set(['DATABASE', 'SCHEMA', 'KEYSPACE']);
/** Object kinds spelled in two words (`DROP MATERIALIZED VIEW`); `DROP USER bob` is not one. */
export const TWO_WORD_OBJECTS: Record<string, readonly string[]> = {
  MATERIALIZED: ['VIEW'],
  FOREIGN: ['TABLE', 'DATA'],
  RETENTION: ['POLICY'],
  CONTINUOUS: ['QUERY'],
  EVENT: ['TRIGGER'],
  USER: ['MAPPING'],
  ACCESS: ['METHOD'],
  TEXT: ['SEARCH'],
};
export const VERBS_AFTER_EXPLAIN = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'WITH',
  'VALUES',
  'TABLE',
  'MERGE',
  'REPLACE',
  'CREATE',
  'DECLARE',
  'EXECUTE',
]);
/** Tokens after which DELETE/UPDATE start a statement of their own (CTE bodies, PL/pgSQL blocks). */
export const STATEMENT_OPENERS = new Set(['(', ')', 'BEGIN', 'THEN', 'ELSE', 'LOOP', 'ATOMIC']);
export const DESTRUCTIVE_TEXT = /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|KEYSPACE|OWNED)|TRUNCATE|DELETE\s+FROM)\b/i;

export interface Judge {
  out: Finding[];
  nesting: number;
}

export function find(tokens: readonly Token[], from: number, to: number, up: string, depth: number): number {
  for (let k = from; k < to; k++) if (tokens[k].up === up && tokens[k].depth === depth) return k;
  return -1;
}

/** End (exclusive) of the clause that starts at `i`: where its parenthesis closes, or the statement ends. */
export function extentOf(tokens: readonly Token[], i: number): number {
  const d = tokens[i].depth;
  let k = i + 1;
  while (k < tokens.length && tokens[k].depth >= d) k++;
  return k;
}

/**
 * Whether the clause [i, end) restricts rows: a WHERE that does not match every row anyway, or an inner JOIN … ON.
 * `table` names the table the clause changes, whose key column (`users.user_id`) every row has.
 */
export function restrictsRows(tokens: readonly Token[], i: number, end: number, table?: string): boolean {
  const d = tokens[i].depth;
  const where = find(tokens, i + 1, end, 'WHERE', d);
  if (where !== -1) return !whereMatchesAll(tokens, where + 1, end, d, table);
  for (let k = i + 1; k < end; k++) {
    const t = tokens[k];
    if (t.depth !== d || t.up !== 'JOIN') continue;
    const prev = tokens[k - 1]?.up;
    if (prev !== 'LEFT' && prev !== 'RIGHT' && prev !== 'FULL' && prev !== 'CROSS' && prev !== 'OUTER') return true;
  }
  return false;
}
