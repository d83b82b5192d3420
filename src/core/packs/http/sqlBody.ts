// SQL carried by an HTTP request: `{"sql": "…"}` (D1, Neon), Turso's
// `{"requests":[{"stmt":{"sql":"…"}}]}`, `{"query": "…"}` (Supabase), a raw
// body (ClickHouse), or `?query=…`. Only strings in SQL-named fields, or text
// that starts like a statement, count: a JSON document that merely mentions
// "drop table" in a comment field is not SQL.

const SQL_KEYS = /^(?:sql|query|statement|statements|stmt|stmts|q|command|commands)$/i;
const STARTS_LIKE_SQL = /^\s*(?:drop|truncate|delete|update|alter|insert|select|with|create)\b/i;
const FORM_SQL = /(?:^|&)(?:sql|query)=([^&]*)/i;
/** GraphQL documents also travel under `query`; they are not SQL. */
const GRAPHQL_START = /^\s*(?:mutation|subscription|fragment|query\s*[\w({]|\{)/i;
const MAX_STRINGS = 64;
/** Words of SQL that changes data: a string past a bound holding one may be what deletes. */
const MAY_CHANGE = /\b(?:drop|truncate|delete|update|alter|insert|create|grant|revoke|merge|replace)\b/i;
/** An SQL-named key anywhere in a JSON text. */
const SQL_KEY_IN_JSON = /"(?:sql|query|statement|statements|stmt|stmts|q|command|commands)"\s*:/i;
const MAX_DEPTH = 6;
/** The bounds SQL in a body is read within, for messages. */
export const SQL_BODY_BOUNDS = `${MAX_STRINGS} statements, ${MAX_DEPTH} levels deep`;

/** SQL a body carries; `unread` when SQL-named strings lay past the bounds (MAX_STRINGS, MAX_DEPTH). */
export function sqlStatementsIn(text: string): { statements: string[]; unread?: boolean } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const out: string[] = [];
      return collect(JSON.parse(trimmed), false, out, 0) ? { statements: out, unread: true } : { statements: out };
    } catch {
      // Not JSON: judged as text below.
    }
  }
  if (STARTS_LIKE_SQL.test(text)) return { statements: [text] };
  const form = FORM_SQL.exec(text);
  if (form) {
    try {
      const value = decodeURIComponent(form[1].replace(/\+/g, ' '));
      return { statements: STARTS_LIKE_SQL.test(value) ? [value] : [] };
    } catch {
      return { statements: [] };
    }
  }
  return { statements: [] };
}

/**
 * Strings under SQL-named keys, at any depth (`requests[].stmt.sql`), the
 * first MAX_STRINGS. True when one lay past a bound, unread. The walk is
 * bounded by the body, which is bounded by the command line or file read.
 */
function collect(value: unknown, underSqlKey: boolean, out: string[], depth: number): boolean {
  if (typeof value === 'string') {
    if (!underSqlKey || GRAPHQL_START.test(value)) return false;
    if (out.length >= MAX_STRINGS || depth > MAX_DEPTH + 1) return MAY_CHANGE.test(value);
    out.push(value);
    return false;
  }
  if (!value || typeof value !== 'object') return false;
  if (depth > MAX_DEPTH) {
    const rest = JSON.stringify(value);
    return (underSqlKey || SQL_KEY_IN_JSON.test(rest)) && MAY_CHANGE.test(rest);
  }
  let over = false;
  if (Array.isArray(value)) for (const v of value) over = collect(v, underSqlKey, out, depth + 1) || over;
  else
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      over = collect(v, underSqlKey || SQL_KEYS.test(k), out, depth + 1) || over;
  return over;
}
