// A machine with an AgentGuard service, for the service's tests: a service
// user and a developer user made by the real `useradd`, the service run as
// its user, hooks and attacks run as the developer — each a real process
// under its own uid (setpriv). The accounts are added to a copy of the
// account files (`useradd --prefix`) that every process of the test sees at
// /etc/passwd and /etc/group (bubblewrap binds them there): the unit suite
// already runs in a mount namespace whose /etc/passwd is read-only, and the
// machine's own account files are left as they were. The uids are real and
// unused, and the kernel checks them like any other.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The CLI built with its administrator files under out/service-test/root (esbuild.js). */
export const SERVICE_CLI = path.join(ROOT, 'out', 'service-test', 'cli.js');
export const SERVICE_POLICY = path.join(ROOT, 'out', 'service-test', 'root', 'etc', 'agentguard', 'policy.json');
const BWRAP = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p));

/** Why these tests cannot run here, or undefined when they can. */
export const CANNOT_RUN =
  process.platform !== 'linux'
    ? 'the service runs on Linux here (launchd and Windows definitions are text-tested)'
    : process.getuid?.() !== 0
      ? 'creating OS users and running processes under them needs root (CI runs as root)'
      : !BWRAP
        ? 'bubblewrap is needed to show the test accounts at /etc/passwd'
        : undefined;

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface World {
  root: string;
  svc: Account;
  dev: Account;
  workspace: string;
  socketDir: string;
  stateDir: string;
  /** The developer's own socket. */
  socket: string;
  /** The service's state folder for the developer (the service user's alone). */
  kept: string;
  /** Runs argv as `as` (root when undefined), in the test's account view. */
  run(argv: string[], opts?: { as?: Account; input?: string; env?: Record<string, string> }): Promise<Run>;
  /** Starts a long-running process as `as`, holding the capabilities `ambientCaps` (`sys_ptrace`, `dac_read_search`) as systemd's AmbientCapabilities= gives them. */
  start(argv: string[], as?: Account, ambientCaps?: readonly string[]): ChildProcess;
  /** Ends a process start() started, with everything in its group; resolves once it is gone. */
  stop(child: ChildProcess): Promise<void>;
  writePolicy(policy: Record<string, unknown>): void;
  cleanup(): void;
}

function freeId(taken: Set<number>): number {
  for (let i = 0; i < 1000; i++) {
    const id = 61000 + Math.floor(Math.random() * 3000);
    if (!taken.has(id)) return id;
  }
  throw new Error('no free id');
}

function ids(file: string, field: number): Set<number> {
  return new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => Number(l.split(':')[field]))
      .filter(Number.isFinite),
  );
}

/** The managed policy a test build reads (`build`: its folder under out/, esbuild.js). */
export const policyOf = (build: string): string =>
  path.join(ROOT, 'out', build, 'root', 'etc', 'agentguard', 'policy.json');

/** `build`: the test build whose managed policy writePolicy writes and cleanup removes. */
export function makeWorld(build = 'service-test'): World {
  const policyFile = policyOf(build);
  const tag = `${process.pid % 100000}${Math.floor(Math.random() * 100)}`;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-service-'));
  fs.chmodSync(root, 0o755);
  const etc = path.join(root, 'etc');
  fs.mkdirSync(etc);
  for (const f of ['passwd', 'group', 'shadow', 'gshadow', 'login.defs'])
    if (fs.existsSync(`/etc/${f}`)) fs.copyFileSync(`/etc/${f}`, path.join(etc, f));
  const taken = new Set([...ids('/etc/passwd', 2), ...ids('/etc/group', 2)]);
  const svcId = freeId(taken);
  taken.add(svcId);
  const devId = freeId(taken);
  const svcName = `agsvc${tag}`;
  const devName = `agdev${tag}`;
  const devHome = path.join(root, 'home', devName);
  const add = (args: string[]) => {
    const r = spawnSync('useradd', ['--prefix', root, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`useradd ${args.join(' ')}: ${r.stderr}`);
  };
  add(['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', '-u', String(svcId), '-U', svcName]);
  add(['-M', '-d', devHome, '--shell', '/bin/bash', '-u', String(devId), '-U', devName]);
  const account = (name: string, home: string): Account => {
    const line = fs
      .readFileSync(path.join(etc, 'passwd'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`))!;
    const f = line.split(':');
    return { name, uid: Number(f[2]), gid: Number(f[3]), home };
  };
  const svc = account(svcName, '/nonexistent');
  const dev = account(devName, devHome);
  const workspace = path.join(devHome, 'code', 'acme-api');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.mkdirSync(path.join(root, 'home'), { recursive: true });
  fs.chmodSync(path.join(root, 'home'), 0o755);
  spawnSync('chown', ['-R', `${dev.uid}:${dev.gid}`, devHome]);
  fs.chmodSync(devHome, 0o700);
  const socketDir = `/run/agentguard-test-${tag}`;
  const stateDir = `/var/lib/agentguard-test-${tag}`;

  const wrap = (argv: string[], as?: Account, caps: readonly string[] = []): string[] => [
    '--dev-bind',
    '/',
    '/',
    '--ro-bind',
    path.join(etc, 'passwd'),
    '/etc/passwd',
    '--ro-bind',
    path.join(etc, 'group'),
    '/etc/group',
    '--',
    ...(as ? ['setpriv', `--reuid=${as.uid}`, `--regid=${as.gid}`, '--init-groups'] : []),
    ...(as && caps.length
      ? ['--inh-caps', caps.map((c) => `+${c}`).join(','), '--ambient-caps', caps.map((c) => `+${c}`).join(',')]
      : []),
    ...argv,
  ];
  const envFor = (as?: Account, extra: Record<string, string> = {}) => ({
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: as ? as.home : os.homedir(),
    LANG: 'C.UTF-8',
    ...extra,
  });
  const children: ChildProcess[] = [];
  const world: World = {
    root,
    svc,
    dev,
    workspace,
    socketDir,
    stateDir,
    socket: `${socketDir}/users/${dev.uid}/agentguard.sock`,
    kept: `${stateDir}/users/${dev.uid}`,
    run(argv, opts = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn(BWRAP!, wrap(argv, opts.as), { cwd: opts.as ? '/' : ROOT, env: envFor(opts.as, opts.env) });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', reject);
        child.on('close', (code) =>
          resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
        );
        child.stdin.on('error', () => undefined);
        child.stdin.end(opts.input ?? '');
      });
    },
    start(argv, as, ambientCaps) {
      // A group of its own: stopping it ends the process under bubblewrap and setpriv too (stop()).
      const child = spawn(BWRAP!, wrap(argv, as, ambientCaps), {
        cwd: '/',
        env: envFor(as),
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      child.stderr?.on('data', (b: Buffer) => {
        if (process.env.AGENTGUARD_SERVICE_TEST_LOG) process.stderr.write(b);
      });
      children.push(child);
      return child;
    },
    stop(child) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      return gone;
    },
    writePolicy(policy) {
      fs.mkdirSync(path.dirname(policyFile), { recursive: true, mode: 0o755 });
      fs.writeFileSync(policyFile, JSON.stringify(policy), { mode: 0o644 });
    },
    cleanup() {
      for (const c of children) {
        try {
          if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      for (const p of [root, socketDir, stateDir, path.dirname(path.dirname(path.dirname(policyFile)))])
        fs.rmSync(p, { recursive: true, force: true });
    },
  };
  return world;
}

/** Waits (bounded) until `file` is a socket. */
export async function socketAppears(file: string, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    try {
      if (fs.lstatSync(file).isSocket()) return true;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** A Claude Code PreToolUse payload (test/fixtures/hooks/claude/bash.json) for `command` in the developer's workspace. */
export function claudeBash(w: World, command: string): string {
  const raw = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'hooks', 'claude', 'bash.json'), 'utf8');
  const esc = (p: string) => JSON.stringify(p).slice(1, -1);
  const payload = JSON.parse(
    raw.replaceAll('__WORKSPACE__', esc(w.workspace)).replaceAll('__HOME__', esc(w.dev.home)),
  ) as { tool_input: Record<string, unknown> };
  payload.tool_input.command = command;
  return JSON.stringify(payload);
}

/** Claude Code's decision in a hook's answer (`defer` for its "no decision"). */
export function decision(r: Run): { decision: string; reason: string } {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  const specific = json?.hookSpecificOutput as Record<string, unknown> | undefined;
  if (r.code === 0 && !specific) return { decision: 'defer', reason: String(json?.systemMessage ?? '') };
  return {
    decision: String(specific?.permissionDecision ?? `exit ${r.code}`),
    reason: String(specific?.permissionDecisionReason ?? r.stderr),
  };
}

/** A tiny newline-JSON client for attacks by hand: connects, prints the service's lines, sends `line` after its hello. */
export const RAW_CLIENT = `
const net = require('node:net');
const [socket, line] = process.argv.slice(1);
const c = net.createConnection(socket);
let buf = '';
let greeted = false;
c.setEncoding('utf8');
c.on('data', (d) => {
  buf += d;
  let nl;
  while ((nl = buf.indexOf('\\n')) !== -1) {
    const text = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    process.stdout.write(text + '\\n');
    if (!greeted) { greeted = true; c.write(line + '\\n'); }
  }
});
c.on('error', (e) => { process.stderr.write(String(e.code || e.message) + '\\n'); process.exit(3); });
c.on('close', () => process.exit(0));
setTimeout(() => process.exit(4), 5000);
`;
