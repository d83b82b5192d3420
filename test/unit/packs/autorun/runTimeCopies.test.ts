// A file named only when the line runs, copied where code runs later: `cp "$F" package.json` may bring any
// lifecycle script, and `cp "$F" .github/workflows/` any workflow. The first was let through because the line named
// no lifecycle word, the second because nothing lands from a source the engine cannot resolve. Both ask now; a
// copy from a known file and a copy into an everyday folder stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const FILES = {
  [`${WORKSPACE}/.github/workflows/ci.yml`]:
    'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  [`${WORKSPACE}/package.json`]: '{"name":"app","scripts":{"build":"tsc"}}',
  [`${WORKSPACE}/tpl/package.json`]: '{"name":"app","scripts":{"build":"tsc","lint":"eslint ."}}',
};

test('a file named at run time copied over package.json, a Makefile or an env file asks', () => {
  const { ids } = engine(FILES);
  for (const [command, id] of [
    ['cp "$F" package.json', 'autorun.lifecycle-script'],
    ['cat "$F" > package.json', 'autorun.lifecycle-script'],
    ['tee package.json < "$F"', 'autorun.lifecycle-script'],
    ['mv "$F" GNUmakefile', 'autorun.make-include'],
  ])
    assert.ok(ids(command).includes(id), `${command}: ${ids(command)}`);
});

test('a source the engine cannot resolve, copied or synced into a CI folder, asks', () => {
  const { ids } = engine(FILES);
  for (const command of [
    'cp "$F" .github/workflows/',
    'cp -r "$D"/. .github/workflows/',
    'rsync -a "$SRC" .github/workflows/',
    'rsync -a build-host:ci/ .github/workflows/',
  ])
    assert.ok(ids(command).includes('autorun.landed-unread'), `${command}: ${ids(command)}`);
});

test('copies from a known file, from a folder alone known at run time, or into everyday folders stay quiet', () => {
  const { decide } = engine(FILES);
  for (const command of [
    'cp tpl/package.json package.json',
    'cp "$DIR/package.json" package.json',
    'cp package.json "$BACKUP"',
    'cp "$F" src/',
    'cp "$F" .',
    'rsync -a "$SRC" dist/',
  ])
    assert.equal(decide(command), 'allow', command);
});
