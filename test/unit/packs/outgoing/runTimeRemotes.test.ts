// A repository sent to a place known only when the line runs: `git push "$URL" HEAD:main`,
// `git remote set-url origin "$URL"`, `git push https://$HOST/x.git`. The host may be anyone's, and was allowed.
// A remote's name held in a variable (`git push "$REMOTE" main`) and a forge's URL with a run-time path stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a repository pushed or pointed to a place known only when the line runs asks', () => {
  const { ids } = engine();
  for (const [command, id] of [
    ['git push "$URL" HEAD:main', 'outgoing.git-push-url'],
    ['git push "${REPO_URL}" main', 'outgoing.git-push-url'],
    ['git push "https://$HOST/acme/api.git" main', 'outgoing.git-push-url'],
    ['git remote set-url origin "$TARGET"', 'outgoing.git-remote'],
    ['git remote add backup "$X"', 'outgoing.git-remote'],
  ])
    assert.ok(ids(command).includes(id), `${command}: ${ids(command)}`);
});

test('a remote named by a variable, or a forge URL with a run-time path, stays quiet', () => {
  const { decide } = engine();
  for (const command of [
    'git push "$REMOTE" main',
    'git push origin "$BRANCH"',
    'git remote add upstream "https://github.com/$ORG/api.git"',
    'git push "git@github.com:$ORG/api.git" main',
  ])
    assert.equal(decide(command), 'allow', command);
});
