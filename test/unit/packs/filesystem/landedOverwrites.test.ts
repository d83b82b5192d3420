// A copy, sync or extraction into a folder outside the workspace that lands a file over one already there loses
// what it held, as `cp x ~/notes/a.txt` does: asked (`fs.overwrite-outside-workspace`, landedOverwrites.ts). Into
// the workspace, into a folder holding none of the names that land, or a listing, stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskWorkspace } from '../../support/engineHarness';

test('what lands over an existing file outside the workspace asks; elsewhere it stays quiet', () => {
  const ws = diskWorkspace('ag-landed-', {
    'src/a.txt': 'new\n',
    '../../notes/a.txt': 'the only copy\n',
    '../../fresh/other.txt': 'kept\n',
  });
  try {
    // A real archive holding a.txt, read by its members as tar would extract them.
    execFileSync('tar', ['-cf', 'x.tar', '-C', 'src', 'a.txt'], { cwd: ws.ws });
    assert.ok(fs.existsSync(path.join(ws.ws, 'x.tar')));
    for (const c of ['tar -xf x.tar -C ~/notes', 'rsync -a src/ ~/notes/', 'cp -r src/. ~/notes/']) {
      const r = ws.judge(c);
      assert.equal(r.decision, 'ask', `${c}: ${JSON.stringify(r.findings)}`);
      const f = r.findings.find((x) => x.id === 'fs.overwrite-outside-workspace');
      assert.ok(f?.target?.endsWith('notes/a.txt') && f.alternative, `${c}: ${JSON.stringify(r.findings)}`);
    }
    for (const c of ['tar -xf x.tar -C ~/fresh', 'tar -xf x.tar', 'rsync -a src/ ~/fresh/', 'tar -tf x.tar'])
      assert.equal(ws.judge(c).decision, 'allow', c);
  } finally {
    ws.done();
  }
});
