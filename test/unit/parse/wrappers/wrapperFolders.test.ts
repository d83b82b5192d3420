// A wrapper told where to run its command (`env --chdir=DIR`, `env -CDIR`, `sudo -D DIR`, `run0 --chdir=DIR`) and
// make told where its makefile is (`make -C DIR`, `-f FILE`): the command's project files are read in that folder;
// one named only at run time asks (`parse.too-complex`), as `npm --prefix "$D"` does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const OTHER = `${HOME}/code/billing`;

function projects(harmfulThere: boolean) {
  const there = harmfulThere ? 'rm -rf ~' : 'rm -rf dist';
  const here = harmfulThere ? 'rm -rf dist' : 'rm -rf ~';
  return engine({
    [`${WORKSPACE}/package.json`]: JSON.stringify({ scripts: { clean: here } }),
    [`${OTHER}/package.json`]: JSON.stringify({ scripts: { clean: there } }),
  });
}

const FORMS = [
  `env --chdir=${OTHER} npm run clean`,
  'env -C../billing npm run clean',
  'sudo -D ../billing npm run clean',
  `sudo --chdir=${OTHER} npm run clean`,
  'run0 -D ../billing npm run clean',
];

test("the folder a wrapper names is where the command's scripts are read", () => {
  const harmful = projects(true);
  for (const c of FORMS) assert.equal(harmful.decide(c), 'deny', c);
  const quiet = projects(false);
  for (const c of FORMS) assert.notEqual(quiet.ids(c).includes('fs.rm-home'), true, c);
});

test('a folder or makefile named only at run time asks', () => {
  const e = projects(false);
  assertAskedFor(
    e.judge,
    [
      'env -C "$D" npm run clean',
      'sudo -D "$D" npm run clean',
      'make -C "$D" clean',
      'make -f "$F" clean',
      'make --directory="$D"',
    ],
    (f) => f.id === 'parse.too-complex',
    'gated',
  );
  assert.equal(e.decide(`make -C ${WORKSPACE} build`), 'allow');
});
