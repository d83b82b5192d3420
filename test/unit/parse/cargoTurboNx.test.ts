// cargo-make, turbo and nx run lines written in the project's files, which the agent may write on the same line:
// `printf '[tasks.x]\nscript = "rm -rf ~"' > Makefile.toml && cargo make x`, a package.json script run by
// `turbo run x`, and an nx:run-commands target run by `nx run app:x` were allowed. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cargoMakeTasks } from '../../../src/core/parse/tomlTasks';
import { nxTargets } from '../../../src/core/parse/buildTaskRunners';
import { runCli, withSandbox } from '../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  return (JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as { decision: string }).decision;
}

test('the Makefile.toml reader finds scripts, commands, dependencies and run_task, and skips other runners', () => {
  const tasks = cargoMakeTasks(
    [
      '[tasks.a]',
      'dependencies = ["b", { name = "c" }]',
      'script = ["echo a", "echo b"]',
      '[tasks.b]',
      'command = "rm"',
      'args = ["-rf", "my dir"]',
      '[tasks.c]',
      'script = { main = ["ls"] }',
      'run_task = { name = "d" }',
      '[tasks.d]',
      'script_runner = "@rust"',
      'script = "fn main() {}"',
      '[tasks.e]',
      'run_task = "a"',
      'script = "#!@duckscript\\necho x"',
    ].join('\n'),
  );
  assert.deepEqual(tasks.get('a'), { deps: ['b', 'c'], lines: ['echo a', 'echo b'] });
  assert.deepEqual(tasks.get('b'), { deps: [], lines: ["rm -rf 'my dir'"] });
  assert.deepEqual(tasks.get('c'), { deps: ['d'], lines: ['ls'] });
  assert.deepEqual(tasks.get('d'), { deps: [], lines: [] });
  assert.deepEqual(tasks.get('e'), { deps: ['a'], lines: [] });
});

test('the nx reader finds run-commands targets, their dependsOn, and package.json scripts', () => {
  const targets = nxTargets(
    JSON.stringify({
      name: 'app',
      targets: {
        x: { executor: 'nx:run-commands', options: { commands: ['echo a', { command: 'echo b' }] }, dependsOn: ['^y'] },
        y: { command: 'echo y' },
        z: { executor: '@nx/js:tsc', options: { command: 'not a line' } },
      },
    }),
    JSON.stringify({ scripts: { lint: 'eslint .', loop: 'nx run-many -t loop' } }),
  );
  assert.deepEqual(targets.get('x'), { deps: ['y'], lines: ['echo a', 'echo b'] });
  assert.deepEqual(targets.get('y'), { deps: [], lines: ['echo y'] });
  assert.deepEqual(targets.get('z'), { deps: [], lines: [] });
  assert.deepEqual(targets.get('lint'), { deps: [], lines: ['eslint .'] });
  assert.equal(targets.has('loop'), false);
});

test('a cargo-make, turbo or nx task written on the line, or on disk, is judged by what it runs', async () => {
  await withSandbox(async (sb) => {
    const gated = [
      `printf '[tasks.x]\\nscript = "rm -rf ~/.agentguard"\\n' > Makefile.toml && cargo make x`,
      `printf '[tasks.x]\\ndependencies = ["y"]\\n[tasks.y]\\ncommand = "rm"\\nargs = ["-rf", "~/.agentguard"]\\n' > Makefile.toml && makers x`,
      `printf '[tasks.x]\\nrun_task = { name = "y" }\\n[tasks.y]\\nscript = ["rm -rf ~/.agentguard"]\\n' > Makefile.toml && cargo-make make x`,
      `printf '{"scripts":{"build":"rm -rf ~/.agentguard"}}' > package.json && turbo run build`,
      `printf '{"scripts":{"lint":"rm -rf ~/.agentguard"}}' > package.json && printf '{"tasks":{"build":{"dependsOn":["^lint"]}}}' > turbo.json && npx turbo build`,
      `printf '{"name":"app","targets":{"x":{"executor":"nx:run-commands","options":{"command":"rm -rf ~/.agentguard"}}}}' > project.json && nx run app:x`,
      `printf '{"name":"app","targets":{"x":{"dependsOn":["y"],"command":"echo hi"},"y":{"options":{"commands":[{"command":"rm -rf ~/.agentguard"}]}}}}' > project.json && nx x app`,
      `printf '{"name":"app","targets":{"x":{"command":"rm -rf ~/.agentguard"}}}' > project.json && npx nx run-many -t x`,
    ];
    for (const command of gated) assert.notEqual(decide(sb, command), 'allow', command);
    const quiet = [
      `printf '[tasks.x]\\nscript = ["cargo build", "cargo test"]\\n' > Makefile.toml && cargo make x`,
      `printf '[tasks.x]\\nscript_runner = "@rust"\\nscript = "fn main() {}"\\n' > Makefile.toml && cargo make x`,
      `printf '{"scripts":{"build":"npm test"}}' > package.json && turbo run build`,
      `printf '{"scripts":{"build":"turbo run build"}}' > package.json && turbo run build`,
      `printf '{"name":"app","targets":{"x":{"command":"npm test"}}}' > project.json && nx run app:x`,
      'cargo build',
      'turbo run build --dry-run',
      'nx graph',
    ];
    for (const command of quiet) assert.equal(decide(sb, command), 'allow', command);
    fs.writeFileSync(path.join(sb.workspace, 'Makefile.toml'), '[tasks.hi]\nscript = "echo hi"\n');
    fs.writeFileSync(path.join(sb.workspace, 'package.json'), JSON.stringify({ workspaces: ['packages/*'] }));
    fs.mkdirSync(path.join(sb.workspace, 'packages', 'web'), { recursive: true });
    fs.writeFileSync(
      path.join(sb.workspace, 'packages', 'web', 'package.json'),
      JSON.stringify({ name: 'web', scripts: { wipe: 'rm -rf ~/.agentguard', hi: 'echo hi' } }),
    );
    fs.writeFileSync(
      path.join(sb.workspace, 'packages', 'web', 'project.json'),
      JSON.stringify({ name: 'web', targets: { clean: { command: 'rm -rf ~/.agentguard' } } }),
    );
    fs.writeFileSync(path.join(sb.workspace, 'nx.json'), '{}');
    for (const command of ['turbo run wipe', 'nx run web:clean', 'nx wipe web'])
      assert.notEqual(decide(sb, command), 'allow', command);
    for (const command of ['cargo make hi', 'turbo run hi', 'nx run web:hi'])
      assert.equal(decide(sb, command), 'allow', command);
    // More nx projects than are read: a named project's own folder is read first, whatever its place; a target
    // of every project asks, since those past the bound were not read.
    for (let i = 0; i < 40; i++) {
      const dir = path.join(sb.workspace, 'apps', `app${String(i).padStart(2, '0')}`);
      fs.mkdirSync(dir, { recursive: true });
      const clean = i === 39 ? 'rm -rf ~/.agentguard' : 'echo clean';
      fs.writeFileSync(
        path.join(dir, 'project.json'),
        JSON.stringify({
          name: path.basename(dir),
          targets: { clean: { command: clean }, hi: { command: 'echo hi' } },
        }),
      );
    }
    assert.notEqual(decide(sb, 'nx run app39:clean'), 'allow', 'a named project past the bound is read');
    assert.equal(decide(sb, 'nx run app39:hi'), 'allow', 'a named project found is not a finding');
    assert.notEqual(decide(sb, 'nx run-many -t hi'), 'allow', 'projects past the bound are not judged');
  });
});
