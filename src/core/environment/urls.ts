// URLs and connection strings in a command's words: the hosts they name.
import { DB_SCHEMES } from './programs';

// ---- reading clues out of a command ----------------------------------------

interface ParsedUrl {
  hosts: string[];
  database?: string;
  /** The application an API path names (`…/apps/acme-prod/config-vars`): where the request acts. */
  app?: string;
}

/** Path segments after which a platform API names one application (Heroku, Fly, DigitalOcean, Dokku): a service or site word names too much else. */
const APP_SEGMENT = /^(?:apps|applications)$/i;
const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
const MAX_PATH_SEGMENTS = 16;

// The same DATABASE_URL is read for every database command: parse it once.
const parsedUrls = new Map<string, ParsedUrl>();

/** Hosts (and database) of `scheme://user:pass@host1:5432,host2/db?x`, without trusting `new URL` with odd input. */
export function parseUrlHosts(url: string): ParsedUrl {
  let parsed = parsedUrls.get(url);
  if (!parsed) {
    if (parsedUrls.size >= 256) parsedUrls.clear();
    parsed = parseUrl(url);
    parsedUrls.set(url, parsed);
  }
  return parsed;
}

function parseUrl(url: string): ParsedUrl {
  const schemeEnd = url.indexOf('://');
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  let rest = url.slice(schemeEnd + 3);
  const pathStart = rest.search(/[/?#]/);
  const authority = pathStart === -1 ? rest : rest.slice(0, pathStart);
  rest = pathStart === -1 ? '' : rest.slice(pathStart);
  const hostPart = authority.slice(authority.lastIndexOf('@') + 1);
  const hosts: string[] = [];
  for (const h of hostPart.split(',')) {
    const host = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
    if (host) hosts.push(safeDecode(host).toLowerCase());
  }
  let database: string | undefined;
  if (DB_SCHEMES.includes(scheme) && rest.startsWith('/')) {
    const db = safeDecode(rest.slice(1).split(/[/?#]/)[0]);
    if (db && !/^\d+$/.test(db)) database = db; // redis://host/0 is a number, not a name
  }
  const app = WEB_SCHEMES.has(scheme) ? appOf(rest) : undefined;
  return app ? { hosts, database, app } : { hosts, database };
}

function appOf(path: string): string | undefined {
  const segments = path
    .split(/[?#]/)[0]
    .split('/', MAX_PATH_SEGMENTS + 1)
    .slice(1, MAX_PATH_SEGMENTS);
  const at = segments.findIndex((s) => APP_SEGMENT.test(s));
  const name = at === -1 ? undefined : safeDecode(segments[at + 1] ?? '');
  return name || undefined;
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
