// Test and build runners load project files as code: pytest its conftest.py,
// jest its jest.config.js, vite its vite.config.ts, nox its noxfile.py. A file
// written to delete the home folder, then `pytest`, once ran unread and was
// allowed; the runner's files are now read as the script it runs. Real files
// on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SCRIPT_CHARS } from '../../../../src/core/parse/wrappers/common';
import { diskWorkspace } from '../../support/engineHarness';

function workspace(files: Record<string, string>) {
  return diskWorkspace('ag-runnerfiles-', files);
}

const PY_WIPE = 'import os\nos.system("rm -rf ~")\n';
const JS_WIPE = "const { execSync } = require('child_process');\nexecSync('rm -rf ~');\nmodule.exports = {};\n";

test('pytest reads the conftest.py files it loads, however it is started', () => {
  for (const conftest of ['conftest.py', 'tests/conftest.py', 'tests/unit/conftest.py']) {
    const { judge, done } = workspace({ [conftest]: PY_WIPE, 'tests/unit/test_a.py': 'def test_a():\n    pass\n' });
    try {
      const commands =
        conftest === 'tests/unit/conftest.py'
          ? ['pytest tests/unit', 'pytest tests/unit/test_a.py::test_a', 'python -m pytest -q tests/unit/']
          : ['pytest', 'py.test -x', 'python -m pytest', 'python3 -m pytest -q', 'uv run pytest'];
      for (const command of commands) assert.notEqual(judge(command).decision, 'allow', `${conftest}: ${command}`);
    } finally {
      done();
    }
  }
});

test('jest, vite, nox and rake read their config files, through npx, pnpm exec and package.json scripts', () => {
  const { judge, done } = workspace({
    'jest.config.js': JS_WIPE,
    'vite.config.ts': `import { execSync } from 'child_process';\nexecSync('rm -rf ~');\nexport default {};\n`,
    'noxfile.py': PY_WIPE,
    Rakefile: 'task :default do\n  sh "rm -rf ~"\nend\n',
    'package.json': JSON.stringify({ scripts: { test: 'jest', build: 'vite build' } }),
  });
  try {
    for (const command of [
      'jest',
      'npx jest',
      'pnpm exec jest --ci',
      'bunx jest',
      'npm test',
      'npx vite build',
      'npx vitest run',
      'npm run build',
      'nox',
      'python -m nox -s tests',
      'rake',
      'bundle exec rake test',
    ])
      assert.notEqual(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test("a Rakefile's bare FileUtils deletes and its CLEAN list are read as the deletes rake makes", () => {
  for (const rakefile of [
    'task :clean do\n  rm_rf "/home/u/notes"\nend\n',
    'task(:clean) { rm_r File.expand_path("~/notes") }\n',
    'require "rake/clean"\nCLEAN.include("build", "/home/u/notes")\n',
    'require "rake/clean"\nCLOBBER << "/home/u/notes"\n',
  ]) {
    const { judge, done } = workspace({ Rakefile: rakefile });
    try {
      for (const command of ['rake clean', 'bundle exec rake clean'])
        assert.notEqual(judge(command).decision, 'allow', `${rakefile}: ${command}`);
    } finally {
      done();
    }
  }
  const { judge, done } = workspace({
    Rakefile:
      'require "rake/clean"\nCLEAN.include("build")\ntask :test do\n  sh "echo testing"\nend\ntask :tidy do\n  rm_f "build/out.log"\nend\n',
  });
  try {
    for (const command of ['rake test', 'rake clean', 'rake tidy'])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test('a setup script a jest or vitest config names by path is read as the runner runs it', () => {
  const { judge, done } = workspace({
    'jest.config.js': "module.exports = { globalSetup: './test/global-setup.js' };\n",
    'test/global-setup.js': JS_WIPE,
    'vitest.config.ts': "export default { test: { setupFiles: ['<rootDir>/vitest.setup.ts'] } };\n",
    'vitest.setup.ts': JS_WIPE,
  });
  try {
    for (const command of ['npx jest', 'npx vitest run']) assert.notEqual(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test('the workspace plugins pytest loads by name are read as conftest.py is', () => {
  const { judge, done } = workspace({
    'conftest.py': 'pytest_plugins = [\n    "tests.fixtures.db",\n]\n',
    'tests/fixtures/db.py': PY_WIPE,
  });
  try {
    for (const command of ['pytest', 'python -m pytest -q']) assert.notEqual(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
  const named = workspace({ 'evil.py': PY_WIPE, 'pkg/plug/__init__.py': PY_WIPE });
  try {
    for (const command of ['pytest -p evil', 'pytest -ppkg.plug tests'])
      assert.notEqual(named.judge(command).decision, 'allow', command);
    assert.equal(named.judge('pytest -p no:cacheprovider').decision, 'allow');
  } finally {
    named.done();
  }
  // `addopts` in pytest's ini file is taken as if it were on the line.
  for (const [file, text] of [
    ['pytest.ini', '[pytest]\naddopts = -q -p evil\n'],
    ['pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-p evil"\n'],
    ['setup.cfg', '[tool:pytest]\naddopts =\n    -x\n    -p evil\n'],
  ]) {
    const ini = workspace({ 'evil.py': PY_WIPE, [file]: text });
    try {
      assert.notEqual(ini.judge('pytest').decision, 'allow', file);
    } finally {
      ini.done();
    }
  }
});

test('ordinary runner files stay allowed; a runner file past the read bound asks', () => {
  const { judge, done } = workspace({
    'conftest.py':
      'import os\nimport pytest\nfrom app import helpers\n\n@pytest.fixture\ndef client(tmp_path):\n    return helpers.make(tmp_path)\n',
    'app/__init__.py': '',
    'app/helpers.py': 'def make(p):\n    return p\n',
    'jest.config.js':
      "module.exports = { testEnvironment: 'node', roots: ['<rootDir>/src'], setupFiles: ['./jest.setup.js'] };\n",
    'jest.setup.js': "process.env.TZ = 'UTC';\n",
    'vitest.config.mts':
      "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ build: { lib: { entry: 'src/cli.ts' } }, test: {} });\n",
    'src/cli.ts': "import { rmSync } from 'fs';\nrmSync(process.argv[2], { recursive: true });\n",
    'package.json': JSON.stringify({ scripts: { test: 'jest' } }),
    Rakefile: "require 'rake/testtask'\nRake::TestTask.new(:test) { |t| t.libs << 'test' }\ntask default: :test\n",
  });
  try {
    for (const command of [
      'pytest',
      'python -m pytest -q',
      'npx jest',
      'npm test',
      'npx vitest run',
      'rake',
      'bundle exec rake',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
  const big = workspace({ 'conftest.py': '# padding\n'.repeat(Math.ceil((MAX_SCRIPT_CHARS + 1024) / 10)) });
  try {
    const r = big.judge('pytest');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex' && /conftest\.py/.test(f.summary)));
  } finally {
    big.done();
  }
});

test('a conftest.py that imports a large project is read alone: a test run does not ask past the import bound', () => {
  const files: Record<string, string> = {
    'conftest.py': 'import pytest\nfrom app import m0\n\n@pytest.fixture\ndef client():\n    return m0.make()\n',
    'app/__init__.py': '',
  };
  for (let i = 0; i < 80; i++) files[`app/m${i}.py`] = `from app import m${i + 1}\ndef make():\n    return 1\n`;
  const w = workspace(files);
  try {
    for (const command of ['pytest', 'pytest -x tests', 'python -m pytest']) {
      const r = w.judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    w.done();
  }
});

test('test folders, plugins and setup scripts past what is read ask; many tests in one folder do not', () => {
  const files: Record<string, string> = {
    'jest.config.js': `module.exports = { setupFiles: [${Array.from({ length: 17 }, (_, i) => `'./s${i}.js'`).join(', ')}] };\n`,
  };
  for (let i = 0; i < 17; i++) {
    files[`t${i}/conftest.py`] = 'import pytest\n';
    files[`s${i}.js`] = 'module.exports = {};\n';
  }
  files['t16/conftest.py'] = PY_WIPE;
  const w = workspace(files);
  try {
    const folders = Array.from({ length: 17 }, (_, i) => `t${i}`).join(' ');
    // t16/conftest.py is past the bound of named folders, and read anyway as pytest collects t16.
    const many = w.judge(`pytest ${folders}`);
    assert.notEqual(many.decision, 'allow', many.findings.map((f) => f.summary).join('; '));
    assert.ok(many.findings.some((f) => f.id === 'parse.too-complex'));
    const plugins = w.judge(`pytest ${Array.from({ length: 17 }, (_, i) => `-p p${i}`).join(' ')}`);
    assert.ok(plugins.findings.some((f) => f.id === 'parse.too-complex'));
    assert.ok(w.judge('npx jest').findings.some((f) => f.id === 'parse.too-complex'));
    const oneFolder = Array.from({ length: 40 }, (_, i) => `t0/test_${i}.py`).join(' ');
    assert.equal(w.judge(`pytest ${oneFolder}`).decision, 'allow');
  } finally {
    w.done();
  }
});

test("runner files an option or a folder points at: jest's package.json key, vite's root, rakelib, rake -f", () => {
  const { judge, done } = workspace({
    'package.json': JSON.stringify({ scripts: { test: 'jest' }, jest: { globalSetup: './test/setup.js' } }),
    'test/setup.js': JS_WIPE,
    'app/vite.config.ts': `import { execSync } from 'child_process';\nexecSync('rm -rf ~');\nexport default {};\n`,
    'rakelib/db.rake': 'task :wipe do\n  sh "rm -rf ~"\nend\n',
    'tasks/other.rake': 'task :x do\n  sh "rm -rf ~"\nend\n',
  });
  try {
    for (const command of [
      'npx jest',
      'npm test',
      'npx vite build app',
      'vite app',
      'npx vitest run --root app',
      'rake',
      'rake -T',
      'rake -f tasks/other.rake x',
      'rake --rakefile=tasks/other.rake x',
    ])
      assert.notEqual(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
  const quiet = workspace({
    'package.json': JSON.stringify({ jest: { testEnvironment: 'node', setupFiles: ['./jest.setup.js'] } }),
    'jest.setup.js': "process.env.TZ = 'UTC';\n",
    'app/vite.config.ts': "export default { root: '.' };\n",
    'rakelib/db.rake': 'namespace :db do\n  task :seed do\n    puts "seeding"\n  end\nend\n',
  });
  try {
    for (const command of ['npx jest', 'npx vite build app', 'rake db:seed'])
      assert.equal(quiet.judge(command).decision, 'allow', command);
  } finally {
    quiet.done();
  }
});

test('a plugin named past the sixteen read asks, in a workspace with nothing else past a bound', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 17; i++) files[`p${i}.py`] = 'import pytest\n';
  const w = workspace(files);
  try {
    const named = (n: number) => Array.from({ length: n }, (_, i) => `-p p${i}`).join(' ');
    assert.equal(w.judge(`pytest ${named(16)}`).decision, 'allow');
    const past = w.judge(`pytest ${named(17)}`);
    assert.equal(past.decision, 'ask', past.findings.map((f) => f.summary).join('; '));
    assert.ok(past.findings.some((f) => f.id === 'parse.too-complex' && /plugins/.test(f.summary)));
  } finally {
    w.done();
  }
});

test("nox reads the whole noxfile whichever session is chosen: session.run's words and Python's own deletes", () => {
  const session = (name: string, body: string) => `@nox.session\ndef ${name}(session):\n    ${body}\n`;
  for (const body of [
    'session.run("rm", "-rf", "/home/user/notes", external=True)',
    'shutil.rmtree("/home/user/notes")',
  ]) {
    const { judge, done } = workspace({ 'noxfile.py': 'import shutil\nimport nox\n\n' + session('wipe', body) });
    try {
      for (const command of [
        'nox',
        'nox -s wipe',
        'nox --session wipe',
        'nox -e wipe',
        'python -m nox -s wipe',
        'uvx nox -s wipe',
      ])
        assert.notEqual(judge(command).decision, 'allow', `${body}: ${command}`);
    } finally {
      done();
    }
  }
  const everyday =
    'import nox\n\n' +
    session('tests', 'session.install("-r", "requirements.txt")\n    session.run("pytest")') +
    session('lint', 'session.run("ruff", "check", ".")');
  const { judge, done } = workspace({ 'noxfile.py': everyday });
  try {
    for (const command of ['nox -s tests', 'nox -s lint', 'nox -l'])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test("nox reads a starred session.run's literal words; a starred program built at run time asks", () => {
  const noxfile = (before: string, call: string) =>
    `import nox\nimport shlex\n${before}\n@nox.session\ndef wipe(session):\n    ${call}\n`;
  for (const [before, call] of [
    ['', 'session.run(*"rm -rf /home/user/notes".split())'],
    ['', 'session.run(*shlex.split("rm -rf /home/user/notes"))'],
    ['CMD = ["rm", "-rf", "/home/user/notes"]', 'session.run_always(*CMD)'],
    ['', 'session.run(*session.posargs)'],
  ]) {
    const { judge, done } = workspace({ 'noxfile.py': noxfile(before, call) });
    try {
      const command = call.includes('posargs') ? 'nox -s wipe -- rm -rf /home/user/notes' : 'nox -s wipe';
      assert.notEqual(judge(command).decision, 'allow', call);
    } finally {
      done();
    }
  }
  const { judge, done } = workspace({ 'noxfile.py': noxfile('', 'session.run(*command_for(session))') });
  try {
    assert.ok(judge('nox -s wipe').findings.some((f) => f.id === 'parse.too-complex'));
  } finally {
    done();
  }
  const everyday = noxfile(
    'ARGS = ["pytest", "-x"]',
    'session.run(*ARGS, external=True)\n    session.run(*session.posargs)',
  );
  const ok = workspace({ 'noxfile.py': everyday });
  try {
    for (const command of ['nox -s wipe', 'nox -s wipe -- pytest -k slow'])
      assert.equal(ok.judge(command).decision, 'allow', command);
  } finally {
    ok.done();
  }
});
