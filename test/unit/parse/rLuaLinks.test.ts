// Links made by R and Lua code (parse/rLuaLinks.ts): `Rscript -e 'file.symlink("/tmp/evil", ".claude")'` and
// `lua -e 'require("lfs").link("/tmp/evil", ".claude", true)'` passed, while `ln -s /tmp/evil .claude` asks. Each
// call is judged as the `ln -s` or `ln` it stands for, however R's arguments are named and ordered, and links among
// the project's own files stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const { judge } = engine();

/** Asserts `command` is not allowed and carries every finding `ln` gets, with the same decision. */
function judgedAsLn(ln: string, command: string, judged = judge): void {
  const want = judge(ln);
  assert.notEqual(want.decision, 'allow', ln);
  const got = judged(command);
  const ids = got.findings.map((f) => f.id);
  assert.equal(got.decision, want.decision, `${command}: ${JSON.stringify(got.findings)}`);
  for (const f of want.findings) assert.ok(ids.includes(f.id), `${command}: ${f.id} among ${ids}`);
}

test('an R or Lua symbolic link named as a host settings folder is judged as ln -s, arguments in any order', () => {
  const ln = 'ln -s /tmp/evil .claude';
  const want = judge(ln).findings.map((f) => f.id);
  for (const command of [
    `Rscript -e 'file.symlink("/tmp/evil", ".claude")'`,
    `Rscript -e 'file.symlink(to = ".claude", from = "/tmp/evil")'`,
    `R -e 'base::file.symlink(t = ".claude", "/tmp/evil")'`,
    `Rscript -e 'fs::link_create(new_path = ".claude", path = "/tmp/evil")'`,
    `Rscript -e 'library(fs); link_create("/tmp/evil", ".claude", symbolic = TRUE)'`,
    `Rscript -e 'R.utils::createLink(target = "/tmp/evil", link = ".claude")'`,
    `Rscript -e 'file.symlink(c("dist/app", "/tmp/evil"), c("current", ".claude"))'`,
    // A value piped in (`|>`, magrittr's `%>%`) is the first argument, or its placeholder's; a call held by a name.
    `Rscript -e '"/tmp/evil" |> file.symlink(".claude")'`,
    `Rscript -e '".claude" |> file.symlink(from = "/tmp/evil", to = _)'`,
    `Rscript -e 'library(magrittr); ".claude" %>% file.symlink("/tmp/evil", .)'`,
    `Rscript -e 'ln <- file.symlink; ln("/tmp/evil", ".claude")'`,
    `lua -e 'require("lfs").link("/tmp/evil", ".claude", true)'`,
    `lua -e 'local lfs = require "lfs"; lfs.link("/tmp/evil", ".claude", true)'`,
    `lua -e 'local fs = require("lfs") fs.link([[/tmp/evil]], ".claude", true)'`,
    `lua -e 'local ln = require("lfs").link; ln("/tmp/evil", ".claude", true)'`,
    `lua -e 'require("posix.unistd").link("/tmp/evil", ".claude", true)'`,
  ]) {
    judgedAsLn(ln, command);
    assert.deepEqual(
      judge(command)
        .findings.map((f) => f.id)
        .sort(),
      [...want].sort(),
      command,
    );
  }
});

test('an R or Lua hard link into a git hook or to a private key is judged as ln', () => {
  for (const command of [
    `Rscript -e 'file.link("/tmp/evil", ".git/hooks/pre-commit")'`,
    `Rscript -e 'fs::link_create("/tmp/evil", ".git/hooks/pre-commit", symbolic = FALSE)'`,
    `lua -e 'require("lfs").link("/tmp/evil", ".git/hooks/pre-commit")'`,
    `lua -e 'local lfs = require("lfs"); lfs.link("/tmp/evil", ".git/hooks/pre-commit", false)'`,
  ])
    judgedAsLn('ln /tmp/evil .git/hooks/pre-commit', command);
  for (const command of [
    `Rscript -e 'file.link(path.expand("~/.ssh/id_rsa"), "key.txt")'`,
    `Rscript -e 'file.link(to = "key.txt", from = file.path(Sys.getenv("HOME"), ".ssh/id_rsa"))'`,
    `lua -e 'require("lfs").link(os.getenv("HOME") .. "/.ssh/id_rsa", "key.txt")'`,
  ])
    judgedAsLn('ln ~/.ssh/id_rsa key.txt', command);
});

test('an R or Lua link whose target or kind is computed is judged as ln -s with that unknown', () => {
  judgedAsLn('ln -s "$(f)" .claude', `Rscript -e 'file.symlink(commandArgs(TRUE)[1], ".claude")'`);
  judgedAsLn('ln -s "$(f)" .claude', `lua -e 'require("lfs").link(arg[1], ".claude", true)'`);
  judgedAsLn('ln -s "$(f)" .claude', `Rscript -e 'commandArgs(TRUE)[1] |> file.symlink(".claude")'`);
  // A link that is symbolic or hard as the code decides at run time is judged as either.
  judgedAsLn(
    'ln /tmp/evil .git/hooks/pre-commit',
    `lua -e 'require("lfs").link("/tmp/evil", ".git/hooks/pre-commit", arg[1])'`,
  );
  judgedAsLn('ln -s /tmp/evil .claude', `Rscript -e 'fs::link_create("/tmp/evil", ".claude", symbolic = s)'`);
});

test('an R script file that makes a link, on disk or written on the same line, is judged as ln -s', () => {
  const code = 'file.symlink(to = ".claude", from = "/tmp/evil")\n';
  const onDisk = engine({
    [`${WORKSPACE}/tools/link.R`]: code,
    [`${WORKSPACE}/tools/link.lua`]: `local lfs = require "lfs"\nlfs.link("/tmp/evil", ".claude", true)\n`,
  });
  for (const command of [
    'Rscript tools/link.R',
    'R -f tools/link.R',
    'R --no-save < tools/link.R',
    'lua tools/link.lua',
  ])
    judgedAsLn('ln -s /tmp/evil .claude', command, onDisk.judge);
  judgedAsLn('ln -s /tmp/evil .claude', `printf '%s\\n' '${code.trim()}' > link.R && Rscript link.R`);
});

test('R and Lua links among the project files and link-named calls on other objects stay quiet', () => {
  for (const command of [
    `Rscript -e 'file.symlink("dist/app", "current")'`,
    `Rscript -e 'file.symlink(to = "current", from = "dist/app")'`,
    `Rscript -e 'fs::link_create("dist/app", "current")'`,
    `Rscript -e 'print(Sys.readlink(".claude"))'`,
    `Rscript -e '"dist/app" |> file.symlink("current")'`,
    // R stops at an argument no formal takes: no link is made.
    `Rscript -e 'file.symlink("/tmp/evil", ".claude", extra = 1)'`,
    `lua -e 'require("lfs").link("dist/app", "current", true)'`,
    `lua -e 'print(lfs.symlinkattributes(".claude"))'`,
    `lua -e 'html.link("/tmp/evil", ".claude", true)'`,
    `lua -e 'local t = {}; t.link("/tmp/evil", ".claude", true)'`,
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});
