// just evaluates a justfile's backtick assignments whenever it runs, a recipe's
// `{{ `…` }}` and `{{ shell('…') }}` when that recipe does; imports and modules
// bring recipes in; `-f`, `-d` and a path before the recipe pick the justfile;
// recipes run in the justfile's folder. Each was allowed unread. Real files,
// the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../support/engineHarness';

const judged = (files: Record<string, string>, commands: readonly string[], expect: 'gate' | 'allow') =>
  judgedOnDisk('ag-justfiles-', files, commands, expect);

const WIPE = 'rm -rf ~/notes';
const CLEAN = `clean:\n    ${WIPE}\n`;

test('backticks and shell() run when the justfile or the recipe is evaluated', () => {
  for (const assign of ['x := `' + WIPE + '`', 'export x := `' + WIPE + '`', `x := shell('${WIPE}')`])
    judged(
      { justfile: `${assign}\nbuild:\n    echo hi\n` },
      ['just build', 'just', 'just -n build', 'just --evaluate'],
      'gate',
    );
  for (const expr of ['`' + WIPE + '`', `shell('${WIPE}')`])
    judged({ justfile: `build:\n    echo {{ ${expr} }}\n` }, ['just build'], 'gate');
});

test('imports, modules, -f, -d and a path before the recipe pick the recipes that run', () => {
  judged({ justfile: "import 'other.just'\nbuild:\n    echo hi\n", 'other.just': CLEAN }, ['just clean'], 'gate');
  judged(
    { justfile: 'mod sub\nbuild:\n    echo hi\n', 'sub.just': CLEAN },
    ['just sub clean', 'just sub::clean'],
    'gate',
  );
  judged({ justfile: 'mod sub\n', 'sub/mod.just': CLEAN }, ['just sub clean'], 'gate');
  judged({ justfile: 'mod sub\n', 'sub/justfile': CLEAN }, ['just sub::clean'], 'gate');
  judged(
    { 'sub/justfile': CLEAN },
    [
      'just -f sub/justfile clean',
      'just --justfile sub/justfile clean',
      'just --justfile=sub/justfile clean',
      'just sub/clean',
      'just -d sub -f sub/justfile clean',
    ],
    'gate',
  );
  judged({ justfile: "import 'missing.just'\nbuild:\n    echo hi\n" }, ['just build'], 'gate');
});

test('a recipe runs in the justfile folder unless [no-cd]', () => {
  // From src/, `../x.txt` is a workspace file; from the justfile's folder, the workspace root, it is outside.
  const justfile = 'clean:\n    rm -f ../x.txt\n\n[no-cd]\nnear:\n    rm -f ../x.txt\n';
  judged({ justfile, 'src/a.txt': '' }, ['cd src && just clean', 'just clean'], 'gate');
  judged({ justfile, 'src/a.txt': '' }, ['cd src && just near'], 'allow');
  judged({ justfile: "set working-directory := 'src'\nclean:\n    rm -f ../../x.txt\n" }, ['just clean'], 'gate');
});

test('everyday justfiles stay quiet', () => {
  const justfile = [
    'set dotenv-load',
    'version := `git describe --tags`',
    'alias b := build',
    '',
    'build *ARGS:',
    '    cargo build {{ARGS}}',
    '',
    'test: build',
    '    cargo test',
    '',
    '[no-cd]',
    'fmt:',
    '    cargo fmt',
    '',
    "import? 'local.just'",
    'mod? extra',
    '',
    'deploy env="dev":',
    '    echo {{ `date +%s` }} {{ env }}',
  ].join('\n');
  judged(
    { justfile, 'docs/justfile': 'serve:\n    mdbook serve\n' },
    [
      'just',
      'just build',
      'just test',
      'just b --release',
      'just fmt',
      'just deploy prod',
      'just --list',
      'just -n test',
      'just --evaluate',
      'just docs/serve',
      'just -f docs/justfile serve',
      'cd src && just test',
    ],
    'allow',
  );
});
