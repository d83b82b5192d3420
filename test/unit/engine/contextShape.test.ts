// Every judging context has the same keys in one order (core/context.ts), so
// V8 keeps one hidden class for the contexts the engine copies for the next
// command of a line. Before, nearly every copy had a class of its own, and
// every read of a context in the packs went through V8's slowest lookup.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { makeContext } from '../../../src/core/engine';
import { lineContextAfter } from '../../../src/core/packs';
import type { SimpleCommand } from '../../../src/core/types';

const command = (argv: string[]): SimpleCommand => ({
  argv,
  dynamic: argv.map(() => false),
  redirects: [],
  cwd: '/home/ana/app',
  env: {},
  via: [],
  source: argv.join(' '),
});

test('a context has every key, in the same order on Linux and Windows and after a command of the line', () => {
  const linux = makeContext({ workspace: '/home/ana/app', home: '/home/ana', platform: 'linux' }, {});
  const windows = makeContext({ workspace: 'C:\\Users\\ana\\app', home: 'C:\\Users\\ana', platform: 'win32' }, {});
  const keys = Object.keys(linux);
  assert.deepEqual(Object.keys(windows), keys);
  const named = [
    'stateDir',
    'agentWritten',
    'windows',
    'staged',
    'remotesAdded',
    'lineMade',
    'huskySetUp',
    'webTerminalPorts',
  ];
  for (const key of named) assert.ok(keys.includes(key), `${key} is a key of every context`);
  const after = lineContextAfter(command(['npm', 'install']), linux);
  assert.equal(after.lineMade, true, 'npm install may make files: the next command is judged knowing it');
  assert.deepEqual(Object.keys(after), keys);
  const remote = lineContextAfter(command(['git', 'remote', 'add', 'backup', 'https://example.com/x.git']), after);
  assert.equal(remote.remotesAdded?.get('backup'), 'https://example.com/x.git');
  assert.deepEqual(Object.keys(remote), keys);
  const terminal = lineContextAfter(command(['ttyd', '-p', '9000', 'bash']), remote);
  assert.equal(terminal.webTerminalPorts?.get('9000'), 'ttyd');
  assert.deepEqual(Object.keys(terminal), keys);
});

test('contexts copied for the next command of a line share one hidden class in V8', () => {
  // %HaveSameMap needs V8's natives syntax: a child process of its own, reading the same compiled modules.
  const core = path.resolve(__dirname, '..', '..', '..', 'src', 'core');
  const script = `
    const { makeContext } = require(${JSON.stringify(path.join(core, 'engine.js'))});
    const { lineContextAfter } = require(${JSON.stringify(path.join(core, 'packs', 'index.js'))});
    const cmd = (argv) => ({ argv, dynamic: argv.map(() => false), redirects: [], cwd: '/w', env: {}, via: [], source: argv.join(' ') });
    const copies = [];
    for (let i = 0; i < 200; i++) {
      const ctx = makeContext({ workspace: '/w' + (i % 7), home: '/h', platform: 'linux' }, {});
      copies.push(lineContextAfter(cmd(['npm', 'install', 'p' + i]), ctx));
    }
    const classes = [];
    for (const c of copies) if (!classes.some((k) => %HaveSameMap(k, c))) classes.push(c);
    process.stdout.write(String(classes.length));
  `;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // Two at most: V8 retires the first class when `lineMade` first holds true, and the first copy may keep it.
  assert.ok(Number(r.stdout) <= 2, `${r.stdout} hidden classes for 200 contexts copied the same way`);
});
