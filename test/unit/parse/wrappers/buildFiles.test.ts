// Build and project tools run what the workspace holds: pip a local project's
// setup.py and in-tree build backend, tox its commands, lefthook its run lines,
// cargo the runner and rustc-wrapper of .cargo/config.toml. Each was allowed
// unread; each is now read when the tool runs. Real files, the engine as the
// hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const PY_WIPE = 'import os\nos.system("rm -rf ~")\n';

const judged = (files: Record<string, string>, commands: readonly string[], expect: 'gate' | 'allow') =>
  judgedOnDisk('ag-buildfiles-', files, commands, expect);

test("pip and build run a local project's setup.py and its in-tree build backend", () => {
  const pipForms = [
    'pip install .',
    'pip install -e .',
    'pip3 install --no-deps -e ./',
    'python -m pip install .',
    'uv pip install -e .',
    'pip wheel . -w dist',
    'python -m build',
    'pyproject-build',
  ];
  judged({ 'setup.py': `${PY_WIPE}from setuptools import setup\nsetup()\n` }, pipForms, 'gate');
  judged({ 'lib/setup.py': PY_WIPE }, ['pip install ./lib', 'pip install -e lib/'], 'gate');
  judged(
    {
      'pyproject.toml':
        '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["_build"]\n\n[project]\nname = "x"\n',
      '_build/backend.py': PY_WIPE,
    },
    ['pip install .', 'python -m build'],
    'gate',
  );
  judged(
    {
      'setup.py': 'from setuptools import setup, find_packages\nsetup(name="x", packages=find_packages())\n',
      'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
      'requirements.txt': 'requests\n',
    },
    [...pipForms, 'pip install requests', 'pip install -r requirements.txt'],
    'allow',
  );
  judged({ 'requests/setup.py': PY_WIPE }, ['pip install requests'], 'allow');
});

test('tox runs its commands; lefthook its run lines, when installed or run', () => {
  judged(
    { 'tox.ini': '[testenv]\ncommands =\n    pytest\n    rm -rf ~\n' },
    ['tox', 'tox -e py3', 'python -m tox'],
    'gate',
  );
  judged({ 'pyproject.toml': '[tool.tox.env_run_base]\ncommands = [["rm", "-rf", "~"]]\n' }, ['tox'], 'gate');
  judged({ 'ci/tox.ini': '[testenv]\ncommands = rm -rf ~\n' }, ['tox -c ci/tox.ini'], 'gate');
  // tox takes a folder for -c as well, and reads the config found there.
  judged({ 'ci/tox.ini': '[testenv]\ncommands = rm -rf ~\n' }, ['tox -c ci', 'tox -c ci/', 'tox --conf ./ci'], 'gate');
  judged({ 'ci/tox.ini': '[testenv]\ncommands = pytest\n' }, ['tox -c ci', 'tox -c ci/tox.ini'], 'allow');
  judged({ 'tox.ini': '[testenv]\ndeps = pytest\ncommands = pytest {posargs}\n' }, ['tox', 'tox -e lint'], 'allow');
  // The words after `--` are what `{posargs}` runs.
  judged(
    { 'tox.ini': '[testenv]\ncommands = {posargs:pytest}\n' },
    ['tox -- rm -rf ~', 'tox -e py -- sh -c "rm -rf ~"'],
    'gate',
  );
  judged({ 'tox.ini': '[testenv]\ncommands = {posargs:pytest}\n' }, ['tox', 'tox -e py -- pytest -x'], 'allow');
  const hook = 'pre-commit:\n  commands:\n    wipe:\n      run: rm -rf ~\n';
  judged({ 'lefthook.yml': hook }, ['lefthook install', 'lefthook run pre-commit', 'npx lefthook install'], 'gate');
  judged({ 'lefthook.yml': hook }, ['lefthook version'], 'allow');
  judged(
    { 'lefthook.yml': 'pre-commit:\n  commands:\n    lint:\n      run: npx eslint {staged_files}\n' },
    ['lefthook install', 'lefthook run pre-commit'],
    'allow',
  );
});

test("cargo runs .cargo/config.toml's runner for what it runs, its rustc-wrapper for every build", () => {
  judged(
    { '.cargo/config.toml': '[target.x86_64-unknown-linux-gnu]\nrunner = "sh -c \\"rm -rf ~\\""\n' },
    ['cargo run', 'cargo test --release', 'cargo +nightly bench'],
    'gate',
  );
  judged(
    { '.cargo/config.toml': "[build]\nrustc-wrapper = ['sh', '-c', 'rm -rf ~']\n" },
    ['cargo build', 'cargo check'],
    'gate',
  );
  judged(
    {
      '.cargo/config.toml':
        '[target.wasm32-unknown-unknown]\nrunner = "wasm-bindgen-test-runner"\n[build]\nrustc-wrapper = "sccache"\n',
    },
    ['cargo run', 'cargo build', 'cargo test'],
    'allow',
  );
});

test('the runner and rustc-wrapper of a --config file and of an included config file are read as well', () => {
  const wrapper = "[build]\nrustc-wrapper = ['sh', '-c', 'rm -rf ~']\n";
  judged({ 'w.toml': wrapper }, ['cargo build --config w.toml', 'cargo --config=w.toml check'], 'gate');
  judged({ '.cargo/config.toml': 'include = ["w.toml"]\n', '.cargo/w.toml': wrapper }, ['cargo build'], 'gate');
  judged({ '.cargo/config.toml': '[[include]]\npath = "w.toml"\n', '.cargo/w.toml': wrapper }, ['cargo test'], 'gate');
  // A file named that cannot be read: what it would run is not known.
  judged({}, ['cargo build --config gone.toml', 'cargo build --config "$CFG"'], 'gate');
  judged(
    {
      'w.toml': '[build]\nrustc-wrapper = "sccache"\n',
      '.cargo/config.toml': 'include = "w2.toml"\n',
      '.cargo/w2.toml': '',
    },
    ['cargo build --config w.toml', 'cargo build'],
    'allow',
  );
});

test("cargo reads its config from the folder it runs in (-C DIR) and those above, not the manifest's", () => {
  const config = '[target.x86_64-unknown-linux-gnu]\nrunner = "sh -c \\"rm -rf ~\\""\n';
  judged(
    { 'rs/Cargo.toml': '[package]\nname = "x"\n', 'rs/.cargo/config.toml': config },
    ['cargo -C rs run', 'cd rs && cargo run', 'cd rs/src && cargo run'],
    'gate',
  );
  judged(
    { 'rs/Cargo.toml': '[package]\nname = "x"\n', 'rs/.cargo/config.toml': config },
    ['cargo run --manifest-path rs/Cargo.toml'],
    'allow',
  );
});

test("cargo runs the build scripts of the package and of the workspace's members", () => {
  const wipe = 'fn main() {\n    std::fs::remove_dir_all(std::env::var("HOME").unwrap()).unwrap();\n}\n';
  judged(
    { 'Cargo.toml': '[package]\nname = "x"\n', 'build.rs': wipe },
    ['cargo build', 'cargo test', 'cargo check'],
    'gate',
  );
  judged(
    {
      'Cargo.toml': '[package]\nname = "x"\nbuild = "tools/gen.rs"\n',
      'tools/gen.rs': 'fn main() { std::process::Command::new("sh").args(["-c", "rm -rf ~"]).status().unwrap(); }\n',
    },
    ['cargo run'],
    'gate',
  );
  judged(
    {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'crates/a/Cargo.toml': '[package]\nname = "a"\n',
      'crates/a/build.rs': wipe,
    },
    ['cargo build', 'cargo build --manifest-path Cargo.toml'],
    'gate',
  );
  judged(
    {
      'Cargo.toml': '[package]\nname = "x"\n',
      'build.rs': [
        'use std::{env, fs, path::PathBuf, process::Command};',
        'fn main() {',
        '    println!("cargo:rerun-if-changed=proto/x.proto");',
        '    let out = PathBuf::from(env::var("OUT_DIR").unwrap());',
        '    let rev = Command::new("git").args(&["rev-parse", "HEAD"]).output().unwrap();',
        '    fs::write(out.join("rev.txt"), rev.stdout).unwrap();',
        '    let _ = fs::remove_dir_all(out.join("gen"));',
        '    cc::Build::new().file("src/x.c").compile("x");',
        '}',
      ].join('\n'),
    },
    ['cargo build', 'cargo test', 'cargo run --release'],
    'allow',
  );
});
