// A Rust main the agent wrote to delete the home folder, then `cargo run`:
// cargo builds and starts it, and the call was allowed unread. So were the
// files Cargo.toml places outside src/ and tests/ (`[lib] path`, `[[bin]]`,
// `[[test]]`, `[[bench]]`), which cargo compiles into what it runs. They are
// now read as `cargo test` reads its tests; a hello world stays allowed.
// Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const WIPE = 'fn main() { std::fs::remove_dir_all("/home/dev/notes").unwrap(); }\n';
const LIB_WIPE = 'pub fn go() { std::fs::remove_dir_all("/home/dev/notes").unwrap(); }\n';
const HELLO = 'fn main() {\n    println!("hello");\n}\n';
const CARGO = '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n';
const TARGETS =
  CARGO +
  '\n[lib]\npath = "lib/x.rs"\n\n[[bin]]\nname = "tool"\npath = "tools/tool.rs"\n' +
  '\n[[test]]\nname = "t"\npath = "checks/t.rs"\n\n[[bench]]\nname = "b"\npath = "perf/b.rs" # timed\n';
const TARGET_FILES = { 'lib/x.rs': '', 'tools/tool.rs': HELLO, 'checks/t.rs': '', 'perf/b.rs': '' };

test('cargo run reads the program it builds and starts, with the modules it pulls in', () => {
  judgedOnDisk(
    'ag-cargorun-',
    { 'Cargo.toml': CARGO, 'src/main.rs': WIPE },
    [
      'cargo run',
      'cargo r',
      'cargo run --release',
      'cargo run -- --help',
      'cargo +nightly run -q',
      // The program's own words after `--` name no crate: `--path` is cargo's only under `cargo install`.
      'cargo run -- install --path /tmp',
      'cargo run -- install --path sub',
      'cargo run -- --manifest-path /tmp/Cargo.toml',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-cargorun-dir-',
    { 'rs/Cargo.toml': CARGO, 'rs/src/main.rs': 'mod util;\nfn main() { util::go() }\n', 'rs/src/util.rs': LIB_WIPE },
    [
      'cd rs && cargo run',
      'cargo run --manifest-path rs/Cargo.toml',
      'cargo run --manifest-path=rs/Cargo.toml',
      'cargo run --manifest-path "$M"',
      'cargo -C rs run',
      'cargo -C "$D" run',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-cargorun-example-',
    { 'Cargo.toml': CARGO, 'src/main.rs': HELLO, 'examples/demo.rs': WIPE },
    ['cargo run --example demo', 'cargo run --example=demo'],
    'gate',
  );
  // The example runs only when named; words after `--` are the program's.
  judgedOnDisk(
    'ag-cargorun-example-ok-',
    { 'Cargo.toml': CARGO, 'src/main.rs': HELLO, 'examples/demo.rs': WIPE },
    ['cargo run', 'cargo run -- --example demo'],
    'allow',
  );
});

test('the targets Cargo.toml places outside src/ are read for the commands that run them', () => {
  const cases: [string, string, string[], string[]][] = [
    ['lib/x.rs', LIB_WIPE, ['cargo run', 'cargo test', 'cargo bench'], []],
    ['tools/tool.rs', WIPE, ['cargo run', 'cargo run --bin tool', 'cargo test'], []],
    ['checks/t.rs', LIB_WIPE, ['cargo test', 'cargo t'], ['cargo run', 'cargo bench']],
    ['perf/b.rs', LIB_WIPE, ['cargo bench'], ['cargo run', 'cargo test']],
  ];
  for (const [file, text, gated, allowed] of cases) {
    const files = { 'Cargo.toml': TARGETS, 'src/main.rs': HELLO, ...TARGET_FILES, [file]: text };
    judgedOnDisk('ag-cargotargets-', files, gated, 'gate');
    judgedOnDisk('ag-cargotargets-ok-', files, allowed, 'allow');
  }
  // A module beside the target, and a target at the package's top with one beside it.
  judgedOnDisk(
    'ag-cargotargets-mod-',
    { 'Cargo.toml': TARGETS, 'src/main.rs': HELLO, ...TARGET_FILES, 'tools/sub/mod.rs': LIB_WIPE },
    ['cargo run --bin tool'],
    'gate',
  );
  judgedOnDisk(
    'ag-cargotargets-top-',
    {
      'Cargo.toml': CARGO + '\n[[bin]]\nname = "app"\npath = "main.rs"\n',
      'main.rs': 'mod util;\nfn main() { util::go() }\n',
      'util.rs': LIB_WIPE,
    },
    ['cargo run'],
    'gate',
  );
  // A target outside the package folder is not read: asked about.
  judgedOnDisk(
    'ag-cargotargets-out-',
    {
      'app/Cargo.toml': CARGO + '\n[[bin]]\nname = "app"\npath = "../elsewhere/main.rs"\n',
      'elsewhere/main.rs': HELLO,
    },
    ['cd app && cargo run'],
    'gate',
  );
});

test('an ordinary cargo run, build and check stay allowed', () => {
  judgedOnDisk(
    'ag-cargorun-ok-',
    {
      'Cargo.toml': CARGO,
      'src/main.rs': HELLO,
      'build.rs': 'fn main() {\n    println!("cargo:rerun-if-changed=build.rs");\n}\n',
    },
    ['cargo run', 'cargo run -- --help', 'cargo run --release -- serve', 'cargo build --release', 'cargo check'],
    'allow',
  );
  judgedOnDisk(
    'ag-cargotargets-all-ok-',
    { 'Cargo.toml': TARGETS, 'src/main.rs': HELLO, ...TARGET_FILES },
    ['cargo run', 'cargo run --bin tool', 'cargo test', 'cargo bench'],
    'allow',
  );
});
