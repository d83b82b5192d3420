// What a Redis command does to the server it runs on, whichever client sends
// it: redis-cli's words, lines typed into a raw socket, or a Redis REST API's
// path or JSON body (`GET …/flushall`, `["FLUSHALL"]`).
import type { Finding } from '../../types';
import { saysProduction } from './sql';
import { redisAccessFindings } from './redisAccess';

export interface RedisTarget {
  host: string;
  db?: string;
  massInput: boolean;
}

export function redisFindings(words: readonly string[], dynamic: boolean, t: RedisTarget): Finding[] {
  const name = (words[0] ?? '').toUpperCase();
  const arg = (words[1] ?? '').toUpperCase();
  const where = t.db !== undefined ? `${t.host} db ${t.db}` : t.host;
  const prod = saysProduction(t.host);
  switch (name) {
    case 'FLUSHALL':
      return [
        {
          id: 'db.redis-flush',
          summary: `FLUSHALL deletes every key in every database of ${t.host}`,
          target: t.host,
          alternative: 'delete the keys you mean (SCAN with a pattern, review, then UNLINK), after a BGSAVE',
          severity: prod ? 95 : 80,
        },
      ];
    case 'FLUSHDB':
      return [
        {
          id: 'db.redis-flush',
          summary: `FLUSHDB deletes every key of ${where}`,
          target: where,
          alternative: 'delete the keys you mean (SCAN with a pattern, review, then UNLINK), after a BGSAVE',
          severity: prod ? 95 : 75,
        },
      ];
    case 'SHUTDOWN':
      return [
        {
          id: 'db.redis-shutdown',
          summary: `SHUTDOWN stops the Redis server ${t.host}${arg === 'NOSAVE' ? ' without saving: unsaved keys are lost' : ''}`,
          target: t.host,
          severity: arg === 'NOSAVE' ? 75 : 60,
        },
      ];
    case 'CONFIG':
      if (arg !== 'SET') return [];
      // Redis writes its dump where `dir` and `dbfilename` say: on any host, a way to plant a file
      // (~/.ssh/authorized_keys, a cron file) with the server's rights. Never weighed down as a local cache.
      if (/^(dir|dbfilename)$/i.test(words[2] ?? ''))
        return [
          {
            id: 'db.redis-writes-files',
            summary:
              `CONFIG SET ${words[2]} ${words[3] ?? ''} makes ${t.host} write its database file ${words[2].toLowerCase() === 'dir' ? 'into that folder' : 'under that name'}: a way to plant files (authorized_keys, cron) with the server's rights`.replace(
                '  ',
                ' ',
              ),
            target: words[3] ?? t.host,
            alternative: "leave the server's dump location alone; ask the user if it must move",
            severity: 70,
          },
        ];
      return [
        {
          id: 'db.redis-config',
          summary: `CONFIG SET ${words[2] ?? ''} changes the running configuration of ${t.host}`.replace('  ', ' '),
          target: t.host,
          severity: /^(appendonly|save|requirepass|protected-mode)$/i.test(words[2] ?? '') ? 60 : 45,
        },
      ];
    case 'DEBUG':
      if (['OBJECT', 'DIGEST', 'DIGEST-VALUE', 'HELP', 'LISTPACK', 'QUICKLIST-PACKED-THRESHOLD'].includes(arg))
        return [];
      return [
        {
          id: 'db.redis-debug',
          summary: `DEBUG ${arg} can crash, stall or reload the Redis server ${t.host}`,
          target: t.host,
          severity: 55,
        },
      ];
    case 'REPLICAOF':
    case 'SLAVEOF':
      if (arg === 'NO') return [];
      return [
        {
          id: 'db.redis-replicaof',
          summary: `${name} makes ${t.host} a replica: its data is replaced by a copy of ${words[1] ?? 'another server'}`,
          target: t.host,
          severity: 70,
        },
      ];
    case 'SCRIPT':
    case 'FUNCTION':
      if (arg !== 'FLUSH' && arg !== 'DELETE') return [];
      return [
        {
          id: 'db.redis-flush',
          summary: `${name} ${arg} deletes server-side scripts of ${t.host}`,
          target: t.host,
          severity: 45,
        },
      ];
    case 'CLUSTER':
      if (arg !== 'RESET' && arg !== 'FLUSHSLOTS' && arg !== 'FORGET') return [];
      return [
        {
          id: 'db.redis-cluster',
          summary: `CLUSTER ${arg} breaks cluster membership of ${t.host}; keys in its slots become unreachable`,
          target: t.host,
          severity: 65,
        },
      ];
    case 'SWAPDB':
      return [
        {
          id: 'db.redis-swapdb',
          summary: `SWAPDB swaps the contents of databases ${words[1]} and ${words[2]} for every client of ${t.host}`,
          target: t.host,
          severity: 50,
        },
      ];
    case 'MODULE':
    case 'ACL':
      return redisAccessFindings(name, arg, words, t.host);
    case 'DEL':
    case 'UNLINK': {
      const keys = words.slice(1);
      if (!t.massInput && !dynamic && keys.length > 0 && !keys.some((k) => k.includes('*'))) return [];
      return [
        {
          id: 'db.redis-delete-pattern',
          summary: `${name} deletes every key ${keys.length ? `matching ${keys.join(' ')}` : 'fed to it by a KEYS/SCAN listing'} on ${where}`,
          target: where,
          alternative: 'list the keys first (redis-cli --scan --pattern …), check them, then delete that list',
          severity: 60,
        },
      ];
    }
    case 'XTRIM': {
      // `XTRIM s MAXLEN 0` empties the stream; a small cap drops most of it.
      const limit = Number(words.slice(2).find((w) => /^\d+$/.test(w)));
      if (!Number.isFinite(limit) || limit > 1000) return [];
      return [
        {
          id: 'db.redis-stream-trim',
          summary: `XTRIM cuts the stream ${words[1] ?? ''} on ${where} to ${limit} entries: the rest are deleted`,
          target: words[1] ?? where,
          severity: 60,
        },
      ];
    }
    case 'XGROUP':
      if (arg !== 'DESTROY' && arg !== 'SETID' && arg !== 'DELCONSUMER') return [];
      return [
        {
          id: 'db.redis-stream-group',
          summary: `XGROUP ${arg} ${arg === 'SETID' ? 'moves the read position of' : 'removes'} a consumer group of stream ${words[2] ?? ''} on ${where}: its pending messages are lost or redelivered`,
          target: words[2] ?? where,
          severity: 55,
        },
      ];
    case 'EVAL':
    case 'EVALSHA':
    case 'EVAL_RO':
    case 'FCALL':
      return redisScriptFindings(words[1] ?? '', t);
    default:
      return [];
  }
}

export function redisScriptFindings(script: string, t: RedisTarget): Finding[] {
  if (/flushall|flushdb/i.test(script)) {
    return [
      {
        id: 'db.redis-flush',
        summary: `a Lua script flushes the Redis keyspace of ${t.host}`,
        target: t.host,
        severity: 80,
      },
    ];
  }
  if (/['"](?:del|unlink)['"]/i.test(script) && /['"](?:keys|scan)['"]/i.test(script)) {
    return [
      {
        id: 'db.redis-delete-pattern',
        summary: `a Lua script deletes every key matching a pattern on ${t.host}`,
        target: t.host,
        severity: 60,
      },
    ];
  }
  return [];
}
