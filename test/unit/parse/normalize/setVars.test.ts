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

test('pushd and popd that move along the stack leave the shell where bash does', () => {
  const pwd = (command: string) =>
    normalize({ command: `${command}; echo "$PWD"`, cwd: WORKSPACE, env: { HOME } }, ctx({}))
      .commands.filter((c) => c.argv[0] === 'echo')
      .map((c) => c.argv[1]);
  // `pushd +N` turns the stack until the Nth folder of `dirs` is on top; `-N` counts from the right.
  assert.deepEqual(pwd('pushd /a; pushd /b; pushd +1'), ['/a']);
  assert.deepEqual(pwd('pushd /a; pushd /b; pushd +2'), [WORKSPACE]);
  assert.deepEqual(pwd('pushd /a; pushd -0'), [WORKSPACE]);
  assert.deepEqual(pwd('pushd /a; pushd -1'), ['/a']);
  // `pushd` alone swaps the two on top.
  assert.deepEqual(pwd('pushd /a; pushd'), [WORKSPACE]);
  // `-n` changes the stack only.
  assert.deepEqual(pwd('pushd -n /a'), [WORKSPACE]);
  assert.deepEqual(pwd('pushd -n /a; popd'), ['/a']);
  assert.deepEqual(pwd('pushd -n sub; popd'), [`${WORKSPACE}/sub`]);
  assert.deepEqual(pwd('pushd /a; pushd /b; popd -n'), ['/b']);
  assert.deepEqual(pwd('pushd /a; pushd /b; popd -n; popd'), [WORKSPACE]);
  // `popd +0` is `popd`; `popd +N` drops the Nth and stays.
  assert.deepEqual(pwd('pushd /a; pushd /b; popd +0'), ['/a']);
  assert.deepEqual(pwd('pushd /a; pushd /b; popd +1; popd'), [WORKSPACE]);
  assert.deepEqual(pwd('pushd /a; pushd /b; popd +1'), ['/b']);
  // An index past the stack, or an empty stack, is an error: the shell stays.
  for (const c of ['pushd /a; pushd +5', 'pushd', 'popd', 'popd +1', 'pushd /a; popd x']) {
    const stays = c.startsWith('pushd /a') ? '/a' : WORKSPACE;
    assert.deepEqual(pwd(c), [stays], c);
  }
});

test('`cd A B` is read where zsh, bash and dash each leave the shell', () => {
  const app = `${HOME}/app`;
  const cwds = (command: string) =>
    normalize({ command, cwd: app, env: { HOME } }, ctx({}))
      .commands.filter((c) => c.argv[0] === 'rm')
      .map((c) => c.cwd)
      .sort();
  // zsh enters $PWD with `app` replaced by `.ssh`; bash refuses and stays; dash enters `app`.
  assert.deepEqual(cwds('cd app .ssh; rm -f config'), [`${HOME}/.ssh`, app, `${app}/app`].sort());
  assert.ok(cwds('cd app .ssh && rm -f config').includes(`${HOME}/.ssh`));
  // A word not in the path: zsh refuses as bash does.
  assert.deepEqual(cwds('cd /tmp x; rm -f y'), [app, '/tmp'].sort());
  // One folder: where it goes.
  assert.deepEqual(cwds('cd /tmp; rm -f y'), ['/tmp']);
});
