// The YAML reader behind Taskfiles and pm2's ecosystem files: what real files are written with (block scalars, keys
// with colons, anchors, flow collections over several lines) is read; what it does not know gives undefined, so the
// caller asks rather than guesses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yamlData } from '../../../src/core/parse/yamlData';

test('literal and folded block scalars are read with their chomping', () => {
  assert.deepEqual(yamlData('a: |\n  one\n  two\nb: x\n'), { a: 'one\ntwo\n', b: 'x' });
  assert.deepEqual(yamlData('a: |-\n  one\n\n  # kept\n  two\n'), { a: 'one\n\n# kept\ntwo' });
  assert.deepEqual(yamlData('a: >-\n  rm -rf\n  build\n\n  next\n'), { a: 'rm -rf build\nnext' });
  assert.deepEqual(yamlData('a: >\n  one\n    more\n  two\n'), { a: 'one\n  more\ntwo\n' });
  assert.deepEqual(yamlData('cmds:\n  - |\n    rm -f x\n    echo y\n  - cmd: |\n      ls\n'), {
    cmds: ['rm -f x\necho y\n', { cmd: 'ls\n' }],
  });
});

test('keys with colons, flow mappings, and flow or quoted values over several lines', () => {
  assert.deepEqual(yamlData('tasks:\n  lint:fix: go vet\n  a: "x: y"\n'), {
    tasks: { 'lint:fix': 'go vet', a: 'x: y' },
  });
  assert.deepEqual(yamlData('v: {sh: pwd, n: [1, {a: b}]}\n'), { v: { sh: 'pwd', n: ['1', { a: 'b' }] } });
  assert.deepEqual(yamlData('deps: [\n  a, b,\n  c,\n]\nx: 1\n'), { deps: ['a', 'b', 'c'], x: '1' });
  assert.deepEqual(yamlData('k:\n  "one \\\n  two"\n'), { k: 'one  two' });
});

test('anchors are copied where their aliases stand, within the bound on values read', () => {
  assert.deepEqual(yamlData('x: &env\n  A: "1"\ntasks:\n  t:\n    env: *env\n    vars: { V: *env }\n'), {
    x: { A: '1' },
    tasks: { t: { env: { A: '1' }, vars: { V: { A: '1' } } } },
  });
  // Aliases of aliases grow as powers: past the bound the document is not read.
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++)
    laughs.push(
      `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
        .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
        .join(', ')}]`,
    );
  assert.equal(yamlData(laughs.join('\n') + '\n'), undefined);
  assert.equal(yamlData('a: *nowhere\n'), undefined);
});

test("merge keys add the merged mappings' keys a mapping does not set itself, wherever it sets them", () => {
  const text = [
    'x-base: &base',
    '  image: alpine',
    '  command: rm -rf /h/notes',
    '  volumes: ["/home:/h"]',
    'x-more: &more',
    '  user: root',
    '  image: busybox',
    'services:',
    '  a:',
    '    <<: *base',
    '  b:',
    '    command: "true"',
    '    <<: [*more, *base]',
    '',
  ].join('\n');
  const read = yamlData(text) as { services: Record<string, Record<string, unknown>> };
  assert.deepEqual(read.services.a, { image: 'alpine', command: 'rm -rf /h/notes', volumes: ['/home:/h'] });
  // The mapping's own key wins though written first; of two merged mappings, the earlier.
  assert.deepEqual(read.services.b, { command: 'true', user: 'root', image: 'busybox', volumes: ['/home:/h'] });
  assert.deepEqual(yamlData('"<<": 1\n'), { '<<': '1' });
});

test('what the reader does not know is not guessed at', () => {
  for (const text of [
    'a: !!str 1\n',
    'a: b\n---\nc: d\n',
    'a: one\n  two\n',
    '<<: 1\n',
    'a:\n  <<: [*x]\n',
    'a: [b\n',
    'a: "open\n',
  ])
    assert.equal(yamlData(text), undefined, text);
});
