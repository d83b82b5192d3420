// Whether an API name says it destroys something: GraphQL fields
// (`volumeDelete`, `deleteProject`, `delete_users`) and REST action paths
// (`/projects/42/delete`, `/_delete_by_query`, `:purge`). Names are split into
// word parts (camelCase, snake_case, kebab-case) and a part must be the verb
// itself: `deletedAt`, `undelete` and `modelName` do not count.

import { asciiLower } from '../../text/asciiFold';
import { compiledLater } from '../../text/compiledLater';
import { isMachineNoun } from '../common/machineWipe';

export type DestructiveTier = 'delete' | 'revoke' | 'overwrite' | 'disable';

const DELETE_PARTS = new Set([
  'delete',
  'del',
  'remove',
  'rm',
  'destroy',
  'drop',
  'purge',
  'wipe',
  'truncate',
  'reset',
  'erase',
  'nuke',
  'prune',
  'terminate',
  'deregister',
  'uninstall',
  'obliterate',
  'flushall',
  'flushdb',
  'dropdatabase',
]);
const REVOKE_PARTS = new Set(['revoke', 'invalidate']);
/** Lay a fresh image over a machine's disk (`/servers/1/actions/rebuild`, `/instances/x/reinstall`): a deletion of what it held, with a machine as the object only. */
const MACHINE_WIPE_PARTS = new Set(['rebuild', 'reinstall', 'reimage']);
/** Replace what exists with something older or nothing: a restore rolls a database back. */
const OVERWRITE_PARTS = new Set(['restore', 'rollback', 'overwrite', 'detach']);

/**
 * Switch a resource off or hand it away: archived, disabled, suspended, paused or stopped (a production
 * database paused is an outage until someone resumes it), emptied, transferred to someone else.
 */
const DISABLE_PARTS = new Set([
  'pause',
  'stop',
  'shutdown',
  'hibernate',
  'flush',
  'archive',
  'disable',
  'deactivate',
  'suspend',
  'transfer',
  'unpublish',
  'clear',
  'empty',
  'expunge',
  'decommission',
  'retire',
  'offboard',
  // A production database branch demoted loses its safe-migration and backup protections.
  'demote',
]);

/** Objects whose deletion loses nothing that matters (CDN cache purges, a password reset). */
const HARMLESS_OBJECTS = new Set([
  'cache',
  'caches',
  'password',
  'passwords',
  'pwd',
  'pw',
  'passcode',
  'pin',
  'otp',
  'mfa',
  'totp',
  'filter',
  'filters',
  'form',
  'view',
  'counter',
  'counters',
  'cart',
  'notification',
  'notifications',
  'draft',
  'drafts',
  'favorite',
  'favorites',
  'favourite',
  'bookmark',
  'bookmarks',
  'like',
  'reaction',
  'reactions',
  'selection',
  'highlight',
  'buffer',
  'buffers',
]);

const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

export function wordParts(name: string): string[] {
  const out: string[] = [];
  PART.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = PART.exec(name)) && n++ < 32) out.push(m[0].toLowerCase());
  return out;
}

export interface DestructiveName {
  verb: string;
  tier: DestructiveTier;
  parts: string[];
}

/** Cheap screen run before splitting a name: most names hold none of the verbs. */
export const MAYBE_DESTRUCTIVE =
  /del|rm|remov|destroy|drop|purge|wipe|trunc|reset|erase|nuke|prune|termin|deregist|uninstall|obliterat|paus|stop|shutdown|hibernat|flush|revoke|restore|rollback|overwrite|detach|archiv|disabl|deactivat|suspend|transfer|unpublish|clear|empty|expunge|decommission|retire|offboard|demote|invalidat|rebuild|reinstall|reimag/i;
// The expression is a plain alternation of words, so its words are its source's parts.
const DESTRUCTIVE_WORDS = MAYBE_DESTRUCTIVE.source.split('|');

/** MAYBE_DESTRUCTIVE's answer, by scanning the name's ASCII lower case for the same words. */
export function scanDestructive(name: string): boolean {
  const t = asciiLower(name);
  for (let k = 0; k < DESTRUCTIVE_WORDS.length; k++) if (t.includes(DESTRUCTIVE_WORDS[k])) return true;
  return false;
}

// Compiling the expression cost a hook call 0.2–0.3 ms at its first test (the PocketOS call's `volumeDelete`).
const maybeDestructive = compiledLater(MAYBE_DESTRUCTIVE, scanDestructive);

/** Real API names are short; a longer word is cut so a hostile body costs nothing. */
const MAX_NAME = 128;

/** `around`: the other words of the name's path (`/apps/x/dynos/web/actions/stop`), for a verb read with its object. */
export function destructiveName(fullName: string, around: readonly string[] = []): DestructiveName | undefined {
  const name = fullName.length > MAX_NAME ? fullName.slice(0, MAX_NAME) : fullName;
  if (!maybeDestructive(name)) return undefined;
  const parts = wordParts(name);
  if (parts.some((p) => HARMLESS_OBJECTS.has(p))) return undefined;
  for (const p of parts) {
    if (DELETE_PARTS.has(p)) return { verb: p, tier: 'delete', parts };
  }
  const wipe = parts.find((p) => MACHINE_WIPE_PARTS.has(p));
  if (wipe && (parts.some(isMachineNoun) || around.some((w) => wordParts(w).some(isMachineNoun))))
    return { verb: wipe, tier: 'delete', parts };
  for (const p of parts) {
    if (REVOKE_PARTS.has(p)) return { verb: p, tier: 'revoke', parts };
    if (OVERWRITE_PARTS.has(p)) return { verb: p, tier: 'overwrite', parts };
    if (DISABLE_PARTS.has(p) && (p !== 'stop' || stopsWhatServes(parts) || stopsWhatServes(around)))
      return { verb: p, tier: 'disable', parts };
  }
  return undefined;
}

/** What serves users when it runs: stopping one is an outage (`deploymentStop`, `/dynos/web/actions/stop`), a timer or a recording stopped is not. */
const SERVING_PARTS = new Set([
  'service',
  'services',
  'deployment',
  'deployments',
  'app',
  'apps',
  'dyno',
  'dynos',
  'server',
  'servers',
  'machine',
  'machines',
  'vm',
  'vms',
  'container',
  'containers',
  'endpoint',
  'endpoints',
  'compute',
  'computes',
  'worker',
  'workers',
]);

function stopsWhatServes(parts: readonly string[]): boolean {
  return parts.some((p) => SERVING_PARTS.has(p) || WEIGHTY_PARTS.has(p));
}

/** Nouns that make a deletion worse wherever they appear (in a field name or a URL path). */
const WEIGHTY_PARTS = new Set([
  'volume',
  'volumes',
  'database',
  'databases',
  'db',
  'dbs',
  'backup',
  'backups',
  'snapshot',
  'snapshots',
  'project',
  'projects',
  'bucket',
  'buckets',
  'cluster',
  'clusters',
  'environment',
  'environments',
  'disk',
  'disks',
  'table',
  'tables',
  'postgres',
  'mysql',
  'redis',
  'branch',
  'branches',
  'repo',
  'repos',
  'repository',
  'repositories',
  'namespace',
  'namespaces',
  'index',
  'indexes',
  'indices',
  'collection',
  'collections',
  'account',
  'accounts',
  'org',
  'orgs',
  'organization',
  'organizations',
  'storage',
  'keyspace',
  'dataset',
  'datasets',
  'instance',
  'instances',
  'stack',
  'stacks',
  'zone',
  'zones',
]);

/** A path about something whose loss costs nothing: `/zones/z/cache/purge`, `/logs/flush`, `/users/u/password/reset`. */
export function namesHarmlessObject(parts: readonly string[]): boolean {
  return parts.some((p) => HARMLESS_OBJECTS.has(p));
}

export function hasWeightyPart(parts: readonly string[]): boolean {
  return parts.some((p) => WEIGHTY_PARTS.has(p));
}
