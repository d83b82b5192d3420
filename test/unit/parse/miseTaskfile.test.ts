// go-task's Taskfile.yml and mise's tasks run lines written in a project file, which the agent may write on
// the same line: `printf … > Taskfile.yml && task x` with `cmds: [rm -rf ~/.agentguard]` (the flow form) and
// `printf '[tasks.x]\nrun = "rm -rf ~"' > mise.toml && mise run x` were allowed. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { taskfileRun } from '../../../src/core/parse/taskfile';
import { readerCdLine } from '../../../src/core/parse/readerCd';
import { miseTasks } from '../../../src/core/parse/tomlTasks';
import { runCli, withSandbox } from '../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  return (JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as { decision: string }).decision;
}

test('the readers find flow lists in a Taskfile and run lists and depends in mise tasks', () => {
  const text = 'version: 3\ntasks:\n  x:\n    deps: [y]\n    cmds: [echo a, "rm -rf b, c"]\n';
  const tasks = taskfileRun({ file: '/w/Taskfile.yml', text }, () => undefined, [], '/w').recipes;
  assert.deepEqual(tasks.get('x'), {
    deps: ['y'],
    lines: [readerCdLine('/w'), 'echo a', readerCdLine('/w'), 'rm -rf b, c'],
  });
  const mise = miseTasks(
    '[tasks.x]\nrun = ["echo a", { task = "z" }]\ndepends = ["y"]\n[tasks.y]\nrun = "rm -rf b"\n[tasks]\nw = "ls"\n',
  );
  assert.deepEqual(mise.get('x'), { deps: ['z', 'y'], lines: ['echo a'] });
  assert.deepEqual(mise.get('y'), { deps: [], lines: ['rm -rf b'] });
  assert.deepEqual(mise.get('w'), { deps: [], lines: ['ls'] });
});

test('a Taskfile or mise task written on the line, or on disk, is judged by what it runs', async () => {
  await withSandbox(async (sb) => {
    const gated = [
      `printf 'version: 3\\ntasks:\\n  x:\\n    cmds: [rm -rf ~/.agentguard]\\n' > Taskfile.yml && task x`,
      `printf 'version: 3\\ntasks:\\n  x:\\n    deps: [y]\\n  y:\\n    cmds:\\n      - cmd: rm -rf ~/.agentguard\\n' > Taskfile.yml && task x`,
      `printf '[tasks.x]\\nrun = "rm -rf ~/.agentguard"\\n' > mise.toml && mise run x`,
      `printf '[tasks.x]\\nrun = "rm -rf ~/.agentguard"\\n' > .mise.toml && mise run x`,
      `printf '[tasks.x]\\nrun = ["echo a", "rm -rf ~/.agentguard"]\\n' > mise.local.toml && mise run x`,
      `printf '[tasks.x]\\ndepends = ["y"]\\nrun = "echo hi"\\n[tasks.y]\\nrun = "rm -rf ~/.agentguard"\\n' > mise.toml && mise r x`,
    ];
    for (const command of gated) assert.notEqual(decide(sb, command), 'allow', command);
    const quiet = [
      `printf 'version: 3\\ntasks:\\n  x:\\n    cmds: [echo hi]\\n' > Taskfile.yml && task x`,
      `printf '[tasks.x]\\nrun = ["npm run build", "npm test"]\\n' > mise.toml && mise run x`,
      'mise run build',
      'mise exec -- node --version',
    ];
    for (const command of quiet) assert.equal(decide(sb, command), 'allow', command);
    fs.writeFileSync(
      path.join(sb.workspace, 'Taskfile.yml'),
      'tasks:\n  wipe:\n    cmds: [rm -rf ~/.agentguard]\n  hi:\n    cmds: [echo hi]\n',
    );
    fs.writeFileSync(
      path.join(sb.workspace, 'mise.toml'),
      '[tasks.wipe]\nrun = "rm -rf ~/.agentguard"\n[tasks.hi]\nrun = "echo hi"\n',
    );
    for (const command of ['task wipe', 'mise run wipe']) assert.notEqual(decide(sb, command), 'allow', command);
    for (const command of ['task hi', 'mise run hi']) assert.equal(decide(sb, command), 'allow', command);
  });
});
