// Is a process the editor's own — the extension host its main process (or
// server) started — judged by content, not by name or place? The approval
// channel asks it of the process that answers a hook (channels/peer), and the
// AgentGuard service of the process that records a human's answer with it
// (channels/service/peerCheck). Linux only (/proc).
import { processesEditorReachable, runsEditorBinary, type EditorBinary, type Reacher } from '../core/frontdoor/launch';
import { procReader, type ProcReader } from './procfs';

/** Whether `a` and `b` run the same file (one inode: /proc/PID/exe of each). */
export function sameBinary(a: number, b: number, proc: ProcReader = procReader()): boolean {
  const x = proc.exe(a);
  return x !== undefined && x === proc.exe(b);
}

/**
 * Why `pid` is not the editor's extension host, or undefined when it is: it
 * runs one of `binaries` (when given: the editors recorded at activation),
 * its parent runs that same binary (the editor's main process or server, not
 * init or a shell), and — for `reacher`, when given — both run code out of
 * that user's reach (core/launcher/runsCode), so a process that user's
 * programs started on a runtime of the system, with code of their own, fails.
 */
export function editorProcessProblem(
  pid: number,
  opts: { binaries?: readonly EditorBinary[]; reacher?: Reacher | string; proc?: ProcReader },
): string | undefined {
  const { binaries, reacher } = opts;
  const proc = opts.proc ?? procReader();
  if (binaries && !runsEditorBinary(pid, binaries))
    return `process ${pid} runs ${proc.exe(pid) ?? 'an unknown binary'}, not the editor's binary (${binaries.map((b) => b.path).join(', ')})`;
  const parent = proc.stat(pid)?.ppid;
  if (parent === undefined || parent <= 1 || !sameBinary(pid, parent, proc))
    return `process ${pid} was not started by the editor's main process (its parent ${parent ?? 'unknown'} runs ${parent ? (proc.exe(parent) ?? 'an unknown binary') : 'nothing'})`;
  if (reacher === undefined) return undefined;
  // The extension host and the editor's main process (or server) that started it: each runs the editor's own code.
  const reach = typeof reacher === 'string' ? reacher : processesEditorReachable([pid, parent], reacher);
  return reach === undefined
    ? undefined
    : `under the managed policy the editor's binary, and what it runs, must be out of your reach, and ${reach}`;
}
