// `agentguard doctor`, the editors' binaries the approval and judge channels
// trust: where they are recorded and what that record rests on. Under a
// managed policy only a binary out of the developer's reach counts
// (channels/peer.ts), and each recorded one is said to pass or not, with how
// POSIX ACLs are read (getfacl, or refused unread where it is missing).
import {
  aclReader,
  currentReacher,
  managedPolicyPresent,
  reachableBy,
  readEditorBinaries,
  RAISE_PTRACE_SCOPE,
  type EditorBinary,
  type PtraceScope,
} from '../core/frontdoor/launch';

/**
 * Whether a process of the developer's may trace the editor's processes: one
 * that can is the editor to every check the channels make (it runs code
 * inside the real extension host, or rewrites what /proc says it runs), so an
 * approval then proves only that it was recorded (launcher/yama.ts).
 * `undefined`: not Linux, where there is no such setting to report.
 */
export function ptraceLines(scope: PtraceScope | undefined): string[] {
  const anyProcess =
    "any process of yours may trace the editor's processes and answer as the editor; calls AgentGuard confines cannot (its sandbox gives them their own process namespace), the rest rests on judgment";
  const recordedOnly = `an approval proves only that it was recorded: any process of yours can drive the editor (each approval's audit entry says "peerProof":"recorded")`;
  const advice = `set kernel.yama.ptrace_scope to 1 (${RAISE_PTRACE_SCOPE}) so that a process traces only its own children`;
  switch (scope) {
    case undefined:
      return [];
    case 'absent':
      return [
        `ptrace     this kernel has no Yama ptrace setting: ${recordedOnly}; ${anyProcess}; a kernel with Yama and ptrace_scope 1 closes this`,
      ];
    case 0:
      return [`ptrace     kernel.yama.ptrace_scope is 0 (or unreadable): ${recordedOnly}; ${anyProcess}; ${advice}`];
    case 1:
      return [
        `ptrace     kernel.yama.ptrace_scope is 1: a process of yours traces only its own descendants, and the editor's processes are none of an agent's, so an approval is the running editor's ("peerProof":"kernel"); ${stillOpen}`,
      ];
    default:
      return [
        `ptrace     kernel.yama.ptrace_scope is ${scope}: only an administrator's process traces another, so an approval is the running editor's ("peerProof":"kernel"); ${stillOpen}`,
      ];
  }
}

/** What Yama does not close: the note's §3 (docs/design/exec-identity.md). */
const stillOpen =
  'still, an editor an agent starts itself with hidden options (in its arguments or environment, erased once running) or an extension it installs passes the check: it proves the answering process looked like the editor, not that a human clicked';

export function editorBinaryLines(
  dir: string,
  managed = managedPolicyPresent(),
  list: readonly EditorBinary[] = readEditorBinaries(dir),
): string[] {
  if (!list.length)
    return [
      'editors    no editor recorded its binary: the approval and judge channels trust no process until an AgentGuard editor window starts',
    ];
  if (!managed)
    return [
      `editors    ${list.map((b) => b.path).join(', ')}: recorded in editor-binaries.json in the state folder, a file of yours: it holds against agents as far as the host sandboxes' deny-write lists (and judgment, outside them) keep them from writing it; under a managed policy only an editor binary out of your reach is trusted`,
    ];
  const who = currentReacher();
  const lines = list.map((b) => {
    const why = who ? reachableBy(b.path, who) : 'the user doctor runs as is unknown';
    return why
      ? `editors    ${b.path}: NOT TRUSTED under the managed policy, ${why}: asks go to the agent host`
      : `editors    ${b.path}: out of your reach, trusted as the editor's binary under the managed policy`;
  });
  return [
    ...lines,
    `editors    what the answering process runs is checked too: the editor's own entry point (no -e, --require, --import, --inspect, NODE_OPTIONS or LD_PRELOAD loading other code); ${aclReader()}`,
  ];
}
