// The machine's own records: `journalctl --vacuum-time=1s` (and
// `--vacuum-size=1K`, `--vacuum-files=1`) deletes nearly all of the archived
// system journal (routine trimming that keeps a day or more stays quiet), and
// `dmesg --clear` / `-c` empties the kernel's ring buffer. Neither comes back,
// and both erase what an investigation reads first. Reading them stays quiet.
import type { Finding } from '../../types';
import { finding } from '../common/finding';
import { isHelp } from './common';

const VACUUM = /^--vacuum-(time|size|files)(?:=(.*))?$/;

/** Seconds in each of journalctl's time units (systemd.time), by the unit's first letters. */
const TIME_UNITS: readonly [RegExp, number][] = [
  [/^(?:s|sec|second|seconds)?$/, 1],
  [/^(?:m|min|minute|minutes)$/, 60],
  [/^(?:h|hr|hour|hours)$/, 3600],
  [/^(?:d|day|days)$/, 86400],
  [/^(?:w|week|weeks)$/, 7 * 86400],
  [/^(?:M|month|months)$/, 30 * 86400],
  [/^(?:y|year|years)$/, 365 * 86400],
];
const SIZE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Below these the vacuum keeps next to nothing: a day of logs, 64 MiB, one archived file. */
const MIN_SECONDS = 86400;
const MIN_BYTES = 64 * 1024 ** 2;
const MIN_FILES = 2;

/**
 * Whether a vacuum leaves next to nothing: `--vacuum-time=1s`, `--vacuum-size=1K`, `--vacuum-files=1`. Routine
 * trimming (`--vacuum-time=2weeks`, `--vacuum-size=500M`) keeps recent logs; a value not read (run-time text, a
 * spelling not known here) counts as leaving nothing.
 */
function vacuumsAll(kind: string, value: string | undefined): boolean {
  if (value === undefined) return true;
  if (kind === 'files') return !/^\d+$/.test(value) || Number(value) < MIN_FILES;
  if (kind === 'size') {
    const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(value.trim());
    return !m || Number(m[1]) * SIZE_UNITS[m[2].toUpperCase()] < MIN_BYTES;
  }
  let seconds = 0;
  for (const part of value.trim().split(/\s+/).slice(0, 8)) {
    const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(part);
    const unit = m ? TIME_UNITS.find(([re]) => re.test(m[2])) : undefined;
    if (!m || !unit) return true;
    seconds += Number(m[1]) * unit[1];
  }
  return seconds < MIN_SECONDS;
}

export function logWipeFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'journalctl') {
    const k = argv.findIndex((a) => VACUUM.test(a));
    const m = k === -1 ? null : VACUUM.exec(argv[k]);
    const value = m ? (m[2] ?? argv[k + 1]) : undefined;
    return m && vacuumsAll(m[1], value)
      ? finding(
          'system.log-delete',
          60,
          `journalctl --vacuum-${m[1]}=${value ?? ''} deletes nearly every archived system journal file: the machine's logs are gone`,
          'system journal',
          'leave log retention to the machine owner (journald.conf SystemMaxUse=)',
        )
      : undefined;
  }
  // `dmesg -c` prints then clears, `-C`/`--clear` clears; a cluster (`-cT`) counts too.
  const clears = argv.some((a) => a === '--clear' || a === '--read-clear' || /^-[a-zA-Z]*[cC][a-zA-Z]*$/.test(a));
  return clears
    ? finding('system.log-delete', 60, 'dmesg clears the kernel ring buffer: its messages are gone', 'kernel log')
    : undefined;
}
