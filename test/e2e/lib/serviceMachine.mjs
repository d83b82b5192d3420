// A machine whose managed policy names an AgentGuard service, for the editor:
// a service user and a developer user made by the real `useradd`, the
// service run as its user, code-server (and so the extension host) run as the
// developer, and `agentguard` run as the developer or as root — each a real
// process under its own uid (setpriv). The users and the managed policy live
// in a copy of /etc that only these processes see at /etc (bubblewrap binds
// it there), so the packaged extension reads /etc/agentguard/policy.json as
// on a real machine while the machine's own /etc is left as it was. Needs
// root (CI runs as root), bubblewrap, useradd and setpriv.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TIMEOUTS, pollUntil } from './host.mjs';

const BWRAP = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p));
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Why the service cannot run here, or undefined when it can. */
export const CANNOT_RUN =
  process.platform !== 'linux'
    ? 'the AgentGuard service runs on Linux here'
    : process.getuid?.() !== 0
      ? 'making OS users and running processes as them needs root (CI runs as root)'
      : !BWRAP
        ? 'bubblewrap is needed to show the test accounts and the managed policy at /etc'
        : !has('useradd') || !has('setpriv')
          ? 'useradd and setpriv are needed'
          : undefined;

function freeIds(count) {
  const taken = new Set(
    ['/etc/passwd', '/etc/group'].flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .map((l) => Number(l.split(':')[2])),
    ),
  );
  const out = [];
  for (let i = 0; out.length < count && i < 1000; i++) {
    const id = 62000 + Math.floor(Math.random() * 3000);
    if (!taken.has(id)) {
      taken.add(id);
      out.push(id);
    }
  }
  if (out.length < count) throw new Error('no free uid');
  return out;
}

/**
 * `sandbox`: the session's (its home becomes the developer's home in
 * passwd). `testHost`: ensureTestHost(), whose folder (under root's private
 * home) the developer sees through a bind at `<sandbox>/test-host`.
 */
export function makeServiceMachine(sandbox, testHost) {
  const tag = `${process.pid % 100000}${Math.floor(Math.random() * 100)}`;
  const etc = path.join(sandbox.root, 'etc');
  fs.cpSync('/etc', etc, { recursive: true, verbatimSymlinks: true });
  const [svcId, devId] = freeIds(2);
  const svcName = `agsvc${tag}`;
  const devName = `agdev${tag}`;
  const add = (args) => {
    const r = spawnSync('useradd', ['--prefix', sandbox.root, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`useradd ${args.join(' ')}: ${r.stderr}`);
  };
  add(['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', '-u', String(svcId), '-U', svcName]);
  add(['-M', '-d', sandbox.home, '--shell', '/bin/bash', '-u', String(devId), '-U', devName]);
  const account = (name) => {
    const f = fs
      .readFileSync(path.join(etc, 'passwd'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`))
      .split(':');
    return { name, uid: Number(f[2]), gid: Number(f[3]) };
  };
  const svc = account(svcName);
  const dev = account(devName);
  const socketDir = `/run/agentguard-e2e-${tag}`;
  const stateDir = `/var/lib/agentguard-e2e-${tag}`;
  fs.mkdirSync(path.join(etc, 'agentguard'), { recursive: true, mode: 0o755 });
  fs.writeFileSync(
    path.join(etc, 'agentguard', 'policy.json'),
    JSON.stringify({ service: { user: svc.name, socketDir, stateDir, timeoutMs: 2000 } }, null, 2),
    { mode: 0o644 },
  );
  const hostView = path.join(sandbox.root, 'test-host');
  fs.mkdirSync(hostView);
  const rebase = (arg) =>
    typeof arg === 'string' && arg.startsWith(`${testHost.dir}/`)
      ? path.join(hostView, arg.slice(testHost.dir.length))
      : arg;
  /** The command line that runs argv as `as` (root when undefined) in the machine's view of /etc. */
  /** `caps`: ambient capabilities, as systemd's AmbientCapabilities= gives them to the service. */
  const wrap = (argv, as, caps = []) => [
    BWRAP,
    '--dev-bind',
    '/',
    '/',
    '--ro-bind',
    etc,
    '/etc',
    '--ro-bind',
    testHost.dir,
    hostView,
    '--die-with-parent',
    '--',
    ...(as ? ['setpriv', `--reuid=${as.uid}`, `--regid=${as.gid}`, '--init-groups'] : []),
    ...(as && caps.length ? ['--inh-caps', caps.join(','), '--ambient-caps', caps.join(',')] : []),
    ...argv.map(rebase),
  ];
  const children = new Set();

  const machine = {
    svc,
    dev,
    socketDir,
    stateDir,
    socket: path.join(socketDir, 'users', String(dev.uid), 'agentguard.sock'),
    /** Test host's Node, as every process of the machine runs it. */
    node: testHost.node,
    wrap,
    /**
     * Hands the session's folders to the developer (their home, profile and
     * workspace); the copy of /etc stays root's. Returns where the service's
     * own copy of `extensionDir`'s CLI is: root's, readable by all, as an
     * administrator installs it (the developer's extensions folder is theirs alone).
     */
    giveToDeveloper(extensionDir) {
      const installed = path.join(sandbox.root, 'opt', 'agentguard');
      fs.cpSync(extensionDir, installed, { recursive: true });
      spawnSync('chown', ['-R', `${dev.uid}:${dev.gid}`, sandbox.root], { stdio: 'inherit' });
      spawnSync('chown', ['-R', '0:0', etc, path.dirname(installed)]);
      // The session's root stays root's, as / is: the editor bound in it (test-host) is then out of the
      // developer's reach, as an installed editor is, and the service takes its extension host as the editor.
      fs.chownSync(sandbox.root, 0, 0);
      fs.chmodSync(sandbox.root, 0o755);
      return path.join(installed, 'dist', 'cli.js');
    },
    /** Runs argv as `as` (root when undefined; the developer in the session's environment); resolves with its exit code and output. */
    run(argv, { as, input = '' } = {}) {
      // Root's commands must not leave root's files in the developer's state folder (the hook reads it too).
      const env = as ? sandbox.env : { PATH: process.env.PATH, HOME: os.homedir(), LANG: 'C.UTF-8' };
      const [command, ...rest] = wrap(argv, as);
      return new Promise((resolve, reject) => {
        const child = spawn(command, rest, { cwd: sandbox.root, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b) => (stdout += b));
        child.stderr.on('data', (b) => (stderr += b));
        const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUTS.cli);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
      });
    },
    /**
     * Starts the service as its user, with the two capabilities its systemd unit grants it (to see which
     * process of the developer records an approval), and waits until it listens on the developer's socket.
     */
    async startService(cli, logFile) {
      const out = fs.openSync(logFile, 'a');
      const [command, ...rest] = wrap([testHost.node, cli, 'service', 'run'], svc, ['+sys_ptrace', '+dac_read_search']);
      const child = spawn(command, rest, {
        cwd: '/',
        env: { PATH: process.env.PATH, HOME: '/nonexistent', LANG: 'C.UTF-8' },
        detached: true,
        stdio: ['ignore', out, out],
      });
      fs.closeSync(out);
      children.add(child);
      await pollUntil(
        () => child.exitCode !== null || (fs.existsSync(machine.socket) && fs.lstatSync(machine.socket).isSocket()),
        {
          timeout: TIMEOUTS.listen,
          what: `the service to listen on ${machine.socket}`,
        },
      );
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}); see ${logFile}`);
      return child;
    },
    dispose() {
      for (const child of children) {
        try {
          if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      for (const dir of [socketDir, stateDir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return machine;
}
