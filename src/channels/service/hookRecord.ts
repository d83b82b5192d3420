// The hook-file record after an install or a repair: with an AgentGuard
// service named by the managed policy, it goes to the service, which keeps it
// and publishes the copy the shadow check and doctor read
// (core/frontdoor/serviceHookRecord.ts); the developer's own record is then
// not read, so a repair that wrote only there would leave every call asked.
// Without a service, the developer's own record, as before.
import { hookRecordInForce, nextHookRecord, recordHookFiles, type RecordedHookFile } from '../../core/frontdoor/setup';
import { serviceConfig } from '../../core/frontdoor/records';
import { exchangeService } from './bulk';
import { ownAddress, type ServiceAddress } from './client';

type Written = Parameters<typeof recordHookFiles>[1];

/** Why the service did not keep the record, or undefined once it did. */
export async function sendHookRecord(
  address: ServiceAddress,
  files: readonly RecordedHookFile[],
): Promise<string | undefined> {
  const r = await exchangeService(address, { op: 'hooks.record' }, Buffer.from(JSON.stringify({ files })));
  return r.ok ? undefined : r.error;
}

/**
 * Puts the hook files `written` into the record in force, as they are now.
 * Without a service this finishes before it returns (a plain file write).
 * Rejects with why the record was not kept. `service`: the managed policy's.
 */
export async function keepHookRecord(
  stateDir: string,
  written: Written,
  workspace: string,
  launcher: string,
  service: Parameters<typeof ownAddress>[0] | undefined = serviceConfig(),
): Promise<void> {
  if (!service) return recordHookFiles(stateDir, written, workspace, launcher);
  let before: RecordedHookFile[] = [];
  try {
    before = hookRecordInForce(stateDir);
  } catch {
    // A copy that cannot be believed is replaced by this record.
  }
  const error = await sendHookRecord(ownAddress(service), nextHookRecord(before, written, workspace, launcher));
  if (error) throw new Error(`the AgentGuard service did not keep it: ${error}`);
}
