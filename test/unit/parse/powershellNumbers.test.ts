// A negative number in a PowerShell expression (`$x -eq -1`, `@{ a = -1 }`, `$x = -1`) did not parse. A script file
// holding one now asks as unreadable instead of running unjudged, so the reader must take it: the sign is the
// number's, as PowerShell reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';
import { parsePowerShell } from '../../../src/core/parse/powershell/parser';

test('negative numbers in PowerShell expressions are read', () => {
  for (const text of ['if ($ret -eq -1) { "x" }', '$h = @{ a = -1 }', '$x = -1', '$a = 5 - -1', '$x = @(-1, 2)'])
    assert.doesNotThrow(() => parsePowerShell(text), text);
});

test('a PowerShell script with a negative number is judged for what it does', () => {
  const { judge, done } = diskWorkspace(
    'ag-psnum-',
    {
      '../../notes/todo.txt': 'x\n',
      'clean.ps1': '$n = -1\nif ($n -lt 0) { Remove-Item -Recurse -Force ~/notes }\n',
      'ok.ps1': '$n = -1\nif ($n -lt 0) { Write-Output "negative" }\n',
    },
    { git: true },
  );
  try {
    const r = judge('pwsh -File clean.ps1');
    const ids = r.findings.map((f) => f.id);
    assert.ok(ids.includes('fs.rm-outside-workspace'), ids.join());
    assert.ok(!ids.includes('parse.unparseable'), ids.join());
    const ok = judge('pwsh -File ok.ps1');
    assert.equal(ok.decision, 'allow', ok.findings.map((f) => f.summary).join('; '));
  } finally {
    done();
  }
});
