// Which commands print file names (the lister behind a run-time word), and when xargs hands on free text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsListedFiles, printsFileNames, xargsFreeText } from '../../../../src/core/packs/common/listedFiles';
import { simple } from '../../support/helpers';

test('listers of file names, and commands that print something else', () => {
  for (const argv of [
    ['git', 'diff', '--name-only'],
    ['git', '-C', 'app', 'diff', '--cached', '--name-status'],
    ['git', 'ls-files', '-m'],
    ['git', 'status', '--porcelain'],
    ['git', 'status', '--porcelain=v2'],
    ['git', 'grep', '-l', 'TODO'],
    ['grep', '-rl', 'TODO', 'src'],
    ['rg', '--files'],
    ['find', '.', '-name', '*.ts'],
    ['ls'],
  ])
    assert.equal(printsFileNames(argv), true, argv.join(' '));
  for (const argv of [
    ['git', 'diff'],
    ['git', 'status'],
    ['git', 'branch'],
    ['git', 'rev-parse', 'HEAD'],
    ['grep', '-r', 'TODO'],
    ['cat', 'list'],
  ])
    assert.equal(printsFileNames(argv), false, argv.join(' '));
});

test('a word holds listed files through a substitution, a loop variable or xargs', () => {
  const cmd = simple(['git', 'checkout', '$X']);
  assert.equal(holdsListedFiles('$(git diff --name-only)', cmd), true);
  assert.equal(holdsListedFiles('`git ls-files -m`', cmd), true);
  // A loop variable stands for its list as a substitution with no-break spaces (parse/bash/loopInput.ts).
  assert.equal(holdsListedFiles('\u0001$(git\u00a0diff\u00a0--name-only)\u0001', cmd), true);
  assert.equal(holdsListedFiles('$(git rev-parse HEAD~1)', cmd), false);
  assert.equal(holdsListedFiles('$X', cmd), false);
  const fed = { ...simple(['git', 'checkout', '$XARGS_INPUT']), stdinFrom: ['git', 'diff', '--name-only'] };
  assert.equal(holdsListedFiles('$XARGS_INPUT', fed), true);
  assert.equal(holdsListedFiles('$XARGS_INPUT', { ...fed, stdinFrom: ['git', 'branch'] }), false);
});

test('xargs hands on free text from a file reader, a download or an unnamed stdin', () => {
  const xargs = (stdinFrom?: string[]) => ({
    ...simple(['git', 'push', 'origin', '$XARGS_INPUT']),
    dynamic: [false, false, false, true],
    ...(stdinFrom ? { stdinFrom } : {}),
  });
  assert.equal(xargsFreeText(xargs(['cat', '$F'])), true);
  assert.equal(xargsFreeText(xargs(['curl', '-s', 'https://x.example.com'])), true);
  assert.equal(xargsFreeText(xargs()), true);
  assert.equal(xargsFreeText(xargs(['git', 'branch', '--merged'])), false);
  assert.equal(xargsFreeText(simple(['git', 'push', 'origin', 'main'])), false);
});
