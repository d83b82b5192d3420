// Vocabulary every pack that reads a CLI shares (cloud, backup, identity,
// streams, warehouse, orchestration, http): how bad a deletion is, judged
// by the kind of thing deleted, and the small word tests every CLI needs
// (help, dry runs, production-sounding names).
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { SMALL_WORDS, CONFIG_WORDS, BACKUP_WORDS, TOP_WORDS, DATA_WORDS, SERVICE_WORDS } from './deletionWords';

export type Effect = 'read' | 'write';

/** One CLI's judgment; cloud.ts dispatches to it by program name. */
export interface CliAnalyzer {
  analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined;
  effect?(cmd: SimpleCommand, ctx: AnalysisContext): Effect | undefined;
}

/**
 * Severity ladder. Asks start at 40, denies at 90: only a deletion that leaves
 * no way back (no final snapshot and the backups deleted with it) denies.
 */
export const SEV = {
  info: 20,
  /** One object, item, variable or secret: small and usually recoverable. */
  small: 45,
  /** Configuration, keys, roles, rules: breaks things, loses little data. */
  config: 55,
  /** Compute, apps, services: an outage, rebuilt from code. */
  service: 70,
  /** Databases, volumes, buckets, tables, disks, clusters: the data itself. */
  data: 80,
  /** Whole projects, accounts, resource groups, namespaces, and backups. */
  critical: 85,
  /** Irrecoverable: the data and its backups, with nothing kept. */
  irrecoverable: 95,
} as const;

const PRODUCTION_NAME = /(?:^|[^a-z0-9])(?:prod|production|live)(?:[^a-z0-9]|$)/i;
const BACKUP_NAME = /backup|snapshot/i;

/**
 * A target named like production or like a backup is worth a little more
 * care; the bump never crosses into deny, which only the action itself earns.
 */
export function weigh(severity: number, ...targets: (string | undefined)[]): number {
  if (severity < 40) return severity;
  for (const t of targets) {
    if (t && (PRODUCTION_NAME.test(t) || BACKUP_NAME.test(t))) return Math.max(severity, Math.min(89, severity + 5));
  }
  return severity;
}

/** `--help`, `-h`, `-help` (Go-style CLIs): the command only prints usage. */
export function asksForHelp(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return false;
    if (a === '--help' || a === '-h' || a === '-help') return true;
  }
  return false;
}

/** `--dry-run` (any value but none/false), `--dryrun`: nothing is changed. */
export function isDryRun(argv: readonly string[], extra: readonly string[] = []): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return false;
    if (a === '--dryrun' || extra.includes(a)) return true;
    if (a === '--dry-run' || a === '-dry-run') return true;
    if (a.startsWith('--dry-run=')) {
      const v = a.slice('--dry-run='.length).toLowerCase();
      return v !== 'none' && v !== 'false';
    }
  }
  return false;
}

export type DeletionClass = 'backup' | 'top' | 'data' | 'service' | 'config' | 'small' | 'other';

const CLASS_SEVERITY: Record<DeletionClass, number> = {
  backup: SEV.critical,
  top: SEV.critical,
  data: SEV.data,
  service: SEV.service,
  config: SEV.config,
  small: SEV.small,
  other: SEV.config,
};

const CLASS_RANK: DeletionClass[] = ['backup', 'top', 'data', 'service'];

/**
 * What kind of thing a deletion hits. `object` is the noun the verb acts on
 * (`kv key delete` → key, `delete-bucket-policy` → policy): when it is small
 * or a setting, the context words (`kv`, `bucket`) do not make it worse.
 * Otherwise the weightiest word anywhere in the command path decides
 * (`sql instances delete` → data).
 */
export function deletionClass(words: readonly string[], object?: string): DeletionClass {
  const o = object?.toLowerCase();
  if (o && SMALL_WORDS.has(o)) return 'small';
  if (o && CONFIG_WORDS.has(o)) return 'config';
  const lower = words.map((w) => w.toLowerCase());
  for (const cls of CLASS_RANK) {
    const set =
      cls === 'backup' ? BACKUP_WORDS : cls === 'top' ? TOP_WORDS : cls === 'data' ? DATA_WORDS : SERVICE_WORDS;
    if (lower.some((w) => set.has(w))) return cls;
  }
  return 'other';
}

/** A word that names a kind of resource (`cluster`, `volume`), not a resource's own name. */
export function isKindWord(word: string): boolean {
  const w = word.toLowerCase();
  return (
    BACKUP_WORDS.has(w) ||
    TOP_WORDS.has(w) ||
    DATA_WORDS.has(w) ||
    SERVICE_WORDS.has(w) ||
    SMALL_WORDS.has(w) ||
    CONFIG_WORDS.has(w)
  );
}

export function classSeverity(cls: DeletionClass): number {
  return CLASS_SEVERITY[cls];
}

/** Human words for what a deletion class loses, for summaries. */
export function classNoun(cls: DeletionClass): string {
  switch (cls) {
    case 'backup':
      return 'a backup or snapshot: the way back after a mistake';
    case 'top':
      return 'a whole project or account, with everything in it';
    case 'data':
      return 'stored data';
    case 'service':
      return 'a running server or service';
    case 'config':
      return 'configuration';
    case 'small':
      return 'a single item';
    default:
      return 'a cloud resource';
  }
}

/** `deletes prod-db (stored data)`, or `deletes stored data` when the target is unknown. */
export function deletesPhrase(cls: DeletionClass, target: string | undefined): string {
  return target ? `deletes ${target} (${classNoun(cls)})` : `deletes ${classNoun(cls)}`;
}

export const ALT_LIST_FIRST = 'list or describe the target first and take a snapshot or export before deleting';
