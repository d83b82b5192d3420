// Task runners told to work from another folder read that folder's task file
// (runnerFolders.ts): `composer -d DIR`, `pdm -p DIR`, `poe -C DIR`, `invoke
// -r DIR`, `mise -C DIR`, `cargo make --cwd DIR`, `deno task --config
// DIR/deno.json`, `nox -f DIR/noxfile.py`, `deno task --cwd DIR`. The tasks judged are the ones that run, as for `cd DIR &&
// …`; a folder known only at run time asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const OTHER = `${HOME}/code/billing`;

/** Every runner's `clean` task in one folder: `body` for each. */
function taskFiles(dir: string, body: string): Record<string, string> {
  return {
    [`${dir}/composer.json`]: JSON.stringify({ scripts: { clean: body } }),
    [`${dir}/pyproject.toml`]: `[tool.pdm.scripts]\nclean = "${body}"\n\n[tool.poe.tasks]\nclean = "${body}"\n`,
    [`${dir}/tasks.py`]: `from invoke import task\n\n@task\ndef clean(c):\n    c.run("${body}")\n`,
    [`${dir}/mise.toml`]: `[tasks.clean]\nrun = "${body}"\n`,
    [`${dir}/Makefile.toml`]: `[tasks.clean]\nscript = "${body}"\n`,
    [`${dir}/deno.json`]: JSON.stringify({ tasks: { clean: body } }),
    [`${dir}/noxfile.py`]: `import nox\n\n@nox.session\ndef clean(session):\n    session.run("sh", "-c", "${body}")\n`,
  };
}

const FORMS = [
  'composer -d ../billing run-script clean',
  'composer --working-dir=../billing clean',
  'composer run-script clean -d ../billing',
  'pdm -p ../billing run clean',
  'pdm run -p ../billing clean',
  'poe -C ../billing clean',
  'poe --root ../billing clean',
  'invoke --search-root ../billing clean',
  'inv -r ../billing clean',
  'mise -C ../billing run clean',
  'mise run --cd ../billing clean',
  'cargo make --cwd ../billing clean',
  'makers --cwd ../billing clean',
  'deno task --config ../billing/deno.json clean',
  'nox -f ../billing/noxfile.py -s clean',
  'nox -s clean --noxfile=../billing/noxfile.py',
];

test("another folder's task is judged where the runner reads it", () => {
  const e = engine({ ...taskFiles(WORKSPACE, 'rm -rf dist'), ...taskFiles(OTHER, `rm -rf ${HOME}/notes`) });
  for (const c of FORMS) assert.notEqual(e.decide(c), 'allow', c);
  // The same calls in the working directory run its harmless tasks.
  for (const c of [
    'composer clean',
    'pdm run clean',
    'poe clean',
    'invoke clean',
    'mise run clean',
    'makers clean',
    'nox -s clean',
  ])
    assert.equal(e.decide(c), 'allow', c);
});

test("the working directory's task is not judged in its place", () => {
  const e = engine({ ...taskFiles(WORKSPACE, `rm -rf ${HOME}/notes`), ...taskFiles(OTHER, 'echo clean') });
  for (const c of FORMS) assert.equal(e.decide(c), 'allow', c);
  // An option after the task's name is the task's own: the runner reads the working directory's task.
  assert.notEqual(e.decide('poe clean -C ../billing'), 'allow');
});

test('a folder known only at run time, or a task file of another name, asks', () => {
  const e = engine(taskFiles(OTHER, 'echo clean'));
  for (const c of [
    'poe -C "$DIR" clean',
    'mise -C "$(cat dir.txt)" run clean',
    'npm --prefix "$DIR" run clean',
    'deno task --config ../billing/tasks.json clean',
    'nox -f ../billing/ci.py -s clean',
  ])
    assert.ok(e.ids(c).includes('parse.too-complex'), c);
});

test("deno's --cwd runs this folder's task in another: its relative paths lead there", () => {
  const e = engine({ [`${WORKSPACE}/deno.json`]: JSON.stringify({ tasks: { clean: 'rm -f todo.txt' } }) });
  assert.equal(e.decide('deno task clean'), 'allow');
  assert.equal(e.decide('deno task --cwd src clean'), 'allow');
  for (const c of ['deno task --cwd ~ clean', 'deno task --cwd=../billing clean'])
    assert.ok(e.ids(c).includes('fs.rm-outside-workspace'), `${c}: ${e.ids(c).join()}`);
  assert.ok(e.ids('deno task --cwd "$D" clean').includes('parse.too-complex'));
});

test('nx exec runs the command after -- as written', () => {
  const e = engine();
  assert.equal(e.decide('nx exec -- rm -rf ~'), 'deny');
  assert.equal(e.decide('npx nx exec --projects app -- rm -rf ~'), 'deny');
  assert.equal(e.decide('nx exec -- ls -la'), 'allow');
});
