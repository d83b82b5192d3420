// A provider call that pauses, suspends or stops what serves users (a project,
// a compute endpoint, a deployment) is an outage until someone resumes it: it
// asks as other switching-off actions do. A timer or a recording stopped does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { destructiveName } from '../../../../src/core/packs/http/words';
import { engine } from '../../support/engineHarness';

test('pause and hibernate switch off; stop does only with what serves in the name or its path', () => {
  assert.equal(destructiveName('projectPause')?.tier, 'disable');
  assert.equal(destructiveName('hibernate')?.tier, 'disable');
  assert.equal(destructiveName('deploymentStop')?.tier, 'disable');
  assert.equal(destructiveName('stop', ['apps', 'x', 'dynos', 'web', 'actions', 'stop'])?.tier, 'disable');
  assert.equal(destructiveName('stop'), undefined);
  assert.equal(destructiveName('stopTimer'), undefined);
  assert.equal(destructiveName('stop', ['timers', 'stop']), undefined);
});

test('paused, suspended or stopped provider resources ask through the whole engine', () => {
  const judge = engine({});
  for (const command of [
    'curl -X POST https://api.supabase.com/v1/projects/abcd/pause -H "Authorization: Bearer $SUPABASE_ACCESS_TOKEN"',
    'curl -X POST https://api.heroku.com/apps/x/dynos/web/actions/stop',
    `curl https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { deploymentStop(id: \\"x\\") }"}'`,
    `curl https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { projectPause(id: \\"x\\") }"}'`,
  ])
    assert.notEqual(judge.judge(command).decision, 'allow', command);
  for (const command of [
    'curl -X POST https://api.example.com/v1/timers/stop',
    `curl https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { deploymentRedeploy(id: \\"x\\") }"}'`,
    'curl -X POST http://localhost:3000/projects/1/pause',
  ])
    assert.equal(judge.judge(command).decision, 'allow', command);
});
