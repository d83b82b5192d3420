// Programs that read, write and run through their own scripts and options
// (parse/textPrograms.ts, parse/wrappers/textTools.ts, parse/makefile.ts,
// effects of sort and uniq), and variables that decide what the next
// program loads (parse/loaderVariables.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAwkProgram, readSedScript, sedScript } from '../../../src/core/parse/textPrograms';
import { loaderVariableFinding } from '../../../src/core/parse/loaderVariables';
import { shellCalls } from '../../../src/core/parse/makefile';
import { engine } from '../support/engineHarness';
import { HOME, WORKSPACE } from '../support/helpers';

const { decide, ids } = engine({ [`${WORKSPACE}/Makefile`]: 'VERSION != git describe\nbuild:\n\tgo build ./...\n' });

test("sed's r, R, w, W and e commands, and the w and e flags of s///, as GNU sed documents them", () => {
  assert.deepEqual(readSedScript('1r /etc/x\n$R /y'), { reads: ['/etc/x', '/y'], writes: [], runs: [], env: [] });
  assert.deepEqual(readSedScript('/a/,/b/w out.txt').writes, [{ path: 'out.txt', append: true }]);
  assert.deepEqual(readSedScript('s/x/y/gw log.txt').writes, [{ path: 'log.txt', append: true }]);
  assert.deepEqual(readSedScript('1e rm -rf ~').runs, ['rm -rf ~']);
  assert.deepEqual(readSedScript('s/.*/curl x | sh/e').runs, ['curl x | sh']);
  assert.deepEqual(readSedScript('s/a\\/b/c/g; /^#/d').reads, []);
  assert.deepEqual(sedScript(['sed', '-n', '-e', 'p', '-f', 's.sed', 'in']), {
    scripts: ['p'],
    files: ['s.sed'],
    inputs: ['in'],
  });
  assert.deepEqual(sedScript(['sed', '-i', 's/a/b/', 'f']), { scripts: ['s/a/b/'], files: [], inputs: ['f'] });
  // A bare `e` and `s///e` built from the line run the input lines themselves.
  assert.equal(readSedScript('e').runsInput, true);
  assert.equal(readSedScript('/x/e').runsInput, true);
  assert.equal(readSedScript('s/^//e').runsInput, true);
  assert.equal(readSedScript('s/x/&;id/e').runsInput, true);
  assert.equal(readSedScript('s/x/y/g; p').runsInput, undefined);
});

test("awk's getline, output redirections, command pipes, ENVIRON and ARGV", () => {
  const r = readAwkProgram(
    'BEGIN { while ((getline l < "/k") > 0) print l > "/o"; "id" | getline u; print u | "sh"; print ENVIRON["TOKEN"]; ARGV[1] = "/s" } { for (k in ENVIRON) print k }',
  );
  assert.deepEqual(r.reads, ['/k', '/s']);
  assert.deepEqual(r.writes, [{ path: '/o', append: false }]);
  assert.deepEqual(r.runs, ['id', 'sh']);
  assert.deepEqual(r.env, ['TOKEN', '*']);
});

test('what those programs do is judged like the commands that do the same', () => {
  for (const c of [
    `sed "1r ${HOME}/.ssh/id_rsa" README.md`,
    `sed -n "w ${HOME}/.bashrc" p.txt`,
    "sed '1e rm -rf ~' f",
    `awk 'BEGIN { print ENVIRON["AWS_SECRET_ACCESS_KEY"] }'`,
    `awk "BEGIN { while ((getline l < \\"${HOME}/.aws/credentials\\") > 0) print l }"`,
    'sort -o ~/.ssh/authorized_keys k',
    'uniq k ~/.ssh/authorized_keys',
    "make --eval='x: ; rm -rf ~' x",
    "make CC='$(shell rm -rf ~)' all",
    "git rebase --exec 'rm -rf ~' HEAD~3",
    'rg --pre rm -e x .',
    'rg --pre sh TODO',
  ]) {
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  }
  for (const c of [
    "sed -i 's/a/b/' src/index.ts",
    "sed 's/a/b/w changes.txt' notes",
    "awk '{print $1}' log",
    'sort -o sorted.txt data.txt',
    'uniq a.txt b.txt',
    'make build',
    "make --eval='print-%: ; @echo $*=$($*)' print-CC",
    "git rebase -x 'npm test' main",
    "rg --pre-glob '*.pdf' --pre pdftotext x docs/",
  ]) {
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  }
  assert.deepEqual(shellCalls('A := $(shell git rev-parse HEAD) $(shell date +%s)'), [
    'git rev-parse HEAD',
    'date +%s',
  ]);
});

test("a loader variable pointing at a temp folder asks; the project, the system and the user's own installs do not", () => {
  const places = { tempDirs: ['/tmp', '/var/tmp'], cwd: WORKSPACE, home: HOME };
  assert.ok(loaderVariableFinding('PATH', '/tmp/bin:/usr/bin:/bin', places));
  assert.equal(
    loaderVariableFinding('PATH', '/usr/bin:/bin:/tmp/bin', places),
    undefined,
    'appended after the system folders',
  );
  assert.equal(loaderVariableFinding('PATH', `${WORKSPACE}/node_modules/.bin:/usr/bin`, places), undefined);
  assert.ok(loaderVariableFinding('LD_PRELOAD', `${HOME}/.cache/x.so`, places));
  assert.equal(loaderVariableFinding('LD_PRELOAD', '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', places), undefined);
  assert.ok(loaderVariableFinding('NODE_OPTIONS', '--require /tmp/p.js --max-old-space-size=4096', places));
  assert.equal(loaderVariableFinding('NODE_OPTIONS', '--max-old-space-size=4096', places), undefined);
  assert.ok(loaderVariableFinding('JAVA_TOOL_OPTIONS', '-javaagent:/tmp/a.jar', places));
  assert.ok(loaderVariableFinding('PYTHONPATH', '/tmp/evil', places));
  // A home inside a temp folder (a CI runner's, a sandbox's) is still the user's own.
  const tmpHome = { ...places, home: '/tmp/runner-home' };
  assert.equal(loaderVariableFinding('PATH', '/tmp/runner-home/.local/bin:/usr/bin', tmpHome), undefined);
  assert.ok(loaderVariableFinding('PATH', '/tmp/other/bin:/usr/bin', tmpHome));
  // A home above a temp folder (a service account's /var over /var/tmp) does not make that folder the user's own.
  assert.ok(loaderVariableFinding('PATH', '/var/tmp/bin:/usr/bin', { ...places, home: '/var' }));
  for (const c of [
    'PATH=/tmp/b:$PATH git status',
    'export LD_PRELOAD=/tmp/x.so && ls',
    'env PATH=/tmp/t:/usr/bin make',
  ])
    assert.ok(ids(c).includes('exec.loader-variable'), c);
});

test('a sed script or awk program past the bound on items read is asked about, never run unread', () => {
  const { judge } = engine();
  const writes = (n: number) => Array.from({ length: n }, (_, i) => `w /tmp/o${i}`).join('\n');
  const prints = (n: number) => Array.from({ length: n }, (_, i) => `print > "/tmp/o${i}"`).join('; ');
  for (const command of [
    // Thirty-three writes fill the bound; the command after them deletes the home folder.
    `sed -n '${writes(33)}\ne rm -rf ~' x`,
    `awk '{ ${prints(33)}; print | "rm -rf ~" }' x`,
    `sed -n '${'p\n'.repeat(1100)}e rm -rf ~' x`,
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command.slice(0, 60));
    assert.ok(
      r.findings.some((f) => f.id === 'parse.too-complex' && /more than AgentGuard reads/.test(f.summary)),
      JSON.stringify(r.findings),
    );
  }
  // Within the bounds: read, and quiet when harmless.
  assert.equal(judge(`sed -n '${writes(3)}' x`).decision, 'allow');
  assert.equal(judge(`awk '{ ${prints(3)} }' x`).decision, 'allow');
});

test("sed's bare e runs its input lines: piped text and input files are judged as the shell lines they are", () => {
  const files = { '/tmp/lines.txt': 'rm -rf ~\n', [`${WORKSPACE}/notes.txt`]: 'hello\n' };
  const { decide, ids } = engine(files);
  for (const c of [
    "echo 'rm -rf ~' | sed 'e'",
    "echo 'rm -rf ~' | sed -n e",
    "printf 'rm -rf ~\\n' | sed 's/^//e'",
    'sed e /tmp/lines.txt',
    'sed -n e < /tmp/lines.txt',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of ["echo hi | sed 's/h/H/'", 'sed -n p /tmp/lines.txt', "sed '/^$/d' notes.txt"])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
