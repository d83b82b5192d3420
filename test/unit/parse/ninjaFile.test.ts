// ninja's build files read as the commands their edges run: rules, `$in`/`$out`, file, rule and edge variables,
// `default`, the edges a target needs, `include`, and the bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandNinja, ninjaLines, readNinja } from '../../../src/core/parse/ninjaFile';

const none = () => undefined;
const inside = (p: string) => !p.startsWith('/') && !p.startsWith('~');

const FILE = [
  'cflags = -O2',
  'rule cc',
  '  command = gcc $cflags -c $in -o $out',
  'rule wipe',
  '  command = rm -rf $out',
  'rule gen',
  '  command = ./gen.sh $extra > $out',
  'build a.o: cc a.c',
  'build b.o: cc b.c | gen.h',
  'build gen.h: gen gen.sh',
  '  extra = --fast',
  'build app: cc a.o b.o',
  'build /home/u/notes: wipe',
  'build all: phony app',
  'default all',
].join('\n');

test('the default target runs the edges it needs, each line once however many sources share it', () => {
  const { lines, unread } = ninjaLines(readNinja(FILE, none), [], inside);
  assert.equal(unread, undefined);
  // a.o and b.o compile alike: one of the two lines is judged. The link and the generator are lines of their own.
  assert.equal(lines.length, 3, lines.join(' | '));
  assert.ok(lines.includes('./gen.sh --fast > gen.h'));
  assert.ok(lines.includes('gcc -O2 -c a.o b.o -o app'));
  assert.ok(lines.some((l) => /^gcc -O2 -c [ab]\.c -o [ab]\.o$/.test(l)));
  assert.ok(!lines.some((l) => l.includes('notes')));
});

test('a target names its own edges; a path outside the build stays itself', () => {
  assert.deepEqual(ninjaLines(readNinja(FILE, none), ['/home/u/notes'], inside).lines, ['rm -rf /home/u/notes']);
  assert.deepEqual(ninjaLines(readNinja(FILE, none), ['gen.h'], inside).lines, ['./gen.sh --fast > gen.h']);
});

test('with no default, every output no edge uses is built', () => {
  const text = 'rule r\n  command = touch $out\nrule x\n  command = rm -rf ~/notes\nbuild a: r\nbuild b: x\n';
  assert.deepEqual(ninjaLines(readNinja(text, none), [], inside).lines.sort(), ['rm -rf ~/notes', 'touch a']);
});

test('line continuations, escapes and include', () => {
  const text = 'include rules.ninja\nbuild out$ file: r in$:put $\n    more\n';
  const build = readNinja(text, (name) => (name === 'rules.ninja' ? 'rule r\n  command = cp $in "$out"\n' : undefined));
  assert.deepEqual(ninjaLines(build, ['out file'], () => false).lines, ['cp in:put more "out file"']);
  assert.equal(
    expandNinja('a$$b$ c${x}$y', (n) => (n === 'x' ? 'X' : undefined)),
    'a$b cX',
  );
  assert.match(readNinja('include gone.ninja\n', none).unread ?? '', /gone\.ninja/);
});

test('past the bounds the rest is reported unread', () => {
  const many = ['rule r', '  command = echo $out'];
  for (let i = 0; i < 300; i++) many.push(`build /o/${i}: r`);
  assert.match(ninjaLines(readNinja(many.join('\n'), none), [], inside).unread ?? '', /distinct commands/);
  const deep = (n: number): string | undefined => (n < 40 ? `include f${n + 1}.ninja\n` : undefined);
  const build = readNinja('include f1.ninja\n', (name) => deep(Number(/\d+/.exec(name)![0])));
  assert.match(build.unread ?? '', /build files/);
});
