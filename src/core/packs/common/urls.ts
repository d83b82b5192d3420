// Where a request goes: URL parsing cheap enough for the hot path, local
// development hosts (routine), and the APIs of infrastructure providers, where
// one call can delete a production database (PocketOS: backboard.railway.app).
// Every pack that reads a URL (http, secrets, cloud, outgoing) reads it here.
import { isLocalHost } from '../../environment/clues';

/** This machine, by the one rule the environment's clues use too. */
export { isLocalHost };

export interface ParsedUrl {
  /** Lowercase host without port or brackets; undefined when it is an unresolved expansion. */
  host?: string;
  port?: string;
  /** Path without query or fragment, `/` when empty. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** The word held `$VAR` or `$(…)` before the path, so the host is unknown. */
  dynamicHost: boolean;
}

// scheme://userinfo@host:port/path?query#fragment — every part optional but the host.
const URL_RE =
  /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^@/?#\s]*@)?(\[[0-9a-f:.]*\]|[^:/?#\s]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/i;
const HOSTISH = /^(?:[a-z0-9-]+\.)+[a-z0-9-]+$|^localhost$|^\[[0-9a-f:.]*\]$|^\d{1,3}(?:\.\d{1,3}){3}$/i;

/**
 * Parses what curl, wget and httpie accept as a URL: `https://h/p`,
 * `h:8080/p`, `localhost/p`, and httpie's `:3000/p` shorthand for localhost.
 */
export function parseUrl(word: string): ParsedUrl | undefined {
  if (!word) return undefined;
  if (word.startsWith(':') && /^:\d*(?:\/|$)/.test(word)) {
    const slash = word.indexOf('/');
    return split('localhost', word.slice(1, slash === -1 ? undefined : slash), slash === -1 ? '/' : word.slice(slash));
  }
  const m = URL_RE.exec(word);
  if (!m) return undefined;
  const [, scheme, rawHost, port, path, query] = m;
  if (!scheme && !HOSTISH.test(rawHost) && !rawHost.startsWith('$')) return undefined;
  if (rawHost.includes('$') || (rawHost === '' && word.startsWith('$'))) {
    return { path: path || '/', query: query ?? '', dynamicHost: true };
  }
  if (!rawHost) return undefined;
  const host = rawHost
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return { host, port: port || undefined, path: path || '/', query: query ?? '', dynamicHost: false };
}

function split(host: string, port: string, rest: string): ParsedUrl {
  const q = rest.indexOf('?');
  return {
    host,
    port: port || undefined,
    path: q === -1 ? rest : rest.slice(0, q),
    query: q === -1 ? '' : rest.slice(q + 1),
    dynamicHost: false,
  };
}

/** A word that is meant as a URL (has a scheme, or starts like a host). */
export function looksLikeUrl(word: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) return true;
  if (/^:\d*(?:\/|$)/.test(word)) return true;
  if (word.startsWith('$'))
    return /^\$\{?[A-Za-z_]\w*\}?(?:[/:]|$)/.test(word) && /url|host|api|endpoint|base|server|origin/i.test(word);
  const m = /^([^/:?#\s]+)(?::\d+)?(?:[/?#]|$)/.exec(word);
  return m !== null && HOSTISH.test(m[1]);
}

export function isLocalHostUrl(word: string): boolean {
  const u = parseUrl(word);
  return u?.host !== undefined && isLocalHost(u.host);
}

/** API hosts of providers whose calls reach production data, by domain suffix. */
const PROVIDERS: readonly (readonly [string, string])[] = [
  ['railway.app', 'Railway'],
  ['railway.com', 'Railway'],
  ['api.heroku.com', 'Heroku'],
  ['api.fly.io', 'Fly.io'],
  ['api.machines.dev', 'Fly.io'],
  ['api.vercel.com', 'Vercel'],
  ['api.netlify.com', 'Netlify'],
  ['api.supabase.com', 'Supabase'],
  ['supabase.co', 'Supabase'],
  ['neon.tech', 'Neon'],
  ['api.digitalocean.com', 'DigitalOcean'],
  ['api.cloudflare.com', 'Cloudflare'],
  ['api.stripe.com', 'Stripe'],
  ['api.github.com', 'GitHub'],
  ['uploads.github.com', 'GitHub'],
  ['gitlab.com', 'GitLab'],
  ['api.bitbucket.org', 'Bitbucket'],
  ['management.azure.com', 'Azure'],
  ['management.core.windows.net', 'Azure'],
  ['core.windows.net', 'Azure Storage'],
  ['documents.azure.com', 'Azure Cosmos DB'],
  ['googleapis.com', 'Google Cloud'],
  ['firebaseio.com', 'Firebase'],
  ['firebasedatabase.app', 'Firebase'],
  ['amazonaws.com', 'AWS'],
  ['api.render.com', 'Render'],
  ['api.planetscale.com', 'PlanetScale'],
  ['api.turso.tech', 'Turso'],
  ['turso.io', 'Turso'],
  ['cloud.mongodb.com', 'MongoDB Atlas'],
  ['api.upstash.com', 'Upstash'],
  ['upstash.io', 'Upstash'],
  ['api.linode.com', 'Linode'],
  ['api.hetzner.cloud', 'Hetzner'],
  ['api.vultr.com', 'Vultr'],
  ['api.scaleway.com', 'Scaleway'],
  ['api.exoscale.com', 'Exoscale'],
  ['pinecone.io', 'Pinecone'],
  ['api.elastic-cloud.com', 'Elastic Cloud'],
  ['elastic-cloud.com', 'Elastic Cloud'],
  ['found.io', 'Elastic Cloud'],
  ['algolia.net', 'Algolia'],
  ['algolianet.com', 'Algolia'],
  ['api.clerk.com', 'Clerk'],
  ['api.convex.dev', 'Convex'],
  ['convex.cloud', 'Convex'],
  ['api.xata.io', 'Xata'],
  ['xata.sh', 'Xata'],
  ['api.fauna.com', 'Fauna'],
  ['db.fauna.com', 'Fauna'],
  ['api.appwrite.io', 'Appwrite'],
  ['cloud.appwrite.io', 'Appwrite'],
  ['api.koyeb.com', 'Koyeb'],
  ['api.northflank.com', 'Northflank'],
  ['api.cloud.ibm.com', 'IBM Cloud'],
  ['oraclecloud.com', 'Oracle Cloud'],
  ['api.aiven.io', 'Aiven'],
  ['api.atlassian.com', 'Atlassian'],
  ['myshopify.com', 'Shopify'],
];

const PROVIDER_BY_SUFFIX = new Map(PROVIDERS);

/** The provider whose API this host is, or undefined. Looks up each parent domain: `a.b.c` → `a.b.c`, `b.c`, `c`. */
export function providerOf(host: string): string | undefined {
  let at = 0;
  for (let n = 0; n < 8; n++) {
    const name = PROVIDER_BY_SUFFIX.get(at === 0 ? host : host.slice(at));
    if (name) return name;
    const dot = host.indexOf('.', at);
    if (dot === -1) return undefined;
    at = dot + 1;
  }
  return undefined;
}
