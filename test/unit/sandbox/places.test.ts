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

test("an editor's IPC socket in a busy temp folder is hidden however many names come before it", async () => {
  const fs = await import('node:fs');
  const net = await import('node:net');
  const os = await import('node:os');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-busytmp-'));
  // Far more names than the old bound read (4,096), with a socket every 60 names in both creation and name order:
  // whatever order the file system lists them in (ext4's hash order, tmpfs's creation order), many sockets come
  // after the first 4,096 names. The sockets are hard links to one listening socket.
  const sock = path.join(tmp, 'vscode-ipc-busy.sock');
  const server = net.createServer().listen(sock);
  await new Promise((res) => server.once('listening', res));
  const sockets = [sock];
  for (let i = 0; i < 6000; i++) {
    const name = `a${String(i).padStart(5, '0')}`;
    fs.writeFileSync(path.join(tmp, name), '');
    if (i % 60 !== 0) continue;
    sockets.push(path.join(tmp, `${name}-vscode-ipc.sock`));
    fs.linkSync(sock, sockets[sockets.length - 1]);
  }
  try {
    const p = placesFor({
      workspace: WORKSPACE,
      home: HOME,
      env: { HOME, TMPDIR: tmp },
      stateDir: STATE,
      install: [],
      profile: 'routine',
    });
    const hidden = new Set(p.hidden.filter((h) => h.kind === 'file').map((h) => h.path));
    const missed = sockets.filter((s) => !hidden.has(s));
    assert.deepEqual(missed, [], `${missed.length} of ${sockets.length} sockets left in reach`);
    assert.ok(!p.hidden.some((h) => h.path === tmp), 'the folder itself stays: only its sockets go');
  } finally {
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
