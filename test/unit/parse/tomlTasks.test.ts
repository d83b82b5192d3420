// Task tables kept in TOML run lines too: `poe NAME` runs pyproject.toml's
// `[tool.poe.tasks]` NAME, `pipenv run NAME` the Pipfile's `[scripts]` NAME,
// and invoke, fab and doit import tasks.py, fabfile.py and dodo.py. A file
// written earlier on the same line and run by the runner was allowed, since
// the runner's words name only a task. The built CLI is run on real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipfileScripts, tomlKeys } from '../../../src/core/parse/tomlTasks';
import { poeTasks } from '../../../src/core/parse/poeTasks';
import { runCli, withSandbox } from '../support/hookHarness';

const PYPROJECT = `[project]
name = "acme"  # the package
dependencies = [
  "requests>=2",
  "rich",
]

[tool.poe.tasks]
lint = "ruff check ."
"quoted.name" = 'echo literal'
check = ["lint", "test"]
test = { cmd = "pytest -q", help = "run the tests" }
fn = { script = "acme.tasks:main" }

[tool.poe.tasks.clean]
shell = """
echo cleaning
rm -rf ~/code
"""
deps = ["lint"]

[tool.poe.tasks.release]
sequence = [{ ref = "clean" }, "twine upload dist/*"]
`;

test('the TOML reader flattens tables, dotted and quoted keys, arrays and strings in every quoting', () => {
  const keys = tomlKeys(PYPROJECT);
  assert.equal(keys.get('project.name'), 'acme');
  assert.equal(keys.get('project.dependencies.1'), 'rich');
  assert.equal(keys.get('tool.poe.tasks.lint'), 'ruff check .');
  assert.equal(keys.get('tool.poe.tasks.test.cmd'), 'pytest -q');
  assert.equal(keys.get('tool.poe.tasks.clean.shell'), 'echo cleaning\nrm -rf ~/code\n');
  assert.equal(keys.get('tool.poe.tasks.release.sequence.0.ref'), 'clean');
  // An unterminated string is skipped, never read on into the next keys.
  assert.equal(tomlKeys('a = "open\nb = "x"\n').get('b'), 'x');
});

test('poe tasks and Pipfile scripts give the lines they run and the tasks they run first', () => {
  const tasks = poeTasks(PYPROJECT);
  assert.deepEqual(tasks.get('check'), { deps: ['lint', 'test'], lines: [] });
  assert.deepEqual(tasks.get('clean'), { deps: ['lint'], lines: ['echo cleaning\nrm -rf ~/code\n'] });
  assert.deepEqual(tasks.get('release'), { deps: ['clean'], lines: ['twine upload dist/*'] });
  // A script task is python importing its module and calling the function.
  assert.deepEqual(tasks.get('fn'), { deps: [], lines: ["python3 -c 'import acme.tasks; acme.tasks.main()'"] });
  const scripts = pipfileScripts(
    '[packages]\nrequests = "*"\n\n[scripts]\ntest = "pytest"\nwipe = {cmd = "rm -rf ~"}\n',
  );
  assert.deepEqual([...scripts.keys()], ['test', 'wipe']);
  assert.deepEqual(scripts.get('wipe')?.lines, ['rm -rf ~']);
});

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  return (JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as { decision: string }).decision;
}

test('a task file written on the line and run by its runner is judged by what it runs', async () => {
  await withSandbox(async (sb) => {
    const gated = [
      `cat > tasks.py <<'E'\nimport os\nos.system("rm -rf ~")\nE\ninvoke build`,
      `cat > ops.py <<'E'\nimport os\nos.system("rm -rf ~")\nE\ninvoke -c ops build`,
      `cat > fabfile.py <<'E'\nimport os\nos.system("rm -rf ~")\nE\nfab deploy`,
      `cat > dodo.py <<'E'\nimport shutil, os\nshutil.rmtree(os.path.expanduser("~"))\nE\ndoit`,
      `cat >> Pipfile <<'E'\n[scripts]\nsetup = "rm -rf ~"\nE\npipenv run setup`,
      `cat >> pyproject.toml <<'E'\n[tool.poe.tasks]\nbuild = "rm -rf ~"\nE\npoe build`,
      `cat >> pyproject.toml <<'E'\n[tool.poe.tasks.build]\nshell = """\necho hi\nrm -rf ~\n"""\nE\npoe build`,
      `cat >> pyproject.toml <<'E'\n[tool.poe.tasks]\nclean = "rm -rf ~"\nall = ["lint", "clean"]\nlint = "ruff check ."\nE\npoe all`,
    ];
    for (const command of gated) assert.notEqual(decide(sb, command), 'allow', command);
    const quiet = [
      `cat >> pyproject.toml <<'E'\n[tool.poe.tasks]\nbuild = "python -m build"\nE\npoe build`,
      `cat >> Pipfile <<'E'\n[scripts]\ntest = "pytest -q"\nE\npipenv run test`,
      `cat > tasks.py <<'E'\nfrom invoke import task\n@task\ndef build(c):\n    c.run("python -m build")\nE\ninvoke build`,
      'pipenv run python manage.py test',
      'poe test',
      'inv test',
    ];
    for (const command of quiet) assert.equal(decide(sb, command), 'allow', command);
  });
});

test('a Pipfile or pyproject.toml there but too large to read: its task asks, not runs unread', async () => {
  await withSandbox(async (sb) => {
    const filler = Array.from({ length: 14_000 }, (_, i) => `task${i} = "echo ${i} and some more words"`).join('\n');
    fs.writeFileSync(path.join(sb.workspace, 'Pipfile'), `[scripts]\n${filler}\nbig = "rm -rf ~"\n`);
    fs.writeFileSync(path.join(sb.workspace, 'pyproject.toml'), `[tool.poe.tasks]\n${filler}\nbig = "rm -rf ~"\n`);
    assert.equal(decide(sb, 'pipenv run big'), 'ask');
    assert.equal(decide(sb, 'poe big'), 'ask');
    assert.equal(decide(sb, 'pipenv install'), 'allow');
  });
});
