// xe runs its command once per input, as xargs -I{} does: read as that xargs
// call, with inputs from stdin, from the line (`-a`, `-A SEP`) or a file
// (`-f`), and `-s SCRIPT` read as a shell script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('xe is read as the command it runs for each input', () => {
  const judge = engine({});
  for (const command of ['xe rm -rf -- ~', 'xe -a rm -rf -- ~ /', "xe -s 'rm -rf ~'", 'xe -N0 rm -rf ~'])
    assert.equal(judge.judge(command).decision, 'deny', command);
  assert.ok(judge.ids('git tag -l | xe git tag -d').includes('git.tag-delete-all'));
  assert.notEqual(judge.judge("find . -name '*.ts' | xe rm -rf {}").decision, 'allow');
  for (const command of ['ls | xe echo', 'xe -a echo -- a b c', 'git ls-files | xe wc -l'])
    assert.equal(judge.judge(command).decision, 'allow', command);
});
