import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileEffects } from '../../../src/core/effects';
import { normalize } from '../../../src/core/parse/normalize';
import { ctx, simple, WORKSPACE, HOME } from '../support/helpers';
import { engine } from '../support/engineHarness';

const fx = (argv: string[], extra = {}) => fileEffects(simple(argv, extra), ctx());
const W = WORKSPACE;

test('rm: every operand is deleted, -r/-R/--recursive marks recursion', () => {
  assert.deepEqual(fx(['rm', '-rf', 'dist', 'build']), [
    { kind: 'delete', path: `${W}/dist`, dynamic: false, recursive: true },
    { kind: 'delete', path: `${W}/build`, dynamic: false, recursive: true },
  ]);
  assert.deepEqual(fx(['rm', 'notes.txt']), [{ kind: 'delete', path: `${W}/notes.txt`, dynamic: false }]);
  assert.equal(fx(['rm', '--recursive', '--force', '../'])[0].path, '/home/dev/code');
  assert.equal(fx(['rm', '-r', '-f', './lib'])[0].recursive, true);
});

test('rm: ~ and $HOME resolve to HOME; unknown variables stay raw and dynamic', () => {
  assert.equal(fx(['rm', '-rf', '~'])[0].path, HOME);
  assert.equal(fx(['rm', '-rf', '$HOME/x'], { env: {} })[0].path, `${HOME}/x`);
  assert.deepEqual(fx(['rm', '-rf', '$XARGS_INPUT'])[0], {
    kind: 'delete',
    path: '$XARGS_INPUT',
    dynamic: true,
    recursive: true,
  });
  const glob = fx(['rm', '-f', './**/*.ts'])[0];
  assert.equal(glob.path, `${W}/**/*.ts`);
  assert.equal(glob.dynamic, true);
});

test('brace alternatives left in a word become separate paths', () => {
  assert.deepEqual(
    fx(['rm', '-rf', '{dist,build}']).map((e) => e.path),
    [`${W}/dist`, `${W}/build`],
  );
  assert.deepEqual(
    fx(['rm', 'src/{a,b}.ts']).map((e) => e.path),
    [`${W}/src/a.ts`, `${W}/src/b.ts`],
  );
  assert.equal(fx(['rm', '-rf', '${X:-a,b}']).length, 1, 'a parameter expansion is not a brace list');
});

test('a word with more brace alternatives than are read is asked about, never judged as one literal name', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
  // Sixteen alternatives are read one by one, as before; the seventeenth would hide `.git` past the bound.
  const under = `$(pwd)/{${names(15).join(',')},.git}`;
  const past = `$(pwd)/{${names(16).join(',')},.git}`;
  assert.equal(fx(['touch', `{${names(16).join(',')}}`]).length, 16);
  assert.ok(!fx(['touch', `{${names(16).join(',')}}`]).some((e) => e.unread));
  const over = fx(['touch', `{${names(17).join(',')}}`]);
  assert.equal(over.length, 1);
  assert.equal(over[0].unread, true);
  const { judge } = engine();
  assert.equal(judge(`touch $(pwd)/{${names(16).join(',')}}`).decision, 'allow');
  const quiet = judge(`touch $(pwd)/{${names(17).join(',')}}`);
  assert.equal(quiet.decision, 'ask', JSON.stringify(quiet.findings));
  assert.ok(quiet.findings.some((f) => f.id === 'parse.too-complex' && /more brace alternatives/.test(f.summary)));
  assert.notEqual(judge(`rm -rf ${under}`).decision, 'allow');
  assert.notEqual(judge(`rm -rf ${past}`).decision, 'allow');
});

test('nested brace alternatives, and a brace list holding a ${…}, reach every path they name', () => {
  assert.deepEqual(
    fx(['rm', '-rf', '{a,{b,.git}}']).map((e) => e.path),
    [`${W}/a`, `${W}/b`, `${W}/.git`],
  );
  assert.deepEqual(
    fx(['mv', 'x', 'x/{y,{z,.git/config}}']).map((e) => e.path),
    [`${W}/x`, `${W}/x/y`, `${W}/x/z`, `${W}/x/.git/config`],
  );
  assert.deepEqual(
    fx(['touch', '{a,b}{c,d}']).map((e) => e.path),
    [`${W}/ac`, `${W}/ad`, `${W}/bc`, `${W}/bd`],
  );
  // A `${…}` alternative stays unknown, as any `$VAR` word does; the list around it is still read.
  const param = fx(['mv', 'x', '{y,${X}/.git/config}']);
  assert.deepEqual(
    param.map((e) => [e.path, e.dynamic]),
    [
      [`${W}/x`, false],
      [`${W}/y`, false],
      ['${X}/.git/config', true],
    ],
  );
  // Nested lists count every word they make against the bound: 4 × 5 is past 16.
  const wide = fx(['touch', '{a,b,c,d}{e,f,g,h,{i,.git}}']);
  assert.equal(wide.length, 1);
  assert.equal(wide[0].unread, true);
  const { judge } = engine();
  for (const line of [
    'rm -rf $(pwd)/{a,{b,.git}}',
    'mv x $(pwd)/{y,{z,.git/config}}',
    'mv x $(pwd)/{y,${X}/.git/config}',
  ]) {
    const r = judge(line);
    assert.equal(r.decision, 'ask', `${line}: ${JSON.stringify(r.findings)}`);
    assert.ok(
      r.findings.some((f) => f.id === 'path.protected' || f.id === 'autorun.git-config' || f.id === 'path.agentguard'),
      `${line}: ${JSON.stringify(r.findings)}`,
    );
  }
  assert.equal(judge('mv x $(pwd)/{y,{z,w}}').decision, 'allow');
  assert.equal(judge('touch $(pwd)/{a,{b,c}}').decision, 'allow');
});

test('brace alternatives come in the order the shell makes them, each list read on its own', () => {
  // bash: `echo {a{b,c},d}` prints `ab ac d`; a list after one whose alternative ends in `$` is still a list.
  assert.deepEqual(
    fx(['rm', '-rf', '{a{b,c},d}']).map((e) => e.path),
    [`${W}/ab`, `${W}/ac`, `${W}/d`],
  );
  assert.deepEqual(
    fx(['touch', 'x{a,$}{.git,y}']).map((e) => e.path),
    [`${W}/xa.git`, `${W}/xay`, 'x$.git', 'x$y'],
  );
  // Sixteen words from lists side by side and nested are read; one more is past the bound.
  assert.equal(fx(['touch', '{a,b}{c,d}{e,{f,g,h}}']).length, 16);
  assert.equal(fx(['touch', '{a,b}{c,d}{e,{f,g,h,i}}'])[0].unread, true);
});

test('quoted or escaped braces are one name, as bash leaves them; a real list beside them is still read', () => {
  const { judge } = engine();
  // Quoted or escaped, bash expands none: each touches the one file `{.git/config,x}`. Unquoted, the list is read,
  // beside a substitution and beside an escaped brace (`b}c` is one alternative), and reaches .git/config.
  const quiet = [
    "'{.git/config,x}'",
    '"{.git/config,x}"',
    '\\{.git/config,x\\}',
    "$(pwd)/'{.git/config,x}'",
    '"$(pwd)/{.git/config,x}"',
    '$(pwd)/\\{.git/config,x\\}',
  ];
  const lists = [
    '{.git/config,x}',
    '$(pwd)/{.git/config,x}',
    '$(pwd)/{a,b\\}c,.git/config}',
    '$(pwd)/\\{a,b\\}/../{x,.git/config}',
  ];
  const cases: [string, boolean][] = [
    ...quiet.map((w): [string, boolean] => [`touch ${w}`, false]),
    ...lists.map((w): [string, boolean] => [`touch ${w}`, true]),
    ['dd if=/dev/zero of=$(pwd)/{x,.git/config}', true],
  ];
  for (const [line, protectedHit] of cases) {
    const r = judge(line);
    const seen = `${line}: ${JSON.stringify(r.findings)}`;
    assert.equal(r.decision, protectedHit ? 'ask' : 'allow', seen);
    assert.equal(
      r.findings.some((f) => f.id === 'path.protected'),
      protectedHit,
      seen,
    );
  }
  // A list the parser kept whole counts against the same bound: seventeen words ask.
  const names = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`).join(',');
  assert.equal(judge(`touch "$(pwd)"/{${names(16)}}`).decision, 'allow');
  assert.equal(judge(`touch "$(pwd)"/{${names(17)}}`).decision, 'ask');
});

test('a word with a colon inside a variable is a path, not host:path', () => {
  assert.equal(fx(['rm', '-rf', '${OUT:?}/x']).length, 1);
  assert.equal(fx(['scp', 'a', 'host:/x']).length, 0);
});

test('rm --help and bare rm have no effect', () => {
  assert.deepEqual(fx(['rm', '--help']), []);
  assert.deepEqual(fx(['rm']), []);
});

test('mv moves sources and writes the destination; cp/install write only the destination', () => {
  assert.deepEqual(fx(['mv', 'src/old.ts', 'src/new.ts']), [
    { kind: 'move', path: `${W}/src/old.ts`, dynamic: false },
    { kind: 'write', path: `${W}/src/new.ts`, dynamic: false },
  ]);
  assert.deepEqual(fx(['cp', '-r', 'src', 'src_backup']), [{ kind: 'write', path: `${W}/src_backup`, dynamic: false }]);
  assert.deepEqual(fx(['cp', '-t', '/etc/nginx', 'a.conf', 'b.conf']), [
    { kind: 'write', path: '/etc/nginx', dynamic: false },
  ]);
  assert.deepEqual(fx(['install', '-m', '755', 'bin/tool', '/usr/local/bin/tool']), [
    { kind: 'write', path: '/usr/local/bin/tool', dynamic: false },
  ]);
});

test('rsync: destination written, --delete deletes inside it, remote destinations are not local files', () => {
  assert.deepEqual(fx(['rsync', '-a', '--delete', 'empty/', 'backups/']), [
    { kind: 'write', path: `${W}/backups`, dynamic: false },
    // A trailing `/` goes through a symlink there (rsync deletes inside the folder it leads to).
    { kind: 'delete', path: `${W}/backups`, dynamic: false, recursive: true, follow: true },
  ]);
  assert.deepEqual(fx(['rsync', '-av', 'dist/', 'deploy@web:/var/www/']), []);
  assert.deepEqual(fx(['rsync', '-a', '--exclude', 'node_modules', 'src/', 'out/']), [
    { kind: 'write', path: `${W}/out`, dynamic: false },
  ]);
});

test('ln: a link is written AT its name; a hard link also exposes its source to writes, a symlink does not', () => {
  assert.deepEqual(fx(['ln', '-sf', 'config.prod.json', 'config.json']), [
    { kind: 'write', path: `${W}/config.json`, dynamic: false },
  ]);
  assert.deepEqual(fx(['ln', '-s', 'a', 'b']), [{ kind: 'write', path: `${W}/b`, dynamic: false }]);
  assert.deepEqual(fx(['ln', '.agentguard.json', 'notes.json']), [
    { kind: 'write', path: `${W}/notes.json`, dynamic: false },
    { kind: 'write', path: `${W}/.agentguard.json`, dynamic: false },
  ]);
});

test('dd of=, truncate, shred, mkfs', () => {
  assert.deepEqual(fx(['dd', 'if=/dev/zero', 'of=/dev/sda', 'bs=1M']), [
    { kind: 'truncate', path: '/dev/sda', dynamic: false },
  ]);
  assert.equal(fx(['dd', 'if=a', 'of=b.img', 'conv=notrunc'])[0].kind, 'write');
  assert.deepEqual(fx(['truncate', '-s', '0', 'data/app.sqlite']), [
    { kind: 'truncate', path: `${W}/data/app.sqlite`, dynamic: false },
  ]);
  assert.deepEqual(fx(['shred', '-u', '-z', 'secrets.db']), [
    { kind: 'delete', path: `${W}/secrets.db`, dynamic: false },
  ]);
  assert.equal(fx(['shred', '-n', '3', 'disk.img'])[0].kind, 'truncate');
  assert.deepEqual(fx(['mkfs.ext4', '/dev/nvme0n1p1']), [{ kind: 'truncate', path: '/dev/nvme0n1p1', dynamic: false }]);
  assert.equal(fx(['mkfs', '-t', 'ext4', '/dev/sdb1'])[0].path, '/dev/sdb1');
});

test('sed -i and perl -i write their files, not their script; plain sed writes nothing', () => {
  assert.deepEqual(fx(['sed', '-i', 's/foo/bar/g', 'src/config.ts']), [
    { kind: 'write', path: `${W}/src/config.ts`, dynamic: false },
  ]);
  assert.deepEqual(
    fx(['sed', '-i.bak', '-e', 's/a/b/', 'a.txt', 'b.txt']).map((e) => e.path),
    [`${W}/a.txt`, `${W}/b.txt`],
  );
  assert.deepEqual(fx(['sed', 's/a/b/', 'a.txt']), []);
  assert.deepEqual(
    fx(['perl', '-pi', '-e', 's/a/b/', 'x.txt']).map((e) => e.path),
    [`${W}/x.txt`],
  );
});

test('tee truncates (or appends with -a)', () => {
  assert.deepEqual(fx(['tee', '/etc/hosts']), [{ kind: 'truncate', path: '/etc/hosts', dynamic: false }]);
  assert.deepEqual(fx(['tee', '-a', 'log.txt']), [{ kind: 'write', path: `${W}/log.txt`, dynamic: false }]);
  assert.deepEqual(fx(['tee', '/dev/null']), []);
});

test('chmod/chown: the mode or owner is not a file; -R anywhere marks recursion', () => {
  assert.deepEqual(fx(['chmod', '+x', 'scripts/setup.sh']), [
    { kind: 'chmod', path: `${W}/scripts/setup.sh`, dynamic: false },
  ]);
  assert.deepEqual(fx(['chmod', '-R', '000', '/']), [{ kind: 'chmod', path: '/', dynamic: false, recursive: true }]);
  assert.deepEqual(
    fx(['chmod', '-w', 'a.txt']).map((e) => e.path),
    [`${W}/a.txt`],
  );
  assert.deepEqual(fx(['chown', '-R', 'dev:dev', '/usr/local']), [
    { kind: 'chmod', path: '/usr/local', dynamic: false, recursive: true },
  ]);
});

test('redirects: > truncates, >> writes, fd dups and sinks are not files', () => {
  const r = (op: '>' | '>>' | '&>', target: string, fd = 1) => fx(['echo', 'x'], { redirects: [{ op, fd, target }] });
  assert.deepEqual(r('>', '/etc/passwd'), [{ kind: 'truncate', path: '/etc/passwd', dynamic: false }]);
  assert.deepEqual(r('>>', 'notes/dangerous-commands.md'), [
    { kind: 'write', path: `${W}/notes/dangerous-commands.md`, dynamic: false },
  ]);
  assert.deepEqual(r('>', '/dev/null'), []);
  assert.deepEqual(r('>', '&1', 2), []);
  assert.deepEqual(r('&>', '/dev/stderr'), []);
  assert.deepEqual(fx(['cat'], { redirects: [{ op: '<', fd: 0, target: 'input.txt' }] }), []);
});

test('commands that only read have no effect', () => {
  for (const argv of [
    ['ls', '-la'],
    ['cat', 'package.json'],
    ['grep', '-rn', 'TODO', 'src'],
    ['git', 'rm', '-rf', 'src'],
    ['tar', '-tzf', 'a.tgz'],
    ['unzip', '-l', 'a.zip'],
    ['curl', '-s', 'https://example.com'],
    ['wget', '-qO-', 'https://example.com'],
    ['git', 'apply', '--check', 'fix.diff'],
  ]) {
    assert.deepEqual(fx(argv), [], argv.join(' '));
  }
});

test('paths resolve against cmd.cwd and the env HOME', () => {
  assert.equal(fx(['rm', 'x'], { cwd: '/srv/app' })[0].path, '/srv/app/x');
  assert.equal(fx(['rm', '~/x'], { env: { HOME: '/Users/me' } })[0].path, '/Users/me/x');
});

test('rimraf and del-cli delete every operand recursively; a dry run deletes nothing', () => {
  assert.deepEqual(fx(['rimraf', 'dist']), [{ kind: 'delete', path: `${W}/dist`, dynamic: false, recursive: true }]);
  assert.equal(fx(['del-cli', '~/code'])[0].path, `${HOME}/code`);
  assert.equal(fx(['rimraf', '--preserve-root', '/'])[0].path, '/');
  assert.deepEqual(fx(['del-cli', 'dist/**', '--dry-run']), []);
});

test('tar: -c writes the archive, -x writes the folder it extracts into, --remove-files deletes the sources', () => {
  assert.deepEqual(fx(['tar', '-czf', 'a.tgz', 'dist']), [{ kind: 'truncate', path: `${W}/a.tgz`, dynamic: false }]);
  assert.deepEqual(fx(['tar', 'czf', '/home/dev/.ssh/id_rsa', 'dist']), [
    { kind: 'truncate', path: '/home/dev/.ssh/id_rsa', dynamic: false },
  ]);
  assert.deepEqual(fx(['tar', '-xzf', 'a.tgz', '-C', '/']), [
    { kind: 'write', path: '/', dynamic: false, recursive: true },
  ]);
  assert.deepEqual(fx(['tar', '--extract', '--file=a.tar', '--directory=/etc']), [
    { kind: 'write', path: '/etc', dynamic: false, recursive: true },
  ]);
  assert.deepEqual(fx(['tar', 'xf', 'a.tar']), [{ kind: 'write', path: W, dynamic: false, recursive: true }]);
  assert.deepEqual(fx(['tar', '-cf', 'logs.tar', '--remove-files', 'logs']), [
    { kind: 'truncate', path: `${W}/logs.tar`, dynamic: false },
    { kind: 'delete', path: `${W}/logs`, dynamic: false, recursive: true },
  ]);
  assert.deepEqual(fx(['tar', '-rf', 'a.tar', 'x']), [{ kind: 'write', path: `${W}/a.tar`, dynamic: false }]);
});

test('zip writes its archive and -m deletes what it moved in; unzip writes into -d', () => {
  assert.deepEqual(fx(['zip', '-r', 'out.zip', 'src']), [{ kind: 'write', path: `${W}/out.zip`, dynamic: false }]);
  assert.deepEqual(fx(['zip', '-rm', 'out.zip', 'data']), [
    { kind: 'write', path: `${W}/out.zip`, dynamic: false },
    { kind: 'delete', path: `${W}/data`, dynamic: false, recursive: true },
  ]);
  assert.deepEqual(fx(['unzip', '-o', 'x.zip', '-d', '/home/dev/.config']), [
    { kind: 'write', path: '/home/dev/.config', dynamic: false, recursive: true },
  ]);
});

test('downloads replace the file they write: curl -o, wget -O', () => {
  assert.deepEqual(fx(['curl', '-sSL', '-o', '/home/dev/.ssh/authorized_keys', 'https://x.test/k']), [
    { kind: 'truncate', path: '/home/dev/.ssh/authorized_keys', dynamic: false },
  ]);
  assert.deepEqual(fx(['curl', '--output=bin/tool', 'https://x.test/t']), [
    { kind: 'truncate', path: `${W}/bin/tool`, dynamic: false },
  ]);
  assert.deepEqual(fx(['wget', '-O', '/home/dev/.bashrc', 'https://x.test/rc']), [
    { kind: 'truncate', path: '/home/dev/.bashrc', dynamic: false },
  ]);
  assert.deepEqual(fx(['wget', '-q', '-O-', 'https://x.test/rc']), []);
  assert.deepEqual(fx(['curl', '-o', '/dev/null', 'https://x.test']), []);
});

test('git diff, log and show --output replace the file they name; git archive -o writes its archive', () => {
  assert.deepEqual(fx(['git', 'diff', '--output=.agentguard.json']), [
    { kind: 'truncate', path: `${W}/.agentguard.json`, dynamic: false },
  ]);
  assert.deepEqual(fx(['git', 'log', '-p', '--output', '/home/dev/.bashrc']), [
    { kind: 'truncate', path: '/home/dev/.bashrc', dynamic: false },
  ]);
  assert.deepEqual(fx(['git', 'archive', '-o', 'out.zip', 'HEAD']), [
    { kind: 'truncate', path: `${W}/out.zip`, dynamic: false },
  ]);
  assert.deepEqual(fx(['git', 'log', '-o']), [], 'outside archive, -o is no output file');
  assert.deepEqual(fx(['git', 'diff', '--', '--output=x']), [], 'a path after -- is a path');
});

test('touch, ed/ex and scripted vim write the files they name; sed -i of a shell rc file is a write', () => {
  assert.deepEqual(fx(['touch', 'a.txt', '-d', 'yesterday']), [{ kind: 'write', path: `${W}/a.txt`, dynamic: false }]);
  assert.deepEqual(fx(['ed', '-s', '.agentguard.json']), [
    { kind: 'write', path: `${W}/.agentguard.json`, dynamic: false },
  ]);
  assert.deepEqual(fx(['ex', '-sc', '%s/a/b/|x', 'notes.txt']), [
    { kind: 'write', path: `${W}/notes.txt`, dynamic: false },
  ]);
  assert.deepEqual(fx(['vim', 'notes.txt']), []);
  assert.deepEqual(fx(['sed', '-i', '$a export X=1', '/home/dev/.bashrc']), [
    { kind: 'write', path: '/home/dev/.bashrc', dynamic: false },
  ]);
  assert.deepEqual(
    fx(['perl', '-0pi', '-e', 's/a/b/', '.zshrc']).map((e) => e.path),
    [`${W}/.zshrc`],
  );
});

test('patch and git apply write the files their diff names (read from the patch file or stdin)', () => {
  const diff =
    'diff --git a/.agentguard.json b/.agentguard.json\n--- a/.agentguard.json\n+++ b/.agentguard.json\n@@ -1 +1 @@\n-{}\n+{"mode":"monitor"}\ndiff --git a/old.txt b/old.txt\ndeleted file mode 100644\n--- a/old.txt\n+++ /dev/null\n';
  const withFile = (argv: string[], extra = {}) => fileEffects(simple(argv, extra), ctx({ [`${W}/fix.diff`]: diff }));
  assert.deepEqual(withFile(['git', 'apply', 'fix.diff']), [
    { kind: 'write', path: `${W}/.agentguard.json`, dynamic: false },
    { kind: 'delete', path: `${W}/old.txt`, dynamic: false },
  ]);
  assert.deepEqual(
    withFile(['patch', '-p1'], { stdin: diff }).map((e) => e.path),
    [`${W}/.agentguard.json`, `${W}/old.txt`],
  );
  assert.deepEqual(
    withFile(['patch', '-p1', '-i', 'fix.diff']).map((e) => e.kind),
    ['write', 'delete'],
  );
  assert.deepEqual(
    withFile(['patch', 'src/a.ts', 'fix.diff']).map((e) => e.path),
    [`${W}/src/a.ts`],
  );
  // A patch that cannot be read: its targets are unknown, not none.
  assert.deepEqual(
    withFile(['git', 'apply', 'missing.diff']).map((e) => e.dynamic),
    [true],
  );
  assert.deepEqual(
    withFile(['patch', '-p1']).map((e) => e.dynamic),
    [true],
  );
});

test('interpreter one-liners: files they open for writing, write, copy, rename or link onto are write effects', () => {
  const effectsOf = (command: string) =>
    normalize({ command, cwd: W, env: { HOME } }, ctx())
      .commands.flatMap((c) => fileEffects(c, ctx()))
      .map((e) => `${e.kind} ${e.path}`);
  assert.deepEqual(effectsOf(`python3 -c "open('.agentguard.json', 'w').write('{}')"`), [
    `truncate ${W}/.agentguard.json`,
  ]);
  assert.deepEqual(effectsOf(`python3 -c "import os; open(os.path.expanduser('~/.bashrc'), 'a').write('x')"`), [
    `write ${HOME}/.bashrc`,
  ]);
  assert.deepEqual(
    effectsOf(`node -e "require('fs').writeFileSync(require('os').homedir() + '/.ssh/authorized_keys', k)"`),
    [`truncate ${HOME}/.ssh/authorized_keys`],
  );
  assert.deepEqual(effectsOf(`python3 -c "import shutil; shutil.copy('x.json', '.cursor/hooks.json')"`), [
    `truncate ${W}/.cursor/hooks.json`,
  ]);
  // The hard link is read as `ln` (parse/codeLinks.ts) besides the writes it exposes both names to.
  assert.deepEqual(effectsOf(`node -e "require('fs').linkSync('.agentguard.json', 'copy.json')"`), [
    `write ${W}/copy.json`,
    `write ${W}/.agentguard.json`,
    `truncate ${W}/copy.json`,
    `truncate ${W}/.agentguard.json`,
  ]);
  assert.deepEqual(effectsOf(`perl -e 'open(my $f, ">>", "/etc/hosts")'`), ['write /etc/hosts']);
  assert.deepEqual(effectsOf(`python3 -c "from pathlib import Path; Path('notes.md').write_text('hi')"`), [
    `truncate ${W}/notes.md`,
  ]);
  assert.deepEqual(effectsOf(`python3 -c "import shutil; shutil.rmtree('build')"`), [`delete ${W}/build`]);
  // Reading, and string methods that share a name with file calls, write nothing.
  assert.deepEqual(effectsOf(`python3 -c "print(open('a.txt').read())"`), []);
  assert.deepEqual(effectsOf(`python3 -c "print('a-b'.replace('-', '_'))"`), []);
  assert.deepEqual(effectsOf(`node -e "console.log(JSON.parse(require('fs').readFileSync('package.json')).name)"`), []);
});

test('mkfifo and mknod write the special file they create (a FIFO where a reader expects a file blocks it)', () => {
  assert.deepEqual(
    fx(['mkfifo', '-m', '600', 'a', 'b']).map((e) => [e.kind, e.path]),
    [
      ['write', `${W}/a`],
      ['write', `${W}/b`],
    ],
  );
  assert.deepEqual(
    fx(['mknod', 'pipe', 'p']).map((e) => [e.kind, e.path]),
    [['write', `${W}/pipe`]],
  );
});
