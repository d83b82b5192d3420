import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitPack, isSharedBranch } from '../../../src/core/packs/git';
import { ctx, simple } from '../support/helpers';

const run = (...argv: string[]) => gitPack.analyze(simple(argv), ctx()) ?? [];
const ids = (...argv: string[]): string[] => run(...argv).map((f) => f.id);
const score = (...argv: string[]): number => run(...argv).reduce((s, f) => Math.max(s, f.severity), 0);
const ASK = 40;
const DENY = 90;

test('reset --hard asks, with git stash as the alternative', () => {
  const [f] = run('git', 'reset', '--hard', 'HEAD~3');
  assert.equal(f.id, 'git.reset-hard');
  assert.equal(f.target, 'HEAD~3');
  assert.match(f.alternative ?? '', /stash/);
  assert.ok(f.severity >= ASK && f.severity < DENY);
  assert.deepEqual(ids('git', 'reset', '--hard'), ['git.reset-hard']);
  assert.deepEqual(ids('git', 'reset', '-q', '--hard', 'origin/main'), ['git.reset-hard']);
});

test('gentle resets stay quiet', () => {
  for (const args of [
    ['--soft', 'HEAD~1'],
    ['HEAD~1'],
    ['--mixed'],
    ['--keep', 'HEAD~1'],
    ['--merge'],
    ['HEAD', 'src/app.ts'],
    ['git', 'reset', 'git', 'reset'],
  ]) {
    assert.deepEqual(ids('git', 'reset', ...args), [], args.join(' '));
  }
});

test('global options before the subcommand are skipped', () => {
  assert.deepEqual(ids('git', '-C', 'services/api', 'reset', '--hard'), ['git.reset-hard']);
  assert.deepEqual(ids('git', '-c', 'core.pager=cat', '--no-pager', 'push', '-f'), ['git.force-push']);
  assert.deepEqual(ids('git', '--git-dir', '/repo/.git', '--work-tree=/repo', 'clean', '-fd'), ['git.clean']);
  assert.deepEqual(ids('git', '-C', 'reset', 'status'), []);
  assert.deepEqual(ids('git'), []);
  assert.deepEqual(ids('git', '--version'), []);
  assert.deepEqual(ids('git', '-v'), []);
  assert.deepEqual(ids('git', 'help', 'reset'), []);
  assert.deepEqual(ids('git', 'reset', '--help'), []);
});

test('force push: every spelling is gated', () => {
  for (const argv of [
    ['push', '--force', 'origin', 'main'],
    ['push', '-f'],
    ['push', '-uf', 'origin', 'feat'],
    ['push', '--force=true', 'origin', 'main'],
    ['push', 'origin', '+main'],
    ['push', 'origin', '+HEAD:refs/heads/feature/x'],
    ['push', 'origin', 'feature/x', '--force'],
  ])
    assert.deepEqual(ids('git', ...argv), ['git.force-push'], argv.join(' '));
});

test('force push to a shared branch is worse than to a feature branch', () => {
  const main = run('git', 'push', '--force', 'origin', 'main')[0];
  const feat = run('git', 'push', '--force', 'origin', 'feature/login')[0];
  assert.ok(main.severity > feat.severity);
  assert.ok(main.severity < DENY, 'still a human decision');
  assert.equal(main.target, 'origin/main');
  assert.match(feat.alternative ?? '', /--force-with-lease origin feature\/login/);
  assert.match(main.alternative ?? '', /revert/);
});

test('force-with-lease is quiet on a feature branch, asks on main', () => {
  assert.ok(score('git', 'push', '--force-with-lease', 'origin', 'feature/login') < ASK);
  assert.ok(score('git', 'push', '--force-with-lease') < ASK);
  assert.ok(score('git', 'push', '--force-with-lease', 'origin', 'main') >= ASK);
  assert.ok(score('git', 'push', '--force-with-lease=main:abc123', 'origin', 'HEAD:master') >= ASK);
});

test('deleting remote branches and mirroring are gated', () => {
  const [del] = run('git', 'push', 'origin', '--delete', 'main');
  assert.equal(del.id, 'git.push-delete');
  assert.equal(del.target, 'origin/main');
  assert.ok(del.severity >= 70);
  assert.deepEqual(ids('git', 'push', 'origin', ':old-feature'), ['git.push-delete']);
  assert.deepEqual(ids('git', 'push', '-d', 'origin', 'old-feature'), ['git.push-delete']);
  assert.ok(score('git', 'push', 'origin', ':old-feature') < score('git', 'push', 'origin', ':main'));
  assert.match(run('git', 'push', 'origin', ':refs/tags/v1.0')[0].summary, /tag v1\.0/);
  assert.deepEqual(ids('git', 'push', '--mirror', 'backup'), ['git.push-mirror']);
  assert.deepEqual(ids('git', 'push', '--prune', 'origin', 'refs/heads/*:refs/heads/*'), ['git.push-delete']);
});

test('ordinary pushes stay quiet', () => {
  for (const argv of [
    ['push', 'origin', 'feature/login'],
    ['push', '-u', 'origin', 'HEAD'],
    ['push', 'origin', 'main'],
    ['push'],
    ['push', '--tags'],
    ['push', 'origin', 'v1.2.0'],
    ['push', '--dry-run', '--force', 'origin', 'main'],
    ['push', 'git', 'push', 'git', 'push'],
  ])
    assert.deepEqual(ids('git', ...argv), [], argv.join(' '));
});

test('git clean -f in any spelling is gated; -x is worse; dry runs are quiet', () => {
  assert.deepEqual(ids('git', 'clean', '-f'), ['git.clean']);
  assert.deepEqual(ids('git', 'clean', '--force', '-d'), ['git.clean']);
  assert.ok(score('git', 'clean', '-fdx') > score('git', 'clean', '-f'));
  assert.deepEqual(ids('git', 'clean', '-n', '-fd'), []);
  assert.deepEqual(ids('git', 'clean', '-fdn'), []);
  assert.deepEqual(ids('git', 'clean', '-d'), []);
  assert.equal(run('git', 'clean', '-fd', 'src/')[0].target, 'src/');
  // Only build outputs named: what the build makes again.
  assert.deepEqual(ids('git', 'clean', '-fdx', 'build/', 'node_modules'), []);
  assert.deepEqual(ids('git', 'clean', '-fdx', 'build/', 'src'), ['git.clean']);
});

test('branch -D asks, branch -d does not', () => {
  const [f] = run('git', 'branch', '-D', 'release/2.0');
  assert.equal(f.id, 'git.branch-force-delete');
  assert.equal(f.target, 'release/2.0');
  assert.match(f.alternative ?? '', /branch -d/);
  assert.deepEqual(ids('git', 'branch', '--delete', '--force', 'x'), ['git.branch-force-delete']);
  assert.deepEqual(ids('git', 'branch', '-df', 'x'), ['git.branch-force-delete']);
  for (const argv of [['-d', 'merged'], ['-a'], ['feature-new'], ['-M', 'main'], ['-m', 'old', 'new'], []]) {
    assert.deepEqual(ids('git', 'branch', ...argv), [], argv.join(' '));
  }
});

test('checkout and restore that discard work are gated', () => {
  assert.deepEqual(ids('git', 'checkout', '--', '.'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'checkout', '.'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'checkout', '-f', 'main'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'checkout', '--', 'src/app.ts'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'checkout', 'src/app.ts'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'checkout', 'main', '--', 'package-lock.json'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'switch', '--discard-changes', 'main'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'restore', '.'), ['git.restore-discard']);
  assert.deepEqual(ids('git', 'restore', '--source=HEAD~2', 'src/app.ts'), ['git.restore-discard']);
  assert.deepEqual(ids('git', 'restore', '--staged', '--worktree', '.'), ['git.restore-discard']);
  assert.ok(score('git', 'checkout', '--', '.') > score('git', 'checkout', '--', 'src/app.ts'));
});

test('checkout-index --force and submodule deinit --force throw away working-tree changes; their gentle forms stay quiet', () => {
  assert.deepEqual(ids('git', 'checkout-index', '-a', '-f'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'checkout-index', '--force', '--all'), ['git.checkout-discard']);
  assert.ok(score('git', 'checkout-index', '-f', '-a') >= ASK);
  assert.deepEqual(ids('git', 'checkout-index', '-f', 'src/app.ts'), ['git.checkout-discard']);
  assert.deepEqual(ids('git', 'submodule', 'deinit', '-f', '--all'), ['git.checkout-discard']);
  assert.ok(score('git', 'submodule', 'deinit', '--force', 'vendor/lib') >= ASK);
  assert.deepEqual(ids('git', 'checkout-index', '-a'), []);
  assert.deepEqual(ids('git', 'checkout-index', '-a', '--prefix=/tmp/export/'), []);
  assert.deepEqual(ids('git', 'checkout-index', '-a', '-f', '--prefix=/tmp/export/'), []);
  assert.deepEqual(ids('git', 'submodule', 'deinit', 'vendor/lib'), []);
  assert.deepEqual(ids('git', 'submodule', 'update', '--init', '--force'), []);
});

test('checkout and restore that only move around stay quiet', () => {
  for (const argv of [
    ['checkout', 'main'],
    ['checkout', '-b', 'fix/typo'],
    ['checkout', '-b', 'new', 'origin/main'],
    ['checkout', 'release/2.0'],
    ['checkout', 'v1.2'],
    ['checkout', '-p', '--', '.'],
    ['checkout', '-b', 'test', 'git', 'reset', 'git', 'checkout', '-b', 'test2', 'git', 'reset'],
    ['switch', 'main'],
    ['switch', '-c', 'feature'],
    ['restore', '--staged', 'src/app.ts'],
    ['restore', '-S', '.'],
  ])
    assert.deepEqual(ids('git', ...argv), [], argv.join(' '));
});

test('stash drop/clear are gated; stash, pop, apply, list are not', () => {
  assert.deepEqual(ids('git', 'stash', 'clear'), ['git.stash-drop']);
  assert.equal(run('git', 'stash', 'drop', 'stash@{2}')[0].target, 'stash@{2}');
  assert.ok(score('git', 'stash', 'clear') > score('git', 'stash', 'drop'));
  for (const argv of [[], ['pop'], ['apply'], ['list'], ['push', '-m', 'wip'], ['show', '-p']]) {
    assert.deepEqual(ids('git', 'stash', ...argv), [], argv.join(' '));
  }
});

test('history and object destruction are gated', () => {
  assert.deepEqual(ids('git', 'reflog', 'expire', '--expire=now', '--all'), ['git.reflog-expire']);
  assert.deepEqual(ids('git', 'reflog', 'expire', '--expire-unreachable=now', '--all'), ['git.reflog-expire']);
  assert.deepEqual(ids('git', 'gc', '--prune=now'), ['git.prune']);
  assert.deepEqual(ids('git', 'prune'), ['git.prune']);
  assert.deepEqual(
    ids('git', 'filter-branch', '--force', '--index-filter', 'git rm -r --cached --ignore-unmatch .', 'HEAD'),
    ['git.rewrite-history'],
  );
  assert.deepEqual(ids('git', 'filter-repo', '--path', 'secrets.txt', '--invert-paths'), ['git.rewrite-history']);
  assert.deepEqual(ids('git', 'update-ref', '-d', 'refs/heads/main'), ['git.update-ref-delete']);
  assert.deepEqual(ids('git', 'worktree', 'remove', '--force', '../wt'), ['git.worktree-remove']);
  assert.deepEqual(ids('git', 'rm', '-rf', 'src/legacy'), ['git.rm-force']);
  assert.deepEqual(ids('git', 'read-tree', '-u', '--reset', 'HEAD~3'), ['git.reset-hard']);
  assert.deepEqual(
    gitPack.analyze(simple(['bfg', '--delete-files', 'id_rsa']), ctx())?.map((f) => f.id),
    ['git.rewrite-history'],
  );
  for (const argv of [
    ['reflog'],
    ['gc'],
    ['gc', '--aggressive'],
    ['prune', '--dry-run'],
    ['worktree', 'remove', '../wt'],
    ['rm', '-r', '--cached', '.'],
    ['rm', '-rf', '--cached', 'dist'],
    ['rm', 'old.ts'],
    ['update-ref', 'refs/heads/x', 'HEAD'],
  ]) {
    assert.deepEqual(ids('git', ...argv), [], argv.join(' '));
  }
});

test('git submodule foreach runs the git commands it is given', () => {
  assert.deepEqual(ids('git', 'submodule', 'foreach', '--recursive', 'git reset --hard && git clean -fdx'), [
    'git.reset-hard',
    'git.clean',
  ]);
  assert.match(run('git', 'submodule', 'foreach', 'git', 'reset', '--hard')[0].summary, /every submodule/);
  assert.deepEqual(ids('git', 'submodule', 'foreach', 'git pull origin main'), []);
  assert.deepEqual(ids('git', 'submodule', 'update', '--init', '--recursive'), []);
});

test('everyday git stays quiet, whatever the message says', () => {
  for (const argv of [
    ['status'],
    ['diff', '--stat'],
    ['log', '--oneline', '-10'],
    ['add', '-A'],
    ['commit', '-m', 'git reset --hard && rm -rf /; DROP TABLE users'],
    ['pull', '--rebase'],
    ['fetch', '--all', '--prune'],
    ['merge', 'feature'],
    ['rebase', 'main'],
    ['rebase', '-i', 'HEAD~3'],
    ['tag', 'v1.0.0'],
    ['show', 'HEAD:package.json'],
    ['remote', '-v'],
    ['commit', '--amend', '--no-edit'],
    ['cherry-pick', 'abc123'],
    ['revert', 'HEAD'],
  ])
    assert.deepEqual(ids('git', ...argv), [], argv.join(' '));
});

test('effect: looking is read, changing is write', () => {
  const eff = (...argv: string[]) => gitPack.effect?.(simple(argv), ctx());
  for (const argv of [
    ['status'],
    ['log'],
    ['diff'],
    ['-C', 'x', 'show'],
    ['branch'],
    ['branch', '-a'],
    ['remote', '-v'],
    ['tag'],
    ['fetch'],
    ['stash', 'list'],
    ['config', '--get', 'user.name'],
    ['--version'],
  ]) {
    assert.equal(eff('git', ...argv), 'read', argv.join(' '));
  }
  for (const argv of [
    ['push'],
    ['commit', '-m', 'x'],
    ['reset', '--hard'],
    ['branch', '-D', 'x'],
    ['tag', 'v1'],
    ['stash'],
    ['config', 'user.name', 'x'],
    ['merge', 'x'],
  ]) {
    assert.equal(eff('git', ...argv), 'write', argv.join(' '));
  }
});

test('shared branch names', () => {
  for (const b of ['main', 'master', 'develop', 'release/2.0', 'refs/heads/main', 'production', 'hotfix/x'])
    assert.ok(isSharedBranch(b), b);
  for (const b of ['feature/login', 'fix-main-bug', 'maintenance', 'mainline-docs', 'HEAD'])
    assert.ok(!isSharedBranch(b), b);
});

test('an alias defined with -c for this call is expanded; a shell (!) alias asks', () => {
  const [f] = run('git', '-c', 'alias.nuke=!rm -rf ~', 'nuke');
  assert.equal(f.id, 'git.inline-shell-alias');
  assert.ok(f.severity >= ASK && f.severity < DENY);
  assert.deepEqual(ids('git', '-c', 'alias.p=push --force', 'p', 'origin', 'main'), ['git.force-push']);
  assert.deepEqual(ids('git', '-c', 'alias.wipe=reset --hard', 'wipe'), ['git.reset-hard']);
  assert.deepEqual(ids('git', '-c', 'alias.st=status', 'st'), []);
  assert.deepEqual(ids('git', '-c', 'user.name=x', 'commit', '-m', 'wip'), []);
});

test('staging a file of secrets asks; templates and ordinary files stay quiet', () => {
  const [f] = run('git', 'add', '.env');
  assert.equal(f.id, 'git.add-secret');
  assert.ok(f.severity >= ASK && f.severity < DENY);
  assert.deepEqual(ids('git', 'add', '-f', 'config/master.key'), ['git.add-secret']);
  assert.deepEqual(ids('git', 'add', 'src/index.ts', '.env.production'), ['git.add-secret']);
  assert.deepEqual(ids('git', 'add', '.env.example'), []);
  assert.deepEqual(ids('git', 'add', 'config/credentials.yml.enc'), []);
  assert.deepEqual(ids('git', 'add', '-A'), []);
  assert.deepEqual(ids('git', 'add', '--dry-run', '.env'), []);
});
