// Tcl's own `file delete -force`, `file copy` and `file rename` (tclsh, wish,
// expect) change files as rm -rf, cp and mv do, and are judged as those.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../support/account';
import { expectScript } from '../../../../src/core/parse/wrappers/expect';
import { assertJudged, batchWorld } from '../../support/batchCheck';

test('file delete -force reads as rm -rf', () => {
  assert.equal(expectScript('file delete -force -- ~'), 'rm -rf ~');
  assert.equal(expectScript('file copy a b'), 'cp -r a b');
  assert.equal(expectScript('puts [file exists x]'), undefined);
});

test("Tcl's file commands are judged as the shell commands they amount to", () => {
  const world = batchWorld();
  try {
    assertJudged(
      world,
      [
        "tclsh <<< 'file delete -force ~'",
        "echo 'file delete -force -- /home' | tclsh",
        "tclsh <<< 'file copy -force /tmp/x .git/hooks/pre-commit'",
        "tclsh <<< 'file rename .agentguard.json x.json'",
        `texlua -e 'os.execute("rm -rf ~")'`,
      ],
      ["tclsh <<< 'puts [file exists x]'", "tclsh <<< 'file delete build/tmp.txt'", "echo 'puts hello' | tclsh"],
    );
  } finally {
    world.cleanup();
  }
});
