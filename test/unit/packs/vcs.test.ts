// Mercurial, Fossil, Subversion and Jujutsu, judged as their git twins are:
// throwing away uncommitted changes or untracked files, commits stripped with
// no backup, the operation log, and deletes on a shared server ask; what the
// tool keeps a way back from (strip bundles, .orig copies, jj's operation
// log) and every reading command stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { decide, ids, judge } = engine();

test('the git twins that lose work ask, each with its reason', () => {
  for (const [line, id] of [
    ['hg strip --force tip', 'vcs.strip'],
    ['hg strip --no-backup -r 5', 'vcs.strip'],
    ['hg purge --all', 'vcs.clean'],
    ['hg purge', 'vcs.clean'],
    ['hg update -C', 'vcs.discard'],
    ['hg up --clean default', 'vcs.discard'],
    ['hg revert --all --no-backup', 'vcs.discard'],
    ['hg shelve --cleanup', 'vcs.shelve-drop'],
    ['fossil rm --hard src', 'vcs.discard'],
    ['fossil clean --force', 'vcs.clean'],
    ['fossil clean --verily', 'vcs.clean'],
    ['fossil scrub --verily repo.fossil', 'vcs.rewrite-history'],
    ['svn delete https://svn.example.com/repo/trunk -m x', 'vcs.remote-delete'],
    ['svn rm ^/branches/release-2 -m old', 'vcs.remote-delete'],
    ['svn revert -R .', 'vcs.discard'],
    ['svn revert --depth infinity src', 'vcs.discard'],
    ['svn cleanup --remove-ignored', 'vcs.clean'],
    ['jj op abandon ..@-', 'vcs.oplog-delete'],
    ['jj util gc --expire=now', 'vcs.prune'],
    ['jj git push --deleted', 'vcs.remote-delete'],
  ]) {
    assert.equal(decide(line), 'ask', line);
    assert.deepEqual(ids(line), [id], line);
  }
});

test('ignored files and the main line weigh more, as they do for git', () => {
  const score = (line: string) => judge(line).score;
  assert.ok(score('hg purge --all') > score('hg purge'));
  assert.ok(score('svn delete https://svn.example.com/repo/trunk -m x') > score('svn delete ^/branches/f -m x'));
  assert.match(judge('hg purge --all').findings[0].summary, /ignored/);
});

test('what the tool can undo, named files and every reading command stay quiet', () => {
  for (const line of [
    'hg strip -r 5',
    'hg purge --print',
    'hg update default',
    'hg revert --all',
    'hg revert --no-backup src/app.c',
    'hg push -f',
    'hg status',
    'hg log -r tip',
    'fossil rm foo.c',
    'fossil rm --hard foo.c',
    'fossil clean -n',
    'fossil clean',
    'fossil status',
    'svn delete old.c',
    'svn revert src/app.c',
    'svn cleanup',
    'svn log -l 5',
    'jj abandon',
    'jj op restore abc123',
    'jj git push -b feature',
    'jj git push --deleted --dry-run',
    'jj log',
    'hg help strip',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test("DVC: dropping the shared remote's data versions, discarding changed data, and what the generic reader asked about ask", () => {
  for (const [line, id] of [
    ['dvc gc -w --cloud', 'vcs.remote-delete'],
    ['dvc gc -wc -f', 'vcs.remote-delete'],
    ['dvc gc --all-commits -c -r storage', 'vcs.remote-delete'],
    ['dvc --cd ml gc -w -c', 'vcs.remote-delete'],
    ['dvc checkout --force', 'vcs.discard'],
    ['dvc pull -f data/raw.dvc', 'vcs.discard'],
    ['dvc destroy -f', 'cli.destructive-verb'],
    ['dvc exp remove --all', 'cli.destructive-verb'],
    ['dvc exp rm -A', 'cli.destructive-verb'],
    ['dvc queue remove --all', 'cli.destructive-verb'],
  ]) {
    assert.equal(decide(line), 'ask', line);
    assert.deepEqual(ids(line), [id], line);
  }
  assert.match(judge('dvc gc -w -c').findings[0].summary, /remote storage/);
});

test("DVC's everyday commands and this machine's cache stay quiet", () => {
  for (const line of [
    'dvc pull',
    'dvc repro train',
    'dvc push -r storage',
    'dvc status -c',
    'dvc checkout',
    'dvc gc -w',
    'dvc gc -w --cloud --dry-run',
    'dvc exp run -S lr=0.05',
    'dvc exp remove exp-1a2b',
    'dvc add data/raw',
    'dvc remove train',
    'dvc gc --help',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});
