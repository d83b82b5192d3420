// The machine's own records: `journalctl --vacuum-time=1s` (and
// `--vacuum-size`, `--vacuum-files`) deletes the archived system journal, and
// `dmesg --clear` / `-c` empties the kernel's ring buffer. Neither comes back,
// and both erase what an investigation reads first. Reading them stays quiet.
import type { Finding } from '../../types';
import { finding } from '../common/finding';
import { isHelp } from './common';

const VACUUM = /^--vacuum-(?:time|size|files)(?:=|$)/;

export function logWipeFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'journalctl') {
    const vacuum = argv.find((a) => VACUUM.test(a));
    return vacuum
      ? finding(
          'system.log-delete',
          60,
          `journalctl ${vacuum} deletes archived system journal files: the machine's logs before then are gone`,
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
