// fish builtins that give a name code for later lines, judged where the walk meets them: `functions -c` copies a
// body, `funced -s` saves what is typed in an editor, `abbr --function` expands to what a function prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAbbrArgs } from '../../../../src/core/parse/fish/abbrArgs';
import { ABBR_LONG, fishLongOption } from '../../../../src/core/parse/fish/longOptions';
import { asksShellMachinery, judgeFish } from '../../support/fishJudge';

const judge = judgeFish;

const asks = asksShellMachinery;

test('functions -c gives a known name the body of a function the line does not show: asks', () => {
  for (const command of [
    'functions -c gco ls',
    'functions --copy gco ls',
    'functions -d x -c gco ls',
    'functions -c -- gco ls',
    // Short options grouped, as fish reads them.
    'functions -vc gco ls',
    'functions -cv gco ls',
    // A later funcsave writes the unseen copy for every later fish, even from a child fish.
    "fish -c 'functions -c gco ls; funcsave ls'",
  ])
    asks(command);
});

test('functions -c of a function the line defines is judged as a definition of the new name with its body', () => {
  asks('function gco; rm $argv; end; functions -c gco ls');
  asks("fish -c 'function gco; rm $argv; end; functions -c gco ls; funcsave ls'");
  assert.equal(judge('function gco; rm -rf ~; end; functions -c gco ll').decision, 'deny');
});

test('funced -s saves what an editor holds as a known name: asks; without -s the edit lasts the session', () => {
  asks('funced -s ls');
  asks('funced --save ls');
  for (const command of ['funced ls', 'funced ll', 'funced -s ll', 'funced -e vim ll'])
    assert.equal(judge(command).decision, 'allow', command);
});

test("abbr --function FN: FN's printed text, when its body shows it, is judged as the line typing the name gives", () => {
  for (const command of [
    'function FN; echo rm -rf ~; end; abbr -a x --function FN',
    "function FN; printf 'rm -rf ~'; end; abbr -a x --function FN",
    'function FN; echo rm -rf ~; end; abbr -a x --function=FN',
    'function FN; echo rm -rf ~; end; abbr -af FN x',
  ])
    assert.equal(judge(command).decision, 'deny', command);
  // Text known only at run time, or printed by another program: not shown, so asked about.
  asks('function FN; echo $argv; end; abbr -a x --function FN');
  asks('function FN; git branch; end; abbr -a x --function FN');
  asks("function FN; printf '%d' 3; end; abbr -a x --function FN");
  assert.equal(judge('function FN; echo git status; end; abbr -a x --function FN').decision, 'allow');
});

test('abbr words are read as fish reads them: values joined to options, grouped short options', () => {
  assert.deepEqual(readAbbrArgs(['-a', 'x', '--regex=^g', 'git']), {
    mode: 'add',
    positional: ['x', 'git'],
    regex: '^g',
    anywhere: false,
  });
  assert.deepEqual(readAbbrArgs(['-af', 'FN', 'x', '--position', 'anywhere']), {
    mode: 'add',
    positional: ['x'],
    fn: 'FN',
    anywhere: true,
  });
  assert.equal(readAbbrArgs(['-ae', 'gco']).mode, 'other');
  assert.equal(readAbbrArgs(['--rename', 'a', 'b']).mode, 'rename');
  assert.deepEqual(readAbbrArgs(['-a', '--', '-x', 'y']).positional, ['-x', 'y']);
  asks("abbr -a x --regex='^g.*$' 'git status'");
});

test('a long option cut short is read as fish reads it: the one name it starts, or none when several do', () => {
  assert.deepEqual(fishLongOption('--pos', ABBR_LONG), 'position');
  assert.deepEqual(fishLongOption('--ren=x', ABBR_LONG), 'rename');
  // `--s` starts both --show and --set-cursor: fish refuses it.
  assert.equal(fishLongOption('--s', ABBR_LONG), undefined);
  assert.equal(readAbbrArgs(['--func', 'FN', 'ls']).fn, 'FN');
  for (const command of [
    'abbr --func myfn ls',
    'abbr -a --ren gco ls',
    "abbr -a x --reg '.*' 'git status'",
    'functions --cop gco ls',
    'funced --sa ls',
  ])
    asks(command);
  assert.equal(judge("funced --ed 'rm -rf ~' ll").decision, 'deny');
  for (const command of [
    'abbr -a L --pos anywhere "| less"',
    'abbr --era gco',
    'functions --cop fish_prompt old_prompt',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});

test("funced's editor, given with -e or set on the line, is judged as the command line fish runs with the file", () => {
  for (const command of [
    "funced -e 'rm -rf ~' ll",
    'funced --editor \'sh -c "rm -rf ~"\' ll',
    "funced --editor='rm -rf ~' ll",
    "funced -se 'rm -rf ~' ll",
    "VISUAL='rm -rf ~' funced ll",
    "set -x EDITOR 'rm -rf ~'; funced ll",
  ])
    assert.equal(judge(command).decision, 'deny', `${command}: ${judge(command).findings.map((f) => f.id)}`);
  for (const command of ['funced -e nano ll', "funced -e 'code --wait' ll", 'EDITOR=vim funced ll', 'funced -i ll'])
    assert.equal(judge(command).decision, 'allow', `${command}: ${judge(command).findings.map((f) => f.id)}`);
});

test('everyday fish function and abbreviation lines stay allowed', () => {
  for (const command of [
    "abbr -a gco 'git checkout'",
    'abbr -ag gco git checkout',
    'functions -n',
    'functions ll',
    'functions -e ll',
    'functions -q ls',
    'functions -c ls ll',
    'function ll; ls -la $argv; end; funcsave ll',
    "fish -c 'functions -c gco ls'",
    'set -gx PATH $PATH ~/.local/bin',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${judge(command).findings.map((f) => f.id)}`);
});
