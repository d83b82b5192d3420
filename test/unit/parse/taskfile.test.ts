// A Taskfile read as Task runs it. Each of these ran unjudged before: a task's `dir:` (its lines were read from the
// folder `task` was typed in), a folded `>` command, a `defer:`, a dynamic variable's `sh:` line, a precondition,
// an included Taskfile's tasks, and the Taskfile `--taskfile`/`--dir` name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

const TASKFILE = [
  "version: '3'",
  'includes:',
  '  lib: ./lib',
  '  flat:',
  '    taskfile: ./flat.yml',
  '    flatten: true',
  '  maybe:',
  '    taskfile: ./nowhere.yml',
  '    optional: true',
  '  far: https://example.com/Taskfile.yml',
  'tasks:',
  '  elsewhere:',
  '    dir: ../../notes',
  '    cmds:',
  '      - rm -f todo.txt',
  '  folded:',
  '    cmd: >-',
  '      rm -f',
  '      ~/notes/todo.txt',
  '  literal:',
  '    cmds:',
  '      - |',
  '        echo start',
  '        rm -f ~/notes/todo.txt',
  '  deferred:',
  '    cmds:',
  '      - defer: rm -f ~/notes/todo.txt',
  '      - echo hi',
  '  computed:',
  '    vars:',
  '      X:',
  '        sh: rm -f ~/notes/todo.txt',
  '    cmds:',
  '      - echo "{{.X}}"',
  '  checked:',
  '    preconditions:',
  '      - sh: rm -f ~/notes/todo.txt',
  '    cmds: [echo ok]',
  '  calls:',
  '    deps: [lib:wipe]',
  '  remote:',
  '    cmds:',
  '      - task: far:anything',
  '  build:',
  '    aliases: [b]',
  '    dir: web',
  '    cmds:',
  '      - |',
  '        npm ci',
  '        npm run build',
  '      - rm -rf dist',
  '  start:*:',
  '    cmds:',
  '      - docker compose up -d {{index .MATCH 0}}',
].join('\n');

const LIB =
  "version: '3'\ntasks:\n  wipe:\n    cmds:\n      - rm -f ~/notes/todo.txt\n  fmt:\n    cmds: [gofmt -l .]\n";
const FLAT = "version: '3'\ntasks:\n  purge:\n    cmds:\n      - rm -rf ~/notes\n";
const OTHER = "version: '3'\ntasks:\n  clean:\n    cmds:\n      - rm -f ~/notes/todo.txt\n";

function files(): Record<string, string> {
  return {
    [at('Taskfile.yml')]: TASKFILE + '\n',
    [at('lib/Taskfile.yml')]: LIB,
    [at('flat.yml')]: FLAT,
    [at('ops/other.yml')]: OTHER,
    [at('ops/Taskfile.yml')]: OTHER,
  };
}

test('what a task runs, however the Taskfile writes it, is judged from the folder it runs in', () => {
  const { decide } = engine(files());
  for (const command of [
    'task elsewhere',
    'task folded',
    'task literal',
    'task deferred',
    'task computed',
    'task checked',
    'task calls',
    'task lib:wipe',
    'task purge',
    'task remote',
    'task far:anything',
    'task -t ops/other.yml clean',
    'task --taskfile=ops/other.yml clean',
    'task -d ops clean',
    'task --dir ops clean',
    'task -t - build',
  ])
    assert.notEqual(decide(command), 'allow', command);
  for (const command of ['task build', 'task b', 'task lib:fmt', 'task start:db', 'task nothere', 'task maybe:x'])
    assert.equal(decide(command), 'allow', command);
});

test('a task runs in its Taskfile folder, not in the folder task was typed in', () => {
  // From a subfolder, `rm -rf src` deletes the project's own src: the Taskfile's folder, where Task runs it.
  const more = { ...files(), [at('Taskfile.yml')]: "version: '3'\ntasks:\n  tidy:\n    cmds: [rm -rf src]\n" };
  const { judge } = engine(more);
  const result = judge('cd web && task tidy');
  assert.notEqual(result.decision, 'allow');
  assert.ok(
    result.findings.some((f) => f.target === 'src' || f.summary.includes('acme-api/src') || f.summary.includes(' src')),
    JSON.stringify(result.findings),
  );
});

test('a Taskfile this reader cannot read asks rather than being guessed at', () => {
  const { decide } = engine({ [at('Taskfile.yml')]: "version: '3'\ntasks:\n  x: !!binary abc\n" });
  assert.notEqual(decide('task x'), 'allow');
});
