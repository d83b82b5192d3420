// A program's shell call written with an interpolating string: a JavaScript template literal
// (`execSync(\`rm -rf ${dir}\`)`), a Ruby `"#{…}"` string or a Python f-string. The template literal was not taken
// for a string at all and the f-string's prefix hid it, so the call was never read; Ruby's `#{…}` reached the shell as
// a comment. Each interpolation is now the value it holds: the home where the code names it, else a value known only
// at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, diskWorkspace } from '../support/engineHarness';
import { interpolate } from '../../../src/core/parse/interpolation';

test('interpolations are replaced in each language’s syntax, literal braces kept', () => {
  const v = (e: string) => `<${e}>`;
  assert.equal(interpolate('rm -rf ${a}/${b.c}', 'template', v), 'rm -rf <a>/<b.c>');
  assert.equal(interpolate('rm -rf #{Dir.home}/x', 'ruby', v), 'rm -rf <Dir.home>/x');
  assert.equal(interpolate('echo {{x}} {y!r} {z:>10} {w=}', 'fstring', v), 'echo {x} <y> <z> <w>');
  assert.equal(interpolate('echo {d["k"]}', 'fstring', v), 'echo <d["k"]>');
  assert.equal(interpolate('echo ${unclosed', 'template', v), 'echo ${unclosed');
});

test('a shell call with an interpolated deletion target is judged for it', () => {
  const { judge, done } = diskWorkspace('ag-interp-', { '../../notes/todo.txt': 'x\n' }, { git: true });
  try {
    const cases: [string, string][] = [
      ['node -e \'require("child_process").execSync(`rm -rf ${process.env.HOME}/notes`)\'', 'fs.rm-outside-workspace'],
      ['node -e \'const {exec}=require("child_process"); exec(`rm -rf ${dir}`)\'', 'fs.rm-unknown-target'],
      ['ruby -e \'system("rm -rf #{Dir.home}/notes")\'', 'fs.rm-outside-workspace'],
      ['python3 -c \'import os; os.system(f"rm -rf {os.path.expanduser(\\"~\\")}/notes")\'', 'fs.rm-outside-workspace'],
      ['python3 -c \'import subprocess; subprocess.run(f"rm -rf {d}", shell=True)\'', 'fs.rm-unknown-target'],
    ];
    for (const [command, id] of cases) assertGated(judge, command, id);
    for (const command of [
      'node -e \'require("child_process").execSync(`ls ${process.cwd()}`)\'',
      'python3 -c \'import os; x=1; os.system(f"echo {x} {{y}}")\'',
      'ruby -e \'x=1; system("echo #{x}")\'',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});

test('an argument list with a template literal or a variable is read element by element', () => {
  const { judge, done } = diskWorkspace('ag-interp-', { '../../notes/todo.txt': 'x\n' }, { git: true });
  try {
    const cases: [string, string][] = [
      [
        'node -e \'require("child_process").spawnSync("sh", ["-c", `rm -rf ${process.env.HOME}/notes`])\'',
        'fs.rm-outside-workspace',
      ],
      [
        'node -e \'require("child_process").spawnSync("rm", ["-rf", `${process.env.HOME}/notes`])\'',
        'fs.rm-outside-workspace',
      ],
      ['node -e \'require("child_process").spawnSync("rm", ["-rf", dir])\'', 'fs.rm-unknown-target'],
      [
        'python3 -c \'import shutil; from pathlib import Path; shutil.rmtree(f"{Path.home()}/notes")\'',
        'fs.rm-outside-workspace',
      ],
    ];
    for (const [command, id] of cases) assertGated(judge, command, id);
    for (const command of [
      'node -e \'require("child_process").spawnSync("ls", ["-la", dir])\'',
      'node -e \'require("child_process").spawnSync("git", ["log", `--format=${fmt}`])\'',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});
