// The sandbox probe's kept answer: a success is kept, "not installed" never
// is (bubblewrap installed on doctor's advice is used from the next call
// on), and a failed trial holds only while the bwrap it ran does.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { sandboxAvailability } from '../../../src/core/sandbox';

const REAL_BWRAP = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p));
const linux = process.platform === 'linux';

function scratch(): { state: string; bin: string; bwrap: string; done(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-probe-'));
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  return {
    state: path.join(root, 'state'),
    bin,
    bwrap: path.join(bin, 'bwrap'),
    done: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

test(
  'bubblewrap installed after a "not installed" answer is found at the next probe, not a day later',
  { skip: !linux || !REAL_BWRAP ? 'needs Linux and bubblewrap' : false },
  () => {
    const s = scratch();
    try {
      const missing = sandboxAvailability(s.state, 'linux', Date.now(), [s.bwrap]);
      assert.equal(missing.ok, false);
      assert.match(!missing.ok ? missing.reason : '', /not installed/);
      // The human follows the advice: bubblewrap is there now (the real binary).
      fs.copyFileSync(REAL_BWRAP!, s.bwrap);
      fs.chmodSync(s.bwrap, 0o755);
      const found = sandboxAvailability(s.state, 'linux', Date.now() + 1000, [s.bwrap]);
      assert.equal(found.ok, true, JSON.stringify(found));
      assert.equal(found.ok && found.binary, s.bwrap);
    } finally {
      s.done();
    }
  },
);

test(
  'a successful trial is kept: the next probe does not run bwrap again',
  { skip: !linux || !REAL_BWRAP ? 'needs Linux and bubblewrap' : false },
  () => {
    const s = scratch();
    try {
      // A bwrap that counts its runs and then runs the real one.
      const runs = path.join(s.bin, 'runs');
      fs.writeFileSync(s.bwrap, `#!/bin/sh\necho run >> '${runs}'\nexec '${REAL_BWRAP}' "$@"\n`, { mode: 0o755 });
      assert.equal(sandboxAvailability(s.state, 'linux', Date.now(), [s.bwrap]).ok, true);
      assert.equal(sandboxAvailability(s.state, 'linux', Date.now() + 1000, [s.bwrap]).ok, true);
      assert.equal(fs.readFileSync(runs, 'utf8').trim().split('\n').length, 1, 'one trial for two probes');
    } finally {
      s.done();
    }
  },
);

test(
  'a failed trial holds while its bwrap is unchanged, and a replaced bwrap is tried again',
  { skip: !linux || !REAL_BWRAP ? 'needs Linux and bubblewrap' : false },
  () => {
    const s = scratch();
    try {
      const runs = path.join(s.bin, 'runs');
      fs.writeFileSync(
        s.bwrap,
        `#!/bin/sh\necho run >> '${runs}'\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n`,
        { mode: 0o755 },
      );
      const t0 = Date.now();
      const failed = sandboxAvailability(s.state, 'linux', t0, [s.bwrap]);
      assert.match(!failed.ok ? failed.reason : '', /cannot start here \(bwrap: No permissions/);
      assert.equal(sandboxAvailability(s.state, 'linux', t0 + 1000, [s.bwrap]).ok, false);
      assert.equal(fs.readFileSync(runs, 'utf8').trim().split('\n').length, 1, 'the failed trial was kept');
      // Fixed: a working bwrap in its place (a new file, a new modification time).
      fs.rmSync(s.bwrap);
      fs.writeFileSync(s.bwrap, `#!/bin/sh\necho run >> '${runs}'\nexec '${REAL_BWRAP}' "$@"\n`, { mode: 0o755 });
      fs.utimesSync(s.bwrap, new Date(), new Date(t0 + 5000));
      assert.equal(sandboxAvailability(s.state, 'linux', t0 + 2000, [s.bwrap]).ok, true);
    } finally {
      s.done();
    }
  },
);

test(
  'a kept success stops holding when bubblewrap is removed',
  { skip: !linux || !REAL_BWRAP ? 'needs Linux and bubblewrap' : false },
  () => {
    const s = scratch();
    try {
      fs.copyFileSync(REAL_BWRAP!, s.bwrap);
      fs.chmodSync(s.bwrap, 0o755);
      assert.equal(sandboxAvailability(s.state, 'linux', Date.now(), [s.bwrap]).ok, true);
      fs.rmSync(s.bwrap);
      const gone = sandboxAvailability(s.state, 'linux', Date.now() + 1000, [s.bwrap]);
      assert.match(!gone.ok ? gone.reason : '', /not installed/);
    } finally {
      s.done();
    }
  },
);
