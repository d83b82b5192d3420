// An alias or function left in the terminal's own shell that gives a known
// command's name to another program: `alias ls=rm` was allowed (rm with no
// operands is harmless), and a later `ls -rf ~` is judged as ls and runs rm.
// It asks, as `hash -p /bin/rm ls` does; a name kept for its own program, or a
// program nothing reads by its name, stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
const judge = (command: string) => evaluate({ command, cwd: WORKSPACE, env: { HOME } }, opts);

test('a known command name given to another program asks for the later lines it renames', () => {
  for (const command of [
    'alias ls=rm',
    "alias cat='rm -rf'",
    'alias echo=curl',
    "alias git='curl -X DELETE'",
    "alias ls='\\rm'",
    'alias ls=/bin/rm',
    // The later line's words go to the value's last command.
    "alias ls='ls; rm'",
    'ls() { rm "$@"; }',
    'function cat { command rm -rf "$@"; }',
    'ls() { echo start; rm "$@"; }',
    "eval 'alias ls=rm'",
    // A different program that a pack reads under a known name: the name's reading would not be its.
    'alias vim=nvim',
    'alias cat=bat',
    'alias docker=podman',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    const rename = r.findings.find((f) => f.id === 'terminal.shell-machinery');
    assert.ok(rename, `${command}: ${JSON.stringify(r.findings)}`);
    assert.match(rename.summary, /on every later line of the shell, whatever the name shows/);
  }
  assert.match(judge('alias ls=rm').findings[0].summary, /makes ls run rm/);
});

test('a name kept for its own program, a name of its own, or a program nothing reads stays quiet', () => {
  for (const command of [
    'alias python=python3',
    'alias pip=pip3',
    // Two names of one interpreter are read alike: py is the Python launcher.
    'alias py=python3',
    'alias python=pypy3',
    "alias ls='ls --color=auto'",
    "alias rm='rm -i'",
    "alias grep='grep --color=auto'",
    "alias apt='sudo apt'",
    'ls() { command ls -F "$@"; }',
    'cd() { builtin cd "$@" && ls; }',
    "alias ll='ls -alF'",
    'alias k=kubectl',
    'gs() { git status; }',
    'alias ls=eza',
    "bash -c 'alias ls=rm'",
    `bash -c 'ls() { rm "$@"; }'`,
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});

test("py, the Python launcher, is read as python: a later py -c CODE is the code's", () => {
  assert.equal(judge(`py -c "import shutil; shutil.rmtree('${HOME}')"`).decision, 'deny');
  assert.equal(judge('py -m pytest').decision, 'allow');
});
