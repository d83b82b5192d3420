// `(((rm -rf ~/notes)))` is an arithmetic error to bash and zsh, and three nested subshells to dash, which runs the
// delete. A body of `((` that reads as a command was walked as one already; a body that opens with another
// parenthesis was not, and the line was allowed in every dialect. Arithmetic with parentheses stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a command inside any number of parentheses after (( is walked as the subshells dash reads', () => {
  const { judge } = engine();
  for (const command of [
    '(((rm -rf ~/notes)))',
    '((((rm -rf ~/notes))))',
    '(( (rm -rf ~/notes) ))',
    '((rm -rf ~/notes) )',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
});

test('arithmetic with parentheses, and harmless nesting, stay quiet', () => {
  const { decide } = engine();
  for (const command of ['(( (x - 1) * 2 ))', '(( (a+b) > 2 )) && echo y', '(( i++ ))', '(((echo hi)))'])
    assert.equal(decide(command), 'allow', command);
});

test('nesting past the bound asks', () => {
  const { judge } = engine();
  const r = judge('('.repeat(200) + 'echo hi' + ')'.repeat(200));
  assert.notEqual(r.decision, 'allow');
});
