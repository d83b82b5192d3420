// Admin tools judged by their own words (dropdb, pg_restore, mysqladmin,
// mongorestore, influx, dropuser), and key-value stores behind service
// discovery and config (etcd, Consul): a prefix delete takes a whole tree.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { parseConnection, saysProduction } from '../common/sql';
import { describe } from './common';

const PG_CONN_VALUES = [
  '-h',
  '--host',
  '-p',
  '--port',
  '-U',
  '--username',
  '--maintenance-db',
  '-d',
  '--dbname',
  '-f',
  '--file',
  '-j',
  '--jobs',
  '-n',
  '--schema',
  '-t',
  '--table',
  '-N',
  '-T',
  '-L',
  '--use-list',
  '-S',
  '--superuser',
  '--role',
  '-F',
  '--format',
  '-I',
  '--index',
  '-P',
  '--function',
];

function dropdb(cmd: SimpleCommand): Finding[] {
  const names = positionals(cmd.argv, PG_CONN_VALUES);
  const db = names[names.length - 1];
  if (!db) return [];
  const host = optionValue(cmd.argv, ['-h', '--host']) ?? cmd.env.PGHOST;
  return [
    {
      id: 'db.dropdb',
      summary: `dropdb deletes database ${db}${host ? ` on ${host}` : ''} and everything in it`,
      target: db,
      alternative: `pg_dump -Fc ${db} > ${db}.dump first, and drop it by hand if it really must go`,
      severity: saysProduction(db) || saysProduction(host) ? 95 : 75,
    },
  ];
}

function pgRestore(cmd: SimpleCommand): Finding[] {
  const db = optionValue(cmd.argv, ['-d', '--dbname']);
  if (!db || !hasFlag(cmd.argv, ['-c', '--clean'])) return [];
  const where = describe(parseConnection(db)) ?? db;
  return [
    {
      id: 'db.restore-clean',
      summary: `pg_restore --clean drops every object of the dump in ${where} before recreating it; data written since the dump is lost`,
      target: where,
      alternative: 'restore into a new, empty database (createdb, then pg_restore -d NEW) and compare first',
      severity: 60,
    },
  ];
}

export const MYSQLADMIN_VALUES = [
  '-u',
  '--user',
  '-h',
  '--host',
  '-P',
  '--port',
  '-S',
  '--socket',
  '-c',
  '--count',
  '-i',
  '--sleep',
  '--protocol',
];

function mysqladmin(cmd: SimpleCommand): Finding[] {
  const words = positionals(cmd.argv, MYSQLADMIN_VALUES);
  const host = optionValue(cmd.argv, ['-h', '--host']);
  const out: Finding[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase();
    if (w === 'drop' && words[i + 1]) {
      const db = words[i + 1];
      out.push({
        id: 'db.dropdb',
        summary: `mysqladmin drop deletes database ${db}${host ? ` on ${host}` : ''} and every table in it`,
        target: db,
        alternative: `mysqldump ${db} > ${db}.sql first`,
        severity: saysProduction(db) || saysProduction(host) ? 95 : 75,
      });
      i++;
    } else if (w === 'shutdown') {
      out.push({
        id: 'db.server-shutdown',
        summary: `mysqladmin shutdown stops the MySQL server${host ? ` on ${host}` : ''}`,
        target: host ?? 'localhost',
        severity: 60,
      });
    }
  }
  return out;
}

function mongoRestoreOrImport(cmd: SimpleCommand): Finding[] {
  if (!hasFlag(cmd.argv, ['--drop'])) return [];
  const uri = parseConnection(optionValue(cmd.argv, ['--uri']));
  const db = optionValue(cmd.argv, ['-d', '--db']) ?? uri.db;
  const coll = optionValue(cmd.argv, ['-c', '--collection']) ?? optionValue(cmd.argv, ['--nsInclude']);
  const target = [db, coll].filter(Boolean).join('.') || 'every collection in the dump';
  return [
    {
      id: 'db.restore-clean',
      summary: `${cmd.argv[0]} --drop deletes ${target} before loading; documents written since the dump are lost`,
      target,
      alternative: `${cmd.argv[0]} into a new database or collection and compare first`,
      severity: cmd.argv[0] === 'mongorestore' ? 60 : 50,
    },
  ];
}

/** influx 2.x: `influx delete`, `influx bucket delete`, `influx org delete`. */
function influxAdmin(cmd: SimpleCommand): Finding[] {
  const [sub, action] = positionals(cmd.argv, [
    '--bucket',
    '-b',
    '--bucket-id',
    '--org',
    '-o',
    '--org-id',
    '--start',
    '--stop',
    '--predicate',
    '-p',
    '--host',
    '--token',
    '-t',
    '--name',
    '-n',
    '--id',
    '-i',
  ]);
  const bucket = optionValue(cmd.argv, ['--bucket', '-b', '--name', '-n', '--id', '-i']);
  if (sub === 'delete') {
    const predicate = optionValue(cmd.argv, ['--predicate', '-p']);
    return [
      {
        id: 'db.influx-delete',
        summary:
          `influx delete removes ${predicate ? 'matching points' : 'every point'} between --start and --stop from bucket ${bucket ?? ''}`.trim(),
        target: bucket,
        severity: predicate ? 45 : 65,
      },
    ];
  }
  if ((sub === 'bucket' || sub === 'org') && action === 'delete') {
    return [
      {
        id: 'db.influx-delete',
        summary: `influx ${sub} delete removes ${sub} ${bucket ?? ''} and all its data`.replace('  ', ' '),
        target: bucket,
        severity: 75,
      },
    ];
  }
  return [];
}

function pgDropCluster(cmd: SimpleCommand): Finding[] {
  const [version, name] = positionals(cmd.argv);
  if (!version) return [];
  const target = [version, name].filter(Boolean).join('/');
  return [
    {
      id: 'db.dropcluster',
      summary: `pg_dropcluster deletes PostgreSQL cluster ${target} with its data directory`,
      target,
      alternative: 'pg_dumpall first',
      severity: 80,
    },
  ];
}

function dropuser(cmd: SimpleCommand): Finding[] {
  const names = positionals(cmd.argv, PG_CONN_VALUES);
  const role = names[names.length - 1];
  if (!role) return [];
  return [
    {
      id: 'db.dropuser',
      summary: `dropuser removes database role ${role}; whatever runs as it loses access`,
      target: role,
      severity: 50,
    },
  ];
}

// ---------------------------------------------------------------------------
// Key-value stores behind service discovery and config (etcd, Consul): a prefix delete takes a whole tree.

export const ETCD_VALUES = [
  '--endpoints',
  '--cacert',
  '--cert',
  '--key',
  '--user',
  '--password',
  '-w',
  '--write-out',
  '--command-timeout',
  '--dial-timeout',
];

function etcdctl(cmd: SimpleCommand): Finding[] {
  const [verb, key, end] = positionals(cmd.argv, ETCD_VALUES);
  if (verb !== 'del' && verb !== 'delete') return [];
  const prefix = hasFlag(cmd.argv, ['--prefix']);
  const fromKey = hasFlag(cmd.argv, ['--from-key']);
  if (!prefix && !fromKey && end === undefined) return [];
  const everything = (prefix && !key) || (fromKey && (!key || key === '\0'));
  const what = everything
    ? 'every key'
    : prefix
      ? `every key under ${key}`
      : fromKey
        ? `every key from ${key} on`
        : `the keys from ${key} to ${end}`;
  return [
    {
      id: 'db.kv-delete-prefix',
      summary: `etcdctl del removes ${what}: configuration and service state others read is gone`,
      target: key || 'etcd',
      alternative: 'etcdctl get --prefix --keys-only first, and take a snapshot (etcdctl snapshot save)',
      severity: everything ? 80 : 60,
    },
  ];
}

function consul(cmd: SimpleCommand): Finding[] {
  const [area, verb, key] = positionals(cmd.argv, [
    '-http-addr',
    '-token',
    '-datacenter',
    '-namespace',
    '-partition',
    '-separator',
  ]);
  if (area !== 'kv' || verb !== 'delete' || !hasFlag(cmd.argv, ['-recurse', '--recurse'])) return [];
  const everything = !key || key === '/';
  return [
    {
      id: 'db.kv-delete-prefix',
      summary: `consul kv delete -recurse removes ${everything ? 'every key' : `every key under ${key}`}`,
      target: key || 'consul',
      alternative: 'consul kv export first, and delete the keys you mean',
      severity: everything ? 80 : 60,
    },
  ];
}

export const ADMIN: Record<string, (cmd: SimpleCommand) => Finding[]> = {
  etcdctl,
  consul,
  dropdb,
  dropuser,
  pg_restore: pgRestore,
  pg_dropcluster: pgDropCluster,
  mysqladmin,
  'mariadb-admin': mysqladmin,
  mongorestore: mongoRestoreOrImport,
  mongoimport: mongoRestoreOrImport,
  influx: influxAdmin,
};

/** Tools that only read (or write local files), for production-target gating. */
export const READ_TOOLS = new Set([
  'pg_dump',
  'pg_dumpall',
  'mysqldump',
  'mariadb-dump',
  'mongodump',
  'mongoexport',
  'pg_isready',
  'pg_config',
  'pg_controldata',
]);
