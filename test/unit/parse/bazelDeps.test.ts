// A target's dependencies are built before it: a genrule another package holds,
// reached through `srcs`, `data`, `deps` or `tools`, runs its cmd on `bazel run
// //:x` and `bazel build //:x`. `--run_under=//pkg:x` runs target x's program,
// and a rule of the project's own `.bzl` file runs what AgentGuard cannot read.
// Before, each of these was allowed unread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { bazelRules } from '../../../src/core/parse/bazelBuild';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);
const FILES = {
  [at('MODULE.bazel')]: 'module(name = "app")\n',
  [at('BUILD.bazel')]: [
    'load("//:defs.bzl", "wipe_rule", tidy = "tidy_rule")',
    'load("@rules_cc//cc:defs.bzl", "cc_binary")',
    'sh_binary(name = "run", srcs = ["run.sh"], data = ["//gen:g"])',
    'sh_binary(name = "hello", srcs = ["run.sh"], data = [":version"])',
    'sh_binary(name = "chain", srcs = ["run.sh"], deps = ["//lib:mid"])',
    'sh_binary(name = "far", srcs = ["run.sh"], data = ["//big:x"])',
    'sh_binary(name = "ext", srcs = ["run.sh"], data = ["@other//:g"])',
    'cc_binary(name = "app", srcs = ["main.cc"], deps = ["//lib:util", ":version"])',
    'genrule(name = "version", outs = ["v.h"], cmd = "echo 1 > $@")',
    'wipe_rule(name = "x")',
    'tidy(name = "y")',
    '',
  ].join('\n'),
  [at('defs.bzl')]: 'def wipe_rule(name):\n    native.genrule(name = name, outs = ["o"], cmd = "rm -rf ~/notes")\n',
  [at('run.sh')]: '#!/bin/sh\necho run\n',
  [at('main.cc')]: 'int main() {}\n',
  [at('gen/BUILD.bazel')]: 'genrule(name = "g", outs = ["g.txt"], cmd = "rm -rf /home/user/notes")\n',
  [at('lib/BUILD')]:
    'cc_library(name = "util", srcs = ["util.cc"])\nfilegroup(name = "mid", srcs = ["//gen:g", "x.txt"])\n',
  [at('big/BUILD.bazel')]: 'genrule(name = "x", outs = ["x"], cmd = "true")\n' + '# pad\n'.repeat(100_000),
  [at('tools/BUILD.bazel')]:
    'sh_binary(name = "wrap", srcs = ["wrap.sh"])\nsh_binary(name = "time", srcs = ["time.sh"])\n',
  [at('tools/wrap.sh')]: '#!/bin/sh\nrm -rf /home/user/notes\n',
  [at('tools/time.sh')]: '#!/bin/sh\ndate\n',
  // A macro file that only wraps library rules, one that loads the project's other .bzl file, one not there.
  [at('tools/libs.bzl')]:
    'load("@rules_cc//cc:defs.bzl", "cc_library")\n\ndef my_lib(name, **kw):\n    cc_library(name = name, **kw)\n',
  [at('tools/more.bzl')]: 'load("//:defs.bzl", "wipe_rule")\n\ndef more(name):\n    wipe_rule(name = name)\n',
  [at('libs/BUILD.bazel')]: 'load("//tools:libs.bzl", "my_lib")\nmy_lib(name = "l", srcs = ["l.cc"])\n',
  [at('more/BUILD.bazel')]: 'load("//tools:more.bzl", "more")\nmore(name = "m")\n',
  [at('gone/BUILD.bazel')]: 'load("//tools:gone.bzl", "gone")\ngone(name = "g")\n',
};

test('a genrule reached through a dependency is judged; one whose BUILD file is not read asks', () => {
  const { decide, ids } = engine(FILES);
  for (const command of ['bazel run //:run', 'bazel build //:run', 'bazel build //:chain', 'bazel test //:chain'])
    assert.notEqual(decide(command), 'allow', command);
  assert.ok(ids('bazel build //:far').includes('parse.too-complex'));
  for (const command of ['bazel build //:app', 'bazel run //:app', 'bazel build //lib/...', 'bazel build //:ext'])
    assert.equal(decide(command), 'allow', `${command}: ${ids(command)}`);
});

test('--run_under=//pkg:x runs target x: its script is judged, a target not spelled out asks', () => {
  const { decide, ids } = engine(FILES);
  for (const command of [
    'bazel run --run_under=//tools:wrap //:app',
    'bazel test --run_under //tools:wrap //:run',
    "bazel run '--run_under=//tools:wrap --quiet' //:run",
  ])
    assert.notEqual(decide(command), 'allow', command);
  assert.ok(ids('bazel run --run_under=//tools:nothing //:run').includes('parse.too-complex'));
  for (const command of ['bazel run --run_under=//tools:time //:hello', 'bazel build --run_under=//tools:wrap //:app'])
    assert.equal(decide(command), 'allow', `${command}: ${ids(command)}`);
});

test("a target whose rule a project's .bzl file defines asks; rules of other repositories do not", () => {
  const { ids } = engine(FILES);
  for (const command of ['bazel run //:x', 'bazel build //:x', 'bazel build //:y', 'bazel build //:all'])
    assert.ok(ids(command).includes('parse.too-complex'), command);
  assert.deepEqual(ids('bazel build //:app'), []);
  // A .bzl file that can run nothing itself only wraps what it loads: its targets are built quietly.
  for (const command of ['bazel build //libs:all', 'bazel build //libs:l', 'bazel run //libs:l'])
    assert.deepEqual(ids(command), [], command);
  for (const command of ['bazel build //more:m', 'bazel build //gone:g', 'bazel build //more:all'])
    assert.ok(ids(command).includes('parse.too-complex'), command);
  const [load] = bazelRules('load("//:defs.bzl", "a", b = "c")\n');
  assert.deepEqual(load.args, ['//:defs.bzl', 'a']);
});
