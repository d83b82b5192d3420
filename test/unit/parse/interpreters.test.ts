// Inline programs (`python -c`, `node -e`, `perl -e`) are read for at most
// MAX_CODE_MATCHES shell, delete and write calls. A call past that bound was
// once dropped unread: harmless padding let a destructive call run quietly.
// Past the bound the line is asked about; the built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CODE_MATCHES } from '../../../src/core/parse/interpreters';
import { runCli, withSandbox } from '../support/hookHarness';

function check(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string) {
  const r = runCli(sb, ['check', '--json', '--', command]);
  const out = JSON.parse(r.stdout) as { decision: string; findings: { id: string; summary: string }[] };
  return { ...out, text: out.findings.map((f) => `${f.id}: ${f.summary}`).join('\n') };
}

const padded = (call: string, last: string, n = MAX_CODE_MATCHES + 4) => [...Array(n).fill(call), last].join('; ');

test('a call past the bound an inline program is read for is asked about, never allowed', async () => {
  await withSandbox(async (sb) => {
    const attacks = [
      `python3 -c "import os; ${padded("os.system('true')", "os.system('rm -rf ~')")}"`,
      `python3 -c "import os, shutil; ${padded("os.remove('/tmp/x')", "shutil.rmtree(os.path.expanduser('~'))")}"`,
      `node -e "const c = require('child_process'); ${padded("c.execSync('true')", "c.execSync('rm -rf ~')")}"`,
      `perl -e '${padded('system("true")', 'system("rm -rf ~")')}'`,
    ];
    for (const command of attacks) {
      const r = check(sb, command);
      assert.notEqual(r.decision, 'allow', command.slice(0, 80));
      assert.match(r.text, /parse\.too-complex: .* more shell, delete or write calls than AgentGuard reads \(256\)/);
    }
    // Within the bound the program is read whole and its harmless calls stay quiet.
    const quiet = check(sb, `python3 -c "import os; ${padded("os.system('true')", "os.system('true')", 16)}"`);
    assert.equal(quiet.decision, 'allow', quiet.text);
  });
});
