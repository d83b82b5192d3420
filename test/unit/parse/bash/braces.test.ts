// Brace expansion makes at most MAX_BRACE_WORDS words of one word. Past the
// bound the word was once left as written, so `rm -rf /tmp/{a0,…,a299,~}` was
// judged as one odd path under /tmp and allowed while bash deletes the home
// folder. Past the bound the line is asked about; the built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BRACE_WORDS } from '../../../../src/core/parse/bash/braces';
import { runCli, withSandbox } from '../../support/hookHarness';

const list = (n: number, last: string) => `{${[...Array.from({ length: n }, (_, i) => `a${i}`), last].join(',')}}`;

test('braces that expand past the bound are asked about, never judged as the word written', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      `rm -rf /tmp/${list(MAX_BRACE_WORDS + 44, '~')}`,
      `rm -rf ${list(MAX_BRACE_WORDS + 44, '$HOME')}`,
      `rm -rf /tmp/x{a,b}{c,d}${list(70, '/')}`,
      // Two words within the bound each, past it together.
      `rm -rf /tmp/${list(200, 'b')} /tmp/${list(200, '~')}`,
    ]) {
      const r = runCli(sb, ['check', '--json', '--', command]);
      const out = JSON.parse(r.stdout) as { decision: string; findings: { id: string; summary: string }[] };
      assert.notEqual(out.decision, 'allow', command.slice(0, 60));
      assert.ok(
        out.findings.some(
          (f) => f.id === 'parse.too-complex' && /braces that expand to more than 256 words/.test(f.summary),
        ),
        JSON.stringify(out.findings),
      );
    }
    // Within the bound each word is judged as bash makes it: quiet for harmless ones.
    const r = runCli(sb, ['check', '--json', '--', `rm -rf dist/${list(40, 'b')}`]);
    assert.equal((JSON.parse(r.stdout) as { decision: string }).decision, 'allow');
  });
});
