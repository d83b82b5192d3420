// Links made by interpreter code (parse/codeLinks.ts): `os.symlink("/tmp/evil", ".claude")` was read only as a write
// of `.claude` and passed, while `ln -s /tmp/evil .claude` asks. Each language's link call is judged as the `ln` it
// stands for: the findings `ln` gets are the code's too, and links among a project's own files stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { judge } = engine();

/** Asserts `command` is not allowed and carries every finding `ln` gets, with the same decision. */
function judgedAsLn(ln: string, command: string): void {
  const want = judge(ln);
  assert.notEqual(want.decision, 'allow', ln);
  const got = judge(command);
  const ids = got.findings.map((f) => f.id);
  assert.equal(got.decision, want.decision, `${command}: ${JSON.stringify(got.findings)}`);
  for (const f of want.findings) assert.ok(ids.includes(f.id), `${command}: ${f.id} among ${ids}`);
}

test('a symbolic link named as a host settings folder from code is judged as ln -s', () => {
  const ln = 'ln -s /tmp/evil .claude';
  const want = judge(ln).findings.map((f) => f.id);
  assert.ok(want.includes('path.agentguard') && want.includes('autorun.agent-command'), `${want}`);
  for (const command of [
    `python3 -c 'import os; os.symlink("/tmp/evil", ".claude")'`,
    `python3 -c 'import pathlib; pathlib.Path(".claude").symlink_to("/tmp/evil")'`,
    `python3 -c 'import os; d = ".claude"; os.symlink("/tmp/evil", d)'`,
    `node -e 'require("fs").symlinkSync("/tmp/evil", ".claude")'`,
    `node -e 'require("fs").symlink("/tmp/evil", ".claude", () => {})'`,
    `node -e 'require("fs").promises.symlink("/tmp/evil", ".claude")'`,
    `node -e 'const { symlinkSync } = require("fs"); symlinkSync("/tmp/evil", ".claude")'`,
    `ruby -e 'File.symlink("/tmp/evil", ".claude")'`,
    `ruby -e 'require "fileutils"; FileUtils.ln_s("/tmp/evil", ".claude")'`,
    `ruby -e 'require "fileutils"; FileUtils.ln_s "/tmp/evil", ".claude"'`,
    `perl -e 'symlink("/tmp/evil", ".claude")'`,
    `perl -e 'symlink "/tmp/evil", ".claude"'`,
    `php -r 'symlink("/tmp/evil", ".claude");'`,
  ]) {
    judgedAsLn(ln, command);
    // Nothing beyond the link itself: the code gets exactly the findings `ln -s` gets.
    assert.deepEqual(
      judge(command)
        .findings.map((f) => f.id)
        .sort(),
      [...want].sort(),
      command,
    );
  }
});

test('a link into a CI workflow folder or a git hooks folder from code is judged as ln -s', () => {
  judgedAsLn('ln -s /tmp/x .github/workflows', `node -e 'require("fs").symlinkSync("/tmp/x", ".github/workflows")'`);
  judgedAsLn('ln -s /tmp/x .git/hooks', `python3 -c 'import os; os.symlink("/tmp/x", ".git/hooks")'`);
});

test('a link replacing a start-up file or authorized_keys from code keeps what ln -s gets', () => {
  judgedAsLn(
    'ln -s /tmp/evil ~/.bashrc',
    `python3 -c 'import os; os.symlink("/tmp/evil", os.path.expanduser("~/.bashrc"))'`,
  );
  judgedAsLn(
    'ln -s /tmp/evil ~/.ssh/authorized_keys',
    `node -e 'require("fs").symlinkSync("/tmp/evil", require("os").homedir() + "/.ssh/authorized_keys")'`,
  );
});

test('a link to a private key from code is judged as ln -s or ln, its target read as a credential', () => {
  judgedAsLn(
    'ln -s ~/.ssh/id_rsa key.txt',
    `python3 -c 'import os; os.symlink(os.path.expanduser("~/.ssh/id_rsa"), "key.txt")'`,
  );
  for (const command of [
    `perl -e 'link("/home/dev/.ssh/id_rsa", "key.txt")'`,
    `ruby -e 'require "fileutils"; FileUtils.ln(File.expand_path("~/.ssh/id_rsa"), "key.txt")'`,
    `python3 -c 'from pathlib import Path; Path("key.txt").hardlink_to(Path.home() / ".ssh/id_rsa")'`,
    `python3 -c 'import os; os.link(os.path.expanduser("~/.ssh/id_rsa"), "key.txt")'`,
    `node -e 'require("fs").linkSync(require("os").homedir() + "/.ssh/id_rsa", "key.txt")'`,
  ])
    judgedAsLn('ln ~/.ssh/id_rsa key.txt', command);
});

test('a Julia hard link into a git hook, and a link through Base.Filesystem, are judged as ln', () => {
  judgedAsLn('ln /tmp/evil .git/hooks/pre-commit', `julia -e 'hardlink("/tmp/evil", ".git/hooks/pre-commit")'`);
  judgedAsLn('ln -s /tmp/evil .claude', `julia -e 'Base.Filesystem.symlink("/tmp/evil", ".claude")'`);
  assert.equal(judge(`julia -e 'hardlink("dist/app", "current")'`).decision, 'allow');
});

test('a link whose target is computed is judged as ln -s with that target unknown', () => {
  judgedAsLn('ln -s "$(f)" .claude', `python3 -c 'import os,sys; os.symlink(sys.argv[1], ".claude")'`);
});

test('links among the project files, reading a link and link-named calls on other objects stay quiet', () => {
  assert.equal(judge('ln -s dist/app current').decision, 'allow');
  for (const command of [
    `python3 -c 'import os; os.symlink("dist/app", "current")'`,
    `python3 -c 'import os; print(os.readlink(".claude"))'`,
    `python3 -c 'import os; os.unlink("current"); os.symlink("dist/v2", "current")'`,
    `python3 -c 'import os; os.symlink(src, dst)'`,
    `node -e 'require("fs").symlinkSync("dist/app", "current")'`,
    `node -e 'console.log(require("fs").readlinkSync(".claude"))'`,
    `node -e 'console.log(html.link("a", ".claude"))'`,
    `ruby -e 'File.symlink("dist/app", "current")'`,
    `ruby -e 'puts link_to "Home", ".claude"'`,
    `perl -e 'symlink "dist/app", "current"'`,
    `perl -e 'print readlink(".claude")'`,
    `php -r 'symlink("dist/app", "current");'`,
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});
