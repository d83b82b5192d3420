// The hook on Windows-shaped payloads, as real processes: Copilot CLI's
// `powershell` tool and Cursor's beforeShellExecution with `C:\…` folders and
// PowerShell or cmd lines. The workspace a Windows host names is read with
// Windows semantics whatever machine runs the test; the answer is each
// host's own form, and every call lands in the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, readAudit, runHook, type HookRun, type Sandbox, withSandbox } from '../../support/hookHarness';

const WINDOWS_ENV = { USERPROFILE: 'C:\\Users\\dev', LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' };

function copilot(sb: Sandbox, command: string): Record<string, unknown> {
  return { ...fixture('copilot-cli/powershell', sb), toolArgs: JSON.stringify({ command, description: 'run' }) };
}

function cursor(sb: Sandbox, command: string): Record<string, unknown> {
  return { ...fixture('cursor/before-shell-windows', sb), command };
}

/** Copilot CLI reads `permissionDecision`; a harmless call is never a block. */
function copilotDecision(r: HookRun): string | undefined {
  assert.equal(r.code, 0, r.stderr);
  return r.json?.permissionDecision as string | undefined;
}

/** Cursor reads the flat `permission`. */
function cursorDecision(r: HookRun): string | undefined {
  assert.equal(r.code, 0, r.stderr);
  return r.json?.permission as string | undefined;
}

test("Copilot CLI's powershell tool: harmless PowerShell runs, a recursive delete of a Windows home folder asks", () =>
  withSandbox(async (sb) => {
    for (const command of [
      'Get-ChildItem -Force',
      'rm -r -fo node_modules',
      'npm run build; dotnet test',
      'Remove-Item -Recurse -Force .\\bin\\Debug',
    ]) {
      const d = copilotDecision(await runHook('copilot-cli', copilot(sb, command), sb, WINDOWS_ENV));
      assert.ok(d === undefined || d === 'allow', `${command}: ${d}`);
    }
    const r = await runHook(
      'copilot-cli',
      copilot(sb, 'Remove-Item -Recurse -Force C:\\Users\\dev\\Documents'),
      sb,
      WINDOWS_ENV,
    );
    assert.equal(copilotDecision(r), 'ask');
    assert.deepEqual(Object.keys(r.json ?? {}), [
      'permissionDecision',
      'permissionDecisionReason',
      'hookSpecificOutput',
    ]);
    assert.match(
      String(r.json?.permissionDecisionReason),
      /recursively deletes ~\/Documents, outside the workspace.*\[fs\.rm-outside-workspace\]/,
    );
    const audit = readAudit(sb).at(-1)!;
    assert.equal(audit.decision, 'ask');
    assert.match(JSON.stringify(audit), /Remove-Item -Recurse -Force C:\\\\Users\\\\dev\\\\Documents/);
  }));

test("Copilot CLI's powershell tool: cmd, encoded commands and the policy file are seen through", () =>
  withSandbox(async (sb) => {
    const encoded = Buffer.from('Format-Volume -DriveLetter D -Force', 'utf16le').toString('base64');
    for (const [command, want] of [
      ['cmd /c "rd /s /q C:\\Users\\dev"', 'deny'],
      [`powershell -NoProfile -EncodedCommand ${encoded}`, 'deny'],
      ['Set-Content .agentguard.json \'{"rules":[{"match":"*","decision":"allow"}]}\'', 'ask'],
      ['Invoke-RestMethod -Method Delete -Uri https://api.heroku.com/apps/acme-prod', 'ask'],
    ] as const) {
      const r = await runHook('copilot-cli', copilot(sb, command), sb, WINDOWS_ENV);
      assert.equal(copilotDecision(r), want, command);
    }
  }));

test('Cursor on Windows: cmd and PowerShell lines told apart by their syntax; gated ones are blocked with no editor', () =>
  withSandbox(async (sb) => {
    for (const command of [
      'Get-ChildItem -Force',
      'rd /s /q out',
      'del /f /s /q *.log',
      'if exist dist rmdir /s /q dist',
      'git status',
    ]) {
      const d = cursorDecision(await runHook('cursor', cursor(sb, command), sb, WINDOWS_ENV));
      assert.ok(d === undefined || d === 'allow', `${command}: ${d}`);
    }
    let manual = 0;
    for (const command of [
      'Remove-Item -Recurse -Force $env:USERPROFILE\\source',
      'rd /s /q %USERPROFILE%',
      'git push --force origin main',
      'vssadmin delete shadows /all /quiet',
      'rm -rf ~',
    ]) {
      const r = await runHook('cursor', cursor(sb, command), sb, WINDOWS_ENV);
      assert.equal(cursorDecision(r), 'deny', command);
      assert.deepEqual(Object.keys(r.json ?? {}), ['permission', 'user_message', 'agent_message']);
      assert.match(String(r.json?.agent_message), /Do not retry it/);
      // Where a human may still run it by hand, the way is written for the Windows shell, in the folder the host named.
      const message = String(r.json?.user_message);
      if (message.includes('run it in a terminal yourself')) {
        assert.ok(message.includes(`Set-Location 'c:\\Users\\dev\\code\\acme-api'; ${command}`), message);
        manual++;
      } else assert.match(message, /AgentGuard denied this command/);
    }
    assert.ok(manual >= 2, 'the asks a human may run by hand say how');
    assert.equal(readAudit(sb).length, 10);
  }));
