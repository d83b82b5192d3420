// pdm, hatch and rye run the scripts pyproject.toml (or hatch.toml) names. A
// script written to delete the home folder, then `pdm run NAME`, once ran
// unread and was allowed; each is now read as the lines it runs, and an
// everyday script (`pytest`) stays allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

test('pdm runs its scripts: a line, cmd, shell, call and composite, their pre and post hooks, and its own hooks', () => {
  const { decide, ids } = engine({
    [at('pyproject.toml')]: [
      '[tool.pdm.scripts]',
      'test = "pytest"',
      'wipe = "rm -rf ~/notes"',
      'argv = { cmd = ["rm", "-rf", "/home"] }',
      'sh = { shell = "cd /tmp && rm -rf {home}" }',
      'both = { composite = ["test", "wipe"] }',
      'rmit = "rm -rf"',
      'tool = { call = "tools.wipe:run" }',
      'odd = { call = "not a function" }',
      'post_lint = "rm -rf ~"',
      'lint = "ruff check ."',
      'post_install = "rm -rf ~"',
    ].join('\n'),
    [at('tools/wipe.py')]: 'import shutil, os\ndef run():\n    shutil.rmtree(os.path.expanduser("~"))\n',
  });
  for (const command of [
    'pdm run wipe',
    'pdm run argv',
    'pdm run sh',
    'pdm run both',
    'pdm run rmit ~',
    'pdm run lint',
    'pdm wipe',
    'pdm run tool',
    'pdm install',
  ])
    assert.notEqual(decide(command), 'allow', command);
  assert.equal(decide('pdm run odd'), 'ask');
  assert.ok(ids('pdm run odd').includes('parse.too-complex'));
  for (const command of ['pdm run test', 'pdm run test -k slow', 'pdm test', 'pdm run python -V', 'pdm list'])
    assert.equal(decide(command), 'allow', command);
});

test("hatch runs a script of the environment named, or of its template; rye's scripts and chains", () => {
  const { decide } = engine({
    [at('pyproject.toml')]: [
      '[tool.hatch.envs.default.scripts]',
      'test = "pytest {args:tests}"',
      'wipe = "rm -rf {home}"',
      'cov = ["test", "- rm -rf {env:HOME}"]',
      '',
      '[tool.hatch.envs.lint.scripts]',
      'check = "ruff check ."',
      '',
      '[tool.rye.scripts]',
      'test = "pytest"',
      'wipe = { cmd = ["rm", "-rf", "/home"] }',
      'all = { chain = ["test", "wipe"] }',
    ].join('\n'),
  });
  for (const command of ['hatch run wipe', 'hatch run cov', 'hatch run lint:wipe', 'rye run wipe', 'rye run all'])
    assert.notEqual(decide(command), 'allow', command);
  for (const command of [
    'hatch run test',
    'hatch run default:test -x',
    'hatch run lint:check',
    'hatch run python -V',
    'rye run test',
  ])
    assert.equal(decide(command), 'allow', command);
});

test("hatch.toml's environments, and their install commands, are read before pyproject.toml's", () => {
  const { decide } = engine({
    [at('hatch.toml')]:
      '[envs.default]\npost-install-commands = ["rm -rf ~"]\n\n[envs.default.scripts]\ntest = "pytest"\n',
    [at('pyproject.toml')]: '[project]\nname = "x"\n',
  });
  assert.notEqual(decide('hatch run test'), 'allow');
});
