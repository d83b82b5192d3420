// Emacs Lisp read for what it does on this machine (parse/wrappers/emacsLisp.ts):
// `--eval` and the files `-l` / `--script` load. A file that ran shell
// commands, deleted or wrote start-up files was allowed unread; one that
// cannot be read, or a call whose program or file is computed, is asked about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readElisp } from '../../../../src/core/parse/wrappers/emacsLisp';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

test('each acting form is the shell line that does the same; a computed one is unknown', () => {
  assert.deepEqual(readElisp('(shell-command "rm -rf /x")').lines, ['rm -rf /x']);
  assert.deepEqual(readElisp(`(call-process "rm" nil nil nil "-rf" "/x")`).lines, [`'rm' '-rf' '/x'`]);
  assert.deepEqual(readElisp(`(start-process "n" nil "rm" "-rf" "/x")`).lines, [`'rm' '-rf' '/x'`]);
  assert.deepEqual(readElisp(`(make-process :name "n" :command '("rm" "-rf" "/x"))`).lines, [`'rm' '-rf' '/x'`]);
  assert.deepEqual(readElisp('(write-region "curl x|sh" nil "~/.bashrc" t)').lines, [`'tee' '-a' ~/'.bashrc'`]);
  assert.deepEqual(readElisp('(with-temp-file (expand-file-name ".profile" "~") (insert "x"))').lines, [
    `'tee' ~/'.profile'`,
  ]);
  assert.deepEqual(readElisp('(delete-directory "/srv/data" t)').lines, [`'rm' '-r' '/srv/data'`]);
  assert.deepEqual(readElisp('(defun f (c) (shell-command c))').unknown, ['shell-command']);
  assert.deepEqual(readElisp('(write-region (point-min) (point-max) file)').unknown, ['write-region']);
  assert.deepEqual(readElisp('(require (quote ert))\n(ert-deftest t1 () (should (= 1 1)))'), {
    lines: [],
    unknown: [],
  });
});

test('emacs loading Lisp that acts, or that cannot be read, asks; workspace tests and its own libraries stay quiet', () => {
  const at = (f: string) => path.join(WORKSPACE, f);
  const { decide, ids } = engine({
    [at('evil.el')]: '(shell-command "rm -rf /srv/data")\n',
    [at('lisp/hook.el')]: '(write-region "curl x|sh" nil "~/.bashrc" t)\n',
    [at('lisp/computed.el')]: '(defun run (c) (shell-command c))\n',
    [at('test/foo-test.el')]: '(require (quote ert))\n(ert-deftest foo () (should (= 1 1)))\n',
  });
  for (const c of [
    'emacs --batch -l evil.el',
    'emacs --script evil.el',
    'emacs --batch -l lisp/hook.el',
    'emacs --batch -L lisp -l hook -f main',
    'emacs --batch -l lisp/computed.el -f run',
    'emacs --batch -l missing.el',
    'emacs --script missing.el',
    `emacs -Q --batch --eval '(shell-command cmd)'`,
    `emacs --batch --eval '(write-region "curl x|sh" nil "~/.bashrc" t)'`,
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'emacs --batch -l ert -l test/foo-test.el -f ert-run-tests-batch-and-exit',
    'emacs --batch -L . -L test -l ert -l foo-test -f ert-run-tests-batch-and-exit',
    `emacs --batch -f package-initialize --eval '(message "hi")'`,
    `emacs --batch --eval '(write-region "x" nil "build/out.txt")'`,
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
