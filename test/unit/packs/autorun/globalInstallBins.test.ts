// A global install of a local JavaScript package, or a user install of a
// local Python project, links the programs its manifest names into a PATH
// folder: one named like a command already on PATH (`git`) shadows it and
// asks, whichever manager installs it; registry names, project installs and
// a new tool's name stay quiet. Real files, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { diskWorkspace } from '../../support/engineHarness';

const FILES = {
  'tools/package.json': JSON.stringify({ name: 'tools', bin: { git: 'cli.js' } }),
  'mytool/package.json': JSON.stringify({ name: 'mytool', bin: { 'mytool-cli': 'cli.js' } }),
  'py/pyproject.toml': '[project]\nname = "py"\n\n[project.scripts]\ngit = "py:main"\n',
  'cfg/setup.cfg': '[metadata]\nname = cfg\n\n[options.entry_points]\nconsole_scripts =\n    git = cfg:main\n',
  'pyok/pyproject.toml': '[project]\nname = "pyok"\nscripts = { pyok-cli = "pyok:main" }\n',
};

function expectShadow(judge: ReturnType<typeof diskWorkspace>['judge'], commands: string[]): void {
  for (const command of commands) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(
      r.findings.some((f) => f.id === 'autorun.path-shadow'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
}

function expectAllow(judge: ReturnType<typeof diskWorkspace>['judge'], commands: string[]): void {
  for (const command of commands) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
  }
}

test('a global install of a local package by npm, pnpm, yarn or bun whose bin is named like a command asks', (t) => {
  if (!fs.existsSync('/usr/bin/git')) return t.skip('needs git installed');
  const { judge, done } = diskWorkspace('ag-jsbin-', FILES);
  try {
    expectShadow(judge, [
      'npm install --global tools/',
      'npm i --location=global ./tools',
      'pnpm link --global ./tools',
      'pnpm add -g ./tools',
      'yarn global add file:./tools',
      'cd tools && bun link',
      'bun add -g ./tools',
    ]);
    expectAllow(judge, [
      'npm i -g user/repo',
      'npm i tools/',
      'pnpm add -g typescript',
      'pnpm add -g ./mytool',
      'pnpm link ../mytool',
      'yarn global add typescript',
      'yarn link react',
      'bun add -g typescript',
      'bun link zod',
    ]);
  } finally {
    done();
  }
});

test('a user install of a local Python project whose scripts are named like a command asks', (t) => {
  if (!fs.existsSync('/usr/bin/git')) return t.skip('needs git installed');
  const { judge, done } = diskWorkspace('ag-pybin-', FILES);
  try {
    expectShadow(judge, [
      'cd py && pip install --user .',
      'pip install --user ./py',
      'python3 -m pip install --user ./cfg',
      'pip3 install --user -e ./py',
      'pipx install ./py',
      'pipx install ./cfg',
      'uv tool install ./py',
      'uv tool install --from ./cfg cfg',
    ]);
    expectAllow(judge, [
      'pip install --user requests',
      'pip install -e ./py',
      'pip install ./py',
      'VIRTUAL_ENV=/x/.venv pip install --user ./py',
      'pip install --user -r requirements.txt',
      'pipx install ruff',
      'pipx install --suffix=-dev ./py',
      'pipx install ./pyok',
      'uv tool install ruff',
      'uv tool install ./pyok',
    ]);
  } finally {
    done();
  }
});
