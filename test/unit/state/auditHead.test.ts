import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendAudit, auditFile, verifyAudit, type AuditRecord } from '../../../src/core/state/audit';

const record = (n: number): AuditRecord => ({
  time: new Date(Date.UTC(2026, 10, 20, 10, 0, n)).toISOString(),
  host: 'claude',
  kind: 'shell',
  command: `echo ${n}`,
  decision: 'allow',
  score: 0,
  findings: [],
});

test('the head is overwritten in place, one hash; anything else at its path is written anew, never through', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-audit-head-')));
  try {
    const head = path.join(root, 'audit.head');
    const lastHash = () =>
      (JSON.parse(fs.readFileSync(auditFile(root), 'utf8').trim().split('\n').pop()!) as { hash: string }).hash;
    const intact = (entries: number) => {
      assert.equal(fs.readFileSync(head, 'utf8'), lastHash() + '\n');
      assert.equal(fs.lstatSync(head).mode & 0o777, 0o600);
      assert.deepEqual(verifyAudit(root), { ok: true, entries });
    };
    appendAudit(root, record(1));
    intact(1);
    // The same file from one entry to the next: no new file, nothing renamed over it.
    const inode = fs.statSync(head).ino;
    for (let i = 2; i <= 4; i++) appendAudit(root, record(i));
    assert.equal(fs.statSync(head).ino, inode);
    intact(4);
    // Emptied, or longer than one hash: written whole, nothing of the old content left.
    fs.writeFileSync(head, '');
    appendAudit(root, record(5));
    intact(5);
    fs.writeFileSync(head, `${'f'.repeat(64)}\n${'e'.repeat(64)}\n`);
    appendAudit(root, record(6));
    intact(6);
    // Opened to others: written anew, owner-only again.
    fs.chmodSync(head, 0o644);
    appendAudit(root, record(7));
    intact(7);
    // A symbolic or a hard link at the head: replaced, and the file it led to keeps its bytes.
    const other = path.join(root, 'other');
    const bytes = 'o'.repeat(64) + '\n';
    fs.writeFileSync(other, bytes);
    // Owner-only and one hash long, like the head: only the link itself tells them apart.
    fs.chmodSync(other, 0o600);
    fs.rmSync(head);
    fs.symlinkSync(other, head);
    appendAudit(root, record(8));
    intact(8);
    assert.equal(fs.readFileSync(other, 'utf8'), bytes);
    fs.rmSync(head);
    fs.linkSync(other, head);
    appendAudit(root, record(9));
    intact(9);
    assert.equal(fs.readFileSync(other, 'utf8'), bytes);
    // A FIFO at the head (no reader): the append neither blocks nor fails, and a file takes its place.
    if (process.platform !== 'win32') {
      fs.rmSync(head);
      assert.equal(spawnSync('mkfifo', [head]).status, 0);
      const audit = path.join(__dirname, '..', '..', '..', 'src', 'core', 'state', 'audit.js');
      const child = spawnSync(
        process.execPath,
        [
          '-e',
          `const r = require(process.argv[1]).appendAudit(process.argv[2], JSON.parse(process.argv[3])); process.exit(r.ok ? 0 : 3)`,
          audit,
          root,
          JSON.stringify(record(10)),
        ],
        { timeout: 10_000, encoding: 'utf8' },
      );
      assert.equal(child.status, 0, child.stderr);
      intact(10);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
