// ar, dpkg-deb, cabextract, unrar, unar, unsquashfs and jar extract an archive
// below a folder as tar does: into `.git/hooks`, `.claude` or the guard's own
// state they passed unjudged. They land there as an unread archive and ask; a
// temporary or build folder, listing and a missing archive in the workspace
// folder stay quiet. The engine as the hook runs it, real folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';
import { extraction } from '../../../src/core/effects/extractors';

test('the folder and archive of each extractor', () => {
  assert.deepEqual(extraction(['ar', 'xo', 'h.a', '--output', '.git/hooks']), { dir: '.git/hooks', archive: 'h.a' });
  assert.deepEqual(extraction(['ar', 'x', 'h.a']), { dir: '.', archive: 'h.a' });
  assert.deepEqual(extraction(['dpkg-deb', '-x', 'x.deb', 'out']), { dir: 'out', archive: 'x.deb' });
  assert.deepEqual(extraction(['unrar', 'x', 'x.rar', '.claude/']), { dir: '.claude/', archive: 'x.rar' });
  assert.deepEqual(extraction(['unsquashfs', 'x.sqfs']), { dir: 'squashfs-root', archive: 'x.sqfs' });
  for (const listing of [
    ['ar', 't', 'h.a'],
    ['ar', 'rcs', 'h.a', 'a.o'],
    ['dpkg-deb', '-c', 'x.deb'],
    ['cabextract', '-l', 'x.cab'],
    ['unrar', 'l', 'x.rar'],
    ['jar', 'tf', 'x.jar'],
  ])
    assert.equal(extraction(listing), undefined, listing.join(' '));
});

test('extractions into a protected folder ask, ordinary ones stay quiet', () => {
  const { judge, done } = diskWorkspace('ag-extractors-', {}, { git: true });
  try {
    for (const [command, id] of [
      ['ar x hooks.a --output .git/hooks', 'autorun.git-hook'],
      ['cd .git/hooks && ar x /tmp/h.a', 'autorun.git-hook'],
      ['dpkg-deb -x x.deb ~/.agentguard', 'path.agentguard'],
      ['dpkg-deb --extract x.deb .claude', 'path.agentguard'],
      ['cabextract -d .claude x.cab', 'path.agentguard'],
      ['unrar x x.rar .git/hooks/', 'autorun.git-hook'],
      ['unar -o ~/.agentguard x.zip', 'path.agentguard'],
      ['unsquashfs -d ~/.local/state/agentguard x.sqfs', 'path.agentguard'],
      ['cd .claude && jar xf /tmp/x.jar', 'path.agentguard'],
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.id === id),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'ar x libfoo.a',
      'ar rcs libfoo.a a.o',
      'dpkg-deb -x x.deb /tmp/out',
      'dpkg-deb -c x.deb',
      'cabextract -d build x.cab',
      'unrar x x.rar',
      'unrar l x.rar',
      'unar x.zip',
      'jar xf lib.jar',
      'jar tf lib.jar',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
