// cargo-make, turbo and nx run lines written in the project's files, which the agent may write on the same line:
// `printf '[tasks.x]\nscript = "rm -rf ~"' > Makefile.toml && cargo make x`, a package.json script run by
// `turbo run x`, and an nx:run-commands target run by `nx run app:x` were allowed. The built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cargoMakeTasks, UNREAD_RUNNER } from '../../../src/core/parse/tomlTasks';
import { nxTargets } from '../../../src/core/parse/buildTaskRunners';
import { runCli, withSandbox } from '../support/hookHarness';

type Sandbox = Parameters<Parameters<typeof withSandbox>[0]>[0];

function verdict(sb: Sandbox, command: string): { decision: string; findings: { id: string }[] } {
  return JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as {
    decision: string;
    findings: { id: string }[];
  };
}

function decide(sb: Sandbox, command: string): string {
  return verdict(sb, command).decision;
}

test('the Makefile.toml reader finds scripts, commands, dependencies and run_task, and reads other runners as theirs', () => {
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
  assert.deepEqual(tasks.get('d'), { deps: [], lines: ["rust-script -e 'fn main() {}'"] });
  assert.deepEqual(tasks.get('e'), { deps: ['a'], lines: [`${UNREAD_RUNNER}@duckscript`] });
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

// A cargo-make script for a runner other than a shell (`@rust`, `python`, a `#!node` line, `script = { file }`) was
// passed unread and allowed: `cargo make x` ran `std::fs::remove_dir_all("/home")` unjudged.
test('a cargo-make script is read as the runner that runs it: an interpreter its code, a file that file', () => {
  const tasks = cargoMakeTasks(
    [
      '[tasks.py]',
      'script_runner = "python3"',
      'script = "import os"',
      '[tasks.env]',
      "script = '''",
      '#!/usr/bin/env -S node --no-warnings',
      'console.log(1)',
      "'''",
      '[tasks.file]',
      'script = { file = "scripts/x.sh" }',
      '[tasks.rbfile]',
      'script_runner = "ruby"',
      'script = { file = "x.rb" }',
      '[tasks.odd]',
      'script_runner = "mytool --flag"',
      'script = "anything"',
      '[tasks.both]',
      'script_runner = "@shell"',
      "script = '''",
      '#!python',
      'print(1)',
      "'''",
      '[tasks.over]',
      'script_runner = "perl"',
      '[tasks.over.linux]',
      'script = "print 1"',
    ].join('\n'),
  );
  assert.deepEqual(tasks.get('py')?.lines, ["python3 -c 'import os'"]);
  assert.deepEqual(tasks.get('env')?.lines, ["node -e 'console.log(1)\n'"]);
  assert.deepEqual(tasks.get('file')?.lines, ["sh 'scripts/x.sh'"]);
  assert.deepEqual(tasks.get('rbfile')?.lines, ["ruby 'x.rb'"]);
  assert.deepEqual(tasks.get('odd')?.lines, [`${UNREAD_RUNNER}mytool`]);
  // Two runners named: the script is judged as each.
  assert.deepEqual(tasks.get('both')?.lines, ['print(1)\n', "python -c 'print(1)\n'"]);
  // A platform override runs with the task's runner when it names none.
  assert.deepEqual(tasks.get('over')?.lines, ["perl -e 'print 1'"]);
});

test('cargo make judges a script run by rust-script, an interpreter or a file, and asks about a runner not read', async () => {
  await withSandbox(async (sb) => {
    const toml = (body: string) => fs.writeFileSync(path.join(sb.workspace, 'Makefile.toml'), body);
    const gated: [string, string][] = [
      ['script_runner = "@rust"\nscript = "fn main(){ std::fs::remove_dir_all(\\"/home\\").unwrap(); }"', 'deny'],
      ['script_runner = "python"\nscript = "import shutil; shutil.rmtree(\\"/home\\")"', 'deny'],
      ["script = '''\n#!/usr/bin/env node\nrequire('fs').rmSync('/home', {recursive: true})\n'''", 'deny'],
      ['script = { file = "wipe.sh" }', 'ask'],
      ['script_runner = "python3"\nscript = { file = "wipe.py" }', 'deny'],
    ];
    fs.writeFileSync(path.join(sb.workspace, 'wipe.sh'), 'rm -rf ~/.agentguard\n');
    fs.writeFileSync(path.join(sb.workspace, 'wipe.py'), 'import shutil\nshutil.rmtree("/home")\n');
    for (const [body, decision] of gated) {
      toml(`[tasks.x]\n${body}\n`);
      assert.equal(decide(sb, 'cargo make x'), decision, body);
    }
    for (const body of ["script = '''\n#!@duckscript\nrm -r /home\n'''", 'script_runner = "mytool"\nscript = "x"']) {
      toml(`[tasks.x]\n${body}\n`);
      const v = verdict(sb, 'makers x');
      assert.equal(v.decision, 'ask', body);
      assert.ok(
        v.findings.some((f) => f.id === 'parse.too-complex'),
        body,
      );
    }
    for (const body of [
      'script = "cargo build"',
      'script_runner = "@rust"\nscript = "fn main(){ println!(\\"hi\\"); }"',
      'script_runner = "python3"\nscript = "print(1)"',
    ]) {
      toml(`[tasks.x]\n${body}\n`);
      assert.equal(decide(sb, 'cargo make x'), 'allow', body);
    }
  });
});

// `pnpm turbo run x` took `turbo` for a script name and, with no such script, stopped: the tasks were never read.
test('turbo and nx run through a package manager reach their readers, unless a script has their name', async () => {
  await withSandbox(async (sb) => {
    const pkg = (scripts: Record<string, string>) =>
      fs.writeFileSync(path.join(sb.workspace, 'package.json'), JSON.stringify({ scripts }));
    pkg({ build: 'rm -rf ~/.agentguard' });
    fs.writeFileSync(
      path.join(sb.workspace, 'project.json'),
      JSON.stringify({ name: 'app', targets: { x: { command: 'rm -rf ~/.agentguard' } } }),
    );
    for (const command of [
      'pnpm turbo run build',
      'yarn turbo build',
      'bun run turbo run build',
      'npm exec turbo -- run build',
      'npx turbo -- run build',
      'pnpm exec turbo run build',
      'pnpm dlx turbo run build',
      'pnpm nx run app:x',
      'yarn nx run app:x',
    ])
      assert.notEqual(decide(sb, command), 'allow', command);
    // A script named turbo is what `pnpm turbo` runs.
    pkg({ turbo: 'echo hi', build: 'rm -rf ~/.agentguard' });
    assert.equal(decide(sb, 'pnpm turbo run build'), 'allow');
    assert.equal(decide(sb, 'npm exec turbo -- run build --dry-run'), 'allow');
  });
});

// nx.json's targetDefaults were not read: a default command or dependsOn for a target ran unjudged.
test('the nx reader merges nx.json targetDefaults under the project target, its own settings winning', () => {
  const defaults = {
    x: { command: 'echo default' },
    'nx:run-commands': { options: { commands: ['echo by executor'] } },
    'e2e-*': { dependsOn: ['build'] },
    lint: { dependsOn: ['^prep'] },
    nope: { command: 'not a target here' },
  };
  const targets = nxTargets(
    JSON.stringify({
      name: 'app',
      targets: {
        x: {},
        own: { command: 'echo own' },
        run: { executor: 'nx:run-commands', options: { cwd: '.' } },
        'e2e-ci': { command: 'echo e2e' },
        tsc: { executor: '@nx/js:tsc' },
      },
    }),
    JSON.stringify({ scripts: { lint: 'eslint .' } }),
    { ...defaults, own: { command: 'echo default', dependsOn: ['y'] }, tsc: { command: 'not run' } },
  );
  assert.deepEqual(targets.get('x'), { deps: [], lines: ['echo default'] });
  assert.deepEqual(targets.get('own'), { deps: ['y'], lines: ['echo own'] });
  assert.deepEqual(targets.get('run'), { deps: [], lines: ['echo by executor'] });
  assert.deepEqual(targets.get('e2e-ci'), { deps: ['build'], lines: ['echo e2e'] });
  assert.deepEqual(targets.get('tsc'), { deps: [], lines: [] });
  assert.deepEqual(targets.get('lint'), { deps: ['prep'], lines: ['eslint .'] });
  assert.equal(targets.has('nope'), false);
});

test('nx judges a command or a dependency nx.json targetDefaults give a target', async () => {
  await withSandbox(async (sb) => {
    const write = (file: string, o: unknown) => fs.writeFileSync(path.join(sb.workspace, file), JSON.stringify(o));
    write('project.json', { name: 'app', targets: { x: {}, y: { command: 'echo y' }, z: { command: 'echo z' } } });
    write('nx.json', { targetDefaults: { x: { command: 'rm -rf ~/.agentguard' } } });
    assert.notEqual(decide(sb, 'nx run app:x'), 'allow');
    write('nx.json', { targetDefaults: { y: { dependsOn: ['w'] } } });
    write('project.json', {
      name: 'app',
      targets: { y: { command: 'echo y' }, w: { command: 'rm -rf ~/.agentguard' } },
    });
    assert.notEqual(decide(sb, 'nx run app:y'), 'allow');
    write('nx.json', { targetDefaults: { y: { command: 'rm -rf ~/.agentguard' } } });
    assert.equal(decide(sb, 'nx run app:y'), 'allow', "the project's own command is the one that runs");
  });
});
