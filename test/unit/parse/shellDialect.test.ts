// Which shell reads a line: the one the caller names (`shell` in a batch
// request, `check --shell`, a host's payload), else the platform and the
// line's own syntax; a line that reads as neither on Windows is judged by
// bash and PowerShell both, and the stricter answer wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { dialectOf, dialectsFor } from '../../../src/core/parse/detect';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { normalizePayload } from '../../../src/core/hosts/normalize';
import { HOME, WORKSPACE } from '../support/helpers';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

test('the named shell wins; otherwise the line says, and on Windows an unclear line is read twice', () => {
  assert.deepEqual(dialectsFor('rm -rf x', { shell: 'powershell', windows: false }), ['pwsh']);
  assert.deepEqual(dialectsFor('Remove-Item x', { shell: 'bash', windows: true }), ['bash']);
  assert.equal(dialectOf('pwsh.exe'), 'pwsh');
  // POSIX shells share the bash reader; zsh and fish are read as themselves; anything else is no shell AgentGuard reads.
  assert.equal(dialectOf('fish'), 'fish');
  assert.equal(dialectOf('/usr/bin/zsh'), 'zsh');
  assert.equal(dialectOf('dash'), 'bash');
  assert.equal(dialectOf('ksh'), 'bash');
  assert.equal(dialectOf('tcsh'), undefined);
  assert.deepEqual(dialectsFor('git status', { windows: false }), ['bash']);
  assert.deepEqual(dialectsFor('Remove-Item -Recurse x', { windows: false }), ['bash', 'pwsh']);
  assert.deepEqual(dialectsFor('rd /s /q out', { windows: false }), ['bash', 'cmd']);
  assert.deepEqual(dialectsFor('echo $env:PATH', { windows: true }), ['pwsh']);
  assert.deepEqual(dialectsFor('del /q *.log', { windows: true }), ['cmd']);
  assert.deepEqual(dialectsFor('echo %PATH%', { windows: true }), ['cmd']);
  assert.deepEqual(dialectsFor('git push origin main', { windows: true }), ['pwsh', 'bash']);
});

test('the stricter reading wins: `rm -rf ~` on Windows is judged as bash (Git Bash) and as PowerShell', () => {
  const opts: EngineOptions = {
    workspace: 'C:\\Users\\dev\\app',
    env: { USERPROFILE: 'C:\\Users\\dev' },
    readFile: () => undefined,
    fileSystem: {},
    platform: 'win32',
    guardInstall: [],
  };
  assert.equal(evaluate({ command: 'rm -rf ~' }, opts).decision, 'deny');
  assert.equal(evaluate({ command: 'rm -rf node_modules' }, opts).decision, 'allow');
  // Read as bash, `~` is the home folder; read as PowerShell, `x=~` is a program and `$x` unknown: bash's answer is the stricter.
  assert.equal(evaluate({ command: 'x=~; rm -rf $x' }, opts).decision, 'deny');
  // On Linux a cmd-looking line keeps its bash reading: there `rmdir /s` really names /s.
  const linux: EngineOptions = {
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME },
    readFile: () => undefined,
    platform: 'linux',
  };
  assert.equal(evaluate({ command: 'rmdir /s /q out' }, linux).decision, 'ask');
  assert.equal(evaluate({ command: 'rmdir /s /q out', shell: 'cmd' }, linux).decision, 'allow');
  assert.equal(evaluate({ command: 'Remove-Item -Recurse -Force C:\\Users\\dev\\projects' }, linux).decision, 'ask');
});

test("hosts that say which shell: Copilot CLI's powershell tool, a shell field in the input", () => {
  const copilot = normalizePayload({
    timestamp: 1,
    cwd: 'C:\\x',
    toolName: 'powershell',
    toolArgs: JSON.stringify({ command: 'Get-ChildItem' }),
  });
  assert.ok(copilot.ok && copilot.request.kind === 'shell' && copilot.request.shell === 'pwsh');
  const bash = normalizePayload({
    timestamp: 1,
    cwd: '/x',
    toolName: 'bash',
    toolArgs: JSON.stringify({ command: 'ls' }),
  });
  assert.ok(bash.ok && bash.request.shell === undefined);
  const field = normalizePayload({
    hook_event_name: 'PreToolUse',
    tool_name: 'run_in_terminal',
    tool_input: { command: 'dir', shell: 'cmd.exe' },
  });
  assert.ok(field.ok && field.request.shell === 'cmd');
  const cursor = normalizePayload({
    hook_event_name: 'beforeShellExecution',
    command: 'dir',
    cwd: 'C:\\x',
    shell: 'powershell',
  });
  assert.ok(cursor.ok && cursor.request.shell === 'pwsh');
});

test("check --shell and the batch request's shell field (the DESIGN.md contract)", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-shell-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  try {
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, [CLI, 'check', '--workspace', ws, ...args], {
        input,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: home },
      });
    assert.equal(run(['--shell', 'cmd', '--', 'rmdir /s /q out']).status, 0);
    assert.equal(run(['--', 'rmdir /s /q out']).status, 1);
    const json = run(['--json', '--shell=pwsh', '--', 'Remove-Item -Recurse -Force $env:USERPROFILE\\Documents']);
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).decision, 'ask');
    assert.equal(run(['--shell', 'fish', '--', 'ls (pwd)']).status, 0);
    assert.equal(run(['--shell', 'zsh', '--', 'ls *(.)']).status, 0);
    assert.equal(run(['--shell', 'sh', '--', 'rm -rf ~']).status, 2);
    const bad = run(['--shell', 'tcsh', '--', 'ls']);
    assert.equal(bad.status, 64);
    assert.match(bad.stderr, /--shell must be one of bash, sh, dash, ksh, zsh, fish, pwsh, cmd/);
    const lines =
      [
        { command: 'rd /s /q out', shell: 'cmd' },
        { command: 'rd /s /q C:\\Users\\dev', shell: 'cmd', cwd: 'C:\\Users\\dev\\code\\app' },
        { command: 'Remove-Item -Recurse -Force dist', shell: 'pwsh' },
        { command: 'ls', shell: 'tcsh' },
        { command: 'rm -rf /', shell: 'bash' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n';
    const batch = run(['--batch'], lines);
    assert.equal(batch.status, 0);
    const out = batch.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { decision: string; findings: { summary: string }[] });
    assert.deepEqual(
      out.map((o) => o.decision),
      ['allow', 'deny', 'allow', 'ask', 'deny'],
    );
    assert.match(
      out[3].findings[0].summary,
      /"shell" must be one of "bash", "sh", "dash", "ksh", "zsh", "fish", "pwsh", "cmd"/,
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a line is still read as PowerShell or cmd by the least that shows it (each pattern is tried only when its characters are there)', () => {
  const posix = { windows: false };
  for (const line of [
    'Remove-Item x',
    'x;Get-ChildItem',
    '$env:PATH',
    '[IO.File]::Delete("a")',
    'ls | % { $_ }',
    'echo $true',
    '@{ a = 1 }',
    'x -Recurse',
  ])
    assert.ok(dialectsFor(line, posix).includes('pwsh'), line);
  for (const line of ['rd /s /q build', 'set X=1', 'set "X=1"', 'echo off', 'if exist a.txt del a.txt', 'for /f x'])
    assert.ok(dialectsFor(line, posix).includes('cmd'), line);
  assert.deepEqual(dialectsFor('echo %HOME%', { windows: true }), ['cmd']);
  for (const line of ['git status', 'ls -la', 'npm test', 'cat README.md | grep -n agent', 'rm -rf build/'])
    assert.deepEqual(dialectsFor(line, posix), ['bash'], line);
});
