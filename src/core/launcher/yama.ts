// What the check of the process at the other end of a channel is worth. The
// approval channel, the editor's judge and the AgentGuard service judge that
// process by content, from /proc (channels/peer.ts, channels/service/
// peerCheck.ts). Without Yama, or with kernel.yama.ptrace_scope 0, any
// process of the developer may PTRACE_ATTACH to the real editor or write its
// /proc/PID/mem and drive it, or rewrite what /proc says it runs: the check
// then proves only that an approval was recorded, not that a human gave it
// (docs/design/exec-identity.md). With 1 a process traces only its own
// descendants, and the editor's processes are none of an agent's.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const YAMA_PTRACE_SCOPE_FILE = '/proc/sys/kernel/yama/ptrace_scope';

/** `absent`: no Yama (a kernel built without it, or not Linux): classic rules, any process of the user may trace another. */
export type PtraceScope = 'absent' | 0 | 1 | 2 | 3;

/**
 * `kernel`: the kernel keeps the developer's other processes from tracing the
 * editor, so the peer check names the running editor; `recorded`: it proves
 * only that the editor (or whatever drives it) recorded the answer;
 * `authenticated`: the developer typed their own password into polkit's
 * prompt before the service recorded it (launcher/polkit.ts), which no
 * process of theirs can do for them.
 */
export type PeerProof = 'kernel' | 'recorded' | 'authenticated';

/** The setting as the kernel prints it; anything else counts as 0 (fail closed). */
export function parsePtraceScope(text: string): PtraceScope {
  const m = /^([0-3])\n?$/.exec(text);
  return m ? (Number(m[1]) as 0 | 1 | 2 | 3) : 0;
}

/**
 * The kernel's Yama ptrace setting. `file` is for tests of the parsing only;
 * every caller reads the kernel's. A missing file under a readable
 * /proc/sys/kernel is a kernel without Yama; anything unreadable counts as 0.
 */
export function readPtraceScope(file = YAMA_PTRACE_SCOPE_FILE, platform = process.platform): PtraceScope {
  if (platform !== 'linux') return 'absent';
  try {
    return parsePtraceScope(fs.readFileSync(file, 'utf8').slice(0, 16));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return 0;
    try {
      return fs.statSync(path.dirname(path.dirname(file))).isDirectory() ? 'absent' : 0;
    } catch {
      return 0;
    }
  }
}

export function peerProofOf(scope: PtraceScope): PeerProof {
  return typeof scope === 'number' && scope >= 1 ? 'kernel' : 'recorded';
}

/** The fix, as a developer (or their administrator) types it. */
export const RAISE_PTRACE_SCOPE =
  'sudo sysctl kernel.yama.ptrace_scope=1, and a file in /etc/sysctl.d to keep it after a reboot';

/** What an approval is worth, in words. */
export function peerProofWords(proof: PeerProof): string {
  if (proof === 'authenticated')
    return "you typed your password into the system's prompt for it (polkit), which no process of yours can do for you";
  return proof === 'kernel'
    ? "the kernel keeps your other processes from tracing the editor (Yama ptrace_scope 1 or more), so it was the running editor's"
    : 'it proves only that it was recorded: any process of yours can drive the editor (no Yama ptrace_scope 1)';
}
