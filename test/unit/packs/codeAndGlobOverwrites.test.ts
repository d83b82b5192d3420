// Files outside the workspace deleted or emptied by routes the literal shell forms do not take: a path object's
// own unlink() on a name or a home expression, truncation and open-for-write calls in interpreter code, shell
// overwrites of a glob, a loop variable over a glob or find's `{}`, `sed -i d`, and sed's `w FILE` (which empties
// FILE as sed starts). Each asks as `rm -f ~/notes/todo.txt` or `: > ~/notes/todo.txt` does; the same forms on
// the project's own or temp files stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { HOME, WORKSPACE } from '../support/helpers';
import { readSedScripts } from '../../../src/core/effects/sedScripts';

const TODO = `${HOME}/notes/todo.txt`;
const { judge } = engine({
  [TODO]: 'buy milk',
  [`${HOME}/projects/app/a.py`]: 'print(1)',
  [`${WORKSPACE}/main.py`]: 'print(1)',
  [`${WORKSPACE}/reset_config.py`]:
    'from pathlib import Path\nCONFIG = Path.home()/"notes"/"todo.txt"\nif CONFIG.exists(): CONFIG.unlink()\n',
});

function expect(id: string, commands: readonly string[]): void {
  for (const c of commands) {
    const r = judge(c);
    assert.equal(r.decision, 'ask', `${c}: ${r.decision}`);
    assert.ok(
      r.findings.some((f) => f.id === id),
      `${c}: ${r.findings.map((f) => f.id).join(',')}`,
    );
  }
}

function quiet(commands: readonly string[]): void {
  for (const c of commands) assert.equal(judge(c).decision, 'allow', c);
}

test('a pathlib delete through a once-bound name, Path.home(), joinpath or `/` asks as rm does', () => {
  expect('fs.rm-outside-workspace', [
    'python3 reset_config.py',
    `python3 -c "from pathlib import Path; p = Path('${TODO}'); p.unlink()"`,
    `python3 -c "from pathlib import Path; Path.home().joinpath('notes','todo.txt').unlink()"`,
    `python3 -c "from pathlib import Path; (Path.home() / 'notes' / 'todo.txt').unlink(missing_ok=True)"`,
    `python3 -c "import shutil; from pathlib import Path; shutil.rmtree(Path.home() / 'projects')"`,
  ]);
  quiet([
    `python3 -c "from pathlib import Path; p = Path('build/x.txt'); p.unlink()"`,
    `python3 -c "from pathlib import Path; p = Path.home() / 'notes' / 'todo.txt'; print(p.read_text())"`,
    `python3 -c "import os; os.unlink('build/x.o')"`,
  ]);
});

test('truncation and open-for-write calls in code ask as the shell overwrite does', () => {
  expect('fs.overwrite-outside-workspace', [
    `node -e "require('fs').truncateSync('${TODO}')"`,
    `node -e "require('fs').openSync('${TODO}','w')"`,
    `node -e "require('fs').writeFileSync('${TODO}','')"`,
    'node -e \'const os=require("os");require("fs").truncateSync(`${os.homedir()}/notes/todo.txt`)\'',
    `python3 -c "import os; os.truncate('${TODO}', 0)"`,
    `python3 -c "import os; os.truncate(os.path.expanduser('~/notes/todo.txt'), 0)"`,
    `python3 -c "import os; os.open('${TODO}', os.O_WRONLY|os.O_TRUNC)"`,
    `python3 -c "open('${TODO}', 'w')"`,
    `ruby -e "File.truncate('${TODO}', 0)"`,
    `ruby -e "File.write('${TODO}', '')"`,
    `perl -e "truncate '${TODO}', 0"`,
    `perl -e "truncate('${TODO}', 0)"`,
    `deno eval "Deno.truncate('${TODO}')"`,
    `deno eval "Deno.writeTextFile('${TODO}', '')"`,
    `bun -e "Bun.write('${TODO}', '')"`,
  ]);
  quiet([
    `python3 -c "import os; fd = os.open('${TODO}', os.O_RDONLY)"`,
    `python3 -c "f = open('out.txt','w'); f.write('x'); f.truncate()"`,
    `python3 -c "import os; os.truncate('build/x.log', 0)"`,
    `python3 -c "import os; os.open('${HOME}/notes/new.txt', os.O_WRONLY|os.O_CREAT)"`,
    `node -e "const fs=require('fs'); fs.closeSync(fs.openSync('${TODO}','r'))"`,
    `node -e "require('fs').truncateSync('dist/out.txt')"`,
    `ruby -e "File.truncate('log/dev.log', 0)"`,
    `deno eval "Deno.writeTextFile('out.txt', 'x')"`,
    `bun -e "Bun.write('dist/x.txt', 'hi')"`,
  ]);
});

test('an overwrite of a glob, a loop variable over one, or find {} outside the workspace asks', () => {
  expect('fs.overwrite-outside-workspace', [
    'truncate -s0 ~/projects/app/*.py',
    'tee ~/projects/app/*.py < /dev/null',
    'shred ~/projects/app/*.py',
    'for f in ~/projects/app/*.py; do : > "$f"; done',
    'find ~/projects -type f -exec truncate -s0 {} +',
    'find ~/projects -type f -exec cp /dev/null {} \\;',
    'find ~/projects -type f -exec dd if=/dev/null of={} \\;',
    'find ~/projects -type f -exec sed -i d {} +',
    'sed -i d ~/notes/todo.txt',
    "sed -i '1,$d' ~/notes/todo.txt",
  ]);
  quiet([
    "find ~/projects -type f -exec sed -i 's/a/b/' {} +",
    'find ~/projects -type f -exec grep -l foo {} +',
    "find . -name '*.py' -exec truncate -s0 {} +",
    'truncate -s0 build/*.log',
    'truncate -s0 /tmp/*.log',
    'truncate -s0 ~/no-such-folder/*.log',
    'for f in *.py; do : > "$f"; done',
    'for f in ~/projects/app/*.py; do cat "$f"; done',
    "sed -i '/debug/d' ~/notes/todo.txt",
    'sed -i d main.py',
  ]);
});

test("sed's w command and s///w flag empty their file as sed starts", () => {
  expect('fs.overwrite-outside-workspace', [
    `sed -n 'w ${TODO}' main.py`,
    `sed 's/x/y/w ${TODO}' main.py`,
    `sed -n 'W ${TODO}' main.py`,
    `sed -n -e 'p' -e '/a/w ${TODO}' main.py`,
    `sed -n '/a/{w ${TODO}\n}' main.py`,
  ]);
  expect('fs.rm-outside-workspace', ["sed 'e rm -rf ~/notes' main.py"]);
  quiet([
    "sed -n '1,20p' main.py",
    "sed -i 's/foo/bar/g' main.py",
    "sed -n '/start/,/end/w out.txt' main.py",
    "sed 's/x/y/w /dev/stdout' main.py",
    "sed '/^#/d; s/ *$//' main.py",
    "sed 'a\\hello world' main.py",
    "sed 's/with w/x/' main.py",
  ]);
  assert.deepEqual(readSedScripts(['s|a/w|b|w out.txt', 'y/w/v/;w two.txt', 'a write nothing']).writes, [
    'out.txt',
    'two.txt',
  ]);
  assert.equal(readSedScripts(['/x/d']).emptiesInput, false);
  assert.equal(readSedScripts(['$!d']).emptiesInput, false);
  assert.equal(readSedScripts(['d']).emptiesInput, true);
});
