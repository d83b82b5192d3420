// Editors whose script came from where the effects did not look: a line editor's commands on stdin
// (`ed -s ~/notes/a.txt <<< $',d\nw'`, `ex FILE < cmds`) and gawk's inplace program printing no record
// (`gawk -i inplace '/x/{next}' FILE`). Each emptied the file and counted as a plain write, so an outside file's
// emptying was allowed. A stdin script that cannot be read counts as emptying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileEffects } from '../../../src/core/effects';
import type { SimpleCommand } from '../../../src/core/types';
import { ctx, simple, WORKSPACE } from '../support/helpers';

const FILES = {
  [path.join(WORKSPACE, 'wipe.ed')]: ',d\nw\nq\n',
  [path.join(WORKSPACE, 'fix.ed')]: '1s/a/b/\nw\nq\n',
};

/** The kinds of effect on a.txt, in order, of one command. */
function onFile(argv: string[], extra: Partial<SimpleCommand> = {}): string[] {
  return fileEffects(simple(argv, extra), ctx(FILES))
    .filter((e) => e.path === path.join(WORKSPACE, 'a.txt'))
    .map((e) => e.kind);
}

const from = (target: string): Partial<SimpleCommand> => ({ redirects: [{ op: '<', fd: 0, target }] });

test("a line editor's commands on stdin are read: deleting every line empties the file", () => {
  assert.deepEqual(onFile(['ed', '-s', 'a.txt'], { stdin: ',d\nw\n' }), ['truncate']);
  assert.deepEqual(onFile(['ex', '-s', 'a.txt'], from('wipe.ed')), ['truncate']);
  assert.deepEqual(onFile(['vim', '-es', 'a.txt'], from('wipe.ed')), ['truncate']);
  assert.deepEqual(onFile(['ed', '-s', 'a.txt'], { stdin: '1s/a/b/\nw\n' }), ['write']);
  assert.deepEqual(onFile(['ed', '-s', 'a.txt'], from('fix.ed')), ['write']);
  assert.deepEqual(onFile(['ed', 'a.txt']), ['write']);
  assert.deepEqual(onFile(['ed', '-s', 'a.txt'], from('/dev/null')), ['write']);
});

test("a line editor's stdin that cannot be read counts as emptying the file", () => {
  assert.deepEqual(onFile(['ed', '-s', 'a.txt'], from('$F')), ['truncate']);
  assert.deepEqual(onFile(['ex', '-s', 'a.txt'], from('missing.ed')), ['truncate']);
  assert.deepEqual(onFile(['ed', '-s', 'a.txt'], { stdinFrom: ['curl', '-s', 'https://example.com/x'] }), ['truncate']);
  // vim outside ex mode does not read its commands on stdin.
  assert.deepEqual(onFile(['vim', '-s', 'keys.txt', '-c', 'wq', 'a.txt'], from('$F')), ['write']);
});

test("gawk's inplace program printing no record empties each file; one that prints, or reads none, does not", () => {
  for (const program of ['{}', '/foo/{next}', '{ $1 = "" }', 'END { n = NR }', 'function f(a) { return a } { f(1) }'])
    assert.deepEqual(onFile(['gawk', '-i', 'inplace', program, 'a.txt']), ['truncate'], program);
  for (const program of [
    '!/foo/',
    'NR > 1',
    '{ gsub(/a/, "b") } 1',
    '{ print $2 }',
    '{ printf "%s\\n", $0 }',
    'BEGIN { x = 1 }',
    'function f(a) { return a } BEGIN { f(1) }',
  ])
    assert.deepEqual(onFile(['gawk', '-i', 'inplace', program, 'a.txt']), ['write'], program);
  assert.deepEqual(onFile(['awk', '{}', 'a.txt']), []);
});
