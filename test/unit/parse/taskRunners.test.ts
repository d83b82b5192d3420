// Task runners read like make and npm: `just`, `task`, `deno task` and
// `composer run` run lines written in a project file the agent may have just
// written, so the recipe a call names (and what it depends on) is judged as
// the lines it runs. Before, each was allowed whatever its recipe held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { justRecipes } from '../../../src/core/parse/taskRunners';
import { taskfileRun } from '../../../src/core/parse/taskfile';
import { readerCdLine } from '../../../src/core/parse/readerCd';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

const JUSTFILE =
  'set shell := ["bash", "-c"]\ndefault: build\n\nbuild:\n    @echo building\n    cargo build\n\ntidy: build\n    -rm -rf ~/code\n\ntest arg="x":\n    cargo test {{arg}}\n';
const TASKFILE =
  'version: "3"\n\ntasks:\n  build:\n    cmds:\n      - go build ./...\n  tidy:\n    deps: [build]\n    cmds:\n      - rm -rf ~/code\n  release:\n    cmds:\n      - task: tidy\n  lint:\n    cmd: golangci-lint run\n';
const DENO =
  '{\n  // tasks\n  "tasks": { "tidy": "rm -rf ~/code", "dev": { "command": "deno run -A main.ts", "dependencies": ["tidy"] }, "fmt": "deno fmt" }\n}\n';
const COMPOSER =
  '{"scripts":{"tidy":["@prep","rm -rf ~/code"],"prep":"echo hi","test":"phpunit","cb":"App\\\\Installer::run"}}';

test('a recipe, a task or a script that deletes outside the workspace is judged as it, through its dependencies', () => {
  const { decide } = engine({
    [at('justfile')]: JUSTFILE,
    [at('Taskfile.yml')]: TASKFILE,
    [at('deno.json')]: DENO,
    [at('composer.json')]: COMPOSER,
  });
  for (const command of [
    'just tidy',
    'task tidy',
    'task release',
    'deno task tidy',
    'deno task dev',
    'composer run tidy',
    'composer tidy',
  ]) {
    assert.notEqual(decide(command), 'allow', command);
  }
  for (const command of [
    'just',
    'just build',
    'just test foo',
    'just --list',
    'just -n tidy',
    'task build',
    'task lint',
    'deno task fmt',
    'composer test',
    'composer install',
    'composer cb',
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});

test('the readers find recipes, bodies and dependencies as the runners do', () => {
  const just = justRecipes(JUSTFILE);
  assert.equal(just.first, 'default');
  assert.deepEqual(just.recipes.get('tidy'), { deps: ['build'], lines: ['rm -rf ~/code'] });
  assert.deepEqual(just.recipes.get('build')?.lines, ['echo building', 'cargo build']);
  assert.ok(!just.recipes.has('set'));
  const tasks = taskfileRun({ file: '/w/Taskfile.yml', text: TASKFILE }, () => undefined, [], '/w/sub').recipes;
  // Task runs a task in its Taskfile's folder, wherever `task` was typed.
  assert.deepEqual(tasks.get('tidy'), { deps: ['build'], lines: [readerCdLine('/w'), 'rm -rf ~/code'] });
  assert.deepEqual(tasks.get('release'), { deps: ['tidy'], lines: [] });
  assert.deepEqual(tasks.get('lint')?.lines, [readerCdLine('/w'), 'golangci-lint run']);
});

test('a runner without its file, or on another machine, is judged as the program alone', () => {
  const { decide } = engine({});
  for (const command of ['just tidy', 'task tidy', 'deno task tidy', 'composer tidy', "ssh host 'just tidy'"])
    assert.equal(decide(command), 'allow', command);
});

test('a make target or a just recipe past the bound on those followed is asked about, never run unread', () => {
  // Forty harmless targets fill the bound; the last one the goal depends on deletes the home folder.
  const targets = Array.from({ length: 40 }, (_, i) => `t${i}`);
  const makefile =
    targets.map((t) => `${t}:\n\techo ${t}\n`).join('') + `all: ${targets.join(' ')} nuke\nnuke:\n\trm -rf ~\n`;
  const justfile =
    targets.map((t) => `${t}:\n    echo ${t}\n`).join('') + `all: ${targets.join(' ')} nuke\nnuke:\n    rm -rf ~\n`;
  const { judge } = engine({ [at('Makefile')]: makefile, [at('justfile')]: justfile });
  for (const command of ['make all', 'just all']) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some(
        (f) => f.id === 'parse.too-complex' && /runs more targets than AgentGuard follows \(32/.test(f.summary),
      ),
      JSON.stringify(r.findings),
    );
  }
  // Within the bound every target is judged and harmless ones stay quiet.
  const few = engine({
    [at('Makefile')]:
      targets
        .slice(0, 8)
        .map((t) => `${t}:\n\techo ${t}\n`)
        .join('') + `all: ${targets.slice(0, 8).join(' ')}\n`,
  });
  assert.equal(few.decide('make all'), 'allow');
});

test('a script too large to read whole is asked about, never run with its remainder unjudged', () => {
  // 9,000 harmless lines are more words than a line is read for; the last deletes the home folder.
  const big = '#!/bin/sh\n' + 'echo hi\n'.repeat(9000) + 'rm -rf ~\n';
  const { judge } = engine({ [at('scripts/big.sh')]: big, [at('scripts/small.sh')]: '#!/bin/sh\necho hi\n' });
  for (const command of ['sh scripts/big.sh', 'bash scripts/big.sh', './scripts/big.sh', '. scripts/big.sh']) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some(
        (f) => f.id === 'parse.too-complex' && /too large to judge whole \(more than 16384 words\)/.test(f.summary),
      ),
      `${command}: ${JSON.stringify(r.findings)}`,
    );
  }
  assert.equal(judge('sh scripts/small.sh').decision, 'allow');
});

test('an ordinary long script is read whole: quiet when harmless, judged to its last line', () => {
  // 200 lines of 20 words: more words than one command line is read for, far fewer than a script is.
  const lines = Array.from({ length: 200 }, (_, i) => `echo step ${i} ${'of the build '.repeat(6)}`);
  const long = '#!/bin/sh\n' + lines.join('\n') + '\n';
  const { judge } = engine({ [at('scripts/long.sh')]: long, [at('scripts/tail.sh')]: long + 'rm -rf ~\n' });
  assert.equal(judge('bash scripts/long.sh').decision, 'allow');
  const r = judge('bash scripts/tail.sh');
  assert.equal(r.decision, 'deny', JSON.stringify(r.findings));
});

test('make hands each recipe line to its SHELL: a SHELL that is not a shell is judged as what runs', () => {
  const { decide } = engine({
    [at('Makefile')]: 'build:\n\techo hi\n',
    [at('shell.mk')]: 'SHELL = rm -rf ~ #\nbuild:\n\techo hi\n',
  });
  assert.equal(decide("make SHELL='rm -rf ~ #' build"), 'deny');
  assert.equal(decide('make -f shell.mk build'), 'deny');
  for (const command of [
    'make build',
    'make SHELL=/bin/bash build',
    "make SHELL='/usr/bin/env bash' build",
    'make SHELL=zsh',
  ])
    assert.equal(decide(command), 'allow', command);
});
