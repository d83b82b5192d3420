// `sh -c SCRIPT NAME ARG…` binds `$0` and the positionals, and `for f; do`
// runs over them: a write to `"$1"` is a write to the word given, and `find
// -exec sh -c '… >> "$1"' _ {}` writes to what find finds, and so does the
// same script fed the names through xargs. Harmless scripts fed by find in
// the workspace stay quiet. The engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('an inline script writes where its positional arguments point', () => {
  const { judge, done } = diskWorkspace('ag-inlineargs-', {});
  try {
    for (const command of [
      `sh -c 'echo curl x >> "$1"' _ ~/.bashrc`,
      `sh -c 'for f; do echo x >> "$f"; done' _ ~/.bashrc`,
      `bash -c 'for f in "$@"; do echo x >> "$f"; done' _ ~/.profile`,
      `find ~ -name '.*rc' -exec sh -c 'echo curl x >> "$1"' _ {} \\;`,
      `find ~ -name '.bashrc' -exec sh -c 'for f; do echo x >> "$f"; done' _ {} +`,
      `f() { for x; do rm -rf "$x"; done; }; f ~`,
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
    for (const command of [
      `bash -c 'echo "$1"' _ hello`,
      `sh -c 'cp "$1" "$2"' _ a.txt b.txt`,
      `find . -name '*.log' -exec sh -c 'gzip "$1"' _ {} \\;`,
      `find . -name '*.txt' -exec sh -c 'echo done >> "$1"' _ {} \\;`,
      `find src -name '*.ts' -exec sh -c 'for f; do wc -l "$f"; done' _ {} +`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});

test('names a finder pipes into xargs are every match under its root, as find -exec binds them', () => {
  const { judge, done } = diskWorkspace('ag-xargsargs-', {});
  try {
    for (const command of [
      `find ~ -name '.*rc' | xargs -I{} sh -c 'echo x >> "$1"' _ {}`,
      `find ~ -name '.*rc' | xargs sh -c 'for f; do echo x >> "$f"; done' _`,
      `find ~ -maxdepth 1 -name '.bash*' | xargs sed -i 's/a/b/'`,
      `fd -H '^\\.bashrc$' ~ | xargs -I{} sh -c 'echo x >> "$1"' _ {}`,
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
    for (const command of [
      `find src -name '*.ts' | xargs -I{} sh -c 'cp "$1" "$1.bak"' _ {}`,
      `find . -name '*.pyc' | xargs rm -f`,
      `find . -name '*.ts' | xargs sed -i 's/foo/bar/'`,
      `find ~ -name '*.log' | xargs grep -l error`,
      `fd -e ts . src | xargs prettier --write`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
