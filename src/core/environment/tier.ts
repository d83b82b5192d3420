// The four kinds of target every finding is weighed against (policy/weigh.ts):
// production, shared (a configured environment or anything remote), local and
// provably disposable (`ephemeral`), and unknown, which stays cautious. A
// loopback target that is not proven disposable (a development database on
// this machine) counts as `local`: it is still asked about.
import type { EnvironmentMatch } from '../types';

export type Tier = 'production' | 'shared' | 'local' | 'ephemeral' | 'unknown';

export function tierOf(m: EnvironmentMatch): Tier {
  if (m.production) return 'production';
  if (m.tier === 'ephemeral') return 'ephemeral';
  if (m.name === 'local') return 'local';
  if (m.name === 'unknown') return 'unknown';
  return 'shared';
}
