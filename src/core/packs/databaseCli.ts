// Database command-line clients and admin tools. SQL clients (psql, mysql,
// sqlite3, clickhouse, cqlsh, influx 1.x) hand their SQL — from -c/-e, files,
// stdin, `<` redirects — to the SQL analyzer; mongosh code goes to the Mongo
// analyzer; redis-cli, dropdb, pg_restore, mysqladmin and friends are judged
// by their own words. The database (or host) is the target.
import { hasFlag, optionValue, positionals } from '../command/args';
import type { Finding, Pack } from '../types';
import { inputsEffect } from './common/sql';
import { judgeSqlClient, SQL_CLIENTS, sqlClientInputs, sqlClientOf } from './databaseCli/sqlClients';
import { ADMIN, ETCD_VALUES, MYSQLADMIN_VALUES, READ_TOOLS } from './databaseCli/admin';
import { judgeRedis, redisEffect } from './databaseCli/redis';
import { redisSocketFindings } from './databaseCli/redisSocket';
import { SOCKET_CLIENTS } from '../command/socketClients';
import { isHelp } from './databaseCli/common';
import { own } from '../text/own';
export { parseConnection } from './common/sql';

export const databaseCliPack: Pack = {
  id: 'db',
  commands: [
    ...Object.keys(SQL_CLIENTS),
    'clickhouse',
    'redis-cli',
    'valkey-cli',
    'keydb-cli',
    'createdb',
    'createuser',
    ...Object.keys(ADMIN),
    ...READ_TOOLS,
    ...SOCKET_CLIENTS,
  ],
  analyze(cmd, ctx) {
    const name = cmd.argv[0];
    let out: Finding[] = [];
    const admin = own(ADMIN, name);
    if (name === 'redis-cli' || name === 'valkey-cli' || name === 'keydb-cli') out = judgeRedis(cmd, ctx);
    else if ((SOCKET_CLIENTS as readonly string[]).includes(name)) out = redisSocketFindings(cmd);
    else if (admin && !isHelp(cmd.argv) && !(name === 'influx' && sqlClientOf(cmd))) out = admin(cmd);
    else {
      const found = sqlClientOf(cmd);
      if (found) out = judgeSqlClient(found.client, found.cmd, ctx);
    }
    return out.length ? out : undefined;
  },
  effect(cmd, ctx) {
    const name = cmd.argv[0];
    if (READ_TOOLS.has(name) || isHelp(cmd.argv)) return 'read';
    if (name === 'redis-cli' || name === 'valkey-cli' || name === 'keydb-cli') return redisEffect(cmd, ctx);
    if (name === 'pg_restore')
      return optionValue(cmd.argv, ['-d', '--dbname']) && !hasFlag(cmd.argv, ['-l', '--list']) ? 'write' : 'read';
    if (name === 'etcdctl')
      return /^(?:get|watch|member|endpoint|version|check|alarm|user|role)$/.test(
        positionals(cmd.argv, ETCD_VALUES)[0] ?? '',
      )
        ? 'read'
        : 'write';
    if (name === 'consul') {
      const [area, verb] = positionals(cmd.argv);
      return area === 'kv' && (verb === 'get' || verb === 'export') ? 'read' : area === 'kv' ? 'write' : undefined;
    }
    if (name === 'mysqladmin' || name === 'mariadb-admin') {
      const words = positionals(cmd.argv, MYSQLADMIN_VALUES).map((w) => w.toLowerCase());
      return words.length > 0 &&
        words.every((w) => ['status', 'extended-status', 'ping', 'processlist', 'variables', 'version'].includes(w))
        ? 'read'
        : 'write';
    }
    const found = sqlClientOf(cmd);
    if (found) {
      if (hasFlag(found.cmd.argv, ['-l', '--list']) && name === 'psql') return 'read';
      return inputsEffect(sqlClientInputs(found.client, found.cmd, ctx), found.client.effect);
    }
    return 'write';
  },
};
