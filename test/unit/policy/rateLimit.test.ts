import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROTATE_BYTES, rateLimitFile, recordGatedDecision } from '../../../src/core/policy/rateLimit';
import { readKillSwitch, writeKillSwitch } from '../../../src/core/state';
import { fixture, readAudit, runHook, sandbox, withInput } from '../support/hookHarness';
import { scratchDir } from '../support/scratch';

const tempState = () => scratchDir('agentguard-rate-');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('node:fs') as typeof fs;
const T0 = Date.parse('2026-04-25T10:00:00Z');

test('more than maxGated gated decisions within the window engage the kill switch', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 3, windowSeconds: 10 } };
  for (let i = 0; i < 3; i++) {
    const r = recordGatedDecision(dir, config, T0 + i * 1000);
    assert.deepEqual(r, { tripped: false, count: i + 1, recorded: true });
    assert.equal(readKillSwitch(dir).engaged, false);
  }
  const r = recordGatedDecision(dir, config, T0 + 3000);
  assert.deepEqual(r, { tripped: true, count: 4, recorded: true });
  const ks = readKillSwitch(dir);
  assert.equal(ks.engaged, true);
  assert.equal(ks.by, 'rate-limit');
  assert.equal(ks.since, new Date(T0 + 3000).toISOString());
  assert.match(ks.reason ?? '', /4 gated agent commands within 10 s \(limit 3\)/);
});

test('decisions spread wider than the window never trip', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 2, windowSeconds: 5 } };
  for (let i = 0; i < 10; i++) assert.equal(recordGatedDecision(dir, config, T0 + i * 3000).tripped, false);
  assert.equal(readKillSwitch(dir).engaged, false);
});

test('defaults: more than 5 within 10 seconds (PocketOS made 47 calls in 9 s)', () => {
  const dir = tempState();
  const results = Array.from({ length: 6 }, (_, i) => recordGatedDecision(dir, undefined, T0 + i * 1500));
  assert.deepEqual(
    results.map((r) => r.tripped),
    [false, false, false, false, false, true],
  );
  const late = tempState();
  for (let i = 0; i < 6; i++) recordGatedDecision(late, undefined, T0 + i * 2100);
  assert.equal(readKillSwitch(late).engaged, false, '6 decisions over 10.5 s stay under the limit');
});

test('the log is append-only, one short line per gated decision, and rotates aside by size while still counting', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 100_000, windowSeconds: 3600 } };
  // A small rotation size keeps the test fast; the default is ROTATE_BYTES.
  assert.ok(ROTATE_BYTES >= 16 * 1024);
  const rotateBytes = 1024;
  const n = Math.ceil(rotateBytes / 20) + 10;
  for (let i = 0; i < n; i++) recordGatedDecision(dir, config, T0 + i, rotateBytes);
  const files = fs.readdirSync(dir).filter((f) => f.startsWith('gated.log'));
  assert.ok(files.length >= 2, `rotated: ${files.join(', ')}`);
  assert.ok(fs.statSync(rateLimitFile(dir)).size < rotateBytes);
  assert.match(fs.readFileSync(rateLimitFile(dir), 'utf8').split('\n')[0], /^\d{13} \d+$/);
  // Entries just before the rotation still count toward a limit larger than what the new file holds.
  const small = { rateLimit: { maxGated: 30, windowSeconds: 3600 } };
  assert.equal(recordGatedDecision(dir, small, T0 + n, rotateBytes).tripped, true);
});

test('garbage in the log counts for nothing and does not trip on its own', () => {
  const dir = tempState();
  fs.writeFileSync(rateLimitFile(dir), '{ not json\nxx yy\n\n');
  assert.deepEqual(recordGatedDecision(dir, { rateLimit: { maxGated: 1, windowSeconds: 10 } }, T0), {
    tripped: false,
    count: 1,
    recorded: true,
  });
  assert.equal(recordGatedDecision(dir, { rateLimit: { maxGated: 1, windowSeconds: 10 } }, T0 + 1).tripped, true);
});

test('an engaged kill switch keeps who engaged it; after tripping the window starts over', () => {
  const dir = tempState();
  writeKillSwitch(dir, { engaged: true, by: 'user', since: 'earlier' });
  const config = { rateLimit: { maxGated: 1, windowSeconds: 10 } };
  recordGatedDecision(dir, config, T0);
  assert.equal(recordGatedDecision(dir, config, T0 + 1).tripped, true);
  assert.deepEqual(readKillSwitch(dir), { engaged: true, by: 'user', since: 'earlier' });
  // released by a human: the next gated decision starts a new window
  writeKillSwitch(dir, { engaged: false, by: 'user', since: new Date(T0 + 1).toISOString() });
  assert.equal(recordGatedDecision(dir, config, T0 + 2).tripped, false);
  assert.equal(recordGatedDecision(dir, config, T0 + 3).tripped, true);
});

test('the state folder is made only when it is missing, not looked for on every gated decision', () => {
  const made: string[] = [];
  const original = nodeFs.mkdirSync;
  const watched = mock.method(nodeFs, 'mkdirSync', (...args: Parameters<typeof fs.mkdirSync>) => {
    made.push(String(args[0]));
    return original.apply(nodeFs, args);
  });
  try {
    const dir = path.join(tempState(), 'state');
    assert.equal(recordGatedDecision(dir, undefined, T0).recorded, true);
    assert.deepEqual(made, [dir]); // a new state folder: made, owner-only
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    made.length = 0;
    assert.equal(recordGatedDecision(dir, undefined, T0 + 1).recorded, true);
    assert.equal(recordGatedDecision(dir, undefined, T0 + 2).count, 3);
    assert.deepEqual(made, []);
  } finally {
    watched.mock.restore();
  }
});

test('a state dir that cannot be written is reported, not thrown', () => {
  const parent = tempState();
  const blocker = path.join(parent, 'file');
  fs.writeFileSync(blocker, '');
  const r = recordGatedDecision(path.join(blocker, 'state'), undefined, T0);
  assert.equal(r.tripped, false);
  assert.equal(r.recorded, false);
  assert.match(r.error ?? '', /cannot record gated decision/);
  // What is wrong is said: a file stands where a folder of the path should be.
  assert.match(r.error ?? '', /not a directory|ENOTDIR|EEXIST/);
  // A FIFO (or anything but a regular file) where the log belongs: refused at once, never waited on.
  const fifoDir = tempState();
  if (process.platform !== 'win32' && spawnSync('mkfifo', [rateLimitFile(fifoDir)]).status === 0) {
    const f = recordGatedDecision(fifoDir, undefined, T0);
    assert.equal(f.recorded, false);
    assert.match(f.error ?? '', /not a regular file|ENXIO/); // a FIFO without a reader does not even open for writing
  }
});

test("a link (symbolic or hard) planted at the log's path is refused: nothing is appended to what it names", () => {
  const dir = tempState();
  // The file a link could aim the log at: a shell's rc file, read at every start.
  const rc = path.join(dir, 'bashrc');
  fs.writeFileSync(rc, 'export PATH=$HOME/bin:$PATH\n');
  const state = path.join(dir, 'state');
  fs.mkdirSync(state, { mode: 0o700 });
  const kinds = [
    { plant: fs.symlinkSync, said: /gated\.log is a symbolic link/ },
    { plant: fs.linkSync, said: /gated\.log has 2 hard links/ },
  ];
  for (const { plant, said } of kinds) {
    fs.rmSync(rateLimitFile(state), { force: true });
    plant(rc, rateLimitFile(state));
    const r = recordGatedDecision(state, undefined, T0);
    // Unrecorded: the hook denies a call the limiter is blind to (cli/hook/hookBounded).
    assert.equal(r.recorded, false);
    assert.match(r.error ?? '', said);
    assert.equal(fs.readFileSync(rc, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');
  }
});

test('a tripped breaker engages the kill switch and leaves one audit entry', () => {
  const dir = tempState();
  const config = { rateLimit: { maxGated: 2, windowSeconds: 10 } };
  for (let i = 0; i < 5; i++) recordGatedDecision(dir, config, T0 + i);
  const entries = fs
    .readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    entries.map((e) => [e.host, e.decision, e.findings]),
    [['rate-limit', 'deny', ['ratelimit.tripped']]],
  );
  assert.match(entries[0].error, /3 gated agent commands within 10 s \(limit 2\)/);
});

test('20 concurrent gated hook calls trip the breaker, every time (10 rounds)', async () => {
  for (let round = 0; round < 10; round++) {
    const sb = sandbox();
    try {
      fs.writeFileSync(
        path.join(sb.workspace, '.agentguard.json'),
        '{ "rateLimit": { "maxGated": 5, "windowSeconds": 120 } }\n',
      );
      const payload = withInput(fixture('claude/bash', sb), { command: 'rm -rf /' });
      const runs = await Promise.all(Array.from({ length: 20 }, () => runHook('claude', payload, sb)));
      for (const r of runs) assert.equal(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, 'deny', r.stderr);
      const ks = readKillSwitch(sb.state);
      assert.equal(ks.engaged, true, `round ${round}: not tripped`);
      assert.equal(ks.by, 'rate-limit');
      // Calls that started after the switch engaged are denied by it without being counted.
      assert.ok(fs.readFileSync(rateLimitFile(sb.state), 'utf8').trim().split('\n').length >= 6, `round ${round}`);
      // Every hook that saw the limit crossed before the switch was written records the trip: at least one.
      assert.ok(
        readAudit(sb).some((a) => (a.findings as string[]).includes('ratelimit.tripped')),
        `round ${round}: trip not audited`,
      );
    } finally {
      sb.cleanup();
    }
  }
});

test("clock: a parallel hook's entry stamped a moment after this call still counts; one far in the future does not", () => {
  const config = { rateLimit: { maxGated: 1, windowSeconds: 10 } };
  const dir = tempState();
  // Another hook of the same burst, whose clock read a little later, wrote first.
  assert.equal(recordGatedDecision(dir, config, T0 + 3000).tripped, false);
  assert.deepEqual(recordGatedDecision(dir, config, T0), { tripped: true, count: 2, recorded: true });
  // An entry an hour ahead (a clock set wrong) is not this window's.
  const skewed = tempState();
  recordGatedDecision(skewed, config, T0 + 3_600_000);
  assert.equal(recordGatedDecision(skewed, config, T0).tripped, false);
});
