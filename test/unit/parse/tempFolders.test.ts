// Test set-up code deletes the temp folders it made: read as unknown targets,
// every test run of such a project would ask. A name counts as a temp folder
// only while nothing could point it elsewhere; every other delete of a
// variable is asked about as before. The built CLI is run as users meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempFolderNames } from '../../../src/core/parse/tempFolders';
import { runCli, withSandbox } from '../support/hookHarness';

test('a name set once from a temp-folder maker and only passed to calls is a temp folder', () => {
  const yes = [
    'd = tempfile.mkdtemp()\nprint(d)\nshutil.rmtree(d)',
    'd = tempfile.mkdtemp(prefix="t")\nos.listdir(d)\nshutil.rmtree(d, ignore_errors=True)',
    'const d = fs.mkdtempSync(path.join(os.tmpdir(), "x-")); fs.writeFileSync(path.join(d, "f"), ""); fs.rmSync(d, { recursive: true })',
    'const d = await fsp.mkdtemp("/tmp/x"); await fsp.rm(d, { recursive: true, force: true })',
  ];
  for (const code of yes) assert.ok(tempFolderNames(code).has('d'), code);
});

test('a name that could hold anything else is not', () => {
  const no = [
    // assigned again, plainly or as part of a tuple, a walrus, a loop or a keyword default
    'd = tempfile.mkdtemp()\nd = os.path.expanduser("~")\nshutil.rmtree(d)',
    'd = tempfile.mkdtemp()\n(x, d) = (1, os.path.expanduser("~"))\nshutil.rmtree(d)',
    'd = tempfile.mkdtemp()\nd, x = os.path.expanduser("~"), 1\nshutil.rmtree(d)',
    'd = tempfile.mkdtemp()\nif (d := os.path.expanduser("~")): shutil.rmtree(d)',
    'd = tempfile.mkdtemp()\nfor (a, d) in [(1, "/home")]: shutil.rmtree(d)',
    'd = tempfile.mkdtemp()\ndef wipe(d): shutil.rmtree(d)\nwipe(os.path.expanduser("~"))',
    'd = tempfile.mkdtemp()\ndef wipe(x, d=HOME): shutil.rmtree(d)',
    'const d = fs.mkdtempSync("x"); const f = (d) => fs.rmSync(d, { recursive: true }); f(os.homedir())',
    'let d = fs.mkdtempSync("x"); function f(d) { fs.rmSync(d, { recursive: true }) }',
    // reached through a string, a template or a list
    'd = tempfile.mkdtemp()\nglobals()["d"] = os.path.expanduser("~")\nshutil.rmtree(d)',
    'd = tempfile.mkdtemp()\nexec("d = HOME")\nshutil.rmtree(d)',
    'let d = fs.mkdtempSync("x"); eval(`d = "${os.homedir()}"`); fs.rmSync(d, { recursive: true })',
    'd = tempfile.mkdtemp()\n[d] = [HOME]\nshutil.rmtree(d)',
  ];
  for (const code of no) assert.ok(!tempFolderNames(code).has('d'), code);
});

test('deleting the temp folder set-up code made is quiet; deleting anything else a variable holds still asks', async () => {
  await withSandbox(async (sb) => {
    const judge = (command: string) => {
      const r = runCli(sb, ['check', '--json', '--', command]);
      return (JSON.parse(r.stdout) as { decision: string }).decision;
    };
    assert.equal(
      judge(`python3 -c 'import tempfile, shutil; d = tempfile.mkdtemp(); print(d); shutil.rmtree(d)'`),
      'allow',
    );
    assert.equal(
      judge(
        `node -e 'const fs = require("fs"), os = require("os"); const d = fs.mkdtempSync(os.tmpdir() + "/x-"); fs.rmSync(d, { recursive: true, force: true })'`,
      ),
      'allow',
    );
    assert.notEqual(
      judge(
        `python3 -c 'import tempfile, shutil, os; d = tempfile.mkdtemp(); d = os.path.expanduser("~"); shutil.rmtree(d)'`,
      ),
      'allow',
    );
    assert.notEqual(judge(`python3 -c 'import shutil, sys; d = sys.argv[1]; shutil.rmtree(d)' x`), 'allow');
    assert.notEqual(
      judge(`python3 -c 'import tempfile, shutil, os; d = tempfile.mkdtemp(); shutil.rmtree(os.path.join(d, ".."))'`),
      'allow',
    );
  });
});
