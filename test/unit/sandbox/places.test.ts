// What AgentGuard's own sandbox keeps read-only for an approved command:
// other programs' start-up files and the settings that run a program, like
// the shell start-up files, and zsh's files where the user's ZDOTDIR points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { placesFor } from '../../../src/core/sandbox/places';

const HOME = '/home/dev';
const WORKSPACE = '/home/dev/code/api';
const STATE = '/home/dev/.local/state/agentguard';

test("an approved command cannot write other programs' start-up files, nor zsh's under ZDOTDIR", () => {
  const present = [
    '.tmux.conf',
    '.vimrc',
    '.config/nvim',
    '.psqlrc',
    '.sqliterc',
    '.Rprofile',
    '.irbrc',
    '.pryrc',
    '.ipython/profile_default/startup',
    '.aws/config',
    '.aws/credentials',
    '.curlrc',
    '.wgetrc',
    '.xonshrc',
    '.config/nushell',
    '.config/zsh',
    'dots/.zshrc',
    '.bashrc',
  ].map((p) => path.join(HOME, p));
  const p = placesFor({
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME, ZDOTDIR: path.join(HOME, 'dots') },
    stateDir: STATE,
    install: [],
    profile: 'approved',
    exists: (x) => present.includes(x),
  });
  for (const ro of present.filter((x) => !x.endsWith('.aws/credentials')))
    assert.ok(p.readOnly.includes(ro), `${ro}: ${p.readOnly.join(' ')}`);
  // `aws configure` writes the keys there in routine work; a credential_process written to it is judged by content.
  assert.ok(!p.readOnly.includes(path.join(HOME, '.aws/credentials')));
  assert.ok(!p.readOnly.includes(path.join(HOME, 'dots')), 'the ZDOTDIR folder itself stays writable');
  const approved = placesFor({
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME },
    stateDir: STATE,
    install: [],
    profile: 'approved',
    autorunApproved: true,
    exists: (x) => present.includes(x),
  });
  assert.ok(
    !approved.readOnly.includes(path.join(HOME, '.vimrc')),
    'a human approved planting: autorun places stay writable',
  );
  assert.ok(approved.readOnly.includes(path.join(HOME, '.xonshrc')), 'shell start-up files stay read-only');
});
