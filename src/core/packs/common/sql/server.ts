// Statements that act on the database server rather than a table: MySQL's
// binary logs (the record point-in-time recovery and replicas replay),
// Oracle's recycle bin (where FLASHBACK TABLE finds a dropped table), and
// Cypher's MATCH … DELETE, the graph twin of DELETE without WHERE, and the
// server functions that delete what they are given (large objects, slots), and
// Postgres's ALTER SYSTEM where it makes the server run a command or a
// library, or stop writing what recovery needs.
import type { Token } from './lexer';
import type { Judge } from './clauses';

/** `RESET MASTER`, `RESET BINARY LOGS AND GTIDS`, `RESET REPLICA ALL`; Postgres `RESET name` only resets a session setting. */
export function judgeReset(tokens: readonly Token[], start: number, j: Judge): void {
  const what = tokens[start + 1]?.up;
  if (what === 'MASTER' || (what === 'BINARY' && tokens[start + 2]?.up === 'LOGS')) {
    j.out.push({
      id: 'sql.binlog-purge',
      summary:
        'RESET MASTER deletes every binary log: point-in-time recovery and the replicas reading them lose their place',
      alternative: 'PURGE BINARY LOGS BEFORE a date the backups already cover, after checking the replicas',
      severity: 80,
    });
  } else if (what === 'SLAVE' || what === 'REPLICA') {
    const all = tokens.some((t) => t.up === 'ALL' && t.depth === 0);
    j.out.push({
      id: 'sql.replication-reset',
      summary: `RESET ${what}${all ? ' ALL' : ''} makes the replica forget its position${all ? ' and its source' : ''}: it stops replicating`,
      alternative: 'STOP REPLICA, and let the database operators reset it',
      severity: all ? 60 : 50,
    });
  }
}

/** MySQL `PURGE BINARY LOGS …`; Oracle `PURGE RECYCLEBIN`, `PURGE TABLE x`, `PURGE DBA_RECYCLEBIN`. */
export function judgePurge(tokens: readonly Token[], start: number, j: Judge): void {
  const what = tokens[start + 1]?.up ?? '';
  if ((what === 'BINARY' || what === 'MASTER') && tokens[start + 2]?.up === 'LOGS') {
    j.out.push({
      id: 'sql.binlog-purge',
      summary: 'PURGE BINARY LOGS deletes binary logs: recovery to a point in time before the cut is lost',
      alternative: 'check the newest backup covers the cut and no replica still reads those logs',
      severity: 65,
    });
  } else if (what) {
    j.out.push({
      id: 'sql.recyclebin-purge',
      summary: `PURGE ${what} deletes dropped objects for good: FLASHBACK TABLE can no longer bring them back`,
      target: what,
      alternative: 'leave the recycle bin to the database; it frees space on its own',
      severity: 60,
    });
  }
}

const CYPHER_CLAUSES = new Set([
  'WHERE',
  'DELETE',
  'DETACH',
  'WITH',
  'RETURN',
  'SET',
  'REMOVE',
  'MERGE',
  'CREATE',
  'CALL',
]);

/** Cypher: `MATCH (n) DETACH DELETE n` deletes every node the pattern matches, and with no label, the whole graph. */
export function judgeCypherMatch(tokens: readonly Token[], start: number, j: Judge): void {
  const del = tokens.findIndex((t, k) => k > start && t.depth === 0 && t.up === 'DELETE');
  if (del === -1) return;
  // A WHERE, a property map or a LIMIT narrows what is matched.
  const narrowed = tokens.some(
    (t, k) => k > start && k < del && (t.up === '{' || ((t.up === 'WHERE' || t.up === 'LIMIT') && t.depth === 0)),
  );
  if (narrowed) return;
  let end = start + 1;
  while (end < del && !(tokens[end].depth === 0 && CYPHER_CLAUSES.has(tokens[end].up))) end++;
  const pattern = tokens.slice(start + 1, end);
  const labelled = pattern.some((t) => t.up === ':' || /^:\w/.test(t.raw));
  j.out.push({
    id: 'sql.delete-without-where',
    summary: `MATCH … DELETE with no WHERE deletes every ${labelled ? 'node the pattern matches' : 'node in the graph'}${tokens[del - 1]?.up === 'DETACH' ? ', with its relationships' : ''}`,
    alternative: 'add a WHERE for the nodes you mean (run it with RETURN count(*) first), and dump the database first',
    severity: labelled ? 70 : 80,
  });
}

/**
 * Server functions that delete what they name, whichever statement calls them (`SELECT lo_unlink(oid) FROM
 * pg_largeobject_metadata` deletes every large object): Postgres large objects, replication slots and origins,
 * and files of the server's data folder (adminpack).
 */
const DELETING_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['LO_UNLINK', 'deletes large objects (the files stored inside the database)'],
  ['PG_DROP_REPLICATION_SLOT', 'drops a replication slot: the replica or change feed reading it loses its place'],
  ['PG_REPLICATION_ORIGIN_DROP', 'drops a replication origin: the subscriber forgets how far it replayed'],
  ['PG_FILE_UNLINK', "deletes a file of the database server's folder"],
]);

export function judgeDeletingFunctions(tokens: readonly Token[], j: Judge): void {
  for (let i = 0; i + 1 < tokens.length && i < 4096; i++) {
    const what = tokens[i].kind === 'word' ? DELETING_FUNCTIONS.get(tokens[i].up) : undefined;
    if (!what || tokens[i + 1].up !== '(') continue;
    const name = tokens[i].raw.toLowerCase();
    const from = tokens.findIndex((t, k) => k > i && t.up === 'FROM');
    const everyRow = from !== -1 && !tokens.some((t, k) => k > from && (t.up === 'WHERE' || t.up === 'LIMIT'));
    j.out.push({
      id: 'sql.deleting-function',
      summary: `${name}() ${what}${everyRow ? ', once for every row the query reads' : ''}`,
      target: name,
      alternative:
        'SELECT the rows first to see what would go, take a dump (pg_dump --blobs) and remove the one you mean',
      severity: everyRow ? 70 : 55,
    });
    return;
  }
}

/** Settings whose value is a command the server runs or a library it loads into itself. */
const RUNS_CODE = new Set([
  'ARCHIVE_COMMAND',
  'RESTORE_COMMAND',
  'ARCHIVE_CLEANUP_COMMAND',
  'RECOVERY_END_COMMAND',
  'SSL_PASSPHRASE_COMMAND',
  'SHARED_PRELOAD_LIBRARIES',
  'SESSION_PRELOAD_LIBRARIES',
  'LOCAL_PRELOAD_LIBRARIES',
  'DYNAMIC_LIBRARY_PATH',
]);
/** Settings that, turned off, leave a crash to corrupt the data or leave nothing recorded. */
const KEEPS_DATA = new Set(['FSYNC', 'FULL_PAGE_WRITES', 'ARCHIVE_MODE', 'LOG_STATEMENT', 'LOGGING_COLLECTOR']);
const OFF = new Set(['OFF', 'FALSE', '0', 'NO', 'NONE']);

/**
 * Postgres `ALTER SYSTEM SET name = value` writes the server's own configuration (postgresql.auto.conf), kept
 * across restarts. Tuning (`work_mem`) is left alone; a command or library the server will run, a safety or
 * audit setting turned off, and `RESET ALL` ask.
 */
export function judgeAlterSystem(tokens: readonly Token[], start: number, j: Judge): void {
  if (tokens[start + 1]?.up !== 'SYSTEM') return;
  const verb = tokens[start + 2]?.up;
  const setting = tokens[start + 3]?.up ?? '';
  if (verb === 'RESET' && setting === 'ALL') {
    j.out.push({
      id: 'sql.server-config',
      summary:
        "ALTER SYSTEM RESET ALL discards every setting made with ALTER SYSTEM: the server's tuning, replication and logging fall back to their defaults at the next reload",
      target: 'ALTER SYSTEM',
      alternative: 'reset the one setting you mean, after saving postgresql.auto.conf',
      severity: 50,
    });
    return;
  }
  if (verb !== 'SET') return;
  const value = tokens
    .slice(start + 4)
    .filter((t) => t.up !== '=' && t.up !== 'TO')
    .map((t) => (t.kind === 'string' ? t.raw.toUpperCase() : t.up))
    .join(' ');
  const name = setting.toLowerCase();
  if (RUNS_CODE.has(setting) && value.trim() !== '' && value.trim() !== 'DEFAULT') {
    j.out.push({
      id: 'sql.server-config',
      summary: `ALTER SYSTEM SET ${name} makes the database server run a command or load a library of its choosing, as the server's own account`,
      target: name,
      alternative: 'leave server commands and libraries to the database operators',
      severity: 70,
    });
  } else if (KEEPS_DATA.has(setting) && OFF.has(value.trim())) {
    j.out.push({
      id: 'sql.server-config',
      summary: `ALTER SYSTEM SET ${name} = ${value.trim().toLowerCase()} turns off ${setting === 'FSYNC' || setting === 'FULL_PAGE_WRITES' ? 'what keeps the data whole through a crash' : setting === 'ARCHIVE_MODE' ? 'the WAL archive point-in-time recovery needs' : 'the record of what runs on the server'}`,
      target: name,
      alternative: 'leave it on; ask the database operators if it must change',
      severity: 60,
    });
  }
}
