// `agentguard gate`: the process behind a shell's line gate. Two forms:
//
//   gate --shell bash|zsh|fish          lives beside an interactive shell (a
//       coprocess, or a background job reading a FIFO for fish) and judges
//       each line the shell sends on stdin (wire.ts);
//   gate --once --via V --shell S -- TEXT   judges one command string of a
//       shell the extension host spawned (BASH_ENV, ZDOTDIR) and exits 0 to
//       let it run, 1 not to (the reason on stderr); `--argv -- PROG ARGS…`
//       judges one program call (a PATH shim).
//
// Lines go to the editor's judge (the extension host, engine loaded) over one
// verified connection, so a line costs a round trip. Where no editor takes a
// line, it is judged here with the engine loaded once (local.ts); an ask then
// finds no one to ask and the line does not run. Bundled into the launcher:
// nothing of the engine loads while an editor judges.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Net from 'node:net';
import { readUnixSockets } from '../../channels/procfs';
import { JUDGE_CHANNELS, JUDGE_NAME_PART, listJudgeChannels } from '../../channels/editorJudge/channel';
import { runningInstall } from '../../core/frontdoor/launch';
import { JUDGE_PROTOCOL_VERSION, type JudgeLineMessage } from '../../shared/judgeProtocol';
import { shellWord, stringEnv } from '../../core/frontdoor/launch';
import { openJudgeSession, type JudgeSession } from './judgeClient';
import { GateReader, gateResponse } from './wire';
import type { GateLibrary, LocalLine } from './local';

type Shell = JudgeLineMessage['shell'];
type Via = JudgeLineMessage['via'];
type LineVerdict = { decision: 'allow' | 'more' | 'deny'; message?: string };
/** Judge it here: why no editor does, and whose line the editor found it to be. */
type Local = { local: string; as?: LocalLine['as'] };

/** Past the longest approval the editor allows (600 s), a line is not waited for. */
const MAX_WAIT_MS = 620_000;
const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish', 'pwsh', 'sh'];
const VIAS: readonly Via[] = ['terminal', 'bash-env', 'zdotdir', 'shim'];

let lib: GateLibrary | undefined;
/** Loads the engine bundle; the launcher's loader checks it against the pin the POSIX launcher recorded. */
let loadBundle: () => unknown = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(__dirname, 'agentguard.js'));
function library(): GateLibrary {
  if (!lib) {
    // The CLI bundle runs its command line on load unless told it is a library.
    (globalThis as { __AGENTGUARD_LIBRARY__?: boolean }).__AGENTGUARD_LIBRARY__ = true;
    lib = loadBundle() as GateLibrary;
  }
  return lib;
}

/** The judges of the editor, tried in turn; the one that takes a shell's first line keeps its lines. */
class Judges {
  private session: JudgeSession | undefined;

  async judge(message: JudgeLineMessage): Promise<LineVerdict | Local> {
    if (!JUDGE_CHANNELS) return { local: 'no editor judge on this system' };
    if (this.session?.open) {
      const reply = await this.session.judge(message, MAX_WAIT_MS);
      if (reply.status === 'answered') return reply.answer;
      if (reply.status === 'lost')
        return {
          decision: 'deny',
          message: `AgentGuard: not run: the editor's judge was lost while judging it (${reply.reason}). Run it again.`,
        };
      if (reply.reason !== 'no open connection to the editor')
        return { local: reply.reason, ...(reply.as ? { as: reply.as } : {}) };
    }
    const sockets = readUnixSockets(undefined, JUDGE_NAME_PART);
    let why = 'no editor is running AgentGuard';
    for (const j of listJudgeChannels(sockets)) {
      const s = openJudgeSession(j.socketPath, sockets);
      const problem = await s.ready;
      if (problem !== undefined) {
        why = problem;
        continue;
      }
      const reply = await s.judge(message, MAX_WAIT_MS);
      if (reply.status === 'answered') {
        this.session?.close();
        this.session = s;
        return reply.answer;
      }
      s.close();
      if (reply.status === 'lost')
        return {
          decision: 'deny',
          message: `AgentGuard: not run: the editor's judge was lost while judging it (${reply.reason}). Run it again.`,
        };
      why = reply.reason;
      // Another window's judge does not know this shell; the next one may. Any other decline is final.
      if (!reply.reason.startsWith('not a shell of this window'))
        return { local: why, ...(reply.as ? { as: reply.as } : {}) };
    }
    return { local: why };
  }

  /** Gives up a line in flight (the shell stopped waiting): the judge withdraws its question. */
  drop(): void {
    this.session?.close();
    this.session = undefined;
  }
}

async function verdictFor(judges: Judges, message: JudgeLineMessage): Promise<LineVerdict> {
  const viaJudge = await judges.judge(message);
  if (!('local' in viaJudge)) return viaJudge;
  const local: LocalLine = {
    line: message.line,
    shell: message.shell,
    via: message.via,
    cwd: message.cwd,
    env: message.env,
    label: message.label ?? (message.via === 'terminal' ? 'terminal' : `${message.shell} -c`),
    noEditor: viaJudge.local,
    install: message.install,
    ...(message.shellState ? { shellState: message.shellState } : {}),
    ...(viaJudge.as ? { as: viaJudge.as } : {}),
  };
  try {
    return await library().judgeLineHere(local);
  } catch (err) {
    return {
      decision: 'deny',
      message: `AgentGuard could not judge this command, so it was not run: ${(err as Error)?.message ?? err}`,
    };
  }
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i !== -1 && i + 1 < args.length ? args[i + 1] : undefined;
}

export async function runGate(args: string[], load?: () => unknown): Promise<number> {
  if (load) loadBundle = load;
  const dash = args.indexOf('--');
  const opts = dash === -1 ? args : args.slice(0, dash);
  const rest = dash === -1 ? [] : args.slice(dash + 1);
  const shell = flag(opts, '--shell') as Shell | undefined;
  if (!shell || !SHELLS.includes(shell)) {
    process.stderr.write(
      'usage: agentguard gate --shell bash|zsh|fish | gate --once --via bash-env|zdotdir|shim --shell SHELL [--label NAME] [--argv] -- TEXT…\n',
    );
    return 64;
  }
  if (!opts.includes('--once')) {
    const fifo = flag(opts, '--fifo');
    return fifo
      ? session(shell, fifoStreams(fifo))
      : session(shell, { input: process.stdin, write: (t) => process.stdout.write(t) });
  }
  const via = (flag(opts, '--via') ?? 'bash-env') as Via;
  if (!VIAS.includes(via)) return 64;
  const line = opts.includes('--argv') ? rest.map(shellWord).join(' ') : rest.join(' ');
  const message: JudgeLineMessage = {
    type: 'judge.line',
    version: JUDGE_PROTOCOL_VERSION,
    line,
    shell,
    via,
    shellPid: process.ppid,
    cwd: process.cwd(),
    env: stringEnv(),
    install: runningInstall(),
    ...(flag(opts, '--label') ? { label: flag(opts, '--label')! } : {}),
  };
  const verdict = await verdictFor(new Judges(), message);
  if (verdict.message) process.stderr.write(verdict.message.endsWith('\n') ? verdict.message : `${verdict.message}\n`);
  // Only an allow runs the command: a deny, and a "more" (no command string of bash -c is read on), do not.
  return verdict.decision === 'allow' ? 0 : 1;
}

interface Streams {
  input: NodeJS.ReadableStream;
  write(text: string): void;
}

/**
 * fish keeps no descriptor open between commands: it writes each request into
 * DIR/in and reads the answer from DIR/out. Both are held open here for
 * reading and writing, so fish's opens never block while this runs; it ends
 * (and removes DIR) when fish is gone, or on SIGTERM, SIGHUP or SIGINT.
 * DIR/in is read as a non-blocking pipe through the event loop: a file
 * stream's read would wait in a worker thread forever (this process holds a
 * writer too), and Node's exit waits for its workers.
 */
function fifoStreams(dir: string): Streams {
  // node:net loads only here: the front door it is bundled into answers every hook call without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Socket } = require('node:net') as typeof Net;
  const input = new Socket({
    fd: fs.openSync(path.join(dir, 'in'), fs.constants.O_RDWR | fs.constants.O_NONBLOCK),
    readable: true,
    writable: false,
  });
  const out = fs.openSync(path.join(dir, 'out'), 'r+');
  const parent = process.ppid;
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  process.on('exit', cleanup);
  // A closed terminal hangs its processes up: leave through 'exit', so the folder goes too.
  for (const sig of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0));
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 2000).unref();
  return {
    input,
    write: (text) => {
      fs.writeSync(out, text);
    },
  };
}

/** Lines from the shell until its end; one judged at a time, a newer one replacing an abandoned one. */
function session(shell: Shell, streams: Streams): Promise<number> {
  const judges = new Judges();
  const reader = new GateReader();
  const install = runningInstall();
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const write = (text: string) => {
    try {
      streams.write(text);
    } catch {
      process.exit(0);
    }
  };
  // Say hello at once (an empty line): the editor then knows this terminal's shell is gated, before its first line.
  if (shell !== 'sh') {
    queue = judges
      .judge({
        type: 'judge.line',
        version: JUDGE_PROTOCOL_VERSION,
        line: '',
        shell,
        via: 'terminal',
        shellPid: process.ppid,
        cwd: process.cwd(),
        env: stringEnv(),
        install,
      })
      .then(
        () => undefined,
        () => undefined,
      );
  }
  return new Promise((resolve) => {
    streams.input.setEncoding('utf8');
    streams.input.on('data', (chunk: string | Buffer) => {
      const { requests, error } = reader.push(chunk.toString());
      if (error) {
        process.stderr.write(`AgentGuard gate: ${error}; stopping\n`);
        process.exit(70);
      }
      for (const r of requests) {
        // The shell only sends a new line after the last one's answer, or after giving up on it.
        if (inFlight > 0) judges.drop();
        inFlight++;
        const message: JudgeLineMessage = {
          type: 'judge.line',
          version: JUDGE_PROTOCOL_VERSION,
          line: r.line,
          shell,
          via: 'terminal',
          shellPid: process.ppid,
          cwd: r.cwd.startsWith('/') ? r.cwd : '/',
          env: r.env,
          install,
          ...(r.state ? { shellState: r.state } : {}),
        };
        queue = queue
          .then(async () => {
            const v = await verdictFor(judges, message);
            write(gateResponse(r.id, v.decision, v.message ?? ''));
          })
          .finally(() => inFlight--);
      }
    });
    // The shell is gone: so is its gate.
    streams.input.on('end', () => resolve(0));
    streams.input.on('error', () => resolve(0));
    process.stdout.on('error', () => process.exit(0));
  });
}
