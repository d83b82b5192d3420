// Git hook managers run the commands their configs hold: lint-staged (what
// husky's pre-commit usually runs) each glob's commands, pre-commit the hooks
// it installs on the same line and those `try-repo` tries, lefthook its
// `scripts:` files and the configs `extends:` names. Each was allowed unread.
// Real files, the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const judged = (files: Record<string, string>, commands: readonly string[], expect: 'gate' | 'allow', git = true) =>
  judgedOnDisk('ag-hookmanagers-', files, commands, expect, { git });

const WIPE = 'rm -rf ~/notes';
const HUSKY = {
  '.husky/pre-commit': 'npx lint-staged\n',
  '.git/config': '[core]\n\thooksPath = .husky/_\n',
  '.husky/_/pre-commit': '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n',
};
const PKG = (extra = '') =>
  `{"name":"x","scripts":{"prepare":"husky"},"devDependencies":{"husky":"^9","lint-staged":"^15"}${extra}}`;
const LINT = ['git commit -m x', 'npx lint-staged', 'lint-staged --verbose'];

test('lint-staged runs the commands of its config, through husky at a commit too', () => {
  judged({ ...HUSKY, 'package.json': PKG(`,"lint-staged":{"*.c":"${WIPE}"}`) }, LINT, 'gate');
  judged({ ...HUSKY, 'package.json': PKG(), '.lintstagedrc': `{"*.c": ["eslint --fix", "${WIPE}"]}` }, LINT, 'gate');
  judged(
    { ...HUSKY, 'package.json': PKG(), '.lintstagedrc': `"*.c":\n  - prettier --write\n  - ${WIPE}\n` },
    LINT,
    'gate',
  );
  judged({ ...HUSKY, 'package.json': PKG(), '.lintstagedrc.json': `{"*.c": "${WIPE}"}` }, LINT, 'gate');
  for (const name of ['lint-staged.config.js', 'lint-staged.config.mjs'])
    judged(
      {
        ...HUSKY,
        'package.json': PKG(),
        [name]: `// tasks\nexport default {\n  '*.ts': ['eslint --fix'],\n  "*.c": \`${WIPE}\`,\n};\n`,
      },
      LINT,
      'gate',
    );
  judged({ 'ci/ls.json': `{"*": "${WIPE}"}` }, ['lint-staged -c ci/ls.json'], 'gate');
});

test('a lint-staged config made by code asks; plain ones and other commands stay quiet', () => {
  judged(
    {
      ...HUSKY,
      'package.json': PKG(),
      'lint-staged.config.js': "module.exports = {\n  '*.ts': () => 'tsc -p .',\n};\n",
    },
    ['git commit -m x', 'npx lint-staged'],
    'gate',
  );
  const plain = {
    ...HUSKY,
    'package.json': PKG(),
    '.lintstagedrc.json': '{"*.{ts,tsx}": ["eslint --fix", "prettier --write"], "*.md": "prettier --write"}',
  };
  judged(plain, [...LINT, 'git status', 'git commit --no-verify -m x', 'npx lint-staged --help', 'git log'], 'allow');
  judged(
    { ...HUSKY, 'package.json': PKG(), 'lint-staged.config.mjs': "export default {\n  '*.ts': 'eslint --fix',\n};\n" },
    LINT,
    'allow',
  );
  judged({ ...HUSKY, 'package.json': PKG() }, LINT, 'allow');
});

const LOCAL_HOOK = (entry: string) =>
  `repos:\n  - repo: local\n    hooks:\n      - id: clean\n        name: clean\n        entry: ${entry}\n        language: system\n`;

test('pre-commit: the hooks an install writes run at a commit on the same line; try-repo runs the tried hooks', () => {
  judged(
    { '.pre-commit-config.yaml': LOCAL_HOOK(WIPE) },
    ['pre-commit install && git commit -am wip', 'pre-commit install; git commit -m x', 'pre-commit run --all-files'],
    'gate',
  );
  judged(
    { '.pre-commit-config.yaml': `default_install_hook_types: [pre-push]\n${LOCAL_HOOK(WIPE)}` },
    ['pre-commit install && git push'],
    'gate',
  );
  judged(
    { '.pre-commit-hooks.yaml': `- id: clean\n  name: clean\n  entry: ${WIPE}\n  language: system\n` },
    ['pre-commit try-repo . clean --all-files', 'pre-commit try-repo --ref main . clean'],
    'gate',
  );
  judged({}, ['pre-commit try-repo https://example.com/hooks.git'], 'gate');
  const ordinary = 'repos:\n  - repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks:\n      - id: black\n';
  judged(
    {
      '.pre-commit-config.yaml': ordinary,
      '.pre-commit-hooks.yaml': '- id: fmt\n  name: fmt\n  entry: black\n  language: python\n',
    },
    [
      'pre-commit install && git commit -am wip',
      'pre-commit install -t pre-push && git push',
      'pre-commit try-repo . fmt --all-files',
      'pre-commit run --all-files',
      'pre-commit autoupdate',
      'git commit -m x',
    ],
    'allow',
  );
});

const RUNS = ['lefthook run pre-commit', 'lefthook install && git commit -m x', 'npx lefthook run pre-commit'];

test('lefthook runs its scripts and the configs extends names', () => {
  judged(
    {
      'lefthook.yml': 'pre-commit:\n  scripts:\n    "clean.sh":\n      runner: bash\n',
      '.lefthook/pre-commit/clean.sh': `${WIPE}\n`,
    },
    RUNS,
    'gate',
  );
  judged(
    {
      'lefthook.yml': 'pre-commit:\n  scripts:\n    clean.sh: {}\n',
      '.lefthook/pre-commit/clean.sh': `#!/bin/sh\n${WIPE}\n`,
    },
    RUNS,
    'gate',
  );
  for (const extend of ['extends:\n  - ./more/lefthook.yml\n', 'extends: [more/lefthook.yml]\n'])
    judged(
      { 'lefthook.yml': extend, 'more/lefthook.yml': `pre-commit:\n  commands:\n    x:\n      run: ${WIPE}\n` },
      RUNS,
      'gate',
    );
  judged({ 'lefthook.yml': 'extends:\n  - ./configs/*.yml\n' }, ['lefthook run pre-commit'], 'gate');
  judged(
    {
      'lefthook.yml':
        'extends:\n  - more/lefthook.yml\npre-commit:\n  parallel: true\n  commands:\n    lint:\n      glob: "*.ts"\n      run: npx eslint {staged_files}\n  scripts:\n    "check.sh":\n      runner: bash\n',
      '.lefthook/pre-commit/check.sh': 'npx tsc --noEmit\n',
      'more/lefthook.yml': 'pre-push:\n  commands:\n    test:\n      run: npm test\n',
    },
    [...RUNS, 'lefthook version', 'git status'],
    'allow',
  );
});
