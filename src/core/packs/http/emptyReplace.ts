// A PUT replaces what the path holds with its body. An empty body of a
// collection (`[]`, `{}`) sent to a path that names a collection replaces
// every member with none: Render's `PUT /v1/services/srv-x/env-vars -d '[]'`
// removes every environment variable of the service, Firebase's `PUT
// /users.json -d '{}'` every user. Nothing in the line says delete. A PUT of
// values is an edit and stays quiet; so is an empty body sent to one record
// (`/items/1`), which holds no members to lose.
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { severityFor, type Destination } from './destination';
import { wordParts } from './words';

const EMPTY_BODY = /^\s*(?:\[\s*\]|\{\s*\})\s*$/;
/** Nouns that hold members though they are not plural. */
const COLLECTION_WORDS = new Set([
  'config',
  'configuration',
  'env',
  'environment',
  'data',
  'list',
  'allowlist',
  'whitelist',
  'blocklist',
  'acl',
  'metadata',
  'collection',
  'inventory',
  'catalog',
  'queue',
]);
const MAX_SEGMENTS = 32;

/** The path's last segment names a collection: a plural (`env-vars`, `users.json`), a store of settings, or the root. */
function namesCollection(path: string): string | undefined {
  const segments = path.split('/').slice(-MAX_SEGMENTS).filter(Boolean);
  const last = (segments[segments.length - 1] ?? '').replace(/\.json$/i, '');
  if (!last) return '/';
  // Ids carry digits (`srv-x1`, `42`): a record, not a collection.
  if (/\d/.test(last)) return undefined;
  const parts = wordParts(last);
  const noun = parts[parts.length - 1] ?? '';
  if (COLLECTION_WORDS.has(noun) || (noun.length > 2 && /[^su]s$/.test(noun))) return last;
  return undefined;
}

export function emptyReplaceFindings(req: HttpRequest, dest: Destination, shown: string): Finding[] {
  if (req.method !== 'PUT' || !dest.parsed) return [];
  const body = req.bodies.find((b) => b.text !== undefined && b.text.length < 64 && EMPTY_BODY.test(b.text));
  if (!body?.text) return [];
  const collection = namesCollection(dest.parsed.path);
  if (!collection) return [];
  return [
    {
      id: 'http.destructive-action',
      summary: `sends PUT ${shown} to ${dest.label} with ${body.text.trim()} as its body, which replaces every member of ${collection === '/' ? 'the root' : collection} with none`,
      target: dest.target,
      alternative: 'GET the collection first and keep a copy; delete only the members meant to go',
      severity: severityFor(dest, 70, 55, 60),
    },
  ];
}
