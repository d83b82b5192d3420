// Code in languages the common reader did not know the calls of — Lisps,
// Haskell, the JVM languages, Swift, Elixir, Erlang, Go, Dart, C# — was
// allowed unread: `guile -c '(system "rm -rf ~")'` deleted the home folder
// quietly. Each language's own shell-out, delete and write calls are now read
// into the same reading as Python's or Ruby's; ordinary code stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCode, type Language } from '../../../src/core/parse/interpreters';
import { diskWorkspace } from '../support/engineHarness';

const HOME = '/home/dev';

function read(lang: Language, code: string) {
  const r = readCode(lang, code, HOME);
  return { shell: r.shell, argvs: r.argvs, deletes: r.deletes, writes: r.writes };
}

test("each language's shell-out is read as the command it runs", () => {
  const shells: [Language, string][] = [
    ['lisp', '(system "rm -rf ~")'],
    ['lisp', '(babashka.process/shell "rm -rf ~")'],
    ['haskell', 'import System.Process\nmain = callCommand "rm -rf ~"'],
    ['jvm', 'import sys.process._; "rm -rf ~".!'],
    ['jvm', '"rm -rf ~".execute()'],
    ['jvm', 'new ProcessBuilder("bash", "-c", "rm -rf ~").start();'],
    ['elixir', 'System.shell("rm -rf ~")'],
    ['elixir', ":os.cmd('rm -rf ~')"],
    ['erlang', 'os:cmd("rm -rf ~"), halt().'],
    ['go', 'exec.Command("sh", "-c", "rm -rf ~").Run()'],
    ['csharp', 'Process.Start("rm", "-rf ~");'],
  ];
  for (const [lang, code] of shells)
    assert.deepEqual(read(lang, code).shell.slice(0, 1), ['rm -rf ~'], `${lang}: ${code}`);
  const argvs: [Language, string][] = [
    ['lisp', '(clojure.java.shell/sh "rm" "-rf" "/home/dev")'],
    ['lisp', '(system* "rm" "-rf" "/home/dev")'],
    ['haskell', 'callProcess "rm" ["-rf", "/home/dev"]'],
    ['jvm', 'Runtime.getRuntime().exec(new String[]{"rm", "-rf", "/home/dev"});'],
    ['jvm', 'Runtime.getRuntime().exec(arrayOf("rm", "-rf", System.getProperty("user.home")))'],
    ['jvm', 'Seq("rm", "-rf", "/home/dev").!'],
    ['swift', 'Process.launchedProcess(launchPath: "rm", arguments: ["-rf", NSHomeDirectory()])'],
    ['swift', 'let p = Process()\np.executableURL = URL(fileURLWithPath: "rm")\np.arguments = ["-rf", "/home/dev"]'],
    ['elixir', 'System.cmd("rm", ["-rf", System.user_home!()])'],
    ['go', 'exec.CommandContext(ctx, "rm", "-rf", "/home/dev").Run()'],
    ['dart', "Process.runSync('rm', ['-rf', '/home/dev']);"],
  ];
  for (const [lang, code] of argvs)
    assert.deepEqual(read(lang, code).argvs[0], ['rm', '-rf', HOME], `${lang}: ${code}`);
});

test("each language's deletes and writes are read with their paths", () => {
  const recursive: [Language, string][] = [
    ['go', 'os.RemoveAll("/home/dev")'],
    ['elixir', 'File.rm_rf!("/home/dev")'],
    ['elixir', 'File.rm_rf! "/home/dev"'],
    ['erlang', 'file:del_dir_r("/home/dev")'],
    ['csharp', 'Directory.Delete("/home/dev", true);'],
    ['haskell', 'removeDirectoryRecursive "/home/dev"'],
    ['lisp', '(babashka.fs/delete-tree "/home/dev")'],
    ['swift', 'try FileManager.default.removeItem(atPath: NSHomeDirectory())'],
    ['jvm', 'File(System.getProperty("user.home")).deleteRecursively()'],
    ['jvm', 'new File("/home/dev").deleteDir()'],
    ['jvm', 'FileUtils.deleteDirectory(new File("/home/dev"));'],
    ['dart', "Directory('/home/dev').deleteSync(recursive: true);"],
  ];
  for (const [lang, code] of recursive)
    assert.deepEqual(read(lang, code).deletes, [{ path: HOME, recursive: true }], `${lang}: ${code}`);
  assert.deepEqual(read('go', 'os.Remove("/home/dev/.bashrc")').deletes, [
    { path: '/home/dev/.bashrc', recursive: false },
  ]);
  assert.deepEqual(read('jvm', 'Files.delete(Paths.get("/home/dev/.bashrc"));').deletes, [
    { path: '/home/dev/.bashrc', recursive: false },
  ]);
  for (const [lang, code] of [
    ['go', 'os.WriteFile("/home/dev/.bashrc", b, 0644)'],
    ['elixir', 'File.write!("/home/dev/.bashrc", "x")'],
    ['haskell', 'writeFile "/home/dev/.bashrc" "x"'],
    ['csharp', 'File.WriteAllText("/home/dev/.bashrc", "x");'],
    ['jvm', 'File("/home/dev/.bashrc").writeText("x")'],
  ] as [Language, string][])
    assert.deepEqual(read(lang, code).writes, [{ path: '/home/dev/.bashrc', append: false }], `${lang}: ${code}`);
});

test('a temp folder made and removed in Go is scratch, any other unknown folder is not', () => {
  const scratch = read('go', 'd, err := os.MkdirTemp("", "x")\ndefer os.RemoveAll(d)\nuse(filepath.Join(d, "a"), err)');
  assert.deepEqual(scratch.deletes, [{ path: '/tmp/mkdtemp', recursive: true }]);
  assert.match(read('go', 'os.RemoveAll(dir)').deletes[0].path, /^\$\(/);
});

test('inline code of these interpreters is judged; ordinary code stays allowed', () => {
  const { judge, done } = diskWorkspace('ag-foreign-', {});
  try {
    for (const command of [
      `guile -c '(system "rm -rf ~")'`,
      `racket -e '(system "rm -rf ~")'`,
      `ghc -e 'System.Process.callCommand "rm -rf ~"'`,
      `scala -e 'import sys.process._; "rm -rf ~".!'`,
      `groovy -e '"rm -rf ~".execute()'`,
      `kotlinc -e 'java.io.File(System.getProperty("user.home")).deleteRecursively()'`,
      `echo 'new ProcessBuilder("bash", "-c", "rm -rf ~").start();' | jshell`,
      `swift -e 'import Foundation; try! FileManager.default.removeItem(atPath: NSHomeDirectory())'`,
      `elixir -e 'File.rm_rf!(System.user_home!())'`,
      `erl -noshell -eval 'os:cmd("rm -rf ~"), halt().'`,
      `bb -e '(babashka.process/shell "rm -rf ~")'`,
    ])
      assert.notEqual(judge(command).decision, 'allow', command);
    for (const command of [
      `guile -c '(display "hello")'`,
      `ghc -e 'putStrLn "hi"'`,
      `scala -e 'println("rm -rf is a command")'`,
      `elixir -e 'IO.puts(System.version())'`,
      `erl -noshell -eval 'io:format("hi~n"), halt().'`,
      `echo 'System.out.println(1 + 1);' | jshell`,
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});

test("the calls the common reader missed in languages it reads: Julia's rm(…; recursive=true), R's system2, Deno's and Bun's own", () => {
  assert.deepEqual(read('julia', 'rm("/home/dev"; recursive=true)').deletes, [{ path: HOME, recursive: true }]);
  assert.deepEqual(read('julia', 'rm(homedir(); recursive=true)').deletes, [{ path: HOME, recursive: true }]);
  assert.deepEqual(read('r', 'system2("rm", c("-rf", "/home/dev"))').argvs, [['rm', '-rf', HOME]]);
  assert.deepEqual(read('r', 'file.remove("/home/dev/.bashrc")').deletes, [
    { path: '/home/dev/.bashrc', recursive: false },
  ]);
  assert.deepEqual(read('node', 'new Deno.Command("rm", { args: ["-rf", "/home/dev"] }).outputSync()').argvs, [
    ['rm', '-rf', HOME],
  ]);
  assert.deepEqual(read('node', 'Deno.run({ cmd: ["rm", "-rf", "/home/dev"] })').argvs, [['rm', '-rf', HOME]]);
  assert.deepEqual(read('node', 'await Bun.$`rm -rf ~`; await $`ls`').shell, ['rm -rf ~', 'ls']);
  // A template literal is not zx's `$`: nothing is run.
  assert.deepEqual(read('node', 'const x = `a${b}`; f(`${c}`)').shell, []);
});

// A JVM path built from the home and further parts (`new File(home, "notes")`, `Path.of(home, "notes")`,
// `.resolve("notes")`) was read as an unknown path, and its delete allowed; it is now the home path and the parts.
test('a JVM path joined onto the home is read as that path, its deletes as deletes of it', () => {
  const notes = `${HOME}/notes`;
  const userHome = 'System.getProperty("user.home")';
  const cases: [string, boolean][] = [
    [`new File(${userHome}, "notes").delete();`, false],
    [`new File(${userHome}, "notes").deleteOnExit();`, false],
    [`File home = new File(${userHome});\nnew File(home, "notes").delete();`, false],
    [`Path.of(System.getenv("HOME")).resolve("notes").toFile().delete();`, false],
    [`Files.delete(Paths.get(${userHome}, "notes"));`, false],
    [`FileUtils.deleteDirectory(new File(${userHome}, "notes"));`, true],
    [`FileUtils.forceDelete(new java.io.File(${userHome}, "notes"));`, true],
    [`FileSystemUtils.deleteRecursively(new File(${userHome}, "notes"));`, true],
    [`File(${userHome}, "notes").deleteRecursively()`, true],
    [`val home = File(${userHome})\nhome.resolve("notes").deleteRecursively()`, true],
    [
      `Files.walk(Path.of(${userHome}, "notes")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());`,
      true,
    ],
    [`Files.walk(Paths.get(System.getenv("HOME")).resolve("notes")).map(Path::toFile).forEach(File::delete);`, true],
  ];
  for (const [code, recursive] of cases)
    assert.ok(
      read('jvm', code).deletes.some((d) => d.path === notes && d.recursive === recursive),
      `${code}: ${JSON.stringify(read('jvm', code).deletes)}`,
    );
  // Temp folders and paths known only at run time stay as unknown as before: nothing under the home.
  for (const code of [
    'Files.walk(Path.of(System.getProperty("java.io.tmpdir"), "x")).map(Path::toFile).forEach(File::delete);',
    'new File(dir, "a.txt").delete(); dir.resolve("b").toFile().delete(); it.delete()',
    'new File("build/tmp").delete();',
  ])
    assert.ok(
      read('jvm', code).deletes.every((d) => d.path.startsWith('$(') || d.path === 'build/tmp'),
      `${code}: ${JSON.stringify(read('jvm', code).deletes)}`,
    );
  // More deletes than the reader follows: the rest unread, asked about rather than allowed.
  const many = Array.from({ length: 80 }, (_x, k) => `home.resolve("n${k}").toFile().delete();`).join('\n');
  assert.equal(readCode('jvm', many, HOME).unread, true);
});
