// .NET calls made from PowerShell that delete, move, copy, write or change the
// registry: static calls (`[IO.File]::Delete`), methods of the file objects
// Get-Item hands on (`(Get-Item x).Delete()`), and registry keys. Each reads as
// the command that does the same, with the path read as Remove-Item reads it,
// and the harmless calls beside them (reading, measuring, combining) stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { confirmedState } from '../support/account';
import { normalize } from '../../../src/core/parse/normalize';
import { evaluate } from '../../../src/core/engine';
import { assertGatedBy, ctx, HOME, WORKSPACE } from '../support/helpers';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

function argvs(command: string): string[][] {
  return normalize({ command, cwd: WORKSPACE, env: { HOME }, dialect: 'pwsh' }, ctx()).commands.map((c) => c.argv);
}

function judge(command: string): { decision: string; findings: Array<{ id: string }> } {
  return evaluate(
    { command, shell: 'pwsh', cwd: WORKSPACE },
    { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined },
  );
}

test('methods of the file objects Get-Item hands on are rm, mv, cp and tee', () => {
  assert.deepEqual(argvs('(Get-Item C:\\x).Delete()'), [
    ['ls', 'C:/x'],
    ['rm', '--', 'C:/x'],
  ]);
  assert.deepEqual(argvs('(Get-Item build).Delete($true)'), [
    ['ls', 'build'],
    ['rm', '-r', '--', 'build'],
  ]);
  assert.deepEqual(argvs('$f = Get-Item a.txt; $f.MoveTo("C:\\b.txt")').at(-1), ['mv', 'a.txt', 'C:/b.txt']);
  assert.deepEqual(argvs('(gi a.txt).CopyTo("b.txt", $true)').at(-1), ['cp', '-f', 'a.txt', 'b.txt']);
  assert.deepEqual(argvs('(Get-ChildItem src).Delete($true)').at(-1), ['rm', '-r', '--', 'src/*']);
  assert.deepEqual(argvs('Get-ChildItem src | ForEach-Object { $_.Delete() }').at(-1), ['rm', '--', 'src/*']);
  assert.deepEqual(argvs('(Get-Item a.txt).AppendText()').at(-1), ['tee', '-a', 'a.txt']);
  assert.deepEqual(argvs('[IO.FileInfo]::new("C:\\x").Delete()'), [['rm', '--', 'C:/x']]);
  assert.deepEqual(argvs('(New-Object IO.DirectoryInfo "C:\\x").Delete($true)'), [['rm', '-r', '--', 'C:/x']]);
  assert.deepEqual(argvs('(New-Object -TypeName System.IO.FileInfo -ArgumentList C:\\x).MoveTo("y")'), [
    ['mv', 'C:/x', 'y'],
  ]);
  assert.deepEqual(argvs('gci src | % Delete $true').at(-1), ['rm', '-r', '--', 'src/*']);
  assert.deepEqual(argvs('gi a.txt | ForEach-Object -MemberName MoveTo -ArgumentList C:\\b').at(-1), [
    'mv',
    'a.txt',
    'C:/b',
  ]);
  assert.deepEqual(argvs('([IO.DirectoryInfo]"C:\\x").Delete($true)'), [['rm', '-r', '--', 'C:/x']]);
  assert.deepEqual(argvs('(Get-Item C:\\x\\y).Parent.Delete($true)').at(-1), ['rm', '-r', '--', 'C:/x/y/..']);
  // Reading a property or a method that only reads runs nothing.
  for (const c of [
    '(Get-Item a.txt).Length',
    '(Get-Item a.txt).OpenRead()',
    '"a,b".Replace(",", ";")',
    'gci src | % Name',
    '(Get-Item a.txt).Directory.FullName',
  ])
    assert.ok(!argvs(c).some((a) => ['rm', 'mv', 'cp', 'tee'].includes(a[0])), c);
});

test('static file calls read their paths as Remove-Item does, and Replace overwrites its destination', () => {
  assert.deepEqual(argvs('[IO.File]::Delete("C:\\x\\y")'), [['rm', '-f', '--', 'C:/x/y']]);
  assert.deepEqual(argvs('[IO.File]::Replace("a", "b", "b.bak")'), [
    ['mv', 'b', 'b.bak'],
    ['mv', 'a', 'b'],
  ]);
  assert.deepEqual(argvs('[IO.File]::Replace("a", "b", $null)'), [['mv', 'a', 'b']]);
  assert.deepEqual(argvs('[IO.File]::CreateText("C:\\x.txt").WriteLine("hi")'), [['tee', 'C:/x.txt']]);
});

test('what the file calls do is judged as rm, mv and cp are; a path only known at run time is unknown', () => {
  assertGatedBy(judge('(Get-Item src).Delete($true)'), 'fs.rm-workspace-dir', 'a workspace folder, recursively');
  assertGatedBy(judge('Get-ChildItem $x | ForEach-Object { $_.Delete($true) }'), 'fs.rm-unknown-target', '$x');
  assertGatedBy(judge('(Get-Item $x).Delete($true)'), 'fs.rm-unknown-target', 'Get-Item $x');
  const many = Array.from({ length: 65 }, (_, i) => `d${i}`).join(',');
  assertGatedBy(judge(`(Get-Item ${many}).Delete($true)`), 'fs.rm-unknown-target', 'past 64 items');
  assertGatedBy(judge('$f = Get-Item ~/.ssh/id_rsa; $f.Delete()'), 'fs.rm-credential', 'a key');
  assertGatedBy(judge('(gi src).MoveTo("/tmp/src")'), 'fs.mv-out-of-workspace', 'out of the workspace');
  assertGatedBy(judge('(Get-Item ~/.ssh/id_rsa).CopyTo("out/k")'), 'secrets.copy-credential', 'CopyTo');
  assertGatedBy(judge('[IO.File]::Copy("~/.ssh/id_rsa", "out/k", $true)'), 'secrets.copy-credential', 'overwrite');
  assertGatedBy(judge('[IO.File]::Replace("x", "$HOME/.bashrc", $null)'), 'fs.overwrite-home-config', 'Replace');
  for (const c of [
    '[IO.File]::ReadAllText("README.md")',
    '[IO.Path]::Combine("a", "b")',
    '(Get-Item src/index.ts).Length',
    '[IO.File]::WriteAllText("out/report.txt", "x")',
    '[Environment]::GetEnvironmentVariable("PATH")',
    '(Get-Item src/index.ts).CopyTo("src/index.bak.ts")',
    'Get-ChildItem src | ForEach-Object { $_.FullName }',
  ])
    assert.equal(judge(c).decision, 'allow', c);
});

test('registry keys opened from [Microsoft.Win32.Registry] are judged as Set-ItemProperty and Remove-Item', () => {
  const run = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';
  assertGatedBy(
    judge(`[Microsoft.Win32.Registry]::SetValue("HKEY_CURRENT_USER\\${run}", "x", "C:\\e.exe")`),
    'windows.autorun',
    'SetValue',
  );
  assertGatedBy(
    judge(`[Microsoft.Win32.Registry]::CurrentUser.OpenSubKey("${run}", $true).SetValue("x", "C:\\e.exe")`),
    'windows.autorun',
    'OpenSubKey',
  );
  assertGatedBy(
    judge('$k = [Microsoft.Win32.Registry]::LocalMachine; $k.DeleteSubKeyTree("SOFTWARE\\Contoso")'),
    'windows.registry-delete',
    'DeleteSubKeyTree',
  );
  assert.equal(
    judge('[Microsoft.Win32.Registry]::CurrentUser.OpenSubKey("Software\\Contoso").GetValue("x")').decision,
    'allow',
  );
});

test("a hive opened with RegistryKey's OpenBaseKey is read as the Registry class's hives are", () => {
  const run = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';
  assertGatedBy(
    judge(
      `$k = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::CurrentUser, [Microsoft.Win32.RegistryView]::Default); $k.OpenSubKey("${run}", $true).SetValue("x", "calc.exe")`,
    ),
    'windows.autorun',
    'OpenBaseKey',
  );
  assertGatedBy(
    judge(
      "[Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', 'Registry64').OpenSubKey('SYSTEM\\CurrentControlSet\\Services', $true).DeleteSubKeyTree('WinDefend')",
    ),
    'windows.protection-off',
    'OpenBaseKey DeleteSubKeyTree',
  );
  // A hive known only at run time may be the machine's: a write under it asks.
  assertGatedBy(
    judge(
      "[Microsoft.Win32.RegistryKey]::OpenBaseKey($h, 'Default').OpenSubKey('Software\\Contoso', $true).SetValue('x', 1)",
    ),
    'windows.registry-write',
    'OpenBaseKey with an unknown hive',
  );
  assert.equal(
    judge(
      "[Microsoft.Win32.RegistryKey]::OpenBaseKey('CurrentUser', 'Default').OpenSubKey('Software\\Acme').GetValue('x')",
    ).decision,
    'allow',
  );
});

test('a persistent PATH for the user asks; the session PATH and other variables stay quiet', () => {
  assertGatedBy(
    judge('[Environment]::SetEnvironmentVariable("PATH", "C:\\t;$env:PATH", "User")'),
    'windows.user-environment',
    'User PATH',
  );
  assertGatedBy(judge('setx Path C:\\t'), 'windows.user-environment', 'setx');
  for (const c of [
    'setx JAVA_HOME C:\\jdk',
    '$env:PATH = "C:\\t;$env:PATH"',
    '[Environment]::SetEnvironmentVariable("PATH", "C:\\t")',
  ])
    assert.equal(judge(c).decision, 'allow', c);
});

test('the built CLI asks for a folder deleted through Get-Item and allows reading its length', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-psnet-'));
  try {
    const ws = path.join(home, 'code', 'app');
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'src', 'index.ts'), 'export const x = 1;\n');
    const input = [
      '(Get-Item src).Delete($true)',
      'Get-ChildItem src | ForEach-Object { $_.Delete($true) }',
      '(Get-Item src/index.ts).Length',
    ]
      .map((command) => JSON.stringify({ command, cwd: ws, shell: 'pwsh' }))
      .join('\n');
    const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], {
      input,
      encoding: 'utf8',
      cwd: ws,
      env: { PATH: process.env.PATH ?? '', HOME: home, AGENTGUARD_STATE_DIR: confirmedState(path.join(home, 'state')) },
    });
    const decisions = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { decision: string }).decision);
    assert.deepEqual(decisions, ['ask', 'ask', 'allow'], r.stderr);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
