// Task runner settings that hand a task's text to another program than sh:
// just's `--shell` / `--shell-arg` / `--shell-command --command` on the call,
// a poe shell task's `interpreter` and its `expr` tasks, a mise inline `run`
// under a shebang, and a mise file task written with an extension. Each is
// judged as that program running the text; one AgentGuard cannot read asks.
// Before, the text was read as sh lines, or not found, and the call allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { diskWorkspace, engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

test("just's --shell and --shell-arg on the call run each recipe line with that program, over the file's shell", () => {
  const { decide, ids } = engine({
    [at('justfile')]: 'gen:\n    import shutil; shutil.rmtree("/home")\n\nok:\n    print(1)\n\nhi:\n    echo hi\n',
  });
  for (const command of [
    'just --shell python3 --shell-arg -c gen',
    'just --shell=python3 gen',
    'just --shell-arg -c --shell python3 gen',
  ])
    assert.notEqual(decide(command), 'allow', command);
  assert.equal(decide('just --shell nu gen'), 'ask');
  assert.ok(ids('just --shell nu gen').includes('parse.too-complex'));
  for (const command of ['just --shell python3 --shell-arg -c ok', 'just --shell bash --shell-arg -c hi', 'just hi'])
    assert.equal(decide(command), 'allow', command);
});

test("just --command runs its program, and with --shell-command its line by the call's or the file's shell", () => {
  const { decide } = engine({ [at('justfile')]: 'set shell := ["python3", "-c"]\n\nok:\n    print(1)\n' });
  for (const command of [
    'just --command rm -rf /home',
    'just -c rm -rf /home',
    'just --shell-command --command \'import shutil; shutil.rmtree("/home")\'',
    "just --shell bash --shell-arg -c --shell-command --command 'rm -rf /home'",
  ])
    assert.notEqual(decide(command), 'allow', command);
  for (const command of ['just --command echo hi', "just --shell-command --command 'print(1)'"])
    assert.equal(decide(command), 'allow', command);
});

test('a poe shell task runs by its interpreter, and an expr task is python evaluating the expression', () => {
  const { decide, ids } = engine({
    [at('pyproject.toml')]: [
      '[tool.poe.tasks]',
      'test = "pytest"',
      'hi = { shell = "echo hi" }',
      'pyok = { shell = "print(\'hi\')", interpreter = "python" }',
      'pybad = { shell = "import shutil; shutil.rmtree(\'/home\')", interpreter = "python" }',
      'either = { shell = "import shutil; shutil.rmtree(\'/home\')", interpreter = ["posix", "python"] }',
      'odd = { shell = "ls", interpreter = "nu" }',
      'ex = { expr = "shutil.rmtree(\'/home\')", imports = ["shutil"] }',
      'exok = { expr = "1 + 1" }',
      'seq = { sequence = [{ expr = "os.system(\'rm -rf /home\')", imports = ["os"] }] }',
      '',
    ].join('\n'),
  });
  for (const command of ['poe pybad', 'poe either', 'poe ex', 'poe seq'])
    assert.notEqual(decide(command), 'allow', command);
  assert.equal(decide('poe odd'), 'ask');
  assert.ok(ids('poe odd').includes('parse.too-complex'));
  for (const command of ['poe test', 'poe hi', 'poe pyok', 'poe exok']) assert.equal(decide(command), 'allow', command);
});

test("poe's shell_interpreter setting is the default interpreter of its shell tasks", () => {
  const { decide } = engine({
    [at('pyproject.toml')]:
      '[tool.poe]\nshell_interpreter = "python"\n\n[tool.poe.tasks]\ngen = { shell = "import shutil; shutil.rmtree(\'/home\')" }\nok = { shell = "print(1)" }\n',
  });
  assert.notEqual(decide('poe gen'), 'allow');
  assert.equal(decide('poe ok'), 'allow');
});

test('a mise inline run under a shebang, or with a task shell, is judged as that program running it', () => {
  const { decide, ids } = engine({
    [at('mise.toml')]: [
      '[tasks.py]',
      'run = """',
      '#!/usr/bin/env python3',
      'import shutil; shutil.rmtree("/home")',
      '"""',
      '[tasks.list]',
      'run = ["echo start", """#!/usr/bin/env node',
      'require("fs").rmSync("/home", { recursive: true })"""]',
      '[tasks.shell]',
      'shell = "python3 -c"',
      'run = "import shutil; shutil.rmtree(\'/home\')"',
      '[tasks.nu]',
      'run = """',
      '#!/usr/bin/env nu',
      'ls',
      '"""',
      '[tasks.ok]',
      'run = """',
      '#!/usr/bin/env python3',
      'print(1)',
      '"""',
      '[tasks.bash]',
      'run = """',
      '#!/usr/bin/env bash',
      'echo hi',
      '"""',
      '',
    ].join('\n'),
  });
  for (const command of ['mise run py', 'mise run list', 'mise run shell'])
    assert.notEqual(decide(command), 'allow', command);
  assert.equal(decide('mise run nu'), 'ask');
  assert.ok(ids('mise run nu').includes('parse.too-complex'));
  for (const command of ['mise run ok', 'mise run bash']) assert.equal(decide(command), 'allow', command);
});

test('a mise file task written with an extension is found by the task name without it, as mise finds it', () => {
  const { judge, done } = diskWorkspace('mise-ext-', {
    'mise.toml': '[tools]\n',
    '.mise/tasks/build.sh': '#!/usr/bin/env bash\nrm -rf ~/code\n',
    'mise-tasks/deploy.py': '#!/usr/bin/env python3\nimport shutil; shutil.rmtree("/home")\n',
    'mise-tasks/db/reset.sh': '#!/bin/sh\nrm -rf ~/code\n',
    'mise-tasks/hello.sh': '#!/usr/bin/env bash\necho hi\n',
  });
  try {
    for (const command of ['mise run build', 'mise run deploy', 'mise run deploy.py', 'mise run db:reset'])
      assert.notEqual(judge(command).decision, 'allow', command);
    assert.equal(judge('mise run hello').decision, 'allow');
  } finally {
    done();
  }
});

test('a task shell whose own words name a file runs that file for every line, and the file is what is judged', () => {
  const evil = 'import shutil; shutil.rmtree("/home")\n';
  const { decide } = engine({
    [at('evil.py')]: evil,
    [at('run.js')]: 'require("fs").rmSync("/home", { recursive: true })\n',
    [at('sub/evil.py')]: evil,
    [at('sub/justfile')]: 'set shell := ["python3", "evil.py"]\n\nbuild:\n    print(1)\n',
    [at('wrapped/wrap.sh')]: '#!/bin/bash\nrm -rf ~/code\n"$@"\n',
    [at('wrapped/justfile')]: 'set shell := ["bash", "./wrap.sh"]\n\nbuild:\n    echo hi\n',
    [at('strict/justfile')]: 'set shell := ["bash", "-euo", "pipefail", "-c"]\n\nbuild:\n    echo hi\n',
    [at('safe/ok.py')]: 'print(1)\n',
    [at('safe/justfile')]: 'set shell := ["python3", "ok.py"]\n\nbuild:\n    print(1)\n',
    [at('justfile')]: 'set shell := ["bash", "-cu"]\n\nbuild:\n    echo hi\n\npy:\n    print(1)\n',
    [at('mise.toml')]: [
      '[tasks.node]',
      'shell = "node ./run.js"',
      'run = "echo hi"',
      '[tasks.ok]',
      'shell = "bash -c"',
      'run = "echo hi"',
      '',
    ].join('\n'),
  });
  for (const command of [
    'cd sub && just build',
    'cd wrapped && just build',
    'just --shell python3 --shell-arg evil.py build',
    "just --shell python3 --shell-arg evil.py --shell-command --command 'print(1)'",
    'mise run node',
  ])
    assert.notEqual(decide(command), 'allow', command);
  for (const command of [
    'just build',
    'cd strict && just build',
    'cd safe && just build',
    'just --shell zsh build',
    'just --shell python3 --shell-arg -c py',
    'mise run ok',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('a mise depends on a file task runs that file first, as a depends on a config task does', () => {
  const { judge, done } = diskWorkspace('mise-dep-', {
    'mise.toml': [
      '[tasks.ci]',
      'depends = ["build"]',
      'run = "echo ci"',
      '[tasks.ship]',
      'run = [{ task = "db:reset" }]',
      '[tasks.chain]',
      'depends = ["lint"]',
      'run = "echo chain"',
      '[tasks.lint]',
      'depends = ["build"]',
      'run = "echo lint"',
      '[tasks.fine]',
      'depends = ["hello"]',
      'run = "echo fine"',
      '',
    ].join('\n'),
    '.mise/tasks/build': '#!/usr/bin/env bash\nrm -rf ~/code\n',
    'mise-tasks/db/reset.sh': '#!/bin/sh\nrm -rf ~/code\n',
    'mise-tasks/hello.sh': '#!/usr/bin/env bash\necho hi\n',
  });
  try {
    for (const command of ['mise run ci', 'mise run ship', 'mise run chain'])
      assert.notEqual(judge(command).decision, 'allow', command);
    assert.equal(judge('mise run fine').decision, 'allow');
  } finally {
    done();
  }
});

test("a mise file task's own #MISE depends header runs the tasks it names", () => {
  const { judge, done } = diskWorkspace('mise-hdr-', {
    '.mise/tasks/deploy':
      '#!/usr/bin/env bash\n#MISE description="Deploy"\n#MISE depends=["wipe --force", "hello"]\necho deploy\n',
    '.mise/tasks/post': '#!/usr/bin/env bash\n# [MISE] depends_post=["wipe"]\necho post\n',
    'mise-tasks/app.js': '#!/usr/bin/env node\n//MISE depends=["wipe"]\nconsole.log(1)\n',
    '.mise/tasks/wipe': '#!/bin/sh\nrm -rf ~/code\n',
    '.mise/tasks/hello': '#!/bin/sh\necho hi\n',
    '.mise/tasks/fine': '#!/bin/sh\n#MISE depends=["hello"]\necho fine\n',
  });
  try {
    for (const command of ['mise run deploy', 'mise run post', 'mise run app'])
      assert.notEqual(judge(command).decision, 'allow', command);
    assert.equal(judge('mise run fine').decision, 'allow');
  } finally {
    done();
  }
});
