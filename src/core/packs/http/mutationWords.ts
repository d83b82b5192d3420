// What a GraphQL mutation does when its name has no destructive verb. A
// platform API's mutations reshape live infrastructure with ordinary words:
// Railway's `serviceInstanceUpdate` swaps a running service's start command
// or image, `volumeInstanceUpdate` moves where a volume is mounted,
// `environmentTriggersDeploy` ships whatever is on the branch, and
// `apiTokenCreate` mints a standing credential for the whole account. These
// are read from the words of the name (a verb with the noun it acts on), and
// a `replace: true` (or `force`, `overwrite`, …) anywhere in the request
// turns an upsert into wiping what it does not name:
// `variableCollectionUpsert` with `replace: true` deletes every other variable.
// Only GraphQL mutations are read this way; REST paths keep to words.ts.
import { destructiveName, wordParts, type DestructiveTier } from './words';

export type MutationTier = DestructiveTier | 'reconfigure' | 'deploy' | 'credential';

export interface MutationRisk {
  tier: MutationTier;
  parts: string[];
}

/** Verbs that change a thing's settings in place. */
const CHANGE_VERBS = new Set(['update', 'upsert', 'patch', 'set', 'change', 'modify', 'edit', 'configure']);
/** What runs or holds data: changing its settings changes what serves the data and where it lives (a service's or volume's instance, a disk). */
const RUNTIME_NOUNS = new Set(['instance', 'instances', 'volume', 'volumes', 'disk', 'disks', 'cluster', 'clusters']);
/** Ships new code to where it runs; a `redeploy` restarts what already runs, and stays quiet. */
const DEPLOY_VERBS = new Set(['deploy']);
/** Verbs that make a new credential. */
const MINT_VERBS = new Set(['create', 'generate', 'issue', 'mint', 'regenerate', 'rotate', 'add']);
const CREDENTIAL_NOUNS = new Set(['token', 'tokens', 'key', 'keys', 'credential', 'credentials']);
/**
 * Whose credential it is: a standing one for an account, project or deploy
 * pipeline. A storefront's `customerAccessTokenCreate` is a sign-in handing
 * the caller their own session, and stays quiet.
 */
const STANDING_OWNERS = new Set([
  'api',
  'deploy',
  'personal',
  'project',
  'team',
  'org',
  'organization',
  'workspace',
  'service',
  'account',
]);

/** A flag that makes a write drop whatever it does not name; JSON escapes the shell left in are allowed for. */
export const WIPE_FLAG =
  /(?:^|[^A-Za-z0-9_])(?:replace|replaceAll|overwrite|force|purge|prune|wipe|deleteMissing|removeMissing)(?:\\?["'])?\s*:\s*true\b/;

export function mutationRisk(name: string): MutationRisk | undefined {
  const named = destructiveName(name);
  if (named) return named;
  const parts = wordParts(name.slice(0, 128));
  if (parts.some((p) => CHANGE_VERBS.has(p)) && parts.some((p) => RUNTIME_NOUNS.has(p)))
    return { tier: 'reconfigure', parts };
  if (
    parts.some((p) => MINT_VERBS.has(p)) &&
    parts.some((p) => CREDENTIAL_NOUNS.has(p)) &&
    parts.some((p) => STANDING_OWNERS.has(p))
  )
    return { tier: 'credential', parts };
  if (parts.some((p) => DEPLOY_VERBS.has(p))) return { tier: 'deploy', parts };
  return undefined;
}

/** The request asks a write to wipe what it does not name (`replace: true` in the arguments or the variables). */
export function asksToWipe(text: string): boolean {
  const t = text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text;
  // The expression needs `true`: most bodies lack it, and are answered without compiling it.
  return t.includes('true') && WIPE_FLAG.test(t);
}
