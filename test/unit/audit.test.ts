import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendAudit, auditFile, serializeAudit, type AuditRecord } from '../../src/core/audit';

function tmp(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-audit-')));
}

const record = (n: number): AuditRecord => ({
  time: new Date(Date.UTC(2026, 10, 20, 10, 0, n)).toISOString(),
  host: 'claude', event: 'PreToolUse', tool: 'Bash', kind: 'shell', command: `echo ${n}`,
  cwd: '/w', workspace: '/w', decision: 'allow', score: 0, findings: [], environment: { name: 'local', production: false },
});

test('records are appended one JSON line each, in order, to an owner-only file', () => {
  const root = tmp();
  try {
    const state = path.join(root, 'state');
    assert.deepEqual(appendAudit(state, record(1)), { ok: true });
    assert.deepEqual(appendAudit(state, { ...record(2), decision: 'deny', score: 100, findings: ['fs.rm-root'] }), { ok: true });
    const lines = fs.readFileSync(auditFile(state), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines.map((l) => JSON.parse(l)), [record(1), { ...record(2), decision: 'deny', score: 100, findings: ['fs.rm-root'] }]);
    assert.equal(fs.statSync(state).mode & 0o777, 0o700);
    assert.equal(fs.statSync(auditFile(state)).mode & 0o777, 0o600);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('long commands are cut visibly, so one record stays one line of bounded size', () => {
  const line = serializeAudit({ ...record(1), command: `echo ${'x'.repeat(20000)}\nrm -rf /` });
  assert.equal(line.indexOf('\n'), line.length - 1);
  const parsed = JSON.parse(line) as AuditRecord;
  assert.ok(parsed.command!.length < 8300);
  assert.match(parsed.command!, /…\[11\d\d\d more characters\]$/);
});

test('a log that cannot be written is reported, not thrown', () => {
  const root = tmp();
  try {
    const notADir = path.join(root, 'state');
    fs.writeFileSync(notADir, 'a file where the state directory should be');
    const r = appendAudit(notADir, record(1));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /ENOTDIR|not a directory/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('hooks running at the same time never interleave their lines', async () => {
  const root = tmp();
  try {
    const state = path.join(root, 'state');
    const mod = path.join(__dirname, '..', '..', 'src', 'core', 'audit.js');
    const writers = 12;
    const script = `const {appendAudit}=require(${JSON.stringify(mod)});const n=+process.argv[1];for(let i=0;i<50;i++)appendAudit(${JSON.stringify(state)},{time:new Date().toISOString(),host:'w'+n,decision:'allow',score:0,findings:[],command:'x'.repeat(2000)+i})`;
    await Promise.all(Array.from({ length: writers }, (_, n) => new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, String(n)]);
      child.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`writer ${n} exited ${code}`))));
    })));
    const lines = fs.readFileSync(auditFile(state), 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, writers * 50);
    for (const l of lines) assert.equal((JSON.parse(l) as AuditRecord).command!.length >= 2001, true);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
