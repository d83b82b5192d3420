// An editor's judge listens on an abstract unix socket, and abstract sockets
// are per network namespace: a test that says what judges are listening
// (doctor's `judge` line) sees every judge of the machine's network, a
// developer's own editor included. Such a test runs itself again in a network
// namespace of its own (bubblewrap's --unshare-net; the same processes,
// files and account), where the only judges are the ones it starts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Set in the test run again in its own network namespace. */
const INSIDE = 'AGENTGUARD_TEST_OWN_NETWORK';

const BWRAP =
  process.platform === 'linux'
    ? ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p))
    : undefined;

/** Whether this process is the run of a test in a network namespace of its own. */
export function inOwnNetwork(): boolean {
  return process.env[INSIDE] === '1';
}

/**
 * Runs the test named `name` of the compiled test file `file` again, alone,
 * in a network namespace of its own: its exit status and what it printed;
 * undefined where bubblewrap is missing.
 */
export function runInOwnNetwork(file: string, name: string): { status: number | null; output: string } | undefined {
  if (!BWRAP) return undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, [INSIDE]: '1' };
  // Its own run, reporting to its own output, not to this one's test runner.
  delete env.NODE_TEST_CONTEXT;
  const pattern = `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const r = spawnSync(
    BWRAP,
    [
      '--dev-bind',
      '/',
      '/',
      '--unshare-net',
      '--',
      process.execPath,
      '--require',
      path.join(__dirname, 'account.js'),
      '--test',
      '--test-reporter=spec',
      `--test-name-pattern=${pattern}`,
      file,
    ],
    { env, encoding: 'utf8', timeout: 180_000 },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
}
