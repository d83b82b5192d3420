// The batch renamers (util-linux `rename FROM TO FILE…`, Perl `rename 'EXPR' FILE…`) are judged as the `mv` of each
// file they rename (parse/wrappers/renames.ts): moving a protected file away asks as `mv` of it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('renaming a protected file or folder away asks, as mv of it does', () => {
  const { decide } = engine();
  for (const command of [
    'rename.ul agentguard agentguard.off ~/.agentguard/bin/agentguard',
    'rename.ul .claude .claude.off ~/.claude',
    "rename 's/\\.claude/.x/' ~/.claude",
    'rename.ul config off ~/.codex/config.toml',
    "file-rename 's/settings/off/' ~/.claude/settings.json",
    "prename -v 's/settings/off/' ~/.gemini/settings.json",
    "perl-rename 'y/a-z/A-Z/' ~/.claude",
    // util-linux's new name lands on a start-up file; Perl code that deletes each file named.
    'rename.ul x .bashrc ~/x',
    'rename unlink x ~/.bashrc',
    "rename -e 's/x/y/' ~/.claude/settings.json",
    "rename 's/\\.claude/.x/e' ~/.claude",
  ])
    assert.notEqual(decide(command), 'allow', command);
  // The same moves spelled with mv ask already.
  assert.notEqual(decide('mv ~/.agentguard/bin/agentguard ~/.agentguard/bin/agentguard.off'), 'allow');
});

test("Perl rename's expression is judged as the Perl code it is", () => {
  const { decide } = engine();
  assert.notEqual(decide(`file-rename 'system("rm -rf ~")' a.txt`), 'allow');
});

test('everyday renames in the project, dry runs and renames of files outside protected places stay allowed', () => {
  const { decide } = engine();
  for (const command of [
    "rename 's/\\.txt$/.md/' *.txt",
    "rename 's/\\.txt$/.md/' src/*.txt",
    "rename 's/ /_/g' *.jpg",
    "rename 'y/A-Z/a-z/' *.JPG",
    'rename .txt .md *.txt',
    'rename.ul -v foo bar foo1.txt foo2.txt',
    'rename foo bar src/foo.ts',
    "rename -v 's/a/b/' a.txt b.txt",
    "rename -n 's/x/y/' ~/.claude",
    'rename.ul --no-act .claude x ~/.claude',
    'rename --help',
    'rename.ul foo bar ~/notes/foo.txt',
  ])
    assert.equal(decide(command), 'allow', command);
});
