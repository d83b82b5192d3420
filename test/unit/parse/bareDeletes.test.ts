// Ruby deletes called without parentheses (`FileUtils.rm_r Dir.home +
// "/.agentguard"`, `File.delete ENV["HOME"] + "/x"`) were not read: the
// statement's rest is the path, judged as `rm` / `rm -r` is. Project paths and
// a hash's own delete stay quiet; Perl's bare `unlink` is read as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { decide, ids } = engine();

test('a bare delete of the guard state asks, of a project path or a hash key does not', () => {
  for (const c of [
    `ruby -e 'FileUtils.rm_r Dir.home + "/.agentguard"'`,
    `ruby -e 'File.delete ENV["HOME"] + "/.agentguard/config.json"'`,
    `perl -e 'unlink "$ENV{HOME}/.agentguard/config.json"'`,
  ]) {
    assert.notEqual(decide(c), 'allow', c);
    assert.ok(ids(c).includes('path.agentguard'), `${c}: ${ids(c)}`);
  }
  for (const c of [
    `ruby -e 'FileUtils.rm_rf "tmp/cache"'`,
    `ruby -e 'File.delete "build/x.txt"'`,
    `ruby -e 'h = {}; h.delete :a'`,
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
