// The command lines tox and lefthook run, read out of their configuration text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lefthookCommands, MAX_PROJECT_COMMANDS, toxCommands } from '../../../src/core/parse/projectCommands';

test("tox's commands: continued lines, every section, its replacements, the TOML form", () => {
  const ini =
    '[tox]\nenvlist = py3\n\n[testenv]\ndeps = pytest\ncommands =\n    pytest {posargs:tests}\n    - rm -rf {envtmpdir}/cache\ncommands_pre = python -c "print(1)"\n\n[testenv:lint]\ncommands = ruff check {toxinidir}/src\n';
  assert.deepEqual(toxCommands(ini).commands, [
    'pytest tests',
    'rm -rf .tox/tmp/cache',
    'python -c "print(1)"',
    'ruff check ./src',
  ]);
  const toml = '[tool.tox.env_run_base]\ncommands = [\n  ["pytest", "-q"],\n  ["sh", "-c", "rm -rf ~"],\n]\n';
  assert.deepEqual(toxCommands(toml).commands, ['pytest -q', "sh -c 'rm -rf ~'"]);
  const many = `[testenv]\ncommands =\n${'    pytest\n'.repeat(MAX_PROJECT_COMMANDS + 1)}`;
  assert.equal(toxCommands(many).pastBound, true);
  assert.equal(toxCommands(ini).pastBound, false);
});

test("lefthook's run lines: plain, quoted and block values", () => {
  const yml =
    'pre-commit:\n  parallel: true\n  commands:\n    lint:\n      glob: "*.js"\n      run: npx eslint {staged_files}\n    fmt:\n      run: "npx prettier --check ."\n    wipe:\n      run: |\n        echo a\n        rm -rf ~\n    tidy:\n      run: >\n        cargo\n        fmt\npre-push:\n  commands:\n    t:\n      run: npm test\n';
  assert.deepEqual(lefthookCommands(yml).commands, [
    'npx eslint {staged_files}',
    'npx prettier --check .',
    'echo a\nrm -rf ~',
    'cargo fmt',
    'npm test',
  ]);
});
