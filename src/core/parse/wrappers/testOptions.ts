// The options of each test runner whose test files are collected (testFiles.ts) that take a value, so the value
// is not taken for a path to collect, each as the runner's --help lists them.

export type TestKind = 'pytest' | 'unittest' | 'jest' | 'vitest' | 'mocha' | 'node' | 'rspec' | 'minitest' | 'phpunit';

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

/** Options that take a value, so the value is not taken for a path to collect. */
export const VALUE_OPTIONS: Record<TestKind, ReadonlySet<string>> = {
  pytest: words(
    '-k -m -p -c -o -W -n -r --rootdir --confcutdir --basetemp --junitxml --junit-xml --ignore --ignore-glob --deselect --durations --durations-min --maxfail --tb --log-level --log-file --log-cli-level --import-mode --cov --cov-report --cov-config --cov-fail-under --capture --color --override-ini --html --reruns --timeout --dist --numprocesses',
  ),
  unittest: words('-k -s --start-directory -p --pattern -t --top-level-directory'),
  jest: words(
    '-c --config --rootDir --roots -t --testNamePattern --testPathPattern --reporters --maxWorkers -w --shard --coverageDirectory --testTimeout --selectProjects --outputFile',
  ),
  vitest: words(
    '-c --config -r --root --dir -t --testNamePattern --project --reporter --outputFile --shard --pool --environment --mode --coverage.reporter',
  ),
  mocha: words(
    '-r --require -R --reporter -u --ui -t --timeout -g --grep -f --fgrep --config --extension --file --ignore --spec -s --slow --retries -j --jobs -O --reporter-option --package',
  ),
  // node's own options besides the test runner's: those its interpreter table knows take a value.
  node: words(
    '-r -C --require --import --loader --experimental-loader --env-file --env-file-if-exists --conditions --input-type --test-reporter --test-reporter-destination --test-name-pattern --test-skip-pattern --test-concurrency --test-timeout --test-shard --test-coverage-include --test-coverage-exclude --test-coverage-lines --test-coverage-branches --test-coverage-functions --test-global-setup --watch-path --disable-warning --stack-size --title --experimental-config-file --localstorage-file',
  ),
  rspec: words(
    '-I -r --require -O --options -e --example -E --example-matches -t --tag -f --format -o --out --order --seed --default-path --pattern --exclude-pattern --only-failures-count --failure-exit-code --error-exit-code -P',
  ),
  // rails test's and minitest's own: `-n NAME`, `-e ENV`, `--seed N`.
  minitest: words('-n --name -e --environment -s --seed -v --exclude -x'),
  phpunit: words(
    '-c --configuration --bootstrap --filter --group --exclude-group --testsuite --exclude-testsuite --test-suffix --covers --uses --log-junit --log-teamcity --testdox-html --testdox-text --testdox-xml --coverage-clover --coverage-cobertura --coverage-crap4j --coverage-html --coverage-php --coverage-text --coverage-xml --coverage-filter --path-coverage --cache-directory --cache-result-file --colors --columns --printer --include-path -d --order-by --random-order-seed --repeat --extension --generate-baseline --use-baseline',
  ),
};
