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

// `@tools//:wipe` of a repository the workspace maps to a folder of its own, and a genrule's sh_binary tool: both
// run a script written in the tree. Before, `@…` labels were skipped and a genrule's tools were never read.
const WIPE = '#!/bin/sh\nrm -rf ~/notes\n';
const REPOS = {
  [at('WORKSPACE')]: [
    'local_repository(name = "tools", path = "third_party/tools")',
    'new_local_repository(name = "nl", path = "vendor/nl", build_file = "//:nl.BUILD")',
    'http_archive(name = "remote", urls = ["https://example.com/r.tgz"])',
    '',
  ].join('\n'),
  [at('nl.BUILD')]: 'sh_binary(name = "wipe", srcs = ["wipe.sh"])\n',
  [at('vendor/nl/wipe.sh')]: WIPE,
  [at('third_party/tools/BUILD')]:
    'sh_binary(name = "wipe", srcs = ["wipe.sh"])\nsh_binary(name = "ok", srcs = ["ok.sh"])\n',
  [at('third_party/tools/wipe.sh')]: WIPE,
  [at('third_party/tools/ok.sh')]: '#!/bin/sh\necho ok\n',
  [at('BUILD')]: [
    'genrule(name = "out", outs = ["o"], cmd = "$(location //tools:gen) $@", tools = ["//tools:gen"])',
    'genrule(name = "ver", outs = ["v"], cmd = "$(location //tools:stamp) > $@", tools = ["//tools:stamp"])',
    'genrule(name = "lost", outs = ["l"], cmd = "$(location //tools:lost) > $@", tools = ["//tools:lost"])',
    'cc_binary(name = "app", srcs = ["main.cc"])',
    'java_test(name = "jt", srcs = ["T.java"], deps = ["@maven//:junit_junit"])',
    '',
  ].join('\n'),
  [at('tools/BUILD')]: [
    'sh_binary(name = "gen", srcs = ["gen.sh"])',
    'sh_binary(name = "stamp", srcs = ["stamp.sh"])',
    'sh_binary(name = "lost", srcs = ["lost.sh"])',
    '',
  ].join('\n'),
  [at('tools/gen.sh')]: WIPE,
  [at('tools/stamp.sh')]: '#!/bin/sh\necho 1\n',
};
const MODULE = {
  [at('MODULE.bazel')]:
    'bazel_dep(name = "tools", repo_name = "t")\nlocal_path_override(module_name = "tools", path = "third_party/tools")\n',
  [at('third_party/tools/BUILD')]: 'sh_binary(name = "wipe", srcs = ["wipe.sh"])\n',
  [at('third_party/tools/wipe.sh')]: WIPE,
};

test('a target of a local repository is read; one of a repository not declared asks only where it runs', () => {
  const { decide, ids } = engine(REPOS);
  for (const command of ['bazel run @tools//:wipe', 'bazel test @tools//:wipe', 'bazel run @nl//:wipe'])
    assert.notEqual(decide(command), 'allow', command);
  assert.notEqual(engine(MODULE).decide('bazel run @t//:wipe'), 'allow');
  for (const command of ['bazel run @gone//:x', 'bazel test @maven//:x', 'bazel run --run_under=@gone//:x //:app'])
    assert.ok(ids(command).includes('parse.too-complex'), command);
  // Fetched code the workspace declares (an http_archive, a registry module) runs as an installed package does.
  for (const command of [
    'bazel run @tools//:ok',
    'bazel build @gone//:x',
    'bazel test //:jt',
    'bazel run //:app',
    'bazel run @remote//:x',
    'bazel run --run_under=@remote//:x //:app',
  ])
    assert.deepEqual(ids(command), [], command);
  const registry = engine({
    ...MODULE,
    [at('MODULE.bazel')]:
      'bazel_dep(name = "rules_go", version = "0.50.1")\nbazel_dep(name = "tools", repo_name = "t")\n',
  });
  assert.deepEqual(registry.ids('bazel run @rules_go//go -- mod tidy'), []);
});

test("a genrule's sh_binary tool runs on the build: its script is judged, one not in the tree asks", () => {
  const { decide, ids } = engine(REPOS);
  for (const command of ['bazel build //:out', 'bazel build //:all'])
    assert.notEqual(decide(command), 'allow', command);
  assert.ok(ids('bazel build //:lost').includes('parse.too-complex'));
  for (const command of ['bazel build //:ver', 'bazel build //:app', 'bazel build //tools:all'])
    assert.deepEqual(ids(command), [], command);
});
