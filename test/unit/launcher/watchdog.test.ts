// The POSIX launcher's two watchdogs: GNU timeout(1) at the path found when
// the launcher was written (one process, nothing from the caller's PATH),
// and the shell's own (a subshell and sleep) where there is none. Both hand
// the host the CLI's answer and exit code, keep the host's stdin for the CLI,
// and kill a CLI that hangs past the budget, leaving no process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launcherPath } from '../../../src/core/launcher';
import { writeLauncher } from '../../../src/core/launcher/file';
import { gnuTimeout, posixLauncher, readLauncherRecord } from '../../../src/core/launcher/posix';
import { fakeInstall, spawnTreeSync } from '../support/launcherHarness';
import { sandbox, type Sandbox } from '../support/hookHarness';

const skip = process.platform === 'win32' ? 'the POSIX launcher' : false;

/** A CLI that echoes its stdin in its answer and exits with the code the payload names; "hang" hangs. */
const CLI_SOURCE = `
const fs = require('fs');
const input = fs.readFileSync(0, 'utf8');
if (input === 'hang') { fs.writeFileSync(process.env.PID_FILE, String(process.pid)); setInterval(() => {}, 1000); }
else {
  const code = Number(input.split(' ')[0]);
  fs.writeSync(1, 'agentguard-answered ' + code + '\\n' + JSON.stringify({ got: input }) + '\\n');
  process.exit(code);
}
`;

/** The launcher for `sb`, rewritten with the given watchdog (null: the shell's). */
function launcherWith(sb: Sandbox, timeout: string | null): string {
  fakeInstall(path.join(sb.home, '.vscode', 'extensions'), '0.1.0', CLI_SOURCE);
  const { file } = writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
  const record = readLauncherRecord(fs.readFileSync(file, 'utf8'));
  assert.ok(record);
  fs.writeFileSync(file, posixLauncher(record, sb.home, process.env, timeout));
  return file;
}

function run(sb: Sandbox, input: string, extra: Record<string, string> = {}) {
  const started = Date.now();
  const r = spawnTreeSync(launcherPath(sb.home), ['hook', 'claude'], {
    cwd: sb.workspace,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, PID_FILE: path.join(sb.root, 'pid'), ...extra },
    input,
    timeout: 30_000,
  });
  return { ...r, ms: Date.now() - started };
}

const watchdogs: [string, string | null][] = [['the shell watchdog', null]];
const gnu = gnuTimeout();
if (gnu) watchdogs.push([`GNU timeout (${gnu})`, gnu]);

for (const [name, timeout] of watchdogs) {
  test(
    `${name}: the CLI's answer, exit code and stdin reach the host; a hang is killed at the budget`,
    { skip },
    () => {
      const sb = sandbox();
      try {
        const file = launcherWith(sb, timeout);
        assert.equal(fs.readFileSync(file, 'utf8').includes('sleep "$ag_budget"'), timeout === null, name);
        const allowed = run(sb, '0 payload');
        assert.equal(allowed.status, 0, allowed.stderr);
        assert.deepEqual(JSON.parse(allowed.stdout), { got: '0 payload' });
        const denied = run(sb, '2 payload');
        assert.equal(denied.status, 2, denied.stderr);
        assert.deepEqual(JSON.parse(denied.stdout), { got: '2 payload' });
        // An exit code the host does not read as an answer is the launcher's block, with the reason.
        const odd = run(sb, '5 payload');
        assert.equal(odd.status, 2);
        assert.match(odd.stderr, /exited with 5/);
        const hung = run(sb, 'hang', { AGENTGUARD_LAUNCHER_BUDGET_SECONDS: '1' });
        assert.equal(hung.status, 2, hung.stderr);
        assert.match(hung.stderr, /killed by signal 9/);
        assert.ok(hung.ms < 1000 + 8000, `blocked after ${hung.ms} ms`);
        const pid = Number(fs.readFileSync(path.join(sb.root, 'pid'), 'utf8'));
        const alive = fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
        assert.equal(alive, false, 'the hung CLI is gone');
      } finally {
        sb.cleanup();
      }
    },
  );
}

test(
  "with GNU timeout, a `sleep` the caller's PATH puts first is no part of the watchdog",
  { skip: skip || (!gnu && 'no GNU timeout here') },
  () => {
    const sb = sandbox();
    try {
      launcherWith(sb, gnu!);
      // A sleep that returns at once would have the shell's watchdog kill every CLI as soon as it started.
      const bin = path.join(sb.root, 'evil-bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'sleep'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      const r = run(sb, '0 slow', { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { got: '0 slow' });
    } finally {
      sb.cleanup();
    }
  },
);

test(
  'only an executable GNU timeout with --foreground is taken; anything else leaves the shell watchdog',
  { skip },
  () => {
    const sb = sandbox();
    try {
      const write = (name: string, text: string, mode = 0o755) => {
        const p = path.join(sb.root, name);
        fs.writeFileSync(p, text, { mode });
        return p;
      };
      const busybox = write('busybox-timeout', 'BusyBox v1.36 timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS');
      const old = write('old-timeout', 'timeout (GNU coreutils) 8.4 --preserve-status');
      const notRunnable = write('plain-timeout', 'timeout (GNU coreutils) 9.1 --foreground', 0o644);
      const good = write('gnu-timeout', 'timeout (GNU coreutils) 9.1 --foreground');
      assert.equal(gnuTimeout([busybox, old, notRunnable, path.join(sb.root, 'missing')]), undefined);
      assert.equal(gnuTimeout([busybox, good]), good);
    } finally {
      sb.cleanup();
    }
  },
);
