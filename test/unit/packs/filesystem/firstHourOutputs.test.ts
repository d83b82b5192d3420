// Folders a dependency or build tool writes beside its manifest (renv's
// library beside renv.lock, Carthage/Build beside a Cartfile, SwiftPM's
// .swiftpm, cibuildwheel's wheelhouse, Quarto's _freeze) are output where the
// repository's .gitignore ignores them; a missing dot-named file
// (`.terraform.lock.hcl`) deletes nothing. Without the manifest or the ignore
// line, or for a dot-name shaped as a folder, `rm -rf` still asks.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const tools = {
  'renv.lock': '{"R":{"Version":"4.3.1"}}\n',
  'renv/.gitignore': 'library/\nlocal/\nstaging/\n',
  'renv/activate.R': 'local({})\n',
  'renv/library/R-4.3/x86_64/cli/DESCRIPTION': 'Package: cli\n',
  'renv/local/mypkg_0.1.tar.gz': 'x',
  Cartfile: 'github "Alamofire/Alamofire" ~> 5.8\n',
  'Carthage/Build/iOS/Alamofire.framework/Info.plist': '<plist/>\n',
  'Carthage/Checkouts/Alamofire/README.md': '# x\n',
  'Package.swift': '// swift-tools-version:5.9\n',
  '.swiftpm/xcode/package.xcworkspace/contents.xcworkspacedata': '<x/>\n',
  'pyproject.toml': '[project]\nname = "x"\n[tool.cibuildwheel]\nbuild = "cp311-*"\n',
  'wheelhouse/x-0.1-cp311-manylinux.whl': 'PK',
  '_quarto.yml': 'project:\n  type: website\n',
  '_freeze/index/execute-results/html.json': '{}\n',
  '.tools/gen.sh': 'echo hi\n',
  '.gitignore': 'Carthage/Build/\n/.swiftpm\nwheelhouse/\n/_freeze/\n',
};

test('a tool output beside its manifest that git ignores is deleted quietly', () => {
  judgedOnDisk(
    'ag-toolout-',
    tools,
    [
      'rm -rf renv/library',
      'rm -rf renv/library/*',
      'rm -rf Carthage/Build',
      'rm -rf .swiftpm',
      'rm -rf wheelhouse',
      'rm -rf _freeze',
      'rm -rf .terraform.lock.hcl',
      'rm -rf .eslintrc.json',
      'rm -rf src/.prettierrc.yaml',
    ],
    'allow',
    { git: true },
  );
});

test('without the manifest or the ignore line, a folder of work, or a dot-name shaped as a folder, still asks', () => {
  judgedOnDisk(
    'ag-toolout-',
    tools,
    [
      // renv/local holds package sources the user put there.
      'rm -rf renv/local',
      'rm -rf Carthage/Checkouts',
      'rm -rf Carthage',
      'rm -rf renv',
      'rm -rf .tools',
    ],
    'gate',
    { git: true },
  );
  const noIgnore = { ...tools, '.gitignore': '', 'renv/.gitignore': '' };
  judgedOnDisk(
    'ag-toolout-',
    noIgnore,
    ['rm -rf renv/library', 'rm -rf Carthage/Build', 'rm -rf .swiftpm', 'rm -rf wheelhouse', 'rm -rf _freeze'],
    'gate',
    { git: true },
  );
  const noManifest = Object.fromEntries(
    Object.entries(tools).filter(
      ([k]) => !/^(?:renv\.lock|Cartfile|Package\.swift|pyproject\.toml|_quarto\.yml)$/.test(k),
    ),
  );
  judgedOnDisk(
    'ag-toolout-',
    noManifest,
    ['rm -rf renv/library', 'rm -rf Carthage/Build', 'rm -rf .swiftpm', 'rm -rf wheelhouse', 'rm -rf _freeze'],
    'gate',
    { git: true },
  );
});

// A Phoenix app, a Flutter app's iOS folder, a Fresh app, a stack project, an sbt build and a Bazel workspace, each
// with the .gitignore its generator writes (wildcard lines such as `dist-*` and `/bazel-*` among them).
const ecosystems = {
  'mix.exs': 'defmodule Shop.MixProject do\nend\n',
  'cover/excoveralls.html': '<html/>\n',
  'doc/index.html': '<html/>\n',
  'ios/Podfile': "platform :ios, '12.0'\n",
  'ios/.gitignore': 'Pods/\n.symlinks/\n',
  'ios/.symlinks/plugins/x': 'x',
  'web/fresh.config.ts': 'export default {};\n',
  'web/_fresh/static/island.js': '1;\n',
  'web/.gitignore': '_fresh/\n',
  'hs/stack.yaml': 'resolver: lts-22.6\n',
  'hs/.gitignore': 'dist-*\n.hpc\n.stack-work/\n',
  'hs/dist-newstyle/cache/plan.json': '{}\n',
  'hs/.hpc/x.mix': 'x',
  'jvm/build.sbt': 'ThisBuild / scalaVersion := "3.3.1"\n',
  'jvm/.gitignore': 'target/\nproject/project/\n',
  'jvm/project/project/target/x': 'x',
  'mono/MODULE.bazel': 'module(name = "mono")\n',
  'mono/.gitignore': '/bazel-*\n',
  'mono/bazel-out/k8-fastbuild/bin/x': 'x',
  'mono/bazel-mono/x': 'x',
  '.gitignore': '/cover/\n/doc/\n',
  // A .NET solution's project folder is named like a file.
  'src/Inventory.Core/Item.cs': 'public record Item(int Id);\n',
  'src/Inventory.Core/Inventory.Core.csproj': '<Project Sdk="Microsoft.NET.Sdk"/>\n',
};

test("each ecosystem's own output, declared by its manifest and ignored by its .gitignore, goes quietly", () => {
  judgedOnDisk(
    'ag-ecosys-',
    ecosystems,
    [
      'rm -rf cover',
      'rm -rf doc',
      'rm -rf ios/.symlinks',
      'cd web && rm -rf _fresh',
      'rm -rf hs/dist-newstyle',
      'cd hs && rm -rf .hpc',
      'rm -rf jvm/project/project',
      'cd mono && rm -rf bazel-out bazel-mono',
      'rm -rf mono/bazel-bin',
    ],
    'allow',
    { git: true },
  );
});

test('the same names without their manifest, a wildcard of nothing but `*`, or a folder named like a file, ask', () => {
  judgedOnDisk(
    'ag-ecosys-',
    { ...ecosystems, 'mix.exs': '', 'hs/stack.yaml': '', 'mono/MODULE.bazel': '' },
    ['rm -rf src/Inventory.Core', 'cd src && rm -rf Inventory.Core/'],
    'gate',
    { git: true },
  );
  const noManifests = Object.fromEntries(
    Object.entries(ecosystems).filter(([k]) => !/(?:mix\.exs|Podfile|stack\.yaml|build\.sbt|MODULE\.bazel)$/.test(k)),
  );
  judgedOnDisk(
    'ag-ecosys-',
    noManifests,
    ['rm -rf cover', 'rm -rf doc', 'rm -rf ios/.symlinks', 'rm -rf hs/.hpc', 'rm -rf jvm/project/project'],
    'gate',
    { git: true },
  );
  // A whitelisting .gitignore (`*` then `!` lines) ignores everything by a wildcard alone: no output is named.
  judgedOnDisk(
    'ag-ecosys-',
    { ...ecosystems, 'mono/.gitignore': '*\n!*.bazel\n!services/\n' },
    ['cd mono && rm -rf bazel-mono'],
    'gate',
    { git: true },
  );
});

// A Laravel app: its compiled views and caches keep a .gitignore of their own that ignores all they hold; its
// uploads folder does too, but no manifest names it as output.
const laravel = {
  artisan: '#!/usr/bin/env php\n<?php\n',
  'storage/framework/views/.gitignore': '*\n!.gitignore\n',
  'storage/framework/views/3f2a.php': '<?php echo 1;\n',
  'storage/framework/cache/.gitignore': '*\n!data/\n!.gitignore\n',
  'storage/framework/cache/data/.gitignore': '*\n!.gitignore\n',
  'storage/framework/cache/data/ab/cd': 'x',
  'bootstrap/cache/.gitignore': '*\n!.gitignore\n',
  'bootstrap/cache/services.php': '<?php return [];\n',
  'storage/app/.gitignore': '*\n!public/\n!.gitignore\n',
  'storage/app/invoices/2024-001.pdf': '%PDF\n',
  'storage/logs/.gitignore': '*\n!.gitignore\n',
  'storage/logs/laravel.log': 'x\n',
  '.gitignore': '/vendor\n/node_modules\n',
};

test("Laravel's compiled views and caches are output; its uploads and a view folder that keeps files are not", () => {
  judgedOnDisk(
    'ag-laravel-',
    laravel,
    [
      'rm -rf storage/framework/views/*',
      'rm -rf storage/framework/cache/data/*',
      'rm -rf bootstrap/cache/*',
      'rm -rf storage/framework/views',
    ],
    'allow',
    { git: true },
  );
  judgedOnDisk('ag-laravel-', laravel, ['rm -rf storage/app/*', 'rm -rf storage/app', 'rm -rf storage'], 'gate', {
    git: true,
  });
  judgedOnDisk(
    'ag-laravel-',
    { ...laravel, 'storage/framework/views/.gitignore': '*\n!.gitignore\n!keep.php\n' },
    ['rm -rf storage/framework/views/*'],
    'gate',
    { git: true },
  );
  const noArtisan = Object.fromEntries(Object.entries(laravel).filter(([k]) => k !== 'artisan'));
  judgedOnDisk('ag-laravel-', noArtisan, ['rm -rf storage/framework/views/*'], 'gate', { git: true });
});
