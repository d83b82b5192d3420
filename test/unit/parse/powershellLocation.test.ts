// In PowerShell the current location is the session's, not a scope's: a Set-Location inside an `if`, a loop, a
// `try`, a script block run with `&` or `.`, or a called function moves it for everything after the block. The walker
// walked each block in a copy of the scope and dropped where it ended, so `if ($true) { cd ~ }; Remove-Item .bashrc`
// was judged in the workspace and allowed. The location is now settled back; where a block may not run, what follows
// is read in both places, and so is what follows blocks that lead to different folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/parse/normalize';
import { ctx, HOME, WORKSPACE } from '../support/helpers';

function walked(command: string): { cwds: string[]; findings: string[] } {
  const r = normalize({ command, cwd: WORKSPACE, env: { HOME }, dialect: 'pwsh' }, ctx());
  return {
    cwds: r.commands.filter((c) => c.argv[0] === 'rm').map((c) => c.cwd),
    findings: r.findings.map((f) => f.id),
  };
}

test('a location set inside a block holds after it', () => {
  for (const c of [
    '& { cd ~ }; Remove-Item .bashrc',
    '. { Set-Location ~ }; Remove-Item .bashrc',
    'function Go { Set-Location ~ }; Go; Remove-Item .bashrc',
    'do { cd ~ } while ($false); Remove-Item .bashrc',
    'if ($x) { cd ~ } else { cd ~ }; Remove-Item .bashrc',
    "foreach ($x in 'a') { Set-Location ~ }; Remove-Item .bashrc",
  ])
    assert.deepEqual(walked(c).cwds, [HOME], c);
});

test('after a block that may not run, what follows is read where it led and where the session stayed', () => {
  for (const c of [
    'if ($true) { cd ~ }; Remove-Item .bashrc',
    'foreach ($x in $env:DIRS) { Set-Location ~ }; Remove-Item .bashrc',
    'while ($x) { cd ~ }; Remove-Item .bashrc',
    "switch ($x) { 'a' { cd ~ } }; Remove-Item .bashrc",
    'if ($a) { if ($b) { cd ~ } }; Remove-Item .bashrc',
    '1 | ForEach-Object { cd ~ }; Remove-Item .bashrc',
    // An error may stop a `try` body before it moves the session.
    'try { cd ~ } finally { }; Remove-Item .bashrc',
    'try { Get-Item x -ErrorAction Stop; cd ~ } catch { }; Remove-Item .bashrc',
  ])
    assert.deepEqual(walked(c).cwds.sort(), [HOME, WORKSPACE].sort(), c);
});

test('blocks that lead to different folders: what follows is read in each', () => {
  const r = walked('if ($x) { cd ~ } else { cd src }; Remove-Item .bashrc');
  assert.deepEqual(r.cwds.sort(), [HOME, `${WORKSPACE}/src`].sort());
  assert.ok(!r.findings.includes('parse.too-complex'), r.findings.join());
});

test('a location a nested block may have stayed in is read after the outer block too', () => {
  const r = walked('& { if ($x) { cd ~ }; ls }; Remove-Item .bashrc');
  assert.deepEqual(r.cwds.sort(), [HOME, WORKSPACE].sort());
});

test('a location set in another runspace or on another machine stays there', () => {
  for (const c of [
    'Start-Job { cd ~ }; Remove-Item .bashrc',
    'Invoke-Command -ComputerName srv { cd ~ }; Remove-Item x',
  ])
    assert.deepEqual(walked(c).cwds, [WORKSPACE], c);
});

test('blocks that only look around keep the location and add nothing', () => {
  for (const c of [
    'foreach ($f in Get-ChildItem) { Write-Output $f }; Remove-Item x',
    '& { $x = 1 }; Remove-Item x',
    'if (Test-Path build) { Write-Output yes }; Remove-Item x',
  ]) {
    const r = walked(c);
    assert.deepEqual(r.cwds, [WORKSPACE], c);
    assert.deepEqual(r.findings, [], c);
  }
});

test('Pop-Location goes back to where Push-Location left, and Set-Location - to the folder before', () => {
  assert.deepEqual(walked('cd ~; Push-Location /tmp; Pop-Location; Remove-Item .bashrc').cwds, [HOME]);
  assert.deepEqual(walked('cd ~; cd /tmp; cd -; Remove-Item .bashrc').cwds, [HOME]);
  assert.deepEqual(walked('Push-Location src; npm test; Pop-Location; Remove-Item x').cwds, [WORKSPACE]);
});

test('a location named only at run time is unknown, and what follows is read where the session stayed too', () => {
  const r = walked('Set-Location $env:TARGET; Remove-Item -Force x');
  assert.equal(r.cwds.length, 2, r.cwds.join());
  assert.ok(r.cwds.includes(WORKSPACE));
  assert.ok(
    r.cwds.some((c) => c.includes('$')),
    r.cwds.join(),
  );
});

test('a loop that moves the session at each pass leaves it somewhere known only at run time', () => {
  for (const c of [
    'Set-Location src; while ($x) { Set-Location .. }; Remove-Item x',
    'Set-Location src; foreach ($i in $list) { Set-Location .. }; Remove-Item x',
    'Set-Location src; $list | ForEach-Object { Set-Location .. }; Remove-Item x',
  ]) {
    const { cwds } = walked(c);
    assert.ok(
      cwds.some((d) => d.includes('$(Set-Location in a loop)')),
      `${c}: ${cwds.join()}`,
    );
  }
  // A pass that comes back where it started leaves the session there.
  assert.deepEqual(walked('$list | ForEach-Object { Push-Location $_; npm test; Pop-Location }; Remove-Item x').cwds, [
    WORKSPACE,
  ]);
});

test('after `||` and in a `catch`, what runs is read where a location change that failed left the session', () => {
  // Set-Location fails on a folder that cannot be entered, though it is there; `||` and `catch` run only then.
  for (const c of [
    'cd ~; Set-Location /tmp || Remove-Item .bashrc',
    'cd ~; try { Set-Location /tmp -ErrorAction Stop } catch { Remove-Item .bashrc }',
    'cd ~; try { Set-Location /tmp -ErrorAction Stop } catch { } finally { Remove-Item .bashrc }',
  ]) {
    const { cwds } = walked(c);
    assert.ok(cwds.includes(HOME), `${c}: ${cwds.join()}`);
  }
  // After `&&`, only where it went; a `try` without a `catch` or a `finally` as before.
  assert.deepEqual(walked('cd ~; Set-Location /tmp && Remove-Item x').cwds, ['/tmp']);
  assert.deepEqual(walked('try { Push-Location src; npm test } finally { Pop-Location }; Remove-Item x').cwds, [
    WORKSPACE,
  ]);
});

test('past a Set-Location into a folder that is not there, what follows is read where the session was', () => {
  // A missing folder is a non-terminating error: the session stays, and the next statement runs there.
  const folders = new Set([HOME, WORKSPACE, '/tmp', `${WORKSPACE}/src`]);
  const onDisk = {
    ...ctx(),
    stat: (p: string) => (folders.has(p) ? { dev: 0, ino: 1, nlink: 2, isFile: false, isDir: true } : undefined),
  };
  const cwds = (command: string) =>
    normalize({ command, cwd: WORKSPACE, env: { HOME }, dialect: 'pwsh' }, onDisk)
      .commands.filter((c) => c.argv[0] === 'rm')
      .map((c) => c.cwd);
  for (const c of [
    'cd ~; Set-Location /tmp/nothere; Remove-Item .bashrc',
    'cd ~; Push-Location nothere; Remove-Item .bashrc',
  ])
    assert.ok(cwds(c).includes(HOME), `${c}: ${cwds(c).join()}`);
  // A folder there, or one New-Item made earlier on the line, is entered.
  assert.deepEqual(cwds('Set-Location src; Remove-Item x'), [`${WORKSPACE}/src`]);
  assert.deepEqual(cwds('New-Item -ItemType Directory out; Set-Location out; Remove-Item x'), [`${WORKSPACE}/out`]);
});

test('a location change with words no parameter takes does not run: what follows is read where the session was', () => {
  for (const c of [
    'cd ~; Set-Location /tmp x; Remove-Item .bashrc',
    'cd ~; Set-Location /tmp -Foo; Remove-Item .bashrc',
    'cd /tmp; Push-Location ~; Pop-Location x; Remove-Item .ssh',
  ]) {
    const { cwds } = walked(c);
    assert.ok(cwds.includes(HOME), `${c}: ${cwds.join()}`);
  }
  // Common parameters bind: the location changes.
  assert.deepEqual(walked('cd ~; Set-Location /tmp -ErrorAction SilentlyContinue; Remove-Item x').cwds, ['/tmp']);
});
