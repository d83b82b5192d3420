import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyPath,
  displayPath,
  isCredentialStore,
  isEnvFile,
  locate,
  resolveShellPath,
  resolveWord,
} from '../../../src/core/command/paths';
import { ctx, HOME, WORKSPACE } from '../support/helpers';

const c = ctx();
const at = (word: string, cwd = WORKSPACE, env: Record<string, string> = { HOME }) => classifyPath(word, cwd, env, c);

test('resolveWord: ~, ~user, $HOME, ${HOME}, $PWD and relative words', () => {
  assert.equal(resolveWord('~', WORKSPACE, HOME).abs, HOME);
  assert.equal(resolveWord('~/x', WORKSPACE, HOME).abs, `${HOME}/x`);
  assert.equal(resolveWord('~root', WORKSPACE, HOME).abs, '/root');
  assert.equal(resolveWord('~alice/x', WORKSPACE, HOME).abs, '/home/alice/x');
  // The account whose name ends the home's path is this one, wherever its home is.
  assert.equal(resolveWord('~dev/x', WORKSPACE, '/Users/dev').abs, '/Users/dev/x');
  assert.equal(resolveWord('$HOME', WORKSPACE, HOME).abs, HOME);
  assert.equal(resolveWord('${HOME}/y', WORKSPACE, HOME).abs, `${HOME}/y`);
  assert.equal(resolveWord('$PWD/z', WORKSPACE, HOME).abs, `${WORKSPACE}/z`);
  assert.equal(resolveWord('../', WORKSPACE, HOME).abs, '/home/dev/code');
  assert.equal(resolveWord('./build/', WORKSPACE, HOME).abs, `${WORKSPACE}/build`);
  assert.equal(resolveWord('$FOO/x', WORKSPACE, HOME).dynamic, true);
});

test('resolveShellPath: ~user as resolveWord reads it, so `cd ~root` enters /root', () => {
  assert.equal(resolveShellPath(WORKSPACE, '~root', HOME), '/root');
  assert.equal(resolveShellPath(WORKSPACE, '~alice/x', HOME), '/home/alice/x');
  assert.equal(resolveShellPath(WORKSPACE, '~dev/.ssh', '/Users/dev'), '/Users/dev/.ssh');
});

test('temp variables with a path after them are temp even when unknown; a bare one is not', () => {
  for (const w of ['$TMPDIR/build', '${TMPDIR}/build', '${TMPDIR:-/tmp}/build', '$TMP/x']) {
    const p = at(w, WORKSPACE, {});
    assert.equal(p.location, 'temp', w);
    assert.equal(p.dynamic, false, w);
  }
  assert.equal(at('$TMPDIR/', WORKSPACE, {}).location, 'unknown');
  assert.equal(at('$TMPDIR', WORKSPACE, {}).location, 'unknown');
});

test('mktemp output and temp-named variables count as temp; an empty one never reaches /', () => {
  assert.equal(at('$(mktemp -d)').location, 'temp');
  assert.equal(at('$(mktemp -d)/out').location, 'temp');
  assert.equal(at('$(mktemp -d -p .)').location, 'unknown', 'created in the working directory');
  for (const w of ['$tmpdir', '${TEMP_DIR}', '$TMP_DIR/out', '$tmp']) assert.equal(at(w).location, 'temp', w);
  assert.equal(at('$tmp/').location, 'unknown');
  assert.equal(at('$template').location, 'unknown');
  assert.equal(at('$TEMPLATES_DIR').location, 'unknown');
});

test('locate: root, system, devices, homes, workspace, temp, outside', () => {
  const L = (p: string) => locate(p, c, HOME);
  assert.equal(L('/'), 'root');
  assert.equal(L('/etc'), 'system-top');
  assert.equal(L('/var/log'), 'system-top');
  assert.equal(L('/usr/local'), 'system-top');
  assert.equal(L('/data'), 'system-top', 'any top-level directory');
  assert.equal(L('/var/lib/postgresql/data'), 'system');
  assert.equal(L('/etc/nginx/nginx.conf'), 'system');
  assert.equal(L('/dev/sda'), 'device');
  assert.equal(L('/dev/nvme0n1p1'), 'device');
  assert.equal(L('/dev/disk2'), 'device');
  assert.equal(L('/dev/null'), 'null-device');
  assert.equal(L(HOME), 'home');
  assert.equal(L('/home/alice'), 'other-home');
  assert.equal(L('/Users/bob'), 'other-home');
  assert.equal(L('/root'), 'other-home');
  assert.equal(L('/home/alice/projects'), 'outside');
  assert.equal(L(`${HOME}/code`), 'workspace-ancestor');
  assert.equal(L(WORKSPACE), 'workspace');
  assert.equal(L(`${WORKSPACE}/src`), 'workspace-inside');
  assert.equal(L(`${HOME}/projects`), 'home-inside');
  assert.equal(L('/tmp'), 'temp-root');
  assert.equal(L('/var/tmp/x'), 'temp', 'temp wins over /var');
});

test('globs: everything-globs name their directory, pattern globs keep the pattern', () => {
  const star = at('*');
  assert.equal(star.everything, true);
  assert.equal(star.location, 'workspace');
  assert.equal(at('*', '/').location, 'root');
  assert.equal(at('.*').everything, true);
  assert.equal(at('/tmp/*').location, 'temp-root');
  assert.equal(at('$HOME/*').location, 'home');
  const ts = at('./**/*.ts');
  assert.equal(ts.everything, false);
  assert.equal(ts.pattern, '*.ts');
  assert.equal(ts.source, true);
  assert.equal(ts.location, 'workspace');
  assert.equal(at('./**/*.txt').source, false);
  assert.equal(at('packages/*/node_modules').regenerable, true);
});

test('a variable after a known prefix is judged by the prefix', () => {
  const p = at('dist/$VERSION');
  assert.equal(p.dynamic, true);
  assert.equal(p.base, `${WORKSPACE}/dist`);
  assert.equal(p.regenerable, true);
  const h = at('~/$X');
  assert.equal(h.location, 'home');
  assert.equal(h.everything, true);
  assert.equal(at('$DIR').location, 'unknown');
  assert.equal(at('$DIR/node_modules').regenerable, true);
});

test('traits: regenerable outputs, data files, backups, VCS internals', () => {
  for (const w of [
    'node_modules',
    'dist',
    'build',
    'coverage',
    '.next',
    'target',
    '__pycache__',
    '.venv',
    'a/b.egg-info',
    'x.pyc',
  ]) {
    assert.equal(at(w).regenerable, true, w);
  }
  for (const w of ['src', 'lib', 'migrations', '.git', 'docs']) assert.equal(at(w).regenerable, false, w);
  assert.equal(at('/var/log').regenerable, false, 'system logs are not build output');
  assert.equal(at('~/.cache/pip').regenerable, true);
  for (const w of ['data/app.db', 'app.sqlite', 'x.sqlite3', 'app.db-wal', 'dump.rdb'])
    assert.equal(at(w).dataFile, true, w);
  assert.equal(at('Thumbs.db').dataFile, false);
  for (const w of ['backups', 'backup/x.sql', 'db_backup.sql', 'site.bak', 'backup-2024'])
    assert.equal(at(w).backup, true, w);
  assert.equal(at('node_modules/@aws-sdk/client-backup').backup, false, 'a dependency named backup is not a backup');
  assert.equal(at('.git').vcs, true);
  assert.equal(at('.git/hooks/pre-commit').vcs, true);
  assert.equal(at('node_modules/dep/.git').vcs, false);
});

test('credentials: key stores in HOME, env files anywhere, templates excluded', () => {
  for (const w of [
    '~/.aws/credentials',
    '~/.ssh/id_rsa',
    '~/.ssh/id_ed25519',
    '~/.netrc',
    '~/.docker/config.json',
    '~/.kube/config',
    '.env',
    '.env.production',
    '.env.local',
    'certs/server.key',
    'prod.env',
  ]) {
    assert.equal(at(w).credential, true, w);
  }
  for (const w of [
    '~/.ssh/id_rsa.pub',
    '~/.ssh/known_hosts',
    '~/.ssh/config',
    '.env.example',
    '.env.sample',
    'config/.env.template',
    '.npmrc',
    'package.json',
    '~/.aws/config',
  ]) {
    assert.equal(at(w).credential, false, w);
  }
  assert.equal(at('/etc/shadow').credential, true);
  assert.equal(at('shadow').credential, false);
  assert.equal(isEnvFile('.env.test.example'), false);
});

test('fileLike tells files from directories by their extension', () => {
  assert.equal(at('src/legacy.ts').fileLike, true);
  assert.equal(at('src').fileLike, false);
  assert.equal(at('.git').fileLike, false);
});

test('displayPath shortens workspace and HOME paths', () => {
  assert.equal(displayPath(WORKSPACE, c), '.');
  assert.equal(displayPath(`${WORKSPACE}/src/a.ts`, c), 'src/a.ts');
  assert.equal(displayPath(`${HOME}/.ssh/id_rsa`, c), '~/.ssh/id_rsa');
  assert.equal(displayPath('/etc/passwd', c), '/etc/passwd');
});

test('terraform state and secrets mounted into containers are credentials', () => {
  assert.equal(at('terraform.tfstate').credential, true);
  assert.equal(at('terraform.tfstate').dataFile, true);
  assert.equal(at('infra/terraform.tfstate.backup').credential, true);
  assert.equal(at('/run/secrets/db_password').credential, true);
  assert.equal(at('/var/run/secrets/kubernetes.io/serviceaccount/token').credential, true);
  assert.equal(at('/run/user/1000/bus').credential, false);
});

test('credential stores: the per-user folders that hold only keys and tokens', () => {
  assert.equal(isCredentialStore(`${HOME}/.ssh`, HOME), true);
  assert.equal(isCredentialStore(`${HOME}/.aws/sso`, HOME), true);
  assert.equal(isCredentialStore(`${HOME}/.config/gcloud`, HOME), true);
  assert.equal(isCredentialStore(`${HOME}/.config`, HOME), false);
  assert.equal(isCredentialStore(`${HOME}/code/.ssh`, HOME), false);
});

test('package caches and generated folders are regenerable; system package caches below their roots too', () => {
  assert.equal(at('~/.m2/repository/org').regenerable, true);
  assert.equal(at('~/go/pkg/mod').regenerable, true);
  assert.equal(at('src/generated').regenerable, true);
  assert.equal(at('playwright-report').regenerable, true);
  assert.equal(at('/var/lib/apt/lists/*').regenerable, true);
  assert.equal(at('/var/cache/apt').regenerable, true);
  assert.equal(at('/var/cache').regenerable, false);
  assert.equal(at('/var/lib/postgresql').regenerable, false);
});
