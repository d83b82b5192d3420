// A folder inside an output folder the repository ignores (`.godot/imported`) is output as the folder is; emptying
// such a folder with `DIR/*` is judged as removing it; Django's, vcpkg's, Hugo's, fastlane's and Jekyll's output
// folders count where ignored. The same paths with no ignore line, a `!` line naming them, or a tracked
// .gitignore inside that re-includes files, still ask; so does a source folder beside them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskWorkspace, judgedOnDisk } from '../../support/engineHarness';

const OUTPUTS = ['staticfiles', 'vcpkg_installed', 'resources/_gen', 'fastlane/test_output', '_site'];

function tree(gitignore: string, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {
    'src/main.c': 'int main(void) { return 0; }\n',
    'src/imported/keep.c': 'x\n',
    '.godot/imported/player.png-abc.ctex': 'x\n',
    '.godot/editor/state.cfg': 'x\n',
    '.gitignore': gitignore,
    ...extra,
  };
  for (const o of OUTPUTS) files[`${o}/a.bin`] = 'x\n';
  return files;
}
const IGNORED = ['.godot/', '/staticfiles/', 'vcpkg_installed/', '/resources/_gen/', 'fastlane/test_output', '_site/']
  .map((l) => l + '\n')
  .join('');

test('a folder inside an ignored output folder, and an ignored output emptied by DIR/*, are output: allowed', () => {
  judgedOnDisk(
    'ag-inside-out-',
    tree(IGNORED),
    [
      'rm -rf .godot/imported',
      'rm -rf .godot/editor .godot/imported',
      'rm -rf .godot/*',
      ...OUTPUTS.map((o) => `rm -rf ${o}`),
      'rm -rf resources/_gen/*',
      'rm -rf staticfiles/* _site/*',
    ],
    'allow',
    { git: true },
  );
});

test('not ignored, re-included by a `!` line or by a .gitignore inside, or a source folder: still asks', () => {
  judgedOnDisk(
    'ag-inside-out-',
    tree(''),
    ['rm -rf .godot/imported', 'rm -rf resources/_gen/*', ...OUTPUTS.map((o) => `rm -rf ${o}`)],
    'gate',
    { git: true },
  );
  judgedOnDisk('ag-inside-out-', tree(IGNORED + '!.godot/imported/\n'), ['rm -rf .godot/imported'], 'gate', {
    git: true,
  });
  judgedOnDisk(
    'ag-inside-out-',
    tree(IGNORED, { '.godot/imported/.gitignore': '*\n!keep.txt\n', '.godot/imported/keep.txt': 'x\n' }),
    ['rm -rf .godot/imported'],
    'gate',
    { git: true },
  );
  judgedOnDisk(
    'ag-inside-out-',
    tree(IGNORED),
    ['rm -rf src/imported', 'rm -rf src/*', 'rm -rf resources/*', 'rm -rf .godot/imported src'],
    'gate',
    { git: true },
  );
});

test('a symbolic link inside an ignored output folder that leads to source: still asks', () => {
  const { judge, ws, done } = diskWorkspace('ag-inside-out-', tree(IGNORED), { git: true });
  try {
    fs.symlinkSync('../src', path.join(ws, '.godot', 'link'));
    fs.symlinkSync('../../src', path.join(ws, '.godot', 'imported', 'lnk'));
    for (const c of [
      'rm -rf .godot/link/',
      'rm -rf .godot/link/*',
      'rm -rf .godot/imported/lnk/',
      'rm -rf .godot/imported/lnk/*',
    ])
      assert.notEqual(judge(c).decision, 'allow', c);
    assert.equal(judge('rm -rf .godot/imported').decision, 'allow');
    // Without a trailing slash rm removes the link itself, not what it points at.
    for (const c of ['rm -rf .godot/link', 'rm -rf .godot/imported/lnk']) assert.equal(judge(c).decision, 'allow', c);
  } finally {
    done();
  }
});

test("an ignored output that is a link out of the workspace (Bazel's bazel-out): removing the link is quiet, going through it asks", () => {
  const { judge, ws, done } = diskWorkspace(
    'ag-inside-out-',
    { '.gitignore': '/bazel-*\n', 'MODULE.bazel': 'module(name = "x")\n', 'BUILD.bazel': '' },
    { git: true },
  );
  try {
    const cache = fs.mkdtempSync(path.join(path.dirname(ws), 'bazel-cache-'));
    for (const l of ['bazel-out', 'bazel-bin', 'bazel-testlogs']) fs.symlinkSync(cache, path.join(ws, l));
    for (const c of ['rm -rf bazel-out', 'rm -rf bazel-bin bazel-out bazel-testlogs'])
      assert.equal(judge(c).decision, 'allow', c);
    for (const c of ['rm -rf bazel-out/', 'rm -rf bazel-out/*', 'rm -rf bazel-bin/.'])
      assert.notEqual(judge(c).decision, 'allow', c);
  } finally {
    done();
  }
});
