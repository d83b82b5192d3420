// What a Tcl word holds when Tcl runs it (parse/wrappers/tclValues.ts). Tcl's words were joined into shell text as
// written: `$env(HOME)` is no shell syntax, so `tclsh <<< 'file delete -force $env(HOME)/notes'` made text that
// did not parse and ran unjudged; `exec sh -c "rm -rf ~/notes"` split its script into words (`sh -c rm …`). Each
// word is now one shell word, `$env(NAME)` the shell's `$NAME`, any other substitution a value known only at run
// time, and exec's pipes and redirections the shell's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, diskWorkspace } from '../support/engineHarness';
import { tclExecLine, tclShellLine, tclValue } from '../../../src/core/parse/wrappers/tclValues';

test('a Tcl word becomes one shell word: the environment read as the shell reads it, other substitutions unknown', () => {
  assert.equal(tclShellLine(['rm', '-rf', tclValue('$env(HOME)/notes')]), 'rm -rf "${HOME}"/notes');
  assert.equal(tclShellLine(['rm', '-rf', tclValue('${::env(HOME)}')]), 'rm -rf "${HOME}"');
  assert.equal(
    tclShellLine(['rm', tclValue('$dir/x'), tclValue('[pwd]')]),
    'rm "${__runtime_value}"/x "${__runtime_value}"',
  );
  assert.equal(tclShellLine(['rm', '-rf', "it's here", '~/notes']), "rm -rf 'it'\\''s here' ~/notes");
  assert.equal(tclShellLine(['sh', '-c', 'rm -rf ~/notes']), "sh -c 'rm -rf ~/notes'");
  assert.equal(tclValue('a\\$b\\[c\\]'), 'a$b[c]');
  assert.equal(tclExecLine(['ls', '|', 'grep', 'x', '>@', 'stdout', '2>@1']), 'ls | grep x 2>&1');
  assert.equal(tclExecLine(['cat', 'a', '>~/.bashrc']), 'cat a > ~/.bashrc');
  assert.equal(tclExecLine(['cat', '<<', 'hi there', '>>', 'log', '&']), "cat <<< 'hi there' >> log &");
});

test('Tcl that deletes, overwrites or runs through a substituted word is judged for what it does', () => {
  const { judge, done } = diskWorkspace('ag-tclvalues-', { '../../notes/todo.txt': 'x\n' }, { git: true });
  try {
    const cases: [string, string][] = [
      ["tclsh <<< 'file delete -force $env(HOME)/notes'", 'fs.rm-outside-workspace'],
      ["tclsh <<< 'exec rm -rf $::env(HOME)/notes'", 'fs.rm-outside-workspace'],
      ['tclsh <<< \'exec sh -c "rm -rf ~/notes"\'', 'fs.rm-outside-workspace'],
      ["tclsh <<< 'exec cat /etc/hosts >$env(HOME)/.bashrc'", 'fs.overwrite-home-config'],
      ["tclsh <<< 'file delete -force [file join $env(HOME) notes]'", 'fs.rm-unknown-target'],
      ['expect -c \'spawn bash; send "rm -rf $env(HOME)/notes\\r"; expect eof\'', 'fs.rm-outside-workspace'],
      ["__runtime_value=/tmp tclsh <<< 'file delete -force $d'", 'fs.rm-unknown-target'],
    ];
    for (const [command, id] of cases) assertGated(judge, command, id);
    for (const command of [
      "tclsh <<< 'exec ls $dir'",
      "tclsh <<< 'exec git status >@ stdout 2>@1'",
      "tclsh <<< 'set x 1; puts $x'",
      'tclsh <<< \'exec echo "(it works)"\'',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
  } finally {
    done();
  }
});

test("PHP's and Perl's shell text joined with a value known only at run time is read, the value unknown", () => {
  const { judge, done } = diskWorkspace('ag-tclvalues-', {}, { git: true });
  try {
    const r = judge(`php -r 'exec("rm -rf ".getcwd());'`);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-unknown-target'),
      r.findings.map((f) => f.id).join(),
    );
    assert.equal(judge(`php -r 'exec("ls ".getcwd());'`).decision, 'allow');
  } finally {
    done();
  }
});
