// unwrap skips its switch on the program's name when the name is not in NAMED_WRAPPERS (a set lookup instead of a
// hundred string comparisons a command). A case the set lacked would never be reached: that wrapper's inner command
// would go unread. So the set is held to the switch's cases, read from the source itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAMED_WRAPPERS } from '../../../src/core/parse/wrappers/named';
import { normalize } from '../../../src/core/parse/normalize';
import type { AnalysisContext } from '../../../src/core/types';
import { switchCases } from '../support/switchCases';

test("unwrap's set of named wrappers holds exactly the cases of its switch", () => {
  const cases = switchCases('src/core/parse/wrappers/index.ts', '  switch (prog) {');
  assert.deepEqual([...NAMED_WRAPPERS].sort(), [...new Set(cases)].sort());
});

test('a wrapper the switch names still has its inner command read, and a name it lacks still reaches the shells', () => {
  const ctx: AnalysisContext = { workspace: '/w', home: '/h', tempDirs: ['/tmp'], readFile: () => undefined };
  const argvs = (command: string) =>
    normalize({ command, cwd: '/w', env: {}, dialect: 'bash' }, ctx).commands.map((c) => c.argv.join(' '));
  assert.ok(argvs('timeout 5 rm -rf /w/x').includes('rm -rf /w/x'));
  assert.ok(argvs('flock /tmp/l rm -rf /w/x').includes('rm -rf /w/x'));
  assert.ok(argvs('source /dev/null; gsudo rm -rf /w/x').includes('rm -rf /w/x'));
  assert.ok(argvs("bash -c 'rm -rf /w/x'").includes('rm -rf /w/x'));
});
