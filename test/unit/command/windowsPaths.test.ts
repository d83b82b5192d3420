// Windows paths everywhere, with Windows semantics chosen on Linux: drive
// letters, `\` and `/`, UNC shares, Windows folder variables, no case; the
// system and home roots, the workspace, protected paths, AgentGuard's state
// folder (%LOCALAPPDATA%), snapshots and the workspace a hook payload names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPath, resolveShellPath } from '../../../src/core/command/paths';
import { locateWindows, resolveWindows, toSlashForm, windowsVariablePath } from '../../../src/core/command/winPaths';
import { findWorkspace } from '../../../src/core/config/workspace';
import { judgeRequest } from '../../../src/core/request';
import { evaluate, makeContext, type EngineOptions } from '../../../src/core/engine';
import { planSnapshot } from '../../../src/core/snapshot/before';
import { stateDir } from '../../../src/core/state';
import type { CheckRequest } from '../../../src/core/types';

const HOME = 'C:\\Users\\Dev';
const WORKSPACE = 'C:\\Users\\Dev\\code\\acme-api';
const ENV = {
  USERPROFILE: HOME,
  LOCALAPPDATA: `${HOME}\\AppData\\Local`,
  APPDATA: `${HOME}\\AppData\\Roaming`,
  TEMP: `${HOME}\\AppData\\Local\\Temp`,
  SystemRoot: 'C:\\Windows',
};
const opts: EngineOptions = {
  workspace: WORKSPACE,
  env: ENV,
  readFile: () => undefined,
  fileSystem: {},
  platform: 'win32',
  guardInstall: [],
};
const ctx = makeContext(opts, ENV);

function judge(command: string, shell: CheckRequest['shell'], extra: Partial<EngineOptions> = {}) {
  return evaluate({ command, shell }, { ...opts, ...extra });
}

test('the slash form: drive letters upper-cased, `\\` and `/` alike, `.` and `..` resolved, UNC and long-path prefixes', () => {
  assert.equal(toSlashForm('c:\\Users\\Dev\\..\\Ana\\.\\x\\'), 'C:/Users/Ana/x');
  assert.equal(toSlashForm('C:/'), 'C:/');
  assert.equal(toSlashForm('\\\\server\\share\\a\\..\\b'), '//server/share/b');
  assert.equal(toSlashForm('\\\\?\\C:\\Windows'), 'C:/Windows');
  assert.equal(resolveWindows('C:/Users/Dev/code', '..\\docs'), 'C:/Users/Dev/docs');
  assert.equal(resolveWindows('C:/Users/Dev/code', '\\Windows'), 'C:/Windows');
  assert.equal(resolveWindows('C:/Users/Dev/code', 'D:'), 'D:/');
  assert.equal(resolveWindows('C:/Users/Dev/code', '/d/data'), 'D:/data');
  assert.equal(resolveWindows('C:/Users/Dev/code', '/cygdrive/c/Windows'), 'C:/Windows');
  assert.equal(resolveShellPath('C:/Users/Dev/code', '~\\Desktop', 'C:/Users/Dev'), 'C:/Users/Dev/Desktop');
  assert.equal(resolveShellPath('/home/dev', 'D:\\data', '/home/dev'), 'D:/data');
});

test('Windows folder variables name their folders, whatever the spelling', () => {
  const home = 'C:/Users/Dev';
  assert.deepEqual(windowsVariablePath('%USERPROFILE%\\Documents', home), {
    path: 'C:/Users/Dev/Documents',
    temp: false,
  });
  assert.deepEqual(windowsVariablePath('$env:APPDATA\\Code', home), {
    path: 'C:/Users/Dev/AppData/Roaming/Code',
    temp: false,
  });
  assert.deepEqual(windowsVariablePath('${LOCALAPPDATA}/Temp/x', home), {
    path: 'C:/Users/Dev/AppData/Local/Temp/x',
    temp: true,
  });
  assert.deepEqual(windowsVariablePath('%SystemRoot%\\System32', home), { path: 'C:/Windows/System32', temp: false });
  assert.deepEqual(windowsVariablePath('%ProgramFiles(x86)%\\App', home), {
    path: 'C:/Program Files (x86)/App',
    temp: false,
  });
  assert.equal(windowsVariablePath('%PATH%', home), undefined);
});

test('Windows layout: drive roots, system folders, homes, temp folders; names compare without case', () => {
  const home = ctx.home;
  assert.equal(home, 'C:/Users/Dev');
  const where = (p: string) => locateWindows(p, ctx, home);
  assert.equal(where('C:/'), 'root');
  assert.equal(where('D:/'), 'root');
  assert.equal(where('C:/Windows'), 'system-top');
  assert.equal(where('c:/windows/system32'), 'system-top');
  assert.equal(where('C:/Windows/System32/drivers/etc/hosts'), 'system');
  assert.equal(where('C:/Program Files/Git'), 'system');
  assert.equal(where('C:/Users'), 'system-top');
  assert.equal(where('C:/users/dev'), 'home');
  assert.equal(where('C:/Users/Ana'), 'other-home');
  assert.equal(where('C:/Users/Dev/Documents'), 'home-inside');
  assert.equal(where('c:/USERS/dev/CODE/acme-api'), 'workspace');
  assert.equal(where('C:/Users/Dev/code/acme-api/src'), 'workspace-inside');
  assert.equal(where('C:/Users/Dev/code'), 'workspace-ancestor');
  assert.equal(where('C:/Users/Dev/AppData/Local/Temp/x'), 'temp');
  assert.equal(where('C:/Windows/Temp/x'), 'temp');
  assert.equal(where('//server/share'), 'system-top');
  assert.equal(where('//server/share/projects'), 'outside');
  assert.equal(where('//./PhysicalDrive0'), 'device');
  assert.equal(where('D:/data'), 'system-top');
});

test('path words on Windows: relative with `\\`, regenerable build output, credentials, displayed the Windows way', () => {
  const cwd = ctx.workspace;
  const dist = classifyPath('.\\Dist', cwd, undefined, ctx);
  assert.equal(dist.location, 'workspace-inside');
  const debug = classifyPath('bin\\Debug', cwd, undefined, ctx);
  assert.equal(debug.regenerable, true);
  assert.equal(classifyPath('node_modules', cwd, undefined, ctx).regenerable, true);
  assert.equal(classifyPath('%USERPROFILE%\\.aws\\credentials', cwd, undefined, ctx).credential, true);
  assert.equal(classifyPath('$env:APPDATA\\Microsoft\\Credentials\\ABC', cwd, undefined, ctx).credential, true);
  const dynamic = classifyPath('$USERPROFILE\\$x', cwd, undefined, ctx);
  assert.equal(dynamic.base, 'C:/Users/Dev');
  const d = judge('Remove-Item -Recurse -Force C:\\Windows\\System32', 'pwsh');
  assert.equal(d.decision, 'deny');
  assert.equal(d.findings[0].target, 'C:/Windows/System32');
});

test('routine deletes of build output stay silent on Windows as on Linux', () => {
  for (const [c, s] of [
    ['Remove-Item -Recurse -Force node_modules', 'pwsh'],
    ['rd /s /q dist', 'cmd'],
    ['Remove-Item -Recurse -Force bin\\Debug', 'pwsh'],
    ['rmdir /s /q .next', 'cmd'],
    ['Remove-Item -Recurse -Force target', 'pwsh'],
    ['rd /s /q C:\\Users\\Dev\\code\\acme-api\\dist', 'cmd'],
    ['Remove-Item -Recurse -Force $env:TEMP\\x', 'pwsh'],
    ['del /q %TEMP%\\*.tmp', 'cmd'],
  ] as const) {
    assert.equal(judge(c, s).decision, 'allow', c);
  }
  for (const [c, s] of [
    ['Remove-Item -Recurse -Force C:\\Users\\Dev\\code', 'pwsh'],
    ['rd /s /q %USERPROFILE%', 'cmd'],
    ['Remove-Item -Recurse -Force \\\\nas\\share\\projects', 'pwsh'],
    ['rd /s /q C:\\', 'cmd'],
    ['rd /s /q src', 'cmd'],
  ] as const) {
    assert.notEqual(judge(c, s).decision, 'allow', c);
  }
});

test('Git Bash on Windows: cd and the paths after it keep Windows semantics', () => {
  assert.equal(judge('cd dist && rm -rf *', 'bash').decision, 'allow');
  assert.notEqual(judge('cd .. && rm -rf *', 'bash').decision, 'allow');
  const msys = judge('cd /c/Users/Dev && rm -rf AppData', 'bash');
  assert.notEqual(msys.decision, 'allow');
  assert.match(msys.findings[0].summary, /~\/AppData/);
});

test('protected paths on Windows: the policy file, hook files, PowerShell profiles, the state folder in %LOCALAPPDATA%, configured globs, any case', () => {
  assert.equal(
    stateDir({ LOCALAPPDATA: 'C:\\Users\\Dev\\AppData\\Local' }, 'C:\\Users\\Dev', 'win32'),
    'C:\\Users\\Dev\\AppData\\Local\\AgentGuard',
  );
  assert.equal(stateDir({}, 'C:\\Users\\Dev', 'win32'), 'C:\\Users\\Dev\\AppData\\Local\\AgentGuard');
  const ids = (c: string, s: CheckRequest['shell'], extra: Partial<EngineOptions> = {}) =>
    judge(c, s, extra).findings.map((f) => f.id);
  assert.ok(ids('Remove-Item .\\.AGENTGUARD.json', 'pwsh').includes('path.agentguard'));
  assert.ok(ids('del .cursor\\hooks.json', 'cmd').includes('path.agentguard'));
  assert.ok(ids("Set-Content -Path $PROFILE -Value 'x'", 'pwsh').includes('path.agentguard'));
  assert.ok(ids('Remove-Item -Recurse -Force $env:LOCALAPPDATA\\AgentGuard', 'pwsh').includes('path.agentguard'));
  assert.ok(ids('rd /s /q %LOCALAPPDATA%\\agentguard', 'cmd').includes('path.agentguard'));
  assert.ok(ids('Set-Content $env:APPDATA\\Code\\User\\settings.json "{}"', 'pwsh').includes('path.agentguard'));
  const config = { protectedPaths: ['C:\\Data\\**', 'legal/**'] };
  assert.ok(ids('Remove-Item c:\\data\\orders.csv', 'pwsh', { config }).includes('path.protected'));
  assert.ok(ids('del /q LEGAL\\terms.md', 'cmd', { config }).includes('path.protected'));
  // A Windows path named from a POSIX machine (WSL, a remote share) is compared the Windows way too.
  const posix = evaluate(
    { command: 'Remove-Item C:\\Data\\orders.csv', shell: 'pwsh' },
    {
      workspace: '/home/dev/app',
      home: '/home/dev',
      env: { HOME: '/home/dev' },
      readFile: () => undefined,
      fileSystem: {},
      guardInstall: [],
      platform: 'linux',
      config,
    },
  );
  assert.ok(
    posix.findings.some((f) => f.id === 'path.protected'),
    posix.findings.map((f) => f.id).join(', '),
  );
});

test("snapshots on Windows: the files a command deletes, in the workspace's own spelling", () => {
  const plan = planSnapshot(
    {
      event: 'PreToolUse',
      kind: 'shell',
      toolName: 'powershell',
      command: 'Remove-Item .\\data\\app.db; cmd /c rd /s /q docs',
      shell: 'pwsh',
      workspaceRoots: [],
    },
    { stateDir: 'C:\\Users\\Dev\\AppData\\Local\\AgentGuard', workspace: WORKSPACE, cwd: WORKSPACE, env: ENV },
  );
  assert.deepEqual(plan.files, [`${WORKSPACE}\\data\\app.db`, `${WORKSPACE}\\docs`]);
});

test('a hook payload naming C:\\ folders finds its workspace with Windows semantics, on any machine', () => {
  const loc = findWorkspace(
    'c:\\Users\\Dev\\code\\acme-api\\src',
    ['c:\\Users\\Dev\\code\\acme-api'],
    '/srv',
    () => false,
  );
  assert.deepEqual(loc, { workspace: 'c:\\Users\\Dev\\code\\acme-api', cwd: 'c:\\Users\\Dev\\code\\acme-api\\src' });
  const d = evaluate({ command: 'rd /s /q ..\\..', cwd: loc.cwd, shell: 'cmd' }, { ...opts, workspace: loc.workspace });
  assert.equal(d.decision, 'ask');
  assert.match(d.findings[0].summary, /~\/code, which contains the whole workspace/);
});

test('an agent writing a PowerShell script or a batch file gets its content read in that language', () => {
  const judgeOpts = {
    workspace: '/home/dev/app',
    cwd: '/home/dev/app',
    config: undefined,
    env: { HOME: '/home/dev' },
    home: '/home/dev',
    readFile: () => undefined,
    guardInstall: [],
  };
  const write = (path: string, content: string) =>
    judgeRequest(
      {
        event: 'PreToolUse',
        kind: 'edit',
        toolName: 'Write',
        workspaceRoots: [],
        targets: [{ path, op: 'write', content }],
      },
      judgeOpts,
    );
  assert.deepEqual(
    write('clean.ps1', 'Remove-Item -Recurse -Force C:\\Users\\dev\n').warnings.map((w) => w.id),
    ['fs.rm-home'],
  );
  assert.ok(write('clean.cmd', '@echo off\r\nrd /s /q %USERPROFILE%\r\n').warnings.some((w) => w.id === 'fs.rm-home'));
  assert.deepEqual(
    write('build.ps1', 'dotnet build -c Release\nRemove-Item -Recurse -Force bin\\Debug\n').warnings,
    [],
  );
  assert.deepEqual(write('build.cmd', 'rd /s /q out\r\nnpm run build\r\n').warnings, []);
});
