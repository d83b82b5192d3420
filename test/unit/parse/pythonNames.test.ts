// Python reaches os.system and shutil.rmtree without spelling them: a module
// imported by a string, a function fetched with getattr, imported or bound
// under another name. Each ran its command unread; the calls are now spelled
// out before the code is read, and ordinary aliasing stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonCallNames } from '../../../src/core/parse/pythonNames';
import { diskWorkspace } from '../support/engineHarness';

test('module and function names built indirectly are spelled out', () => {
  assert.equal(pythonCallNames('importlib.import_module("os").remove(p)'), 'os.remove(p)');
  assert.equal(pythonCallNames("__import__('shutil').rmtree(p)"), 'shutil.rmtree(p)');
  assert.equal(pythonCallNames('getattr(os, "system")(c)'), 'os.system(c)');
  assert.equal(pythonCallNames('from os import system as s\ns(c)'), 'from os import system as s\nos.system(c)');
  assert.equal(pythonCallNames('from os import remove\nremove(p)'), 'from os import remove\nos.remove(p)');
  assert.equal(pythonCallNames('f, p = shutil.rmtree, "/x"; f(p)'), 'f, p = shutil.rmtree, "/x"; shutil.rmtree(p)');
  // Only names bound to a function are followed: a value or a call result is left as it is.
  assert.equal(pythonCallNames('a, b = 1, 2; a(b)'), 'a, b = 1, 2; a(b)');
  assert.equal(pythonCallNames('r = requests.get(u); r(x)'), 'r = requests.get(u); r(x)');
});

test('python calls reached indirectly are judged; ordinary aliasing stays allowed', () => {
  const { judge, done } = diskWorkspace('ag-pynames-', {});
  try {
    for (const command of [
      `python3 -c 'import importlib; importlib.import_module("os").remove("/etc/hosts")'`,
      `python3 -c 'import os; getattr(os, "system")("rm -rf ~")'`,
      `python3 -c 'from os import system as s; s("rm -rf ~")'`,
      `python3 -c 'from shutil import rmtree as r; import os; r(os.path.expanduser("~"))'`,
      `python3 -c 'import os; run = os.system; run("rm -rf ~")'`,
      `python3 -c 'import shutil; f, p = shutil.rmtree, "/home/dev"; f(p)'`,
    ])
      assert.notEqual(judge(command).decision, 'allow', command);
    for (const command of [
      `python3 -c 'import importlib; m = importlib.import_module("json"); print(m.dumps({}))'`,
      `python3 -c 'from os import path as p; print(p.join("a", "b"))'`,
      `python3 -c 'import os; print(getattr(os, "getcwd")())'`,
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});
