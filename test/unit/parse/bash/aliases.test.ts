// An alias table holds at most MAX_ALIASES names. One defined past the bound
// was once dropped, so a later word of that name ran as a bare command, unread.
// Past the bound the line is asked about; the built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

test('an alias past the bound on aliases defined is asked about, never run as its bare name', async () => {
  await withSandbox(async (sb) => {
    const many = Array.from({ length: 600 }, (_, i) => `a${i}=ls`).join(' ');
    const r = runCli(sb, ['check', '--json', '--', `alias ${many}; alias z='rm -rf ~'; z`]);
    const out = JSON.parse(r.stdout) as { decision: string; findings: { id: string; summary: string }[] };
    assert.notEqual(out.decision, 'allow');
    assert.ok(
      out.findings.some((f) => /more than 512 aliases/.test(f.summary)),
      JSON.stringify(out.findings),
    );
  });
});
