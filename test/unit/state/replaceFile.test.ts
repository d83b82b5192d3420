// Every file AgentGuard replaces whole (the kill switch, records, caches, hook files) goes through one writer: a fresh
// file beside it, renamed over it. Its temporary name is guessable, so what is planted there must never be written.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFile } from '../../../src/core/state/replaceFile';
import { killSwitchFile, readKillSwitch, writeKillSwitch } from '../../../src/core/state';
import { installStartupLines } from '../../../src/cli/installTerminal';
import { startupFile } from '../../../src/core/terminal/startupLine';
import { scratchDir } from '../support/scratch';

const RC = 'export PATH=$HOME/bin:$PATH\n';
const NOW = Date.parse('2026-04-25T10:00:00Z');

/** The name replaceFile writes first for `file` when the clock reads NOW. */
const tempName = (file: string) => `${file}.${process.pid}.${NOW}.tmp`;

test('a link (symbolic or hard) planted at the temporary name is never written through: the file is replaced, what it names is untouched', () => {
  const dir = scratchDir('agentguard-replace-');
  const rc = path.join(dir, 'bashrc');
  fs.writeFileSync(rc, RC, { mode: 0o644 });
  const file = path.join(dir, 'state', 'record.json');
  fs.mkdirSync(path.dirname(file), { mode: 0o700 });
  const clock = mock.method(Date, 'now', () => NOW);
  try {
    for (const plant of [fs.symlinkSync, fs.linkSync]) {
      plant(rc, tempName(file));
      replaceFile(file, '{"engaged":true}\n', 0o600);
      assert.equal(fs.readFileSync(rc, 'utf8'), RC, `${plant.name}: the planted link's file must not be written`);
      assert.equal(fs.statSync(rc).mode & 0o777, 0o644, `${plant.name}: nor its mode changed`);
      assert.equal(fs.readFileSync(file, 'utf8'), '{"engaged":true}\n');
      assert.ok(fs.lstatSync(file).isFile());
      assert.deepEqual(fs.readdirSync(path.dirname(file)), ['record.json'], 'no temporary file left behind');
    }
    // A leftover of a writer that died at that name is not appended to either.
    fs.writeFileSync(tempName(file), 'half a record');
    replaceFile(file, '{}\n', 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), '{}\n');
  } finally {
    clock.mock.restore();
  }
});

test('the mode is exactly the one asked for, whatever the umask, and a missing folder is made when asked', () => {
  const dir = scratchDir('agentguard-replace-');
  const old = process.umask(0o077);
  try {
    const hook = path.join(dir, 'hooks', 'pre-commit');
    replaceFile(hook, '#!/bin/sh\nexec true\n', 0o755, { folderMode: 0o777 });
    assert.equal(fs.statSync(hook).mode & 0o777, 0o755);
    assert.throws(() => replaceFile(path.join(dir, 'none', 'x'), 'x', 0o600), /ENOENT/);
  } finally {
    process.umask(old);
  }
});

test("the kill switch is written through it: a link at its temporary name does not take the switch's text elsewhere", () => {
  const dir = scratchDir('agentguard-replace-');
  const rc = path.join(dir, 'bashrc');
  fs.writeFileSync(rc, RC);
  const state = path.join(dir, 'state');
  fs.mkdirSync(state, { mode: 0o700 });
  const clock = mock.method(Date, 'now', () => NOW);
  try {
    fs.symlinkSync(rc, tempName(killSwitchFile(state)));
    writeKillSwitch(state, { engaged: true, since: '2026-04-25T10:00:00.000Z', by: 'test' });
  } finally {
    clock.mock.restore();
  }
  assert.equal(fs.readFileSync(rc, 'utf8'), RC);
  assert.equal(readKillSwitch(state).engaged, true);
});

test("a shell's startup file is written through it: a link at its temporary name does not take the gate line elsewhere", () => {
  const home = scratchDir('agentguard-replace-');
  const other = path.join(home, 'other-file');
  fs.writeFileSync(other, RC);
  const bashrc = startupFile('bash', { HOME: home }, home);
  fs.writeFileSync(bashrc, RC, { mode: 0o640 });
  const clock = mock.method(Date, 'now', () => NOW);
  let outcome;
  try {
    fs.symlinkSync(other, tempName(bashrc));
    outcome = installStartupLines(['bash'], '/usr/bin/node', '/opt/agentguard/dist/cli.js', { HOME: home }, home);
  } finally {
    clock.mock.restore();
  }
  assert.equal(outcome[0].status, 'added', JSON.stringify(outcome));
  assert.equal(fs.readFileSync(other, 'utf8'), RC, 'the file the planted link names is untouched');
  assert.ok(fs.lstatSync(bashrc).isFile());
  assert.match(fs.readFileSync(bashrc, 'utf8'), /^export PATH=\$HOME\/bin:\$PATH\n[\s\S]*agentguard/);
  assert.equal(fs.statSync(bashrc).mode & 0o777, 0o640, 'the startup file keeps its mode');
});
