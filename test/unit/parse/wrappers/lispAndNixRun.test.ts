// Common Lisp one-liners (`sbcl --eval`, `clisp -x`) are read for the
// programs they run, `run-program` included, and `nix run PKG#ATTR -- ARGS`
// is read as the package's program given those arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('Common Lisp run-program calls in inline code are read as the command they run', () => {
  const judge = engine({});
  for (const command of [
    `sbcl --eval '(sb-ext:run-program "/bin/rm" (list "-rf" "/"))'`,
    `sbcl --non-interactive --eval "(sb-ext:run-program \\"/bin/rm\\" '(\\"-rf\\" \\"/\\"))"`,
    `sbcl --eval '(uiop:run-program "rm -rf ~")'`,
    `clisp -x '(ext:run-program "rm" :arguments (list "-rf" "/"))'`,
    `racket -e '(run-program "/bin/rm" (list "-rf" "/"))'`,
  ])
    assert.equal(judge.judge(command).decision, 'deny', command);
  for (const command of [`sbcl --eval '(print 1)' --quit`, `clisp -x '(+ 1 2)'`])
    assert.equal(judge.judge(command).decision, 'allow', command);
});

test("nix run is read as the installable's program with the arguments after it", () => {
  const judge = engine({});
  for (const command of [
    "nix run nixpkgs#bash -- -c 'rm -rf ~'",
    `nix run nixpkgs#python3 -- -c 'import shutil; shutil.rmtree("/")'`,
    "nix run --impure github:NixOS/nixpkgs/nixos-unstable#bash -- -c 'rm -rf ~'",
  ])
    assert.equal(judge.judge(command).decision, 'deny', command);
  for (const command of ['nix run nixpkgs#hello', 'nix run nixpkgs#jq -- . package.json', 'nix run . -- --help'])
    assert.equal(judge.judge(command).decision, 'allow', command);
});
