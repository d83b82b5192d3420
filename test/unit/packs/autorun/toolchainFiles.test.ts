// Cargo's config and go's env file name programs every later build, run or
// test runs: a `runner` or `rustc-wrapper` written into `.cargo/config.toml`,
// `GOFLAGS=-toolexec=…` or `CC=…` appended to `~/.config/go/env`, passed as
// plain writes. They ask with the line shown, as an `.npmrc` `script-shell`
// does; build settings (jobs, a private module pattern) stay quiet. And `git
// stash push -u -- .claude` takes a hook settings file out of the work tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const { decide, ids } = engine();

test('a toolchain file given a program to run asks, build settings stay quiet', () => {
  for (const c of [
    `printf '[target.x86_64-unknown-linux-gnu]\\nrunner = "sh /tmp/evil.sh"\\n' >> .cargo/config.toml`,
    `printf '[build]\\nrustc-wrapper = "/tmp/evil"\\n' > ~/.cargo/config.toml`,
    `echo 'target.x86_64-unknown-linux-gnu.runner = "/tmp/evil"' >> .cargo/config.toml`,
    `echo 'GOFLAGS=-toolexec=/tmp/evil' >> ~/.config/go/env`,
    `echo 'CC=/tmp/evil' >> ~/.config/go/env`,
    `echo 'GOSUMDB=off' >> ~/.config/go/env`,
    'go env -w CC=./evil.sh',
  ]) {
    assert.notEqual(decide(c), 'allow', c);
    assert.ok(ids(c).includes('autorun.package-manager-config'), `${c}: ${ids(c)}`);
  }
  for (const c of [
    `printf '[build]\\njobs = 4\\n' >> .cargo/config.toml`,
    `echo 'GOPRIVATE=github.com/acme' >> ~/.config/go/env`,
    `echo 'GOFLAGS=-mod=mod' >> ~/.config/go/env`,
    // A program by its bare name is the one on PATH, installed by the user.
    `printf '[build]\nrustc-wrapper = "sccache"\n' > .cargo/config.toml`,
    `echo 'CC=clang' >> ~/.config/go/env`,
    'go env -w CC=clang',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test('stashing a hook settings file or the policy away asks, stashing project files does not', () => {
  for (const c of [
    'git stash push --include-untracked -- .claude',
    'git stash push -u .claude/settings.json',
    'git stash -u -- .agentguard.json',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'git stash',
    'git stash -u',
    'git stash push -m wip',
    'git stash push -- src/index.ts',
    'git stash pop',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
