// Public API: findings for SQL text, and whether it only reads.
import type { Finding } from '../../../types';
import { analyzeMongo, MONGO_HINT, mongoEffect } from './mongo';
import { scanSql, type Statement } from './lexer';
import { type Judge, VERBS_AFTER_EXPLAIN } from './clauses';
import { judgeMetaCommands, judgeStatement } from './statement';

/** One finding per id: the worst one, naming every target (a dump that drops 300 tables is one finding). */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, { worst: Finding; targets: string[]; count: number }>();
  for (const f of findings) {
    const entry = byId.get(f.id);
    if (!entry) {
      byId.set(f.id, { worst: f, targets: f.target ? [f.target] : [], count: 1 });
      continue;
    }
    entry.count++;
    if (f.severity > entry.worst.severity) entry.worst = f;
    if (f.target && !entry.targets.includes(f.target)) entry.targets.push(f.target);
  }
  const out: Finding[] = [];
  for (const { worst, targets, count } of byId.values()) {
    const merged: Finding = { ...worst };
    if (targets.length > 1) {
      merged.target = targets.slice(0, 5).join(', ') + (targets.length > 5 ? ` (+${targets.length - 5} more)` : '');
    }
    if (count > 1) merged.summary += ` (and ${count - 1} more such statement${count > 2 ? 's' : ''})`;
    if (merged.alternative === undefined) delete merged.alternative;
    if (merged.target === undefined) delete merged.target;
    out.push(merged);
  }
  return out;
}

/**
 * Findings for SQL text, statement by statement: DROP, TRUNCATE, DELETE and
 * UPDATE without WHERE, ALTER TABLE … DROP, GRANT … TO PUBLIC, DROP OWNED,
 * COPY … PROGRAM, DO blocks, psql `\gexec`, shell escapes, and MongoDB shell
 * calls. `source` (a file name, `psql -c`) is added to each summary.
 */
export function analyzeSql(text: string, source?: string): Finding[] {
  if (looksLikeMongo(text)) {
    const out = mergeFindings(analyzeMongo(text));
    if (source) for (const f of out) f.summary += ` (${source})`;
    return out;
  }
  const raw: Finding[] = [];
  // Whether `\'` escapes depends on the server; when it appears, read both ways.
  const modes = text.includes("\\'") ? [false, true] : [false];
  let truncated = false;
  for (const mode of modes) {
    const scan = scanSql(text, mode);
    const j: Judge = { out: raw, nesting: 0 };
    for (const st of scan.statements) judgeStatement(st, j);
    if (!mode) judgeMetaCommands(scan.metaCommands, raw);
    truncated ||= scan.truncated;
  }
  const out = mergeFindings(raw);
  if (truncated) {
    out.push({
      id: 'sql.too-large',
      summary: 'the SQL is too long to be read completely; what was not read may destroy data',
      severity: 45,
    });
  }
  if (source) for (const f of out) f.summary += ` (${source})`;
  return out;
}

const READ_VERBS = new Set([
  'SELECT',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'VALUES',
  'TABLE',
  'WITH',
  'USE',
  'SET',
  'RESET',
  'BEGIN',
  'START',
  'COMMIT',
  'END',
  'ROLLBACK',
  'ABORT',
  'SAVEPOINT',
  'RELEASE',
  'FETCH',
  'DECLARE',
  'CLOSE',
  'MOVE',
  'LISTEN',
  'UNLISTEN',
  'HELP',
  'PRAGMA',
  'EXISTS',
  'CHECK',
  'LIST',
  'ANALYZE',
  'EXPLAIN',
  'DISCARD',
  'WAIT',
  'WATCH',
  'SOURCE',
]);
/** Functions that change state even inside a SELECT. */
const WRITING_FUNCTIONS = new Set([
  'SETVAL',
  'NEXTVAL',
  'PG_TERMINATE_BACKEND',
  'PG_CANCEL_BACKEND',
  'PG_DROP_REPLICATION_SLOT',
  'LO_UNLINK',
  'LO_IMPORT',
  'LO_EXPORT',
  'DBLINK_EXEC',
  'PG_RELOAD_CONF',
  'PG_PROMOTE',
  'PG_SWITCH_WAL',
  'PG_CREATE_RESTORE_POINT',
  'PG_FILE_WRITE',
  'PG_WAL_REPLAY_PAUSE',
  'PG_ROTATE_LOGFILE',
  'PG_CREATE_LOGICAL_REPLICATION_SLOT',
  'PG_CREATE_PHYSICAL_REPLICATION_SLOT',
]);
const WRITING_META =
  /^(?:\\!|\\copy\b[\s\S]*\bfrom\b|\.shell\b|\.system\b|\.import\b|\.restore\b|\.load\b|\.save\b|\.backup\b|\.clone\b)/i;

function statementWrites(st: Statement): boolean {
  const t = st.tokens;
  let start = 0;
  while (t[start]?.up === '(') start++;
  let verb = t[start]?.up ?? '';
  if (verb === 'EXPLAIN') {
    if (!t.some((x) => x.up === 'ANALYZE' || x.up === 'ANALYSE')) return false;
    let k = start + 1;
    while (k < t.length && !(t[k].depth === 0 && VERBS_AFTER_EXPLAIN.has(t[k].up))) k++;
    start = k;
    verb = t[k]?.up ?? '';
  }
  // `COPY users TO STDOUT` (and `COPY (SELECT …) TO STDOUT`) only exports; FROM, PROGRAM or a server file writes.
  if (verb === 'COPY') return !t.some((x, i) => x.depth === 0 && x.up === 'TO' && t[i + 1]?.up === 'STDOUT');
  if (!READ_VERBS.has(verb)) return true;
  if (verb === 'PRAGMA') return t.some((x) => x.up === '=');
  if (st.terminator && /^\\gexec\b/.test(st.terminator)) return true;
  for (let i = start; i < t.length; i++) {
    const x = t[i];
    if (x.kind !== 'word') continue;
    if (
      (x.up === 'DELETE' || x.up === 'UPDATE' || x.up === 'INSERT' || x.up === 'MERGE') &&
      (t[i - 1]?.up === '(' || t[i - 1]?.up === ')')
    )
      return true;
    if (x.up === 'INTO' && x.depth === 0 && verb !== 'SHOW') return true;
    if (WRITING_FUNCTIONS.has(x.up) && t[i + 1]?.up === '(') return true;
  }
  return false;
}

const SQL_WRITE_VERBS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'DROP',
  'CREATE',
  'ALTER',
  'TRUNCATE',
  'GRANT',
  'REVOKE',
  'COPY',
  'DO',
  'CALL',
  'EXEC',
  'EXECUTE',
  'MERGE',
  'REPLACE',
  'UPSERT',
  'VACUUM',
  'REINDEX',
  'CLUSTER',
  'COMMENT',
  'LOCK',
  'REFRESH',
  'RENAME',
  'LOAD',
  'IMPORT',
  'OPTIMIZE',
  'SYSTEM',
  'KILL',
  'FLUSH',
  'PURGE',
  'NOTIFY',
  'REASSIGN',
  'PREPARE',
  'DEALLOCATE',
]);

/** MongoDB shell code rather than SQL: it calls `db.…` and does not start with a SQL verb. */
export function looksLikeMongo(text: string): boolean {
  if (!MONGO_HINT.test(text)) return false;
  // `use app` and `show dbs` are both mongo shell and SQL: the first other statement decides.
  for (const st of scanSql(text.slice(0, 4096)).statements.slice(0, 20)) {
    const first = st.tokens[0]?.up ?? '';
    if (first === 'USE' || first === 'SHOW') continue;
    return !READ_VERBS.has(first) && !SQL_WRITE_VERBS.has(first);
  }
  return false;
}

/** Whether SQL text only reads (SELECT, SHOW, EXPLAIN, …) or changes state. */
export function sqlEffect(text: string): 'read' | 'write' {
  if (looksLikeMongo(text)) return mongoEffect(text);
  const modes = text.includes("\\'") ? [false, true] : [false];
  for (const mode of modes) {
    const scan = scanSql(text, mode);
    if (scan.truncated) return 'write';
    if (scan.metaCommands.some((m) => WRITING_META.test(m))) return 'write';
    if (scan.statements.some(statementWrites)) return 'write';
  }
  return 'read';
}
