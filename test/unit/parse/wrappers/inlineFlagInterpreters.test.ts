// Code given inline to nim (`-e`, `--eval:CODE`), runghc / runhaskell and
// ocaml (`-e`) is read as their heredoc code is: `nim e -e 'discard
// execShellCmd("rm -rf ~")'` deleted the home folder quietly. Harmless inline
// code and compiles stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('inline code for nim, runghc and ocaml is judged by what it runs', () => {
  const { decide, ids } = engine();
  for (const command of [
    `nim e -e 'discard execShellCmd("rm -rf ~")'`,
    `nim e --eval:'discard execShellCmd("rm -rf ~")'`,
    `runghc -e 'System.Process.callCommand "rm -rf ~"'`,
    `runhaskell -e 'System.Process.callCommand "rm -rf ~"'`,
    `ocaml -e 'Sys.command "rm -rf ~"'`,
  ]) {
    assert.equal(decide(command), 'deny', command);
    assert.ok(ids(command).includes('fs.rm-home'), `${command}: ${ids(command)}`);
  }
  for (const command of [
    "nim e -e 'echo 1'",
    'nim c x.nim',
    'nim c -r src/app.nim',
    `runghc -e 'putStrLn "hi"'`,
    `ocaml -e 'print_endline "hi"'`,
  ])
    assert.equal(decide(command), 'allow', command);
});
