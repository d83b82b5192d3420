// Bazel runs what the BUILD files name: `bazel run //:x` an sh_binary's script
// or a py_binary's main file, `bazel test` its test targets' scripts, and any
// build the genrules' cmd lines. Before, every bazel call was judged as bazel
// alone and allowed whatever those held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { diskWorkspace, engine } from '../support/engineHarness';
import { bazelRules } from '../../../src/core/parse/bazelBuild';
import { HOME, WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);
const WIPE = '#!/bin/sh\nrm -rf ~/notes\n';
const BUILD = [
  'load("@rules_shell//shell:sh_binary.bzl", "sh_binary")',
  'sh_binary(name = "wipe", srcs = ["wipe.sh"])',
  'sh_binary(name = "hello", srcs = [":hello.sh"])',
  'py_binary(',
  '    name = "tool",',
  '    srcs = ["tool.py", "lib.py"],',
  ')',
  'cc_binary(name = "app", srcs = ["app.cc"])',
  '',
].join('\n');
const FILES = {
  [at('MODULE.bazel')]: 'module(name = "app")\n',
  [at('BUILD.bazel')]: BUILD,
  [at('wipe.sh')]: WIPE,
  [at('hello.sh')]: '#!/bin/sh\necho hello\n',
  [at('tool.py')]: 'import shutil\nshutil.rmtree("/home/user/notes")\n',
  [at('lib.py')]: 'X = 1\n',
  [at('gen/BUILD')]:
    'genrule(\n    name = "g",\n    outs = ["g.h"],\n    cmd = "rm -rf $$HOME/notes && touch $@",\n    local = True,\n)\n',
  [at('ok/BUILD')]:
    'genrule(name = "v", srcs = ["v.in"], outs = ["v.h"], cmd = """\nsed s/x/y/ $(location v.in) > $@\n""")\n' +
    'genrule(name = "w", outs = ["w.h"], tools = [":t"], cmd = "rm -f $@; mkdir -p $(@D)/t && $(location :t) > $@")\n',
};

test("bazel run judges the target's script; a build judges its package's genrule cmd lines", () => {
  const { decide, ids } = engine(FILES);
  for (const command of [
    'bazel run //:wipe',
    'bazel run :wipe',
    'bazel run wipe',
    'bazel run -c opt //:wipe -- --force',
    'bazel --output_base=/var/cache/b run //:tool',
    'bazelisk run //:wipe',
    'bazel build //gen:g',
    'bazel build //gen:all',
    "bazel run --run_under='rm -rf ~/notes' //:hello",
    'bazel test --run_under "rm -rf /home/user/notes" //:hello',
  ]) {
    assert.notEqual(decide(command), 'allow', command);
  }
  for (const command of [
    'bazel run //:hello',
    'bazel run //:app',
    'bazel build //:app',
    'bazel build -c opt //ok:v',
    'bazel run --config ci //:hello -- a b',
    'bazel run --run_under=valgrind //:hello',
    'bazel query //gen:all',
    'bazel info',
  ]) {
    assert.equal(decide(command), 'allow', `${command}: ${ids(command)}`);
  }
});

test('a target to run that no BUILD file spells, or a BUILD file not read whole, asks', () => {
  const big = 'sh_binary(name = "x", srcs = ["x.sh"])\n' + '# pad\n'.repeat(100_000);
  // `made`'s script is a genrule's output, not in the tree: what it holds is not known.
  const made = BUILD + 'sh_binary(name = "made", srcs = [":made.sh"])\n';
  const { ids } = engine({ ...FILES, [at('BUILD.bazel')]: made, [at('big/BUILD.bazel')]: big });
  for (const command of ['bazel run //:nothing', 'bazel test //nowhere:t', 'bazel run //big:x', 'bazel run //:made'])
    assert.ok(ids(command).includes('parse.too-complex'), command);
  // A word after an option may be its value (`--config ci`): never asked for when it names no target.
  assert.deepEqual(ids('bazel test --config ci //:hello'), []);
  assert.deepEqual(ids('bazel build //:nothing'), []);
});

test("bazel test //... reads every package's test scripts and genrules; ordinary ones stay allowed", () => {
  const { judge, done } = diskWorkspace('ag-bazel-', {
    'MODULE.bazel': '',
    'BUILD.bazel': 'py_test(name = "app_test", srcs = ["app_test.py"])\n',
    'app_test.py': 'def test_ok():\n    assert True\n',
    'tests/BUILD': 'sh_test(name = "smoke", srcs = ["smoke.sh"])\nsh_test(name = "wipe", srcs = ["wipe.sh"])\n',
    'tests/smoke.sh': '#!/bin/sh\necho ok\n',
    'tests/wipe.sh': WIPE,
    'lib/BUILD.bazel': 'cc_library(name = "lib", srcs = ["lib.cc"])\n',
  });
  try {
    for (const command of ['bazel test //...', 'bazel test //tests/...', 'bazel test //tests:wipe'])
      assert.notEqual(judge(command).decision, 'allow', command);
    for (const command of [
      'bazel test //:app_test',
      'bazel test //tests:smoke',
      'bazel build //...',
      'bazel query //...',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test('the BUILD reader: rule kinds, names and the strings each argument spells', () => {
  const rules = bazelRules(
    [
      '# comment (',
      'genrule(',
      '    name = "g",  # a name',
      '    cmd = "a " + \'b\' + r"\\n",',
      '    tools = [":t", "//x:y"],',
      '    cmd_bash = select({"//c:linux": "echo linux", "//conditions:default": "true"}),',
      ')',
      'x = [f(name = "inner")]',
      '',
    ].join('\n'),
  );
  assert.equal(rules[0].kind, 'genrule');
  assert.deepEqual(rules[0].attrs.get('name'), { strings: ['g'], literal: true });
  assert.deepEqual(rules[0].attrs.get('cmd'), { strings: ['a b\\n'], literal: true });
  assert.deepEqual(rules[0].attrs.get('tools'), { strings: [':t', '//x:y'], literal: true });
  assert.equal(rules[0].attrs.get('cmd_bash')?.literal, false);
  assert.deepEqual(rules[0].attrs.get('cmd_bash')?.strings, [
    '//c:linux',
    'echo linux',
    '//conditions:default',
    'true',
  ]);
  assert.equal(rules.length, 1);
});

test("a --run_under from the workspace's or the home's .bazelrc is judged for the calls it applies to", () => {
  const WIPE_UNDER = 'run --run_under="rm -rf ~/notes"\n';
  const cases: [Record<string, string>, string][] = [
    [{ [at('.bazelrc')]: WIPE_UNDER }, 'bazel run //:app'],
    [{ [at('.bazelrc')]: 'common --run_under="rm -rf ~/notes"\n' }, 'bazel test //:hello'],
    [{ [at('.bazelrc')]: "build --run_under 'rm -rf ~/notes'\n" }, 'bazel coverage //:hello'],
    [{ [at('.bazelrc')]: 'run:wipe --run_under="rm -rf ~/notes"\n' }, 'bazel run --config=wipe //:app'],
    [{ [at('.bazelrc')]: 'common --config=w\nrun:w --run_under="rm -rf ~/notes"\n' }, 'bazel run //:app'],
    [
      {
        [at('.bazelrc')]: 'common --enable_platform_specific_config\nrun:linux --run_under="rm -rf ~/notes" # a note\n',
      },
      'bazel run //:app',
    ],
    [
      { [at('.bazelrc')]: 'try-import %workspace%/user.bazelrc\n', [at('user.bazelrc')]: WIPE_UNDER },
      'bazel run //:app',
    ],
    [{ [path.join(HOME, '.bazelrc')]: WIPE_UNDER }, 'bazel run //:app'],
    [{ [at('other.rc')]: WIPE_UNDER }, 'bazel --bazelrc=other.rc run //:app'],
    // A startup option's value as the next word: the verb comes after it.
    [{ [at('other.rc')]: WIPE_UNDER }, 'bazel --bazelrc other.rc run //:app'],
    [{ [at('.bazelrc')]: WIPE_UNDER }, 'bazel --output_base /tmp/ob run //:app'],
  ];
  for (const [rc, command] of cases)
    assert.notEqual(engine({ ...FILES, ...rc }).decide(command), 'allow', `${Object.values(rc).join('|')} ${command}`);
  const quiet: [string, string][] = [
    ["build --jobs=4\ntest --test_output=errors # don't wait\n", 'bazel run //:app'],
    ['try-import %workspace%/user.bazelrc\n', 'bazel test //:hello'],
    [WIPE_UNDER, 'bazel build //:app'],
    ['run:wipe --run_under="rm -rf ~/notes"\n', 'bazel run //:app'],
    ['run --run_under=valgrind\n', 'bazel run //:hello'],
    [WIPE_UNDER, 'bazel --output_base /tmp/ob build //:app'],
  ];
  for (const [rc, command] of quiet) {
    const { ids } = engine({ ...FILES, [at('.bazelrc')]: rc });
    assert.deepEqual(ids(command), [], `${rc} ${command}`);
  }
});

test('an rc file not read whole, or imports past the bound, ask for bazel run and test only', () => {
  const chain: Record<string, string> = { [at('.bazelrc')]: 'import %workspace%/r0.rc\n' };
  for (let i = 0; i < 12; i++) chain[at(`r${i}.rc`)] = `import %workspace%/r${i + 1}.rc\n`;
  for (const rc of [{ [at('.bazelrc')]: 'run --run_under="valgrind\n' }, chain]) {
    const { ids } = engine({ ...FILES, ...rc });
    assert.ok(ids('bazel run //:app').includes('parse.too-complex'), 'bazel run');
    assert.ok(ids('bazel test //:hello').includes('parse.too-complex'), 'bazel test');
    assert.deepEqual(ids('bazel build //:app'), []);
  }
});
