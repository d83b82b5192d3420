// Permission, owner, ACL and attribute changes name their files and whether
// they recurse; a recursive one over a folder holding AgentGuard's state, its
// launcher or its CLI reaches those files as a write of them would, and is
// judged so. A change that does not recurse, or recurses elsewhere, says nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { permissionTargets } from '../../../src/core/effects/permissions';
import { fileEffects } from '../../../src/core/effects';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { ctx, simple, HOME, WORKSPACE } from '../support/helpers';

test('each permission command names its files and whether it recurses', () => {
  const t = (argv: string[]) => permissionTargets(argv[0], argv);
  assert.deepEqual(t(['chmod', '-w', 'a', 'b']), [
    { word: 'a', recursive: false },
    { word: 'b', recursive: false },
  ]);
  // `-R` anywhere applies to every file, those named before it too.
  assert.deepEqual(t(['chmod', '755', 'a', '-R', 'b']), [
    { word: 'a', recursive: true },
    { word: 'b', recursive: true },
  ]);
  assert.deepEqual(t(['chown', '-R', 'nobody', '~/.local']), [{ word: '~/.local', recursive: true }]);
  assert.deepEqual(t(['setfacl', '-R', '-m', 'u:nobody:rwx', 'dir']), [{ word: 'dir', recursive: true }]);
  assert.deepEqual(t(['setfacl', '-Rm', 'u:nobody:rwx', 'dir']), [{ word: 'dir', recursive: true }]);
  assert.deepEqual(t(['setfacl', '--modify', 'u:x:r', 'a', 'b']), [
    { word: 'a', recursive: false },
    { word: 'b', recursive: false },
  ]);
  assert.deepEqual(t(['setfacl', '-m', 'u:x:r', '--', '-odd']), [{ word: '-odd', recursive: false }]);
  // chattr's `-i` takes the immutable flag away: an attribute, not an option.
  assert.deepEqual(t(['chattr', '-R', '-i', 'dir']), [{ word: 'dir', recursive: true }]);
  assert.deepEqual(t(['chattr', '-Ri', 'dir']), [{ word: 'dir', recursive: true }]);
  assert.deepEqual(t(['chattr', '+i', '-v', '3', 'f']), [{ word: 'f', recursive: false }]);
  assert.deepEqual(t(['chflags', '-R', 'nouchg', 'dir']), [{ word: 'dir', recursive: true }]);
  assert.equal(t(['ls', '-R']), undefined);
  // As effects: a re-permissioning of the file, recursion kept.
  assert.deepEqual(fileEffects(simple(['chattr', '-R', '-i', 'dir']), ctx()), [
    { kind: 'chmod', path: `${WORKSPACE}/dir`, dynamic: false, recursive: true },
  ]);
});

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
  stateDir: `${HOME}/.local/state/agentguard`,
  guardInstall: [],
};
const judge = (command: string) => evaluate({ command }, opts);

test('a recursive permission change over a folder holding AgentGuard’s own files is judged as a write of them', () => {
  for (const [command, target] of [
    ['chmod -R 777 ~/.local/state', '~/.local/state'],
    ['chmod -R u+w ~/.local', '~/.local'],
    ['chown -R nobody ~/.local', '~/.local'],
    ['chgrp -R nogroup ~/.local/state', '~/.local/state'],
    ['setfacl -R -m u:nobody:rwx ~/.local/state', '~/.local/state'],
    ['chattr -R -i ~/.local', '~/.local'],
    ['chflags -R nouchg ~/.local', '~/.local'],
    ['chmod -R 777 ~/.local/*', '~/.local/*'],
    ['chmod -R go+w ~/.agentguard/..', '~'],
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    const f = r.findings.find((x) => x.id === 'path.agentguard');
    assert.ok(f, `${command}: ${r.findings.map((x) => x.id)}`);
    assert.equal(f.target, target, command);
    assert.match(f.summary, /AgentGuard's (?:own state|launcher)/);
    assert.ok(f.alternative, command);
  }
});

test('a permission change that does not recurse, or recurses elsewhere, says nothing', () => {
  for (const command of [
    'chmod 755 ~/.local',
    'chown nobody ~/.local',
    'chmod -R u+w ./build',
    'chmod -R go-rwx ~/.ssh',
    'sudo chown -R $USER:$USER .',
    'setfacl -R -m u:www-data:rx storage',
    'chattr -R +i ./release',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
  }
});
