// The cmd.exe reader: switches with `/`, `%VAR%` read when the line is read,
// `^` escapes, `&` `&&` `||` `|`, blocks, if/for, cmd's own commands, and the
// bounds that fail closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/parse/normalize';
import { ctx, HOME, WORKSPACE } from '../support/helpers';

function commands(command: string, env: Record<string, string> = {}, files: Record<string, string> = {}) {
  return normalize({ command, cwd: WORKSPACE, env: { HOME, ...env }, dialect: 'cmd' }, ctx(files));
}

const argvs = (command: string, env: Record<string, string> = {}, files: Record<string, string> = {}) =>
  commands(command, env, files).commands.map((c) => c.argv);

test('rd, rmdir, del and erase read their switches, glued or apart, in any case', () => {
  for (const c of ['rd /s /q out', 'rmdir /S /Q out', 'rd /s/q out', 'RD /Q /S out', '@rd /s /q out'])
    assert.deepEqual(argvs(c), [['rm', '-r', '-f', '--', 'out']], c);
  assert.deepEqual(argvs('rmdir out'), [['rmdir', 'out']]);
  assert.deepEqual(argvs('del /f /s /q *.log'), [['rm', '-f', '--', '**/*.log']]);
  assert.deepEqual(argvs('erase /q build\\*.obj'), [['rm', '-f', '--', 'build/*.obj']]);
  assert.deepEqual(argvs('del /s C:\\Users\\ana\\*.docx'), [['rm', '--', 'C:/Users/ana/**/*.docx']]);
  assert.deepEqual(argvs('copy /y a.txt b.txt & move x y & ren old.txt new.txt & type f.txt'), [
    ['cp', '-f', 'a.txt', 'b.txt'],
    ['mv', 'x', 'y'],
    ['mv', 'old.txt', 'new.txt'],
    ['cat', 'f.txt'],
  ]);
});

test('%VAR% is read from the environment when cmd reads the line; unknown ones stay $NAME, marked unknown', () => {
  assert.deepEqual(argvs('rd /s /q %USERPROFILE%\\Documents', { USERPROFILE: 'C:\\Users\\ana' }), [
    ['rm', '-r', '-f', '--', 'C:/Users/ana/Documents'],
  ]);
  assert.deepEqual(argvs('rd /s /q %userprofile%\\x', { USERPROFILE: 'C:\\Users\\ana' }), [
    ['rm', '-r', '-f', '--', 'C:/Users/ana/x'],
  ]);
  const unknown = commands('echo %GITHUB_TOKEN%').commands[0];
  assert.deepEqual(
    [unknown.argv, unknown.dynamic],
    [
      ['echo', '$GITHUB_TOKEN'],
      [false, true],
    ],
  );
  // cmd reads the whole line before running it: a `set` on the same line does not change it, a later line does.
  assert.deepEqual(commands('set D=dist & rd /s /q %D%').commands[0].dynamic, [false, false, false, false, true]);
  assert.deepEqual(argvs('set D=dist\nrd /s /q %D%'), [['rm', '-r', '-f', '--', 'dist']]);
  assert.deepEqual(
    argvs('curl https://example.com/a%20b'),
    [['curl', 'https://example.com/a%20b']],
    'on a command line %2 is text',
  );
});

test('^ escapes, quotes and the operators & && || |', () => {
  assert.deepEqual(argvs('echo a^&b'), [['echo', 'a&b']]);
  assert.deepEqual(argvs('echo "a & b"'), [['echo', 'a & b']]);
  assert.deepEqual(argvs('npm run build && git push || echo failed & git status'), [
    ['npm', 'run', 'build'],
    ['git', 'push'],
    ['echo', 'failed'],
    ['git', 'status'],
  ]);
  const piped = commands('type deploy.sql | sqlcmd -S prod').commands;
  assert.deepEqual(
    piped.map((c) => c.argv),
    [
      ['cat', 'deploy.sql'],
      ['sqlcmd', '-S', 'prod'],
    ],
  );
  assert.deepEqual(piped[1].stdinFrom, ['cat', 'deploy.sql']);
  assert.deepEqual(argvs('echo clean | diskpart')[1], ['diskpart']);
  assert.equal(commands('echo clean | diskpart').commands[1].stdin, 'clean\n');
});

test('blocks, if and for run what they hold; for over a literal list runs once per value', () => {
  assert.deepEqual(argvs('if exist dist (rd /s /q dist) else (echo none)'), [
    ['rm', '-r', '-f', '--', 'dist'],
    ['echo', 'none'],
  ]);
  assert.deepEqual(argvs('for %d in (dist build) do rd /s /q %d'), [
    ['rm', '-r', '-f', '--', 'dist'],
    ['rm', '-r', '-f', '--', 'build'],
  ]);
  assert.deepEqual(argvs('for /d %d in (C:\\Users\\ana\\*) do rd /s /q %d'), [
    ['rm', '-r', '-f', '--', 'C:/Users/ana/*'],
  ]);
  assert.deepEqual(argvs('for /r C:\\data %f in (*.bak) do del "%f"'), [['rm', '--', 'C:/data/**/*.bak']]);
  assert.deepEqual(argvs("for /f %i in ('dir /b') do echo %i"), [['ls'], ['echo', '$i']]);
  assert.deepEqual(argvs('rem rd /s /q C:\\ & echo no'), [], 'rem comments out the rest of the line');
  assert.deepEqual(argvs(':: rd /s /q C:\\\necho yes'), [['echo', 'yes']]);
});

test('cd changes the folder for what follows; start and call are wrappers; batch files are read', () => {
  const after = commands('cd /d C:\\Users\\ana && rd /s /q source').commands[0];
  assert.deepEqual([after.argv, after.cwd], [['rm', '-r', '-f', '--', 'source'], 'C:/Users/ana']);
  const started = commands('start "" /b cmd /c rd /s /q C:\\x').commands[0];
  assert.deepEqual(
    [started.argv, started.via],
    [
      ['rm', '-r', '-f', '--', 'C:/x'],
      ['start', 'cmd /c'],
    ],
  );
  assert.deepEqual(
    argvs('call clean.bat', {}, { [`${WORKSPACE}/clean.bat`]: '@echo off\nset T=%~dp0out\nrd /s /q out\n' }),
    [['rm', '-r', '-f', '--', 'out'], ['clean.bat']],
  );
  assert.deepEqual(argvs('powershell -Command "Remove-Item -Recurse C:\\x"'), [['rm', '-r', '--', 'C:/x']]);
  assert.deepEqual(argvs('C:\\Tools\\Terraform.EXE destroy'), [['terraform', 'destroy']]);
  // A scheduled task's command line runs later: it is read now, and the scheduling is judged too.
  const task = commands('schtasks /create /sc minute /tn t /tr "cmd /c rd /s /q C:\\Users\\ana"').commands;
  assert.deepEqual(
    task.map((c) => c.argv[0]),
    ['rm', 'schtasks'],
  );
  assert.deepEqual(task[0].via, ['schtasks /tr', 'cmd /c']);
});

test('bounded and fail closed: deep blocks, huge lines and unclosed blocks', () => {
  const deep = '('.repeat(70) + 'echo x' + ')'.repeat(70);
  assert.deepEqual(
    commands(deep).findings.map((f) => f.id),
    ['parse.too-deep'],
  );
  assert.deepEqual(
    commands('echo ' + 'a'.repeat(100_001)).findings.map((f) => f.id),
    ['parse.too-complex'],
  );
  assert.deepEqual(
    commands('(echo x').findings.map((f) => f.id),
    ['parse.unparseable'],
  );
  assert.deepEqual(
    commands('for %d in (a b) echo %d').findings.map((f) => f.id),
    ['parse.unparseable'],
  );
});
