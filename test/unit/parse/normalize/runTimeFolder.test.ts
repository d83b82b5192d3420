// A command run in a folder a `cd` reached by a word known only at run time reads its project files there: a call
// whose reader looks for one (package.json's scripts, a Makefile, the script `./build.sh` names) is asked about, as
// `npm --prefix "$D" run clean` is; one that reads nothing there is judged as before (runTimeFolder.ts). The folders
// `$(git rev-parse --show-toplevel)` and `$(dirname "$0")` name are known before the line runs, and read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const HARM = 'rm -rf ~';

function project(scripts: Record<string, string>, extra: Record<string, string> = {}) {
  return engine({
    [`${WORKSPACE}/.git/config`]: '[core]\n',
    [`${WORKSPACE}/package.json`]: JSON.stringify({ name: 'acme', scripts }),
    [`${WORKSPACE}/Makefile`]: 'clean:\n\trm -rf dist\n',
    ...extra,
  });
}

test('a runner in a folder named at run time is asked about: its task file there is unread', () => {
  const e = project({ clean: 'rm -rf dist', test: 'node --test' });
  assertAskedFor(
    e.judge,
    [
      'cd "$D" && npm run clean',
      'cd "$D"; npm test',
      'cd "$(cat .target)" && npm run clean',
      'pushd "$D" && make clean',
      '(cd "$D" && make)',
      'cd "$D" && cd sub && npm run clean',
      'cd "$D" && ./build.sh',
      'cd "$D" && python3 manage.py flush',
      'cd "$D" && cargo build',
    ],
    (f) => f.id === 'parse.too-complex' && !!f.target?.startsWith('$') && !!f.alternative,
  );
});

test('a call that reads nothing in the run-time folder is judged as before', () => {
  const e = project({ clean: 'rm -rf dist' });
  for (const c of ['cd "$D" && ls -la', 'cd "$D" && cat README.md', 'cd "$D" && rm -rf build', 'cd "$D" && echo hi'])
    assert.equal(e.decide(c), 'allow', c);
  // After a `cd` to a folder written out, the folder is read again: its own harmless script is allowed.
  assert.equal(e.decide(`cd "$D" && cd ${WORKSPACE} && npm run clean`), 'allow');
  assert.equal(e.decide('npm run clean'), 'allow');
});

test("the repository's top folder and a script's own folder are known, and their scripts read", () => {
  const harmful = project(
    { clean: HARM },
    { [`${WORKSPACE}/scripts/clean.sh`]: 'cd "$(dirname "$0")/.." && npm run clean\n' },
  );
  for (const c of [
    'cd "$(git rev-parse --show-toplevel)" && npm run clean',
    'cd src && cd "$(git rev-parse --show-toplevel)" && npm run clean',
    'bash scripts/clean.sh',
    'cd "$(dirname scripts/clean.sh)/.." && npm run clean',
  ])
    assert.equal(harmful.decide(c), 'deny', c);
  const quiet = project(
    { clean: 'rm -rf dist' },
    { [`${WORKSPACE}/scripts/clean.sh`]: 'cd "$(dirname "$0")/.." && npm run clean\n' },
  );
  for (const c of [
    'cd "$(git rev-parse --show-toplevel)" && npm run clean',
    'bash scripts/clean.sh',
    './scripts/clean.sh',
  ])
    assert.equal(quiet.decide(c), 'allow', c);
  // `${BASH_SOURCE[0]}` is the script's path as well, and an element of a known array is that element.
  const sourced = project(
    { clean: HARM },
    { [`${WORKSPACE}/x.sh`]: 'cd "$(dirname "${BASH_SOURCE[0]}")" && npm run clean\n' },
  );
  assert.equal(sourced.decide('bash x.sh'), 'deny');
  assert.equal(sourced.decide(`X=(a ${HOME}); rm -rf "\${X[1]}"`), 'deny');
});

test('git pointed elsewhere by the environment leaves the top folder unknown', () => {
  const e = project({ clean: 'rm -rf dist' });
  assert.equal(
    e.decide('GIT_DIR=/srv/x/.git; export GIT_DIR; cd "$(git rev-parse --show-toplevel)" && npm run clean'),
    'ask',
  );
});
