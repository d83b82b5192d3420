// A test the agent wrote to delete the home folder, then `pytest` or `npx jest`:
// the runner collects and runs it, and the call was allowed unread. The test
// files are now found as the runner finds them and read as test code; an
// ordinary suite (temp folders deleted, a test client's DELETE, SQL against a
// test database) stays allowed, and a tree past the bounds asks. Real files on
// disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SCRIPT_CHARS } from '../../../../src/core/parse/wrappers/common';
import { MAX_TEST_FILES } from '../../../../src/core/parse/wrappers/testFiles';
import { diskWorkspace } from '../../support/engineHarness';

const PY_TEST = 'import os, shutil\n\ndef test_cleanup():\n    shutil.rmtree(os.path.expanduser("~"))\n';
const JS_TEST =
  "const fs = require('fs');\nconst os = require('os');\ntest('cleans', () => {\n  fs.rmSync(os.homedir(), { recursive: true });\n});\n";

function gated(files: Record<string, string>, commands: readonly string[]): void {
  const { judge, done } = diskWorkspace('ag-testfiles-', files);
  try {
    for (const command of commands) assert.notEqual(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
}

test('pytest reads the test files it collects: named, under its test paths, or under the working folder', () => {
  gated({ 'tests/test_x.py': PY_TEST }, [
    'pytest',
    'pytest tests/test_x.py',
    'pytest tests/test_x.py::test_cleanup',
    'pytest -q tests',
    'python -m pytest',
    'python3 -m pytest -k cleanup',
    'uv run pytest -x',
  ]);
  gated({ 'pkg/sub/check_x.py': PY_TEST, 'pytest.ini': '[pytest]\ntestpaths = pkg\npython_files = check_*.py\n' }, [
    'pytest',
  ]);
  gated({ 'it/x_test.py': PY_TEST, 'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["it"]\n' }, ['pytest']);
  gated({ 'it/test_x.py': PY_TEST, 'ci/pytest.ini': '[pytest]\ntestpaths = it\n', 'tests/test_ok.py': '' }, [
    'pytest -c ci/pytest.ini',
    'pytest --rootdir it',
  ]);
  // pytest loads every conftest.py of the folders it collects.
  gated({ 'tests/unit/db/conftest.py': 'import os\nos.system("rm -rf ~")\n', 'tests/unit/db/test_a.py': '' }, [
    'pytest',
  ]);
});

test('jest, vitest and mocha read the test files they collect', () => {
  gated({ 'src/x.test.js': JS_TEST }, ['npx jest', 'jest x.test', 'npm exec jest', 'npx vitest run', 'npx vitest']);
  gated({ 'src/__tests__/x.js': JS_TEST }, ['npx jest']);
  gated({ 'test/x.js': JS_TEST }, ['npx mocha', 'mocha --recursive']);
  gated({ 'spec/a/x.spec.js': JS_TEST }, ["npx mocha 'spec/**/*.spec.js'", 'npx mocha spec/a/x.spec.js']);
  // Scripts an option points the runner at run as code too.
  gated({ 'setup.js': JS_TEST, 'test/a.js': '' }, ['npx mocha --require ./setup.js', 'npx mocha --file setup.js']);
  gated({ 'config/jest.js': JS_TEST }, ['npx jest --config config/jest.js', 'npx vitest run -c config/jest.js']);
});

test('an ordinary suite stays allowed', () => {
  const { judge, done } = diskWorkspace('ag-testfiles-', {
    'tests/conftest.py': 'import pytest\n\n@pytest.fixture\ndef client():\n    return None\n',
    'tests/test_api.py':
      'def test_api(client):\n    r = client.delete("/api/items/1")\n    assert r.status_code == 204\n',
    'tests/test_files.py':
      'import shutil, subprocess\n\ndef test_tmp(tmp_path):\n    shutil.rmtree(tmp_path / "x")\n    with open(tmp_path / "f.txt", "w") as f:\n        f.write("x")\n    subprocess.run(["git", "status"])\n',
    'tests/test_db.py':
      'def test_db(conn):\n    conn.execute("DELETE FROM users WHERE id = 1")\n    conn.cursor().execute("TRUNCATE sessions")\n',
    'src/__tests__/button.test.js':
      "describe('delete button', () => { it('update user', async () => { await request(app).delete('/api/x'); }); });\n",
    'src/files.test.ts':
      "import fs from 'fs';\nimport os from 'os';\nimport path from 'path';\nconst dir = path.join(os.tmpdir(), 'x');\nafterEach(() => fs.rmSync(dir, { recursive: true, force: true }));\n",
    'test/a.js': "const assert = require('assert');\nit('adds', () => assert.equal(1 + 1, 2));\n",
    // Folders the runners skip: installed packages, virtualenvs.
    'node_modules/pkg/x.test.js': JS_TEST,
    '.venv/lib/test_x.py': PY_TEST,
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/test_y.py': PY_TEST,
  });
  try {
    for (const command of ['pytest', 'python -m pytest tests', 'npx jest', 'npx vitest run', 'npx mocha']) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});

test('a suite repeating the same shell-out in many files is judged by it once', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++)
    files[`tests/test_${i}.py`] = `import subprocess\n\ndef test_${i}():\n    subprocess.run(["git", "status"])\n`;
  const { judge, done } = diskWorkspace('ag-testfiles-', files);
  try {
    const r = judge('pytest');
    assert.equal(r.decision, 'allow', r.findings.map((f) => f.summary).join('; '));
  } finally {
    done();
  }
});

test('test files past what is read ask', () => {
  const big = diskWorkspace('ag-testfiles-', {
    'tests/test_big.py': '# padding\n'.repeat(Math.ceil((MAX_SCRIPT_CHARS + 1024) / 10)),
  });
  try {
    const r = big.judge('pytest');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex' && /test_big\.py/.test(f.summary)));
  } finally {
    big.done();
  }
  const files: Record<string, string> = {};
  for (let i = 0; i <= MAX_TEST_FILES; i++) files[`tests/d${i % 64}/test_${i}.py`] = '';
  const many = diskWorkspace('ag-testfiles-', files);
  try {
    const r = many.judge('pytest');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex' && /test files/.test(f.summary)));
    assert.equal(many.judge('pytest tests/d1/test_1.py').decision, 'allow');
    const named = Array.from({ length: 65 }, (_, i) => `tests/d1/test_${i}.py`).join(' ');
    assert.ok(many.judge(`pytest ${named}`).findings.some((f) => f.id === 'parse.too-complex'));
  } finally {
    many.done();
  }
});

test('python -m unittest reads the test files it discovers or is named', () => {
  gated({ 'tests/test_x.py': PY_TEST }, [
    'python -m unittest',
    'python3 -m unittest discover',
    'python -m unittest discover -s tests',
    'python -m unittest discover tests',
    'python -m unittest tests.test_x',
    'python -m unittest tests.test_x.T.test_cleanup',
    'python -m unittest tests/test_x.py',
  ]);
  gated({ 'it/check_x.py': PY_TEST }, ['python -m unittest discover -s it -p "check_*.py"']);
  // Written on the same line: the folder's listing holds it as the runner will find it.
  gated({}, [`printf '${PY_TEST.replaceAll('\n', '\\n')}' > test_w.py && python -m unittest`]);
  const { judge, done } = diskWorkspace('ag-unittest-ok-', {
    'tests/test_ok.py':
      'import unittest\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertEqual(1, 1)\n',
    'tests/helpers.py': PY_TEST,
  });
  try {
    for (const command of [
      'python -m unittest',
      'python -m unittest discover -s tests -v',
      'python -m unittest tests.test_ok',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

// A test written into a folder made on the same line was not found: the listing of the folder above held no entry
// for the new folder. The runner finds it, collected from the working folder or named.
test('a test written into a folder made on the same line is found', () => {
  const py = PY_TEST.replaceAll('\n', '\\n');
  gated({}, [
    `mkdir -p tests && printf '${py}' > tests/test_w.py && python -m pytest tests`,
    `mkdir -p tests/unit && printf '${py}' > tests/unit/test_w.py && python -m pytest`,
    `mkdir -p tests && printf '${py}' > tests/test_w.py && python -m unittest discover -s tests`,
  ]);
  const { judge, done } = diskWorkspace('ag-testfiles-new-ok-', {});
  try {
    const command = `mkdir -p tests && printf 'def test_x():\\n    assert 1 + 1 == 2\\n' > tests/test_x.py && python -m pytest tests`;
    assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});
