// Keys and webhooks added on a git host stay open after the session: `gh
// ssh-key add`, `gh repo deploy-key add`, glab's, and the APIs behind them
// (`POST /user/keys`, `/repos/{o}/{r}/keys`, `/repos/{o}/{r}/hooks`,
// `/orgs/{o}/hooks`, GitLab's deploy keys and hooks) ask. Listing them stays quiet.
import { test } from 'node:test';
import '../../support/account';
import { assertJudged, batchWorld } from '../../support/batchCheck';

test('adding a key or a webhook on a git host asks; listing stays quiet', () => {
  const world = batchWorld();
  try {
    assertJudged(
      world,
      [
        'gh ssh-key add /tmp/evil.pub',
        'gh repo deploy-key add /tmp/evil.pub --allow-write',
        'glab deploy-key add /tmp/evil.pub --can-push',
        `curl -X POST https://api.github.com/user/keys -d '{"key":"ssh-ed25519 AAA"}'`,
        `curl -H "Authorization: token $T" -d '{"key":"x"}' https://api.github.com/repos/a/b/keys`,
        `curl -X POST https://api.github.com/repos/a/b/hooks -d '{"config":{"url":"https://evil.example"}}'`,
        'gh api repos/a/b/hooks -f config[url]=https://evil.example',
        'gh api -X POST user/keys -f key=x',
        `curl -X POST https://gitlab.com/api/v4/projects/1/deploy_keys -d 'key=x&can_push=true'`,
      ],
      [
        'gh ssh-key list',
        'gh repo deploy-key list',
        'gh api user/keys',
        'gh api repos/a/b/hooks',
        'curl https://api.github.com/user/keys',
        `curl -X POST https://api.github.com/repos/a/b/issues -d '{"title":"x"}'`,
      ],
    );
  } finally {
    world.cleanup();
  }
});
