// Statements that act on the database server rather than a table: MySQL's
// binary logs (the record point-in-time recovery and replicas replay),
// Oracle's recycle bin (where FLASHBACK TABLE finds a dropped table), and
// Cypher's MATCH … DELETE, the graph twin of DELETE without WHERE.
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
