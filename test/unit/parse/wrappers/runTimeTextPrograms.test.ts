// A sed script or an awk program known only when the line runs (`sed "$S" f`, `sed -f "$F" f`, `awk "$P" f`) may
// run anything: sed's `e` runs shell commands, awk's system() too. Such calls were allowed; they ask now, as
// `python3 -c "$CODE"` does. A script with a value inside it (`sed -n "${N}p"`, `s/a/$B/`) is read as before: the
// reader keeps no braces, so `"${N}p"` reaches it as `$Np`, and the line as written tells the two apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { wholeRunTimeAsWritten } from '../../../../src/core/text/runTimeMarks';

test('a sed script or an awk program known only at run time asks', () => {
  const { judge } = engine();
  assertAskedFor(
    judge,
    [
      'sed "$S" notes.txt',
      'sed -e "$S" notes.txt',
      'sed -n "$S" notes.txt',
      'sed -f "$F" notes.txt',
      'sed --file="$F" notes.txt',
      'cat notes.txt | sed "$EXPR"',
      'sed "$A$B" notes.txt',
      'awk "$P" notes.txt',
      'gawk "$(cat prog)" notes.txt',
    ],
    (f) => f.id === 'parse.unknown-program',
  );
});

test('a script with a value inside it, or a known value, is read for what it does', () => {
  const { decide } = engine();
  for (const command of [
    'sed -n "${N}p" notes.txt',
    'sed "${N}d" notes.txt',
    'sed -n "${START},${END}p" notes.txt',
    'sed "s/a/$B/" notes.txt',
    'S="s/a/b/"; sed "$S" notes.txt',
    'awk -v n="$N" "{print \\$n}" notes.txt',
    'awk "{print \\$$N}" notes.txt',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('a word is wholly run-time only as written', () => {
  assert.equal(wholeRunTimeAsWritten('$Np', 'sed -n "$Np" f'), true);
  assert.equal(wholeRunTimeAsWritten('$Np', 'sed -n "${Np}" f'), true);
  assert.equal(wholeRunTimeAsWritten('$Np', 'sed -n "${N}p" f'), false);
  assert.equal(wholeRunTimeAsWritten('$N$P', 'sed "$N$P" f'), true);
  assert.equal(wholeRunTimeAsWritten('s/a/$B/', 'sed "s/a/$B/" f'), false);
});
