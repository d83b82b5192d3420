// Every scope the shell reader walks a line in starts from rootScope, which has every key of Scope, in one order
// (normalize/scope.ts), so the scopes made from it by spread, by `child` and `deeper`, or set in place keep V8's one
// hidden class. Before, the outermost scope had six keys, each optional one added (stdin, repeated, remote …) made
// a class of its own, and the stores into a spread copy (`{ ...s, via, depth }`) missed V8's caches at every line.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { child, deeper, rootScope } from '../../../../src/core/parse/normalize/scope';

const KEYS = [
  'cwd',
  'vars',
  'functions',
  'locals',
  'globals',
  'calling',
  'via',
  'remote',
  'depth',
  'stdin',
  'repeated',
  'runTimeProgramsQuiet',
  'failedCd',
  'elsewhere',
  'runnerCd',
];

test('the outermost scope and a wrapper scope have every key of Scope, in one order', () => {
  const root = rootScope('/w', { HOME: '/h' });
  assert.deepEqual(Object.keys(root), KEYS);
  const inner = deeper(child(root, { stdin: 'x', repeated: true }), ['sudo'], { kind: 'ssh', target: 'db' });
  assert.deepEqual(Object.keys(inner), KEYS);
  assert.equal(inner.depth, 1);
  assert.deepEqual(inner.via, ['sudo']);
  assert.equal(inner.stdin, 'x');
  assert.equal(inner.repeated, true);
  assert.deepEqual(inner.remote, { kind: 'ssh', target: 'db' });
  assert.equal(inner.cwd, '/w');
  assert.equal(deeper(inner, [], undefined, '/elsewhere').cwd, '/elsewhere');
  assert.deepEqual(deeper(inner, []).remote, inner.remote, 'the remote carries over unless another is given');
});

test('scopes made as the walkers make them share two hidden classes in V8, whatever keys they set', () => {
  // %HaveSameMap needs V8's natives syntax: a child process of its own, reading the same compiled module.
  const scopeModule = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'core', 'parse', 'normalize', 'scope.js');
  const script = `
    const { child, deeper, rootScope } = require(${JSON.stringify(scopeModule)});
    const root = rootScope('/w', { HOME: '/h' });
    const made = [
      child(root),
      child(root, { stdin: 'input' }),
      child(root, { repeated: true }),
      child(root, { runTimeProgramsQuiet: true }),
      { ...root, via: [...root.via, 'sudo'], depth: root.depth + 1 },
      { ...root, remote: { kind: 'ssh', target: 'db' }, via: ['ssh'], depth: 1 },
      { ...child(root, { locals: {} }), calling: ['f'] },
      deeper(root, ['env']),
      deeper(child(root, { stdin: 'x' }), ['ssh'], { kind: 'ssh', target: 'db' }, '/tmp'),
    ];
    const set = child(root);
    set.repeated = true;
    set.stdin = 'y';
    made.push(set);
    const classes = [root];
    for (const s of made) if (!classes.some((k) => %HaveSameMap(k, s))) classes.push(s);
    if (!%HaveSameMap(root, made[made.length - 3])) throw new Error('deeper() made a class of its own');
    process.stdout.write(JSON.stringify({ count: made.length + 1, classes: classes.length }));
  `;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { count, classes } = JSON.parse(r.stdout) as { count: number; classes: number };
  // One for scopes written key by key, one for spread copies.
  assert.equal(classes, 2, `${classes} hidden classes for ${count} scopes`);
});
