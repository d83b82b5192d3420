// A group and the bodies of `if`, `while`, `until` and `case` run in the shell itself: the folder they enter and the
// variables they set are the shell's after them. The walk read each in a copy of the shell's state and dropped it, so
// `{ cd ~; }; rm -f .bashrc` was read as removing the workspace's .bashrc and allowed. And `builtin alias …`,
// `command export …` run the builtin itself, which the walk read as a plain command. The engine reads a workspace of
// files on disk; the home holds the files removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

function judged(
  check: (decide: (command: string, shell?: 'zsh') => string, ids: (command: string) => string[]) => void,
): void {
  const { judge, done } = diskWorkspace('ag-compound-state-', {
    'package.json': '{"name":"app"}\n',
    'bin/.keep': '',
    'home.sh': 'cd ~\n',
  });
  try {
    check(
      (c, shell) => judge(c, shell).decision,
      (c) => judge(c).findings.map((f) => f.id),
    );
  } finally {
    done();
  }
}

test('a folder a group or a body enters is where what follows runs', () => {
  judged((decide, ids) => {
    for (const line of [
      '{ cd ~; }; rm -f .bashrc',
      '{ cd ~; } && rm -f .bashrc',
      '{ cd ~ && ls; } > /dev/null; rm -f .bashrc',
      'if true; then cd ~; fi; rm -f .bashrc',
      'if [ -d x ]; then :; elif true; then cd ~; fi; rm -f .bashrc',
      'case "$1" in *) cd ~ ;; esac; rm -f .bashrc',
      'while true; do cd ~; break; done; rm -f .bashrc',
      'for d in x; do cd ~; done; rm -f .bashrc',
      'for d in $(ls); do cd ~; done; rm -f .bashrc',
      'select x in a; do cd ~; break; done; rm -f .bashrc',
      // A function runs in the shell that calls it.
      'f() { cd ~; }; f; rm -f .bashrc',
      'f() { cd ~; }; f && rm -f .bashrc',
      // A sourced file and eval's words run in the shell itself too.
      '. ./home.sh; rm -f .bashrc',
      'source home.sh && rm -f .bashrc',
      'eval "cd ~"; rm -f .bashrc',
    ]) {
      assert.notEqual(decide(line), 'allow', line);
      assert.ok(ids(line).includes('fs.rm-outside-workspace'), `${line}: ${ids(line).join()}`);
    }
  });
});

test("zsh's anonymous function runs at once, in the shell itself", () => {
  judged((decide) => {
    assert.notEqual(decide('() { cd ~ }; rm -f .bashrc', 'zsh'), 'allow');
    assert.equal(decide('() { cd bin }; ls', 'zsh'), 'allow');
  });
});

test('variables a group or a body sets are the shell’s after it, read both ways where the body may not run', () => {
  judged((decide) => {
    for (const line of [
      '{ X=~/notes; }; rm -rf "$X"',
      'X=build; if true; then X=~/notes; fi; rm -rf "$X"',
      // The body may not run: `X` is still the home's folder then.
      'X=~/notes; if [ -n "$CI" ]; then X=build; fi; rm -rf "$X"',
      'if [ -d a ]; then X=~/notes; else X=build; fi; rm -rf "$X"',
      '{ export PATH=$D:$PATH; }',
      'if true; then export PATH=$D:$PATH; fi',
    ])
      assert.notEqual(decide(line), 'allow', line);
  });
});

test('builtin and command before a builtin that changes the shell run that builtin', () => {
  judged((decide) => {
    for (const line of [
      'builtin alias ls="rm -rf ~"',
      'command alias ls="rm -rf ~"',
      'command builtin alias ls="rm -rf ~"',
      'builtin export PATH=/tmp/x:$PATH',
      'builtin hash -p /tmp/x ls',
    ])
      assert.notEqual(decide(line), 'allow', line);
  });
});

test('everyday groups, conditionals and prefixed builtins stay quiet', () => {
  judged((decide) => {
    for (const line of [
      'if [ -d build ]; then cd build; fi; ls',
      '{ cd bin; ls; }; git status',
      'if [ -f .env ]; then export FOO=1; fi; npm test',
      'if true; then export PATH=$HOME/.local/bin:$PATH; fi; npm test',
      'while read l; do echo "$l"; done < package.json; ls',
      'for f in a b; do echo "$f"; done; ls',
      'for d in bin; do (cd "$d" && ls); done; git status',
      'f() ( cd ~ ); f; rm -f .bashrc',
      'f() { cd bin; ls; }; f; git status',
      'bash home.sh; rm -f .bashrc',
      'eval "cd bin"; ls',
      'X=dist; if [ -n "$CI" ]; then X=build; fi; rm -rf "$X"',
      'builtin cd bin && ls',
      'command -v alias',
      'builtin alias ll="ls -l"',
      'command ls',
    ])
      assert.equal(decide(line), 'allow', line);
  });
});
