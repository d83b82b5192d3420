import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellWord } from '../../../src/core/text/shellWord';

test('plain words stay bare; anything a shell would read differently is single-quoted', () => {
  assert.equal(shellWord('src/app.ts'), 'src/app.ts');
  assert.equal(shellWord('--out=dist,lib'), '--out=dist,lib');
  assert.equal(shellWord('a b'), `'a b'`);
  assert.equal(shellWord(''), `''`);
  assert.equal(shellWord('~'), `'~'`, 'a bare ~ would be expanded to the home');
  assert.equal(shellWord('*.log'), `'*.log'`);
});

test('a real shell reads every quoted word back exactly as it was', () => {
  const words = ["it's", '$(rm -rf ~)', '`id`', 'a\nb', '"; echo x', "''", '\\', '!!', 'tab\there', '{a,b}', '~user'];
  const line = `printf '%s\\0' ${words.map(shellWord).join(' ')}`;
  const out = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), words);
});
