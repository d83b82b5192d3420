// What every system check shares: how a finding is built, and the help and
// version flags that make any tool harmless.
import type { Finding } from '../../types';

export function finding(id: string, severity: number, summary: string, target?: string, alternative?: string): Finding {
  const f: Finding = { id, severity, summary };
  if (target) f.target = target;
  if (alternative) f.alternative = alternative;
  return f;
}

export const isHelp = (argv: readonly string[]) => argv.includes('--help') || argv.includes('--version') || (argv.length === 2 && argv[1] === '-h');
