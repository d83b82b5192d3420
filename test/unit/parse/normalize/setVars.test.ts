// `cd` sets PWD, OLDPWD and often a third name; setVars copies the environment once for all of them, where a copy
// per name (setVar) cost tens of thousands of instructions each for a developer's environment. The answers must be
// those of setting the names one by one.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootScope, setVar, setVars } from '../../../../src/core/parse/normalize/scope';
import { normalize } from '../../../../src/core/parse/normalize';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

test('setVars sets and removes names in order, as setVar one by one does, and leaves the table it copied alone', () => {
  const env = Object.freeze({ HOME: '/h', PWD: '/w', GONE: 'x', KEEP: 'k' });
  const entries: [string, string | undefined][] = [
    ['PWD', '/w/a'],
    ['OLDPWD', '/w'],
    ['GONE', undefined],
    ['__proto__', '/p'],
    ['TWICE', '1'],
    ['TWICE', undefined],
    ['AGAIN', undefined],
    ['AGAIN', '2'],
  ];
  const one = rootScope('/w', env);
  for (const [name, value] of entries) setVar(one, name, value);
  const all = rootScope('/w', env);
  setVars(all, entries);
  assert.deepEqual(Object.entries(all.vars), Object.entries(one.vars));
  assert.equal(Object.getPrototypeOf(all.vars), null, 'any name, __proto__ included, is an own key');
  assert.equal(Object.hasOwn(all.vars, '__proto__'), true);
  assert.deepEqual(env, { HOME: '/h', PWD: '/w', GONE: 'x', KEEP: 'k' });
  assert.notEqual(all.vars, env);
});

test('cd, pushd and popd leave PWD, OLDPWD and the folder stack as before', () => {
  const echo = (command: string) =>
    normalize({ command, cwd: WORKSPACE, env: { HOME, OLDPWD: '/before' } }, ctx({}))
      .commands.filter((c) => c.argv[0] === 'echo')
      .map((c) => c.argv.slice(1).join(' '));
  assert.deepEqual(echo('cd src && echo "$PWD" "$OLDPWD"'), [`${WORKSPACE}/src ${WORKSPACE}`]);
  assert.deepEqual(echo('cd /tmp; cd - && echo "$PWD" "$OLDPWD"'), [`${WORKSPACE} /tmp`]);
  assert.deepEqual(echo('cd && echo "$PWD" "$OLDPWD"'), [`${HOME} ${WORKSPACE}`]);
  assert.deepEqual(echo('pushd /a; pushd /b; popd; echo "$PWD" "$OLDPWD"; popd; echo "$PWD" "$OLDPWD"'), [
    `/a /b`,
    `${WORKSPACE} /a`,
  ]);
});
