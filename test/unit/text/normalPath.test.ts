// Paths already absolute and normal are joined without Node's normalizing, and must come out as path.join
// makes them, for every path: normal ones, and the `//`, `.`, `..` and trailing `/` that send them to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { isNormalAbsolute, joinName, posixJoinRel } from '../../../src/core/text/normalPath';

/** Every path of up to `n` pieces among `/`, `.`, `..`, `a` and `b.c`: what normalizing may or may not change. */
function paths(n: number): string[] {
  const pieces = ['/', '.', '..', 'a', 'b.c'];
  let level = [''];
  const out = [''];
  for (let i = 0; i < n; i++) {
    level = level.flatMap((p) => pieces.map((x) => p + x));
    out.push(...level);
  }
  return out;
}

test('a path is normal and absolute exactly when path.posix.resolve returns it as it is', () => {
  for (const p of paths(6)) {
    const normal = p.startsWith('/') && p !== '/' && path.posix.resolve(p) === p;
    assert.equal(isNormalAbsolute(p), normal, JSON.stringify(p));
  }
});

test('a name joined to a folder is what path.join makes of them', () => {
  for (const dir of paths(5))
    for (const name of ['.git', 'a', '..x', 'config'])
      assert.equal(joinName(dir, name), path.join(dir, name), `${JSON.stringify(dir)} + ${name}`);
});

test('a relative path joined to a folder is what path.posix.join makes of them, for every folder and every path', () => {
  const dirs = paths(4);
  const rels = [...paths(4), '.config/Code/User/settings.json', 'Library/Application Support/x', '.a/.b', '...'];
  for (const dir of dirs)
    for (const rel of rels)
      assert.equal(
        posixJoinRel(dir, rel),
        path.posix.join(dir, rel),
        `${JSON.stringify(dir)} + ${JSON.stringify(rel)}`,
      );
});
