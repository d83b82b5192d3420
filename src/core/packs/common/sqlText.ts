// Cloud CLIs that run SQL for you (`aws athena start-query-execution
// --query-string`, `aws rds-data execute-statement --sql`, `bq query`,
// `wrangler d1 execute --command`, `gcloud spanner databases execute-sql`).
// Only the statements that destroy data count here; full SQL judgment lives
// in the SQL pack, which sees psql/mysql, not these.

const DROP = /\bdrop\s+(?:table|database|schema|keyspace|view|materialized\s+view|index|collection)\b/i;
const TRUNCATE = /\btruncate\s+(?:table\s+)?[`"\w]/i;
const DELETE_FROM = /\bdelete\s+from\s+[`"\w.[\]]+/gi;
const UPDATE_SET = /\bupdate\s+[`"\w.[\]]+\s+set\b/gi;
const ALTER_DROP = /\balter\s+table\s+[`"\w.[\]]+\s+drop\b/i;
const STATEMENT_END = /;|$/;
const WHERE = /\bwhere\b/i;

/** A short description of the first destructive statement, or undefined. */
export function destructiveSql(text: string): string | undefined {
  const sql = text.length > 65536 ? text.slice(0, 65536) : text;
  if (DROP.test(sql)) return 'DROP';
  if (TRUNCATE.test(sql)) return 'TRUNCATE';
  if (ALTER_DROP.test(sql)) return 'ALTER TABLE … DROP';
  if (withoutWhere(sql, DELETE_FROM)) return 'DELETE without WHERE';
  if (withoutWhere(sql, UPDATE_SET)) return 'UPDATE without WHERE';
  return undefined;
}

/** True when some statement matched by `re` has no WHERE before its end. */
function withoutWhere(sql: string, re: RegExp): boolean {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(sql)) && guard++ < 32) {
    const rest = sql.slice(m.index + m[0].length);
    const end = rest.search(STATEMENT_END);
    const statement = end === -1 ? rest : rest.slice(0, end);
    if (!WHERE.test(statement)) return true;
  }
  return false;
}
