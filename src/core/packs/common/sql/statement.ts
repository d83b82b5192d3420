// One statement, dispatched on its verb: DML without WHERE wherever it
// starts (CTE bodies, PL/pgSQL blocks) and code run inside code (DO, \gexec).
import type { Finding } from '../../../types';
import { MAX_NESTING, readName, readNameList, scanSql, skipIfExists, type Statement, type Token } from './lexer';
import {
  CONTAINER_OBJECTS,
  DESTRUCTIVE_TEXT,
  extentOf,
  find,
  type Judge,
  restrictsRows,
  STATEMENT_OPENERS,
  VERBS_AFTER_EXPLAIN,
} from './clauses';
import { whereMatchesAll } from './matchAll';
import { judgeAlter, judgeDrop, judgeGrant, judgeSuperuser, judgeTruncate } from './ddl';
import { judgeRetention } from './retention';
import { judgeAccess } from './access';
import { judgeAlterSystem, judgeCypherMatch, judgeDeletingFunctions, judgePurge, judgeReset } from './server';

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
      if (!name || restrictsRows(tokens, i, end, name)) continue;
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
      while (
        ['ONLY', 'LOW_PRIORITY', 'IGNORE', 'OR', 'ROLLBACK', 'ABORT', 'REPLACE', 'FAIL'].includes(tokens[k]?.up ?? '')
      )
        k++;
      const name = readName(tokens, k)?.name;
      if (!name || restrictsRows(tokens, i, end, name)) continue;
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

/**
 * `MERGE INTO t USING s ON <cond> WHEN MATCHED THEN DELETE` deletes the rows of t the ON condition pairs with s, as a
 * DELETE with that WHERE does (and is weighed as one where it runs); an ON that matches every row (`ON TRUE`), with
 * no AND narrowing the WHEN MATCHED, deletes every row of t, as a DELETE without WHERE does.
 * `WHEN NOT MATCHED BY SOURCE THEN DELETE` (SQL Server, PostgreSQL 17) deletes every row of t that s does not
 * pair with, whatever the ON: with an empty or small source, most of the table. Without an AND narrowing it, it is a
 * DELETE without WHERE, and `… BY SOURCE THEN UPDATE` an UPDATE without WHERE.
 */
function judgeMerge(tokens: readonly Token[], at: number, j: Judge): void {
  const d = tokens[at].depth;
  let k = at + 1;
  if (tokens[k]?.up === 'INTO') k++;
  const name = readName(tokens, k)?.name;
  const on = find(tokens, k, tokens.length, 'ON', d);
  if (!name || on === -1) return;
  const firstWhen = find(tokens, on + 1, tokens.length, 'WHEN', d);
  if (firstWhen === -1) return;
  const onMatchesAll = whereMatchesAll(tokens, on + 1, firstWhen, d, name);
  const found = new Set<string>();
  // Each WHEN is found after the one before: at most one step a token.
  for (let w = firstWhen; w !== -1; w = find(tokens, w + 1, tokens.length, 'WHEN', d)) {
    const then = find(tokens, w + 1, tokens.length, 'THEN', d);
    if (then === -1) return;
    const action = tokens[then + 1]?.up;
    const bySource = ['NOT', 'MATCHED', 'BY', 'SOURCE'].every((word, n) => tokens[w + 1 + n]?.up === word);
    const matched = tokens[w + 1].up === 'MATCHED';
    // The clause's own condition (`WHEN MATCHED AND t.stale`), between its words and THEN.
    const cond = bySource ? w + 5 : w + 2;
    const narrowed = cond < then && tokens[cond].up === 'AND' && !whereMatchesAll(tokens, cond + 1, then, d, name);
    // WHEN MATCHED reaches every row only through an ON that matches all; BY SOURCE reaches them whatever the ON.
    if (narrowed || !(bySource || (matched && onMatchesAll))) continue;
    if (action !== 'DELETE' && !(bySource && action === 'UPDATE')) continue;
    if (found.has(action)) continue;
    found.add(action);
    j.out.push(mergeFinding(name, action, bySource));
  }
}

function mergeFinding(name: string, action: 'DELETE' | 'UPDATE', bySource: boolean): Finding {
  const clause = bySource ? 'WHEN NOT MATCHED BY SOURCE' : 'WHEN MATCHED';
  const rows = bySource
    ? `every row of ${name} the source does not match (all of them when the source is empty)`
    : `every row of ${name}`;
  const alternative = bySource
    ? `add AND … to the ${clause} for the rows you mean (run it as a SELECT first), and back the table up`
    : 'put the rows you mean in the ON condition or a WHEN MATCHED AND … (run it as a SELECT first)';
  if (action === 'UPDATE')
    return {
      id: 'sql.update-without-where',
      summary: `MERGE … ${clause} THEN UPDATE rewrites ${rows}`,
      target: name,
      alternative,
      severity: 60,
    };
  return {
    id: 'sql.delete-without-where',
    summary: bySource
      ? `MERGE … ${clause} THEN DELETE removes ${rows}`
      : `MERGE … WHEN MATCHED THEN DELETE with an ON condition that matches every row removes every row of ${name}`,
    target: name,
    alternative,
    severity: 70,
  };
}

/**
 * `dblink_exec(conn, 'DROP TABLE users')`, `dblink(conn, 'DELETE …')`: the string is SQL another database runs, the
 * one the connection names (often another server). Each string argument is judged as code (bounded, as DO bodies).
 */
function judgeRemoteSql(tokens: readonly Token[], start: number, j: Judge): void {
  for (let i = start; i + 1 < tokens.length && i < 4096; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || (t.up !== 'DBLINK_EXEC' && t.up !== 'DBLINK') || tokens[i + 1].up !== '(') continue;
    const inside = tokens[i + 1].depth + 1;
    for (let k = i + 2; k < tokens.length && tokens[k].depth >= inside; k++)
      if (tokens[k].kind === 'string' && tokens[k].depth === inside)
        judgeNestedCode(tokens[k].raw, j, `${t.raw.toLowerCase()} on the database its connection names`);
  }
}

/** Code that PL/pgSQL runs: `DO $$ … $$` bodies, and statements generated for `\gexec`. */
function judgeNestedCode(code: string, j: Judge, why: string): void {
  if (j.nesting >= MAX_NESTING) {
    if (DESTRUCTIVE_TEXT.test(code))
      j.out.push({ id: 'sql.dynamic-destructive', summary: `${why} runs destructive SQL`, severity: 60 });
    return;
  }
  const inner: Judge = { out: [], nesting: j.nesting + 1 };
  for (const st of scanSql(code).statements) {
    judgeStatement(st, inner, true);
    // EXECUTE 'DROP TABLE ' || name: the statement is built from strings.
    if (
      st.tokens.some((t) => t.up === 'EXECUTE') &&
      st.tokens.some((t) => t.kind === 'string' && DESTRUCTIVE_TEXT.test(t.raw))
    ) {
      inner.out.push({
        id: 'sql.dynamic-destructive',
        summary: `${why} builds and runs DROP/TRUNCATE/DELETE statements`,
        severity: 60,
      });
    }
  }
  j.out.push(...inner.out);
}

export function judgeStatement(st: Statement, j: Judge, bodyMode = false): void {
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
    case 'RESET':
      judgeReset(tokens, start, j);
      break;
    case 'PURGE':
      judgePurge(tokens, start, j);
      break;
    case 'MATCH':
      judgeCypherMatch(tokens, start, j);
      break;
    case 'VACUUM':
      judgeRetention(tokens, start, j.out);
      break;
    case 'ALTER':
      judgeRetention(tokens, start, j.out);
      judgeAccess(tokens, start, j);
      judgeAlter(tokens, start, j);
      judgeAlterSystem(tokens, start, j);
      judgeSuperuser(tokens, start, j);
      judgeGrant(tokens, start, j); // ALTER DEFAULT PRIVILEGES … GRANT … TO PUBLIC
      break;
    case 'GRANT':
      judgeGrant(tokens, start, j);
      judgeAccess(tokens, start, j);
      break;
    case 'MERGE':
      judgeMerge(tokens, start, j);
      break;
    case 'WITH': {
      const merge = find(tokens, start + 1, tokens.length, 'MERGE', tokens[start].depth);
      if (merge !== -1) judgeMerge(tokens, merge, j);
      break;
    }
    case 'COPY':
      if (tokens.some((t) => t.up === 'PROGRAM' && t.depth === 0)) {
        j.out.push({
          id: 'sql.copy-program',
          summary: 'COPY … PROGRAM runs a shell command on the database server',
          target: readName(tokens, start + 1)?.name,
          severity: 60,
        });
      }
      break;
    case 'DO':
      for (const body of st.dollarBodies.length
        ? st.dollarBodies
        : tokens.filter((t) => t.kind === 'string').map((t) => t.raw)) {
        judgeNestedCode(body, j, 'a DO block');
      }
      break;
    case 'CREATE':
      judgeRetention(tokens, start, j.out);
      judgeAccess(tokens, start, j);
      judgeSuperuser(tokens, start, j);
      if (tokens[start + 1]?.up === 'OR' && tokens[start + 2]?.up === 'REPLACE') {
        const kind = tokens[start + 3]?.up ?? '';
        if (kind === 'TABLE' || CONTAINER_OBJECTS.has(kind)) {
          const name = readName(tokens, skipIfExists(tokens, start + 4))?.name;
          j.out.push({
            id: 'sql.replace-table',
            summary:
              `CREATE OR REPLACE ${kind} replaces ${kind.toLowerCase()} ${name ?? ''} and discards its data`.replace(
                '  ',
                ' ',
              ),
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
          summary:
            'pg_terminate_backend over pg_stat_activity disconnects every matching session, aborting their transactions',
          alternative: 'terminate the one backend you mean by its pid',
          severity: 45,
        });
      }
      break;
    default:
      break;
  }
  judgeDeletingFunctions(tokens.slice(start), j);
  judgeRemoteSql(tokens, start, j);
  // Cypher's DELETE names variables, not tables: judged above.
  if (verb !== 'MATCH' && (verb !== 'CREATE' || tokens.some((t) => t.up === 'AS' && t.depth === 0)))
    judgeDml(tokens, start, j, bodyMode);
  if (st.terminator && /^\\gexec\b/.test(st.terminator)) {
    const generated = tokens
      .filter((t) => t.kind === 'string')
      .map((t) => t.raw)
      .join(' ');
    if (DESTRUCTIVE_TEXT.test(generated)) {
      j.out.push({
        id: 'sql.dynamic-destructive',
        summary: 'runs DROP/TRUNCATE/DELETE statements generated by a query (\\gexec)',
        severity: 65,
      });
    }
  }
}

export function judgeMetaCommands(metas: readonly string[], out: Finding[]): void {
  for (const meta of metas) {
    // psql's `\lo_unlink OID` is lo_unlink() spelled as a client command.
    const unlink = /^\\lo_unlink\s+(\S+)/.exec(meta);
    if (unlink)
      out.push({
        id: 'sql.deleting-function',
        summary: `\\lo_unlink deletes the large object ${unlink[1]} (a file stored inside the database)`,
        target: unlink[1],
        alternative: 'export it first (\\lo_export) and check nothing still references it',
        severity: 55,
      });
    const m = /^(\\!|\.shell\b|\.system\b)\s*(.*)$/.exec(meta) ?? pipedMeta(meta);
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

/**
 * A client command that hands output or a file to a shell line: psql's `\o |CMD`, `\g |CMD`, `\w |CMD`,
 * `\copy … TO|FROM PROGRAM 'CMD'` and `\setenv PAGER CMD` (its pager and editor run later), mysql's
 * `\P CMD` / `pager CMD`, sqlite3's `.output |CMD` and `.once |CMD`. The second group is the line it runs.
 */
function pipedMeta(meta: string): RegExpExecArray | null {
  const m = pipedMetaLine(meta);
  // A pager that only shows the output (`pager less -S`, `\o |cat`) runs nothing of the line's own.
  return m && /^(?:less|more|most|cat|head|tail)(?:\s+-\S+)*\s*$/.test(m[2]) ? null : m;
}

function pipedMetaLine(meta: string): RegExpExecArray | null {
  return (
    /^(\\[ogw]\s*\||\.(?:output|once)\s+['"]?\||\\P\s)\s*(.*)$/.exec(meta) ??
    /^(\\copy\b[\s\S]*?\bprogram\s+)(.*)$/i.exec(meta) ??
    /^(\\setenv\s+(?:PAGER|PSQL_PAGER|PSQL_WATCH_PAGER|PSQL_EDITOR|EDITOR|VISUAL)\s+)(.*)$/.exec(meta)
  );
}
