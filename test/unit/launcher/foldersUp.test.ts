// The one walk from a file up to `/` that the launcher's reach, the service
// socket's trust and install's check of the service's files share: every
// folder, nearest first, never following a link, bounded; and the rule of
// each caller applied folder by folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldersUp, MAX_FOLDER_DEPTH } from '../../../src/core/launcher/foldersUp';
import { notRootOnly } from '../../../src/cli/installService';
import { scratchDir } from '../support/scratch';

function tmp(): string {
  return fs.realpathSync(scratchDir('ag-up-'));
}

test('every folder from the file up to / is listed, nearest first, with its lstat', () => {
  const root = tmp();
  fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
  const up = foldersUp(path.join(root, 'a', 'b', 'f'));
  assert.ok('folders' in up);
  const dirs = up.folders.map((f) => f.dir);
  assert.deepEqual(dirs.slice(0, 3), [path.join(root, 'a', 'b'), path.join(root, 'a'), root]);
  assert.equal(dirs.at(-1), '/');
  assert.equal(dirs.length, path.join(root, 'a', 'b').split('/').length);
  assert.ok(up.folders.every((f) => f.st.isDirectory()));
});

test('a symbolic link among the folders is reported as a link, not followed', () => {
  const root = tmp();
  fs.mkdirSync(path.join(root, 'real'));
  fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
  const up = foldersUp(path.join(root, 'link', 'f'));
  assert.ok('folders' in up);
  assert.equal(up.folders[0].dir, path.join(root, 'link'));
  assert.ok(up.folders[0].st.isSymbolicLink());
});

test('a folder that is not there is a problem naming it', () => {
  const root = tmp();
  const up = foldersUp(path.join(root, 'gone', 'f'));
  assert.ok('problem' in up);
  assert.match(up.problem, /gone cannot be examined \(ENOENT\)/);
});

test('the walk is bounded: a path deeper than the limit is a problem, not a longer walk', () => {
  const deep = path.join(tmp(), ...Array.from({ length: MAX_FOLDER_DEPTH }, () => 'd'));
  fs.mkdirSync(deep, { recursive: true });
  const up = foldersUp(path.join(deep, 'f'));
  assert.ok('problem' in up);
  assert.match(up.problem, new RegExp(`deeper than ${MAX_FOLDER_DEPTH} folders`));
});

const asRoot = process.getuid?.() === 0 ? false : 'needs root to give files away';

test(
  'install refuses a service file a non-root user owns, or one under a folder others may write',
  { skip: asRoot },
  () => {
    const root = tmp();
    fs.chmodSync(root, 0o755);
    const file = path.join(root, 'cli.js');
    fs.writeFileSync(file, '');
    assert.equal(notRootOnly(file), undefined, 'root-owned file in root-owned folders under sticky /tmp');
    fs.chownSync(file, 65534, 65534);
    assert.match(notRootOnly(file) ?? '', /cli\.js belongs to uid 65534, not root/);
    fs.chownSync(file, 0, 0);
    fs.chmodSync(root, 0o777);
    assert.match(notRootOnly(file) ?? '', /is writable by others than root/);
    fs.chmodSync(root, 0o1777);
    assert.equal(notRootOnly(file), undefined, 'a sticky folder is allowed, as /tmp is');
    assert.match(notRootOnly(path.join(root, 'missing')) ?? '', /cannot be examined \(ENOENT\)/);
  },
);
