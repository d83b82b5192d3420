// The /proc readers of the local channels: /proc/net/unix picked apart as the
// kernel prints it, from a file of that shape, so each rule can be pinned.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { spawnSync, spawn } from 'node:child_process';
import { procReader, procStat, readUnixSockets } from '../../../src/channels/procfs';
import { ancestry } from '../../../src/channels/peer';

const HEADER = 'Num       RefCount Protocol Flags    Type St Inode Path';
const row = (inode: number, name: string, listening = false) =>
  `0000000000000000: 00000002 00000000 ${listening ? '00010000' : '00000000'} 0001 ${listening ? '01' : '03'} ${inode}${name ? ' ' + name : ''}`;

function withTable(lines: string[], fn: (file: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-procfs-'));
  try {
    const file = path.join(dir, 'unix');
    fs.writeFileSync(file, lines.join('\n'));
    fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('only the sockets whose line names the part are read, wherever they sit in a large table', () => {
  const judge = '@agentguard-judge-1000-4242-....';
  const lines = [HEADER, row(7, judge, true)];
  // A desktop's table: thousands of sockets, most without a name.
  for (let i = 0; i < 5000; i++) lines.push(row(10_000 + i, i % 3 ? '/run/user/1000/bus' : ''));
  lines.push(row(8, '@agentguard-judge-1000-99-agentguard-judge-twice'), row(9, judge, true));
  // The last line without its newline, as a table cut at the read limit ends.
  lines.push(row(11, '@agentguard-judge-1000-5-end', true));
  withTable(lines, (file) => {
    const all = readUnixSockets(file);
    // Every socket that has an address (two in three of the filler), not the header nor the nameless ones.
    assert.equal(all.length, 3333 + 4, 'every socket with an address, and only those');
    const judges = readUnixSockets(file, 'agentguard-judge-');
    assert.deepEqual(
      judges,
      all.filter((e) => e.path.includes('agentguard-judge-')),
      'the same entries, in the same order, each once, as reading every line',
    );
    assert.deepEqual(
      judges.map((e) => [e.inode, e.listening]),
      [
        [7, true],
        [8, false],
        [9, true],
        [11, true],
      ],
    );
    assert.equal(judges[1].path, '@agentguard-judge-1000-99-agentguard-judge-twice');
    assert.deepEqual(readUnixSockets(file, 'no-such-name'), []);
  });
});

test('a table that cannot be read has no sockets', () => {
  assert.deepEqual(readUnixSockets(path.join(os.tmpdir(), 'ag-procfs-missing', 'unix'), 'agentguard-'), []);
});

test(
  'a check reads each process once: its answers stay those of the first read',
  { skip: process.platform !== 'linux' },
  async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid!;
    const proc = procReader();
    const first = proc.stat(pid);
    assert.deepEqual(first, procStat(pid), "the first read is the kernel's");
    assert.equal(first?.ppid, process.pid);
    assert.ok(proc.exe(pid)?.endsWith('sleep'));
    const gone = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    assert.equal(procStat(pid), undefined, 'the process is gone for a new read');
    assert.equal(proc.stat(pid), first, 'the same check keeps what it read');
    assert.ok(proc.exe(pid)?.endsWith('sleep'));
    assert.equal(procReader().stat(pid), undefined, 'a new check reads again');
  },
);

test(
  'the ancestry walk ends at the first process asked for, and reads nothing above it',
  { skip: process.platform !== 'linux' },
  () => {
    const whole = ancestry(process.pid);
    const keys = [...whole.keys()];
    assert.equal(keys[0], process.pid);
    assert.equal(keys[1], process.ppid);
    const parent = ancestry(process.pid, { upTo: new Set([process.ppid, 1]) });
    assert.deepEqual([...parent.keys()], [process.pid, process.ppid]);
    assert.deepEqual(parent.get(process.ppid), whole.get(process.ppid));
    // A process that is no ancestor stops nothing: the walk goes up to init (or as far as it can read).
    const other = spawnSync('true').pid;
    assert.deepEqual([...ancestry(process.pid, { upTo: new Set([other]) }).keys()], keys);
  },
);
