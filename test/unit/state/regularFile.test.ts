// readRegularFile tells "nothing there" (a missing file: no kill switch, no
// config) from "something there it will not read" (a link, a FIFO, a folder:
// the kill switch then counts as engaged). A missing file is found by a stat
// before the open; whatever the stat cannot say is left to the open, so every
// kind of path reads as it did when the open alone decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../../../src/core/state/regularFile';
import { readKillSwitch } from '../../../src/core/state';

function withDir(fn: (dir: string) => void): void {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-regular-')));
  try {
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a read says, without the path in its words. */
function said(file: string, follow: boolean): string {
  const r = readRegularFile(file, 1024, { followSymlinks: follow });
  if (r.ok) return `text ${r.text}`;
  return `${r.missing ? 'missing' : 'refused'}: ${r.error.replace(file, 'FILE')}`;
}

test('every kind of path reads as missing, refused or read, followed through links or not', () =>
  withDir((dir) => {
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, 'hello');
    fs.symlinkSync(file, path.join(dir, 'link'));
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling'));
    fs.mkdirSync(path.join(dir, 'folder'));
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const cases: [string, boolean, string][] = [
      ['file', false, 'text hello'],
      ['gone', false, 'missing: FILE does not exist'],
      ['file/below', false, 'missing: FILE does not exist'],
      ['gone/below', false, 'missing: FILE does not exist'],
      ['link', false, 'refused: FILE is a symbolic link'],
      ['link', true, 'text hello'],
      // A link to nothing is still something at the path: never "no kill switch".
      ['dangling', false, 'refused: FILE is a symbolic link'],
      ['dangling', true, 'missing: FILE does not exist'],
      ['folder', false, 'refused: FILE is a directory, not a regular file'],
      ['fifo', false, 'refused: FILE is a FIFO, not a regular file'],
    ];
    for (const [name, follow, expected] of cases)
      assert.equal(said(path.join(dir, name), follow), expected, `${name}, links ${follow ? '' : 'not '}followed`);
  }));

test('a kill switch that is a link to nothing counts as engaged, and as released once it is gone', () =>
  withDir((dir) => {
    const file = path.join(dir, 'killswitch.json');
    fs.symlinkSync(path.join(dir, 'released.json'), file);
    const engaged = readKillSwitch(dir);
    assert.equal(engaged.engaged, true);
    assert.match(engaged.reason ?? '', /is a symbolic link/);
    fs.rmSync(file);
    assert.deepEqual(readKillSwitch(dir), { engaged: false });
  }));
