// Task's Go templates and mise's Tera in a task's lines are filled in before a shell reads them. Read as literal
// words they hid what a line deletes: `rm -rf {{.DIR}}` with `DIR: ../../notes` was judged as deleting a folder of
// the project. And `mise NAME`, mise's shorthand for `mise run NAME`, ran a task without reading it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

const TASKFILE = [
  "version: '3'",
  'vars:',
  '  DIR: ../../notes',
  '  GONE: ../../notes',
  '  OUT: node_modules',
  '  ASKED:',
  '    sh: pwd',
  'tasks:',
  '  wipe:',
  '    cmds:',
  '      - rm -rf {{.GONE}}',
  '  tidy:',
  '    cmds:',
  '      - rm -rf {{ .OUT }}',
  '  here:',
  '    cmds:',
  '      - rm -rf {{.TASKFILE_DIR}}/{{.OUT}}',
  '  computed:',
  '    cmds:',
  '      - rm -rf {{.ASKED}}',
  '  unknown:',
  '    cmds:',
  '      - rm -rf {{.NOWHERE | default "x"}}',
  '  elsewhere:',
  '    dir: ../../notes',
  '    cmds:',
  '      - rm -rf {{.TASK_DIR}}/a',
  '  own:',
  '    vars:',
  '      DIR: dist',
  '    cmds:',
  '      - rm -rf {{.DIR}}',
  '',
].join('\n');

const MISE = [
  '[tasks.wipe]',
  'run = "rm -rf {{env.HOME}}/notes"',
  '[tasks.tidy]',
  'run = "rm -rf {{config_root}}/node_modules"',
  '[tasks.args]',
  'run = "rm -rf {{arg(name=\'dir\')}}"',
  '',
].join('\n');

const FILES = { '../../notes/todo.txt': 'buy milk\n', 'Taskfile.yml': TASKFILE, 'mise.toml': MISE };

function ids(r: { findings: readonly { id: string }[] }): string[] {
  return r.findings.map((f) => f.id);
}

test('a template is the value the runner puts there: a plain variable, a folder, the environment', () => {
  const { judge, done } = diskWorkspace('ag-templates-', FILES, { git: true });
  try {
    for (const command of ['task wipe', 'mise run wipe', 'mise wipe', 'task tidy OUT=../../notes']) {
      const r = judge(command);
      assert.ok(ids(r).includes('fs.rm-outside-workspace'), `${command}: ${ids(r)}`);
    }
    for (const command of ['task tidy', 'task here', 'mise run tidy', 'mise tidy']) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});

test('a template whose value is computed, set twice, or not a variable is a value known only at run time', () => {
  const { judge, done } = diskWorkspace('ag-templates-', FILES, { git: true });
  try {
    for (const command of ['task computed', 'task unknown', 'task own', 'task elsewhere', 'mise args']) {
      const r = judge(command);
      assert.ok(ids(r).includes('fs.rm-unknown-target'), `${command}: ${ids(r)}`);
    }
  } finally {
    done();
  }
});

test("mise's own commands are not read as tasks", () => {
  const { judge, done } = diskWorkspace(
    'ag-templates-',
    { ...FILES, 'mise.toml': `${MISE}[tasks.install]\nrun = "rm -rf ~/notes"\n` },
    { git: true },
  );
  try {
    assert.equal(judge('mise install').decision, 'allow');
    assert.ok(ids(judge('mise run install')).includes('fs.rm-outside-workspace'));
  } finally {
    done();
  }
});
