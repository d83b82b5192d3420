// Where a judged HTTP request goes, and how that weighs a finding: a known
// provider's API counts most, an unresolved host next, any other host least.
import type { ParsedUrl } from '../common/urls';

export interface Destination {
  url: string;
  parsed?: ParsedUrl;
  /** `host (Provider API)` or the URL as written when the host is unknown. */
  label: string;
  target: string;
  provider?: string;
  /** The host is an unresolved expansion (`$API_URL/graphql`). */
  unknown: boolean;
}

export function severityFor(dest: Destination, onProvider: number, elsewhere: number, unknown: number): number {
  return dest.provider ? onProvider : dest.unknown ? unknown : elsewhere;
}

export function bump(severity: number, weighty: boolean): number {
  return weighty ? Math.max(severity, Math.min(89, severity + 5)) : severity;
}
