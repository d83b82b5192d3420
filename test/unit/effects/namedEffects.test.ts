// moreEffects returns before its switch when the program is not in MORE_EFFECT_PROGRAMS (a set lookup instead of
// about sixty string comparisons a command). A case the set lacked would never be reached: that program's writes
// would go unseen. So the set is held to the cases of moreEffects' switch and of the converters' it falls back to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MORE_EFFECT_PROGRAMS } from '../../../src/core/effects/named';
import { fileEffects } from '../../../src/core/effects';
import { ctx, simple, WORKSPACE } from '../support/helpers';
import { switchCases } from '../support/switchCases';

test('the set of programs moreEffects reads holds exactly the cases of its switch and the converters', () => {
  const cases = [
    ...switchCases('src/core/effects/index.ts', '  switch (name) {'),
    ...switchCases('src/core/effects/converterOutputs.ts', '  switch (name) {'),
  ];
  assert.deepEqual([...MORE_EFFECT_PROGRAMS].sort(), [...new Set(cases)].sort());
});

test('a program neither switch names writes nothing through them, and one each names still does', () => {
  const fx = (argv: string[]) => fileEffects(simple(argv), ctx()).map((e) => `${e.kind} ${e.path}`);
  assert.deepEqual(fx(['ls', '-la', 'out.txt']), []);
  assert.deepEqual(fx(['touch', 'new.txt']), [`write ${WORKSPACE}/new.txt`]);
  assert.deepEqual(fx(['ffmpeg', '-i', 'a.mp4', 'b.mp4']).includes(`truncate ${WORKSPACE}/b.mp4`), true);
});
