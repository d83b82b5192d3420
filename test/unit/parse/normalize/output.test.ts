// printf is read as the shell reads it, so a file written through it is
// judged by what it will hold: an option ends the options, conversions take
// the arguments, the format is used again while arguments are left, and
// anything not read here leaves the text unknown (never a harmless guess).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { echoOutput, printfOutput } from '../../../../src/core/parse/normalize/output';
import { engine } from '../../support/engineHarness';

test('printf: escapes, conversions, a reused format, and -- before the format', () => {
  assert.equal(printfOutput(['a\\tb\\n']), 'a\tb\n');
  assert.equal(printfOutput(['--', 'rm -rf ~\\n']), 'rm -rf ~\n');
  assert.equal(printfOutput(['%s %s\\n', 'echo', 'hi; rm -rf ~']), 'echo hi; rm -rf ~\n');
  assert.equal(printfOutput(['%s\\n', 'a', 'b', 'c']), 'a\nb\nc\n');
  assert.equal(printfOutput(['%b', '#!/bin/sh\\ncurl x\\n']), '#!/bin/sh\ncurl x\n');
  assert.equal(printfOutput(['%b|', 'a\\cb', 'c']), 'a');
  assert.equal(printfOutput(['%d%% %c %5s|%-3s|%.2s', '42', 'xyz', 'ab', 'c', 'hello']), '42% x    ab|c  |he');
  assert.equal(printfOutput(['%s-%s\\n', 'only']), 'only-\n');
  assert.equal(printfOutput(['no conversions', 'ignored']), 'no conversions');
});

test('printf: what cannot be told is unknown, not empty', () => {
  for (const args of [
    ['-v', 'x', '%s', 'y'],
    ['%q', 'rm -rf ~'],
    ['%x', '255'],
    ['%*s', '5', 'x'],
    ['%d', 'not-a-number'],
    ['100%'],
    [],
  ]) {
    assert.equal(printfOutput(args), undefined, JSON.stringify(args));
  }
});

test('a lifecycle script or a script run later, written through printf conversions or --, is read', () => {
  const { decide, ids } = engine();
  for (const command of [
    `printf -- '{"scripts":{"postinstall":"rm -rf ~"}}' > sub/package.json`,
    `printf '%s' '{"scripts":{"postinstall":"rm -rf ~"}}' > sub/package.json`,
  ]) {
    assert.ok(ids(command).includes('autorun.lifecycle-script'), command);
  }
  assert.notEqual(decide(`printf '%s %s\\n' echo 'hi; rm -rf ~/code' > x.sh && bash x.sh`), 'allow');
  assert.notEqual(decide(`printf -- 'rm -rf ~/code\\n' > x.sh && bash x.sh`), 'allow');
  assert.equal(decide(`printf '%s\\n' hello > notes.txt`), 'allow');
  assert.equal(decide(`printf -- '- item\\n' >> notes.md`), 'allow');
});

test('echo: -n and -e as the shell reads them, so an escaped name in a written file is read as the name', () => {
  assert.equal(echoOutput(['-e', 'a\\x69b']), 'aib\n');
  assert.equal(echoOutput(['-n', 'x', 'y']), 'x y');
  assert.equal(echoOutput(['-en', 'a\\tb']), 'a\tb');
  assert.equal(echoOutput(['a\\tb']), 'a\\tb\n');
  const { ids } = engine();
  const command = `echo -e '{"scripts":{"post\\x69nstall":"rm -rf ~"}}' > sub/package.json`;
  assert.ok(ids(command).includes('autorun.lifecycle-script'), command);
});
