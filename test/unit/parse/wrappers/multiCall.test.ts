// Multi-call binaries hold every tool in one program and run the one their
// first argument names: `coreutils --coreutils-prog=rm -rf ~` (GNU),
// `coreutils rm -rf ~` (uutils), `sbase-box rm …`, and `nix run
// nixpkgs#coreutils -- rm -rf ~`, whose package's program is coreutils. These
// were allowed; busybox and toybox already were read so. The tool is judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a multi-call binary is judged as the tool its first argument names', () => {
  const { decide, ids } = engine();
  for (const command of [
    'coreutils --coreutils-prog=rm -rf ~',
    'coreutils rm -rf ~',
    '/usr/bin/coreutils --coreutils-prog=rm -rf ~',
    'nix run nixpkgs#coreutils -- rm -rf ~',
    'sbase-box rm -rf ~',
    'busybox rm -rf ~',
    'toybox rm -rf ~',
  ]) {
    assert.notEqual(decide(command), 'allow', command);
    assert.ok(ids(command).includes('fs.rm-home'), `${command}: ${ids(command)}`);
  }
  for (const command of [
    'coreutils --coreutils-prog=ls -la',
    'coreutils --version',
    'coreutils ls',
    'nix run nixpkgs#coreutils -- ls',
    'nix run nixpkgs#hello',
    'busybox ls',
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});
