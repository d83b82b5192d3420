// `wget -i list`, `aria2c -i list`: the files land under the names the list
// gives. A list that cannot be read now asks where the files could land on
// something that runs later; one read lands its files, each judged as a
// direct download is. Real files, the engine as the hook runs it; and the
// option reader alone.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { judgedOnDisk } from '../support/engineHarness';
import { downloadListOf } from '../../../src/core/effects/downloadLists';

test('a download list that cannot be read, or that names a file run later, asks', () => {
  judgedOnDisk(
    'ag-dllists-',
    { 'package.json': '{"name":"app"}\n' },
    [
      'aria2c -i urls.txt',
      'wget -i list',
      'wget --input-file=list -P ~',
      "printf 'https://x.example/package.json\\n' > /tmp/l && cd src && wget -i /tmp/l",
      "printf 'https://x.example/a\\n  out=Makefile\\n' > /tmp/l && aria2c -i /tmp/l",
      "printf 'https://x.example/ci.yml\\n' > /tmp/l && wget -i /tmp/l -P .github/workflows",
      'curl -o package.json https://x.example/p',
      'cd src && wget https://x.example/package.json',
    ],
    'gate',
  );
});

test('lists into a temporary folder, and lists naming plain data, stay quiet', () => {
  judgedOnDisk(
    'ag-dllists-',
    { 'package.json': '{"name":"app"}\n', 'src/x.ts': '' },
    [
      'wget -i list -P /tmp/dl',
      'aria2c -i urls.txt -d /tmp/dl',
      "printf 'https://x.example/data.csv\\n' > /tmp/l && wget -i /tmp/l",
      "printf 'https://x.example/a\\n  out=data.csv\\n' > /tmp/l && aria2c -i /tmp/l",
      'wget https://x.example/data.csv',
      'curl -o /tmp/Makefile https://x.example/Makefile',
      'curl -o /tmp/x.json https://x.example/a',
    ],
    'allow',
  );
});

test('the list and folder options are read as wget and aria2c read them', () => {
  assert.deepEqual(downloadListOf(['wget', '-nv', '-i', 'l', '-P', 'd']), { file: 'l', dir: 'd' });
  assert.deepEqual(downloadListOf(['wget', '-il']), { file: 'l', dir: undefined });
  assert.equal(downloadListOf(['wget', '-O', 'out', '-i', 'l']), undefined);
  assert.deepEqual(downloadListOf(['aria2c', '-ofile', '-i', 'l', '--dir=x']), { file: 'l', dir: 'x' });
  assert.equal(downloadListOf(['aria2c', 'https://x.example/a']), undefined);
});
