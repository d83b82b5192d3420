// Interpreter code that runs a file's text as code (`exec(open(F).read())`,
// `eval(fs.readFileSync(F))`, Ruby's `load`, Perl's `do`, PHP's `include`) is
// judged as running F with that interpreter: each was allowed while F deleted
// the home. Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';
import { codeFileRuns } from '../../../src/core/parse/codeFileRuns';

const FILES = {
  'docs/data.txt': 'import os, shutil\nshutil.rmtree(os.path.expanduser("~"))\n',
  'docs/data.js': 'require("fs").rmSync(require("os").homedir(), { recursive: true });\n',
  'docs/data.rb': 'require "fileutils"\nFileUtils.rm_rf(Dir.home)\n',
  'docs/data.pl': 'use File::Path qw(remove_tree); remove_tree($ENV{HOME});\n',
  'docs/ok.py': 'print(1)\n',
  'docs/ok.js': 'console.log(1)\n',
  'docs/ok.php': '<?php echo 1;\n',
};

test('code that runs a file as code is judged by that file', () => {
  const { judge, done } = diskWorkspace('ag-filerun-', FILES);
  try {
    for (const command of [
      `python3 -c "exec(open('docs/data.txt').read())"`,
      `python3 -c "exec(compile(open('docs/data.txt').read(), 'x', 'exec'))"`,
      `python3 -c "import runpy; runpy.run_path('docs/data.txt')"`,
      `node -e "eval(require('fs').readFileSync('docs/data.js','utf8'))"`,
      `node -e "new Function(require('fs').readFileSync('docs/data.js','utf8'))()"`,
      `ruby -e "eval(File.read('docs/data.rb'))"`,
      `ruby -e "load 'docs/data.rb'"`,
      `perl -e "do './docs/data.pl'"`,
      `python3 -c "${Array.from({ length: 17 }, (_, i) => `exec(open('docs/ok.py').read()) # ${i}`).join('\n')}"`,
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
    for (const command of [
      `python3 -c "exec(open('docs/ok.py').read())"`,
      `python3 -c "print(open('docs/data.txt').read())"`,
      `node -e "eval(require('fs').readFileSync('docs/ok.js','utf8'))"`,
      `php -r "require 'docs/ok.php'; echo 1;"`,
      `python3 -c "import runpy; runpy.run_path('missing.py')"`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
  } finally {
    done();
  }
});

test('a file name built at run time is not taken for one, and the runs read are bounded', () => {
  assert.deepEqual(codeFileRuns('python', `exec(open(f'{name}.py').read())`), []);
  assert.deepEqual(codeFileRuns('php', `include "$dir/x.php";`), []);
  assert.deepEqual(codeFileRuns('perl', `do { print 1 }`), []);
  const many = Array.from({ length: 40 }, (_, i) => `exec(open('f${i}.py').read())`).join('\n');
  // One past the bound is kept, so that the reader asks about the code.
  assert.equal(codeFileRuns('python', many).length, 17);
  assert.deepEqual(codeFileRuns('lua', `dofile('x.lua')`), []);
});

test("os's exec and spawn families and list arguments that are not strings are read as the program they start", () => {
  const { judge, done } = diskWorkspace('ag-execfam-', {});
  try {
    for (const command of [
      `python3 -c 'import os; os.execvp("rm", ["rm", "-rf", "/root"])'`,
      `python3 -c 'import os; os.execlp("rm", "rm", "-rf", "/root")'`,
      `python3 -c 'import os; os.spawnvp(os.P_WAIT, "rm", ["rm", "-rf", "/root"])'`,
      `python3 -c 'import os; os.posix_spawnp("rm", ["rm", "-rf", "/root"], os.environ)'`,
      `ruby -e 'IO.popen(["rm", "-rf", Dir.home])'`,
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
    for (const command of [
      `python3 -c 'import os; os.execvp("ls", ["ls", "-la"])'`,
      `python3 -c 'import os; os.execl("/usr/bin/env", "env", "python3", "--version")'`,
      `ruby -e 'IO.popen(["git", "status", "--short"]).read'`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
  } finally {
    done();
  }
});
