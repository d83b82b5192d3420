// One ecosystem's build or tool output (`dist-newstyle`, `.bloop`, `.cxx`,
// `.aws-sam`) and any folder named as a cache (`.phpunit.cache`,
// `.terragrunt-cache`) is output where the repository's .gitignore ignores it;
// the same names it does not ignore, and ignored folders of state or settings
// (`.idea`, `.vagrant`, `.pulumi`), still ask.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const NAMES = [
  'dist-newstyle',
  '.bloop',
  '.metals',
  '.cxx',
  '.aws-sam',
  '.pio',
  '.godot',
  '.phpunit.cache',
  '.jekyll-cache',
  '.terragrunt-cache',
  'ccls_cache',
];
const KEPT = ['.idea', '.vagrant', '.pulumi', 'snapshots'];

function tree(ignored: readonly string[]): Record<string, string> {
  const files: Record<string, string> = { 'src/main.c': 'int main(void) { return 0; }\n' };
  for (const n of [...NAMES, ...KEPT]) files[`${n}/state.bin`] = 'x\n';
  files['android/app/.cxx/Debug/build.ninja'] = 'x\n';
  files['.gitignore'] = ignored.map((n) => `${n}/\n`).join('');
  return files;
}

test('a tool output or cache folder the repository ignores is output: allowed', () => {
  judgedOnDisk(
    'ag-toolout-',
    tree(NAMES),
    [...NAMES.map((n) => `rm -rf ${n}`), 'rm -rf android/app/.cxx', 'rm -rf .bloop .metals && sbt compile'],
    'allow',
    { git: true },
  );
});

test('the same names not ignored, and ignored folders of state or settings, still ask', () => {
  judgedOnDisk(
    'ag-toolout-',
    tree([]),
    NAMES.map((n) => `rm -rf ${n}`),
    'gate',
    { git: true },
  );
  judgedOnDisk(
    'ag-toolout-',
    tree([...NAMES, ...KEPT]),
    [...KEPT.map((n) => `rm -rf ${n}`), 'rm -rf dist-newstyle src', 'echo src >> .gitignore && rm -rf src'],
    'gate',
    { git: true },
  );
});
