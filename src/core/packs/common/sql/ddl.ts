// DDL and privileges: DROP, TRUNCATE, ALTER … DROP, GRANT … TO PUBLIC and
// superuser roles, each read from the tokens of one statement.
import { readName, readNameList, skipIfExists, type Token } from './lexer';
import {
  CONTAINER_OBJECTS,
  DATA_OBJECTS,
  find,
  type Judge,
  restrictsRows,
  saysProduction,
  TWO_WORD_OBJECTS,
} from './clauses';
import { own } from '../../../text/own';

export function judgeDrop(tokens: readonly Token[], start: number, j: Judge): void {
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
  if (own(TWO_WORD_OBJECTS, type)?.includes(tokens[k]?.up ?? '')) {
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
    const dump =
      type === 'SCHEMA'
        ? `pg_dump -n ${names[0]}`
        : type === 'KEYSPACE'
          ? `nodetool snapshot ${names[0]}`
          : `pg_dump ${names[0]} / mysqldump ${names[0]}`;
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

export function judgeTruncate(tokens: readonly Token[], start: number, j: Judge): void {
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

export function judgeAlter(tokens: readonly Token[], start: number, j: Judge): void {
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
      else if (next === 'PARTITION') {
        severity = 65;
        what = `partition ${tokens[i + 2]?.raw ?? ''} and its rows`;
      } else if (next === 'CONSTRAINT' || next === 'PRIMARY' || next === 'FOREIGN' || next === 'CHECK') {
        severity = 45;
        what = `a ${next === 'CONSTRAINT' ? 'constraint' : next.toLowerCase() + ' key'}`;
      } else if (next === 'INDEX' || next === 'KEY') {
        severity = 40;
        what = 'an index';
      }
      j.out.push({
        id: 'sql.alter-drop',
        summary: `ALTER TABLE ${table.name} drops ${what.trim()}${severity >= 60 ? ' with its data' : ''}`,
        target: table.name,
        alternative:
          severity >= 60
            ? `back the table up first (pg_dump -t ${table.name}), or stop writing the column before dropping it`
            : undefined,
        severity,
      });
    } else if (t.up === 'ALTER' && t.kind === 'word') {
      judgeColumnRewrite(tokens, i, table.name, j);
    } else if (t.up === 'TRUNCATE' && next === 'PARTITION') {
      j.out.push({
        id: 'sql.alter-drop',
        summary: `ALTER TABLE ${table.name} empties a partition`,
        target: table.name,
        severity: 65,
      });
    } else if (t.up === 'DELETE' && t.kind === 'word') {
      // ClickHouse mutations: ALTER TABLE t DELETE WHERE …
      const end = tokens.length;
      if (!restrictsRows(tokens, i, end, table.name)) {
        j.out.push({
          id: 'sql.delete-without-where',
          summary: `ALTER TABLE ${table.name} DELETE removes every row`,
          target: table.name,
          severity: 70,
        });
      }
    }
  }
}

/**
 * `ALTER [COLUMN] c [SET DATA] TYPE t USING expr` rewrites every row's value of c to expr. An expression that does not
 * read c (`USING NULL`, `USING 0`, `USING now()`) puts the same value in every row: the column's data is gone.
 */
function judgeColumnRewrite(tokens: readonly Token[], at: number, table: string, j: Judge): void {
  let k = at + 1;
  if (tokens[k]?.up === 'COLUMN') k++;
  const column = readName(tokens, k);
  if (!column) return;
  const depth = tokens[at].depth;
  let end = column.next;
  while (end < tokens.length && !(tokens[end].depth === depth && tokens[end].up === ',')) end++;
  const using = find(tokens, column.next, end, 'USING', depth);
  if (using === -1 || find(tokens, column.next, using, 'TYPE', depth) === -1) return;
  const name = column.name.toUpperCase();
  const reads = tokens.slice(using + 1, end).some((x) => (x.kind === 'word' || x.kind === 'ident') && x.up === name);
  if (reads || using + 1 >= end) return;
  j.out.push({
    id: 'sql.column-rewrite',
    summary: `ALTER TABLE ${table} changes the type of column ${column.name} USING an expression that does not read it: every row's value is replaced by the same one`,
    target: `${table}.${column.name}`,
    alternative: `convert the column from its own value (USING ${column.name}::…), or add a new column and copy into it`,
    severity: 60,
  });
}

const GRANT_OBJECT_WORDS = new Set([
  'TABLE',
  'TABLES',
  'SCHEMA',
  'DATABASE',
  'ALL',
  'IN',
  'SEQUENCE',
  'SEQUENCES',
  'FUNCTION',
  'FUNCTIONS',
]);

export function judgeGrant(tokens: readonly Token[], start: number, j: Judge): void {
  const grant = find(tokens, start, tokens.length, 'GRANT', 0);
  if (grant === -1) return;
  const to = find(tokens, grant, tokens.length, 'TO', 0);
  const onAt = find(tokens, grant, to === -1 ? tokens.length : to, 'ON', 0);
  if (
    tokens[grant + 1]?.up === 'ALL' &&
    onAt !== -1 &&
    tokens[onAt + 1]?.up === '*' &&
    tokens[onAt + 2]?.up === '.' &&
    tokens[onAt + 3]?.up === '*'
  ) {
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
export function judgeSuperuser(tokens: readonly Token[], start: number, j: Judge): void {
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
