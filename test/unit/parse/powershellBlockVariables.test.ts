// The bodies of `if`, loops, `switch` and `try` run in the caller's scope in PowerShell: a variable they set holds
// after them. The walker walked each body in a copy of the scope and dropped its variables, so
// `$d = 'dist'; if ($true) { $d = "$HOME/notes" }; Remove-Item -Recurse $d` was judged as removing dist and allowed.
// A script block run with `&` or a function has a scope of its own, where only `$script:x` / `$global:x` hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/parse/normalize';
import { ctx, HOME, WORKSPACE } from '../support/helpers';

function walked(command: string): { targets: string[]; findings: string[] } {
  const r = normalize({ command, cwd: WORKSPACE, env: { HOME }, dialect: 'pwsh' }, ctx());
  return {
    targets: r.commands.filter((c) => c.argv[0] === 'rm').map((c) => c.argv[c.argv.length - 1]),
    findings: r.findings.map((f) => f.id),
  };
}

test('a variable set in a body that shares the scope holds after it', () => {
  for (const c of [
    "$d = 'dist'; foreach ($x in 1) { $d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; do { $d = '~/notes' } while ($false); Remove-Item -Recurse $d",
    "$d = 'dist'; if ($x) { $d = '~/notes' } else { $d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; & { $script:d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; function Set-D { $global:d = '~/notes' }; Set-D; Remove-Item -Recurse $d",
    "$d = 'dist'; & { & { $script:d = '~/notes' } }; Remove-Item -Recurse $d",
  ])
    assert.deepEqual(walked(c).targets, ['~/notes'], c);
});

test('after a body that may not run, what follows is read with the variable set and as it was', () => {
  for (const c of [
    "$d = 'dist'; if ($x) { $d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; while ($x) { $d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; switch ($x) { 'a' { $d = '~/notes' } }; Remove-Item -Recurse $d",
    "$d = 'dist'; 1 | ForEach-Object { $script:d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; try { $d = '~/notes' } finally { }; Remove-Item -Recurse $d",
  ])
    assert.deepEqual(walked(c).targets.sort(), ['~/notes', 'dist'].sort(), c);
});

test('bodies that set a variable to different values leave it known only at run time', () => {
  for (const c of [
    "$d = 'dist'; if ($x) { $d = '~' } else { $d = 'build' }; Remove-Item -Recurse $d",
    "$d = 'dist'; if ($x) { $d = 'build' } else { $d = '~' }; Remove-Item -Recurse $d",
  ]) {
    const r = normalize({ command: c, cwd: WORKSPACE, env: { HOME }, dialect: 'pwsh' }, ctx());
    const rm = r.commands.filter((x) => x.argv[0] === 'rm');
    assert.equal(rm.length, 1, c);
    assert.equal(rm[0].dynamic[rm[0].argv.length - 1], true, c);
  }
});

test("a script block's or a function's plain assignment ends with it", () => {
  for (const c of [
    "$d = 'dist'; & { $d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; function Set-D { $d = '~/notes' }; Set-D; Remove-Item -Recurse $d",
    "$d = 'dist'; Start-Job { $script:d = '~/notes' }; Remove-Item -Recurse $d",
  ])
    assert.deepEqual(walked(c).targets, ['dist'], c);
});

test('blocks that set the same thing either way add nothing', () => {
  for (const c of [
    "$d = 'dist'; if ($x) { $d = 'dist' }; Remove-Item -Recurse $d",
    'foreach ($f in Get-ChildItem) { $n = $f.Name }; Remove-Item -Recurse dist',
  ]) {
    const r = walked(c);
    assert.deepEqual([...new Set(r.targets)], ['dist'], c);
    assert.deepEqual(r.findings, [], c);
  }
});

test('a dot-sourced block or function runs in the caller scope: its variables hold after it', () => {
  for (const c of [
    "$d = 'dist'; . { $d = '~/notes' }; Remove-Item -Recurse $d",
    "$d = 'dist'; function Set-D { $d = '~/notes' }; . Set-D; Remove-Item -Recurse $d",
  ])
    assert.deepEqual(walked(c).targets, ['~/notes'], c);
  // Called with `&` or by name, its plain variables end with it.
  assert.deepEqual(walked("$d = 'dist'; function Set-D { $d = '~/notes' }; Set-D; Remove-Item -Recurse $d").targets, [
    'dist',
  ]);
});

test('a pipeline after && or || may not run: what follows is read with its variables and without', () => {
  for (const c of [
    "$d = 'dist'; Test-Path x && ($d = '~/notes'); Remove-Item -Recurse $d",
    "$d = 'dist'; Test-Path x || ($d = '~/notes'); Remove-Item -Recurse $d",
  ])
    assert.deepEqual(walked(c).targets.sort(), ['~/notes', 'dist'].sort(), c);
});

test('a variable a loop changes at each pass is known only at run time after it', () => {
  for (const c of [
    '$d = \'build\'; while ($x) { $d = "../$d" }; Remove-Item -Recurse $d',
    '$d = \'build\'; $list | ForEach-Object { $script:d = "../$d" }; Remove-Item -Recurse $d',
  ])
    assert.deepEqual(walked(c).targets.sort(), ['$d', 'build'], c);
});
