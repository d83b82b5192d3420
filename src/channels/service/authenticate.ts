// The service's question to polkit before it records an approval where the
// managed policy says `approvalPeerProof: "authenticated"`: may the process
// that records it (the editor's) approve, once the developer has typed their
// own password into the desktop's authentication agent? pkcheck asks
// polkitd, which asks the agent of that process's session, which checks the
// password through PAM; the service only reads pkcheck's exit status.
// Everything else — no pkcheck, no polkitd, no agent (SSH, code-server), a
// wrong password, a dismissed prompt, the time running out — is "not
// authenticated", and the approval is refused (core/launcher/polkit.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { APPROVE_ACTION_ID, AUTHENTICATION_TIMEOUT_MS, PKCHECK } from '../../core/frontdoor/approvalProof';
import { procStatFields } from '../../core/frontdoor/proc';

const MAX_OUTPUT_BYTES = 64 * 1024;
const LEFT = 'the editor stopped waiting for the answer';

export type Authentication = { ok: true } | { ok: false; why: string };

/** When `pid` started, in clock ticks since boot (/proc/PID/stat field 22): polkit's check that the pid was not reused. */
export function processStartTime(pid: number): number | undefined {
  const fields = procStatFields(pid);
  if (typeof fields !== 'object') return undefined;
  const start = Number(fields[22 - 3]);
  return Number.isSafeInteger(start) && start > 0 ? start : undefined;
}

/** pkcheck's exit status, in words a developer can act on (its manual page: 1 not authorized, 2 needs an agent, 3 dismissed). */
function refusal(status: number | null, stderr: string): string {
  if (status === 1) return 'the password was not given, or was wrong';
  if (status === 2) return 'no authentication agent could ask for the password (none runs over SSH or for code-server)';
  if (status === 3) return 'the password prompt was dismissed';
  const said = stderr.trim().split('\n')[0]?.slice(0, 300);
  return `polkit could not be asked (pkcheck exited ${status ?? 'on a signal'}${said ? `: ${said}` : ''})`;
}

export interface AuthenticateOptions {
  /** The one line the prompt shows (the action's `$(summary)`), made safe to show (launcher/polkit.ts approvalPrompt). */
  prompt?: string;
  timeoutMs?: number;
  pkcheck?: string;
  /** The polkit action asked about: an approval's by default, or a confirmed policy's. */
  actionId?: string;
  /** Aborts when the editor stops waiting for the answer: the question is withdrawn, and a password typed later proves nothing. */
  signal?: AbortSignal;
}

/**
 * Asks polkit whether process `pid` of `uid` may approve, letting its
 * authentication agent ask the human for their password. Resolves `ok` only
 * when pkcheck exits 0; never rejects.
 */
export function authenticateProcess(pid: number, uid: number, opts: AuthenticateOptions = {}): Promise<Authentication> {
  if (opts.signal?.aborted) return Promise.resolve({ ok: false, why: LEFT });
  const pkcheck = opts.pkcheck ?? PKCHECK.find((p) => fs.existsSync(p));
  if (!pkcheck) return Promise.resolve({ ok: false, why: 'polkit is not installed here (no pkcheck)' });
  const start = processStartTime(pid);
  if (start === undefined) return Promise.resolve({ ok: false, why: `process ${pid} is gone` });
  const timeoutMs = opts.timeoutMs ?? AUTHENTICATION_TIMEOUT_MS;
  const args = [
    '--action-id',
    opts.actionId ?? APPROVE_ACTION_ID,
    '--process',
    `${pid},${start},${uid}`,
    '--allow-user-interaction',
    // approvalPrompt bounds it well below this; the cap is for a caller that did not.
    ...(opts.prompt ? ['--detail', 'summary', opts.prompt.slice(0, 1000)] : []),
  ];
  const bus = process.env.DBUS_SYSTEM_BUS_ADDRESS;
  return new Promise((resolve) => {
    let settled = false;
    let child: ReturnType<typeof spawn> | undefined;
    const done = (a: Authentication) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', withdraw);
      resolve(a);
    };
    const withdraw = () => {
      child?.kill('SIGKILL');
      done({ ok: false, why: LEFT });
    };
    opts.signal?.addEventListener('abort', withdraw, { once: true });
    const timer = setTimeout(() => {
      child?.kill('SIGKILL');
      done({ ok: false, why: `no password within ${Math.ceil(timeoutMs / 1000)} s` });
    }, timeoutMs);
    try {
      child = spawn(pkcheck, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { PATH: '/usr/bin:/bin', LANG: 'C', ...(bus ? { DBUS_SYSTEM_BUS_ADDRESS: bus } : {}) },
      });
    } catch (err) {
      return done({ ok: false, why: `pkcheck could not start: ${(err as Error).message}` });
    }
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      if (stderr.length < MAX_OUTPUT_BYTES) stderr += b.toString('utf8');
    });
    child.on('error', (err) => done({ ok: false, why: `pkcheck could not start: ${err.message}` }));
    child.on('close', (status) => done(status === 0 ? { ok: true } : { ok: false, why: refusal(status, stderr) }));
  });
}
