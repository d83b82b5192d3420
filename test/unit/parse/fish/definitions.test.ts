// fish's own ways to name code for later lines (`function`, fish's `alias NAME DEF`, `abbr`, `functions -c`) are
// judged as bash's are: the code as if it ran now, and a known command's name given to another program asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeFish } from '../../support/fishJudge';

const judge = judgeFish;

test('a fish definition that renames a known command, or runs harm later, is judged where it is defined', () => {
  for (const command of [
    'function ls; rm -rf ~; end',
    'function ls; rm; end',
    'function ls --wraps rm; rm $argv; end',
    "alias ls 'rm -rf ~'",
    'alias ls rm',
    'functions -c rm ls',
    'functions --copy rm ls',
    "abbr -a ls 'rm -rf ~'",
    'abbr --add ls --position command rm',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'terminal.shell-machinery'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  assert.equal(judge("abbr -a gone 'rm -rf ~'").decision, 'deny');
});

test('fish names whose code the line does not show, or that it saves for every later fish, ask', () => {
  for (const command of [
    // Any word the pattern matches expands, a known command's name too; one word's pattern names that word.
    "abbr -a x --regex '^g.*$' 'git status'",
    "abbr -a x --regex '^ls$' rm",
    // The expansion is what a function prints: one the line does not define, or given to a known command's name.
    'abbr -a --function make_cmd name',
    'function make_cmd; echo x; end; abbr -a --function make_cmd ls',
    // The renamed abbreviation's text is not on the line.
    'abbr --rename gco ls',
    // Saved into fish's function folder, which every later fish loads: lasting even from a child fish.
    'funcsave ls',
    'funcsave -q ls',
    "fish -c 'function ls; rm $argv; end; funcsave ls'",
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'terminal.shell-machinery'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  // The body of a saved function is judged as if called, wherever it was defined.
  assert.equal(judge("fish -c 'function ll; rm -rf ~; end; funcsave ll'").decision, 'deny');
  // A piece for any position, an operator at its end: judged as the middle of a line.
  assert.equal(judge("abbr -a x --position anywhere 'rm -rf ~ |'").decision, 'deny');
});

test('an abbreviation the reader cannot read, by its text, name or redirections, is never taken as nothing', () => {
  // A piece for any position that parses in no reading asks as unreadable, as the same text without the option does.
  for (const command of [
    "abbr -a x --position anywhere 'rm -rf ~ | | x'",
    "abbr -a x --position anywhere '| | rm -rf ~'",
  ])
    assert.equal(judge(command).decision, 'ask', `${command}: ${judge(command).findings.map((f) => f.id)}`);
  for (const command of [
    // A name known only when the line runs: the expansion is judged, and so is the name's command.
    "abbr -a (echo x) 'rm -rf ~'",
    'abbr -a (rm -rf ~) x',
    // The modes that only look or erase still expand their words.
    'abbr -e (rm -rf ~)',
    // Redirections do not hide the definition.
    "abbr -a ls 'rm -rf ~' 2>/dev/null",
  ])
    assert.equal(judge(command).decision, 'deny', `${command}: ${judge(command).findings.map((f) => f.id)}`);
});

test('everyday fish definitions stay allowed', () => {
  for (const command of [
    'function ll; ls -la $argv; end',
    'function ls --description x; command ls -F $argv; end',
    'alias g=git',
    "alias ll 'ls -lah'",
    "abbr -a gco 'git checkout'",
    'abbr -a L --position anywhere "| less"',
    'abbr --erase gco',
    'abbr --list',
    "abbr -a gco 'git checkout' 2>/dev/null",
    'abbr --rename gco gcheckout',
    "abbr -a x --regex '^gco$' 'git checkout'",
    'function ll; ls -la $argv; end; funcsave ll',
    "fish -c 'function ll; ls -la $argv; end; funcsave ll'",
    'funcsave ll',
    'functions -q foo',
    'functions -c fish_prompt old_prompt',
    'set -gx EDITOR vim',
    'fish_add_path ~/.cargo/bin',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
  }
});
