// A path's real path is the real path of its deepest existing ancestor with the rest appended. For a path already
// absolute and normal the engine finds the ancestors by its slashes instead of splitting and joining it again: the
// answer must be the one splitting and joining gives, whatever the real paths the file system answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { realOf } from '../../../src/core/guard/realPaths';
import type { AnalysisContext } from '../../../src/core/types';

const posix = path.posix;

/** realOf as spelled out with dirname, basename and join, for every path. */
function joined(p: string, realpath: (p: string) => string | undefined): string {
  let rest = '';
  let q = p;
  for (let i = 0; i < 64; i++) {
    const r = realpath(q);
    if (r !== undefined) return rest ? posix.join(r, rest) : r;
    if (q === '/' || q === '.') return p;
    rest = rest ? posix.join(posix.basename(q), rest) : posix.basename(q);
    q = posix.dirname(q);
  }
  return p;
}

const PATHS = ['/', '/a', '/a/b', '/a/b/c.d', '/a/.e/f..', '/srv/code/app/build/out.js', '/a//b', '/a/./b', '/a/b/'];
const REALS = ['/', '/x', '/x/y', '/x/', '//x', '/x/./y', '/x/../y', 'rel', './rel', 'C:/w', ''];

test("a path's real path is its deepest existing ancestor's, with the rest appended as splitting and joining do", () => {
  for (const p of PATHS) {
    const ancestors: string[] = [];
    for (let q = p; ; q = posix.dirname(q)) {
      ancestors.push(q);
      if (q === '/' || q === '.') break;
    }
    // Each ancestor in turn is the deepest that exists, answered by each kind of real path; and none exists.
    for (const at of [...ancestors, undefined])
      for (const real of REALS) {
        const realpath = (q: string) => (q === at ? real : undefined);
        const ctx = { realpath } as unknown as AnalysisContext;
        assert.equal(realOf(p, ctx), joined(p, realpath), `${p}, ${at} is ${JSON.stringify(real)}`);
      }
  }
});
