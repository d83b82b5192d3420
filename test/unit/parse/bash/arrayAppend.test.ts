// `a+=(…)` appends to an array: the appended elements were dropped (the
// array held only what `a+=` added, or nothing known), so `a=(rm -rf);
// a+=(~/.agentguard); "${a[@]}"` ran as a program nobody judged. The
// elements are joined as bash joins them; an append to an array only known
// at run time stays unknown. The built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  const r = runCli(sb, ['check', '--json', '--', command]);
  return (JSON.parse(r.stdout) as { decision: string }).decision;
}

test('an array appended to holds its old and new elements', async () => {
  await withSandbox(async (sb) => {
    for (const command of [
      'a=(rm -rf); a+=(~/.agentguard); "${a[@]}"',
      'a=(); a+=(rm); a+=(-rf ~/.agentguard); "${a[@]}"',
      'args=(-rf); args+=("$HOME/.agentguard"); rm "${args[@]}"',
    ])
      assert.notEqual(decide(sb, command), 'allow', command);
    for (const command of ['a=(src); a+=(dist); ls "${a[@]}"', 'flags=(-la); flags+=(--color); ls "${flags[@]}" src'])
      assert.equal(decide(sb, command), 'allow', command);
  });
});
