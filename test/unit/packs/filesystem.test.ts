import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filesystemPack } from '../../../src/core/packs/filesystem';
import type { Finding, SimpleCommand } from '../../../src/core/types';
import { ctx, simple } from '../support/helpers';
import { engine } from '../support/engineHarness';

const run = (argv: string[], extra: Partial<SimpleCommand> = {}): Finding[] =>
  filesystemPack.analyze(simple(argv, extra), ctx()) ?? [];
const worst = (argv: string[], extra: Partial<SimpleCommand> = {}) =>
  run(argv, extra).reduce((m, f) => Math.max(m, f.severity), 0);
const ids = (argv: string[], extra: Partial<SimpleCommand> = {}) => run(argv, extra).map((f) => f.id);
const out = (target: string, op: '>' | '>>' = '>') => ({ redirects: [{ op, fd: 1, target }] });

function assertDeny(argv: string[], extra: Partial<SimpleCommand> = {}) {
  assert.ok(worst(argv, extra) >= 90, `${argv.join(' ')} should deny, got ${JSON.stringify(run(argv, extra))}`);
}
function assertAsk(argv: string[], extra: Partial<SimpleCommand> = {}) {
  const s = worst(argv, extra);
  assert.ok(s >= 40 && s < 90, `${argv.join(' ')} should ask, got ${JSON.stringify(run(argv, extra))}`);
}
function assertQuiet(argv: string[], extra: Partial<SimpleCommand> = {}) {
  assert.ok(worst(argv, extra) < 40, `${argv.join(' ')} should stay quiet, got ${JSON.stringify(run(argv, extra))}`);
}

test('rm -rf of the root, HOME or a system directory is deny-level', () => {
  assertDeny(['rm', '-rf', '/']);
  assertDeny(['rm', '-fr', '/']);
  assertDeny(['rm', '--recursive', '--force', '/']);
  assertDeny(['rm', '-rf', '~']);
  assertDeny(['rm', '-rf', '~/']);
  assertDeny(['rm', '-rf', '$HOME'], { env: {} });
  assertDeny(['rm', '-rf', '/home/dev/*']);
  assertDeny(['rm', '-rf', '*'], { cwd: '/' });
  assertDeny(['rm', '-rf', '/etc']);
  assertDeny(['rm', '-rf', '/var/log']);
  assertDeny(['rm', '-rf', '/home/user']);
  assertDeny(['rm', '-rf', '/home']);
  assert.deepEqual(ids(['rm', '-rf', '/']), ['fs.rm-root']);
  assert.deepEqual(ids(['rm', '-rf', '~']), ['fs.rm-home']);
});

test('recursive deletes of the workspace, source, .git, backups and anything outside ask', () => {
  assertAsk(['rm', '-rf', '.']);
  assertAsk(['rm', '-rf', '*']);
  assertAsk(['rm', '-rf', '.*']);
  assertAsk(['rm', '-rf', 'src']);
  assertAsk(['rm', '-r', '-f', './lib']);
  assertAsk(['rm', '--recursive', '--force', '../']);
  assertAsk(['rm', '-rf', '.git']);
  assertAsk(['rm', '-rf', 'backups/']);
  assertAsk(['rm', '-rf', '~/projects']);
  assertAsk(['rm', '-rf', '/var/lib/postgresql/data']);
  assertAsk(['rm', '-rf', '/etc/demo']);
  assertAsk(['rm', '-r', '/etc/nginx']);
  assertAsk(['rm', '-rf', '../other-project']);
  assertAsk(['rm', '-rf', '/tmp']);
  assert.deepEqual(ids(['rm', '-rf', '.git']), ['fs.rm-vcs']);
  assert.deepEqual(ids(['rm', '-rf', 'backups/']), ['fs.rm-backup']);
  assert.deepEqual(ids(['rm', '-rf', 'src']), ['fs.rm-workspace-dir']);
});

test('data files, credentials and source sweeps ask; findings carry a target and an alternative', () => {
  assertAsk(['rm', 'data/app.db']);
  assertAsk(['rm', '-f', 'prod.sqlite3']);
  assertAsk(['shred', '-u', '-z', 'secrets.db']);
  assertAsk(['rm', '.env']);
  assertAsk(['rm', '-f', './**/*.ts']);
  assertAsk(['rm', 'src/*.ts']);
  assertAsk(['rm', '-f', '/**/*.sql']);
  const [f] = run(['rm', 'data/app.db']);
  assert.equal(f.id, 'fs.rm-data-file');
  assert.equal(f.target, 'data/app.db');
  assert.ok(f.alternative);
  assert.ok(f.summary.includes('data/app.db'));
});

test('unknown targets with -r or -f ask; an empty-variable root is flagged hardest', () => {
  assertAsk(['rm', '-rf', '$XARGS_INPUT'], { stdinFrom: ['cat', 'list.txt'] });
  assertAsk(['rm', '$XARGS_INPUT'], { stdinFrom: ['git', 'ls-files'] });
  assertAsk(['rm', '-rf', '$BUILD_DIR']);
  assertAsk(['rm', '-f', '$FILE']);
  // Unquoted, `$FILE` may split into `-rf` and paths (packs/common/splitOptions.ts); quoted it is one name.
  assertAsk(['rm', '$FILE'], { source: 'rm $FILE' });
  assertQuiet(['rm', '$FILE'], { source: 'rm "$FILE"' });
  assert.equal(worst(['rm', '-rf', '$DIR/']), 85);
  assert.equal(worst(['rm', '-rf', '$DIR/*']), 85);
  assertAsk(['rm', '-rf', '${OUT:?}/*']);
  assertAsk(['rm', '-rf', '~/$X']);
  assertQuiet(['rm', '-rf', 'dist/$VERSION']);
  // `… | rm -rf`: rm ignores stdin, but what was meant is unknown.
  assertAsk(['rm', '-rf'], { stdinFrom: ['echo', 'yes'] });
  assertQuiet(['rm', '-rf']);
});

test('xargs targets are read from the producer when it says what they are', () => {
  assertAsk(['rm', '-rf', '$XARGS_INPUT'], { stdinFrom: ['ls'] });
  assertQuiet(['rm', '-rf', '$XARGS_INPUT'], { stdinFrom: ['find', '.', '-name', 'node_modules', '-type', 'd'] });
  assertQuiet(['rm', '-f', '$XARGS_INPUT'], { stdinFrom: ['find', '.', '-name', '*.pyc'] });
  assertAsk(['rm', '$XARGS_INPUT'], { stdinFrom: ['find', '.', '-name', '*.py'] });
  assertQuiet(['rm', '$XARGS_INPUT'], { stdinFrom: ['echo', 'a.txt', 'b.txt'] });
});

test('routine deletes stay quiet: build outputs, temp, single workspace files, help', () => {
  for (const argv of [
    ['rm', '-rf', 'node_modules'],
    ['rm', '-rf', 'dist', 'build'],
    ['rm', '-rf', 'coverage', '.next'],
    ['rm', '-rf', './build'],
    ['rm', '-rf', '.venv', '__pycache__', '.pytest_cache'],
    ['rm', '-rf', 'packages/*/node_modules'],
    ['rm', '-rf', 'target/'],
    ['rm', '-f', '/tmp/agent-output.txt'],
    ['rm', '-rf', '/tmp/build'],
    ['rm', '-rf', '/tmp/*'],
    ['rm', '-rf', '/var/tmp/*'],
    ['rm', '-rf', '${TMPDIR}/build'],
    ['rm', '-rf', '${TMPDIR:-/tmp}/build'],
    ['rm', 'build/bundle.js'],
    ['rm', 'file.txt'],
    ['rm', '-f', 'file.txt'],
    ['rm', '-i', 'file.txt'],
    ['rm', '-v', 'file1.txt', 'file2.txt'],
    ['rm', '--help'],
    ['rm', '--version'],
    ['rm'],
    ['rm', './**/*.txt'],
    ['rm', '-f', './**/*.pyc'],
    ['rm', '-rf', './**/__pycache__'],
    ['rm', 'dist/*.js'],
    ['rm', '-rf', 'src/legacy.ts'],
    ['rm', '.git/index.lock'],
    ['rm', '-rf', '~/.cache/pip'],
    ['rm', '-rf', '../other-project/node_modules'],
    ['rmdir', 'empty_folder'],
    ['srm', '-z', 'file.txt'],
    ['shred', '-u', 'notes.txt'],
    ['unlink', 'current'],
    ['rm', 'package-lock.json'],
  ])
    assertQuiet(argv);
  assertQuiet(['rm', '-rf', '$TMPDIR/build'], { env: {} });
  assertQuiet(['rm', '-rf', '$(mktemp -d)'], { dynamic: [false, false, false] });
  assertQuiet(['rm', '-rf', '$tmpdir']);
  assertQuiet(['rm', '-rf', '{dist,build}']);
  assertAsk(['rm', '-rf', '{src,dist}']);
  assertAsk(['rm', '-rf', '$tmp/']);
});

test('disks: dd, mkfs, partitioning and wiping a device deny; images and listings stay quiet', () => {
  assertDeny(['dd', 'if=/dev/zero', 'of=/dev/sda', 'bs=1M']);
  assertDeny(['dd', 'if=ubuntu.iso', 'of=/dev/disk2']);
  assertDeny(['mkfs.ext4', '/dev/nvme0n1p1']);
  assertDeny(['mkfs', '-t', 'ext4', '/dev/sdb1']);
  assertDeny(['mkswap', '/dev/sdb2']);
  assertDeny(['fdisk', '/dev/sda']);
  assertDeny(['wipefs', '-a', '/dev/sdb']);
  assertDeny(['parted', '-s', '/dev/sda', 'mklabel', 'gpt']);
  assertDeny(['sgdisk', '--zap-all', '/dev/sdb']);
  assertDeny(['blkdiscard', '/dev/nvme0n1']);
  assertDeny(['shred', '/dev/sda']);
  assertDeny(['diskutil', 'eraseDisk', 'APFS', 'X', 'disk2']);
  assertDeny(['cat', 'disk.img'], out('/dev/sda'));
  assertAsk(['zfs', 'destroy', '-r', 'tank/data']);
  assertQuiet(['dd', 'if=/dev/zero', 'of=test.img', 'bs=1M', 'count=10']);
  assertQuiet(['dd', 'if=/dev/sda', 'of=disk-backup.img']);
  assertQuiet(['mkfs.ext4', 'disk.img']);
  assertQuiet(['fdisk', '-l']);
  assertQuiet(['wipefs', '/dev/sdb']);
  assertQuiet(['parted', '/dev/sda', 'print']);
  assertQuiet(['diskutil', 'list']);
  assertQuiet(['zfs', 'list']);
});

test('truncating or overwriting data files asks; logs and ordinary files stay quiet', () => {
  assertAsk(['truncate', '-s', '0', 'data/app.sqlite']);
  assertAsk([':'], out('data/app.db'));
  assertAsk(['cp', 'seed.db', 'data/app.db']);
  assertQuiet(['truncate', '-s', '0', 'app.log']);
  assertQuiet([':'], out('app.log'));
  assertQuiet(['echo', 'hello'], out('file.txt'));
  assertQuiet(['echo', 'rm -rf /'], out('notes/dangerous-commands.md', '>>'));
  assertQuiet(['sqlite3', 'app.db'], { redirects: [{ op: '<', fd: 0, target: 'schema.sql' }] });
  assertQuiet(['pg_dump', 'app'], out('backups/latest.sql'));
});

test('writes to system files ask, to block devices deny, to /dev/null nothing', () => {
  assertAsk(['echo', 'x'], out('/etc/passwd'));
  assertAsk(['tee', '-a', '/etc/hosts']);
  assertAsk(['cp', 'nginx.conf', '/etc/nginx/sites-available/app']);
  assertAsk(['install', '-m', '755', 'bin/tool', '/usr/local/bin/tool']);
  assertAsk(['sed', '-i', 's/a/b/', '/etc/ssh/sshd_config']);
  assertDeny(['echo', 'c'], out('/proc/sysrq-trigger'));
  assertQuiet(['make'], out('/dev/null'));
  assertQuiet(['sed', '-i', 's/foo/bar/g', 'src/config.ts']);
  assertQuiet(['tee', '/tmp/log.txt']);
  assertQuiet(['cp', '-r', 'src', 'src_backup']);
  assertQuiet(['cp', 'file.txt', 'backup.txt']);
});

test('home: overwriting dotfiles and adding SSH keys ask; appending PATH lines does not', () => {
  assertAsk(['echo', 'x'], out('~/.bashrc'));
  assertAsk(['echo', 'ssh-rsa AAA'], out('~/.ssh/authorized_keys', '>>'));
  assertQuiet(['echo', 'export PATH=$PATH:~/bin'], out('~/.bashrc', '>>'));
});

test('mv: onto /dev/null, of the workspace, .git, system dirs, or source out of the workspace asks', () => {
  assertAsk(['mv', 'src', '/dev/null']);
  assert.deepEqual(ids(['mv', 'src', '/dev/null']), ['fs.mv-to-dev-null']);
  assertAsk(['mv', '.git', '.git-old']);
  assertAsk(['mv', '/home/dev/code/acme-api', '/home/dev/code/acme-old']);
  assertAsk(['mv', 'src', '~/old-src']);
  assertAsk(['mv', '/etc', '/tmp/etc']);
  assertAsk(['mv', '*', '../']);
  assertQuiet(['mv', 'src/old.ts', 'src/new.ts']);
  assertQuiet(['mv', 'old.txt', 'new.txt']);
  assertQuiet(['mv', 'src', 'lib']);
  assertQuiet(['mv', 'node_modules', '/tmp/nm']);
});

test('rsync --delete into backups, important or remote destinations asks; into build output does not', () => {
  assertAsk(['rsync', '-a', '--delete', 'empty/', 'backups/']);
  assertAsk(['rsync', '-a', '--delete', 'src/', 'other/']);
  assertAsk(['rsync', '-a', '--delete', './dist/', '/var/www/html/']);
  assertAsk(['rsync', '-avz', '--delete', './', 'deploy@web:/var/www/app/']);
  assertQuiet(['rsync', '-a', '--delete', 'src/', 'dist/']);
  assertQuiet(['rsync', '-avz', './', 'deploy@web:/var/www/app/']);
  assertQuiet(['rsync', '-a', 'src/', '/tmp/copy/']);
});

test('chmod/chown: -R on / denies, -R on system dirs asks or denies, workspace stays quiet', () => {
  assertDeny(['chmod', '-R', '000', '/']);
  assertDeny(['chmod', '-R', '777', '/']);
  assertDeny(['chown', '-R', 'nobody', '/']);
  assertDeny(['chmod', '-R', '755', '/usr']);
  assertAsk(['chown', '-R', 'dev:dev', '/usr/local']);
  assertAsk(['chmod', '-R', '777', '/var/www']);
  assertAsk(['chmod', '-R', '777', '~']);
  assertAsk(['chmod', '777', '/etc/passwd']);
  assertAsk(['chmod', '644', '~/.ssh/id_rsa']);
  assertQuiet(['chmod', '600', '~/.ssh/id_rsa']);
  assertQuiet(['chmod', '+x', 'scripts/setup.sh']);
  assertQuiet(['chmod', '-R', '755', '.']);
  assertQuiet(['chown', '-R', 'dev', 'dist']);
});

test('setfacl, chattr and chflags over the home or system folders are judged as chmod is', () => {
  // Taking the owner's own access away (or making everything immutable) locks the user out as `chmod -R 000` does.
  assertAsk(['setfacl', '-R', '-m', 'u::---', '/home']);
  assertAsk(['setfacl', '-R', '-b', '/home']);
  assertAsk(['chattr', '-R', '+i', '/home']);
  assertAsk(['chflags', '-R', 'uchg', '/usr']);
  assertAsk(['setfacl', '-R', '-m', 'u::---', '~']);
  assertAsk(['chattr', '+i', '/etc/resolv.conf']);
  assert.ok(ids(['setfacl', '-R', '-m', 'u::---', '/home']).includes('fs.chmod-system'));
  assertQuiet(['setfacl', '-m', 'u:bob:r', 'notes.txt']);
  assertQuiet(['setfacl', '-R', '-m', 'u:bob:rwX', 'shared']);
  assertQuiet(['chattr', '-R', '-i', 'build']);
});

test('commands that do not touch files are ignored', () => {
  for (const argv of [
    ['ls', '-la'],
    ['cat', 'package.json'],
    ['tar', '-czf', 'release.tgz', 'dist'],
    ['mkdir', '-p', 'src/utils'],
    ['touch', 'src/index.ts'],
    ['grep', '-rn', 'TODO', 'src'],
    ['du', '-sh', 'node_modules'],
  ]) {
    assert.equal(filesystemPack.analyze(simple(argv), ctx()), undefined, argv.join(' '));
  }
});

test('one finding per id even with many targets', () => {
  const f = run(['rm', '-rf', 'src', 'lib', 'docs']);
  assert.equal(f.length, 1);
  assert.equal(f[0].id, 'fs.rm-workspace-dir');
});

test('effect: file changes are writes, inspections are reads, local redirects do not count', () => {
  const eff = (argv: string[], extra: Partial<SimpleCommand> = {}) =>
    filesystemPack.effect?.(simple(argv, extra), ctx());
  assert.equal(eff(['rm', '-f', '/var/app/x.log']), 'write');
  assert.equal(eff(['ls', '/var/lib']), 'read');
  assert.equal(eff(['cat', '/etc/hosts']), 'read');
  assert.equal(eff(['sed', 's/a/b/', 'x.txt']), 'read');
  assert.equal(eff(['find', '.', '-name', '*.log']), 'read');
  assert.equal(eff(['find', '.', '-delete']), undefined);
  assert.equal(
    eff(['psql', '-c', 'select 1'], out('out.txt')),
    undefined,
    'a local redirect is not a production write',
  );
  assert.equal(eff(['echo', 'hi'], { ...out('/tmp/x'), remote: { kind: 'ssh', target: 'db-prod' } }), 'write');
});

test('cp, mv or install of one file onto a config file in HOME replaces it and asks; backups and workspace copies stay quiet', () => {
  assertAsk(['cp', '/dev/null', '~/.bashrc']);
  assertAsk(['mv', '/tmp/evil.sh', '~/.zshrc']);
  assertAsk(['install', '-m', '644', 'dotfiles/gitconfig', '~/.gitconfig']);
  assert.deepEqual(ids(['cp', '/dev/null', '~/.bashrc']), ['fs.overwrite-home-config']);
  assertQuiet(['cp', '~/.zshrc', '~/.zshrc.bak']);
  assertQuiet(['cp', '-r', 'nvim', '~/.config']);
  assertQuiet(['cp', '.env.example', '.env']);
  assertQuiet(['cp', 'package.json', 'package.json.orig']);
});

test('opening a credential folder to others asks; tightening it or listing it stays quiet', () => {
  assertAsk(['chmod', '-R', 'a+rwx', '~/.ssh']);
  assertAsk(['chmod', '-R', '755', '~/.ssh']);
  assertAsk(['chmod', '777', '~/.aws']);
  assert.deepEqual(ids(['chmod', '-R', '777', '~/.ssh']), ['fs.chmod-credential']);
  assertQuiet(['chmod', '700', '~/.ssh']);
  assertQuiet(['chmod', '755', '~/.ssh']);
  assertQuiet(['chmod', '-R', 'go-rwx', '~/.ssh']);
  assertQuiet(['chmod', '-R', 'u+rwX', '~/.aws']);
  assertQuiet(['chmod', '-R', '755', '~/.local/bin']);
});

test('giving keys to another user asks; giving them back to the user, or to root, stays quiet', () => {
  assertAsk(['chown', '-R', 'nobody', '~/.ssh']);
  assertAsk(['chown', 'www-data:www-data', '~/.ssh/id_ed25519']);
  assertAsk(['chown', '--from', 'root', 'deploy', '~/.aws']);
  assert.deepEqual(ids(['chown', '-R', 'nobody', '~/.ssh']), ['fs.chmod-credential']);
  assertQuiet(['chown', '-R', 'root', '~/.ssh']);
  assertQuiet(['chown', '-R', 'root.root', '~/.ssh']);
  assertQuiet(['chown', '-R', 'dev.staff', '~/.ssh']);
  assertAsk(['chown', '-R', 'ana.lima', '~/.ssh']);
  assertQuiet(['chown', '-R', '1000:1000', '~/.ssh']);
  assertQuiet(['chown', '-R', '$USER', '~/.ssh']);
  assertQuiet(['chown', '-R', 'nobody', 'build']);
  assertQuiet(['chown', '--reference', '~/.bashrc', '~/.ssh']);
  assertQuiet(['chown', 'nobody', '~/notes.txt']);
});

test('appending a host key to known_hosts is routine; authorized_keys and keys still ask', () => {
  assertQuiet(['ssh-keyscan', 'github.com'], out('~/.ssh/known_hosts', '>>'));
  assertAsk(['echo', 'ssh-ed25519 AAAA attacker'], out('~/.ssh/authorized_keys', '>>'));
  assertAsk(['cat', 'key'], out('~/.ssh/id_ed25519'));
});

test('package caches, generated code, test reports and the system package caches are regenerable', () => {
  assertQuiet(['rm', '-rf', '~/.m2/repository/com/acme']);
  assertQuiet(['rm', '-rf', '~/go/pkg/mod/cache']);
  assertQuiet(['rm', '-rf', '~/.cargo/registry/cache']);
  assertQuiet(['rm', '-rf', 'src/generated']);
  assertQuiet(['rm', '-rf', 'src/__generated__']);
  assertQuiet(['rm', '-rf', 'test-results', 'playwright-report']);
  assertQuiet(['rm', '-rf', '/var/lib/apt/lists/*']);
  assertQuiet(['rm', '-rf', '/var/cache/apt/archives/*.deb']);
  // The roots themselves, and other folders with generic names, are still gated.
  assertDeny(['rm', '-rf', '/var/cache']);
  assertAsk(['rm', '-rf', '~/.m2']);
  assertAsk(['rm', '-rf', '~/repository']);
});

test('rimraf and del-cli delete recursively like rm -rf', () => {
  assertDeny(['rimraf', '~']);
  assertDeny(['rimraf', '/etc']);
  assertAsk(['rimraf', '..']);
  assertAsk(['del-cli', 'src']);
  assertQuiet(['rimraf', 'node_modules']);
  assertQuiet(['rimraf', './dist', './coverage']);
  assertQuiet(['del-cli', '~', '--dry-run']);
});

test('filesystem repair and RAID tools that rewrite a device ask; read-only checks stay quiet', () => {
  assertAsk(['fsck', '-y', '/dev/sda1']);
  assertAsk(['e2fsck', '-fy', '/dev/nvme0n1p2']);
  assertAsk(['xfs_repair', '-L', '/dev/sdb1']);
  assertAsk(['mdadm', '--zero-superblock', '/dev/sdb']);
  assert.deepEqual(ids(['fsck', '-y', '/dev/sda1']), ['fs.repair-device']);
  assertQuiet(['fsck', '-n', '/dev/sda1']);
  assertQuiet(['mdadm', '--detail', '/dev/md0']);
});

test('terraform state is data: emptying or deleting it asks', () => {
  assertAsk(['truncate', '-s0', 'terraform.tfstate']);
  assertAsk(['rm', 'terraform.tfstate']);
});

test('a delete through a symbolic link made earlier on the line acts on the link target', () => {
  const { decide, ids: lineIds } = engine();
  for (const c of ['ln -sfn ~ build && rm -rf build/', 'ln -s ~ h; rm -rf h/*', 'ln -s /etc e && rm -rf e/'])
    assert.equal(decide(c), 'deny', `${c}: ${lineIds(c)}`);
  assert.ok(lineIds('ln -sfn ~ build && rm -rf build/').includes('fs.rm-home'));
  // Without the slash only the link goes; a link to a temp folder empties that folder.
  for (const c of ['ln -sfn ~ build && rm -rf build', 'ln -sfn /tmp/cache build && rm -rf build/'])
    assert.equal(decide(c), 'allow', `${c}: ${lineIds(c)}`);
});
