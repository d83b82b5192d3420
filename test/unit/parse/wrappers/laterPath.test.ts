// A line that puts a folder on PATH in the terminal's own shell makes later
// lines find its programs by name (parse/wrappers/laterPath.ts): they are
// judged on that line, as a program the line names would be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../../../src/core/engine';
import type { DecisionResult, ShellName } from '../../../../src/core/types';
import { diskWorkspace } from '../../support/engineHarness';

const WIPE = '#!/bin/sh\nrm -rf ~/notes\n';

type Judge = (command: string, shell?: ShellName, shellState?: string) => DecisionResult;

function withTools(check: (judge: Judge, ws: string) => void): void {
  const many = Object.fromEntries(Array.from({ length: 65 }, (_, k) => [`many/t${k}`, 'echo hi\n']));
  const { ws, done } = diskWorkspace('ag-laterpath-', {
    ...many,
    'bin/wipe': WIPE,
    'good/hello': '#!/bin/sh\necho hi\n',
    'venv/pyvenv.cfg': 'home = /usr/bin\n',
    'venv/bin/activate': 'echo sourced\n(\n',
    'venv/bin/hello': '#!/bin/sh\necho hi\n',
  });
  try {
    for (const f of ['bin/wipe', 'good/hello', 'venv/bin/hello']) fs.chmodSync(path.join(ws, f), 0o755);
    const home = path.dirname(path.dirname(ws));
    const env = { HOME: home, PATH: '/usr/bin:/bin' };
    check(
      (command, shell, shellState) =>
        evaluate(
          { command, cwd: ws, env, ...(shell ? { shell } : {}), ...(shellState ? { shellState } : {}) },
          { workspace: ws, home, env, platform: 'linux' },
        ),
      ws,
    );
  } finally {
    done();
  }
}

const ids = (r: DecisionResult) => r.findings.map((f) => f.id).join(', ');

test('a folder put on PATH for later lines is judged by the programs it holds', () => {
  withTools((judge) => {
    for (const [c, shell] of [
      ['export PATH=$PWD/bin:$PATH'],
      ['PATH=~/code/app/bin:$PATH'],
      ['export PATH="$HOME/code/app/bin:$PATH"'],
      ['typeset -x PATH=$PWD/bin:$PATH'],
      ['declare -x PATH=$PWD/bin:$PATH'],
      ['export PATH=$PATH:bin'],
      ['fish_add_path ./bin', 'fish'],
      ['set -gx PATH ./bin $PATH', 'fish'],
      ['path+=($PWD/bin)', 'zsh'],
    ] as const) {
      const r = judge(c, shell);
      assert.ok(
        r.findings.some((f) => f.id.startsWith('fs.')),
        `${c}: ${ids(r)}`,
      );
    }
    // Where the folder is, or what all it holds, is not known before later lines name its programs.
    for (const [c, shell] of [
      ['export PATH=$TOOLS/bin:$PATH'],
      ['export PATH=$PWD/many:$PATH'],
      ['path=($PWD/bin $path)', 'zsh'],
    ] as const) {
      const r = judge(c, shell);
      assert.ok(
        r.findings.some((f) => f.id === 'parse.too-complex'),
        `${c}: ${ids(r)}`,
      );
    }
  });
});

test('a PATH of harmless or installed programs, or one that ends with its command or shell, stays quiet', () => {
  withTools((judge) => {
    for (const c of [
      'export PATH="$HOME/.cargo/bin:$PATH"',
      'export PATH=$PATH:$(go env GOPATH)/bin',
      'export PATH="$PWD/node_modules/.bin:$PATH"',
      'export PATH=$HOME/.local/bin:$PATH',
      'export PATH=$PWD/good:$PATH',
      // A folder not made yet holds nothing to judge.
      'export PATH="$PWD/tools:$PATH"',
      // A virtualenv's activate scripts are not programs: the lookup skips them.
      'export PATH=$PWD/venv/bin:$PATH',
      'export NODE_ENV=test',
      'PATH=$PWD/bin:$PATH hello',
      "bash -c 'export PATH=$PWD/bin:$PATH'",
      '(export PATH=$PWD/bin:$PATH)',
    ]) {
      const r = judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${ids(r)}`);
    }
  });
});

test("a terminal's saved PATH is the one a later line's names are looked up on, and is not new on that line", () => {
  withTools((judge, ws) => {
    const state = `declare -x PATH="${ws}/bin:/usr/bin:/bin"`;
    assert.notEqual(judge('wipe', undefined, state).decision, 'allow');
    assert.equal(judge('export NODE_ENV=test', undefined, state).decision, 'allow');
  });
});

test('a folder an earlier command on the line may fill is put on PATH for later lines: asked', () => {
  withTools((judge) => {
    for (const [c, shell] of [
      ['go build -o tools/app && export PATH=$PWD/tools:$PATH'],
      ['make && export PATH=$PWD/good:$PATH'],
      ['curl -o tools/ls https://example.com/x && chmod +x tools/ls && export PATH=$PWD/tools:$PATH'],
      ['cp /tmp/x tools/ls; export PATH=./tools:$PATH'],
      ['tar -xzf t.tgz && export PATH=$PWD/tools/bin:$PATH'],
      // An installer's folder is filled by its installer; a file named into it is not the installer's.
      ['curl -o node_modules/.bin/ls https://example.com/x && export PATH=$PWD/node_modules/.bin:$PATH'],
      ['make; path+=($PWD/tools)', 'zsh'],
    ] as const) {
      const r = judge(c, shell);
      assert.ok(
        r.findings.some((f) => f.id === 'parse.too-complex'),
        `${c}: ${ids(r)}`,
      );
    }
  });
});

test("an installer filling its own folder, or a command after PATH's change, stays quiet", () => {
  withTools((judge) => {
    for (const [c, shell] of [
      ['npm ci && export PATH=$PWD/node_modules/.bin:$PATH'],
      ['python3 -m venv .venv && export PATH=$PWD/.venv/bin:$PATH'],
      ['python3 -m venv env && export PATH=$PWD/env/bin:$PATH'],
      ['cargo install ripgrep && export PATH=$HOME/.cargo/bin:$PATH'],
      ['mkdir -p tools && export PATH=$PWD/tools:$PATH'],
      ['git status && export PATH=$PWD/good:$PATH'],
      ['command -v go >/dev/null || export PATH=$PWD/tools:$PATH'],
      ['nvm use 18 && export PATH=$PWD/tools:$PATH'],
      ['export PATH=$PWD/tools:$PATH && make'],
      ['path+=($PWD/tools); make', 'zsh'],
    ] as const) {
      const r = judge(c, shell);
      assert.equal(r.decision, 'allow', `${c}: ${ids(r)}`);
    }
  });
});

test("a command's name put in a folder after PATH's change asks; a new name stays quiet", () => {
  withTools((judge) => {
    for (const [c, shell] of [
      ['export PATH=$PWD/tools:$PATH; cp /tmp/x tools/ls'],
      ['export PATH=$PWD/tools:$PATH && curl -o tools/git https://example.com/x'],
      ["export PATH=$PWD/tools:$PATH; echo 'rm -rf ~/notes' > tools/npm; chmod +x tools/npm"],
      ['PATH=./tools:$PATH; cp /tmp/x tools/ls'],
      ['path+=($PWD/tools); cp /tmp/x tools/git', 'zsh'],
    ] as const) {
      const r = judge(c, shell);
      assert.ok(
        r.findings.some((f) => f.id === 'autorun.path-shadow'),
        `${c}: ${ids(r)}`,
      );
    }
    for (const c of [
      'export PATH=$PWD/tools:$PATH && go build -o tools/app ./cmd/app',
      'export PATH=$PWD/tools:$PATH && echo hi > tools/notes.txt',
      'export PATH=$PWD/tools:$PATH; cp /tmp/x tools/mytool',
      'cp /tmp/x tools/ls',
    ]) {
      const r = judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${ids(r)}`);
    }
  });
});
