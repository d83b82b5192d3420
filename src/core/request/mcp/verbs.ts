// An MCP tool's name read with the verb grammar the cloud packs use: the
// verb says what happens, the nouns around it to what. Deleting verbs are
// weighed by the class of thing deleted (packs/common/deletion.ts); other verbs do
// harm to some things only: pausing, resetting or emptying a project, a
// database or a service; refunding or cancelling a payment or subscription;
// merging into a base branch; pushing or committing to a protected branch;
// scaling a service to zero. Reads (`list_*`, `get_*`, `describe_*`) and
// everything else say nothing here.
import { classNoun, classSeverity, deletionClass, weigh, type DeletionClass } from '../../packs/common/deletion';
import { findDeleteVerb } from '../../packs/common/verbs';
import type { Finding } from '../../types';
import { flatArgs } from './flatArgs';

const EMPTYING = new Set([
  'reset',
  'flush',
  'flushall',
  'flushdb',
  'clear',
  'empty',
  'expire',
  'prune',
  'evict',
  'forget',
]);
const HALTING = new Set([
  'pause',
  'suspend',
  'stop',
  'disable',
  'shutdown',
  'deactivate',
  'archive',
  'hibernate',
  'freeze',
]);
const MONEY_NOUNS = new Set([
  'subscription',
  'subscriptions',
  'order',
  'orders',
  'payment',
  'payments',
  'invoice',
  'invoices',
  'charge',
  'charges',
  'booking',
  'bookings',
  'plan',
  'membership',
  'checkout',
  'transfer',
  'transfers',
  'funds',
  'balance',
  'payout',
  'payouts',
]);
const PUSHING = new Set(['push', 'commit', 'upload', 'publish']);
const PROTECTED_BRANCH =
  /^(?:refs\/heads\/)?(?:main|master|production|prod|release|releases\/.+|live|trunk|stable|default)$/i;
/** Products whose resources hold data: an unnamed kind of thing they empty or halt is taken to be theirs. */
const DATA_SERVICES =
  /supabase|neon|railway|planetscale|postgres|mysql|mongo|redis|sqlite|database|db|dynamo|firestore|firebase|aws|gcp|gcloud|google|azure|cloudflare|vercel|netlify|heroku|fly|render|digitalocean|kubernetes|k8s|terraform|pulumi|snowflake|bigquery|clickhouse|turso|upstash|convex|prisma|s3|hetzner|linode|vultr|docker|cockroach|elastic|opensearch|pinecone|stripe|d1|r2|kv/;
/** Words that are a tool's verb, to tell which one comes first (`create_merge_request` creates). */
const VERB_WORDS = new Set([
  'create',
  'get',
  'list',
  'update',
  'merge',
  'delete',
  'close',
  'approve',
  'open',
  'add',
  'edit',
  'view',
  'search',
  'read',
  'set',
  'remove',
  'cancel',
  'rebase',
  'reopen',
  'comment',
  'review',
]);
const READ_VERBS = new Set([
  'list',
  'get',
  'describe',
  'search',
  'find',
  'read',
  'show',
  'view',
  'fetch',
  'count',
  'explain',
  'inspect',
  'status',
  'logs',
  'log',
  'browse',
  'resolve',
  'suggest',
  'lookup',
  'download',
  'diff',
  'check',
  'validate',
  'preview',
  'retrieve',
  'query',
  'aggregate',
  'watch',
  'info',
  'whoami',
  'ping',
  'health',
  'docs',
  'documentation',
]);

export interface VerbTarget {
  label: string;
  /** Words of the server's name and identity, for what kind of service it is. */
  serverWords: readonly string[];
  args: Readonly<Record<string, unknown>>;
}

/** Whether the tool only looks: its first verb is a reading one. */
export function readsOnly(words: readonly string[]): boolean {
  for (const w of words) {
    if (READ_VERBS.has(w)) return true;
    if (
      findDeleteVerb([w], 1) ||
      EMPTYING.has(w) ||
      HALTING.has(w) ||
      PUSHING.has(w) ||
      w === 'create' ||
      w === 'update' ||
      w === 'set' ||
      w === 'execute' ||
      w === 'run' ||
      w === 'apply' ||
      w === 'deploy'
    )
      return false;
  }
  return false;
}

function f(id: string, summary: string, severity: number, target: string, alternative: string): Finding {
  return { id, summary, severity, target, alternative };
}

const targetOf = (a: Record<string, unknown>): string | undefined => {
  for (const k of [
    'name',
    'projectid',
    'project',
    'branchid',
    'branch',
    'branchidorname',
    'id',
    'databaseid',
    'database',
    'bucket',
    'volumeid',
    'serviceid',
    'service',
    'environment',
    'tenantid',
    'queue',
    'collection',
    'subscription',
    'paymentintent',
    'paymentid',
  ]) {
    const v = a[k];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
};

/** Words of a tool that deletes whatever a filter matches (`delete_many`, `delete_documents`, `delete_rows`). */
const BY_FILTER = new Set(['many', 'documents', 'docs', 'rows', 'records', 'entries', 'items', 'objects']);
const FILTER_KEYS = ['filter', 'where', 'query', 'selector', 'match', 'conditions', 'condition'];
/** Filters that match every document whatever they look like. */
const MATCHES_ALL = /\$(?:exists|where|expr|jsonSchema|comment)\b|"\$ne"\s*:\s*null|^\s*(?:true|1=1|1|all|\*)\s*$/i;

/**
 * `delete_many` with a filter that picks some documents is `DELETE … WHERE`:
 * a targeted delete, as quiet as that is. An empty filter, a missing one, or
 * one that matches everything is the whole collection.
 */
function targetedDelete(words: readonly string[], a: Record<string, unknown>): boolean {
  if (!words.some((w) => BY_FILTER.has(w))) return false;
  for (const k of FILTER_KEYS) {
    const v = a[k];
    if (v === undefined) continue;
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    const empty = typeof v === 'object' && v !== null && Object.keys(v).length === 0;
    return !empty && text.trim().length > 0 && !/^\s*\{\s*\}\s*$/.test(text) && !MATCHES_ALL.test(text);
  }
  return false;
}

/** The findings a tool's own name gives, read against its arguments. */
export function verbFindings(words: readonly string[], t: VerbTarget): Finding[] {
  const a = flatArgs(t.args);
  const target = targetOf(a);
  const shown = target ? `${t.label} (${target})` : t.label;
  const dataService = DATA_SERVICES.test([...t.serverWords, ...words].join(' '));
  const out: Finding[] = [];

  const del = findDeleteVerb([words.join('_')], 1) ?? findDeleteVerb(words, words.length);
  if (del && !targetedDelete(words, a)) {
    let cls: DeletionClass = deletionClass([...del.nouns, ...words], del.object);
    if (cls === 'other' && dataService) cls = 'service';
    const severity = Math.max(
      cls === 'small' ? classSeverity('small') : 60,
      Math.min(85, weigh(classSeverity(cls), target)),
    );
    out.push(
      f(
        'mcp.destructive-tool',
        `calls ${shown}, which deletes ${classNoun(cls)}`,
        severity,
        target ?? t.label,
        'check what it deletes and that a backup exists, then approve it or do it by hand',
      ),
    );
    return out;
  }
  const nouns = words.filter((w) => !EMPTYING.has(w) && !HALTING.has(w));
  const cls = deletionClass(nouns);
  const weighty =
    cls === 'top' || cls === 'data' || cls === 'service' || cls === 'backup' || (cls === 'other' && dataService);
  const emptying = words.find((w) => EMPTYING.has(w));
  if (emptying && weighty) {
    out.push(
      f(
        'mcp.emptying-tool',
        `calls ${shown}, which ${emptying === 'reset' ? 'resets' : emptying.startsWith('flush') ? 'flushes' : `${emptying}s`} ${cls === 'other' ? 'a resource of a data service' : classNoun(cls)}: what it holds now is lost`,
        60,
        target ?? t.label,
        'take a snapshot or branch first, and make sure this is not a shared or production target',
      ),
    );
  }
  const halting = words.find((w) => HALTING.has(w));
  if (halting && weighty) {
    out.push(
      f(
        'mcp.halting-tool',
        `calls ${shown}, which ${halting}s ${cls === 'other' ? 'a service' : classNoun(cls)}: whatever depends on it stops`,
        60,
        target ?? t.label,
        'check nothing depends on it, or do it in a maintenance window',
      ),
    );
  }
  if (
    words.includes('refund') ||
    words.includes('refunds') ||
    (words.some((w) => w === 'cancel' || w === 'void' || w === 'payout') && words.some((w) => MONEY_NOUNS.has(w)))
  ) {
    out.push(
      f(
        'mcp.money-tool',
        `calls ${shown}, which moves money or ends a customer's ${words.find((w) => MONEY_NOUNS.has(w)) ?? 'payment'}`,
        60,
        target ?? t.label,
        'let a human confirm the customer and the amount',
      ),
    );
  }
  // `merge_pull_request`, `merge_branch`; not `create_merge_request` (its verb is create).
  const firstVerb = words.find((w) => VERB_WORDS.has(w));
  if (firstVerb === 'merge') {
    out.push(
      f(
        'mcp.merge-tool',
        `calls ${shown}, which merges into its base branch (often the one production deploys)`,
        55,
        target ?? t.label,
        'let a human review and merge it',
      ),
    );
  }
  const branch = ['branch', 'ref', 'targetbranch', 'base', 'branchname']
    .map((k) => a[k])
    .find((v): v is string => typeof v === 'string')
    ?.replace(/^(?:refs\/)?heads\//, '');
  const pushing =
    words.some((w) => PUSHING.has(w)) ||
    (words.includes('file') && words.some((w) => w === 'update' || w === 'delete' || w === 'create')) ||
    (words.includes('ref') && words.includes('update'));
  if (pushing && branch && PROTECTED_BRANCH.test(branch)) {
    out.push(
      f(
        'mcp.protected-branch-write',
        `calls ${shown}, which commits straight to ${branch}${a.force === true ? ', forced' : ''}, past any review`,
        a.force === true ? 70 : 55,
        branch,
        'push to a feature branch and open a pull request',
      ),
    );
  }
  if (words.includes('scale') || words.includes('resize')) {
    const n = ['replicas', 'scale', 'count', 'instances', 'desiredcount', 'size', 'mincount']
      .map((k) => a[k])
      .find((v) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)));
    if (n !== undefined && Number(n) === 0)
      out.push(
        f(
          'mcp.scale-to-zero',
          `calls ${shown}, which scales it to zero: it stops serving`,
          60,
          target ?? t.label,
          'scale down gradually, or stop it where a human can see',
        ),
      );
  }
  return out;
}
