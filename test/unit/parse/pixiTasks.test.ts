// pixi's tasks read like poe's and mise's: `pixi run NAME` runs the lines of a
// task of pixi.toml (or pyproject.toml's `[tool.pixi]`), after its depends-on,
// in every feature's and platform's table; a name that is no task runs as a
// line of pixi's shell. Before, each call was judged as a program named NAME
// and allowed whatever the task held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { pixiTasks } from '../../../src/core/parse/pixiTasks';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

const PIXI = [
  '[workspace]',
  'channels = ["conda-forge"]',
  '[tasks]',
  'wipe = "rm -rf ~/code"',
  'test = "pytest"',
  'build = "echo build"',
  'start = { cmd = "python app.py", depends-on = ["build"] }',
  'chain = { cmd = "echo hi", depends-on = ["wipe"] }',
  'words = { cmd = ["rm", "-rf", "~/code"] }',
  'rmdir = "rm -rf"',
  '[feature.dev.tasks]',
  'fwipe = "rm -rf ~/code"',
  '[target.linux-64.tasks]',
  'twipe = { cmd = "rm -rf ~/code" }',
  '',
].join('\n');

test('a pixi task that deletes outside the workspace is judged as the lines it runs', () => {
  const { decide } = engine({ [at('pixi.toml')]: PIXI });
  for (const command of [
    'pixi run wipe',
    'pixi r wipe',
    'pixi run chain',
    'pixi run words',
    'pixi run fwipe',
    'pixi run twipe',
    'pixi run -e dev wipe',
    'pixi run --environment dev fwipe',
    'pixi run --manifest-path pixi.toml wipe',
    'pixi run rmdir ~/code',
    'pixi run wipe -x',
    "pixi run 'rm -rf ~/code'",
    "pixi run 'A=1 rm -rf ~/code'",
  ]) {
    assert.notEqual(decide(command), 'allow', command);
  }
  for (const command of [
    'pixi run test',
    'pixi run start',
    'pixi run test -k slow',
    'pixi run python app.py',
    'pixi install',
    'pixi add numpy',
    'pixi shell',
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});

test("pyproject.toml's pixi tasks are read when there is no pixi.toml", () => {
  const { decide } = engine({
    [at('pyproject.toml')]: '[project]\nname = "x"\n[tool.pixi.tasks]\nwipe = "rm -rf ~/code"\ntest = "pytest"\n',
  });
  assert.notEqual(decide('pixi run wipe'), 'allow');
  assert.equal(decide('pixi run test'), 'allow');
});

test('a pixi.toml too large to read asks', () => {
  const big = '[tasks]\n' + 'x = "echo x"\n'.repeat(50_000);
  const { decide } = engine({ [at('pixi.toml')]: big });
  assert.notEqual(decide('pixi run x'), 'allow');
});

test('the reader: tasks of every table, their depends-on and the folder each runs in', () => {
  const tasks = pixiTasks(PIXI + 'sub = { cmd = "ls", cwd = "sub", depends_on = [{ task = "build" }] }\n', false, '/w');
  assert.deepEqual(tasks.get('start')?.deps, ['build']);
  assert.deepEqual(tasks.get('words')?.lines.slice(1), ["rm -rf '~/code'", 'rm -rf ~/code']);
  assert.deepEqual(tasks.get('twipe')?.lines.slice(1), ['rm -rf ~/code']);
  assert.deepEqual(tasks.get('sub')?.deps, ['build']);
  assert.equal(tasks.get('sub')?.lines[0].slice(1), '/w/sub');
});
