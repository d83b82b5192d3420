// HTTP API calls from the shell. PocketOS was one `curl` POST carrying a
// GraphQL `volumeDelete` mutation to Railway: nothing in the command line
// says "delete" except a field name inside a JSON body. So this pack reads
// the request the way the server will — method, host, path and body — and
// gates destructive mutations, DELETE requests and destructive action paths
// on anything but the developer's own machine.
import { asksForHelp } from './common/deletion';
import { isLocalHost, parseUrl, providerOf } from './common/urls';
import { persistedOnly, readGraphql } from './http/graphql';
import { graphqlFindings } from './http/graphqlFindings';
import { bump, severityFor, type Destination } from './http/destination';
import { rawRequests, SOCKET_CLIENTS } from './http/rawRequest';
import { engineSocketFindings, socketDestination } from './http/socket';
import { moneyFindings } from './common/money';
import { bulkMessageFinding, refFindings } from './http/refs';
import { forgeAccessFindings } from './http/forgeAccess';
import { readRequest, HTTP_CLIENTS, type Body, type HttpRequest } from './common/httpRequest';
import { SQL_BODY_BOUNDS, sqlStatementsIn } from './http/sqlBody';
import { settingsFindings } from './http/settings';
import { nullSettingsFindings } from './http/nullSettings';
import { destroyFlagFindings } from './http/destroyFlag';
import { redisRestFindings } from './http/redisRest';
import { emptyReplaceFindings } from './http/emptyReplace';
import { postgrestFindings } from './http/postgrest';
import { RUNNER_CLIENTS, runnerRequests, unreadRunnerFinding } from './http/runnerFiles';
import { GRPC_CLIENTS, grpcFindings } from './http/grpc';
import { WEBSOCKET_CLIENTS, websocketSends } from './http/websocket';
import { destructiveSql } from './common/sqlText';
import { destructiveName, hasWeightyPart, namesHarmlessObject, wordParts } from './http/words';
import type { Finding, Pack, SimpleCommand } from '../types';

const MAX_URLS = 8;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ALT_DELETE =
  "GET the same URL first to confirm what it is, back it up, and prefer the provider's CLI or dashboard, which ask for confirmation";

/**
 * Where the request goes. `localhost` is the developer's own machine only
 * when the command runs here (or in a local container): through `ssh host` or
 * `kubectl exec` it is that server or pod.
 */
/** Default ports of data stores with an HTTP API: Elasticsearch/OpenSearch, Solr, CouchDB, Qdrant, Meilisearch, Typesense, ClickHouse, InfluxDB, Neo4j (not 8000/8080: dev servers live there). */
const EVERYTHING_PATH = /(?:^|\/)(?:_all|[^/]*\*[^/]*)(?:\/|$)|_delete_by_query/;
/** A path part that says production (`prod`, `production`, `prd`), split at `/`, `_`, `-` and `.`. */
const PRODUCTION_SEGMENT = /(?:^|[/_.-])(?:prod|production|prd)(?=$|[/_.?#-])/i;
const LOCAL_DATASTORE_PORTS = new Set(['9200', '9201', '8983', '5984', '6333', '7700', '8108', '8123', '8086', '7474']);

/** The resource a path names: its last part (`/api/envs/production/` → `production`). */
function lastSegment(path: string): string {
  const parts = path.replace(/[?#].*$/, '').split('/');
  for (let i = parts.length - 1; i >= 0 && i >= parts.length - 4; i--) if (parts[i]) return parts[i];
  return '';
}

function destinations(req: HttpRequest, remote: SimpleCommand['remote']): Destination[] {
  const out: Destination[] = [];
  let local = false;
  const elsewhere = remote && remote.kind !== 'docker' ? remote : undefined;
  for (const url of req.urls.slice(0, MAX_URLS)) {
    const parsed = parseUrl(url);
    if (!parsed) continue; // not a URL (a value of an option we do not know)
    // Through a local socket the URL's host is only a name; the socket says where it goes.
    const viaSocket = elsewhere ? undefined : socketDestination(req, url, parsed);
    if (viaSocket) {
      out.push(viaSocket);
      continue;
    }
    if (parsed.host !== undefined) {
      if (isLocalHost(parsed.host)) {
        if (elsewhere) {
          out.push({
            url,
            parsed,
            label: `${parsed.host} on ${elsewhere.target}`,
            target: elsewhere.target,
            unknown: false,
          });
          continue;
        }
        // A local data store's API (Elasticsearch, OpenSearch, CouchDB, Qdrant, Meilisearch, …) holds data, not a dev server's routes.
        // One index or document is routine development; every index (`_all`, wildcards, delete-by-query) is not.
        // So is a collection or index the path names as production (`/collections/prod`): no dev data either.
        // A DELETE on any local port of a resource named as production (`/api/envs/production`) deletes what the
        // server calls production: no dev resource either. Production only as a namespace on the way
        // (`/api/production/users/1`) is a dev server's route.
        const names = PRODUCTION_SEGMENT.test(parsed.path);
        const store = LOCAL_DATASTORE_PORTS.has(parsed.port ?? '');
        if (
          (store && req.method !== 'GET' && req.method !== 'HEAD' && (names || EVERYTHING_PATH.test(parsed.path))) ||
          (req.method === 'DELETE' && PRODUCTION_SEGMENT.test(lastSegment(parsed.path)))
        ) {
          const what = store ? 'a local data store' : 'a local server';
          out.push({
            url,
            parsed,
            label: `${parsed.host}${parsed.port ? `:${parsed.port}` : ''} (${what}${names ? ' whose path names production' : ''})`,
            target: `${parsed.host}:${parsed.port}`,
            unknown: false,
          });
          continue;
        }
        local = true; // a local dev server: routine
        continue;
      }
      const provider = providerOf(parsed.host);
      out.push({
        url,
        parsed,
        label: provider ? `${parsed.host} (${provider} API)` : parsed.host,
        target: parsed.host,
        provider,
        unknown: false,
      });
    } else {
      out.push({ url, parsed, label: `an unresolved host (${url})`, target: url, unknown: true });
    }
  }
  // No URL we could read: the request still goes somewhere.
  if (!out.length && !local)
    out.push({
      url: req.urls[0] ?? '',
      label: 'an unknown host',
      target: req.urls[0] || 'unknown host',
      unknown: true,
    });
  return out;
}

function shownUrl(dest: Destination): string {
  return dest.parsed?.host !== undefined ? `${dest.parsed.host}${dest.parsed.path}` : dest.url;
}

/** An expansion the normalizer could not resolve stands for the whole body. */
function isUnresolved(body: Body): boolean {
  return body.text === undefined || /^\s*\$[{(A-Za-z_]/.test(body.text);
}

/**
 * Bodies or URLs past the bounds a request is read within (MAX_BODIES,
 * MAX_URLS) were not judged: they may be any request. URLs past the bound
 * of a read are judged only for a mutation in their query.
 */
function unreadRequest(req: HttpRequest): Finding[] {
  const overUrls =
    req.urls.length > MAX_URLS &&
    (!READ_METHODS.has(req.method) || req.urls.slice(MAX_URLS).some((u) => /mutation/i.test(parseUrl(u)?.query ?? '')));
  const unread = req.unread ?? (overUrls ? `more than ${MAX_URLS} URLs` : undefined);
  if (!unread) return [];
  return [
    {
      id: 'http.unread-request',
      summary: `${req.client} sends a request with ${unread}; AgentGuard reads no more, so what it did not read may delete data anywhere`,
      target: req.urls[MAX_URLS] ?? req.urls[0] ?? 'unknown host',
      alternative: 'split it into smaller requests, each of which can be read',
      severity: 50,
    },
  ];
}

/**
 * A body we cannot see, posted to a GraphQL endpoint, may be any mutation; so may one that names a persisted operation
 * only by its hash or id (`{"extensions":{"persistedQuery":{"sha256Hash":…}}}`): its text is the server's.
 */
function unknownGraphqlBody(req: HttpRequest, dest: Destination): Finding[] {
  if (READ_METHODS.has(req.method)) return [];
  const unseen = req.bodies.find(isUnresolved);
  const persisted = unseen ? undefined : req.bodies.find((b) => b.text !== undefined && persistedOnly(b.text));
  if (!unseen && !persisted) return [];
  const path = dest.parsed?.path ?? dest.url;
  if (!persisted && !/graphql/i.test(path) && !/graphql/i.test(dest.url)) return [];
  const what = unseen
    ? `a GraphQL body that could not be read (${unseen.source})`
    : 'a GraphQL operation named only by its hash or id, whose text the server holds,';
  return [
    {
      id: 'http.graphql-unknown-body',
      summary: `posts ${what} to ${dest.label}: it may be a destructive mutation`,
      target: dest.target,
      alternative: 'write the query inline or in a file that exists before the command runs, so it can be checked',
      severity: dest.provider ? 55 : 45,
    },
  ];
}

function deleteFindings(req: HttpRequest, dest: Destination): Finding[] {
  if (req.method === 'DELETE') {
    const parts = wordParts(dest.parsed?.path ?? '');
    return [
      {
        id: 'http.delete-request',
        summary: `sends DELETE ${shownUrl(dest)} to ${dest.label}: it deletes what the URL names`,
        target: dest.target,
        alternative: ALT_DELETE,
        severity: bump(severityFor(dest, 75, 60, 65), hasWeightyPart(parts)),
      },
    ];
  }
  if (req.method === '?') {
    return [
      {
        id: 'http.unknown-method',
        summary: `sends a request whose method is an unresolved expansion to ${dest.label}: it may be a DELETE`,
        target: dest.target,
        alternative: 'spell the method out',
        severity: 45,
      },
    ];
  }
  return [];
}

/** POST /projects/42/delete, POST /index/_delete_by_query, POST …/instances/x:purge, …/sites/1/archive, …/indexes/x/clear. */
function actionPathFindings(req: HttpRequest, dest: Destination): Finding[] {
  if (READ_METHODS.has(req.method) || req.method === 'DELETE' || !dest.parsed) return [];
  const segments = dest.parsed.path.split(/[/:]/).slice(0, 32);
  if (namesHarmlessObject(wordParts(dest.parsed.path))) return [];
  for (const seg of segments) {
    // Segments with digits are ids (`vol_rm3x`), not actions.
    if (!seg || seg.length > 64 || /\d/.test(seg)) continue;
    const hit = destructiveName(seg, wordParts(dest.parsed.path));
    if (!hit) continue;
    const weighty = hasWeightyPart(wordParts(dest.parsed.path));
    if (hit.tier === 'delete') {
      return [
        {
          id: 'http.destructive-action',
          summary: `sends ${req.method} ${shownUrl(dest)} to ${dest.label}: the action "${seg}" destroys data`,
          target: dest.target,
          alternative: ALT_DELETE,
          severity: bump(severityFor(dest, 70, 55, 60), weighty),
        },
      ];
    }
    // Archiving, disabling, emptying or transferring a resource, restoring over it, revoking access to it.
    const what =
      hit.tier === 'overwrite'
        ? 'replaces live data with an older copy'
        : hit.tier === 'revoke'
          ? 'revokes access'
          : 'switches off, empties or hands away what the URL names';
    return [
      {
        id: 'http.disabling-action',
        summary: `sends ${req.method} ${shownUrl(dest)} to ${dest.label}: the action "${seg}" ${what}`,
        target: dest.target,
        alternative: ALT_DELETE,
        severity: bump(severityFor(dest, 60, 50, 55), weighty),
      },
    ];
  }
  return [];
}

/** SQL-over-HTTP APIs (D1, Neon, Turso, Supabase, ClickHouse): a DROP in the body runs. */
function sqlFindings(req: HttpRequest, dest: Destination): Finding[] {
  const texts: string[] = [];
  let unread = false;
  for (const t of [...req.bodies.map((b) => b.text), dest.parsed?.query]) {
    if (!t) continue;
    const found = sqlStatementsIn(t);
    texts.push(...found.statements);
    unread ||= found.unread === true;
  }
  for (const text of texts) {
    const what = destructiveSql(text);
    if (!what) continue;
    return [
      {
        id: 'http.destructive-sql',
        summary: `sends SQL with ${what} to ${dest.label}: it runs against that database`,
        target: dest.target,
        alternative: 'run a SELECT of the same rows first and take a backup; prefer a reviewed migration',
        severity: severityFor(dest, 80, 70, 75),
      },
    ];
  }
  if (!unread) return [];
  return [
    {
      id: 'http.destructive-sql',
      summary: `sends more SQL to ${dest.label} than AgentGuard reads (${SQL_BODY_BOUNDS}): what was not read may change or delete data there`,
      target: dest.target,
      alternative: 'send the statements in smaller requests, each of which can be read',
      severity: 50,
    },
  ];
}

export function judgeRequest(req: HttpRequest, remote?: SimpleCommand['remote']): Finding[] {
  const out: Finding[] = [...unreadRequest(req), ...engineSocketFindings(req)];
  for (const dest of destinations(req, remote)) {
    out.push(...graphqlFindings(req, dest));
    out.push(...sqlFindings(req, dest));
    out.push(...unknownGraphqlBody(req, dest));
    out.push(...deleteFindings(req, dest));
    out.push(...actionPathFindings(req, dest));
    out.push(...nullSettingsFindings(req, dest));
    out.push(...destroyFlagFindings(req, dest, shownUrl(dest)));
    out.push(...redisRestFindings(req, dest));
    out.push(...emptyReplaceFindings(req, dest, shownUrl(dest)));
    out.push(...postgrestFindings(req, dest));
    if (dest.parsed?.host !== undefined || dest.unknown) out.push(...settingsFindings(req, dest.target, dest.label));
  }
  return out;
}

export const httpPack: Pack = {
  id: 'http',
  commands: [...HTTP_CLIENTS, ...GRPC_CLIENTS, ...SOCKET_CLIENTS, ...WEBSOCKET_CLIENTS, ...RUNNER_CLIENTS],

  analyze(cmd, ctx) {
    // HTTP typed into a socket (`printf 'DELETE … HTTP/1.1' | nc host 80`) is judged as curl's request would be.
    const raw = rawRequests(cmd);
    if (raw) {
      const found = raw.requests.flatMap((r) => judgeRequest(r, cmd.remote));
      if (raw.unread) found.push(raw.unread);
      return found.length ? found : undefined;
    }
    if ((RUNNER_CLIENTS as readonly string[]).includes(cmd.argv[0] ?? '')) {
      const run = runnerRequests(cmd, ctx);
      if (!run) return undefined;
      const found = run.requests.flatMap((r) => judgeRequest(r, cmd.remote));
      if (run.unread) found.push(unreadRunnerFinding(cmd, run.unread));
      return found.length ? found : undefined;
    }
    if ((GRPC_CLIENTS as readonly string[]).includes(cmd.argv[0] ?? '')) {
      const grpc = grpcFindings(cmd);
      return grpc.length ? grpc : undefined;
    }
    if (asksForHelp(cmd.argv) && cmd.argv[0] !== 'http' && cmd.argv[0] !== 'https') return undefined;
    const req = readRequest(cmd, ctx);
    if (!req) return undefined;
    const out = judgeRequest(req, cmd.remote);
    const money = moneyFindings(cmd);
    if (money) out.push(money);
    out.push(...refFindings(req), ...forgeAccessFindings(req));
    const bulk = cmd.repeated ? bulkMessageFinding(req) : undefined;
    if (bulk) out.push(bulk);
    return out.length ? out : undefined;
  },

  effect(cmd, ctx) {
    if ((WEBSOCKET_CLIENTS as readonly string[]).includes(cmd.argv[0] ?? '')) {
      const sends = websocketSends(cmd);
      return sends === undefined ? undefined : sends ? 'write' : 'read';
    }
    if ((RUNNER_CLIENTS as readonly string[]).includes(cmd.argv[0] ?? '')) {
      const run = runnerRequests(cmd, ctx);
      if (!run) return undefined;
      return run.unread || run.requests.some((r) => !READ_METHODS.has(r.method)) ? 'write' : 'read';
    }
    const req = readRequest(cmd, ctx);
    if (!req) return undefined;
    if (READ_METHODS.has(req.method)) {
      const q = req.urls.map((u) => parseUrl(u)?.query ?? '').join('&');
      return /mutation/i.test(q) ? 'write' : 'read';
    }
    // A POST carrying only GraphQL queries reads.
    if (
      req.method === 'POST' &&
      req.bodies.length &&
      req.bodies.every((b) => {
        if (!b.text) return false;
        const facts = readGraphql(b.text);
        return facts.isGraphql && facts.mutationFields.length === 0 && !/\bmutation\b/.test(b.text);
      })
    )
      return 'read';
    return 'write';
  },
};
