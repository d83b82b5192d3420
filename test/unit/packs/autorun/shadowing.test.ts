// A file put in a home PATH folder under the name of a command on PATH runs
// in its place later: it asks, naming what it shadows. A new tool's name, and
// package managers installing into those folders, stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { evaluate } from '../../../../src/core/engine';
import { assertGatedBy } from '../../support/helpers';

test('a file landing in a home PATH folder under the name of a command on PATH asks; a new name does not', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-shadow-')));
  try {
    const home = path.join(root, 'home');
    const ws = path.join(home, 'code', 'app');
    fs.mkdirSync(path.join(ws, 'tools'), { recursive: true });
    for (const f of ['x', 'evil', 'tools/ls', 'tools/mytool']) fs.writeFileSync(path.join(ws, f), '#!/bin/sh\n');
    // cargo as rustup installs it: only in the user's own ~/.cargo/bin, on their PATH.
    fs.mkdirSync(path.join(home, '.cargo', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(home, '.cargo', 'bin', 'cargo'), '');
    const env = { PATH: `${home}/.cargo/bin:/usr/local/bin:/usr/bin:/bin` };
    const decide = (command: string) => evaluate({ command, cwd: ws, env }, { workspace: ws, home, env });
    // `ls` is in every system's command folders.
    for (const command of [
      'cp evil ~/.local/bin/ls',
      'install -m755 x ~/bin/ls',
      'ln -s ./x ~/.local/bin/ls',
      'mv x ~/.cargo/bin/cargo',
      'cp tools/ls ~/.local/bin/',
      'cp -r tools/. ~/go/bin/',
      'echo "#!/bin/sh" > ~/.local/bin/ls',
    ]) {
      const d = decide(command);
      assertGatedBy(d, 'autorun.path-shadow', command);
      assert.match(d.findings.find((f) => f.id === 'autorun.path-shadow')?.summary ?? '', /ls|cargo/, command);
    }
    for (const command of [
      'curl -Lo ~/.local/bin/kubectl-new-tool https://dl.example/k && chmod +x ~/.local/bin/kubectl-new-tool',
      'cp tools/mytool ~/.local/bin/mytool',
      'cp x ~/.local/share/ls',
      'cp x build/ls',
      'cargo install ripgrep',
      'go install golang.org/x/tools/gopls@latest',
      'pipx install black',
      'npm i -g typescript',
    ])
      assert.equal(decide(command).decision, 'allow', `${command}: ${JSON.stringify(decide(command).findings)}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('an archive extracted over a folder that holds a home PATH folder is read for what lands there', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-shadow-x-')));
  try {
    const home = path.join(root, 'home');
    const ws = path.join(home, 'code', 'app');
    fs.mkdirSync(path.join(root, 'src', '.local', 'bin'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src', 'dist'), { recursive: true });
    fs.mkdirSync(ws, { recursive: true });
    fs.writeFileSync(path.join(root, 'src', '.local', 'bin', 'ls'), '#!/bin/sh\n');
    fs.writeFileSync(path.join(root, 'src', 'dist', 'ls'), '#!/bin/sh\n');
    const tar = (name: string, dir: string, member: string) =>
      spawnSync('tar', ['-czf', path.join(ws, name), '-C', path.join(root, dir), member]);
    tar('home.tgz', 'src', '.local');
    tar('bin.tgz', 'src/.local', 'bin');
    tar('dist.tgz', 'src', 'dist');
    const env = { PATH: '/usr/local/bin:/usr/bin:/bin' };
    const decide = (command: string) => evaluate({ command, cwd: ws, env }, { workspace: ws, home, env });
    for (const command of ['tar -xzf home.tgz -C ~', 'tar -xzf bin.tgz -C ~/.local'])
      assertGatedBy(decide(command), 'autorun.path-shadow', command);
    for (const command of ['tar -xzf dist.tgz -C build', 'tar -xzf dist.tgz -C ~/code', 'tar -xzf bin.tgz -C ~/notes'])
      assert.equal(decide(command).decision, 'allow', `${command}: ${JSON.stringify(decide(command).findings)}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
