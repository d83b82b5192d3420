import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zdotdirFiles } from '../../../src/core/command/startupFiles';

test("zsh's start-up files where ZDOTDIR points: an absolute folder outside the ones excepted", () => {
  assert.deepEqual(zdotdirFiles({ ZDOTDIR: '/home/dev/.config/zsh/' }), [
    '/home/dev/.config/zsh/.zshenv',
    '/home/dev/.config/zsh/.zprofile',
    '/home/dev/.config/zsh/.zshrc',
    '/home/dev/.config/zsh/.zlogin',
    '/home/dev/.config/zsh/.zlogout',
  ]);
  for (const ZDOTDIR of [undefined, '', 'zsh', '~/.zsh', '/a/../b'])
    assert.deepEqual(zdotdirFiles({ ZDOTDIR }), [], String(ZDOTDIR));
  assert.deepEqual(zdotdirFiles(undefined), []);
  assert.deepEqual(zdotdirFiles({ ZDOTDIR: '/s/agentguard/terminal/zsh' }, ['/s/agentguard']), []);
  assert.equal(zdotdirFiles({ ZDOTDIR: '/s/agentguard-other' }, ['/s/agentguard']).length, 5);
});
