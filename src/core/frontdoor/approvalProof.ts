// Whether a human's approval may be asked for at all on this machine. The
// managed policy's `approvalPeerProof: "kernel"` takes an approval only where
// the check of the process that answers is backed by the kernel (Yama
// ptrace_scope 1 or more, launcher/yama.ts); below it any process of the
// developer could drive the editor and approve, so the ask is refused, not
// asked, and the call is denied with the fix.
import type { Resolution } from '../hosts/types';
import { RAISE_PTRACE_SCOPE, peerProofOf, readPtraceScope, type PtraceScope } from '../launcher/yama';
import { readManagedPolicy, type ManagedPolicy } from '../policy/managed';

/** What the setting is, in the kernel's words. */
export function scopeWords(scope: PtraceScope): string {
  return scope === 'absent' ? 'this kernel has no Yama ptrace setting' : `kernel.yama.ptrace_scope is ${scope}`;
}

/** A refused ask where the managed policy wants the kernel behind an approval and this kernel is not; else undefined. */
export function refusedAsk(
  managed: ManagedPolicy = readManagedPolicy(),
  scope: PtraceScope = readPtraceScope(),
): (Resolution & { via: 'refused' }) | undefined {
  if (managed.state !== 'ok' || managed.config.approvalPeerProof !== 'kernel') return undefined;
  if (peerProofOf(scope) === 'kernel') return undefined;
  return {
    via: 'refused',
    why: `the organization's managed policy takes an approval only where the kernel keeps your other processes from tracing the editor (approvalPeerProof "kernel"), and ${scopeWords(scope)}: any process of yours could drive the editor and approve it. To approve in the editor: ${RAISE_PTRACE_SCOPE}`,
  };
}
