// Warehouses and lakehouses: the file systems under them (HDFS, DBFS) and
// the retention that time travel and recovery rely on. Their SQL goes
// through the SQL pack (snowsql, bq query, trino, spark-sql, beeline) or,
// for CLIs nobody named, the generic reading of SQL options; their
// workspaces and clusters follow the verb grammar. What is named here is
// what the words hide: `hdfs dfs -rm -r -skipTrash` deletes for good.
import { hasFlag, positionals } from '../command/args';
import type { Finding, Pack, SimpleCommand } from '../types';
import { asksForHelp, SEV, weigh } from './common/deletion';
import { finding } from './common/finding';

const ALT = 'list what would go first (-ls / -du) and keep the trash on, or snapshot the directory';

/** `hdfs dfs -rm -r PATH`, `hadoop fs -rmr PATH`, `hdfs dfs -expunge`, `hdfs dfs -truncate`. */
function hadoopFs(cmd: SimpleCommand): Finding[] | undefined {
  const argv = cmd.argv;
  const at = argv.findIndex((a, i) => i > 0 && (a === 'dfs' || a === 'fs'));
  if (at === -1) return undefined;
  const op = argv[at + 1] ?? '';
  const rest = argv.slice(at + 2);
  const paths = rest.filter((a) => !a.startsWith('-'));
  const target = paths[0];
  const recursive = op === '-rmr' || rest.some((a) => /^-[rRf]*[rR][rRf]*$/.test(a));
  const noTrash = rest.includes('-skipTrash');
  if (op === '-rm' || op === '-rmr' || op === '-rmdir') {
    const sev = recursive ? (noTrash ? SEV.critical : SEV.data) : noTrash ? 60 : SEV.small;
    return [
      finding(
        'warehouse.fs-delete',
        weigh(sev, target),
        `${argv[0]} ${argv[at]} ${op} deletes ${recursive ? 'everything under ' : ''}${target ?? 'files'}${noTrash ? ', skipping the trash: nothing can be restored' : ''}`,
        target,
        ALT,
      ),
    ];
  }
  if (op === '-expunge')
    return [
      finding(
        'warehouse.fs-delete',
        70,
        `${argv[0]} ${argv[at]} -expunge empties the HDFS trash: deleted files can no longer be restored`,
        'HDFS trash',
        ALT,
      ),
    ];
  if (op === '-truncate')
    return [
      finding(
        'warehouse.fs-delete',
        weigh(65, target),
        `${argv[0]} ${argv[at]} -truncate cuts ${target ?? 'files'} short: the rest is lost`,
        target,
        ALT,
      ),
    ];
  if (op === '-deleteSnapshot')
    return [
      finding(
        'warehouse.fs-delete',
        SEV.critical,
        `${argv[0]} ${argv[at]} -deleteSnapshot deletes an HDFS snapshot: a way back`,
        target,
        ALT,
      ),
    ];
  return undefined;
}

/** `dbfs rm -r dbfs:/…` (the legacy Databricks file system CLI). */
function dbfs(cmd: SimpleCommand): Finding[] | undefined {
  const [op, target] = positionals(cmd.argv, ['--profile']);
  if (op !== 'rm') return undefined;
  const recursive = hasFlag(cmd.argv, ['-r', '--recursive']);
  return [
    finding(
      'warehouse.fs-delete',
      weigh(recursive ? SEV.data : SEV.small, target),
      `dbfs rm deletes ${recursive ? 'everything under ' : ''}${target ?? 'files'} in DBFS`,
      target,
      ALT,
    ),
  ];
}

export const warehousePack: Pack = {
  id: 'warehouse',
  commands: ['hdfs', 'hadoop', 'dbfs'],
  analyze(cmd) {
    if (asksForHelp(cmd.argv)) return undefined;
    return cmd.argv[0] === 'dbfs' ? dbfs(cmd) : hadoopFs(cmd);
  },
  effect(cmd) {
    const f = cmd.argv[0] === 'dbfs' ? dbfs(cmd) : hadoopFs(cmd);
    if (f?.length) return 'write';
    return cmd.argv.some((a) =>
      /^-(?:ls|cat|du|df|stat|test|get|copyToLocal|text|count|find|head|tail|checksum)$/.test(a),
    ) || positionals(cmd.argv)[0] === 'ls'
      ? 'read'
      : undefined;
  },
};
