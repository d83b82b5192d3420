// POSIX ACLs on a root-owned file, set with the real setfacl and read back
// the way the editor-identity check reads them (ls marks, getfacl details),
// for an unprivileged user the mode alone keeps out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { aclReach } from '../../../src/core/launcher/acl';
import { reachableBy } from '../../../src/core/launcher/reach';

const skip =
  process.platform !== 'linux' || process.getuid?.() !== 0
    ? 'needs Linux and root-owned files'
    : !fs.existsSync('/usr/bin/setfacl')
      ? 'setfacl (Debian package acl) is needed'
      : false;
const NOBODY = { uid: 65534, gids: [65534] };
let dir: string;
let file: string;

const setfacl = (...args: string[]) => {
  const r = spawnSync('setfacl', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-acl-'));
  fs.chmodSync(dir, 0o755);
  file = path.join(dir, 'node');
  fs.writeFileSync(file, '', { mode: 0o755 });
});

after(() => {
  if (!skip) fs.rmSync(dir, { recursive: true, force: true });
});

test('no ACL: only the mode counts, and one ls tells', { skip }, () => {
  assert.equal(aclReach([file, dir], NOBODY), undefined);
  assert.equal(reachableBy(file, NOBODY), undefined);
});

test('a named user or group entry with write, within the mask, makes the file reachable', { skip }, () => {
  setfacl('-m', 'u:65534:rw', file);
  assert.match(reachableBy(file, NOBODY) ?? '', /node is writable by uid 65534 through its POSIX ACL \(user:65534:rw-/);
  assert.equal(reachableBy(file, { uid: 65533, gids: [] }), undefined, 'another user is not named');
  setfacl('-b', file);
  setfacl('-m', 'g:4242:rwx', dir);
  assert.match(
    reachableBy(file, { uid: 65533, gids: [4242] }) ?? '',
    /ag-acl-\w+ is writable by uid 65533 through its POSIX ACL \(group:4242:rwx/,
  );
  setfacl('-b', dir);
});

test('a mask without write takes the named entry back; read-only entries grant nothing', { skip }, () => {
  setfacl('-m', 'u:65534:rw,m::r', file);
  assert.equal(reachableBy(file, NOBODY), undefined);
  setfacl('-b', file);
  setfacl('-m', 'u:65534:r-x', file);
  assert.equal(reachableBy(file, NOBODY), undefined);
  setfacl('-b', file);
});
