// Findings for GraphQL sent over HTTP: the mutations a body or URL carries,
// named by what they do (words.ts, mutationWords.ts), and bodies past what
// the reader reads.
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { bump, severityFor, type Destination } from './destination';
import { readGraphql } from './graphql';
import { asksToWipe, mutationRisk, type MutationRisk, type MutationTier } from './mutationWords';
import { hasWeightyPart } from './words';

const ALT_GRAPHQL =
  "run a read-only query to confirm the target, take a backup or snapshot first, and make the change in the provider's dashboard, which asks for confirmation";

/** How much each kind of mutation weighs, on a provider's API, another host and an unresolved host, and what it does. */
const TIERS: Record<MutationTier, { onProvider: number; elsewhere: number; unknown: number; effect: string }> = {
  delete: { onProvider: 85, elsewhere: 75, unknown: 80, effect: 'deletes data there' },
  overwrite: { onProvider: 65, elsewhere: 50, unknown: 55, effect: 'replaces or detaches live data there' },
  disable: {
    onProvider: 55,
    elsewhere: 45,
    unknown: 50,
    effect: 'switches off, empties or hands away a resource there',
  },
  revoke: { onProvider: 50, elsewhere: 50, unknown: 50, effect: 'revokes access there' },
  reconfigure: {
    onProvider: 55,
    elsewhere: 45,
    unknown: 50,
    effect: 'changes what a running service or volume serves, or where its data lives, there',
  },
  deploy: { onProvider: 50, elsewhere: 45, unknown: 45, effect: 'ships a new deployment to what runs there' },
  credential: {
    onProvider: 55,
    elsewhere: 45,
    unknown: 50,
    effect: 'mints a standing credential for the account there',
  },
};

export function graphqlFindings(req: HttpRequest, dest: Destination): Finding[] {
  const texts: string[] = [];
  for (const b of req.bodies) if (b.text) texts.push(b.text);
  const query = dest.parsed?.query;
  if (query && /mutation/i.test(query)) texts.push(query);

  const hits: { name: string; hit: MutationRisk }[] = [];
  let operationOnly = true;
  let unread: string | undefined;
  for (const text of texts) {
    const facts = readGraphql(text);
    unread ??= facts.unread;
    const wipes = asksToWipe(text);
    for (const field of facts.mutationFields) {
      const named = mutationRisk(field);
      // An ordinary write told to replace everything wipes what it does not name.
      const hit: MutationRisk | undefined = named ?? (wipes ? { tier: 'overwrite', parts: [] } : undefined);
      if (hit) {
        hits.push({ name: named ? field : `${field} (replace: true)`, hit });
        operationOnly = false;
      }
    }
    // An operation's name is only a label; it decides only when no field could be read.
    if (facts.mutationFields.length) continue;
    for (const op of facts.operationNames) {
      const hit = mutationRisk(op);
      if (hit) hits.push({ name: op, hit });
    }
  }
  const out = unread ? [unreadGraphql(unread, dest)] : [];
  if (!hits.length) return out;

  const worst = hits.find((h) => h.hit.tier === 'delete') ?? hits.find((h) => h.hit.tier === 'overwrite') ?? hits[0];
  const names = [...new Set(hits.map((h) => h.name))].slice(0, 4).join(', ');
  const weighty = hits.some((h) => hasWeightyPart(h.hit.parts));
  const { onProvider, elsewhere, unknown, effect } = TIERS[worst.hit.tier];
  let severity = severityFor(dest, onProvider, elsewhere, unknown);
  if (operationOnly) severity -= 5; // only the operation's name says so
  return [
    ...out,
    {
      id: 'http.graphql-destructive-mutation',
      summary: `sends the GraphQL mutation ${names} to ${dest.label}: it ${effect}`,
      target: dest.target,
      alternative: ALT_GRAPHQL,
      severity: bump(severity, weighty),
    },
  ];
}

/** Part of a GraphQL body past a bound of the reader (`unread` names it) may be any mutation. */
function unreadGraphql(unread: string, dest: Destination): Finding {
  return {
    id: 'http.graphql-unknown-body',
    summary: `sends GraphQL to ${dest.label} with ${unread}, past what AgentGuard reads: what was not read may be a destructive mutation`,
    target: dest.target,
    alternative: 'send the mutations one request at a time, each small enough to be read',
    severity: dest.provider ? 55 : 45,
  };
}
