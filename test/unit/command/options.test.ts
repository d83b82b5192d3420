// The shared option reader (command/options.ts) on its own: getopt's clusters,
// attached and separate values, `--name=value`, `--`, operands between options
// or ending them, letters it does not know, and Go's flag package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOptions, readPlacedOptions, type GetoptStyle } from '../../../src/core/command/options';

const STYLE: GetoptStyle = { short: 'pw', long: ['--port', '--hosts'] };

test('clustered letters are flags until one that takes a value, which takes the rest of the word', () => {
  assert.deepEqual(readOptions(['x', '-vWp8080', 'cmd'], 1, STYLE), {
    options: [{ name: '-v' }, { name: '-W' }, { name: '-p', value: '8080' }],
    operands: ['cmd'],
  });
});

test('a value is attached or the next word, for letters and long names', () => {
  assert.deepEqual(readOptions(['x', '-p', '80', '-w', 'web1', '--port', '81', '--hosts=h.txt', 'cmd'], 1, STYLE), {
    options: [
      { name: '-p', value: '80' },
      { name: '-w', value: 'web1' },
      { name: '--port', value: '81' },
      { name: '--hosts', value: 'h.txt' },
    ],
    operands: ['cmd'],
  });
  // `--name=value` carries a value whether or not the name is known to take one; a known one is no flag.
  assert.deepEqual(readOptions(['x', '--color=never', '--verbose'], 1, STYLE).options, [
    { name: '--color', value: 'never' },
    { name: '--verbose' },
  ]);
  // The line ends where the value should be.
  assert.deepEqual(readOptions(['x', '-p'], 1, STYLE).options, [{ name: '-p', value: '' }]);
});

test('a letter not in the table is a flag, and the next word stays an operand', () => {
  assert.deepEqual(readOptions(['x', '-z', 'cmd', 'arg'], 1, STYLE), {
    options: [{ name: '-z' }],
    operands: ['cmd', 'arg'],
  });
});

test('-- ends the options, and its words are operands', () => {
  assert.deepEqual(readOptions(['x', '-w', 'a', '--', '-p', '80'], 1, STYLE), {
    options: [{ name: '-w', value: 'a' }],
    operands: ['-p', '80'],
  });
});

test('the first operand ends the options unless they permute', () => {
  const argv = ['x', 'target', '-p', '80', 'cmd', '-v'];
  assert.deepEqual(readOptions(argv, 1, STYLE), { options: [], operands: ['target', '-p', '80', 'cmd', '-v'] });
  assert.deepEqual(readOptions(argv, 1, { ...STYLE, permute: true }), {
    options: [{ name: '-p', value: '80' }, { name: '-v' }],
    operands: ['target', 'cmd'],
  });
  // A lone dash is an operand (stdin), and reading starts at the word asked.
  assert.deepEqual(readOptions(['x', 'ssh', '-', '-p1'], 2, STYLE), { options: [], operands: ['-', '-p1'] });
});

test("Go's flags: one dash or two, a word an option, a value unless the flag is boolean", () => {
  assert.deepEqual(
    readOptions(['g', '-w', '--port', '80', '-address=0.0.0.0', '--once=false', '-title', 't', 'bash', '-x'], 1, {
      go: true,
      booleans: ['-w', '-once'],
    }),
    {
      options: [
        { name: '-w' },
        { name: '-port', value: '80' },
        { name: '-address', value: '0.0.0.0' },
        { name: '-once', value: 'false' },
        { name: '-title', value: 't' },
      ],
      operands: ['bash', '-x'],
    },
  );
  // Never clustered: `-wp` is one name.
  assert.deepEqual(readOptions(['g', '-wp', '80'], 1, { go: true, booleans: ['-w'] }).options, [
    { name: '-wp', value: '80' },
  ]);
});

test('a letter with an optional value takes only the rest of its word; a unique beginning of a long name reads as it', () => {
  const style: GetoptStyle = { ...STYLE, optional: 'q', abbreviations: ['--port', '--hosts', '--help'] };
  assert.deepEqual(readOptions(['x', '-qw', '-p', '80', '-q', '--po', '81', '--ho=h', '--h'], 1, style).options, [
    { name: '-q', value: 'w' },
    { name: '-p', value: '80' },
    { name: '-q' },
    { name: '--port', value: '81' },
    { name: '--hosts', value: 'h' },
    // Two names begin so: left as written.
    { name: '--h' },
  ]);
});

test('placed options give the words each was read from', () => {
  assert.deepEqual(
    readPlacedOptions(['x', '-vp', '80', '-p8', '--hosts', 'h'], 1, STYLE).options.map((o) => [o.name, o.word, o.last]),
    [
      ['-v', 1, 1],
      ['-p', 1, 2],
      ['-p', 3, 3],
      ['--hosts', 4, 5],
    ],
  );
});
