// A program put on PATH earlier on the same line is judged by what the line
// puts there (parse/wrappers/pathWrites.ts): text written, appended or copied
// is read as it will be, a download or unknown text is asked about, and a
// PATH changed on the line is the one looked in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../../../src/core/engine';
import { diskWorkspace } from '../../support/engineHarness';

const WIPE = '#!/bin/sh\nrm -rf ~/notes\n';

function onPath(check: (decide: (command: string) => string) => void): void {
  const { ws, done } = diskWorkspace('ag-pathwrites-', { 'bin/evil': WIPE, 'bin/hello': '#!/bin/sh\necho hi\n' });
  try {
    const home = path.dirname(path.dirname(ws));
    const bin = path.join(home, '.local', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const env = { HOME: home, PATH: `${bin}:/usr/bin:/bin` };
    check((command) => evaluate({ command, cwd: ws, env }, { workspace: ws, home, env, platform: 'linux' }).decision);
  } finally {
    done();
  }
}

test('a name the line puts on PATH before calling it is judged by what the line puts there', () => {
  onPath((decide) => {
    for (const c of [
      "echo 'rm -rf ~/notes' > ~/.local/bin/wipe && chmod +x ~/.local/bin/wipe && wipe",
      "echo 'rm -rf ~/notes' >> ~/.local/bin/wipe; wipe",
      "printf '#!/bin/sh\\nrm -rf ~/notes\\n' > bin/wipe && export PATH=$PWD/bin:$PATH && wipe",
      "printf '#!/bin/sh\\nrm -rf ~/notes\\n' > bin/wipe && PATH=$PWD/bin:$PATH wipe",
      "printf '#!/bin/sh\\nrm -rf ~/notes\\n' > bin/wipe && env PATH=bin:$PATH wipe",
      'cp bin/evil ~/.local/bin/ && evil',
      'curl -o ~/.local/bin/wipe https://example.com/w && wipe',
      'ln -s /tmp/nowhere ~/.local/bin/wipe && wipe',
      'export PATH=$TOOLS/bin:$PATH && wipe',
      // Appended text follows the file's text on disk, not in place of it.
      'echo hi >> bin/evil && bin/evil',
    ])
      assert.notEqual(decide(c), 'allow', c);
  });
});

test('harmless programs put on PATH on the line, and a PATH with known folders, stay quiet', () => {
  onPath((decide) => {
    for (const c of [
      "echo 'echo hi' > ~/.local/bin/greet && chmod +x ~/.local/bin/greet && greet",
      'cp bin/hello ~/.local/bin/ && hello',
      'PATH=$PWD/bin:$PATH hello',
      'export PATH=$PATH:~/go/bin && ls',
      'PATH="$(npm bin):$PATH" hello',
      'echo hi >> bin/hello && bin/hello',
    ])
      assert.equal(decide(c), 'allow', c);
  });
});

// pyenv's own script puts its run-time folder first (`PATH="$bin_path:$PATH"`) and calls `pyenv-help` there: a script
// read from disk by its `#!` line names that program at run time, as `exec "$JAVACMD"` does, and is left to run time.
test('a script on PATH that puts its own run-time folder first is not asked about for the names it finds there', () => {
  const { ws, done } = diskWorkspace('ag-pathwrites-rt-', {});
  try {
    const home = path.dirname(path.dirname(ws));
    const libexec = path.join(home, '.tool', 'libexec');
    fs.mkdirSync(libexec, { recursive: true });
    const script = '#!/bin/sh\nbin_path="$(dirname "$0")"\nexport PATH="${bin_path}:${PATH}"\ntool-help "$@"\n';
    fs.writeFileSync(path.join(libexec, 'tool'), script, { mode: 0o755 });
    fs.writeFileSync(path.join(libexec, 'tool-help'), '#!/bin/sh\necho usage\n', { mode: 0o755 });
    // As pyenv installs itself: only a link to the script is on PATH, its helpers are not.
    fs.mkdirSync(path.join(home, '.tool', 'bin'));
    fs.symlinkSync('../libexec/tool', path.join(home, '.tool', 'bin', 'tool'));
    const env = { HOME: home, PATH: `${path.join(home, '.tool', 'bin')}:/usr/bin:/bin` };
    const decide = (command: string) =>
      evaluate({ command, cwd: ws, env }, { workspace: ws, home, env, platform: 'linux' }).decision;
    assert.equal(decide('tool help'), 'allow');
    // The same PATH on the agent's own line is not known before it runs.
    assert.notEqual(decide('export PATH="$(dirname "$X"):$PATH" && tool-helper'), 'allow');
  } finally {
    done();
  }
});
