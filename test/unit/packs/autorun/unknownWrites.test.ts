// A package.json, a Makefile or a host's environment file written with text
// made elsewhere on the line (piped in, decoded, written to a temporary file
// first) is read from what the line made, or asked about when the line names
// what plants; an everyday rewrite of package.json stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const PLANT = `{"scripts":{"postinstall":"rm -rf ~"}}`;

test('a lifecycle script written through a pipe, a decoder or a temporary file asks', () => {
  const { ids } = engine();
  for (const command of [
    `echo '${PLANT}' | dd of=sub/package.json`,
    `echo '${PLANT}' | sponge sub/package.json`,
    `echo '${PLANT}' | cp /dev/stdin sub/package.json`,
    `echo ${Buffer.from(PLANT).toString('base64')} | base64 -d > sub/package.json`,
    `echo '${PLANT}' > /tmp/p.json && mv /tmp/p.json sub/package.json`,
    `echo '${PLANT}' > /tmp/p.json && cat /tmp/p.json > sub/package.json`,
    `echo '${PLANT}' > /tmp/p.json && ln -sf /tmp/p.json sub/package.json`,
    `echo '${PLANT}' > /tmp/p.json && rsync /tmp/p.json sub/package.json`,
  ]) {
    assert.ok(ids(command).includes('autorun.lifecycle-script'), `${command}: ${ids(command)}`);
  }
});

test('rewriting package.json through a temporary file, with nothing that plants on the line, stays quiet', () => {
  const { decide } = engine();
  for (const command of [
    `jq '.version = "1.2.3"' package.json > /tmp/p.json && mv /tmp/p.json package.json`,
    `echo '{"name":"x","scripts":{"build":"tsc"}}' | sponge package.json`,
    `echo '{"name":"x"}' > /tmp/p.json && cat /tmp/p.json > package.json`,
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});
