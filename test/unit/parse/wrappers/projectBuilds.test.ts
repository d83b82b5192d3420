// Bundler, cmake, gradle, pre-commit and `mvn exec:exec` run code or command
// lines the workspace holds: the Gemfile, CMakeLists.txt, the gradle scripts,
// the hooks' entries, the program named by properties. Each was allowed unread;
// each is now read when the tool runs. Real files, the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const judged = (files: Record<string, string>, commands: readonly string[], expect: 'gate' | 'allow', git = false) =>
  judgedOnDisk('ag-projectbuilds-', files, commands, expect, { git });

const BUNDLE = ['bundle', 'bundle install', 'bundle exec rspec', 'bundle exec rails s'];

test('bundler evaluates the Gemfile as Ruby', () => {
  for (const wipe of ['system("rm -rf ~")', '`rm -rf ~`', '%x(rm -rf ~)', 'FileUtils.rm_rf(Dir.home)'])
    judged({ Gemfile: `source "https://rubygems.org"\ngem "rails"\n${wipe}\n` }, BUNDLE, 'gate');
  judged({ 'ci/Gemfile': 'system("rm -rf ~")\n' }, ['bundle install --gemfile ci/Gemfile'], 'gate');
  judged(
    {
      Gemfile:
        'source "https://rubygems.org"\nruby "3.2.2"\ngem "rails", "~> 7.1"\ngroup :test do\n  gem "rspec-rails"\nend\ngemspec\n',
    },
    [...BUNDLE, 'bundle --version'],
    'allow',
  );
  judged({}, ['bundle install'], 'allow');
});

test('cmake runs execute_process and file(REMOVE…) of CMakeLists.txt while it configures', () => {
  const configure = ['cmake -S . -B build', 'cmake -B build', 'cmake .', 'cd build && cmake ..'];
  const wipe = 'cmake_minimum_required(VERSION 3.16)\nproject(x)\nexecute_process(COMMAND rm -rf $ENV{HOME})\n';
  judged({ 'CMakeLists.txt': wipe, 'build/.keep': '' }, configure, 'gate');
  judged({ 'CMakeLists.txt': 'project(x)\nfile(REMOVE_RECURSE /home)\n', 'build/.keep': '' }, configure, 'gate');
  judged(
    {
      'CMakeLists.txt': 'project(x)\nadd_subdirectory(lib)\n',
      'lib/CMakeLists.txt': 'file(REMOVE_RECURSE "$ENV{HOME}")\n',
    },
    ['cmake -S . -B build'],
    'gate',
  );
  judged(
    {
      'CMakeLists.txt': 'project(x)\ninclude(cmake/x.cmake)\n',
      'cmake/x.cmake': 'execute_process(COMMAND rm -rf /home)\n',
    },
    ['cmake -S . -B build'],
    'gate',
  );
  // An include that includes itself stops at the bound and asks.
  judged({ 'CMakeLists.txt': 'include(loop.cmake)\n', 'loop.cmake': 'include(loop.cmake)\n' }, ['cmake -B b'], 'gate');
  const ordinary = [
    'cmake_minimum_required(VERSION 3.16)',
    'project(acme CXX)',
    'find_package(Threads REQUIRED)',
    'execute_process(COMMAND git rev-parse HEAD',
    '  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}',
    '  OUTPUT_VARIABLE GIT_SHA OUTPUT_STRIP_TRAILING_WHITESPACE)',
    'execute_process(COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/gen)',
    'file(REMOVE_RECURSE ${CMAKE_BINARY_DIR}/gen/old)',
    'add_subdirectory(src)',
    'include(cmake/Warnings.cmake)',
    'add_executable(acme main.cpp)',
  ].join('\n');
  judged(
    {
      'CMakeLists.txt': ordinary,
      'src/CMakeLists.txt': 'add_library(core core.cpp)\n',
      'cmake/Warnings.cmake': 'set(W -Wall)\n',
      'build/.keep': '',
    },
    // `cmake .` builds in the source folder: its deletions under the binary folder are source folders, judged so.
    [...configure.filter((c) => c !== 'cmake .'), 'cmake --build build', 'cmake --install build'],
    'allow',
  );
  judged({ 'CMakeLists.txt': 'file(REMOVE_RECURSE /home)\n' }, ['cmake --build build', 'cmake -E echo hi'], 'allow');
});

test('gradle runs its settings and build scripts', () => {
  const gradle = ['gradle build', './gradlew build', './gradlew test', 'gradle -q tasks'];
  const scripts = [
    'task wipe { doLast { "rm -rf ~".execute() } }',
    "tasks.register('w', Exec) { commandLine 'rm', '-rf', '/home' }",
    'exec { commandLine("sh", "-c", "rm -rf ~") }',
    'project.delete(files("/home"))',
    'delete(file(System.getProperty("user.home")))',
    'ant.delete(dir: "/home")',
    "exec { commandLine 'rm', '-rf', someDir }",
  ];
  for (const script of scripts) {
    judged({ 'build.gradle': script, gradlew: '#!/bin/sh\nexec java -jar w.jar "$@"\n' }, gradle, 'gate');
    judged({ 'settings.gradle.kts': script }, ['gradle build'], 'gate');
  }
  judged({ 'app/build.gradle.kts': scripts[2] }, ['gradle -p app build'], 'gate');
  const ordinary = [
    "plugins { id 'java' }",
    'repositories { mavenCentral() }',
    "dependencies { implementation 'com.google.guava:guava:32.1.2-jre' }",
    "tasks.register('cleanGen', Delete) { delete 'build/generated', \"$buildDir/tmp\" }",
    'clean { delete rootProject.buildDir }',
    "tasks.register('v', Exec) { commandLine 'git', 'describe', '--tags' }",
    "version = 'git describe'.execute().text.trim()",
  ].join('\n');
  judged({ 'settings.gradle': "rootProject.name = 'acme'\n", 'build.gradle': ordinary }, gradle, 'allow');
  judged({ 'build.gradle': scripts[0] }, ['gradle --version'], 'allow');
});

const LOCAL_HOOK = (entry: string, language = 'system') =>
  `repos:\n  - repo: local\n    hooks:\n      - id: x\n        name: x\n        entry: ${entry}\n        language: ${language}\n`;
const SHIM =
  '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=pre-commit)\nexec pre-commit "${ARGS[@]}"\n';

test("pre-commit runs each hook's entry, also through git's installed shim", () => {
  for (const config of [
    LOCAL_HOOK('rm -rf ~'),
    LOCAL_HOOK("bash -c 'rm -rf ~'", 'script'),
    LOCAL_HOOK('"rm -rf /home"'),
  ])
    judged({ '.pre-commit-config.yaml': config }, ['pre-commit run', 'pre-commit run --all-files'], 'gate');
  judged({ 'ci/pc.yaml': LOCAL_HOOK('rm -rf ~') }, ['pre-commit run -c ci/pc.yaml'], 'gate');
  judged(
    { '.pre-commit-config.yaml': LOCAL_HOOK('rm -rf ~'), '.git/hooks/pre-commit': SHIM },
    ['git commit -m wip'],
    'gate',
    true,
  );
  const ordinary = [
    'repos:',
    '  - repo: https://github.com/psf/black',
    '    rev: 24.1.0',
    '    hooks:',
    '      - id: black',
    '        args: [--line-length=100]',
    '  - repo: local',
    '    hooks:',
    '      - id: mypy',
    '        name: mypy',
    '        entry: mypy src',
    '        language: system',
    '      - id: no-rm',
    '        name: no rm',
    "        entry: 'rm -rf /'",
    '        language: pygrep',
  ].join('\n');
  judged({ '.pre-commit-config.yaml': ordinary }, ['pre-commit run --all-files', 'pre-commit install'], 'allow');
  judged({ '.pre-commit-config.yaml': ordinary, '.git/hooks/pre-commit': SHIM }, ['git commit -m wip'], 'allow', true);
});

test('mvn exec:exec runs the program its properties name; exec:java is left alone', () => {
  judged(
    {},
    [
      'mvn exec:exec -Dexec.executable=rm -Dexec.args="-rf ~"',
      'mvn -q exec:exec -Dexec.executable=sh "-Dexec.args=-c \'rm -rf ~\'"',
      'mvn exec:exec -Dexec.executable="$PROG"',
    ],
    'gate',
  );
  judged(
    {},
    [
      'mvn exec:java -Dexec.mainClass=com.acme.Main',
      'mvn exec:exec -Dexec.executable=echo -Dexec.args=hi',
      'mvn package',
    ],
    'allow',
  );
});

test('the other ways to name the file a build tool runs', () => {
  const wipeCmake = 'file(REMOVE_RECURSE /home)\n';
  judged(
    { 'CMakeLists.txt': wipeCmake, 'scripts/x.cmake': wipeCmake },
    ['cmake --preset dev', 'cmake -P scripts/x.cmake'],
    'gate',
  );
  judged({ 'ci/Gemfile': 'system("rm -rf ~")\n' }, ['BUNDLE_GEMFILE=ci/Gemfile bundle install'], 'gate');
  judged(
    {
      'scripts/wipe.sh': '#!/bin/sh\nrm -rf ~\n',
      '.pre-commit-config.yaml': LOCAL_HOOK('scripts/wipe.sh', 'script'),
    },
    ['pre-commit run --all-files', 'prek run'],
    'gate',
  );
});

test("cmake's own variables and a file's set() values are read as the folders and programs they name", () => {
  judged({ 'CMakeLists.txt': 'set(D $ENV{HOME})\nfile(REMOVE_RECURSE ${D})\n' }, ['cmake -B build'], 'gate');
  judged(
    {
      'CMakeLists.txt': 'execute_process(COMMAND ${Python3_EXECUTABLE} gen.py)\n',
      'gen.py': 'import shutil\nshutil.rmtree("/home")\n',
    },
    ['cmake -B build'],
    'gate',
  );
  judged(
    {
      'CMakeLists.txt': [
        'find_package(Git)',
        'execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags OUTPUT_VARIABLE V)',
        'execute_process(COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/gen.py ${CMAKE_BINARY_DIR}/out.h)',
        'set(GEN_DIR ${CMAKE_BINARY_DIR}/gen)',
        'file(REMOVE_RECURSE ${GEN_DIR}/x)',
      ].join('\n'),
      'gen.py': 'print("// generated")\n',
    },
    ['cmake -S . -B build'],
    'allow',
  );
});

test('gradle reads the workspace scripts a build script applies', () => {
  judged(
    { 'build.gradle': "apply from: 'gradle/ci.gradle'\n", 'gradle/ci.gradle': 'project.delete("/home")\n' },
    ['gradle build'],
    'gate',
  );
  judged(
    { 'build.gradle': "apply from: 'a.gradle'\n", 'a.gradle': "apply from: 'build.gradle'\n" },
    ['gradle build'],
    'allow',
  );
});

test('includeFlat configures a project beside the root: its build script is read as an included one is', () => {
  // The disk workspace is `~/code/app`: `includeFlat 'lib'` is `~/code/lib`.
  const wipe = 'exec { commandLine "sh", "-c", "rm -rf ~/code" }\n';
  judged({ '../lib/build.gradle': wipe }, ['echo "includeFlat \'lib\'" >> settings.gradle && ./gradlew build'], 'gate');
  judged({ '../lib/build.gradle': wipe, 'settings.gradle': 'includeFlat("lib")\n' }, ['gradle build'], 'gate');
  judged(
    { '../lib/build.gradle': "plugins { id 'java' }\n", 'settings.gradle': "includeFlat 'lib'\n" },
    ['gradle build'],
    'allow',
  );
  judged({ 'settings.gradle': 'includeFlat libName\n' }, ['gradle build'], 'gate');
});
