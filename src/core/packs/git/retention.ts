// Settings that make git forget sooner: a reflog that expires now, unreachable
// objects pruned at once, or no reflog kept at all. Nothing is lost when the
// setting is made, but the next `git gc` (git runs one by itself after enough
// commits) throws away the commits a reset, rebase or deleted branch left
// behind, and with them the way back.
import { hasFlag, positionals } from '../../command/args';
import type { Finding } from '../../types';

const EXPIRY_KEY = /^gc\.(?:.+\.)?(?:reflogexpire|reflogexpireunreachable)$|^gc\.pruneexpire$/;
const CONFIG_VALUE_OPTS = ['-f', '--file', '--blob', '--type', '--default', '--comment', '--value'];
const READ_ONLY = ['--get', '--get-all', '--get-regexp', '--list', '-l', '--unset', '--unset-all', '-e', '--edit'];

/** An expiry shorter than git's shortest default (two weeks): `now`, `0`, `1.hour.ago`, a date, `3 days`. */
function shortExpiry(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'never' || v === 'false') return false;
  const span = /^(\d+)[.\s]*(day|week|month|year)s?(?:[.\s]*ago)?$/.exec(v);
  if (!span) return true;
  const days = Number(span[1]) * { day: 1, week: 7, month: 30, year: 365 }[span[2] as 'day'];
  return days < 14;
}

/** Whether setting `key` to `value` shortens or stops what git keeps to recover lost commits. */
export function weakensRetention(key: string, value: string): boolean {
  const k = key.toLowerCase();
  if (EXPIRY_KEY.test(k)) return shortExpiry(value);
  if (k === 'core.logallrefupdates') return /^(?:false|no|off|0)$/i.test(value.trim());
  return false;
}

function finding(key: string, value: string, how: string): Finding {
  return {
    id: 'git.reflog-expire',
    summary: `${how} sets ${key} to ${value.trim() || 'nothing'}: the next git gc (git runs one by itself) throws away the commits a reset, rebase or deleted branch left behind`,
    target: key,
    alternative: "leave git's defaults (90 days of reflog, two weeks for unreachable objects)",
    severity: 55,
  };
}

/** `git config gc.reflogExpire now`, `git config set core.logAllRefUpdates false` (`args` from the subcommand on). */
export function retentionConfig(args: readonly string[]): Finding[] {
  if (hasFlag(args, READ_ONLY)) return [];
  let pos = positionals(args, CONFIG_VALUE_OPTS);
  if (pos[0] === 'set') pos = pos.slice(1);
  if (pos.length < 2) return [];
  const value = pos.slice(1).join(' ');
  return weakensRetention(pos[0], value) ? [finding(pos[0], value, 'git config')] : [];
}

/** `git -c gc.pruneExpire=now gc`: the setting holds for this call. */
export function retentionOptions(before: readonly string[]): Finding[] {
  for (let j = 0; j < before.length - 1; j++) {
    if (before[j] !== '-c') continue;
    const setting = before[j + 1];
    const eq = setting.indexOf('=');
    const [key, value] = eq < 0 ? [setting, 'true'] : [setting.slice(0, eq), setting.slice(eq + 1)];
    if (weakensRetention(key, value)) return [finding(key, value, 'git -c')];
  }
  return [];
}
