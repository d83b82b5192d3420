// `rm $X`: an unquoted word known only at run time may split into `-rf` and
// paths (`export X='-rf /home/me'` in an earlier call of the same terminal),
// so it asks as `rm -rf "$X"` does. Quoted it is one word: one file at most.
import { test } from 'node:test';
import { assertGated, engine, judgedOnDisk } from '../../support/engineHarness';

const files = { 'a.txt': 'a\n', 'notes/b.txt': 'b\n' };

test('an unquoted variable rm reads as words may carry options: asks', () => {
  judgedOnDisk(
    'ag-rmsplit-',
    files,
    [
      'rm $X',
      'rm ${X}',
      'rm ${X}_old',
      'rm $X/y',
      'rm "$@"',
      'rm "${FILES[@]}"',
      'rm $1',
      'rm "$Y" $X',
      'bash -c "rm \\$X"',
    ],
    'gate',
  );
  assertGated(engine().judge, 'rm $TARGETS', 'fs.rm-unknown-target');
});

test('a quoted variable, words after --, escaped or single-quoted dollars and known values stay quiet', () => {
  judgedOnDisk(
    'ag-rmsplit-',
    files,
    ['rm "$X"', 'rm "${X}_old"', 'rm -- $X', "rm '$X'", 'rm \\$X', 'X=a.txt; rm $X', 'for f in *.txt; do rm $f; done'],
    'allow',
  );
});
