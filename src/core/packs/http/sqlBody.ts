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
const MAX_DEPTH = 6;

export function sqlStatementsIn(text: string): string[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const out: string[] = [];
      collect(JSON.parse(trimmed), false, out, 0);
      return out;
    } catch {
      // Not JSON: judged as text below.
    }
  }
  if (STARTS_LIKE_SQL.test(text)) return [text];
  const form = FORM_SQL.exec(text);
  if (form) {
    try {
      const value = decodeURIComponent(form[1].replace(/\+/g, ' '));
      return STARTS_LIKE_SQL.test(value) ? [value] : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** Strings under SQL-named keys, at any depth (`requests[].stmt.sql`). */
function collect(value: unknown, underSqlKey: boolean, out: string[], depth: number): void {
  if (depth > MAX_DEPTH || out.length >= MAX_STRINGS) return;
  if (typeof value === 'string') {
    if (underSqlKey && !GRAPHQL_START.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value.slice(0, MAX_STRINGS)) collect(v, underSqlKey, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_STRINGS)) {
      collect(v, underSqlKey || SQL_KEYS.test(k), out, depth + 1);
    }
  }
}
