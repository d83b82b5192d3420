// What runs only where a `cd` failed (after `||`, or after `!` and `&&`) runs in the folder the shell stayed in. The
// walk read it in the folder the `cd` named whenever that folder was there, though a `cd` fails on a folder it cannot
// enter (no search permission) or one removed in between: `cd ~; cd /tmp || rm -f .bashrc` was judged as removing
// /tmp/.bashrc and allowed. fish's `not` was dropped, so `not cd /tmp; and rm -f .bashrc` read as `cd /tmp && rm`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

function judged(check: (judge: ReturnType<typeof diskWorkspace>['judge']) => void): void {
  const { judge, done } = diskWorkspace('ag-failure-read-on-', { 'package.json': '{"name":"app"}\n', 'src/.keep': '' });
  try {
    check(judge);
  } finally {
    done();
  }
}

function asksOnHome(judge: ReturnType<typeof diskWorkspace>['judge'], line: string, dialect?: 'fish' | 'zsh'): void {
  const r = judge(line, dialect);
  assert.notEqual(r.decision, 'allow', line);
  assert.ok(
    r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
    `${line}: ${r.findings.map((f) => f.id)}`,
  );
}

test('what runs only where a cd failed is read in the folder the shell stayed in', () => {
  judged((judge) => {
    for (const line of [
      'cd ~; cd /tmp || rm -f .bashrc',
      'cd ~; \\cd /tmp || rm -f .bashrc',
      'cd ~; builtin cd /tmp || rm -f .bashrc',
      'cd ~; pushd /tmp || rm -f .bashrc',
      'cd ~; cd /tmp && ls || rm -f .bashrc',
      'cd ~; cd /tmp && cd /var || rm -f .bashrc',
      'cd ~; ! cd /tmp && rm -f .bashrc',
      'cd ~; cd /tmp || true; rm -f .bashrc',
      // After `!`, `|| exit` leaves where the cd went, and the shell goes on where it failed.
      'cd ~; ! cd /tmp || exit 1; rm -f .bashrc',
      'cd ~; f() { cd /tmp; }; f || rm -f .bashrc',
    ])
      asksOnHome(judge, line);
    asksOnHome(judge, 'cd ~; cd /tmp || rm -f .bashrc', 'zsh');
  });
});

test("fish's `not` turns the status over, as bash's `!`", () => {
  judged((judge) => {
    for (const line of [
      'cd ~; not cd /tmp; and rm -f .bashrc',
      'cd ~; ! cd /tmp; and rm -f .bashrc',
      'cd ~; cd /tmp; or rm -f .bashrc',
      'cd ~; cd /tmp || rm -f .bashrc',
      'cd ~; if not cd /tmp; rm -f .bashrc; end',
    ])
      asksOnHome(judge, line, 'fish');
    // `not not` is the status itself: what follows `and` runs where the cd went.
    assert.equal(judge('cd ~; not not cd /tmp; and rm -f x', 'fish').decision, 'allow');
  });
});

test('a cd whose failure ends the line, or that nothing reads, stays quiet', () => {
  judged((judge) => {
    for (const line of [
      'cd src || exit 1; ls',
      'cd src || exit; rm -rf dist',
      'cd ~; cd /tmp || exit 1; rm -f x',
      'cd src && ls || echo no such folder',
      'cd ~; cd /tmp; rm -f x',
      'cd ~; cd /tmp && rm -f x',
    ])
      assert.equal(judge(line).decision, 'allow', line);
    for (const line of ['if not test -d build; mkdir build; end', 'not test -f x; and echo hi'])
      assert.equal(judge(line, 'fish').decision, 'allow', line);
  });
});
