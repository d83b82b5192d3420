// The throwaway account the tests run as (scripts/throwaway-account.mjs)
// holds for the whole run: useradd, or an apt install that adds a system
// user, replaces /etc/passwd by renaming a new file over it, and a process
// started afterwards must still see the throwaway home, never the real
// account's. Shown in a mount namespace of the test's own, whose /etc is a
// copy in a temp folder: the rename is made there, never on the machine's
// /etc. And a test file started where the account is not the throwaway one
// stops before its first test.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = path.join(REPO, 'scripts', 'throwaway-account.mjs');
const GUARD = path.join(REPO, 'out', 'test', 'unit', 'support', 'account.js');

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const cannotRename =
  process.platform !== 'linux'
    ? 'the throwaway account is Linux-only'
    : process.getuid?.() !== 0
      ? 'a mount namespace with a copied /etc needs root (CI runs as root)'
      : !has('bwrap') || !has('unshare')
        ? 'bubblewrap and unshare are needed'
        : undefined;

/** Collects a child's stdout lines; `next()` waits for the next one (bounded by the test's timeout). */
function lines(stream: NodeJS.ReadableStream) {
  const seen: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      const wake = waiting.shift();
      if (wake) wake(line);
      else seen.push(line);
    }
  });
  return {
    next: () =>
      new Promise<string>((resolve) => {
        const line = seen.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      }),
  };
}

test(
  'a process started after /etc/passwd was replaced by a rename, as useradd replaces it, still runs as the throwaway account',
  { skip: cannotRename, timeout: 60_000 },
  async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-passwd-rename-')));
    const etc = path.join(dir, 'etc');
    let child: ChildProcess | undefined;
    try {
      assert.equal(spawnSync('cp', ['-a', '/etc/.', etc + '/']).status, 0, 'copies /etc');
      // Each line is the account home of a node started at that moment; a line on stdin starts the second.
      const probe = path.join(dir, 'probe.sh');
      const home = `"$AGENTGUARD_TEST_NODE" -p 'require("os").userInfo().homedir'`;
      fs.writeFileSync(probe, `${home}\nread -r _\n${home}\n`);
      // A mount namespace whose /etc is the copy; in it the script makes its account, which runs the probe.
      const inCopy = ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /etc && exec "$@"', etc];
      child = spawn('unshare', [...inCopy, process.execPath, SCRIPT, 'sh', probe], {
        env: { ...process.env, AGENTGUARD_TEST_NODE: process.execPath },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const out = lines(child.stdout!);
      const exited = new Promise<number | null>((resolve) => child!.on('close', resolve));
      const before = await out.next();
      assert.match(before, /\/agentguard-throwaway-account-[^/]+\/home$/, 'starts as a throwaway account');
      assert.notEqual(before, process.env.AGENTGUARD_TESTS_ACCOUNT_HOME, "the script's own account, not this run's");

      // The way useradd writes it: a new file beside it, renamed over it (in the copy: the machine's /etc is never touched).
      const passwd = path.join(etc, 'passwd');
      const next = `${passwd}+`;
      fs.writeFileSync(next, fs.readFileSync(passwd, 'utf8') + 'postgres:x:4711:4711::/var/lib/postgresql:/bin/sh\n');
      fs.renameSync(next, passwd);
      assert.match(fs.readFileSync(passwd, 'utf8'), /^postgres:/m);

      child.stdin!.end('\n');
      const after = await out.next();
      assert.equal(after, before, 'a process started after the rename runs as the same throwaway account');
      assert.equal(await exited, 0);
    } finally {
      child?.stdin?.destroy();
      child?.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'a test file started where the account is no longer the throwaway one stops before its first test, saying so',
  { skip: process.env.AGENTGUARD_TESTS_ACCOUNT_HOME === undefined && 'runs as the throwaway account only' },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-account-lost-'));
    try {
      const ran = path.join(dir, 'ran');
      const file = path.join(dir, 'x.test.js');
      fs.writeFileSync(
        file,
        `require('node:test').test('x', () => require('node:fs').writeFileSync(${JSON.stringify(ran)}, ''));\n`,
      );
      // As the script runs a unit file, with a throwaway home this account's passwd entry no longer gives.
      const r = spawnSync(process.execPath, ['--require', GUARD, '--test', file], {
        env: { ...process.env, AGENTGUARD_TESTS_ACCOUNT_HOME: path.join(dir, 'lost-home') },
        encoding: 'utf8',
      });
      assert.notEqual(r.status, 0);
      assert.match(r.stdout + r.stderr, /the throwaway account is lost: \/etc\/passwd gives this account the home /);
      assert.equal(fs.existsSync(ran), false, 'no test ran');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
