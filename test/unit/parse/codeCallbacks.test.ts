// Deletes in interpreter code reached without a direct call: a delete function handed by name to a mapping
// call, a method called on each element of a listing, Perl's `system qw(…)` lists and Julia's expanduser.
// `php -r 'array_map("unlink", glob(getenv("HOME")."/.agentguard/*"))'` passed while `unlink(…)` asked.
// The built CLI is run; the same forms on a project's build folders stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listingPath, readIndirectDeletes } from '../../../src/core/parse/codeCallbacks';
import { runCli, withSandbox } from '../support/hookHarness';

function decide(sb: Parameters<Parameters<typeof withSandbox>[0]>[0], command: string): string {
  return (JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as { decision: string }).decision;
}

test('a listing reads as a glob under its folder; any other iterable stays unknown', () => {
  const path = (e: string): string => /^["'](.*)["']$/.exec(e)?.[1] ?? (e === 'HOME' ? '/h' : `$(${e})`);
  assert.deepEqual(listingPath('(HOME).rglob("*")', path), { path: '/h/*', recursive: true });
  assert.deepEqual(listingPath('HOME.iterdir()', path), { path: '/h/*', recursive: false });
  assert.deepEqual(listingPath('glob("build/*.o")', path), { path: 'build/*.o', recursive: false });
  assert.deepEqual(listingPath('os.listdir("dist")', path), { path: 'dist/*', recursive: false });
  assert.equal(listingPath('files', path).path, '$(files)');
});

test("a JVM stream of Files.walk or Files.list deleting each entry deletes the listing's folder", () => {
  const reading = { argvs: [] as string[][], deletes: [] as { path: string; recursive: boolean }[], writes: [] };
  const read = {
    path: (e: string): string => /^["'](.*)["']$/.exec(e.trim())?.[1] ?? `$(${e})`,
    args: (t: string): string[] => t.split(',').map((a) => a.trim()),
  };
  const code =
    'java.nio.file.Files.walk(Path.of("/h/notes")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());\n' +
    'Files.list(Paths.get("/h/docs")).map(Path::toFile).forEach(File::delete);\n' +
    'Files.walk(tmp).forEach(x -> Files.deleteIfExists(x));\n' +
    'Files.walk(Path.of("/h/src")).forEach(System.out::println);\n';
  readIndirectDeletes(reading, code, read);
  assert.deepEqual(reading.deletes, [
    { path: '/h/notes', recursive: true },
    { path: '/h/docs/*', recursive: false },
    { path: '$(tmp)', recursive: true },
  ]);
});

test('a delete passed by name, a per-element method and a qw list are recorded as rm, mv and the command', () => {
  const reading = { argvs: [] as string[][], deletes: [] as { path: string; recursive: boolean }[], writes: [] };
  const read = {
    path: (e: string): string => /^["'](.*)["']$/.exec(e.trim())?.[1] ?? `$(${e})`,
    args: (t: string): string[] => t.split(',').map((a) => a.trim()),
  };
  const code =
    'array_map("unlink", glob("a/*")); [p.rename("/tmp/x") for p in Path("b").iterdir()]; system qw(rm -rf), "c"; print(list(map(str, x)))';
  assert.equal(readIndirectDeletes(reading, code, read), false);
  assert.deepEqual(reading.deletes, [{ path: 'a/*', recursive: false }]);
  assert.deepEqual(reading.argvs, [
    ['mv', '$(Path("b"))/*', '/tmp/x'],
    ['rm', '-rf', 'c'],
  ]);
  // Past the bound the code is not read whole: the caller asks.
  assert.equal(readIndirectDeletes(reading, 'map(os.remove, x);'.repeat(70), read), true);
});

test('deletes through callbacks, comprehensions, qw lists and expanduser are judged; build folders stay quiet', async () => {
  await withSandbox(async (sb) => {
    const gated = [
      `php -r 'array_map("unlink", glob(getenv("HOME")."/.agentguard/*"));'`,
      `php -r 'array_walk(glob(getenv("HOME")."/.agentguard/*"), "unlink");'`,
      `php -r 'array_map("unlink", glob(".git/hooks/*"));'`,
      `python3 -c 'from pathlib import Path; [p.unlink() for p in (Path.home()/".agentguard").rglob("*")]'`,
      `python3 -c 'from pathlib import Path\nfor p in (Path.home()/".agentguard").glob("*"):\n    p.unlink()'`,
      `python3 -c 'import os,glob; list(map(os.remove, glob.glob(os.path.expanduser("~/.agentguard/*"))))'`,
      `node -e 'require("fs").readdirSync(require("os").homedir()+"/.agentguard").forEach(require("fs").unlinkSync)'`,
      `perl -e 'system qw(rm -rf), "$ENV{HOME}/.agentguard"'`,
      `perl -e 'exec qw(rm -rf), "$ENV{HOME}/.agentguard"'`,
      `julia -e 'mv(expanduser("~/.agentguard"), "/tmp/x")'`,
      `julia -e 'foreach(rm, readdir(expanduser("~/.agentguard"); join=true))'`,
      `ruby -e 'Dir.glob(File.expand_path("~/.agentguard/*")).each(&File.method(:delete))'`,
      `ruby -e 'system(*%w[rm -rf ~/.agentguard])'`,
      `perl -e 'system { "rm" } "rm", "-rf", "$ENV{HOME}/.agentguard"'`,
      `python3 -c 'from pathlib import Path; [p.rename(p.with_suffix(".x")) for p in (Path.home()/".agentguard").iterdir()]'`,
    ];
    for (const command of gated) assert.notEqual(decide(sb, command), 'allow', command);
    const quiet = [
      `php -r 'array_map("unlink", glob("build/*.o"));'`,
      `php -r 'print_r(array_map("strtoupper", ["a"]));'`,
      `python3 -c 'from pathlib import Path; [p.unlink() for p in Path("dist").glob("*.js")]'`,
      `python3 -c 'import shutil; list(map(shutil.rmtree, ["build", "dist"]))'`,
      `python3 -c 'from pathlib import Path; [print(p) for p in Path.home().rglob("*.txt")]'`,
      `perl -e 'system qw(git status)'`,
      `julia -e 'println(readdir(expanduser("~")))'`,
      `julia -e 'foreach(println, readdir("."))'`,
      `ruby -e 'Dir.glob("tmp/*.log").each(&File.method(:delete))'`,
      `node -e 'const remove=(x)=>x; [1,2].forEach(remove)'`,
      `python3 -c 'from pathlib import Path\nfor p in Path("src").glob("*.ts"):\n    p.rename(p.with_suffix(".tsx"))'`,
      `python3 -c 'print([s.replace("a","b") for s in ["abc"]])'`,
    ];
    for (const command of quiet) assert.equal(decide(sb, command), 'allow', command);
  });
});
