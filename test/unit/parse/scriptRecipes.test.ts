// Task recipes whose body another program runs: a justfile recipe under a
// shebang or a `[script]` attribute, `set shell` naming an interpreter, a poe
// `script` task (a Python function), a mise `file` task. Each is judged as that
// program running the body or file; a program AgentGuard cannot read asks.
// Before, each was skipped and the call allowed whatever the body held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

const JUSTFILE = [
  'py:',
  '    #!/usr/bin/env python3',
  '    import shutil',
  '',
  '    shutil.rmtree("/home")',
  '',
  'bash:',
  '    #!/usr/bin/env bash',
  '    set -eu',
  '    rm -rf ~/code',
  '',
  'sh:',
  '    #!/bin/sh',
  '    rm -rf ~/code',
  '',
  'node:',
  '    #!/usr/bin/env -S node --no-warnings',
  "    require('fs').rmSync('/home', { recursive: true })",
  '',
  'nu:',
  '    #!/usr/bin/env nu',
  '    ls',
  '',
  "[script('python3')]",
  'attr:',
  '    import shutil',
  '    shutil.rmtree("/home")',
  '',
  'hi:',
  '    #!/usr/bin/env bash',
  '    echo hi',
  '',
  'one:',
  '    #!/usr/bin/env python3',
  '    print(1)',
  '',
  "[script('python3')]",
  'two:',
  '    print(2)',
  '',
].join('\n');

test('a justfile recipe under a shebang or a [script] attribute is judged as that program running its body', () => {
  const { decide, ids } = engine({ [at('justfile')]: JUSTFILE });
  for (const name of ['py', 'bash', 'sh', 'node', 'attr']) assert.notEqual(decide(`just ${name}`), 'allow', name);
  assert.equal(decide('just nu'), 'ask');
  assert.ok(ids('just nu').includes('parse.too-complex'));
  for (const name of ['hi', 'one', 'two']) assert.equal(decide(`just ${name}`), 'allow', name);
});

test("a justfile's `set shell` naming an interpreter runs each line as its code", () => {
  const text =
    'set shell := ["python3", "-c"]\n\nwipe:\n    import shutil; shutil.rmtree("/home")\n\nok:\n    print(1)\n';
  const { decide } = engine({ [at('justfile')]: text });
  assert.notEqual(decide('just wipe'), 'allow');
  assert.equal(decide('just ok'), 'allow');
});

test('a poe script task is judged as python calling the function; one not read asks', () => {
  const { decide, ids } = engine({
    [at('pyproject.toml')]:
      '[tool.poe.tasks]\nwipe = { script = "tools.wipe:run" }\nok = { script = "tools.hello:main" }\nodd = { script = "not a function" }\n',
    [at('tools/__init__.py')]: '',
    [at('tools/wipe.py')]: 'import shutil\n\ndef run():\n    shutil.rmtree("/home")\n',
    [at('tools/hello.py')]: 'def main():\n    print("hi")\n',
    [at('sub/readme.txt')]: 'x',
  });
  assert.notEqual(decide('poe wipe'), 'allow');
  // poe runs the task in the project's folder, where the module is imported from.
  assert.notEqual(decide('cd sub && poe wipe'), 'allow');
  assert.equal(decide('poe ok'), 'allow');
  assert.equal(decide('poe odd'), 'ask');
  assert.ok(ids('poe odd').includes('parse.too-complex'));
});

test("a mise file task is judged as its file run, by its shebang's program", () => {
  const { decide } = engine({
    [at('mise.toml')]:
      '[tasks.py]\nfile = "scripts/py"\n[tasks.plain]\nfile = "scripts/plain.sh"\n[tasks.ok]\nfile = "scripts/ok.sh"\n',
    [at('scripts/py')]: '#!/usr/bin/env python3\nimport shutil; shutil.rmtree("/home")\n',
    [at('scripts/plain.sh')]: 'rm -rf ~/code\n',
    [at('scripts/ok.sh')]: '#!/bin/bash\necho hi\n',
    [at('mise-tasks/db/reset')]: '#!/usr/bin/env bash\nrm -rf ~/code\n',
    [at('.mise/tasks/hello')]: '#!/usr/bin/env python3\nprint(1)\n',
  });
  for (const command of ['mise run py', 'mise run plain', 'mise run db:reset'])
    assert.notEqual(decide(command), 'allow', command);
  for (const command of ['mise run ok', 'mise run hello']) assert.equal(decide(command), 'allow', command);
});
