// `agentguard kill-switch [status] | engage | release`: the kill switch from a
// terminal, for a human with no editor open.
//
// Engaging is accepted from anywhere. Releasing lets every agent loose again,
// so it must be something an agent cannot do for itself:
//
// - With an editor window running, the editor owns the switch (a release it
//   did not make is reverted): the release is its status bar's.
// - Otherwise the release needs an interactive session's controlling
//   terminal: stdin a terminal and /dev/tty openable. That shuts out the
//   hook path (whose calls are all denied while the switch is engaged in
//   any case), background jobs, tasks, git hooks, CI and MCP servers, and
//   anything fed through a pipe. A phrase made up at random for this run is
//   shown on that terminal, and it is read back from there: typed, not
//   piped, and not known in advance.
// - A terminal alone does not tell a human from an agent that drives one:
//   an agent holding a pseudo-terminal's master side (an editor's terminal
//   API, `script`, tmux, a pty of its own) reads the phrase and types it.
//   What such an agent cannot answer is the operating system's own
//   authentication, so where polkit's pkexec is installed (and the user is
//   not root, who needs none), the release also needs it: the password of
//   an administrator, asked by the desktop's polkit agent or on the terminal.
//   Where there is none, the phrase is what stands, and the command says so.
//
// Every change is an audit entry (`killswitch.engaged`, `killswitch.released`).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  killSwitchFile,
  readKillSwitch,
  recordEvent,
  writeKillSwitch,
  type KillSwitchState,
} from '../core/frontdoor/records';
import { readStateDir } from './stateRead';
import { accountHome, stateDir } from '../core/frontdoor/launch';
import { serviceConfig, type ServiceConfig } from '../core/frontdoor/records';
import { askService, ownAddress } from '../channels/service/client';
import { readUnixSockets } from '../channels/procfs';
import { JUDGE_CHANNELS, JUDGE_NAME_PART, listJudgeChannels } from '../channels/editorJudge/channel';

export const KILL_SWITCH_USAGE = 'usage: agentguard kill-switch [status [--json]] | engage [--reason TEXT] | release\n';

/** Exit code of a release refused for want of a human's confirmation (EX_NOPERM). */
export const RELEASE_REFUSED = 77;

const PKEXEC = '/usr/bin/pkexec';
const TRUE = ['/usr/bin/true', '/bin/true'];

function describe(s: KillSwitchState): string {
  if (!s.engaged) return `released${s.since ? ` (since ${s.since}${s.by ? `, by ${s.by}` : ''})` : ''}`;
  return `ENGAGED${s.since ? ` since ${s.since}` : ''}${s.by ? ` by ${s.by}` : ''}${s.reason ? `: ${s.reason}` : ''}`;
}

/**
 * The state folder an editor window uses, from the environment it was
 * started with: the one it names (the editor is the human's, and confirms it
 * as it starts: core/state confirmStateRelocation). Null when its environment
 * cannot be read.
 */
function editorStateDir(pid: number): string | null {
  let env: Record<string, string>;
  try {
    env = {};
    for (const entry of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const at = entry.indexOf('=');
      if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
    }
  } catch {
    return null;
  }
  return path.resolve(stateDir(env, accountHome()));
}

/**
 * The editor windows whose judge listens and that use `dir`, the folder this
 * release would write (readStateDir: the hooks' folder, whatever relocation
 * this process's environment asks for unconfirmed). A window missed here
 * reverts the release it did not make; one counted wrongly only sends the
 * human to its status bar: both keep agents halted.
 */
function editorWindows(dir: string): number[] {
  if (!JUDGE_CHANNELS) return [];
  const ours = path.resolve(dir);
  return listJudgeChannels(readUnixSockets(undefined, JUDGE_NAME_PART))
    .map((j) => j.pid)
    .filter((pid) => {
      const theirs = editorStateDir(pid);
      return theirs === null || theirs === ours;
    });
}

function refuse(message: string): number {
  process.stderr.write(`agentguard kill-switch: ${message}\n`);
  return RELEASE_REFUSED;
}

/** A few groups of letters no one can know before this run; no 0/o or 1/l to misread. */
function phrase(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(9);
  const groups = [0, 3, 6].map((at) =>
    Array.from(bytes.subarray(at, at + 3), (b) => letters[b % letters.length]).join(''),
  );
  return `release ${groups.join('-')}`;
}

/** One line typed on the controlling terminal (canonical mode: the terminal hands it over at Enter). */
function readLine(tty: number): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(256);
  for (let total = 0; total < 4096;) {
    let n: number;
    try {
      n = fs.readSync(tty, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw err;
    }
    if (n <= 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (buf.subarray(0, n).includes(0x0a)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0].replace(/\r$/, '').trim();
}

/** The operating system's authentication, where polkit offers it: undefined when there is none to ask. */
function osAuthentication(): { ok: boolean; said: string } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() === 0 || !fs.existsSync(PKEXEC)) return undefined;
  const trueBin = TRUE.find((p) => fs.existsSync(p));
  if (!trueBin) return undefined;
  const r = spawnSync(PKEXEC, [trueBin], { stdio: 'inherit', timeout: 5 * 60_000 });
  return r.status === 0
    ? { ok: true, said: 'authenticated by polkit (pkexec)' }
    : { ok: false, said: `polkit's authentication failed or was dismissed (pkexec exit ${r.status ?? r.signal})` };
}

function release(dir: string): number {
  const state = readKillSwitch(dir);
  if (!state.engaged) {
    process.stdout.write(`the kill switch is already released (${dir})\n`);
    return 0;
  }
  const editors = editorWindows(dir);
  if (editors.length) {
    return refuse(
      `an editor window is running (pid ${editors.join(', ')}), and it owns the kill switch: release it from the AgentGuard item in its status bar (a release made here would be reverted).`,
    );
  }
  if (!process.stdin.isTTY)
    return refuse('releasing needs a human at an interactive terminal (stdin is not a terminal); nothing was changed.');
  let tty: number;
  try {
    tty = fs.openSync('/dev/tty', 'r+');
  } catch (err) {
    return refuse(
      `releasing needs a human at an interactive terminal, and this process has no controlling terminal (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was changed.`,
    );
  }
  try {
    const want = phrase();
    fs.writeSync(
      tty,
      `The AgentGuard kill switch is ${describe(state)}.\nReleasing it lets every agent run commands and edit files again.\nType "${want}" and Enter to release it (anything else keeps agents halted): `,
    );
    const typed = readLine(tty);
    if (typed !== want) return refuse('the phrase typed did not match; the kill switch stays engaged.');
    const auth = osAuthentication();
    if (auth && !auth.ok) return refuse(`${auth.said}; the kill switch stays engaged.`);
    const how = auth
      ? `a phrase typed on ${ttyName()} and ${auth.said}`
      : `a phrase typed on ${ttyName()} (no operating-system authentication here)`;
    const now = new Date().toISOString();
    writeKillSwitch(dir, {
      engaged: false,
      since: now,
      by: 'cli',
      pid: process.pid,
      reason: `released in a terminal: ${how}`,
    });
    const logged = recordEvent(dir, {
      event: 'killswitch.released',
      by: 'cli',
      changes: [`released in a terminal: ${how}`, `was ${describe(state)}`],
    });
    if (!logged.ok)
      process.stderr.write(`agentguard kill-switch: the release is not in the audit log: ${logged.error}\n`);
    fs.writeSync(tty, '\n');
    process.stdout.write(`kill switch released (${how})\n`);
    if (!auth)
      process.stdout.write(
        "note: no operating-system authentication was available (polkit's pkexec), so an agent that drives a terminal of its own could have typed the phrase too; the release is in the audit log.\n",
      );
    return 0;
  } finally {
    fs.closeSync(tty);
  }
}

function ttyName(): string {
  try {
    return fs.readlinkSync('/proc/self/fd/0');
  } catch {
    return 'the controlling terminal';
  }
}

function engage(dir: string, reason: string | undefined): number {
  const state = readKillSwitch(dir);
  if (state.engaged) {
    process.stdout.write(`the kill switch is already ${describe(state)}\n`);
    return 0;
  }
  writeKillSwitch(dir, {
    engaged: true,
    since: new Date().toISOString(),
    by: 'cli',
    pid: process.pid,
    ...(reason ? { reason } : {}),
  });
  const logged = recordEvent(dir, {
    event: 'killswitch.engaged',
    by: 'cli',
    changes: [`engaged in a terminal${reason ? `: ${reason}` : ''}`],
  });
  if (!logged.ok) process.stderr.write(`agentguard kill-switch: the change is not in the audit log: ${logged.error}\n`);
  process.stdout.write('kill switch ENGAGED: every agent command and edit is denied until a human releases it\n');
  return 0;
}

export function runKillSwitch(args: string[]): number | Promise<number> {
  const [sub = 'status', ...rest] = args;
  if (sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(KILL_SWITCH_USAGE);
    return 0;
  }
  const service = serviceConfig();
  if (service) return serviceKillSwitch(service, sub, rest);
  // The switch the hooks read: a relocation nobody confirmed is neither shown nor engaged nor released.
  const dir = readStateDir('kill-switch');
  switch (sub) {
    case 'status':
    case '--json': {
      const state = readKillSwitch(dir);
      if (sub === '--json' || rest.includes('--json'))
        process.stdout.write(JSON.stringify({ ...state, file: killSwitchFile(dir) }) + '\n');
      else process.stdout.write(`kill switch ${describe(state)}\n`);
      return 0;
    }
    case 'engage': {
      const at = rest.indexOf('--reason');
      return engage(dir, at >= 0 ? rest[at + 1] : undefined);
    }
    case 'release':
      if (rest.length) break;
      return release(dir);
  }
  process.stderr.write(KILL_SWITCH_USAGE);
  return 64;
}

/**
 * With an AgentGuard service the kill switch is the service's: this user's
 * file is not read by any hook, so writing it would halt or release nothing.
 * Status and engage go to the service; a release too, which it refuses
 * unless the asker is root or the policy lets developers.
 */
async function serviceKillSwitch(service: ServiceConfig, sub: string, rest: string[]): Promise<number> {
  if (sub === 'status' || sub === '--json') {
    const address = ownAddress(service);
    const status = await askService(address, { op: 'status' });
    const k = status.ok ? status.reply.killSwitch : undefined;
    if (sub === '--json' || rest.includes('--json')) {
      process.stdout.write(
        JSON.stringify(k ? { ...k, service: address.socket } : { error: status.ok ? 'no kill switch' : status.error }) +
          '\n',
      );
    } else if (k) process.stdout.write(`kill switch ${describe(k)} (kept by the AgentGuard service)\n`);
    else process.stderr.write(`agentguard kill-switch: ${status.ok ? 'the service did not say' : status.error}\n`);
    return k ? 0 : 1;
  }
  if (sub !== 'engage' && sub !== 'release') {
    process.stderr.write(KILL_SWITCH_USAGE);
    return 64;
  }
  const { runServiceCommand } = await import('./service');
  return runServiceCommand([sub, ...rest]);
}
