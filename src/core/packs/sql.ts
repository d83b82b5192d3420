// SQL analysis: statement-level judgment of any SQL text (a `psql -c`
// argument, a file fed with `-f`, a heredoc, an HTTP body, an MCP
// `execute_sql` call). It reads SQL the way a database client does, so a
// string literal or comment never looks like code (`SELECT 'DROP TABLE x'`)
// and code never hides in one (`/* note */ DROP TABLE x`).
//
// The pack itself judges generic SQL runners (duckdb, sqlcmd, bq query, …);
// the classic clients (psql, mysql, sqlite3, …) live in databaseCli and call
// `analyzeSql` / `sqlEffect` from here.
import { optionValues, positionals } from '../args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';

// ---------------------------------------------------------------------------
// Lexing: statements and tokens. Bounded in characters, statements, tokens.

export const MAX_SQL_CHARS = 256 * 1024;
const MAX_STATEMENTS = 2000;
const MAX_TOKENS = 4000;
/** Nesting of code inside code (`DO $$ … $$`, `\gexec`) we follow. */
const MAX_NESTING = 2;

type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'punct';

interface Token {
  kind: TokenKind;
  /** Upper-cased text of words and punctuation; upper-cased content of quoted identifiers; '' for strings. */
  up: string;
  /** Text as written; for quoted identifiers and strings, their content without quotes. */
  raw: string;
  /** Parenthesis depth the token sits at. */
  depth: number;
}

interface Statement {
  tokens: Token[];
  /** Bodies of dollar-quoted strings (`DO $$ … $$`): PL/pgSQL runs them. */
  dollarBodies: string[];
  /** psql `\g…` meta-command that sent this statement (`\gexec`). */
  terminator?: string;
}

export interface SqlScan {
  statements: Statement[];
  /** Client meta-commands: psql `\i file`, `\! cmd`; sqlite `.read file`, `.shell cmd`. */
  metaCommands: string[];
  /** True when the text was longer than the analyzer reads. */
  truncated: boolean;
}

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}
function isWordChar(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]{0,62})?\$/;
const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '==']);

/**
 * Splits SQL into statements of tokens. `backslashEscapes` says whether `\'`
 * escapes a quote inside a string (MySQL) or not (standard SQL, PostgreSQL);
 * a caller that cannot know the dialect scans both ways.
 */
export function scanSql(input: string, backslashEscapes = false): SqlScan {
  const tooLong = input.length > MAX_SQL_CHARS;
  const text = tooLong ? input.slice(0, MAX_SQL_CHARS) : input;
  const n = text.length;
  const statements: Statement[] = [];
  const metaCommands: string[] = [];
  let tokens: Token[] = [];
  let dollarBodies: string[] = [];
  let depth = 0;
  let cut = tooLong;

  const push = (kind: TokenKind, up: string, raw: string): void => {
    if (tokens.length >= MAX_TOKENS) {
      cut = true;
      return;
    }
    tokens.push({ kind, up, raw, depth });
  };
  const flush = (terminator?: string): void => {
    if (tokens.length) {
      if (statements.length < MAX_STATEMENTS) statements.push({ tokens, dollarBodies, ...(terminator ? { terminator } : {}) });
      else cut = true;
    }
    tokens = [];
    dollarBodies = [];
    depth = 0;
  };
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? n : nl;
  };

  let lineStart = true;
  let i = 0;
  while (i < n && statements.length < MAX_STATEMENTS) {
    const c = text[i];
    const code = text.charCodeAt(i);
    const atLineStart = lineStart;
    lineStart = c === '\n' || (lineStart && (c === ' ' || c === '\t' || c === '\r'));

    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === ';') {
      flush();
      i++;
    } else if ((c === '-' && text[i + 1] === '-') || (c === '#' && atLineStart)) {
      // `--` comments; `#` comments (MySQL) only at line start, because in
      // PostgreSQL `#` is an operator and must not swallow the rest of a line.
      i = lineEnd(i);
    } else if (c === '/' && text[i + 1] === '*') {
      if (text[i + 2] === '!') {
        // MySQL executes the body of `/*! … */` and `/*!50000 … */`.
        i += 3;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      } else {
        let nest = 1;
        i += 2;
        while (i < n && nest > 0) {
          if (text[i] === '/' && text[i + 1] === '*') { nest++; i += 2; }
          else if (text[i] === '*' && text[i + 1] === '/') { nest--; i += 2; }
          else i++;
        }
      }
    } else if (c === '*' && text[i + 1] === '/') {
      i += 2; // closes an executed `/*! … */`
    } else if (c === '\\') {
      // psql meta-command, to end of line; `\g…` sends the statement typed so far.
      const end = lineEnd(i);
      const meta = text.slice(i, end).trim();
      metaCommands.push(meta);
      // `\g`, `\gexec` (psql) and `\G` (mysql) send the statement typed so far.
      if (/^\\g/i.test(meta)) flush(meta);
      i = end;
    } else if (c === '.' && atLineStart && tokens.length === 0) {
      // sqlite3 dot-command: a line of its own.
      const end = lineEnd(i);
      metaCommands.push(text.slice(i, end).trim());
      i = end;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let content = '';
      while (j < n) {
        const d = text[j];
        if (d === '\\' && backslashEscapes && c !== '`') {
          content += text.slice(j, j + 2);
          j += 2;
        } else if (d === c && text[j + 1] === c) {
          content += c;
          j += 2;
        } else if (d === c) {
          break;
        } else {
          content += d;
          j++;
        }
      }
      if (c === "'") push('string', '', content);
      else push('ident', content.toUpperCase(), content);
      i = j + 1;
    } else if (c === '$' && (i === 0 || !isWordChar(text.charCodeAt(i - 1))) && DOLLAR_TAG.test(text.slice(i, i + 65))) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 65))![0];
      const close = text.indexOf(tag, i + tag.length);
      const body = text.slice(i + tag.length, close === -1 ? n : close);
      dollarBodies.push(body);
      push('string', '', body);
      i = close === -1 ? n : close + tag.length;
    } else if (isWordStart(code)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      const w = text.slice(i, j);
      push('word', w.toUpperCase(), w);
      i = j;
    } else if (isDigit(code)) {
      let j = i + 1;
      while (j < n && (isDigit(text.charCodeAt(j)) || text[j] === '.')) j++;
      const num = text.slice(i, j);
      push('number', num, num);
      i = j;
    } else if (c === '(') {
      push('punct', c, c);
      depth++;
      i++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      push('punct', c, c);
      i++;
    } else if (TWO_CHAR_OPS.has(text.slice(i, i + 2))) {
      const op = text.slice(i, i + 2);
      push('punct', op, op);
      i += 2;
    } else {
      push('punct', c, c);
      i++;
    }
  }
  flush();
  return { statements, metaCommands, truncated: cut || i < n };
}

/** A qualified name (`schema.table`, `"My Table"`) starting at `i`. */
function readName(tokens: readonly Token[], i: number): { name: string; next: number } | undefined {
  const t = tokens[i];
  // MySQL spells accounts as strings: 'app'@'%'.
  if (!t || (t.kind !== 'word' && t.kind !== 'ident' && t.kind !== 'string')) return undefined;
  let name = t.raw;
  let j = i + 1;
  while (j + 1 < tokens.length && tokens[j].up === '.' && (tokens[j + 1].kind === 'word' || tokens[j + 1].kind === 'ident' || tokens[j + 1].up === '*')) {
    name += '.' + tokens[j + 1].raw;
    j += 2;
  }
  if (tokens[j]?.up === '@' && tokens[j + 1] && tokens[j + 1].kind !== 'punct') {
    name += '@' + tokens[j + 1].raw;
    j += 2;
  }
  return { name, next: j };
}

/** Comma-separated names (`a, b, "c"`), skipping `ONLY` and a trailing `*`. */
function readNameList(tokens: readonly Token[], i: number): string[] {
  const names: string[] = [];
  let j = i;
  while (j < tokens.length && names.length < 20) {
    if (tokens[j].up === 'ONLY') j++;
    const r = readName(tokens, j);
    if (!r) break;
    names.push(r.name);
    j = r.next;
    if (tokens[j]?.up === '*') j++;
    if (tokens[j]?.up !== ',') break;
    j++;
  }
  return names;
}

function skipIfExists(tokens: readonly Token[], i: number): number {
  if (tokens[i]?.up === 'IF' && tokens[i + 1]?.up === 'EXISTS') return i + 2;
  return i;
}

// ---------------------------------------------------------------------------
// Judgment of one statement.

/** Whether a name (database, host, schema) says it is production. */
const PRODUCTION_HINT = /pr|live/i;

export function saysProduction(name: string | undefined): boolean {
  if (!name || !PRODUCTION_HINT.test(name)) return false;
  for (const word of name.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word === 'prod' || word === 'production' || word === 'prd' || word === 'live') return true;
  }
  return false;
}

const DATA_OBJECTS = new Set(['TABLE', 'COLUMNFAMILY', 'MEASUREMENT', 'SERIES', 'COLLECTION', 'SHARD', 'RETENTION POLICY', 'STAGE', 'PARTITION']);
const CONTAINER_OBJECTS = new Set(['DATABASE', 'SCHEMA', 'KEYSPACE']);
/** Object kinds spelled in two words (`DROP MATERIALIZED VIEW`); `DROP USER bob` is not one. */
const TWO_WORD_OBJECTS: Record<string, readonly string[]> = {
  MATERIALIZED: ['VIEW'], FOREIGN: ['TABLE', 'DATA'], RETENTION: ['POLICY'], CONTINUOUS: ['QUERY'],
  EVENT: ['TRIGGER'], USER: ['MAPPING'], ACCESS: ['METHOD'], TEXT: ['SEARCH'],
};
const VERBS_AFTER_EXPLAIN = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'VALUES', 'TABLE', 'MERGE', 'REPLACE', 'CREATE', 'DECLARE', 'EXECUTE']);
/** Tokens after which DELETE/UPDATE start a statement of their own (CTE bodies, PL/pgSQL blocks). */
const STATEMENT_OPENERS = new Set(['(', ')', 'BEGIN', 'THEN', 'ELSE', 'LOOP', 'ATOMIC']);
const CLAUSE_ENDS = new Set(['RETURNING', 'ORDER', 'LIMIT', 'GROUP', 'OUTPUT', 'OPTION']);
const DESTRUCTIVE_TEXT = /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|KEYSPACE|OWNED)|TRUNCATE|DELETE\s+FROM)\b/i;

interface Judge {
  out: Finding[];
  nesting: number;
}

function find(tokens: readonly Token[], from: number, to: number, up: string, depth: number): number {
  for (let k = from; k < to; k++) if (tokens[k].up === up && tokens[k].depth === depth) return k;
  return -1;
}

/** End (exclusive) of the clause that starts at `i`: where its parenthesis closes, or the statement ends. */
function extentOf(tokens: readonly Token[], i: number): number {
  const d = tokens[i].depth;
  let k = i + 1;
  while (k < tokens.length && tokens[k].depth >= d) k++;
  return k;
}

/** True when a WHERE clause matches every row anyway (`WHERE 1=1`, `WHERE true`, `… OR 1=1`). */
function whereIsTautology(tokens: readonly Token[], from: number, to: number, depth: number): boolean {
  let disjunct: Token[] = [];
  const check = (): boolean => {
    const d = disjunct.filter((t) => t.up !== '(' && t.up !== ')');
    if (d.length === 1) return d[0].up === 'TRUE' || (d[0].kind === 'number' && Number(d[0].raw) !== 0);
    if (d.length === 2) return d[0].up === 'NOT' && d[1].up === 'FALSE';
    if (d.length === 3) {
      const [a, op, b] = d;
      const same = a.kind === b.kind && a.kind !== 'punct' && a.raw === b.raw;
      if (same && (op.up === '=' || op.up === '==' || op.up === '<=' || op.up === '>=')) return true;
      if (a.kind === 'number' && b.kind === 'number' && (op.up === '<>' || op.up === '!=') && a.raw !== b.raw) return true;
    }
    return false;
  };
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.depth === depth && CLAUSE_ENDS.has(t.up)) break;
    if (t.depth === depth && t.up === 'OR') {
      if (check()) return true;
      disjunct = [];
    } else disjunct.push(t);
  }
  return check();
}

/** Whether the clause [i, end) restricts rows: a WHERE that is not always true, or an inner JOIN … ON. */
function restrictsRows(tokens: readonly Token[], i: number, end: number): boolean {
  const d = tokens[i].depth;
  const where = find(tokens, i + 1, end, 'WHERE', d);
  if (where !== -1) return !whereIsTautology(tokens, where + 1, end, d);
  for (let k = i + 1; k < end; k++) {
    const t = tokens[k];
    if (t.depth !== d || t.up !== 'JOIN') continue;
    const prev = tokens[k - 1]?.up;
    if (prev !== 'LEFT' && prev !== 'RIGHT' && prev !== 'FULL' && prev !== 'CROSS' && prev !== 'OUTER') return true;
  }
  return false;
}

function judgeDml(tokens: readonly Token[], start: number, j: Judge, bodyMode: boolean): void {
  for (let i = start; i < tokens.length; i++) {
    const verb = tokens[i].up;
    if (verb !== 'DELETE' && verb !== 'UPDATE') continue;
    if (tokens[i].kind !== 'word') continue;
    const prev = tokens[i - 1]?.up;
    const opens = i === start || prev === '(' || prev === ')' || (bodyMode && STATEMENT_OPENERS.has(prev ?? ''));
    if (!opens) continue;
    const end = extentOf(tokens, i);
    const d = tokens[i].depth;
    if (verb === 'DELETE') {
      const from = find(tokens, i + 1, end, 'FROM', d);
      const name = readNameList(tokens, from === -1 ? i + 1 : from + 1)[0];
      if (!name || restrictsRows(tokens, i, end)) continue;
      j.out.push({
        id: 'sql.delete-without-where',
        summary: `DELETE without a WHERE clause removes every row of ${name}`,
        target: name,
        alternative: 'add a WHERE clause for the rows you mean (run it as a SELECT first), and back the table up',
        severity: 70,
      });
    } else {
      if (find(tokens, i + 1, end, 'SET', d) === -1) continue;
      let k = i + 1;
      while (['ONLY', 'LOW_PRIORITY', 'IGNORE', 'OR', 'ROLLBACK', 'ABORT', 'REPLACE', 'FAIL'].includes(tokens[k]?.up ?? '')) k++;
      const name = readName(tokens, k)?.name;
      if (!name || restrictsRows(tokens, i, end)) continue;
      j.out.push({
        id: 'sql.update-without-where',
        summary: `UPDATE without a WHERE clause rewrites every row of ${name}`,
        target: name,
        alternative: 'add a WHERE clause for the rows you mean (run it as a SELECT first)',
        severity: 60,
      });
    }
  }
}

function judgeDrop(tokens: readonly Token[], start: number, j: Judge): void {
  let k = start + 1;
  let temporary = false;
  while (tokens[k]?.up === 'TEMPORARY' || tokens[k]?.up === 'TEMP') {
    temporary = true;
    k++;
  }
  const first = tokens[k];
  if (!first || first.kind !== 'word') return;
  let type = first.up;
  k++;
  if (TWO_WORD_OBJECTS[type]?.includes(tokens[k]?.up ?? '')) {
    type += ' ' + tokens[k].up;
    k++;
  }
  if (type === 'OWNED') {
    const role = tokens[k]?.up === 'BY' ? readNameList(tokens, k + 1).join(', ') : undefined;
    j.out.push({
      id: 'sql.drop-owned',
      summary: `DROP OWNED deletes every object owned by ${role ?? 'a role'}, with its data`,
      target: role,
      alternative: 'REASSIGN OWNED BY … TO another role first, then drop only what you mean',
      severity: 70,
    });
    return;
  }
  k = skipIfExists(tokens, k);
  if (tokens[k]?.up === 'CONCURRENTLY') k++;
  k = skipIfExists(tokens, k);
  if (tokens[k]?.up === 'FROM') k++; // InfluxQL: DROP SERIES FROM cpu
  const names = readNameList(tokens, k);
  if (!names.length) return;
  const target = names.join(', ');
  const cascade = tokens.some((t) => t.up === 'CASCADE' && t.depth === 0);
  const what = type.toLowerCase();
  let severity: number;
  let summary: string;
  let alternative: string;
  if (CONTAINER_OBJECTS.has(type)) {
    severity = names.some(saysProduction) ? 95 : 80;
    summary = `DROP ${type} deletes ${what} ${target} and every table in it`;
    const dump = type === 'SCHEMA' ? `pg_dump -n ${names[0]}` : type === 'KEYSPACE' ? `nodetool snapshot ${names[0]}` : `pg_dump ${names[0]} / mysqldump ${names[0]}`;
    alternative = `take a dump first (${dump}), and drop it by hand if it really must go`;
  } else if (DATA_OBJECTS.has(type)) {
    severity = temporary ? 30 : cascade ? 75 : 70;
    summary = `DROP ${type} deletes ${what} ${target} and all its data${cascade ? ', plus everything that depends on it (CASCADE)' : ''}`;
    alternative = `back it up first (pg_dump -t ${names[0]}, or CREATE TABLE … AS SELECT), or rename it instead of dropping`;
  } else {
    severity = type === 'USER' || type === 'ROLE' || type === 'EXTENSION' ? 50 : 45;
    if (cascade) severity += 15;
    summary = `DROP ${type} deletes ${what} ${target}${cascade ? ' and everything that depends on it (CASCADE)' : ''}`;
    alternative = 'check what depends on it first, and keep its definition so it can be recreated';
  }
  j.out.push({ id: 'sql.drop', summary, target, alternative, severity });
}

function judgeTruncate(tokens: readonly Token[], start: number, j: Judge): void {
  let k = start + 1;
  if (tokens[k]?.up === 'TABLE') k++;
  k = skipIfExists(tokens, k);
  const names = readNameList(tokens, k);
  if (!names.length) return;
  const target = names.join(', ');
  const cascade = tokens.some((t) => t.up === 'CASCADE' && t.depth === 0);
  j.out.push({
    id: 'sql.truncate',
    summary: `TRUNCATE removes every row of ${target}${cascade ? ' and of every table that references it (CASCADE)' : ''}`,
    target,
    alternative: 'DELETE … WHERE for the rows you mean, after backing the table up',
    severity: cascade ? 75 : 70,
  });
}

function judgeAlter(tokens: readonly Token[], start: number, j: Judge): void {
  let k = start + 1;
  if (tokens[k]?.up === 'IGNORE' || tokens[k]?.up === 'ONLINE') k++;
  if (tokens[k]?.up !== 'TABLE') return;
  k = skipIfExists(tokens, k + 1);
  if (tokens[k]?.up === 'ONLY') k++;
  const table = readName(tokens, k);
  if (!table) return;
  for (let i = table.next; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.depth !== 0) continue;
    const next = tokens[i + 1]?.up ?? '';
    if (t.up === 'DROP') {
      if (['NOT', 'DEFAULT', 'IDENTITY', 'EXPRESSION', 'SYSTEM', 'PERIOD', ''].includes(next)) continue;
      let severity = 60;
      let what = `column ${readName(tokens, skipIfExists(tokens, i + 1))?.name ?? ''}`;
      if (next === 'COLUMN') what = `column ${readName(tokens, skipIfExists(tokens, i + 2))?.name ?? ''}`;
      else if (next === 'PARTITION') { severity = 65; what = `partition ${tokens[i + 2]?.raw ?? ''} and its rows`; }
      else if (next === 'CONSTRAINT' || next === 'PRIMARY' || next === 'FOREIGN' || next === 'CHECK') { severity = 45; what = `a ${next === 'CONSTRAINT' ? 'constraint' : next.toLowerCase() + ' key'}`; }
      else if (next === 'INDEX' || next === 'KEY') { severity = 40; what = 'an index'; }
      j.out.push({
        id: 'sql.alter-drop',
        summary: `ALTER TABLE ${table.name} drops ${what.trim()}${severity >= 60 ? ' with its data' : ''}`,
        target: table.name,
        alternative: severity >= 60 ? `back the table up first (pg_dump -t ${table.name}), or stop writing the column before dropping it` : undefined,
        severity,
      });
    } else if (t.up === 'TRUNCATE' && next === 'PARTITION') {
      j.out.push({ id: 'sql.alter-drop', summary: `ALTER TABLE ${table.name} empties a partition`, target: table.name, severity: 65 });
    } else if (t.up === 'DELETE' && t.kind === 'word') {
      // ClickHouse mutations: ALTER TABLE t DELETE WHERE …
      const end = tokens.length;
      if (!restrictsRows(tokens, i, end)) {
        j.out.push({ id: 'sql.delete-without-where', summary: `ALTER TABLE ${table.name} DELETE removes every row`, target: table.name, severity: 70 });
      }
    }
  }
}

const GRANT_OBJECT_WORDS = new Set(['TABLE', 'TABLES', 'SCHEMA', 'DATABASE', 'ALL', 'IN', 'SEQUENCE', 'SEQUENCES', 'FUNCTION', 'FUNCTIONS']);

function judgeGrant(tokens: readonly Token[], start: number, j: Judge): void {
  const grant = find(tokens, start, tokens.length, 'GRANT', 0);
  if (grant === -1) return;
  const to = find(tokens, grant, tokens.length, 'TO', 0);
  const onAt = find(tokens, grant, to === -1 ? tokens.length : to, 'ON', 0);
  if (tokens[grant + 1]?.up === 'ALL' && onAt !== -1 && tokens[onAt + 1]?.up === '*' && tokens[onAt + 2]?.up === '.' && tokens[onAt + 3]?.up === '*') {
    const who = to === -1 ? undefined : readName(tokens, to + 1)?.name;
    j.out.push({
      id: 'sql.grant-all',
      summary: `GRANT ALL ON *.* gives ${who ?? 'an account'} every privilege on every database of the server`,
      target: who,
      alternative: 'grant the privileges it needs on the one database it uses',
      severity: 50,
    });
  }
  if (to === -1 || !tokens.slice(to + 1).some((t) => t.up === 'PUBLIC' && t.kind === 'word')) return;
  const on = find(tokens, grant, to, 'ON', 0);
  let k = on + 1;
  while (on !== -1 && k < to && GRANT_OBJECT_WORDS.has(tokens[k].up)) k++;
  const target = on === -1 ? undefined : readNameList(tokens, k).join(', ') || undefined;
  j.out.push({
    id: 'sql.grant-public',
    summary: `GRANT … TO PUBLIC gives every database role access${target ? ` to ${target}` : ''}`,
    target,
    alternative: 'grant to the specific role that needs it',
    severity: 55,
  });
}

/** CREATE/ALTER ROLE|USER … SUPERUSER: a role that bypasses every permission check. */
function judgeSuperuser(tokens: readonly Token[], start: number, j: Judge): void {
  const kind = tokens[start + 1]?.up;
  if (kind !== 'ROLE' && kind !== 'USER') return;
  if (!tokens.some((t) => t.up === 'SUPERUSER' && t.depth === 0)) return;
  const who = readName(tokens, skipIfExists(tokens, start + 2))?.name;
  j.out.push({
    id: 'sql.grant-superuser',
    summary: `makes ${who ?? 'a role'} a superuser, which bypasses every permission check`,
    target: who,
    alternative: 'grant the specific privileges the role needs',
    severity: 50,
  });
}

/** Code that PL/pgSQL runs: `DO $$ … $$` bodies, and statements generated for `\gexec`. */
function judgeNestedCode(code: string, j: Judge, why: string): void {
  if (j.nesting >= MAX_NESTING) {
    if (DESTRUCTIVE_TEXT.test(code)) j.out.push({ id: 'sql.dynamic-destructive', summary: `${why} runs destructive SQL`, severity: 60 });
    return;
  }
  const inner: Judge = { out: [], nesting: j.nesting + 1 };
  for (const st of scanSql(code).statements) {
    judgeStatement(st, inner, true);
    // EXECUTE 'DROP TABLE ' || name: the statement is built from strings.
    if (st.tokens.some((t) => t.up === 'EXECUTE') && st.tokens.some((t) => t.kind === 'string' && DESTRUCTIVE_TEXT.test(t.raw))) {
      inner.out.push({ id: 'sql.dynamic-destructive', summary: `${why} builds and runs DROP/TRUNCATE/DELETE statements`, severity: 60 });
    }
  }
  j.out.push(...inner.out);
}

function judgeStatement(st: Statement, j: Judge, bodyMode = false): void {
  const tokens = st.tokens;
  let start = 0;
  while (tokens[start]?.up === '(') start++;
  if (bodyMode) {
    // Inside a PL/pgSQL block: skip block syntax (`BEGIN`, `IF … THEN`) to the statement.
    for (let k = start; k < tokens.length && k < 200; k++) {
      const u = tokens[k].up;
      if (tokens[k].depth === 0 && ['DROP', 'TRUNCATE', 'ALTER', 'GRANT', 'DELETE', 'UPDATE', 'COPY'].includes(u)) {
        start = k;
        break;
      }
    }
  }
  let verb = tokens[start]?.up;
  if (verb === 'EXPLAIN') {
    // Plain EXPLAIN only plans; EXPLAIN ANALYZE runs the statement.
    let k = start + 1;
    while (k < tokens.length && !(tokens[k].depth === 0 && VERBS_AFTER_EXPLAIN.has(tokens[k].up))) k++;
    const runs = tokens.slice(start + 1, k).some((t) => t.up === 'ANALYZE' || t.up === 'ANALYSE');
    if (!runs || k >= tokens.length) return;
    start = k;
    verb = tokens[k].up;
  }
  switch (verb) {
    case 'DROP':
      judgeDrop(tokens, start, j);
      break;
    case 'TRUNCATE':
      judgeTruncate(tokens, start, j);
      break;
    case 'ALTER':
      judgeAlter(tokens, start, j);
      judgeSuperuser(tokens, start, j);
      judgeGrant(tokens, start, j); // ALTER DEFAULT PRIVILEGES … GRANT … TO PUBLIC
      break;
    case 'GRANT':
      judgeGrant(tokens, start, j);
      break;
    case 'COPY':
      if (tokens.some((t) => t.up === 'PROGRAM' && t.depth === 0)) {
        j.out.push({ id: 'sql.copy-program', summary: 'COPY … PROGRAM runs a shell command on the database server', target: readName(tokens, start + 1)?.name, severity: 60 });
      }
      break;
    case 'DO':
      for (const body of st.dollarBodies.length ? st.dollarBodies : tokens.filter((t) => t.kind === 'string').map((t) => t.raw)) {
        judgeNestedCode(body, j, 'a DO block');
      }
      break;
    case 'CREATE':
      judgeSuperuser(tokens, start, j);
      if (tokens[start + 1]?.up === 'OR' && tokens[start + 2]?.up === 'REPLACE') {
        const kind = tokens[start + 3]?.up ?? '';
        if (kind === 'TABLE' || CONTAINER_OBJECTS.has(kind)) {
          const name = readName(tokens, skipIfExists(tokens, start + 4))?.name;
          j.out.push({
            id: 'sql.replace-table',
            summary: `CREATE OR REPLACE ${kind} replaces ${kind.toLowerCase()} ${name ?? ''} and discards its data`.replace('  ', ' '),
            target: name,
            alternative: 'CREATE … IF NOT EXISTS, or create it under a new name',
            severity: kind === 'TABLE' ? 60 : 75,
          });
        }
      }
      break;
    case 'SELECT':
      // Kicking every session off a database (the usual prelude to dropping it).
      if (tokens.some((t) => t.up === 'PG_TERMINATE_BACKEND') && tokens.some((t) => t.up === 'PG_STAT_ACTIVITY')) {
        j.out.push({
          id: 'sql.terminate-sessions',
          summary: 'pg_terminate_backend over pg_stat_activity disconnects every matching session, aborting their transactions',
          alternative: 'terminate the one backend you mean by its pid',
          severity: 45,
        });
      }
      break;
    default:
      break;
  }
  if (verb !== 'CREATE' || tokens.some((t) => t.up === 'AS' && t.depth === 0)) judgeDml(tokens, start, j, bodyMode);
  if (st.terminator && /^\\gexec\b/.test(st.terminator)) {
    const generated = tokens.filter((t) => t.kind === 'string').map((t) => t.raw).join(' ');
    if (DESTRUCTIVE_TEXT.test(generated)) {
      j.out.push({ id: 'sql.dynamic-destructive', summary: 'runs DROP/TRUNCATE/DELETE statements generated by a query (\\gexec)', severity: 65 });
    }
  }
}

function judgeMetaCommands(metas: readonly string[], out: Finding[]): void {
  for (const meta of metas) {
    const m = /^(\\!|\.shell\b|\.system\b)\s*(.*)$/.exec(meta);
    if (m) {
      out.push({
        id: 'sql.shell-escape',
        summary: `runs a shell command from inside the database client: ${m[2].slice(0, 80) || '(interactive shell)'}`,
        alternative: 'run the shell command directly, where it can be judged',
        severity: 50,
      });
    }
  }
}

// ---------------------------------------------------------------------------
// MongoDB shell code (mongosh --eval, scripts): JavaScript, not SQL.

const MONGO_HINT = /\bdb\s*[.[]|getSiblingDB|runCommand|adminCommand/;

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
const MONGO_DROP_COLL = /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\bdb\s*\[([^\]]*)\]|\b([A-Za-z_$][\w$]*))\s*\.\s*drop\s*\(\s*\)/g;
const MONGO_DELETE_ALL = /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\b[A-Za-z_$][\w$]*)\s*\.\s*(deleteMany|remove)\s*\(\s*(?:\{\s*\}\s*)?[,)]/g;
const MONGO_UPDATE_ALL = /(?:\bdb\s*\.\s*([A-Za-z_$][\w$]*)|getCollection\s*\(([^)]*)\)|\b[A-Za-z_$][\w$]*)\s*\.\s*updateMany\s*\(\s*\{\s*\}\s*,/g;
const MONGO_RUN_DROP = /(?:runCommand|adminCommand)\s*\(\s*\{\s*["']?(dropDatabase|drop|dropAllUsersFromDatabase|shutdown)["']?\s*:/g;
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
      return [{ id: 'sql.mongo-unreadable', summary: `a MongoDB ${m[1]}() call whose arguments cannot be read: it may affect every document`, target: database, severity: 50 }];
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
    const sibling = /getSiblingDB\s*\(\s*["'`]([^"'`]*)["'`]\s*\)\s*$/.exec(code.slice(Math.max(0, m.index - 120), m.index));
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
      id: what === 'dropDatabase' ? 'sql.mongo-drop-database' : what === 'shutdown' ? 'sql.mongo-admin' : 'sql.mongo-drop',
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
      summary: m[1] === 'shutdownServer' ? 'shutdownServer() stops the MongoDB server' : `${m[1]}() removes database users or roles`,
      target: database,
      severity: m[1] === 'shutdownServer' ? 60 : 50,
    });
  }
  if (out.length === 0) out.push(...unreadableMongoCalls(masked, database));
  return out;
}

const MONGO_WRITES = /\.\s*(?:insert\w*|update\w*|replaceOne|delete\w*|remove|drop\w*|rename\w*|create\w*|bulkWrite|findOneAnd\w+|findAndModify|save|runCommand|adminCommand|grant\w*|revoke\w*|shutdownServer|setProfilingLevel)\s*\(|\$out\b|\$merge\b/;

export function mongoEffect(code: string): 'read' | 'write' {
  return MONGO_WRITES.test(maskJs(code)) || /\$out|\$merge/.test(code) ? 'write' : 'read';
}

// ---------------------------------------------------------------------------
// Public API.

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
  'SELECT', 'SHOW', 'DESCRIBE', 'DESC', 'VALUES', 'TABLE', 'WITH', 'USE', 'SET', 'RESET', 'BEGIN', 'START', 'COMMIT',
  'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE', 'FETCH', 'DECLARE', 'CLOSE', 'MOVE', 'LISTEN', 'UNLISTEN',
  'HELP', 'PRAGMA', 'EXISTS', 'CHECK', 'LIST', 'ANALYZE', 'EXPLAIN', 'DISCARD', 'WAIT', 'WATCH', 'SOURCE',
]);
/** Functions that change state even inside a SELECT. */
const WRITING_FUNCTIONS = new Set([
  'SETVAL', 'NEXTVAL', 'PG_TERMINATE_BACKEND', 'PG_CANCEL_BACKEND', 'PG_DROP_REPLICATION_SLOT', 'LO_UNLINK', 'LO_IMPORT',
  'LO_EXPORT', 'DBLINK_EXEC', 'PG_RELOAD_CONF', 'PG_PROMOTE', 'PG_SWITCH_WAL', 'PG_CREATE_RESTORE_POINT', 'PG_FILE_WRITE',
  'PG_WAL_REPLAY_PAUSE', 'PG_ROTATE_LOGFILE', 'PG_CREATE_LOGICAL_REPLICATION_SLOT', 'PG_CREATE_PHYSICAL_REPLICATION_SLOT',
]);
const WRITING_META = /^(?:\\!|\\copy\b[\s\S]*\bfrom\b|\.shell\b|\.system\b|\.import\b|\.restore\b|\.load\b|\.save\b|\.backup\b|\.clone\b)/i;

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
    if ((x.up === 'DELETE' || x.up === 'UPDATE' || x.up === 'INSERT' || x.up === 'MERGE') && (t[i - 1]?.up === '(' || t[i - 1]?.up === ')')) return true;
    if (x.up === 'INTO' && x.depth === 0 && verb !== 'SHOW') return true;
    if (WRITING_FUNCTIONS.has(x.up) && t[i + 1]?.up === '(') return true;
  }
  return false;
}

const SQL_WRITE_VERBS = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'DROP', 'CREATE', 'ALTER', 'TRUNCATE', 'GRANT', 'REVOKE', 'COPY', 'DO', 'CALL', 'EXEC',
  'EXECUTE', 'MERGE', 'REPLACE', 'UPSERT', 'VACUUM', 'REINDEX', 'CLUSTER', 'COMMENT', 'LOCK', 'REFRESH', 'RENAME',
  'LOAD', 'IMPORT', 'OPTIMIZE', 'SYSTEM', 'KILL', 'FLUSH', 'PURGE', 'NOTIFY', 'REASSIGN', 'PREPARE', 'DEALLOCATE',
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

// ---------------------------------------------------------------------------
// Reading the SQL a command will run: inline options, files, stdin, `<`.

// Connection strings name the database (and host) a client command targets.

export interface Connection {
  host?: string;
  db?: string;
}

const URI = /^([a-z][a-z0-9+.:-]*):\/\/(?:[^@/]*@)?([^/?#]*)(?:\/([^?#]*))?/i;

/** Host and database from a URI (`postgres://u@h:5432/app`), a conninfo (`host=h dbname=app`) or a bare name. */
export function parseConnection(s: string | undefined): Connection {
  if (!s) return {};
  const uri = URI.exec(s);
  if (uri) {
    const host = uri[2].replace(/:\d+$/, '').split(',')[0] || undefined;
    const db = uri[3] ? decodeURIComponentSafe(uri[3]) : undefined;
    return { host, db: db || undefined };
  }
  if (/\b(?:host|dbname)=/.test(s)) {
    const host = /\bhost=([^\s]+)/.exec(s)?.[1];
    const db = /\bdbname=([^\s]+)/.exec(s)?.[1];
    return { host, db };
  }
  return { db: s };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface SqlSource {
  text: string;
  /** Where it comes from, for messages: `inline`, a file name, `stdin`. */
  origin: string;
}

export interface SqlInputs {
  sources: SqlSource[];
  /** Files named on the command line (or included) that could not be read. */
  unreadable: string[];
  /** SQL that will run but cannot be known: a bare `$VAR`, a pipe from an unknown producer. */
  unknown: string[];
  /** argv of a database dump piped in (`pg_dump … | psql`). */
  dumpFrom?: string[];
}

export interface SqlInputSpec {
  /** Options whose value is SQL (`-c`, `--command`, `-e`). */
  inline?: readonly string[];
  /** Options whose value is a file of SQL (`-f`, `--file`). */
  files?: readonly string[];
  /** SQL taken from positionals (sqlite3's statements after the db file). */
  positionalSql?: readonly string[];
  /** Files taken from positionals (mongosh's script.js). */
  positionalFiles?: readonly string[];
  /** Whether the tool reads SQL from stdin when no inline SQL is given (default true). */
  readsStdin?: boolean;
}

const MAX_FILES = 8;
/** A word that is nothing but an unresolved expansion: `$SQL`, `${QUERY}`, `$(cat x)`. */
const ONLY_EXPANSION = /^\s*(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*\)|`.*`)\s*$/s;
/** Client commands that run another file: psql `\i`, sqlite `.read`, mysql `source` / `\.`. */
const INCLUDE = /^[ \t]*(?:\\i|\\ir|\\include|\\include_relative|\.read|source|\\\.)[ \t]+['"]?([^\s'";]+)['"]?[ \t]*;?[ \t]*$/gim;
const DUMPERS = new Set(['pg_dump', 'pg_dumpall', 'mysqldump', 'mariadb-dump']);

/** Every piece of SQL a client will run, read through ctx.readFile (bounded), following includes one level. */
export function collectSql(cmd: SimpleCommand, ctx: AnalysisContext, spec: SqlInputSpec): SqlInputs {
  const inputs: SqlInputs = { sources: [], unreadable: [], unknown: [] };
  const argv = cmd.argv;
  let files = 0;
  const readInto = (file: string): void => {
    if (files++ >= MAX_FILES) return;
    const text = ctx.readFile(file, cmd.cwd);
    if (text === undefined) inputs.unreadable.push(file);
    else inputs.sources.push({ text, origin: file });
  };
  const inline = [...(spec.inline ? optionValues(argv, spec.inline) : []), ...(spec.positionalSql ?? [])];
  for (const text of inline) {
    if (ONLY_EXPANSION.test(text)) inputs.unknown.push(`SQL from ${text.trim()}, which is not known before it runs`);
    else inputs.sources.push({ text, origin: 'inline' });
  }
  let stdinNamed = false;
  for (const file of [...(spec.files ? optionValues(argv, spec.files) : []), ...(spec.positionalFiles ?? [])]) {
    if (file === '-') stdinNamed = true;
    else readInto(file);
  }
  const nothingElse = inputs.sources.length === 0 && inputs.unreadable.length === 0 && inputs.unknown.length === 0;
  if (stdinNamed || (spec.readsStdin !== false && nothingElse)) {
    const input = cmd.redirects.filter((r) => r.op === '<' || r.op === '<>').pop();
    const from = cmd.stdinFrom ?? [];
    if (input && input.target !== '/dev/null') readInto(input.target);
    else if (cmd.stdin !== undefined) inputs.sources.push({ text: cmd.stdin, origin: 'stdin' });
    else if (from[0] === 'cat' && from.length === 2) inputs.unreadable.push(from[1]);
    else if (DUMPERS.has(from[0] ?? '')) inputs.dumpFrom = from;
    else if (from.length) inputs.unknown.push(`SQL piped from \`${from.slice(0, 3).join(' ')}\`, which cannot be read before it runs`);
  }
  // Files the SQL itself runs (`\i teardown.sql`, `.read wipe.sql`, `source x.sql`).
  for (const s of inputs.sources.slice(0, MAX_FILES)) {
    if (!/\\i|\.read|source|\\\./i.test(s.text)) continue;
    for (const m of s.text.slice(0, MAX_SQL_CHARS).matchAll(INCLUDE)) readInto(m[1]);
  }
  return inputs;
}

const DESTRUCTIVE_FILE_NAME = /(?:^|[^a-z])(?:drop|truncate|reset|wipe|purge|clean|cleanup|teardown|destroy|nuke|delete|erase|clear|rollback|down)(?:[^a-z]|$)/i;

/**
 * Findings for everything a client will run. A file that cannot be read asks
 * only when its name says it destroys data; SQL that cannot be known asks.
 * `analyze` is analyzeSql by default (mongosh passes its own).
 */
export function judgeSqlInputs(
  inputs: SqlInputs,
  label: string,
  analyze: (text: string, origin?: string) => Finding[] = analyzeSql,
): Finding[] {
  const out: Finding[] = [];
  for (const s of inputs.sources) out.push(...analyze(s.text, s.origin === 'inline' ? undefined : s.origin));
  for (const file of inputs.unreadable) {
    const suspicious = DESTRUCTIVE_FILE_NAME.test(file.split('/').pop() ?? file);
    out.push({
      id: 'sql.unread-file',
      summary: `${label} runs ${file}, which could not be read to check it${suspicious ? ', and whose name says it destroys data' : ''}`,
      target: file,
      severity: suspicious ? 50 : 20,
    });
  }
  for (const what of inputs.unknown) {
    out.push({
      id: 'sql.unknown-input',
      summary: `${label} runs ${what}`,
      alternative: 'write the SQL to a file, read it, then run it with -f',
      severity: 45,
    });
  }
  const dump = inputs.dumpFrom;
  if (dump) {
    // A dump piped into a client copies a database over the target. mysqldump
    // adds DROP TABLE by default; pg_dump only with --clean / -c.
    const drops = dump[0].startsWith('pg_dump')
      ? dump.some((a) => a === '--clean' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a))
      : !dump.includes('--skip-add-drop-table') && !dump.includes('--no-create-info');
    if (drops) {
      out.push({
        id: 'sql.restore-replaces',
        summary: `${label} loads a dump (${dump[0]}) that drops and recreates every table it contains`,
        alternative: 'restore into a new, empty database and switch over once it is checked',
        severity: 50,
      });
    }
  }
  return out;
}

/** read/write effect of what a client will run; no known SQL (an interactive session) counts as write. */
export function inputsEffect(inputs: SqlInputs, effect: (text: string) => 'read' | 'write' = sqlEffect): 'read' | 'write' {
  if (inputs.unreadable.length || inputs.unknown.length || inputs.dumpFrom || inputs.sources.length === 0) return 'write';
  return inputs.sources.every((s) => effect(s.text) === 'read') ? 'read' : 'write';
}

// ---------------------------------------------------------------------------
// The pack: generic SQL runners that are not classic database clients.

interface Runner {
  /** Subcommand that runs SQL (`cockroach sql`, `bq query`, `wrangler d1 execute`). */
  sub?: readonly string[];
  spec: (cmd: SimpleCommand, args: string[]) => SqlInputSpec;
}

const VALUE_OPTIONS = ['-c', '-e', '-f', '-q', '-Q', '-i', '-d', '-S', '-U', '-P', '-u', '-h', '-p', '--execute', '--file', '--query', '--command', '--database', '--server', '--host', '--port', '--user', '--format', '--output', '--filename', '--config', '--catalog', '--schema', '--queries-file'];

const RUNNERS: Record<string, Runner> = {
  duckdb: { spec: (_c, a) => ({ inline: ['-c', '-s'], positionalSql: positionals(a, VALUE_OPTIONS).slice(1) }) },
  sqlcmd: { spec: () => ({ inline: ['-Q', '-q'], files: ['-i'] }) },
  usql: { spec: () => ({ inline: ['-c', '--command'], files: ['-f', '--file'] }) },
  cockroach: { sub: ['sql'], spec: () => ({ inline: ['-e', '--execute'], files: ['-f', '--file'] }) },
  snowsql: { spec: () => ({ inline: ['-q', '--query'], files: ['-f', '--filename'] }) },
  bq: { sub: ['query'], spec: (_c, a) => ({ positionalSql: positionals(a, ['--format', '--project_id', '--location', '--destination_table', '--parameter', '--max_rows', '-n']).slice(1) }) },
  trino: { spec: () => ({ inline: ['--execute'], files: ['-f', '--file'] }) },
  presto: { spec: () => ({ inline: ['--execute'], files: ['-f', '--file'] }) },
  'spark-sql': { spec: () => ({ inline: ['-e'], files: ['-f'] }) },
  beeline: { spec: () => ({ inline: ['-e'], files: ['-f'] }) },
  hive: { spec: () => ({ inline: ['-e'], files: ['-f'] }) },
  mycli: { spec: () => ({ inline: ['-e', '--execute'] }) },
  litecli: { spec: () => ({ inline: ['-e', '--execute'] }) },
  'sqlite-utils': { sub: ['query'], spec: (_c, a) => ({ positionalSql: positionals(a, ['-p', '--param', '--attach', '--load-extension']).slice(2), readsStdin: false }) },
  wrangler: { sub: ['d1'], spec: () => ({ inline: ['--command'], files: ['--file'], readsStdin: false }) },
};

function runnerInputs(cmd: SimpleCommand, ctx: AnalysisContext): SqlInputs | undefined {
  const runner = RUNNERS[cmd.argv[0]];
  if (!runner) return undefined;
  const args = cmd.argv;
  if (runner.sub && !runner.sub.includes(args[1] ?? '')) return undefined;
  if (cmd.argv[0] === 'wrangler' && args[2] !== 'execute') return undefined;
  // wrangler 3+ runs against the local development copy unless --remote (judged by the cloud pack).
  if (cmd.argv[0] === 'wrangler' && (args.includes('--local') || !args.includes('--remote'))) return undefined;
  if (args.includes('--help') || args.includes('--version')) return undefined;
  return collectSql(cmd, ctx, runner.spec(cmd, args));
}

export const sqlPack: Pack = {
  id: 'sql',
  commands: Object.keys(RUNNERS),
  analyze(cmd, ctx) {
    const inputs = runnerInputs(cmd, ctx);
    if (!inputs) return undefined;
    const label = cmd.argv[0] + (RUNNERS[cmd.argv[0]].sub ? ' ' + cmd.argv[1] : '');
    const out = judgeSqlInputs(inputs, label);
    return out.length ? out : undefined;
  },
  effect(cmd, ctx) {
    const inputs = runnerInputs(cmd, ctx);
    return inputs ? inputsEffect(inputs) : undefined;
  },
};
