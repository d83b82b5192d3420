// A script or program text known only when the line runs is a program built at run time, asked about as `sh -c
// "$CMD"` is (runTimeScripts.ts): `bash "$F"`, `python3 -c "$CODE"`, `xargs bash`, `deno run "$F"`, `tsx "$F"`. A script whose folder alone is
// unknown is judged by its name; inline code with a value inside it is read as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { fileNamedAtRunTime as namedAtRunTime, wholeRunTimeValue } from '../../../../src/core/text/runTimeMarks';

test('a script, code or module named only at run time asks', () => {
  const e = engine();
  assertAskedFor(
    e.judge,
    [
      'bash "$F"',
      'sh $SCRIPT',
      'source "$F"',
      '. "$ENV_FILE"',
      'python3 "$F"',
      'node "${ENTRY}"',
      'ruby "$1"',
      'python3 -c "$CODE"',
      'node -e "$JS"',
      'node -p "$JS"',
      'perl -e "$P"',
      'python3 -m "$MOD"',
      'xargs -n1 bash < list.txt',
      'bash "$D/$NAME"',
      'go run "$F"',
      'deno run -A "$F"',
      'bun "$F"',
      'bun run "$F"',
      'tsx "$F"',
      'npx tsx "$F"',
      'fish "$F"',
      'pwsh -File "$F"',
      'osascript "$F"',
    ],
    (f) => f.id === 'parse.unknown-program' && !!f.alternative,
  );
});

test('a known script name in an unknown folder, and code with a value inside, stay quiet', () => {
  const e = engine();
  for (const c of [
    'bash "$ROOT/scripts/build.sh"',
    'python3 "${SCRIPT:-run.py}"',
    'python3 -c "print(\'$X\')"',
    'node -e "console.log(process.env.HOME)"',
    'python3 -m http.server 8000',
    'perl -pe "s/a/b/" file.txt',
    'ruby -r json -e "puts 1"',
    'tsx src/index.ts "$ARG"',
    'go run main.go "$X"',
    'deno run "$ROOT/main.ts"',
    'bun run build',
    'pwsh -c Get-Date',
  ])
    assert.equal(e.decide(c), 'allow', c);
});

test('what counts as named at run time', () => {
  assert.equal(namedAtRunTime('$F'), true);
  assert.equal(namedAtRunTime('dir/$NAME.sh'), true);
  assert.equal(namedAtRunTime('$D/'), true);
  assert.equal(namedAtRunTime('$D/build.sh'), false);
  assert.equal(wholeRunTimeValue(' $CODE '), true);
  assert.equal(wholeRunTimeValue('${CODE}'), true);
  assert.equal(wholeRunTimeValue('$(cat x.py)'), true);
  assert.equal(wholeRunTimeValue("print('$X')"), false);
  // Values end to end are still nothing but values; a value with text beside it is not.
  assert.equal(wholeRunTimeValue('$A$B'), true);
  assert.equal(wholeRunTimeValue('${P}$(cat f)'), true);
  assert.equal(wholeRunTimeValue('$A-x'), false);
});
