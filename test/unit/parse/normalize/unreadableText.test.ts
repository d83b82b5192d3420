// Text that runs and that AgentGuard cannot read: a script file, a foreign shell's code, shell text a reader made
// (Tcl's, a task's lines). It was left out, and the command that ran it judged on its own: `bash deploy.sh` was
// allowed when the script's second line did not parse, though bash runs its first line before it stops there, and
// any gap of the parser let a script run unjudged. It now asks, and what the script runs before the unreadable line
// is judged. Text read only on a guess that it may be commands (an arithmetic body, a string handed to a database
// cursor's `execute`) is still left alone when it does not read as commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const SCRIPTS = {
  '../../notes/todo.txt': 'buy milk\n',
  'wipe.sh': '#!/bin/sh\nrm -rf ~/notes\nif then fi (\necho never\n',
  'broken.sh': '#!/bin/sh\necho start\nif then fi (\n',
  'fine.sh': '#!/bin/sh\necho start\n',
};

function ids(r: { findings: readonly { id: string }[] }): string[] {
  return r.findings.map((f) => f.id);
}

test('a script that cannot be read asks, and what it runs before the unreadable line is judged', () => {
  const { judge, done } = diskWorkspace('ag-unreadable-', SCRIPTS, { git: true });
  try {
    for (const command of ['bash wipe.sh', 'sh ./wipe.sh', 'chmod +x wipe.sh && ./wipe.sh', 'source wipe.sh']) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(ids(r).includes('parse.unparseable'), `${command}: ${ids(r)}`);
      assert.ok(ids(r).includes('fs.rm-outside-workspace'), `${command}: ${ids(r)}`);
    }
    const r = judge('bash broken.sh');
    assert.equal(r.decision, 'ask');
    const unread = r.findings.find((f) => f.id === 'parse.unparseable');
    assert.match(unread?.summary ?? '', /`bash broken\.sh`.*on line 3/);
    assert.equal(judge('bash fine.sh').decision, 'allow');
  } finally {
    done();
  }
});

test("a foreign shell's code, or shell text a reader made, that cannot be read asks", () => {
  const { judge, done } = diskWorkspace('ag-unreadable-', SCRIPTS, { git: true });
  try {
    for (const command of [
      "tcsh -c 'rm -rf ~/notes; foreach i (1 2)'",
      'expect -c \'spawn bash; send "echo ( \\r"\'',
      `python3 -c 'import os; os.system("ls; echo (")'`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', `${command}: ${ids(r)}`);
      assert.ok(ids(r).includes('parse.unparseable'), `${command}: ${ids(r)}`);
    }
  } finally {
    done();
  }
});

test('text read only on a guess that it is commands stays quiet when it is not', () => {
  const { judge, done } = diskWorkspace('ag-unreadable-', SCRIPTS, { git: true });
  try {
    for (const command of [
      'i=0; (( i = i + 1 )); echo $i',
      '((count++; total += 2)); echo done',
      `python3 -c "import sqlite3; sqlite3.connect('x.db').execute('SELECT count(*) FROM t')"`,
      `python3 -c "import subprocess; subprocess.run('echo (')"`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
    // `shell=True` says a shell reads the string: it is no guess, and what cannot be read of it asks.
    for (const command of [
      `python3 -c "import subprocess; subprocess.run('echo (', shell=True)"`,
      `python3 -c "import subprocess; subprocess.call('echo (', cwd='.', shell = True)"`,
    ]) {
      const r = judge(command);
      assert.ok(ids(r).includes('parse.unparseable'), `${command}: ${ids(r)}`);
    }
  } finally {
    done();
  }
});

test('a (( that does not close as arithmetic is read as the two subshells bash reads', () => {
  const { judge, done } = diskWorkspace('ag-unreadable-', SCRIPTS, { git: true });
  try {
    const r = judge('((rm -rf ~/notes; echo $?) 3>&- | cat\n)');
    assert.ok(ids(r).includes('fs.rm-outside-workspace'), ids(r).join());
    assert.ok(!ids(r).includes('parse.unparseable'), ids(r).join());
    assert.equal(judge('((echo a; echo b) | cat\n)').decision, 'allow');
    assert.equal(judge('(( x = 1 + 2 )); echo $x').decision, 'allow');
  } finally {
    done();
  }
});

test('a sh head that replaces the shell ends what bash reads; exec that runs nothing, or may fail, does not', () => {
  const launcher = [
    '#!/bin/sh',
    `'''exec' "$(dirname -- "$(realpath -- "$0")")/python3" "$0" "$@"`,
    "' '''",
    'import sys',
    "if __name__ == '__main__':",
    '    sys.exit(main(sys.argv[1:]))',
    '',
  ].join('\n');
  const scripts = {
    ...SCRIPTS,
    'venv/bin/pip': launcher,
    'tool': [
      '#!/bin/sh',
      "''':'",
      'if [ -x /usr/bin/tool ]; then',
      '  exec /usr/bin/tool "$@"',
      'fi',
      'exec python3 "$0" "$@"',
      "'''",
      'import sys',
      'print(sys.argv)',
      '',
    ].join('\n'),
    'optsonly.sh': 'exec -a name\nrm -rf ~/notes\nif then (\n',
    'execfail.sh': 'shopt -s execfail\nexec /nowhere x\nrm -rf ~/notes\nif then (\n',
  };
  const { judge, done } = diskWorkspace('ag-unreadable-', scripts, { git: true });
  try {
    for (const command of ['sh venv/bin/pip install requests', 'sh tool x']) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
    for (const command of ['bash optsonly.sh', 'bash execfail.sh']) {
      const r = judge(command);
      assert.ok(ids(r).includes('parse.unparseable'), `${command}: ${ids(r)}`);
      assert.ok(ids(r).includes('fs.rm-outside-workspace'), `${command}: ${ids(r)}`);
    }
  } finally {
    done();
  }
});

test('a shell that goes on past a failed exec reads on: -O execfail, BASHOPTS, BASH_ENV, -i, a #! line with options', () => {
  const tail = 'exec /nowhere x\nrm -rf ~/notes\nif then (\n';
  const scripts = {
    ...SCRIPTS,
    'plain.sh': tail,
    'rc': 'shopt -s execfail\n',
    'optioned': `#!/bin/bash -O execfail\n${tail}`,
    'viaenv': `#!/usr/bin/env -S BASHOPTS=execfail bash\n${tail}`,
    'bare': `#!/bin/bash\n${tail}`,
  };
  const { judge, done } = diskWorkspace('ag-unreadable-', scripts, { git: true });
  try {
    for (const command of [
      'bash -O execfail plain.sh',
      'bash +O execfail -O execfail plain.sh',
      'BASHOPTS=execfail bash plain.sh',
      'export BASHOPTS=execfail; bash plain.sh',
      'BASH_ENV=./rc bash plain.sh',
      'bash -i plain.sh',
      'bash --rcfile rc -i plain.sh',
      'source plain.sh',
      './optioned',
      './viaenv',
    ]) {
      const r = judge(command);
      assert.ok(ids(r).includes('fs.rm-outside-workspace'), `${command}: ${ids(r)}`);
      assert.ok(ids(r).includes('parse.unparseable'), `${command}: ${ids(r)}`);
    }
    // A plain shell exits at the failed exec: the lines after it never run.
    for (const command of ['bash plain.sh', 'sh -e plain.sh', 'bash -o pipefail plain.sh', './bare']) {
      const r = judge(command);
      assert.ok(!ids(r).includes('fs.rm-outside-workspace'), `${command}: ${ids(r)}`);
    }
  } finally {
    done();
  }
});
