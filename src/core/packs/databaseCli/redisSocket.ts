// Redis commands typed into a raw socket: `printf 'FLUSHALL\r\n' | nc
// localhost 6379`, `echo 'CONFIG SET dir /root/.ssh' | socat - TCP:cache:6379`.
// Redis reads inline commands (one per line) and RESP arrays (`*1\r\n$8\r\n
// FLUSHALL\r\n`) from any client, so what is piped in runs as if redis-cli had
// sent it and is judged by redis-cli's rules (databaseCli/redis.ts). Where the
// socket goes comes from the same reading of nc, socat, telnet and openssl
// that finds HTTP typed into them (http/rawRequest.ts).
import type { Finding, SimpleCommand } from '../../types';
import { connectionOf } from '../../command/socketClients';
import { finding } from '../common/finding';
import { redisFindings } from '../common/redisCommands';

/** Lines of a stream read; past it the call asks (what lies beyond would run unjudged). */
const MAX_LINES = 500;
/** Ports Redis and its forks listen on: the server, TLS, Sentinel, a cluster bus. */
const REDIS_PORTS = new Set(['6379', '6380', '6381', '16379', '26379']);
const REDIS_HOST_RE = /redis|valkey|keydb|dragonfly|elasticache|upstash/i;
const RESP_ARRAY_RE = /^\*(\d{1,3})$/;

/** The commands in a stream, inline or RESP, in order; `unread` when it runs past the bound. */
export function redisStreamCommands(text: string): { commands: string[][]; unread: boolean } {
  // `echo 'FLUSHALL\r\n'` keeps the escapes as written: they separate commands all the same.
  const all = text.split(/\r?\n|\r|\\r\\n|\\n/, MAX_LINES + 1);
  const commands: string[][] = [];
  let resp: string[] | undefined;
  let left = 0;
  for (const raw of all.slice(0, MAX_LINES)) {
    const line = raw.trim();
    const array = RESP_ARRAY_RE.exec(line);
    if (array) {
      resp = [];
      left = Number(array[1]);
      commands.push(resp);
    } else if (resp && left > 0) {
      if (/^\$\d+$/.test(line)) continue;
      resp.push(line);
      left--;
    } else {
      const words = line
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => w.replace(/^["']|["']$/g, ''));
      if (words.length) commands.push(words);
    }
  }
  return { commands, unread: all.length > MAX_LINES };
}

/** What a socket client sends to a Redis server, judged as redis-cli's commands would be. */
export function redisSocketFindings(cmd: SimpleCommand): Finding[] {
  if (cmd.stdin === undefined) return [];
  const conn = connectionOf(cmd.argv);
  if (!conn) return [];
  const resp = /^\s*\*\d+\s*(?:\r?\n|\\r\\n)\s*\$\d+/.test(cmd.stdin);
  const redis = (conn.port !== undefined && REDIS_PORTS.has(conn.port)) || REDIS_HOST_RE.test(conn.host ?? '');
  if (!resp && !redis) return [];
  const host = conn.host ?? 'the Redis server';
  const { commands, unread } = redisStreamCommands(cmd.stdin);
  const out = commands.flatMap((words) => redisFindings(words, false, { host, massInput: false }));
  if (unread)
    out.push(
      finding(
        'parse.too-complex',
        60,
        `${cmd.argv[0]} sends ${host} more than AgentGuard reads of it (${MAX_LINES} lines): what lies past that would run unjudged`,
        host,
        'send the commands with redis-cli, where they are judged',
      ),
    );
  return out;
}
