// Database command-line clients and admin tools. SQL clients (psql, mysql,
// sqlite3, clickhouse, cqlsh, influx 1.x) hand their SQL — from -c/-e, files,
// stdin, `<` redirects — to the SQL analyzer; mongosh code goes to the Mongo
// analyzer; redis-cli, dropdb, pg_restore, mysqladmin and friends are judged
// by their own words. The database (or host) is the target.
import { hasFlag, optionValue, positionals } from '../args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { analyzeMongo, collectSql, inputsEffect, judgeSqlInputs, mongoEffect, parseConnection, saysProduction, type Connection, type SqlInputSpec, type SqlInputs } from './sql';

// ---------------------------------------------------------------------------
// Connection targets.

export { parseConnection };

function describe(c: Connection): string | undefined {
  if (c.db && c.host) return `${c.db} on ${c.host}`;
  return c.db ?? c.host;
}

const isHelp = (argv: readonly string[]): boolean => hasFlag(argv, ['--help', '--version', '-?']) || argv[1] === '-V';

// ---------------------------------------------------------------------------
// SQL clients.

interface SqlClient {
  label: string;
  /** Short flags that take no value, and those that take one: lets `-tAc SQL` read as `-t -A -c SQL`. */
  clusters?: { flags: string; valued: string };
  /** Where the client's SQL comes from. */
  spec(cmd: SimpleCommand): SqlInputSpec;
  connection(cmd: SimpleCommand): Connection;
  /** Analyzer for the client's language (analyzeSql unless said otherwise). */
  analyze?: (text: string, origin: string | undefined, c: Connection) => Finding[];
  effect?: (text: string) => 'read' | 'write';
}

const PSQL_VALUES = ['-c', '--command', '-f', '--file', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr'];
const MYSQL_VALUES = ['-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-S', '--socket', '-e', '--execute', '--protocol', '--default-character-set', '--login-path', '--defaults-file', '--defaults-extra-file', '--init-command'];
const SQLITE_VALUES = ['-cmd', '--cmd', '-init', '--init', '-separator', '--separator', '-newline', '--newline', '-nullvalue', '--nullvalue', '-vfs', '--vfs', '-maxsize', '--maxsize', '-pagecache', '-lookaside', '-mmap', '--mmap'];
const MONGO_VALUES = ['--eval', '-f', '--file', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism', '--tlsCAFile', '--tlsCertificateKeyFile', '--apiVersion'];
const CQLSH_VALUES = ['-e', '--execute', '-f', '--file', '-k', '--keyspace', '-u', '--username', '-p', '--password', '--cqlversion', '--request-timeout', '--connect-timeout', '--encoding'];

const SQL_CLIENTS: Record<string, SqlClient> = {
  psql: {
    label: 'psql',
    clusters: { flags: 'aAbeEHlnqsStxXwWz01', valued: 'cfdhpUvoLPFRT' },
    spec: () => ({ inline: ['-c', '--command'], files: ['-f', '--file'] }),
    connection: (cmd) => {
      const named = optionValue(cmd.argv, ['-d', '--dbname']) ?? positionals(cmd.argv, PSQL_VALUES)[0] ?? cmd.env.PGDATABASE;
      const c = parseConnection(named);
      return { host: c.host ?? optionValue(cmd.argv, ['-h', '--host']) ?? cmd.env.PGHOST, db: c.db };
    },
  },
  mysql: {
    label: 'mysql',
    clusters: { flags: 'sNBrtvEHXnqfCcGiKL', valued: 'euhPDS' },
    spec: () => ({ inline: ['-e', '--execute'] }),
    connection: (cmd) => {
      const named = optionValue(cmd.argv, ['-D', '--database']) ?? positionals(cmd.argv, MYSQL_VALUES)[0];
      const c = parseConnection(named);
      return { host: c.host ?? optionValue(cmd.argv, ['-h', '--host']) ?? cmd.env.MYSQL_HOST, db: c.db };
    },
  },
  sqlite3: {
    label: 'sqlite3',
    spec: (cmd) => ({ inline: ['-cmd', '--cmd'], files: ['-init', '--init'], positionalSql: positionals(cmd.argv, SQLITE_VALUES).slice(1) }),
    connection: (cmd) => ({ db: positionals(cmd.argv, SQLITE_VALUES)[0] }),
  },
  mongosh: {
    label: 'mongosh',
    spec: (cmd) => {
      const pos = positionals(cmd.argv, MONGO_VALUES);
      return { inline: ['--eval'], files: ['-f', '--file'], positionalFiles: pos.filter((p) => /\.[cm]?js$/.test(p)) };
    },
    connection: (cmd) => {
      const first = positionals(cmd.argv, MONGO_VALUES).find((p) => !/\.[cm]?js$/.test(p));
      // `host:27017/app` and `mongodb://host/app`: the path is the database.
      const bare = first && !first.includes('://') && first.includes('/') ? `mongodb://${first}` : first;
      const c = parseConnection(bare);
      return { host: c.host ?? optionValue(cmd.argv, ['--host']), db: c.db };
    },
    analyze: (text, origin, c) => {
      const out = analyzeMongo(text, c.db);
      if (origin) for (const f of out) f.summary += ` (${origin})`;
      return out;
    },
    effect: mongoEffect,
  },
  'clickhouse-client': {
    label: 'clickhouse-client',
    spec: () => ({ inline: ['-q', '--query'], files: ['--queries-file'] }),
    connection: (cmd) => ({ host: optionValue(cmd.argv, ['-h', '--host']), db: optionValue(cmd.argv, ['-d', '--database']) }),
  },
  cqlsh: {
    label: 'cqlsh',
    spec: () => ({ inline: ['-e', '--execute'], files: ['-f', '--file'] }),
    connection: (cmd) => ({ host: positionals(cmd.argv, CQLSH_VALUES)[0], db: optionValue(cmd.argv, ['-k', '--keyspace']) }),
  },
  influx: {
    // InfluxDB 1.x shell: InfluxQL is close enough to SQL (DROP DATABASE/MEASUREMENT/SERIES, DELETE).
    label: 'influx',
    spec: () => ({ inline: ['-execute', '--execute'], readsStdin: false }),
    connection: (cmd) => ({ host: optionValue(cmd.argv, ['-host', '--host']), db: optionValue(cmd.argv, ['-database', '--database']) }),
  },
};
SQL_CLIENTS.mariadb = { ...SQL_CLIENTS.mysql, label: 'mariadb' };
SQL_CLIENTS.mongo = { ...SQL_CLIENTS.mongosh, label: 'mongo' };
SQL_CLIENTS.sqlite = SQL_CLIENTS.sqlite3;

const IN_MEMORY = new Set([':memory:', '']);

/** `clickhouse client …` is `clickhouse-client …`. */
function sqlClientOf(cmd: SimpleCommand): { client: SqlClient; cmd: SimpleCommand } | undefined {
  if (cmd.argv[0] === 'clickhouse') {
    if (cmd.argv[1] !== 'client') return undefined;
    const argv = ['clickhouse-client', ...cmd.argv.slice(2)];
    return { client: SQL_CLIENTS['clickhouse-client'], cmd: { ...cmd, argv, dynamic: [false, ...cmd.dynamic.slice(2)] } };
  }
  const client = SQL_CLIENTS[cmd.argv[0]];
  if (!client) return undefined;
  // influx 2.x subcommands (`influx delete`, `influx bucket delete`) are admin commands, not a shell.
  if (cmd.argv[0] === 'influx' && cmd.argv[1] && !cmd.argv[1].startsWith('-')) return undefined;
  // `sqlite3 :memory:` (or `sqlite3 ''`): a database that exists only while the command runs.
  if ((cmd.argv[0] === 'sqlite3' || cmd.argv[0] === 'sqlite') && IN_MEMORY.has(positionals(cmd.argv, SQLITE_VALUES)[0] ?? ':memory:')) return undefined;
  return { client, cmd: client.clusters ? splitClusters(cmd, client.clusters) : cmd };
}

/**
 * `psql -tAc "SQL"` and `mysql -sNe "SQL"`: a cluster of flags whose last
 * letter takes the next word as its value. Spelled out (`-t -A -c SQL`) so the
 * option helpers read it. A cluster with any other letter (`-psecret`) is left alone.
 */
function splitClusters(cmd: SimpleCommand, c: { flags: string; valued: string }): SimpleCommand {
  let changed = false;
  const argv: string[] = [];
  const dynamic: boolean[] = [];
  for (let i = 0; i < cmd.argv.length; i++) {
    const a = cmd.argv[i];
    if (a === '--') {
      argv.push(...cmd.argv.slice(i));
      dynamic.push(...cmd.dynamic.slice(i));
      break;
    }
    const body = a.length > 2 && a[0] === '-' && a[1] !== '-' ? a.slice(1) : '';
    if (body && c.valued.includes(body[body.length - 1]) && [...body.slice(0, -1)].every((ch) => c.flags.includes(ch))) {
      for (const ch of body) {
        argv.push('-' + ch);
        dynamic.push(false);
      }
      changed = true;
    } else {
      argv.push(a);
      dynamic.push(cmd.dynamic[i] ?? false);
    }
  }
  return changed ? { ...cmd, argv, dynamic } : cmd;
}

function sqlClientInputs(client: SqlClient, cmd: SimpleCommand, ctx: AnalysisContext): SqlInputs {
  return collectSql(cmd, ctx, client.spec(cmd));
}

function judgeSqlClient(client: SqlClient, cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (isHelp(cmd.argv)) return [];
  const conn = client.connection(cmd);
  const where = describe(conn);
  const inputs = sqlClientInputs(client, cmd, ctx);
  const analyze = client.analyze ? (t: string, o?: string) => client.analyze!(t, o, conn) : undefined;
  const out = judgeSqlInputs(inputs, client.label, analyze);
  // SQL findings name the table; say which database it lives in.
  if (where) {
    for (const f of out) if (f.id.startsWith('sql.') && !f.summary.includes(where) && !f.id.startsWith('sql.mongo')) f.summary += ` in ${where}`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// redis-cli: the command is made of positional words (or stdin lines).

const REDIS_VALUES = ['-h', '-p', '-s', '-a', '-u', '-r', '-i', '-n', '-d', '-D', '-t', '--user', '--pass', '--sni', '--cacert', '--cacertdir', '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites', '--pattern', '--count', '--quoted-pattern', '--memkeys-samples', '--intrinsic-latency', '--pipe-timeout', '--rdb', '--functions-rdb', '--eval', '--lru-test', '--cluster', '--cluster-replicas', '--cluster-from', '--cluster-to', '--cluster-slots'];
const REDIS_READS = new Set([
  'GET', 'MGET', 'GETRANGE', 'STRLEN', 'EXISTS', 'TYPE', 'TTL', 'PTTL', 'KEYS', 'SCAN', 'HGET', 'HGETALL', 'HMGET', 'HKEYS', 'HVALS',
  'HLEN', 'HEXISTS', 'HSCAN', 'HSTRLEN', 'LRANGE', 'LLEN', 'LINDEX', 'LPOS', 'SMEMBERS', 'SCARD', 'SISMEMBER', 'SMISMEMBER', 'SSCAN',
  'SRANDMEMBER', 'SINTER', 'SUNION', 'SDIFF', 'ZRANGE', 'ZREVRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE', 'ZCARD', 'ZSCORE', 'ZMSCORE',
  'ZRANK', 'ZREVRANK', 'ZSCAN', 'ZCOUNT', 'INFO', 'PING', 'ECHO', 'DBSIZE', 'TIME', 'MONITOR', 'SLOWLOG', 'MEMORY', 'OBJECT', 'XRANGE',
  'XREVRANGE', 'XLEN', 'XINFO', 'XREAD', 'PUBSUB', 'LASTSAVE', 'ROLE', 'COMMAND', 'DUMP', 'RANDOMKEY', 'GEOPOS', 'GEODIST', 'GEOSEARCH',
  'GEORADIUS_RO', 'PFCOUNT', 'BITCOUNT', 'BITPOS', 'GETBIT', 'SUBSCRIBE', 'PSUBSCRIBE', 'LATENCY', 'HELLO', 'AUTH', 'SELECT', 'QUIT',
]);
const REDIS_READ_FLAGS = ['--scan', '--bigkeys', '--memkeys', '--hotkeys', '--stat', '--latency', '--latency-history', '--latency-dist', '--rdb', '--functions-rdb', '--keystats'];

interface RedisTarget {
  host: string;
  db?: string;
  massInput: boolean;
}

function redisTarget(cmd: SimpleCommand): RedisTarget {
  const uri = parseConnection(optionValue(cmd.argv, ['-u']));
  const host = uri.host ?? optionValue(cmd.argv, ['-h']) ?? 'localhost';
  const db = optionValue(cmd.argv, ['-n']) ?? uri.db;
  // Keys fed by xargs or a pipe: the key list is whatever a KEYS/SCAN produced.
  const massInput = cmd.via.some((v) => v.startsWith('xargs')) || hasFlag(cmd.argv, ['-x']);
  return { host, db, massInput };
}

function redisFindings(words: readonly string[], dynamic: boolean, t: RedisTarget): Finding[] {
  const name = (words[0] ?? '').toUpperCase();
  const arg = (words[1] ?? '').toUpperCase();
  const where = t.db !== undefined ? `${t.host} db ${t.db}` : t.host;
  const prod = saysProduction(t.host);
  switch (name) {
    case 'FLUSHALL':
      return [{ id: 'db.redis-flush', summary: `FLUSHALL deletes every key in every database of ${t.host}`, target: t.host, alternative: 'delete the keys you mean (SCAN with a pattern, review, then UNLINK), after a BGSAVE', severity: prod ? 95 : 80 }];
    case 'FLUSHDB':
      return [{ id: 'db.redis-flush', summary: `FLUSHDB deletes every key of ${where}`, target: where, alternative: 'delete the keys you mean (SCAN with a pattern, review, then UNLINK), after a BGSAVE', severity: prod ? 95 : 75 }];
    case 'SHUTDOWN':
      return [{ id: 'db.redis-shutdown', summary: `SHUTDOWN stops the Redis server ${t.host}${arg === 'NOSAVE' ? ' without saving: unsaved keys are lost' : ''}`, target: t.host, severity: arg === 'NOSAVE' ? 75 : 60 }];
    case 'CONFIG':
      if (arg !== 'SET') return [];
      return [{ id: 'db.redis-config', summary: `CONFIG SET ${words[2] ?? ''} changes the running configuration of ${t.host}`.replace('  ', ' '), target: t.host, severity: /^(dir|dbfilename|appendonly|save|requirepass|protected-mode)$/i.test(words[2] ?? '') ? 60 : 45 }];
    case 'DEBUG':
      if (['OBJECT', 'DIGEST', 'DIGEST-VALUE', 'HELP', 'LISTPACK', 'QUICKLIST-PACKED-THRESHOLD'].includes(arg)) return [];
      return [{ id: 'db.redis-debug', summary: `DEBUG ${arg} can crash, stall or reload the Redis server ${t.host}`, target: t.host, severity: 55 }];
    case 'REPLICAOF':
    case 'SLAVEOF':
      if (arg === 'NO') return [];
      return [{ id: 'db.redis-replicaof', summary: `${name} makes ${t.host} a replica: its data is replaced by a copy of ${words[1] ?? 'another server'}`, target: t.host, severity: 70 }];
    case 'SCRIPT':
    case 'FUNCTION':
      if (arg !== 'FLUSH' && arg !== 'DELETE') return [];
      return [{ id: 'db.redis-flush', summary: `${name} ${arg} deletes server-side scripts of ${t.host}`, target: t.host, severity: 45 }];
    case 'CLUSTER':
      if (arg !== 'RESET' && arg !== 'FLUSHSLOTS' && arg !== 'FORGET') return [];
      return [{ id: 'db.redis-cluster', summary: `CLUSTER ${arg} breaks cluster membership of ${t.host}; keys in its slots become unreachable`, target: t.host, severity: 65 }];
    case 'SWAPDB':
      return [{ id: 'db.redis-swapdb', summary: `SWAPDB swaps the contents of databases ${words[1]} and ${words[2]} for every client of ${t.host}`, target: t.host, severity: 50 }];
    case 'ACL':
      if (arg !== 'DELUSER') return [];
      return [{ id: 'db.redis-acl', summary: `ACL DELUSER removes users ${words.slice(2).join(', ')} from ${t.host}`, target: t.host, severity: 45 }];
    case 'DEL':
    case 'UNLINK': {
      const keys = words.slice(1);
      if (!t.massInput && !dynamic && keys.length > 0 && !keys.some((k) => k.includes('*'))) return [];
      return [{
        id: 'db.redis-delete-pattern',
        summary: `${name} deletes every key ${keys.length ? `matching ${keys.join(' ')}` : 'fed to it by a KEYS/SCAN listing'} on ${where}`,
        target: where,
        alternative: 'list the keys first (redis-cli --scan --pattern …), check them, then delete that list',
        severity: 60,
      }];
    }
    case 'EVAL':
    case 'EVALSHA':
    case 'EVAL_RO':
    case 'FCALL':
      return redisScriptFindings(words[1] ?? '', t);
    default:
      return [];
  }
}

function redisScriptFindings(script: string, t: RedisTarget): Finding[] {
  if (/flushall|flushdb/i.test(script)) {
    return [{ id: 'db.redis-flush', summary: `a Lua script flushes the Redis keyspace of ${t.host}`, target: t.host, severity: 80 }];
  }
  if (/['"](?:del|unlink)['"]/i.test(script) && /['"](?:keys|scan)['"]/i.test(script)) {
    return [{ id: 'db.redis-delete-pattern', summary: `a Lua script deletes every key matching a pattern on ${t.host}`, target: t.host, severity: 60 }];
  }
  return [];
}

/** Commands one redis-cli invocation runs: its positional words, or one per stdin line. */
function redisCommands(cmd: SimpleCommand, ctx: AnalysisContext): { words: string[]; dynamic: boolean }[] {
  const words = positionals(cmd.argv, REDIS_VALUES);
  // `--cluster call HOST:PORT CMD…` runs CMD on every node.
  if (optionValue(cmd.argv, ['--cluster']) === 'call') words.shift();
  if (words.length) {
    const dynamic = cmd.argv.some((a, i) => cmd.dynamic[i] && words.includes(a));
    return [{ words, dynamic }];
  }
  const input = cmd.redirects.filter((r) => r.op === '<').pop();
  const text = input ? ctx.readFile(input.target, cmd.cwd) : cmd.stdin;
  if (text === undefined || hasFlag(cmd.argv, ['--pipe'])) return [];
  return text.split('\n').slice(0, 500).map((line) => ({ words: line.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, '')), dynamic: false })).filter((c) => c.words.length);
}

function judgeRedis(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (isHelp(cmd.argv)) return [];
  const t = redisTarget(cmd);
  const out: Finding[] = [];
  const script = optionValue(cmd.argv, ['--eval']);
  if (script) out.push(...redisScriptFindings(ctx.readFile(script, cmd.cwd) ?? '', t));
  for (const c of redisCommands(cmd, ctx)) out.push(...redisFindings(c.words, c.dynamic, t));
  return out;
}

function redisEffect(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' {
  if (isHelp(cmd.argv) || hasFlag(cmd.argv, REDIS_READ_FLAGS)) return 'read';
  if (hasFlag(cmd.argv, ['--pipe', '--eval'])) return 'write';
  const cmds = redisCommands(cmd, ctx);
  if (!cmds.length) return 'write'; // interactive, or commands we cannot see
  const reads = cmds.every(({ words }) => {
    const name = words[0].toUpperCase();
    const arg = (words[1] ?? '').toUpperCase();
    if (name === 'CONFIG') return arg === 'GET';
    if (name === 'CLIENT') return arg === 'LIST' || arg === 'INFO' || arg === 'GETNAME' || arg === 'ID';
    if (name === 'CLUSTER') return arg === 'INFO' || arg === 'NODES' || arg === 'SLOTS' || arg === 'SHARDS';
    return REDIS_READS.has(name);
  });
  return reads ? 'read' : 'write';
}

// ---------------------------------------------------------------------------
// Admin tools judged by their own words.

const PG_CONN_VALUES = ['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db', '-d', '--dbname', '-f', '--file', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-N', '-T', '-L', '--use-list', '-S', '--superuser', '--role', '-F', '--format', '-I', '--index', '-P', '--function'];

function dropdb(cmd: SimpleCommand): Finding[] {
  const names = positionals(cmd.argv, PG_CONN_VALUES);
  const db = names[names.length - 1];
  if (!db) return [];
  const host = optionValue(cmd.argv, ['-h', '--host']) ?? cmd.env.PGHOST;
  return [{
    id: 'db.dropdb',
    summary: `dropdb deletes database ${db}${host ? ` on ${host}` : ''} and everything in it`,
    target: db,
    alternative: `pg_dump -Fc ${db} > ${db}.dump first, and drop it by hand if it really must go`,
    severity: saysProduction(db) || saysProduction(host) ? 95 : 75,
  }];
}

function pgRestore(cmd: SimpleCommand): Finding[] {
  const db = optionValue(cmd.argv, ['-d', '--dbname']);
  if (!db || !hasFlag(cmd.argv, ['-c', '--clean'])) return [];
  const where = describe(parseConnection(db)) ?? db;
  return [{
    id: 'db.restore-clean',
    summary: `pg_restore --clean drops every object of the dump in ${where} before recreating it; data written since the dump is lost`,
    target: where,
    alternative: 'restore into a new, empty database (createdb, then pg_restore -d NEW) and compare first',
    severity: 60,
  }];
}

const MYSQLADMIN_VALUES = ['-u', '--user', '-h', '--host', '-P', '--port', '-S', '--socket', '-c', '--count', '-i', '--sleep', '--protocol'];

function mysqladmin(cmd: SimpleCommand): Finding[] {
  const words = positionals(cmd.argv, MYSQLADMIN_VALUES);
  const host = optionValue(cmd.argv, ['-h', '--host']);
  const out: Finding[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase();
    if (w === 'drop' && words[i + 1]) {
      const db = words[i + 1];
      out.push({ id: 'db.dropdb', summary: `mysqladmin drop deletes database ${db}${host ? ` on ${host}` : ''} and every table in it`, target: db, alternative: `mysqldump ${db} > ${db}.sql first`, severity: saysProduction(db) || saysProduction(host) ? 95 : 75 });
      i++;
    } else if (w === 'shutdown') {
      out.push({ id: 'db.server-shutdown', summary: `mysqladmin shutdown stops the MySQL server${host ? ` on ${host}` : ''}`, target: host ?? 'localhost', severity: 60 });
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
  return [{
    id: 'db.restore-clean',
    summary: `${cmd.argv[0]} --drop deletes ${target} before loading; documents written since the dump are lost`,
    target,
    alternative: `${cmd.argv[0]} into a new database or collection and compare first`,
    severity: cmd.argv[0] === 'mongorestore' ? 60 : 50,
  }];
}

/** influx 2.x: `influx delete`, `influx bucket delete`, `influx org delete`. */
function influxAdmin(cmd: SimpleCommand): Finding[] {
  const [sub, action] = positionals(cmd.argv, ['--bucket', '-b', '--bucket-id', '--org', '-o', '--org-id', '--start', '--stop', '--predicate', '-p', '--host', '--token', '-t', '--name', '-n', '--id', '-i']);
  const bucket = optionValue(cmd.argv, ['--bucket', '-b', '--name', '-n', '--id', '-i']);
  if (sub === 'delete') {
    const predicate = optionValue(cmd.argv, ['--predicate', '-p']);
    return [{ id: 'db.influx-delete', summary: `influx delete removes ${predicate ? 'matching points' : 'every point'} between --start and --stop from bucket ${bucket ?? ''}`.trim(), target: bucket, severity: predicate ? 45 : 65 }];
  }
  if ((sub === 'bucket' || sub === 'org') && action === 'delete') {
    return [{ id: 'db.influx-delete', summary: `influx ${sub} delete removes ${sub} ${bucket ?? ''} and all its data`.replace('  ', ' '), target: bucket, severity: 75 }];
  }
  return [];
}

function pgDropCluster(cmd: SimpleCommand): Finding[] {
  const [version, name] = positionals(cmd.argv);
  if (!version) return [];
  const target = [version, name].filter(Boolean).join('/');
  return [{ id: 'db.dropcluster', summary: `pg_dropcluster deletes PostgreSQL cluster ${target} with its data directory`, target, alternative: 'pg_dumpall first', severity: 80 }];
}

function dropuser(cmd: SimpleCommand): Finding[] {
  const names = positionals(cmd.argv, PG_CONN_VALUES);
  const role = names[names.length - 1];
  if (!role) return [];
  return [{ id: 'db.dropuser', summary: `dropuser removes database role ${role}; whatever runs as it loses access`, target: role, severity: 50 }];
}

// ---------------------------------------------------------------------------
// Key-value stores behind service discovery and config (etcd, Consul): a prefix delete takes a whole tree.

const ETCD_VALUES = ['--endpoints', '--cacert', '--cert', '--key', '--user', '--password', '-w', '--write-out', '--command-timeout', '--dial-timeout'];

function etcdctl(cmd: SimpleCommand): Finding[] {
  const [verb, key, end] = positionals(cmd.argv, ETCD_VALUES);
  if (verb !== 'del' && verb !== 'delete') return [];
  const prefix = hasFlag(cmd.argv, ['--prefix']);
  const fromKey = hasFlag(cmd.argv, ['--from-key']);
  if (!prefix && !fromKey && end === undefined) return [];
  const everything = (prefix && !key) || (fromKey && (!key || key === '\0'));
  const what = everything ? 'every key' : prefix ? `every key under ${key}` : fromKey ? `every key from ${key} on` : `the keys from ${key} to ${end}`;
  return [{ id: 'db.kv-delete-prefix', summary: `etcdctl del removes ${what}: configuration and service state others read is gone`, target: key || 'etcd', alternative: 'etcdctl get --prefix --keys-only first, and take a snapshot (etcdctl snapshot save)', severity: everything ? 80 : 60 }];
}

function consul(cmd: SimpleCommand): Finding[] {
  const [area, verb, key] = positionals(cmd.argv, ['-http-addr', '-token', '-datacenter', '-namespace', '-partition', '-separator']);
  if (area !== 'kv' || verb !== 'delete' || !hasFlag(cmd.argv, ['-recurse', '--recurse'])) return [];
  const everything = !key || key === '/';
  return [{ id: 'db.kv-delete-prefix', summary: `consul kv delete -recurse removes ${everything ? 'every key' : `every key under ${key}`}`, target: key || 'consul', alternative: 'consul kv export first, and delete the keys you mean', severity: everything ? 80 : 60 }];
}

const ADMIN: Record<string, (cmd: SimpleCommand) => Finding[]> = {
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
const READ_TOOLS = new Set(['pg_dump', 'pg_dumpall', 'mysqldump', 'mariadb-dump', 'mongodump', 'mongoexport', 'pg_isready', 'pg_config', 'pg_controldata']);

// ---------------------------------------------------------------------------

export const databaseCliPack: Pack = {
  id: 'db',
  commands: [...Object.keys(SQL_CLIENTS), 'clickhouse', 'redis-cli', 'valkey-cli', 'keydb-cli', 'createdb', 'createuser', ...Object.keys(ADMIN), ...READ_TOOLS],
  analyze(cmd, ctx) {
    const name = cmd.argv[0];
    let out: Finding[] = [];
    if (name === 'redis-cli' || name === 'valkey-cli' || name === 'keydb-cli') out = judgeRedis(cmd, ctx);
    else if (ADMIN[name] && !isHelp(cmd.argv) && !(name === 'influx' && sqlClientOf(cmd))) out = ADMIN[name](cmd);
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
    if (name === 'pg_restore') return optionValue(cmd.argv, ['-d', '--dbname']) && !hasFlag(cmd.argv, ['-l', '--list']) ? 'write' : 'read';
    if (name === 'etcdctl') return /^(?:get|watch|member|endpoint|version|check|alarm|user|role)$/.test(positionals(cmd.argv, ETCD_VALUES)[0] ?? '') ? 'read' : 'write';
    if (name === 'consul') {
      const [area, verb] = positionals(cmd.argv);
      return area === 'kv' && (verb === 'get' || verb === 'export') ? 'read' : area === 'kv' ? 'write' : undefined;
    }
    if (name === 'mysqladmin' || name === 'mariadb-admin') {
      const words = positionals(cmd.argv, MYSQLADMIN_VALUES).map((w) => w.toLowerCase());
      return words.length > 0 && words.every((w) => ['status', 'extended-status', 'ping', 'processlist', 'variables', 'version'].includes(w)) ? 'read' : 'write';
    }
    const found = sqlClientOf(cmd);
    if (found) {
      if (hasFlag(found.cmd.argv, ['-l', '--list']) && name === 'psql') return 'read';
      return inputsEffect(sqlClientInputs(found.client, found.cmd, ctx), found.client.effect);
    }
    return 'write';
  },
};
