// Scripts and the workspace modules they import are read within bounds
// (wrappers/common.ts MAX_SCRIPT_CHARS, imports.ts MAX_MODULES). What lies
// past a bound once ran unread: a 70 KiB script with a destructive last line
// was judged by `python big.py` alone. Past the bounds the call now asks;
// real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localModules, MAX_MODULE_BYTES, MAX_MODULES } from '../../../src/core/parse/imports';
import { MAX_SCRIPT_CHARS } from '../../../src/core/parse/wrappers/common';
import { diskWorkspace } from '../support/engineHarness';

function workspace(files: Record<string, string>) {
  return diskWorkspace('ag-imports-', files);
}

/** Harmless lines up to about `bytes`, then `last`. */
const padded = (bytes: number, comment: string, last: string) =>
  `${comment} padding\n`.repeat(Math.ceil(bytes / (comment.length + 9))) + last + '\n';

test('a script larger than was once read is read whole and judged to its last line; past the bound read it asks', () => {
  const py = "import os\nos.system('rm -rf ~')";
  const js = "require('child_process').execSync('rm -rf ~')";
  const { judge, done } = workspace({
    'big.py': padded(70 * 1024, '#', py),
    'big.js': padded(70 * 1024, '//', js),
    'ok.py': padded(MAX_SCRIPT_CHARS - 1024, '#', 'print(1)'),
    'huge.py': padded(MAX_SCRIPT_CHARS + 1024, '#', 'print(1)'),
    'huge.js': padded(MAX_SCRIPT_CHARS + 1024, '//', 'console.log(1)'),
    'huge.sh': padded(MAX_SCRIPT_CHARS + 1024, '#', 'echo done'),
    'ok.sh': padded(4 * 1024, '#', 'echo done'),
  });
  try {
    // 70 KiB: once judged by the command alone (allowed); now read, and the deletion at its end is found.
    assert.equal(judge('python big.py').decision, 'deny');
    assert.equal(judge('node big.js').decision, 'deny');
    assert.equal(judge('python ok.py').decision, 'allow');
    assert.equal(judge('bash ok.sh').decision, 'allow');
    for (const command of ['python huge.py', 'node huge.js', 'bash huge.sh', 'source huge.sh', './huge.sh']) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', `${command}: ${JSON.stringify(r.findings)}`);
      assert.ok(
        r.findings.some((f) => f.id === 'parse.too-complex' && /larger than AgentGuard reads/.test(f.summary)),
        command,
      );
    }
  } finally {
    done();
  }
});

test('a workspace module past the modules followed, or too large to read, asks; imports that are not the workspace do not', () => {
  // A chain: main imports m0, m0 imports m1, …: n modules of the workspace.
  const chain = (n: number): Record<string, string> => {
    const files: Record<string, string> = { 'main.py': 'import m0\n' };
    for (let i = 0; i < n; i++) files[`m${i}.py`] = i + 1 < n ? `import os, json\nimport m${i + 1}\n` : 'import sys\n';
    return files;
  };
  const under = workspace(chain(MAX_MODULES));
  const past = workspace(chain(MAX_MODULES + 1));
  const large = workspace({ 'main.py': 'import helper\n', 'helper.py': padded(MAX_SCRIPT_CHARS + 1024, '#', 'x = 1') });
  try {
    assert.equal(under.judge('python main.py').decision, 'allow');
    const r = past.judge('python main.py');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.ok(
      r.findings.some((f) => f.id === 'parse.too-complex' && /own modules than AgentGuard follows/.test(f.summary)),
    );
    const l = large.judge('python main.py');
    assert.equal(l.decision, 'ask', JSON.stringify(l.findings));
    assert.ok(l.findings.some((f) => f.id === 'parse.too-complex' && /helper\.py/.test(f.summary)));
  } finally {
    under.done();
    past.done();
    large.done();
  }
});

test('localModules: the walk says when a module of the workspace lies past the bound, however deep', () => {
  const files: Record<string, string> = {};
  const n = MAX_MODULES + 1;
  for (let i = 0; i < n; i++) files[`/w/m${i}.js`] = i + 1 < n ? `require('./m${i + 1}')` : '';
  const read = (f: string) => files[f];
  const all = localModules('node', { file: '/w/main.js', text: "require('./m0'); require('./absent')" }, ['/w'], read);
  assert.equal(all.modules.length, MAX_MODULES);
  assert.equal(all.pastBound, true);
  delete files[`/w/m${n - 1}.js`];
  const fits = localModules('node', { file: '/w/main.js', text: "require('./m0'); require('./absent')" }, ['/w'], read);
  assert.equal(fits.modules.length, MAX_MODULES);
  assert.equal(fits.pastBound, false);
});

test('an entry reaching hundreds of modules is followed through all of them: quiet when none acts, asked when one deep in it does', () => {
  // 300 modules, each importing its neighbours, as a large project's entry reaches them.
  const files: Record<string, string> = { 'main.py': 'from app import m0\nm0.run()\n', 'app/__init__.py': '' };
  for (let i = 0; i < 300; i++)
    files[`app/m${i}.py`] =
      `from app import m${(i + 1) % 300}, m${(i * 7) % 300}\nimport os, json\n\ndef f(x):\n    return x + ${i}\n`;
  const quiet = workspace(files);
  const deep = workspace({ ...files, 'app/m299.py': 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n' });
  try {
    const r = quiet.judge('python main.py');
    assert.equal(r.decision, 'allow', JSON.stringify(r.findings));
    assert.notEqual(deep.judge('python main.py').decision, 'allow');
  } finally {
    quiet.done();
    deep.done();
  }
});

test('localModules: modules past the bound in bytes, together, are said to lie past it', () => {
  const mib = `# ${'x'.repeat(1024 * 1024)}\n`;
  const n = Math.ceil(MAX_MODULE_BYTES / mib.length) + 1;
  const read = (f: string) => (/\/m\d+\.js$/.test(f) && Number(/(\d+)\.js$/.exec(f)![1]) < n ? mib : undefined);
  const text = Array.from({ length: n }, (_, i) => `require('./m${i}')`).join('\n');
  const r = localModules('node', { file: '/w/main.js', text }, ['/w'], read);
  assert.equal(r.pastBound, true);
  assert.ok(r.modules.length < n);
});
