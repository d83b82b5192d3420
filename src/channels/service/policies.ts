// The editor's side of confirmed policies when the managed policy names an
// AgentGuard service: a human's confirmation goes to the service, which
// keeps the record and publishes the copy every reader uses
// (core/frontdoor/servicePolicies.ts says what this proves and what not).
import type { Config } from '../../core/frontdoor/config';
import { exchangeService } from './bulk';
import type { ServiceAddress } from './client';

/** Why the service did not record the confirmation, or undefined once it did. */
export async function confirmWithService(
  address: ServiceAddress,
  workspace: string,
  text: string | null,
  config: Config | null,
): Promise<string | undefined> {
  const payload = Buffer.from(JSON.stringify({ workspace, text, config }));
  const r = await exchangeService(address, { op: 'policy.confirm' }, payload);
  return r.ok ? undefined : r.error;
}
