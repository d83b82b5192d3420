// redis-cli: the command is made of positional words (or stdin lines).
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { parseConnection } from '../common/sql';
import { redisFindings, redisScriptFindings, type RedisTarget } from '../common/redisCommands';
import { isHelp } from './common';

const REDIS_VALUES = [
  '-h',
  '-p',
  '-s',
  '-a',
  '-u',
  '-r',
  '-i',
  '-n',
  '-d',
  '-D',
  '-t',
  '--user',
  '--pass',
  '--sni',
  '--cacert',
  '--cacertdir',
  '--cert',
  '--key',
  '--tls-ciphers',
  '--tls-ciphersuites',
  '--pattern',
  '--count',
  '--quoted-pattern',
  '--memkeys-samples',
  '--intrinsic-latency',
  '--pipe-timeout',
  '--rdb',
  '--functions-rdb',
  '--eval',
  '--lru-test',
  '--cluster',
  '--cluster-replicas',
  '--cluster-from',
  '--cluster-to',
  '--cluster-slots',
];
const REDIS_READS = new Set([
  'GET',
  'MGET',
  'GETRANGE',
  'STRLEN',
  'EXISTS',
  'TYPE',
  'TTL',
  'PTTL',
  'KEYS',
  'SCAN',
  'HGET',
  'HGETALL',
  'HMGET',
  'HKEYS',
  'HVALS',
  'HLEN',
  'HEXISTS',
  'HSCAN',
  'HSTRLEN',
  'LRANGE',
  'LLEN',
  'LINDEX',
  'LPOS',
  'SMEMBERS',
  'SCARD',
  'SISMEMBER',
  'SMISMEMBER',
  'SSCAN',
  'SRANDMEMBER',
  'SINTER',
  'SUNION',
  'SDIFF',
  'ZRANGE',
  'ZREVRANGE',
  'ZRANGEBYSCORE',
  'ZREVRANGEBYSCORE',
  'ZCARD',
  'ZSCORE',
  'ZMSCORE',
  'ZRANK',
  'ZREVRANK',
  'ZSCAN',
  'ZCOUNT',
  'INFO',
  'PING',
  'ECHO',
  'DBSIZE',
  'TIME',
  'MONITOR',
  'SLOWLOG',
  'MEMORY',
  'OBJECT',
  'XRANGE',
  'XREVRANGE',
  'XLEN',
  'XINFO',
  'XREAD',
  'PUBSUB',
  'LASTSAVE',
  'ROLE',
  'COMMAND',
  'DUMP',
  'RANDOMKEY',
  'GEOPOS',
  'GEODIST',
  'GEOSEARCH',
  'GEORADIUS_RO',
  'PFCOUNT',
  'BITCOUNT',
  'BITPOS',
  'GETBIT',
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'LATENCY',
  'HELLO',
  'AUTH',
  'SELECT',
  'QUIT',
]);
const REDIS_READ_FLAGS = [
  '--scan',
  '--bigkeys',
  '--memkeys',
  '--hotkeys',
  '--stat',
  '--latency',
  '--latency-history',
  '--latency-dist',
  '--rdb',
  '--functions-rdb',
  '--keystats',
];

function redisTarget(cmd: SimpleCommand): RedisTarget {
  const uri = parseConnection(optionValue(cmd.argv, ['-u']));
  const host = uri.host ?? optionValue(cmd.argv, ['-h']) ?? 'localhost';
  const db = optionValue(cmd.argv, ['-n']) ?? uri.db;
  // Keys fed by xargs or a pipe: the key list is whatever a KEYS/SCAN produced.
  const massInput = cmd.via.some((v) => v.startsWith('xargs')) || hasFlag(cmd.argv, ['-x']);
  return { host, db, massInput };
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
  return text
    .split('\n')
    .slice(0, 500)
    .map((line) => ({
      words: line
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => w.replace(/^["']|["']$/g, '')),
      dynamic: false,
    }))
    .filter((c) => c.words.length);
}

export function judgeRedis(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (isHelp(cmd.argv)) return [];
  const t = redisTarget(cmd);
  const out: Finding[] = [];
  const script = optionValue(cmd.argv, ['--eval']);
  if (script) out.push(...redisScriptFindings(ctx.readFile(script, cmd.cwd) ?? '', t));
  for (const c of redisCommands(cmd, ctx)) out.push(...redisFindings(c.words, c.dynamic, t));
  return out;
}

export function redisEffect(cmd: SimpleCommand, ctx: AnalysisContext): 'read' | 'write' {
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
