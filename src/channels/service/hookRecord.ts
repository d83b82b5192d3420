// `install`'s side of the hook-file record when the managed policy names an
// AgentGuard service: the record goes to the service, which keeps it and
// publishes the copy the shadow check and doctor read
// (core/frontdoor/serviceHookRecord.ts).
import type { RecordedHookFile } from '../../core/frontdoor/setup';
import { exchangeService } from './bulk';
import type { ServiceAddress } from './client';

/** Why the service did not keep the record, or undefined once it did. */
export async function sendHookRecord(
  address: ServiceAddress,
  files: readonly RecordedHookFile[],
): Promise<string | undefined> {
  const r = await exchangeService(address, { op: 'hooks.record' }, Buffer.from(JSON.stringify({ files })));
  return r.ok ? undefined : r.error;
}
