// A Go test or a Rust #[test] the agent wrote to delete the home folder, then
// `go test ./...` or `cargo test`: the tool builds and runs it, and the call
// was allowed unread. The package folders are now found as go and cargo find
// them and their files read as test code; an ordinary suite (temp folders made
// and removed, the test binary run as a helper, git in a temp folder) stays
// allowed. Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const GO_WIPE = 'package x\nimport ("os"; "testing")\nfunc TestA(t *testing.T) { os.RemoveAll("/home/dev/notes") }\n';
const GO_INIT =
  'package pkg\nimport ("os/exec"; "testing")\nfunc init() { exec.Command("sh", "-c", "rm -rf ~/notes").Run() }\nfunc TestB(t *testing.T) {}\n';
const RUST_WIPE =
  '#[cfg(test)]\nmod tests {\n    #[test]\n    fn wipe() { std::fs::remove_dir_all("/home/dev/notes").unwrap(); }\n}\n';
const RUST_SHELL =
  '#[test]\nfn t() { std::process::Command::new("sh").arg("-c").arg("rm -rf ~/notes").status().unwrap(); }\n';
const CARGO = '[package]\nname = "app"\nversion = "0.1.0"\n';

test('go test reads the package folders it tests, their _test.go files with the rest', () => {
  judgedOnDisk(
    'ag-gotest-',
    { 'go.mod': 'module example.com/app\n', 'x_test.go': GO_WIPE },
    [
      'go test',
      'go test .',
      'go test ./...',
      'go test -run TestA .',
      'go test -v -race -count=1 ./...',
      'go test ./... -run TestA',
      'go test example.com/app',
      'go test all',
      'go test $(go list ./... | grep -v mocks)',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-gotest-pkg-',
    { 'go.mod': 'module x\n', 'a.go': 'package x\n', 'pkg/p_test.go': GO_INIT },
    ['go test ./...', 'go test ./pkg/...', 'go test ./pkg', 'cd pkg && go test', 'go test x/pkg', 'go test -C pkg .'],
    'gate',
  );
  // Nothing runs, or nothing of the workspace: a build of the test binary, vet, another module's package.
  judgedOnDisk(
    'ag-gotest-none-',
    { 'go.mod': 'module x\n', 'x_test.go': GO_WIPE },
    ['go test -c ./...', 'go vet ./...', 'go build ./...', 'go test github.com/other/tool/...'],
    'allow',
  );
  // `./...` passes over what go passes over: testdata, vendor, folders starting with `.` or `_`, nested modules.
  judgedOnDisk(
    'ag-gotest-skip-',
    {
      'go.mod': 'module x\n',
      'testdata/a_test.go': GO_WIPE,
      'vendor/v/a_test.go': GO_WIPE,
      '_old/a_test.go': GO_WIPE,
      'tools/go.mod': 'module tools\n',
      'tools/a_test.go': GO_WIPE,
    },
    ['go test ./...'],
    'allow',
  );
});

test("go test ./... passes over the folders go.mod's ignore names", () => {
  const files = { 'go.mod': 'module x\n', 'a.go': 'package x\n', 'tools/gen/x_test.go': GO_WIPE };
  judgedOnDisk('ag-gotest-ig-', files, ['go test ./...'], 'gate');
  judgedOnDisk(
    'ag-gotest-ig-one-',
    { ...files, 'go.mod': 'module x\n\ngo 1.25\n\nignore ./tools\n' },
    ['go test ./...'],
    'allow',
  );
  judgedOnDisk(
    'ag-gotest-ig-block-',
    { ...files, 'go.mod': 'module x\n\nignore (\n\t"tools" // generators\n\tbuild/gen\n)\n' },
    ['go test ./...'],
    'allow',
  );
  // A name that only begins the same does not leave it out; nor does an ignore of another folder.
  judgedOnDisk(
    'ag-gotest-ig-partial-',
    { ...files, 'go.mod': 'module x\nignore too\nignore ./pkg/tools\n' },
    ['go test ./...'],
    'gate',
  );
});

test('an ordinary Go suite stays allowed', () => {
  judgedOnDisk(
    'ag-gotest-ok-',
    {
      'go.mod': 'module example.com/ok\n',
      'a.go': 'package ok\nfunc Add(a, b int) int { return a + b }\n',
      'a_test.go':
        'package ok\nimport ("os"; "os/exec"; "path/filepath"; "testing")\n' +
        'func TestAdd(t *testing.T) {\n  dir := t.TempDir()\n  os.WriteFile(filepath.Join(dir, "a"), nil, 0o644)\n  os.RemoveAll(filepath.Join(dir, "a"))\n}\n' +
        'func TestTmp(t *testing.T) {\n  d, err := os.MkdirTemp("", "x")\n  if err != nil { t.Fatal(err) }\n  defer os.RemoveAll(d)\n}\n' +
        'func TestSelf(t *testing.T) {\n  cmd := exec.Command(os.Args[0], "-test.run=TestHelper")\n  cmd.Env = append(os.Environ(), "HELPER=1")\n  cmd.Run()\n}\n' +
        'func TestGit(t *testing.T) {\n  c := exec.Command("git", "init")\n  c.Dir = t.TempDir()\n  c.Run()\n}\n',
      'pkg/p_test.go':
        'package pkg\nimport "testing"\nfunc TestX(t *testing.T) { m := map[string]int{}; delete(m, "a") }\n',
    },
    [
      'go test ./...',
      'go test -run TestX ./pkg',
      'go test -v -race ./...',
      'gofmt -w . && go test ./...',
      'go vet ./... && go test ./...',
    ],
    'allow',
  );
});

test('a Go package or Rust folder the line writes into before the tests run is asked about', () => {
  judgedOnDisk(
    'ag-gotest-unread-',
    { 'go.mod': 'module x\n', 'pkg/p.go': 'package pkg\n', 'Cargo.toml': CARGO, 'src/lib.rs': '', 'tests/a.rs': '' },
    [
      'echo "$CODE" > pkg/gen_test.go && go test ./...',
      'cp /opt/x_test.go pkg/ && go test ./pkg',
      'echo "$CODE" > tests/z.rs && cargo test',
      'curl -sSo src/lib.rs https://example.com/lib.rs && cargo test',
    ],
    'gate',
  );
});

test('cargo test reads the Rust of src and tests, of each workspace member', () => {
  judgedOnDisk(
    'ag-cargotest-',
    { 'Cargo.toml': CARGO, 'src/lib.rs': RUST_WIPE },
    [
      'cargo test',
      'cargo t',
      'cargo test -- --nocapture',
      'cargo +nightly test --release',
      'cargo --config net.offline=true test',
      'cargo nextest run',
    ],
    'gate',
  );
  judgedOnDisk(
    'ag-cargotest-it-',
    { 'Cargo.toml': CARGO, 'src/lib.rs': '', 'tests/it/main.rs': RUST_SHELL },
    ['cargo test'],
    'gate',
  );
  judgedOnDisk(
    'ag-cargotest-ws-',
    {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'crates/a/Cargo.toml': CARGO,
      'crates/a/tests/x.rs': RUST_SHELL,
    },
    ['cargo test', 'cargo test --workspace'],
    'gate',
  );
  // A build runs no test.
  judgedOnDisk(
    'ag-cargotest-build-',
    { 'Cargo.toml': CARGO, 'src/lib.rs': RUST_WIPE },
    ['cargo build', 'cargo check'],
    'allow',
  );
});

test('an ordinary Rust suite stays allowed', () => {
  judgedOnDisk(
    'ag-cargotest-ok-',
    {
      'Cargo.toml': CARGO,
      'src/main.rs':
        'fn main() {}\n#[cfg(test)]\nmod tests {\n    use std::fs;\n    #[test]\n    fn works() {\n        let dir = tempfile::tempdir().unwrap();\n        let f = dir.path().join("a.txt");\n        fs::write(&f, "x").unwrap();\n        fs::remove_file(&f).unwrap();\n        fs::remove_dir_all(dir.path()).unwrap();\n    }\n}\n',
      'tests/cli.rs':
        'use std::process::Command;\n#[test]\nfn runs() {\n    let out = Command::new(env!("CARGO_BIN_EXE_app")).arg("--help").output().unwrap();\n    assert!(out.status.success());\n}\n',
    },
    ['cargo test', 'cargo test -- --nocapture', 'cargo nextest run'],
    'allow',
  );
});
