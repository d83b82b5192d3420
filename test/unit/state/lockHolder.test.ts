// A lock whose holder is gone is broken at once; a live holder's is waited for. Real processes hold the locks:
// one that exits holding it, one reaped late (a zombie), one alive, and locks naming a process ID used again,
// another boot or another account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { acquireLock } from '../../../src/core/state/lockFile';
import { holderGone, holderMark, readLock } from '../../../src/core/state/lockHolder';
import { scratchDir } from '../support/scratch';

const lockModule = path.resolve(__dirname, '../../../src/core/state/lockFile.js');
const linux = process.platform === 'linux';

/** Node source for a child that takes `lock` and then runs `after` (it never releases it). */
const holder = (lock: string, after: string): string =>
  `const r = require(${JSON.stringify(lockModule)}).acquireLock(${JSON.stringify(lock)}, 2000);` +
  `if (!('release' in r)) { console.error(r.error); process.exit(3); }` +
  `process.stdout.write('held\\n');${after}`;

function scratch(): string {
  return fs.realpathSync(scratchDir('ag-lock-'));
}

/** Waits for a child to say it holds the lock. */
function held(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before taking the lock`)));
  });
}

test('a lock says who holds it: process ID, time, boot and process-ID namespace', { skip: !linux }, () => {
  const root = scratch();
  try {
    const lock = path.join(root, 'audit.lock');
    const got = acquireLock(lock, 100);
    assert.ok('release' in got);
    const text = fs.readFileSync(lock, 'utf8');
    assert.match(text, new RegExp(`^${process.pid} \\S+ [0-9a-f-]{36} \\d+\\n$`));
    assert.equal(text.endsWith(`${holderMark()}\n`), true);
    assert.equal(holderGone(readLock(lock)!), false, 'this process is alive: its lock is not broken');
    got.release();
    assert.equal(fs.existsSync(lock), false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a fresh lock left by a process that exited holding it is broken at once', { skip: !linux }, () => {
  const root = scratch();
  try {
    const lock = path.join(root, 'audit.lock');
    const r = spawnSync(process.execPath, ['-e', holder(lock, 'process.exit(0);')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(lock), 'the holder left its lock');
    const t0 = Date.now();
    const got = acquireLock(lock, 5000);
    const waited = Date.now() - t0;
    assert.ok('release' in got, 'error' in got ? got.error : '');
    assert.ok(waited < 1000, `waited ${waited} ms for a lock whose holder is gone (the age rule alone waits 10 s)`);
    got.release();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a lock held by a process that exited but is not reaped yet (a zombie) is broken', { skip: !linux }, async () => {
  const root = scratch();
  // The shell starts the holder and then becomes `sleep`, which never reaps it: it stays a zombie.
  const sh = spawn(
    'sh',
    ['-c', `"$0" -e "$1" & exec sleep 30`, process.execPath, holder(path.join(root, 'audit.lock'), 'process.exit(0);')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    await held(sh);
    const lock = path.join(root, 'audit.lock');
    const pid = Number(fs.readFileSync(lock, 'utf8').split(' ')[0]);
    for (let i = 0; i < 200 && !/\) Z /.test(readStat(pid)); i++) await new Promise((r) => setTimeout(r, 10));
    assert.match(readStat(pid), /\) Z /, 'the holder is a zombie');
    const got = acquireLock(lock, 5000);
    assert.ok('release' in got, 'error' in got ? got.error : '');
    got.release();
  } finally {
    sh.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  }
});

function readStat(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

test("a live holder's lock is waited for, and stays its own", { skip: !linux }, async () => {
  const root = scratch();
  const lock = path.join(root, 'audit.lock');
  const child = spawn(process.execPath, ['-e', holder(lock, 'setTimeout(() => {}, 30000);')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await held(child);
    const before = fs.readFileSync(lock, 'utf8');
    const got = acquireLock(lock, 300);
    assert.ok('error' in got && /stayed locked for 300 ms/.test(got.error), JSON.stringify(got));
    assert.equal(fs.readFileSync(lock, 'utf8'), before, 'the live holder keeps its lock');
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test(
  'a lock naming a process ID used again, another boot, or another format is judged as it should be',
  { skip: !linux },
  async () => {
    const root = scratch();
    // A process that started just now: a lock naming its ID and written seconds before names another process.
    const later = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const lock = path.join(root, 'audit.lock');
      const [, boot, ns] = /^ (\S+) (\d+)$/.exec(holderMark())!;
      const write = (text: string, secondsAgo = 0) => {
        fs.rmSync(lock, { force: true });
        fs.writeFileSync(lock, text, { mode: 0o600 });
        const at = new Date(Date.now() - secondsAgo * 1000);
        fs.utimesSync(lock, at, at);
        return readLock(lock)!;
      };
      const pid = later.pid!;
      for (let i = 0; i < 200 && !fs.existsSync(`/proc/${pid}/stat`); i++) await new Promise((r) => setTimeout(r, 10));
      // The ID now names a process that started after the lock was written: the holder is gone.
      assert.equal(holderGone(write(`${pid} t ${boot} ${ns}\n`, 5)), true);
      // Written after that process started: it may be the holder, alive.
      assert.equal(holderGone(write(`${pid} t ${boot} ${ns}\n`)), false);
      // No such process, but on another boot (a home shared with another machine) or in another namespace: not known.
      const none = 4_194_303; // above any pid_max a process gets here
      assert.equal(holderGone(write(`${none} t 00000000-0000-0000-0000-000000000000 ${ns}\n`)), false);
      assert.equal(holderGone(write(`${none} t ${boot} 1\n`)), false);
      assert.equal(holderGone(write(`${none} t ${boot} ${ns}\n`)), true);
      // An older version's lock (ID and time only), one still being written, or another account's: not known.
      assert.equal(holderGone(write(`${none} 2026-11-28T10:00:00Z\n`)), false);
      assert.equal(holderGone(write('')), false);
      assert.equal(holderGone({ ...write(`${none} t ${boot} ${ns}\n`), uid: process.getuid!() + 1 }), false);
      // Such a lock, fresh, is waited for: only the age rule breaks it.
      write(`${none} 2026-11-28T10:00:00Z\n`);
      const got = acquireLock(lock, 100);
      assert.ok('error' in got);
    } finally {
      later.kill('SIGKILL');
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
);

test('a lock broken as stale and taken by another process is not removed by the first holder', () => {
  const root = scratch();
  try {
    const lock = path.join(root, 'audit.lock');
    const first = acquireLock(lock, 100);
    assert.ok('release' in first);
    // The first holder stalls past the age rule; another process breaks the lock and takes it.
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    const second = acquireLock(lock, 100);
    assert.ok('release' in second, 'the stale lock is broken');
    first.release();
    assert.ok(fs.existsSync(lock), "the first holder's release leaves the second holder's lock");
    second.release();
    assert.equal(fs.existsSync(lock), false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
