// `rm -rf NAME` where NAME has no extension: a folder of source asks, but a
// regular file on disk (`.coverage`, `Makefile`) is one file, as `rm NAME`.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const files = {
  '.coverage': 'SQLite format 3',
  Makefile: 'test:\n\tnpm test\n',
  'src/index.ts': 'export {};\n',
  'docs/guide/intro.md': '# intro\n',
};

test('rm -rf of a regular file with a folder-like name deletes one file: allowed', () => {
  judgedOnDisk(
    'ag-rmfile-',
    files,
    ['rm -rf .coverage', 'rm -rf Makefile', 'rm -rf htmlcov .coverage', 'cd src && rm -rf ../Makefile'],
    'allow',
    { git: true },
  );
});

test('a folder, a missing name, or a name an earlier command on the line may have changed still asks', () => {
  judgedOnDisk(
    'ag-rmfile-',
    files,
    [
      'rm -rf src',
      'rm -rf docs/',
      'rm -rf .coverage src',
      // Missing now: what will be there when it runs is unknown.
      'rm -rf lib',
      // An earlier command may have put a folder where the file was.
      'tar xf ../site.tar && rm -rf docs',
      'mv docs Makefile2 && rm -rf Makefile2',
    ],
    'gate',
    { git: true },
  );
});
