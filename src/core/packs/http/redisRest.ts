// Redis over HTTP: Upstash (and Vercel KV, which it serves), Webdis and the
// serverless Redis proxies take a Redis command in the URL's path (`GET
// …/flushall`, `…/del/key`) or as a JSON array in the body (`["FLUSHALL"]`,
// a pipeline `[["DEL","a"],["DEL","b"]]` to `/pipeline` or `/multi-exec`).
// Nothing in the method says it writes: a GET flushes the database. The
// commands are judged by the rules redis-cli's are (common/redisCommands.ts).
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { redisFindings } from '../common/redisCommands';
import type { Destination } from './destination';

/** Hosts that serve a Redis REST API: Upstash databases, Vercel KV, and hosts whose name says Redis. */
const REDIS_REST_HOST = /(?:^|\.)upstash\.io$|(?:^|\.)kv\.vercel-storage\.com$|redis|valkey|keydb|webdis/i;
/** Webdis listens here by default. */
const WEBDIS_PORT = '7379';
/** The management API (`api.upstash.com`) creates and deletes databases; its paths are not commands. */
const MANAGEMENT_HOST = /^api\.upstash\.com$/i;
const BATCH_PATH = /^\/(?:pipeline|multi-exec)\/?$/i;
const MAX_BODY = 64 * 1024;
const MAX_COMMANDS = 256;
const MAX_WORDS = 32;
const DELETES = new Set(['DEL', 'UNLINK']);

export function isRedisRest(dest: Destination): boolean {
  const host = dest.parsed?.host;
  if (!host || MANAGEMENT_HOST.test(host)) return false;
  return REDIS_REST_HOST.test(host) || dest.parsed?.port === WEBDIS_PORT;
}

/** The path's words: `/del/a%20b/c` → DEL, `a b`, c. A word that is not valid percent-encoding is kept as written. */
function pathWords(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .slice(0, MAX_WORDS)
    .map((w) => {
      try {
        return decodeURIComponent(w);
      } catch {
        return w;
      }
    });
}

function isWords(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.length <= MAX_WORDS && v.every((w) => typeof w !== 'object');
}

/** The commands a JSON body holds: one array of words, or an array of them. `undefined` when it is not one. */
function bodyCommands(text: string): string[][] | undefined {
  if (text.length > MAX_BODY || !/^\s*\[/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (isWords(value)) return [value.map(String)];
  if (Array.isArray(value) && value.length <= MAX_COMMANDS && value.every(isWords))
    return value.map((c: string[]) => c.map(String));
  return undefined;
}

export function redisRestFindings(req: HttpRequest, dest: Destination): Finding[] {
  if (!dest.parsed?.host || !isRedisRest(dest)) return [];
  const host = dest.parsed.host;
  const batch = BATCH_PATH.test(dest.parsed.path);
  const commands: string[][] = [];
  const words = batch ? [] : pathWords(dest.parsed.path);
  if (words.length) commands.push(words);
  for (const body of req.bodies) {
    // A path names the command; a body sent with it is that command's value (`POST /set/k` with the value).
    if (words.length) break;
    const found = body.text === undefined ? undefined : bodyCommands(body.text);
    if (found) {
      commands.push(...found);
      continue;
    }
    // A body that is no readable command, sent where the body is the command, may be FLUSHALL.
    if (body.text === undefined || /^\s*[[$]/.test(body.text) || body.text.length > MAX_BODY)
      return [
        {
          id: 'db.redis-rest-unread',
          summary: `sends ${host} (a Redis REST API) a command AgentGuard cannot read (${body.source}): it may delete every key`,
          target: host,
          alternative: 'write the command inline, so it can be checked',
          severity: 50,
        },
      ];
  }
  // Several deletions sent at once are a bulk deletion, as keys fed to redis-cli by a listing are.
  const massInput = commands.filter((c) => DELETES.has(String(c[0]).toUpperCase())).length > 1;
  return commands.flatMap((c) => redisFindings(c, false, { host, massInput }));
}
