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

/** A record the service kept only in part: the files it kept, and those it refused with why. */
export class PartlyKept extends Error {
  constructor(
    readonly kept: readonly string[],
    readonly refused: readonly { file: string; why: string }[],
  ) {
    super(
      [
        `the AgentGuard service kept the hash record of ${kept.length} hook file(s) and refused ${refused.length}; ` +
          'the hook reads a refused file again at every call and asks while it holds what was refused (mend it, then run install again):',
        ...kept.map((f) => `  kept     ${f}`),
        ...refused.map((r) => `  refused  ${r.file}: ${r.why}`),
      ].join('\n'),
    );
  }
}

/** Why the service did not keep the record (and, where it kept the other files, which it refused), or undefined once it did. */
export async function sendHookRecord(
  address: ServiceAddress,
  files: readonly RecordedHookFile[],
): Promise<{ error: string; refused?: { file: string; why: string }[] } | undefined> {
  const r = await exchangeService(address, { op: 'hooks.record' }, Buffer.from(JSON.stringify({ files })));
  return r.ok ? undefined : r;
}

/**
 * Puts the hook files `written` into the record in force, as they are now.
 * Without a service this finishes before it returns (a plain file write).
 * Rejects with why the record was not kept — a PartlyKept where the service
 * kept some files and refused others. `service`: the managed policy's.
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
  const files = nextHookRecord(before, written, workspace, launcher);
  const refusal = await sendHookRecord(ownAddress(service), files);
  if (!refusal) return;
  const refused = refusal.refused;
  // A refusal that names no file (a request refused whole, the service's own record unreadable) kept nothing.
  if (!refused?.length) throw new Error(`the AgentGuard service did not keep it: ${refusal.error}`);
  const out = new Set(refused.map((r) => r.file));
  throw new PartlyKept(
    files.map((f) => f.file).filter((f) => !out.has(f)),
    refused,
  );
}
