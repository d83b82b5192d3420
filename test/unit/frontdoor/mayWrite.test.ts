// The write pre-check is a scan written in code in place of one regular expression (compiling it cost every
// hook call 0.5–0.8 ms): it must answer exactly what the expression answers, or a write would go unrecorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayWrite } from '../../../src/core/frontdoor/mayWrite';

const EXPRESSION =
  /[>]|\b(?:tee|cp|mv|install|curl|wget|dd|sed|ln|tar|unzip|rsync|touch|patch|perl|copy|move|xcopy|robocopy)\b|-(?:Content|Item|File)\b|Invoke-(?:WebRequest|RestMethod)|Out-File|::Write/i;

const same = (line: string) => assert.equal(mayWrite(line), EXPRESSION.test(line), JSON.stringify(line));

test('the commands a hook sees', () => {
  for (const line of [
    'git status',
    'ls -la',
    'npm test',
    'cat README.md',
    'echo hi > out.txt',
    'cp a b',
    'CP a b',
    'scp a host:b',
    'cpx a b',
    'tee_log x',
    'Set-Content x',
    'Add-Content -Path x',
    'New-Item x',
    '-Item',
    'Get-ChildItem',
    'x-files',
    'x -file y',
    'x --file y',
    'x -Files y',
    'Invoke-WebRequest -OutFile x',
    'INVOKE-restmethod x',
    'iwr | Out-File x',
    'out-filed',
    '[IO.File]::WriteAllText("x", "y")',
    '[io.file]::writealltext',
    ':: write',
    'robocopy a b',
    'xcopy a b',
    'unzip x.zip',
    'perl -pi -e s/a/b/ x',
    'curl https://x',
    'sed -i s/a/b/ f',
    'ln -s a b',
    'touch x',
    'patch -p1',
    'dd if=a of=b',
    'rsync a b',
    'install -m 755 a b',
    'tar xf a.tar',
    'move a b',
    'copy a b',
    'mv a b',
    'wget x',
    '',
  ])
    same(line);
});

test('ASCII letters fold, and nothing else does', () => {
  // The Kelvin sign, long s, dotless i and dotted capital I: Unicode case maps them to ASCII letters; `i` without
  // `u` does not.
  for (const line of [
    'Invo\u212Ae-WebRequest',
    'in\u017Ftall x',
    '\u0131nstall x',
    '\u0130nstall x',
    'Out-F\u0131le',
    '-F\u0130le',
    'tou\u0441h x',
    'c\u0440 a b',
    'x \u00e9cp y',
    'x cp\u00e9 y',
  ])
    same(line);
});

test('lines built from the expression edge cases', () => {
  const pieces = [
    'cp',
    'CP',
    'Cp',
    'tee',
    'TEE',
    'robocopy',
    'robocopyx',
    'xcopy',
    'file',
    'FILE',
    'Content',
    'item',
    'items',
    'invoke-webrequest',
    'Invoke-RestMethod',
    'invoke-',
    'out-file',
    'Out-',
    '::write',
    '::Writ',
    ':',
    '::',
    '-',
    '--',
    '_',
    '0',
    'a',
    ' ',
    '/',
    '.',
    '=',
    '\u212A',
    '\u017F',
    '\u00e9',
    '\n',
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let n = 0; n < 40_000; n++) {
    let line = '';
    const count = 1 + (next() % 6);
    for (let k = 0; k < count; k++) line += pieces[next() % pieces.length];
    same(line);
  }
});
