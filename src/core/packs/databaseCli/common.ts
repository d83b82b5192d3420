// Connection targets, as every client names them in a finding.
import { hasFlag } from '../../command/args';
import { type Connection } from '../common/sql';

export function describe(c: Connection): string | undefined {
  if (c.db && c.host) return `${c.db} on ${c.host}`;
  return c.db ?? c.host;
}

export const isHelp = (argv: readonly string[]): boolean =>
  hasFlag(argv, ['--help', '--version', '-?']) || argv[1] === '-V';
