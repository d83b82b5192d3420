// Whether a human's approval may be asked for at all on this machine. The
// managed policy's `approvalPeerProof: "kernel"` takes an approval only where
// the check of the process that answers is backed by the kernel (Yama
// ptrace_scope 1 or more, launcher/yama.ts); below it any process of the
// developer could drive the editor and approve, so the ask is refused, not
// asked, and the call is denied with the fix. `"authenticated"` takes one
// only after the developer typed their password into polkit's prompt
// (launcher/polkit.ts), which only the AgentGuard service asks for: without
// the service, or off Linux, or without polkit, no ask can be taken.
import * as fs from 'node:fs';
import type { Resolution } from '../hosts/types';
import { RAISE_PTRACE_SCOPE, peerProofOf, readPtraceScope, type PtraceScope } from '../launcher/yama';
import { PKCHECK } from '../launcher/polkit';
export {
  APPROVE_ACTION_ID,
  AUTHENTICATION_TIMEOUT_MS,
  CONFIRM_POLICY_ACTION_ID,
  MIN_AUTHENTICATION_MS,
  approvalPrompt,
  authenticationWindow,
  PKCHECK,
  policyPrompt,
  polkitAction,
  polkitActionFile,
} from '../launcher/polkit';
import { readManagedPolicy, type ManagedPolicy } from '../policy/managed';

/** What the setting is, in the kernel's words. */
export function scopeWords(scope: PtraceScope): string {
  return scope === 'absent' ? 'this kernel has no Yama ptrace setting' : `kernel.yama.ptrace_scope is ${scope}`;
}

/** Where an approval under `approvalPeerProof: "authenticated"` can be taken, in words a developer can act on. */
export const AUTHENTICATED_FIX =
  'approve in a desktop session on Linux, where polkit (pkcheck) is installed and its authentication agent asks for your password; over SSH or in code-server none can ask';

/** Why no password can be asked for an approval here, or undefined when it can be tried. */
function cannotAuthenticate(managed: ManagedPolicy & { state: 'ok' }, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'linux') return `polkit, which asks for the password, is Linux's (this is ${platform})`;
  if (!managed.config.service)
    return 'the password is asked by the AgentGuard service, and the managed policy names none';
  if (!PKCHECK.some((p) => fs.existsSync(p))) return 'polkit is not installed here (no pkcheck)';
  return undefined;
}

/** A refused ask where the managed policy wants a proof this machine cannot give; else undefined. */
export function refusedAsk(
  managed: ManagedPolicy = readManagedPolicy(),
  scope: PtraceScope = readPtraceScope(),
  platform: NodeJS.Platform = process.platform,
): (Resolution & { via: 'refused' }) | undefined {
  if (managed.state !== 'ok') return undefined;
  if (managed.config.approvalPeerProof === 'authenticated') {
    const why = cannotAuthenticate(managed, platform);
    return why === undefined
      ? undefined
      : {
          via: 'refused',
          why: `the organization's managed policy takes an approval only with your password (approvalPeerProof "authenticated"), and ${why}. To approve: ${AUTHENTICATED_FIX}`,
        };
  }
  if (managed.config.approvalPeerProof !== 'kernel') return undefined;
  if (peerProofOf(scope) === 'kernel') return undefined;
  return {
    via: 'refused',
    why: `the organization's managed policy takes an approval only where the kernel keeps your other processes from tracing the editor (approvalPeerProof "kernel"), and ${scopeWords(scope)}: any process of yours could drive the editor and approve it. To approve in the editor: ${RAISE_PTRACE_SCOPE}`,
  };
}

/**
 * An ask nobody answered in the editor (no editor, a timeout, an approval the
 * service would not record) is handed to the host's own prompt, which asks
 * for no password: under `approvalPeerProof: "authenticated"` it is refused
 * instead. Undefined under any other policy.
 */
export function refusedUnanswered(
  why: string,
  managed: ManagedPolicy = readManagedPolicy(),
): (Resolution & { via: 'refused' }) | undefined {
  if (managed.state !== 'ok' || managed.config.approvalPeerProof !== 'authenticated') return undefined;
  if (why.includes('approvalPeerProof "authenticated"')) return { via: 'refused', why };
  return {
    via: 'refused',
    why: `the organization's managed policy takes an approval only with your password (approvalPeerProof "authenticated"), and none was given in the editor (${why}). To approve: ${AUTHENTICATED_FIX}`,
  };
}

/** The AgentGuard service's answer to the hook's `approved` question (channels/service/client.ts), as far as the hook reads it. */
export type ApprovedAnswer =
  { ok: true; reply: { approved?: boolean; peerProof?: string } } | { ok: false; error: string };

/**
 * The editor's allow as the service's answer leaves it: a deny when the
 * service did not record it (an allow it did not record is not trusted), and
 * an allow that says `authenticated` only when the service says it had the
 * developer's password for it; an older service says nothing, and the
 * kernel's proof stands (audit.ts).
 */
export function keptAllow(used: ApprovedAnswer): Resolution & { via: 'editor' } {
  if (!used.ok)
    return {
      via: 'editor',
      decision: 'deny',
      note: `the approval could not be checked with the AgentGuard service (${used.error}), so it is not trusted`,
    };
  if (!used.reply.approved)
    return {
      via: 'editor',
      decision: 'deny',
      note: 'the AgentGuard service has no record of this approval (an editor records every approval there first), so it is not trusted',
    };
  return used.reply.peerProof === 'authenticated'
    ? { via: 'editor', decision: 'allow', peerProof: 'authenticated' }
    : { via: 'editor', decision: 'allow' };
}

/** What the service takes an approval on, read from the managed policy now; `unreadable` refuses every approval. */
export type ApprovalRequirement = 'recorded' | 'kernel' | 'authenticated' | 'unreadable';

const REREAD_AT_MOST_MS = 1_000;
let cached: { file: string; key: string; at: number; requirement: ApprovalRequirement } | undefined;

/**
 * The managed policy's `approvalPeerProof`, read at each approval so that an
 * administrator who tightens it is obeyed without restarting the service.
 * Re-read when the file's identity, size or time changes (and at most once a
 * second otherwise); a policy that cannot be read or no longer validates
 * refuses approvals (fail closed) until it does.
 */
export function approvalRequirementNow(file: string, now = Date.now()): ApprovalRequirement {
  let key: string;
  try {
    const st = fs.statSync(file);
    key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return 'unreadable';
  }
  if (cached && cached.file === file && cached.key === key && now - cached.at < REREAD_AT_MOST_MS)
    return cached.requirement;
  const managed = readManagedPolicy(file);
  const requirement: ApprovalRequirement =
    managed.state === 'ok' ? (managed.config.approvalPeerProof ?? 'recorded') : 'unreadable';
  cached = { file, key, at: now, requirement };
  return requirement;
}
