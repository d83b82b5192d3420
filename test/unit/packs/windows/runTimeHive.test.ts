// A Run key under a hive known only at run time is judged as under the worst
// hive; a folder path under a variable stays a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

test('an autorun key under a run-time hive asks', () => {
  const ws = diskWorkspace('ag-rthive-', { 'src/a.ts': '' });
  try {
    for (const command of [
      'Set-ItemProperty -Path "$h\\Software\\Microsoft\\Windows\\CurrentVersion\\Run" -Name x -Value y',
      'New-ItemProperty -Path "$hive\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce" -Name x -Value y',
    ]) {
      const r = ws.judge(command, 'pwsh');
      assert.ok(
        r.findings.some((f) => f.id === 'windows.autorun'),
        `${command}: ${JSON.stringify(r.findings)}`,
      );
    }
    for (const command of [
      'New-Item -Path "$dir\\logs" -ItemType Directory',
      'Set-ItemProperty -Path "$f\\notes.txt" -Name IsReadOnly -Value $true',
    ])
      assert.equal(ws.judge(command, 'pwsh').decision, 'allow', command);
  } finally {
    ws.done();
  }
});
