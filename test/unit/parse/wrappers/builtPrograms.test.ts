// A program the line builds from the project and then runs (`cargo build &&
// ./target/debug/app`, `go build -o app . && ./app`), or installs onto PATH
// (`cargo install --path .`, `go install .`): the compiled file was judged by
// its name and allowed, whatever the crate's or package's code does. It is now
// read as `cargo run` and `go run .` read it; a hello world stays allowed.
// Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const CARGO = '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n';
const RS_WIPE = 'fn main() { std::fs::remove_dir_all("/home/dev/notes").unwrap(); }\n';
const RS_HELLO = 'fn main() {\n    println!("hello");\n}\n';
const GO_MOD = 'module example.com/tool\n\ngo 1.21\n';
const GO_WIPE = 'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll("/home/dev/notes")\n}\n';
const GO_HELLO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("v1")\n}\n';

test('a program cargo builds on the line and then runs is read as cargo run reads the crate', () => {
  const forms = [
    'cargo build && ./target/debug/app',
    'cargo build --release && ./target/release/app --help',
    'cargo b -q && target/debug/app',
    'cargo build --target-dir out && out/debug/app',
    'CARGO_TARGET_DIR=out cargo build && out/debug/app',
    'cargo build --target-dir "$T" && ./out/debug/app',
    'cargo install --path .',
  ];
  judgedOnDisk('ag-builtrun-', { 'Cargo.toml': CARGO, 'src/main.rs': RS_WIPE }, forms, 'gate');
  judgedOnDisk(
    'ag-builtrun-dir-',
    { 'rs/Cargo.toml': CARGO, 'rs/src/main.rs': RS_WIPE },
    [
      'cd rs && cargo build && ./target/debug/app',
      'cargo build --manifest-path rs/Cargo.toml && rs/target/debug/app',
      'cargo install --path rs && app',
    ],
    'gate',
  );
  judgedOnDisk('ag-builtrun-ok-', { 'Cargo.toml': CARGO, 'src/main.rs': RS_HELLO }, forms.slice(0, 5), 'allow');
  // A program run before the build, or one the build does not write, is not the crate's.
  judgedOnDisk(
    'ag-builtrun-other-',
    { 'Cargo.toml': CARGO, 'src/main.rs': RS_WIPE, 'run.sh': 'echo hi\n' },
    ['cargo build --target-dir out && ./run.sh', 'cargo install ripgrep'],
    'allow',
  );
});

test('a program go builds or installs on the line is read as go run reads the package', () => {
  judgedOnDisk(
    'ag-builtrun-go-',
    { 'go.mod': GO_MOD, 'main.go': GO_WIPE, 'cmd/app/main.go': GO_WIPE },
    [
      'go build -o app . && ./app',
      'go build && ./tool',
      'go build ./cmd/app && ./app --version',
      'go build -o bin/ ./cmd/app && bin/app',
      'go install . && tool',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-builtrun-go-ok-',
    { 'go.mod': GO_MOD, 'main.go': GO_HELLO, 'cmd/app/main.go': GO_HELLO },
    ['go build -o bin/app ./cmd/app && ./bin/app --version', 'go build && ./tool', 'go install ./cmd/app'],
    'allow',
  );
});

test('a cargo alias is judged as the call it stands for, its build dir as cargo config sets it', () => {
  const config =
    '[alias]\nstart = "run"\nfast = [\n  "run",\n  "--release", # optimised\n]\nb2 = "build"\nb3 = "b2"\n\n[build]\ntarget-dir = "out"\n';
  const forms = [
    'cargo start',
    'cargo fast -- --help',
    'cargo b3 && ./target/debug/app',
    'cargo build && ./out/debug/app',
    'CARGO_ALIAS_GO=run cargo go',
    'CARGO_BUILD_TARGET_DIR=o2 cargo build && ./o2/debug/app',
  ];
  const crate = { 'Cargo.toml': CARGO, '.cargo/config.toml': config };
  judgedOnDisk('ag-builtrun-alias-', { ...crate, 'src/main.rs': RS_WIPE }, forms, 'gate');
  judgedOnDisk(
    'ag-builtrun-alias-ok-',
    { ...crate, 'src/main.rs': RS_HELLO },
    [...forms, 'cargo fmt', 'cargo clippy'],
    'allow',
  );
  // An alias as an inline table is read; one written past what is read asks; a built-in name is never an alias,
  // and an unknown one is a plugin's.
  judgedOnDisk(
    'ag-builtrun-alias-inline-',
    { 'Cargo.toml': CARGO, 'src/main.rs': RS_WIPE, '.cargo/config.toml': 'alias = { go = "run" }\n' },
    ['cargo go'],
    'gate',
  );
  judgedOnDisk(
    'ag-builtrun-alias-unread-',
    { 'Cargo.toml': CARGO, 'src/main.rs': RS_HELLO, '.cargo/config.toml': '[alias]\ngo = { run = true }\n' },
    ['cargo go', 'CARGO_ALIAS_GO="$X" cargo go'],
    'gate',
  );
  judgedOnDisk(
    'ag-builtrun-alias-builtin-',
    { 'Cargo.toml': CARGO, 'src/main.rs': RS_WIPE, '.cargo/config.toml': '[alias]\nbuild = "run"\nfoo = "fmt"\n' },
    ['cargo build', 'cargo foo', 'cargo nextest list'],
    'allow',
  );
});

test('a program go builds from a package pattern is read as its package', () => {
  const files = { 'go.mod': GO_MOD, 'cmd/app/main.go': GO_WIPE, 'cmd/other/main.go': GO_HELLO };
  const forms = ['go build -o bin/ ./cmd/... && ./bin/app', 'go build -o bin/ ./... && bin/app'];
  judgedOnDisk('ag-builtrun-go-dots-', files, forms, 'gate');
  judgedOnDisk('ag-builtrun-go-dots-ok-', files, ['go build -o bin/ ./cmd/... && ./bin/other --version'], 'allow');
});

test('a build dir set by --config, a --config file or a file cargo config includes is read as the crate run', () => {
  const out = '[build]\ntarget-dir = "out"\n';
  const crate = { 'Cargo.toml': CARGO, 'extra.toml': out, 'src/main.rs': RS_WIPE };
  const forms = [
    'cargo build --config build.target-dir="out" && ./out/debug/app',
    `cargo build --config 'build.target-dir="out"' && ./out/debug/app`,
    'cargo --config=build.target-dir=\'"out"\' build && ./out/debug/app',
    'cargo build --config extra.toml && ./out/debug/app',
  ];
  judgedOnDisk('ag-builtrun-cfg-', crate, forms, 'gate');
  judgedOnDisk('ag-builtrun-cfg-ok-', { ...crate, 'src/main.rs': RS_HELLO }, forms, 'allow');
  const includes = [
    'include = ["more.toml"]\n',
    'include = "more.toml"\n',
    'include = [{ path = "more.toml", optional = true }]\n',
    '[[include]]\npath = "none.toml"\noptional = true\n\n[[include]]\npath = "more.toml"\n',
  ];
  for (const config of includes) {
    const files = { ...crate, '.cargo/config.toml': config, '.cargo/more.toml': out, '.cargo/none.toml': '' };
    judgedOnDisk('ag-builtrun-include-', files, ['cargo build && ./out/debug/app'], 'gate');
    judgedOnDisk(
      'ag-builtrun-include-ok-',
      { ...files, 'src/main.rs': RS_HELLO },
      ['cargo build && ./out/debug/app'],
      'allow',
    );
  }
  // A config that cannot be read asks, only for a line that runs what cargo built.
  const unread = {
    'Cargo.toml': CARGO,
    'src/main.rs': RS_HELLO,
    '.cargo/config.toml': 'include = "loop.toml"\n',
    '.cargo/loop.toml': 'include = "config.toml"\n',
  };
  const asks = ['cargo build && ./target/debug/app', 'cargo build --config "$C" && ./target/debug/app'];
  judgedOnDisk('ag-builtrun-include-loop-', unread, asks, 'gate');
  judgedOnDisk(
    'ag-builtrun-cfg-missing-',
    { 'Cargo.toml': CARGO, 'src/main.rs': RS_HELLO },
    ['cargo build --config gone.toml && ./target/debug/app'],
    'gate',
  );
  // Any build reads the same config for the programs it runs (a runner, a rustc wrapper: buildFiles.ts), and asks too.
  judgedOnDisk(
    'ag-builtrun-include-loop-build-',
    unread,
    ['cargo build', "cargo build --config 'profile.dev.opt-level=1'", 'cargo run'],
    'gate',
  );
  judgedOnDisk(
    'ag-builtrun-cfg-plain-ok-',
    {
      'Cargo.toml': CARGO,
      'src/main.rs': RS_HELLO,
      '.cargo/config.toml': 'include = "more.toml"\n',
      '.cargo/more.toml': '',
    },
    ['cargo build', "cargo build --config 'profile.dev.opt-level=1'", 'cargo run'],
    'allow',
  );
});
