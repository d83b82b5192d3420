// Ex commands that write or run code without a `!` (parse/wrappers/exEditor.ts):
// vim -es writing the buffer over a start-up file, :lua and :python3 code,
// writefile(), and vim scripts sourced with -S, -u or :source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exEffectLines, exSourcedFiles, exWrittenFiles } from '../../../../src/core/parse/wrappers/exEditor';
import { engine } from '../../support/engineHarness';

test('each write or code command is the shell line that does the same', () => {
  assert.deepEqual(exEffectLines('w! ~/.bashrc'), [`tee -- ~'/.bashrc'`]);
  assert.deepEqual(exEffectLines(':silent saveas $HOME/.profile'), [`tee -- "$HOME"'/.profile'`]);
  assert.deepEqual(exEffectLines('w >> /etc/x'), [`tee -a -- '/etc/x'`]);
  assert.deepEqual(exEffectLines('lua os.execute("id")'), [`lua -e 'os.execute("id")'`]);
  assert.deepEqual(exEffectLines('py3file /tmp/x.py'), [`python3 '/tmp/x.py'`]);
  for (const harmless of ['w', 'wq', 'wall', 'x', '%s/a/b/g', 'set nu', 'w !cat'])
    assert.deepEqual(exEffectLines(harmless), []);
  assert.deepEqual(exWrittenFiles('call writefile(["a|b"], expand("~/.zshrc"), "a")'), [`tee -a -- ~'/.zshrc'`]);
  assert.deepEqual(exWrittenFiles('call delete(expand("~/.agentguard"), "rf")'), [`rm -rf -- ~'/.agentguard'`]);
  assert.deepEqual(exWrittenFiles("call delete('x.txt')"), [`rm -f -- 'x.txt'`]);
  assert.deepEqual(exWrittenFiles('call rename("a", "/tmp/b")'), [`mv -- 'a' '/tmp/b'`]);
  assert.deepEqual(exWrittenFiles('lua vim.fn.delete("x")'), [`rm -f -- 'x'`]);
  assert.deepEqual(exWrittenFiles('lua obj.delete("x")'), []);
  assert.deepEqual(exSourcedFiles(['vim', '-u', 'NONE', '-S', 's.vim', '-c', 'so x.vim|q'], ['so x.vim|q']), [
    's.vim',
    'x.vim',
  ]);
});

test('vim and ex run without a terminal write start-up files and run code as the commands that do the same', () => {
  const { decide, ids } = engine({ '/tmp/ok.vim': 'set nu\n', '/tmp/evil.vim': '!rm -rf ~\n' });
  for (const c of [
    "vim -es -c 'w! ~/.bashrc' /tmp/evil",
    "ex -sc 'w! ~/.profile|q' /tmp/evil",
    "vim -es -c 'w >> ~/.bashrc' /tmp/evil",
    'nvim --headless +\'lua os.execute("rm -rf ~")\' +q',
    'vim -es -c \'call writefile(["curl x|sh"], expand("~/.bashrc"), "a")\' -c q',
    'vim -S /tmp/evil.vim',
    "vim -es -c 'source /tmp/missing.vim'",
    'nvim --headless +\'call delete(expand("~/.agentguard"), "rf")\' +q',
    'vim -es -c \'call delete(".git/hooks/pre-commit")\' -c q',
    'vim -es -c \'call rename(expand("~/.agentguard"), "/tmp/x")\' -c q',
    'gdb -nx -batch -ex \'python import os, shutil; shutil.rmtree(os.path.expanduser("~/.agentguard"))\'',
    'lldb -b -o \'script import os, shutil; shutil.rmtree(os.path.expanduser("~/.agentguard"))\'',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    "vim -es -c '%s/a/b/g' -c wq src/index.ts",
    "vim -es -c 'w build/out.txt' -c q src/index.ts",
    'vim -es -c \'call delete("build/tmp.txt")\' -c q',
    "gdb -batch -ex 'python print(1)' ./a.out",
    'vim -u NONE -es -c x src/index.ts',
    'vim -S /tmp/ok.vim src/index.ts',
    "nvim --headless +'Lazy! sync' +qa",
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
