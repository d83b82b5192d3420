// A test runner told to collect or load from a place named only at run time (`pytest "$D"`, `jest --rootDir "$D"`,
// `phpunit -c "$F"`) runs test code nobody read: asked, as a runner in a run-time folder is (testFiles.ts). A filter
// known only at run time (`pytest -k "$K"`, `jest "$PATTERN"`) picks among the tests read anyway, and stays quiet.
import { test } from 'node:test';
import { assertAskedFor, judgedOnDisk, engine } from '../../support/engineHarness';

test('tests or their setup named only at run time ask', () => {
  const e = engine();
  assertAskedFor(
    e.judge,
    [
      'pytest "$D"',
      'python3 -m pytest "$D"',
      'pytest --rootdir "$D"',
      'pytest -c "$F"',
      'jest --rootDir "$D"',
      'npx jest --config="$F"',
      'vitest --root "$D"',
      'rspec "$D"',
      'phpunit -c "$F"',
      'mocha -r "$F"',
    ],
    (f) => f.id === 'parse.too-complex' && !!f.target?.includes('$'),
  );
});

test('a filter known only at run time picks among tests that are read, and stays quiet', () => {
  judgedOnDisk(
    'run-time-tests-',
    { 'tests/test_a.py': 'def test_a():\n    assert 1\n', 'src/a.test.js': "test('a', () => {});\n" },
    ['pytest -k "$K"', 'pytest tests/ -k "$K" -x', 'npx jest "$PATTERN"', 'npx vitest run "$P"', 'pytest'],
    'allow',
  );
});
