// The guard finds the first protected place a touch reaches through an index
// of the places' paths; it must answer exactly what trying every place in
// order answers, for every kind of touch: a path at, above or below a place,
// a folder taken whole, `/`, a path with a trailing slash, a glob.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitsPath, type Touch } from '../../../src/core/effects/pathTouch';
import { guardPlaces, type GuardPlace } from '../../../src/core/guard';
import { firstPlaceHit } from '../../../src/core/guard/placeIndex';
import { globRegex } from '../../../src/core/effects/pathTouch';

const WORKSPACE = '/srv/code/app';
const HOME = '/home/ana';
const PLACES = guardPlaces(WORKSPACE, HOME, ['/opt/agentguard/dist']);

function touches(paths: readonly string[]): Touch[] {
  const out: Touch[] = [];
  for (const p of paths) {
    out.push({ kind: 'write', path: p, dir: p, tree: false });
    out.push({ kind: 'delete', path: p, dir: p, tree: true });
    out.push({ kind: 'chmod', path: p, dir: p, tree: false });
    out.push({ kind: 'write', path: p + '/', dir: p + '/', tree: false });
    // A dynamic word in the folder: its static folder goes whole.
    const dir = p.slice(0, p.lastIndexOf('/')) || '/';
    out.push({ kind: 'delete', path: p + '$X', dir, tree: false });
    // A file known by its ending: only places of that ending go with it.
    for (const end of ['.json', '.tgz'])
      out.push({ kind: 'write', path: `${dir}/b-$X${end}`, dir, tree: false, nameEnds: end });
    const glob = globRegex(dir + '/*');
    if (glob) out.push({ kind: 'delete', path: dir + '/*', dir, tree: false, glob });
  }
  return out;
}

test('the first place a touch reaches is the one trying every place in order finds', () => {
  const paths = new Set<string>(['/', '/home', HOME, WORKSPACE, '/srv', '/etc/profile', '/tmp/x', HOME + '/.claude']);
  for (const g of PLACES) {
    paths.add(g.path);
    paths.add(g.path + '/inside/file');
    for (let d = g.path; d.length > 1; d = d.slice(0, d.lastIndexOf('/')) || '/') paths.add(d);
    paths.add(g.path + '.bak');
  }
  const all = touches([...paths]);
  let hits = 0;
  for (const t of all) {
    const expected = PLACES.find((g) => hitsPath(t, g.path));
    assert.equal(firstPlaceHit(t, PLACES), expected, `${t.kind} ${t.path} (dir ${t.dir}, tree ${t.tree})`);
    if (expected) hits++;
  }
  assert.ok(PLACES.length > 100, `${PLACES.length} places`);
  assert.ok(hits > all.length / 4 && hits < all.length, `${hits} of ${all.length} touches reach a place`);
});

test('a place at / and places listed twice keep the list order', () => {
  const list: GuardPlace[] = [
    { path: '/a/b', kind: 'hook' },
    { path: '/', kind: 'shell' },
    { path: '/a/b', kind: 'cli' },
    { path: '/a/b/c', kind: 'launcher' },
  ];
  for (const t of touches(['/a/b/c', '/a', '/x', '/a/b'])) {
    assert.equal(
      firstPlaceHit(t, list),
      list.find((g) => hitsPath(t, g.path)),
      `${t.kind} ${t.path}`,
    );
  }
  assert.equal(firstPlaceHit({ kind: 'write', path: '/x', dir: '/x', tree: false }, list), list[1]);
  assert.equal(firstPlaceHit({ kind: 'write', path: '/a/b/c', dir: '/a/b/c', tree: false }, list), list[0]);
});
