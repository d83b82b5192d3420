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
    'try { cd ~ } finally { }; Remove-Item .bashrc',
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
