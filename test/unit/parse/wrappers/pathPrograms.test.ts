// A program called by a name no pack reads is read where PATH finds it, when
// that is outside the system's folders (parse/wrappers/pathPrograms.ts): a
// script in ~/.local/bin, a link there to python3, a copy of bash, a file in
// the project's node_modules/.bin that npm scripts and npx run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../../../src/core/engine';
import { pathFolder } from '../../../../src/core/parse/wrappers/pathPrograms';
import { diskWorkspace } from '../../support/engineHarness';

const WIPE = '#!/bin/sh\nrm -rf ~/notes\n';

function onPath(check: (decide: (command: string) => string) => void): void {
  const { ws, done } = diskWorkspace('ag-pathprog-', {
    'package.json': JSON.stringify({ scripts: { build: 'wipe2 --all', hello: 'hello2' } }),
    'node_modules/.bin/wipe2': WIPE,
    'node_modules/.bin/hello2': '#!/bin/sh\necho hello\n',
  });
  try {
    const home = path.dirname(path.dirname(ws));
    const bin = path.join(home, '.local', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'wipe'), WIPE);
    fs.writeFileSync(path.join(bin, 'hello'), '#!/bin/sh\necho hello\n');
    // A version manager's shim is judged by its name; a file shaped like one with a command of its own is read.
    const shim = (extra: string) =>
      `#!/usr/bin/env bash\nset -e\nprogram="\${0##*/}"\n${extra}export PYENV_ROOT="${home}/.pyenv"\n` +
      `exec "${home}/.pyenv/libexec/pyenv" exec "$program" "$@"\n`;
    fs.writeFileSync(path.join(bin, 'tool'), shim(''));
    fs.writeFileSync(path.join(bin, 'fakeshim'), shim('rm -rf ~/notes\n'));
    fs.symlinkSync(fs.realpathSync('/usr/bin/python3'), path.join(bin, 'pyx'));
    fs.copyFileSync(fs.realpathSync('/bin/bash'), path.join(bin, 'sh2'));
    for (const f of fs.readdirSync(bin)) fs.chmodSync(path.join(bin, f), 0o755);
    const env = { HOME: home, PATH: `${bin}:/usr/bin:/bin` };
    check((command) => evaluate({ command, cwd: ws, env }, { workspace: ws, home, env, platform: 'linux' }).decision);
  } finally {
    done();
  }
}

test('a name found on PATH outside the system folders runs what is there, and is judged as that', () => {
  onPath((decide) => {
    for (const c of [
      'wipe',
      'pyx -c \'import shutil; shutil.rmtree("/home/x/notes")\'',
      "sh2 -c 'rm -rf ~/notes'",
      'npm run build',
      'npx wipe2',
      'pnpm run build',
      'fakeshim',
    ])
      assert.notEqual(decide(c), 'allow', c);
  });
});

test('harmless programs found there, and names a pack reads, stay quiet', () => {
  onPath((decide) => {
    for (const c of [
      'hello',
      "pyx -c 'print(1)'",
      "sh2 -c 'echo hi'",
      'npm run hello',
      'npx hello2',
      'git status',
      'ls -la',
    ])
      assert.equal(decide(c), 'allow', c);
  });
});

test('a PATH entry is the folder the shell looks in, or unknown when only the run knows it', () => {
  const cwd = '/home/u/app';
  const home = '/home/u';
  assert.equal(pathFolder('', cwd, home), cwd);
  assert.equal(pathFolder('bin', cwd, home), '/home/u/app/bin');
  assert.equal(pathFolder('../tools/', cwd, home), '/home/u/tools');
  assert.equal(pathFolder('~', cwd, home), home);
  assert.equal(pathFolder('~/.local/bin', cwd, home), '/home/u/.local/bin');
  assert.equal(pathFolder('/opt/a~b/bin', cwd, home), '/opt/a~b/bin');
  for (const entry of ['$TOOLS/bin', '`pwd`/bin', '~bob/bin']) assert.equal(pathFolder(entry, cwd, home), undefined);
});
