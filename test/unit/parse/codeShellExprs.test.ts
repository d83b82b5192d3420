// A shell-out whose command is an expression the reader cannot evaluate (`os.system(sys.argv[1])`,
// `os.system("".join(reversed(s)))`, `execSync(process.env.CMD)`, `spawnSync("rm", process.argv.slice(1))`) was read
// as no command at all, and the line was allowed. Such a command is known only at run time, as `sh -c "$CMD"` is, and
// is asked about; literals, literal lists and names keep their judgment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, diskWorkspace } from '../support/engineHarness';

test('a shell call whose command is computed at run time is asked about', () => {
  const { judge, done } = diskWorkspace('ag-codeexprs-', {}, { git: true });
  try {
    for (const command of [
      "python3 -c 'import os,sys; os.system(sys.argv[1])' 'rm -rf ~'",
      'python3 -c \'import os; os.system("".join(reversed("~ fr- mr")))\'',
      'python3 -c \'import os; os.system(chr(114)+chr(109)+" -rf ~")\'',
      "python3 -c 'import subprocess,sys; subprocess.run(sys.argv[1:])' rm -rf ../notes",
      'python3 -c \'import subprocess,sys; subprocess.run(["rm"] + sys.argv[1:])\' -rf ../notes',
      'python3 -c \'import os; os.system(os.environ["CMD"])\'',
      'python3 -c \'import os; os.system(open("cmd.txt").read())\'',
      'python3 -c \'import os, base64; os.system(base64.b64decode(open("cmd.b64").read()).decode())\'',
      'node -e \'require("child_process").spawnSync("rm", process.argv.slice(1))\' -- -rf ../notes',
      "node -e 'require(\"child_process\").execSync(process.argv[1])' 'rm -rf ~'",
      "ruby -e 'system(ARGV[0])' 'rm -rf ~'",
      "ruby -e 'system(*ARGV)' rm -rf ../notes",
      'ruby -e \'system("rm", *ARGV)\' -rf ../notes',
      "ruby -e '`#{ARGV[0]}`' 'rm -rf ~'",
      "perl -e 'system($ARGV[0])' 'rm -rf ~'",
      'perl -e \'system("rm", @ARGV)\' -rf ../notes',
      "php -r 'shell_exec($argv[1]);' 'rm -rf ~'",
    ])
      assertGated(judge, command, 'parse.unknown-program');
    // A template filled in at run time: its holes are unknown words of the command it spells.
    assertGated(
      judge,
      'python3 -c \'import os,sys; os.system("rm -rf {}".format(sys.argv[1]))\' ~',
      'fs.rm-unknown-target',
    );
    assertGated(judge, "ruby -e 'puts `rm -rf #{ARGV[0]}`' ~", 'fs.rm-unknown-target');
  } finally {
    done();
  }
});

test('shell calls of literals, literal lists and names, and programs that only read their arguments, stay allowed', () => {
  const { judge, done } = diskWorkspace('ag-codeexprs-', {}, { git: true });
  try {
    for (const command of [
      'python3 -c \'import subprocess; subprocess.run(["git","status"])\'',
      'python3 -c \'import os; os.system("make")\'',
      'python3 -c \'import subprocess; print(subprocess.check_output(["git","rev-parse","HEAD"]).decode())\'',
      'python3 -c \'import subprocess; subprocess.run("ls -la".split())\'',
      'python3 -c \'import subprocess; base = ["pytest"]; subprocess.run(base + ["-q"])\'',
      'python3 -c \'import os,sys; os.system("git log -n {}".format(sys.argv[1]))\' 3',
      "python3 -c 'import asyncio; asyncio.run(main())'",
      "python3 -c 'import sys; print(sys.argv[1:])' a b",
      'node -e \'require("child_process").execSync("npm test", {stdio: "inherit"})\'',
      'node -e \'const {exec}=require("child_process"); exec("ls", (e, out) => console.log(out))\'',
      'node -e \'const cp=require("child_process"); const args=["status"]; cp.spawnSync("git", args, {stdio:"inherit"})\'',
      "node -e 'const m = /a(b)/.exec(process.argv[1]); console.log(m)' ab",
      "ruby -e 'puts `git log -n #{ARGV[0]}`' 3",
      'ruby -e \'system("bundle", "exec", "rspec") || exit(1)\'',
      "ruby -e 'system(*%w[git status])'",
      'perl -e \'system("make", "-j4") == 0 or die\'',
      'php -r \'echo shell_exec("git status"); $pdo->exec($argv[1]);\'',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});
