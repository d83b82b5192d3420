// `pkill -f "$NAME"`, `killall "$N"`, `kill $(pgrep -f "$N")`: a process pattern known only when the line runs
// may match any process, the editor and the guard among them, and was allowed. A pattern with fixed text of its
// own (`pkill -f "vite-$PORT"`) names its process, and stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a process pattern known only at run time asks', () => {
  const { ids } = engine();
  for (const command of [
    'pkill -f "$NAME"',
    'killall "$N"',
    'pkill "${P}"',
    'pkill -f "$(cat name)"',
    'kill $(pgrep -f "$N")',
    'kill -9 $(pgrep $N)',
    'pgrep -f "$N" | xargs kill',
  ])
    assert.ok(ids(command).includes('system.kill-broad'), `${command}: ${ids(command)}`);
});

test('a pattern with fixed text of its own, or a listing alone, stays quiet', () => {
  const { decide } = engine();
  for (const command of ['pkill -f "vite-$PORT"', 'kill $(pgrep -f "vite-$N")', 'pkill -f vite', 'pgrep -f "$N"'])
    assert.equal(decide(command), 'allow', command);
});
