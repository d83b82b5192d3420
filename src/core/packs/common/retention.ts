// Retention cut to (almost) nothing: a setting that keeps data or backups for
// no time, or keeps one copy or none. Nothing is deleted when it is set, but
// everything older goes at the next expiry run: the way back is gone. Read
// by every pack that sees such a setting (brokers, backup tools, warehouses,
// storage, HTTP bodies), so one reading says what "nothing" is.
import type { Finding, SimpleCommand } from '../../types';
import { finding } from './finding';
import { own } from '../../text/own';

/** Keys that hold a retention: `retention.ms`, `--repo1-retention-full`, `retention_days`, `default_table_expiration`, `max-age`, `keep-last`. */
const RETENTION_KEY =
  /retention|retain|expir|ttl|max[-_.]?age|keep[-_]|lifetime|history[-_.]?days|backup[-_]?days|log[-_.]?retention/i;
/** Keys whose 0 means "never expires" (BigQuery, NATS, most TTLs): only a short positive value cuts. */
const EXPIRY_KEY = /expir|ttl|max[-_.]?age|lifetime/i;
/** Keys that count copies rather than time. */
const COUNT_KEY = /full|count|copies|versions|snapshots|backups|keep[-_](?:last|n)|generations|number|diff|archive/i;
const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

export function isRetentionKey(key: string): boolean {
  return RETENTION_KEY.test(key);
}

/** Seconds a value keeps data for, given the key's unit (`retention.ms`, `…_days`) or the value's (`1h`, `interval 0 days`). */
function seconds(key: string, value: string): number | undefined {
  const m = /^\s*(?:interval\s+)?['"]?(-?\d+(?:\.\d+)?)\s*([a-z]*)['"]?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const perUnit = own(UNIT_SECONDS, unit);
  if (unit) return perUnit === undefined ? undefined : n * perUnit;
  if (/(?:^|[-_.])ms$|millis/i.test(key)) return n / 1000;
  if (/days?$/i.test(key) || /_days?[-_]/i.test(key)) return n * 86400;
  if (/hours?$/i.test(key)) return n * 3600;
  if (/minutes?$|mins?$/i.test(key)) return n * 60;
  if (/seconds?$|secs?$/i.test(key)) return n;
  return n === 0 ? 0 : undefined;
}

/**
 * The setting keeps nothing worth keeping: less than a day of data, or at
 * most one copy. `-1` (forever in Kafka and most tools) is not a cut.
 */
export function retentionCut(key: string, value: string): boolean {
  if (!isRetentionKey(key)) return false;
  const v = value.trim().replace(/^['"]|['"]$/g, '');
  if (/^(?:none|off|disabled|false)$/i.test(v)) return /retention|retain|keep|backup/i.test(key);
  if (COUNT_KEY.test(key) && /^\d+$/.test(v)) return Number(v) <= 1;
  const expiry = EXPIRY_KEY.test(key) && !/retention|retain|keep/i.test(key);
  // With no unit, an expiry or TTL counts seconds (BigQuery, Redis, most APIs); a retention counts days (RDS, Azure, Cloud SQL).
  const bare = /^\d+$/.test(v) ? Number(v) : undefined;
  const s = seconds(key, v) ?? (bare === undefined ? undefined : expiry ? bare : bare * 86400);
  if (s === undefined) return false;
  // A day or less keeps nothing a recovery can use.
  return expiry ? s > 0 && s < 86400 : s >= 0 && s <= 86400;
}

/** `key=value` pairs in a word like `retention.ms=0,cleanup.policy=delete`. */
export function settingPairs(word: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of word.split(/[,;]/).slice(0, 32)) {
    const eq = part.indexOf('=');
    if (eq > 0) out.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return out;
}

/** Options anywhere that cut how long backups or data are kept (`--backup-retention-period 0`, `--repo1-retention-full=1`). */
export function retentionOption(cmd: SimpleCommand): Finding | undefined {
  const argv = cmd.argv;
  for (let i = 1; i < argv.length && i < 64; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const key = eq === -1 ? a.slice(2) : a.slice(2, eq);
    if (!isRetentionKey(key) || /^keep-(?:daily|weekly|monthly|yearly|hourly|within|tag)$/.test(key)) continue;
    const value = eq === -1 ? argv[i + 1] : a.slice(eq + 1);
    if (value !== undefined && retentionCut(key, value)) {
      return finding(
        'backup.retention-cut',
        70,
        `${argv[0]} sets --${key} ${value}: backups or data older than that are deleted at the next expiry`,
        key,
        'keep the retention as it is; if space is the problem, move old backups to colder storage',
      );
    }
  }
  return undefined;
}
