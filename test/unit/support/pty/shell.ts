// A shell on a real pseudo-terminal (python3's pty module, relay.py), typed
// into like a terminal emulator does: the terminal gate's tests drive bash,
// zsh and fish through it, outside the editor.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const RELAY = path.resolve(__dirname, '..', '..', '..', '..', '..', 'test', 'unit', 'support', 'pty', 'relay.py');

export interface PtyShell {
  /** The shell's process id. */
  readonly pid: number;
  /** Everything the terminal showed so far, escape sequences removed. */
  text(): string;
  type(keys: string): void;
  /** Types `line` and Enter, then waits until the command finished (a marker it prints). */
  run(line: string, timeoutMs?: number): Promise<string>;
  waitFor(needle: string | RegExp, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function have(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r/g;

export function plain(s: string): string {
  return s.replace(ESCAPES, '');
}

let markers = 0;

export function startPtyShell(
  argv: readonly string[],
  opts: { env: Record<string, string>; cwd: string },
): Promise<PtyShell> {
  const child: ChildProcess = spawn('python3', [RELAY, ...argv], {
    env: opts.env,
    cwd: opts.cwd,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let raw = '';
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return new Promise((resolve, reject) => {
    let pid: number | undefined;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      raw += chunk;
      if (pid === undefined) {
        const m = /^PID (\d+)\n/.exec(raw);
        if (!m) return;
        pid = Number(m[1]);
        raw = raw.slice(m[0].length);
        resolve(shell(pid));
      }
    });
    child.on('error', reject);
  });

  function shell(pid: number): PtyShell {
    const text = () => plain(raw);
    const waitFor = async (needle: string | RegExp, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const t = text();
        if (typeof needle === 'string' ? t.includes(needle) : needle.test(t)) return;
        if (exited) throw new Error(`the terminal closed before showing ${needle}; it showed:\n${t}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${needle}; the terminal showed:\n${t}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return {
      pid,
      text,
      type: (keys) => {
        child.stdin!.write(keys);
      },
      waitFor,
      async run(line, timeoutMs) {
        const n = ++markers;
        const from = text().length;
        // The marker is printed by a second command, spelled so the typed line does not contain it.
        child.stdin!.write(`${line}\r`);
        child.stdin!.write(`echo done-"${n}"-marker\r`);
        await waitFor(`done-${n}-marker\n`, timeoutMs);
        const all = text();
        return all.slice(from, all.indexOf(`done-${n}-marker\n`));
      },
      close: () =>
        new Promise((r) => {
          if (exited) return r();
          // A shell that does not end on the hang-up is killed, and the relay with it: nothing outlives the test.
          const kill = setTimeout(() => {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // gone already
            }
            child.kill('SIGKILL');
          }, 3000);
          child.once('exit', () => {
            clearTimeout(kill);
            r();
          });
          child.stdin!.end();
        }),
    };
  }
}
