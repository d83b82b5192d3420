// A patch missing now applies nothing, unless a file is made before it runs:
// below an ordinary folder that stays quiet, as it does in the working folder,
// but into a protected folder (`patch -d ~`, `git apply --directory=.git/hooks`)
// the unknown files it would write are asked about.
import { test } from 'node:test';
import { judgedOnDisk } from '../support/engineHarness';

const project = { 'src/index.ts': 'export const x = 1;\n' };

test('a missing patch aimed at a protected folder asks', () => {
  judgedOnDisk(
    'ag-nopatchdir-',
    project,
    [
      'patch -p1 -d ~ < /tmp/missing.diff',
      'patch -p1 --directory=.git/hooks -i missing.diff',
      'git apply --directory=.git/hooks missing.diff',
      'git apply --unsafe-paths --directory=$HOME missing.diff',
    ],
    'gate',
    { git: true },
  );
});

test('a missing patch aimed at an ordinary folder, or at none, stays quiet', () => {
  judgedOnDisk(
    'ag-nopatchdir-',
    project,
    [
      'patch -p1 -d src < missing.diff',
      'patch -p1 --directory=src -i missing.diff',
      'git apply --directory=src missing.diff',
      'git apply missing.diff',
    ],
    'allow',
    { git: true },
  );
});
