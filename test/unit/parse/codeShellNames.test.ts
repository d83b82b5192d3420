// A shell-out whose command sits in a name (`c = "rm -rf ~/notes"; os.system(c)`,
// `cmd = ["rm", "-rf", …]; subprocess.run(cmd)`) was read as no command at all: only literal first arguments were.
// Each value the name is given is now read in place; a name whose value the code computes (input, an argument, a
// parameter of unread calls) runs a command known only at run time and is asked about, as `sh -c "$CMD"` is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, diskWorkspace } from '../support/engineHarness';

const HOME_LIST = '["rm", "-rf", os.path.join(os.path.expanduser("~"), "notes")]';

test('a shell call through a name bound to a literal is judged for that literal', () => {
  const script = `import os, subprocess\ncmds = [\n    ["ruff", "check", "."],  # lint\n    ${HOME_LIST},\n]\nfor c in cmds:\n    subprocess.run(c, check=True)\n`;
  const { judge, done } = diskWorkspace(
    'ag-codenames-',
    { '../../notes/todo.txt': 'x\n', 'tidy.py': script },
    { git: true },
  );
  try {
    for (const command of [
      `python3 -c 'import os, subprocess; cmd=${HOME_LIST}; subprocess.run(cmd)'`,
      'python3 -c \'import os; c="rm -rf ~/notes"; os.system(c)\'',
      'python3 -c \'import subprocess as sp; c = "rm -rf ~/notes"; sp.run(c, shell=True, check=True)\'',
      `python3 -c 'import os, subprocess; cmd=["rm", "-rf"]; cmd += [os.path.join(os.path.expanduser("~"), "notes")]; subprocess.run(cmd)'`,
      'python3 -c $\'import os\\nif quick:\\n    c = "ls"\\nelse:\\n    c = "rm -rf ~/notes"\\nos.system(c)\'',
      'python3 -c $\'import subprocess\\ndef step(cmd):\\n    subprocess.run(cmd, shell=True)\\nstep("npm ci")\\nstep("rm -rf ~/notes")\'',
      'node -e \'const {execSync}=require("child_process"); const cmd="rm -rf ~/notes"; execSync(cmd)\'',
      'node -e \'const cp=require("child_process"); for (const c of ["npm test", "rm -rf ~/notes"]) cp.execSync(c)\'',
      'ruby -e \'c="rm -rf ~/notes"; system(c)\'',
      'ruby -e \'c="rm -rf ~/notes"; `#{c}`\'',
      'perl -e \'my $c="rm -rf ~/notes"; system($c)\'',
      'php -r \'$c="rm -rf ~/notes"; shell_exec($c);\'',
      'python3 tidy.py',
    ])
      assertGated(judge, command, 'fs.rm-outside-workspace');
  } finally {
    done();
  }
});

test('a shell call through a name whose value is known only at run time is asked about', () => {
  const { judge, done } = diskWorkspace('ag-codenames-', {}, { git: true });
  try {
    for (const command of [
      "python3 -c 'import subprocess, sys; c = sys.argv[1]; subprocess.run(c, shell=True)'",
      "python3 -c 'import os; os.system(cmd)'",
      'python3 -c \'import subprocess; a, c = 1, "ls"; subprocess.run(c)\'',
      "python3 -c $'import subprocess\\ndef sh(cmd):\\n    subprocess.run(cmd, shell=True)\\nsh(input())'",
      'node -e \'const {execSync}=require("child_process"); process.argv.slice(2).forEach(c => execSync(c))\'',
      "ruby -e 'c = ARGV[0]; system(c)'",
      "perl -e 'my $c = shift; system($c)'",
      "php -r '$c = $argv[1]; passthru($c);'",
    ])
      assertGated(judge, command, 'parse.unknown-program');
  } finally {
    done();
  }
});

test('everyday calls through a name, and calls of the same names that run no command, stay allowed', () => {
  const { judge, done } = diskWorkspace('ag-codenames-', {}, { git: true });
  try {
    for (const command of [
      'python3 -c \'import subprocess; cmd=["pytest","-q"]; subprocess.run(cmd, check=True)\'',
      'python3 -c \'import subprocess; cmd=["pytest"]; cmd.append("-x"); subprocess.run(cmd, check=True)\'',
      'python3 -c \'import subprocess; cmd=["git", "log", f"{base}..HEAD"]; subprocess.check_output(cmd, text=True)\'',
      'python3 -c $\'import subprocess\\nfor cmd in (["ruff", "check", "."], ["pytest", "-q"]):\\n    subprocess.run(cmd, check=True)\'',
      'python3 -c $\'import subprocess\\ndef run(cmd, **kw):\\n    return subprocess.run(cmd, check=True, **kw)\\nrun(["git", "status"])\'',
      "python3 -c 'import asyncio; asyncio.run(main)'",
      "python3 -c 'import sqlite3; q = build(); cur.execute(q)'",
      'node -e \'const c="npm test"; require("child_process").execSync(c, {stdio: "inherit"})\'',
      'node -e \'const {execSync}=require("child_process"); const steps=["npm run lint", "npm test"]; for (const s of steps) execSync(s)\'',
      'node -e \'const {exec}=require("child_process"); const m=/v(\\d+)/.exec(line)\'',
      'ruby -e \'cmd = "bundle exec rspec"; system(cmd) or exit(1)\'',
      'perl -e \'my $cmd = "make test"; system($cmd) == 0 or die\'',
      'php -r \'$cmd = "composer validate"; passthru($cmd, $rc); $db->exec($sql);\'',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});
