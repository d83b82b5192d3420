// A command after `&&` or `||` may not run, and more than one body on a line may not run: what follows is read in
// each state the shell may be in. The walk read a pipeline after `&&`/`||` only as if it ran, and read the state
// before a body that may not have run once a line, so `cd ~; [ -n "$A" ] && cd /tmp; rm -f .bashrc` and
// `if …; then cd ~; fi; if …; then cd /tmp; fi; rm -f .bashrc` were judged as removing a file in /tmp and allowed.
// A called function's variables did not carry to its caller. The engine reads a workspace of files on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';
import { MAX_OTHER_READINGS } from '../../../../src/core/parse/normalize/otherReadings';

function judged(check: (judge: ReturnType<typeof diskWorkspace>['judge']) => void): void {
  const { judge, done } = diskWorkspace('ag-may-not-run-', {
    'package.json': '{"name":"app"}\n',
    'src/a/b/.keep': '',
    'set.sh': 'X=~/notes\n',
  });
  try {
    check(judge);
  } finally {
    done();
  }
}

/** Each line asks, with `id` among its findings. */
function asks(judge: ReturnType<typeof diskWorkspace>['judge'], id: string, lines: readonly string[]): void {
  for (const line of lines) {
    const r = judge(line);
    assert.notEqual(r.decision, 'allow', line);
    assert.ok(
      r.findings.some((f) => f.id === id),
      `${line}: ${r.findings.map((f) => f.id)}`,
    );
  }
}

test('what follows a pipeline after && or || is read as if it did not run too', () => {
  judged((judge) => {
    asks(judge, 'fs.rm-outside-workspace', [
      'cd ~; [ -n "$A" ] && cd /tmp; rm -f .bashrc',
      'cd ~; [ -n "$A" ] || cd /tmp; rm -f .bashrc',
      'cd ~ && [ -n "$A" ] && cd /tmp; rm -f .bashrc',
      'cd ~; [ -n "$A" ] && { cd /tmp; }; rm -f .bashrc',
      'X=~/.bashrc; [ -n "$A" ] && X=/tmp/x; rm -f "$X"',
      // Past `|| exit`, nothing more runs where the shell stayed; here it runs.
      'cd ~; [ -n "$A" ] && cd /tmp || true; rm -f .bashrc',
      // Only a `cd` that failed leaves by `|| exit`: a body that did not run, or a command `||` skipped, ends well.
      'cd ~; if [ -n "$A" ]; then cd /tmp; fi || exit 1; rm -f .bashrc',
      'cd ~; true || cd /tmp || exit 1; rm -f .bashrc',
      'cd ~; { [ -n "$A" ] && cd /tmp; ls; } || exit 1; rm -f .bashrc',
    ]);
  });
});

test('each body that may not run leaves its own state for what follows', () => {
  judged((judge) => {
    asks(judge, 'fs.rm-outside-workspace', [
      'if [ -n "$A" ]; then cd ~; fi; if [ -n "$B" ]; then cd /tmp; fi; rm -f .bashrc',
      'if [ -n "$A" ]; then cd ~; fi; [ -n "$B" ] && cd /tmp; rm -f .bashrc',
      'cd ~; cd "$D" && cd /tmp; rm -f .bashrc',
    ]);
  });
});

test('a state a group, a body, a function or eval may stay in is read after it too', () => {
  judged((judge) => {
    asks(judge, 'fs.rm-outside-workspace', [
      'cd ~; { [ -n "$A" ] && cd /tmp; ls; } && rm -f .bashrc',
      'cd ~; [ -n "$A" ] && cd /tmp && { ls; }; rm -f .bashrc',
      'cd ~; f() { [ -n "$A" ] && cd /tmp; ls; }; f; rm -f .bashrc',
      'cd ~; if true; then [ -n "$A" ] && cd /tmp; ls; fi; rm -f .bashrc',
      'cd ~; { { [ -n "$A" ] && cd /tmp; ls; }; ls; }; rm -f .bashrc',
      `cd ~; eval '[ -n "$A" ] && cd /tmp'; rm -f .bashrc`,
      'cd ~; { [ -n "$A" ] && cd /tmp; }; rm -f .bashrc',
      'cd ~; f() { [ -n "$A" ] && cd /tmp; }; f; rm -f .bashrc',
      'if [ -d src ]; then cd src; else cd ~; fi; rm -f .bashrc',
      'if [ -d src ]; then cd ~; else cd src; fi; rm -f .bashrc',
    ]);
    // A group whose last pipeline did not run failed: what follows it with `&&` does not run either.
    assert.equal(judge('cd ~; { [ -n "$A" ] && cd /tmp; } && rm -f .bashrc').decision, 'allow');
    // Bodies that leave different folders are each read, not asked about.
    assert.equal(judge('if [ -d src ]; then cd src; else cd ..; fi; ls').decision, 'allow');
  });
});

test('variables eval and a sourced file set are the shell’s after them', () => {
  judged((judge) => {
    asks(judge, 'fs.rm-outside-workspace', [
      `X=build; eval 'X=~/notes'; rm -rf "$X"`,
      'X=build; eval "cd /tmp; X=~/notes"; rm -rf "$X"',
      'X=build; . ./set.sh; rm -rf "$X"',
      'X=build; source set.sh && rm -rf "$X"',
    ]);
    assert.equal(judge(`X=~/notes; eval 'X=build'; rm -rf "$X"`).decision, 'allow');
  });
});

test('a loop climbs as its passes do: each starts where the one before left the shell', () => {
  judged((judge) => {
    const climbed = judge('cd src/a/b; for i in 1 2 3 4 5; do cd ..; done; rm -f .bashrc');
    assert.ok(
      climbed.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
      climbed.findings.map((f) => f.id).join(),
    );
    // Passes counted only at run time: what still moves from pass to pass is unknown after the loop.
    asks(judge, 'fs.rm-unknown-target', [
      'cd src/a/b; while [ ! -f .bashrc ]; do cd ..; done; rm -f .bashrc',
      'cd src/a/b; for i in $(seq 5); do cd ..; done; rm -f .bashrc',
      'cd src/a/b; for ((i = 0; i < 5; i++)); do cd ..; done; rm -f .bashrc',
      'cd src/a/b; select x in a b; do cd ..; done; rm -f .bashrc',
      'X=build; while true; do X="../$X"; done; rm -rf "$X"',
    ]);
    for (const line of [
      'for f in $(ls); do cd "$f"; ls; cd ..; done; ls',
      'while read l; do n=$((n+1)); done < package.json; echo $n',
      'for d in src src/a; do ls "$d"; done; ls',
    ])
      assert.equal(judge(line).decision, 'allow', line);
  });
});

test('a write through a name reference writes the variable it names', () => {
  judged((judge) => {
    assert.notEqual(judge('declare -n ref=X; X=build; ref=~/notes; rm -rf "$X"').decision, 'allow');
    assert.notEqual(judge('X=build; typeset -n r=X; r=~/notes; rm -rf "$X"').decision, 'allow');
    assert.equal(judge('declare -n ref=X; X=~/notes; ref=build; rm -rf "$X"').decision, 'allow');
  });
});

test("zsh, and bash after `shopt -s lastpipe`, run a pipeline's last stage in the shell itself", () => {
  judged((judge) => {
    for (const [line, shell] of [
      ['echo | cd ~; rm -f .bashrc', 'zsh'],
      ['true | { cd ~; }; rm -f .bashrc', 'zsh'],
      ['shopt -s lastpipe; echo | cd ~; rm -f .bashrc', undefined],
    ] as const) {
      const r = judge(line, shell);
      assert.ok(
        r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
        `${line}: ${r.findings.map((f) => f.id)}`,
      );
    }
    assert.notEqual(judge('X=build; echo ~/notes | read X; rm -rf "$X"', 'zsh').decision, 'allow');
    // Without lastpipe, bash runs every stage in a subshell of its own.
    assert.equal(judge('echo | cd ~; rm -f .bashrc').decision, 'allow');
    assert.equal(judge('ls | grep src; git status', 'zsh').decision, 'allow');
  });
});

test("fish's `and`, `or`, `if`, `while` and `switch` may not run, and its pipelines end in the shell itself", () => {
  judged((judge) => {
    for (const line of [
      'cd ~; test -n "$A"; and cd /tmp; rm -f .bashrc',
      'cd ~; test -n "$A"; or cd /tmp; rm -f .bashrc',
      'cd ~; if test -n "$A"; cd /tmp; end; rm -f .bashrc',
      'cd ~; switch $A; case x; cd /tmp; end; rm -f .bashrc',
      'cd ~; begin; test -n "$A"; and cd /tmp; end; rm -f .bashrc',
    ]) {
      const r = judge(line, 'fish');
      assert.ok(
        r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
        `${line}: ${r.findings.map((f) => f.id)}`,
      );
    }
    assert.notEqual(judge('cd src/a/b; while test ! -f .bashrc; cd ..; end; rm -f .bashrc', 'fish').decision, 'allow');
    assert.notEqual(judge('set X build; echo ~/notes | read X; rm -rf $X', 'fish').decision, 'allow');
    for (const line of ['if test -d src; cd src; end; ls', 'for f in src/*; echo $f; end; git status'])
      assert.equal(judge(line, 'fish').decision, 'allow', line);
  });
});

test('a function called in the shell leaves the variables it set known only at run time', () => {
  judged((judge) => {
    for (const line of ['X=build; f() { X=~/notes; }; f; rm -rf "$X"', 'X=build; f() { unset X; }; f; rm -rf "x/$X"']) {
      const r = judge(line);
      assert.notEqual(r.decision, 'allow', line);
    }
    // Its arguments end with it, and what it did not touch stays known.
    assert.equal(judge('X=build; f() { echo "$1"; }; f a; rm -rf "$X"').decision, 'allow');
    assert.equal(judge('f() { Y=1; }; X=build; f; rm -rf "$X"').decision, 'allow');
  });
});

test('past the bound of readings, the line asks instead of leaving a state unread', () => {
  judged((judge) => {
    const moves = Array.from(
      { length: MAX_OTHER_READINGS + 2 },
      (_, i) => `[ -n "$A${i}" ] && cd ${i % 2 ? '..' : 'src'}`,
    );
    const r = judge(`${moves.join('; ')}; ls`);
    assert.equal(r.decision, 'ask');
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex' && /folders or states/.test(f.summary)));
    // Under it, nothing is asked.
    assert.equal(judge(`${moves.slice(0, 3).join('; ')}; ls`).decision, 'allow');
  });
});

test('common conditional lines stay quiet', () => {
  judged((judge) => {
    for (const line of [
      '[ -d src ] && cd src; ls',
      'cd src && ls; cd ..; git status',
      'mkdir -p build && cd build && ls; ls',
      'test -d .venv && export PATH=$PWD/.venv/bin:$PATH; ls',
      'X=dist; [ -n "$CI" ] && X=build; rm -rf "$X"',
      'export A=1 && export B=2; echo $A $B; ls',
      'cd src || exit 1; ls',
    ])
      assert.equal(judge(line).decision, 'allow', line);
  });
});
