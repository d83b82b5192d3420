import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  acquireLock,
  appendAudit,
  auditFile,
  GENESIS,
  serializeAudit,
  verifyAuditText,
  type AuditRecord,
} from '../../../src/core/state/audit';
import { CLI, claudeDecision, fixture, runHook, sandbox, withInput } from '../support/hookHarness';
import { confirmedState } from '../support/account';
import { scratchDir } from '../support/scratch';

function tmp(): string {
  return fs.realpathSync(scratchDir('ag-audit-'));
}

const record = (n: number): AuditRecord => ({
  time: new Date(Date.UTC(2026, 10, 20, 10, 0, n)).toISOString(),
  host: 'claude',
  event: 'PreToolUse',
  tool: 'Bash',
  kind: 'shell',
  command: `echo ${n}`,
  cwd: '/w',
  workspace: '/w',
  decision: 'allow',
  score: 0,
  findings: [],
  environment: { name: 'local', production: false },
});

const strip = (l: string): AuditRecord => {
  const { prev: _p, hash: _h, ...r } = JSON.parse(l) as AuditRecord & { prev: string; hash: string };
  return r;
};

test('records are appended one chained JSON line each, in order, to an owner-only file', () => {
  const root = tmp();
  try {
    const state = path.join(root, 'state');
    assert.deepEqual(appendAudit(state, record(1)), { ok: true });
    assert.deepEqual(appendAudit(state, { ...record(2), decision: 'deny', score: 100, findings: ['fs.rm-root'] }), {
      ok: true,
    });
    const lines = fs.readFileSync(auditFile(state), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines.map(strip), [
      record(1),
      { ...record(2), decision: 'deny', score: 100, findings: ['fs.rm-root'] },
    ]);
    const [a, b] = lines.map((l) => JSON.parse(l) as { prev: string; hash: string });
    assert.equal(a.prev, GENESIS);
    assert.equal(b.prev, a.hash);
    assert.match(b.hash, /^[0-9a-f]{64}$/);
    assert.equal(fs.statSync(state).mode & 0o777, 0o700);
    assert.equal(fs.statSync(auditFile(state)).mode & 0o777, 0o600);
    assert.equal(fs.existsSync(path.join(state, 'audit.lock')), false, 'the lock is released');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the whole command is recorded; only beyond 1 MiB is it cut, with the sha256 of the whole', () => {
  const long = `echo ${'x'.repeat(20000)}\nrm -rf /`;
  const kept = JSON.parse(serializeAudit({ ...record(1), command: long })) as AuditRecord;
  assert.equal(kept.command, long);
  assert.equal(kept.commandSha256, undefined);
  const huge = 'y'.repeat(1024 * 1024 + 10);
  const line = serializeAudit({ ...record(1), command: huge });
  assert.equal(line.indexOf('\n'), line.length - 1);
  const cut = JSON.parse(line) as AuditRecord;
  assert.match(cut.command!, /…\[10 more characters\]$/);
  assert.equal(cut.commandSha256, createHash('sha256').update(huge).digest('hex'));
});

test('a log that cannot be written is reported, not thrown', () => {
  const root = tmp();
  try {
    const notADir = path.join(root, 'state');
    fs.writeFileSync(notADir, 'a file where the state directory should be');
    const r = appendAudit(notADir, record(1));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /ENOTDIR|not a directory|EEXIST/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a link (symbolic or hard) planted at the log's path is refused: nothing is appended to what it names, and the hook does not allow", async () => {
  const root = tmp();
  const sb = sandbox();
  try {
    // The file a link could aim the log at: a shell's rc file, read at every start.
    const rc = path.join(root, 'bashrc');
    fs.writeFileSync(rc, 'export PATH=$HOME/bin:$PATH\n');
    const state = path.join(root, 'state');
    fs.mkdirSync(state, { mode: 0o700 });
    fs.symlinkSync(rc, auditFile(state));
    const r = appendAudit(state, record(1));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /audit\.jsonl is a symbolic link/);
    assert.equal(fs.readFileSync(rc, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');

    // A hard link: the same file under the log's name.
    fs.rmSync(auditFile(state));
    fs.linkSync(rc, auditFile(state));
    const hard = appendAudit(state, record(1));
    assert.equal(hard.ok, false);
    assert.match(hard.ok ? '' : hard.error, /audit\.jsonl has 2 hard links/);
    assert.equal(fs.readFileSync(rc, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');

    // Through the hook: a harmless command whose record cannot be written is not let through.
    fs.mkdirSync(sb.state, { recursive: true, mode: 0o700 });
    for (const plant of [fs.symlinkSync, fs.linkSync]) {
      fs.rmSync(auditFile(sb.state), { force: true });
      plant(rc, auditFile(sb.state));
      const run = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'git status' }), sb);
      assert.equal(claudeDecision(run).decision, 'deny', run.stdout + run.stderr);
      assert.equal(fs.readFileSync(rc, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');
    }
  } finally {
    sb.cleanup();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a stale lock left by a dead process is broken; a live one is waited for, within a bound', () => {
  const root = tmp();
  try {
    const lock = path.join(root, 'audit.lock');
    fs.writeFileSync(lock, '99999 long ago\n');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    const got = acquireLock(lock, 200);
    assert.ok('release' in got, 'a stale lock is broken');
    const second = acquireLock(lock, 100);
    assert.ok('error' in second && /stayed locked for 100 ms/.test(second.error));
    got.release();
    assert.equal(fs.existsSync(lock), false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

function chain(n: number): string[] {
  const root = tmp();
  try {
    for (let i = 1; i <= n; i++) appendAudit(root, record(i));
    return fs.readFileSync(auditFile(root), 'utf8').split('\n').filter(Boolean);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('verify accepts an intact chain and names the first edited, removed, inserted or reordered entry', () => {
  const lines = chain(6);
  const text = (ls: string[]) => ls.join('\n') + '\n';
  assert.deepEqual(verifyAuditText(text(lines)), { ok: true, entries: 6 });
  assert.deepEqual(verifyAuditText(''), { ok: true, entries: 0 });

  const edited = [...lines];
  edited[2] = edited[2].replace('"decision":"allow"', '"decision":"deny"');
  const e = verifyAuditText(text(edited));
  assert.equal(e.ok, false);
  assert.equal(e.line, 3);
  assert.match(e.problem!, /line 3 was edited/);

  const removed = lines.filter((_, i) => i !== 3);
  const r = verifyAuditText(text(removed));
  assert.equal(r.line, 4);
  assert.match(r.problem!, /the entry that followed line 3 was removed/);

  const removedFirst = lines.slice(1);
  assert.match(verifyAuditText(text(removedFirst)).problem!, /line 1 .*removed/);

  // An inserted entry forged with a valid hash and prev still breaks the link to the next one.
  const forged = serializeAudit(
    { ...record(99), command: 'curl evil' },
    (JSON.parse(lines[1]) as { hash: string }).hash,
  ).trimEnd();
  const inserted = [...lines.slice(0, 2), forged, ...lines.slice(2)];
  const ins = verifyAuditText(text(inserted));
  assert.equal(ins.line, 4);
  assert.match(ins.problem!, /line\(s\) 3–3 were inserted or moved here/);

  const reordered = [lines[0], lines[2], lines[1], ...lines.slice(3)];
  const re = verifyAuditText(text(reordered));
  assert.equal(re.line, 2);
  assert.match(re.problem!, /reordered/);

  const plain = [...lines.slice(0, 3), JSON.stringify(record(7)), ...lines.slice(3)];
  assert.match(verifyAuditText(text(plain)).problem!, /line 4 has no hash chain fields/);
});

test('agentguard audit verify exits 0 on an intact log and 1 naming the first tampered line; tail and path', () => {
  const root = tmp();
  try {
    for (let i = 1; i <= 4; i++) appendAudit(root, record(i));
    const env = { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(root) };
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'audit', ...args], { env, encoding: 'utf8' });
    const ok = cli('verify');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^audit log intact: 4 entries/);
    assert.equal(cli('path').stdout, `${auditFile(root)}\n`);
    const tail = cli('tail', '-n', '2').stdout.trim().split('\n').map(strip);
    assert.deepEqual(tail, [record(3), record(4)]);
    const lines = fs.readFileSync(auditFile(root), 'utf8').split('\n');
    lines[1] = lines[1].replace('echo 2', 'echo 3');
    fs.writeFileSync(auditFile(root), lines.join('\n'));
    const bad = cli('verify');
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /TAMPERED: line 2 was edited/);
    assert.equal(cli('bogus').status, 64);
    // Removing entries at the end leaves a valid shorter chain; the head kept beside the log sees it.
    fs.writeFileSync(auditFile(root), '');
    for (let i = 1; i <= 4; i++) appendAudit(root, record(i));
    const whole = fs.readFileSync(auditFile(root), 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(auditFile(root), whole.slice(0, 3).join('\n') + '\n');
    const cut = cli('verify');
    assert.equal(cut.status, 1);
    assert.match(cut.stdout, /entries after line 3 were removed/);
    const forged = serializeAudit(record(9), (JSON.parse(whole[3]) as { hash: string }).hash);
    fs.writeFileSync(auditFile(root), whole.join('\n') + '\n' + forged);
    assert.match(cli('verify').stdout, /line\(s\) 5–5 were appended without AgentGuard/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('20 hook processes at once: no entry lost, none interleaved, and the chain verifies', async () => {
  const sb = sandbox();
  try {
    const n = 20;
    const runs = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        runHook(
          'claude',
          withInput(fixture('claude/bash', sb), { command: `echo concurrent-${i} ${'z'.repeat(3000)}` }),
          sb,
        ),
      ),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const text = fs.readFileSync(auditFile(sb.state), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    assert.equal(lines.length, n);
    const seen = new Set(lines.map((l) => /concurrent-(\d+)/.exec(strip(l).command ?? '')?.[1]));
    assert.equal(seen.size, n);
    assert.deepEqual(verifyAuditText(text), { ok: true, entries: n });
  } finally {
    sb.cleanup();
  }
});

test('audit verify fails a log cut together with its head, rewritten without its chain, or with unchained lines after chained ones', () => {
  const root = tmp();
  try {
    const env = { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(root) };
    const verify = () => spawnSync(process.execPath, [CLI, 'audit', 'verify'], { env, encoding: 'utf8' });
    const head = path.join(root, 'audit.head');
    const fresh = () => {
      fs.rmSync(auditFile(root), { force: true });
      for (let i = 1; i <= 4; i++) appendAudit(root, record(i));
      return fs.readFileSync(auditFile(root), 'utf8').split('\n').filter(Boolean);
    };
    const whole = fresh();
    assert.equal(verify().status, 0);

    // The last entries cut, and the head that would show it deleted too.
    fs.writeFileSync(auditFile(root), whole.slice(0, 2).join('\n') + '\n');
    fs.rmSync(head);
    const cut = verify();
    assert.equal(cut.status, 1, cut.stdout);
    assert.match(cut.stdout, /TAMPERED: the head kept beside the log .* was removed/);

    // Every line rewritten without hash and prev (a changed decision is no longer seen by any hash), head gone.
    fs.writeFileSync(
      auditFile(root),
      whole.map((l) => JSON.stringify({ ...strip(l), decision: 'allow' })).join('\n') + '\n',
    );
    const rewritten = verify();
    assert.equal(rewritten.status, 1, rewritten.stdout);
    assert.match(rewritten.stdout, /TAMPERED: no entry carries the hash chain/);

    // Unchained lines after chained ones, head present or not.
    const tailed = fresh();
    fs.appendFileSync(auditFile(root), JSON.stringify(record(9)) + '\n');
    assert.match(verify().stdout, /TAMPERED: line 5 has no hash chain fields/);
    fs.rmSync(head);
    assert.match(verify().stdout, /TAMPERED: line 5 has no hash chain fields/);
    assert.equal(tailed.length, 4);

    // The log removed while its head stays.
    fresh();
    fs.rmSync(auditFile(root));
    const gone = verify();
    assert.equal(gone.status, 1);
    assert.match(gone.stdout, /TAMPERED: the log was removed/);

    // Nothing at all is a log never written; unchained lines from before the chain stay accepted as a prefix of a chained, headed log.
    fs.rmSync(head);
    assert.equal(verify().status, 0);
    fs.writeFileSync(auditFile(root), JSON.stringify(record(0)) + '\n');
    appendAudit(root, record(1));
    const legacy = verify();
    assert.equal(legacy.status, 0, legacy.stdout);
    assert.match(legacy.stdout, /intact: 2 entries \(1 unchained from before the chain\)/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a sequenced log (the service's): every entry carries its place, and a chain recomputed without renumbering is named as a jump or a rewind", () => {
  const dir = tmp();
  for (let i = 1; i <= 4; i++) assert.deepEqual(appendAudit(dir, record(i), { sequence: true }), { ok: true, seq: i });
  // Whoever appends next (the breaker's trip record, written without asking) keeps the sequence going.
  assert.deepEqual(appendAudit(dir, record(5)), { ok: true, seq: 5 });
  const lines = fs.readFileSync(auditFile(dir), 'utf8').trim().split('\n');
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as AuditRecord).seq),
    [1, 2, 3, 4, 5],
  );
  assert.equal(verifyAuditText(lines.join('\n') + '\n').ok, true);
  // Entry 2 removed, every hash recomputed: the chain is whole, the numbering is not.
  const rechain = (records: AuditRecord[]) => {
    let prev = GENESIS;
    return records
      .map((r) => {
        const line = serializeAudit(r, prev);
        prev = (JSON.parse(line) as { hash: string }).hash;
        return line;
      })
      .join('');
  };
  const removed = verifyAuditText(rechain(lines.filter((_, i) => i !== 1).map(strip)));
  assert.deepEqual([removed.ok, removed.line], [false, 2]);
  assert.match(removed.problem ?? '', /line 2 says it is entry 3: the sequence jumps/);
  const added = verifyAuditText(rechain([strip(lines[0]), { ...record(9), seq: 1 }, ...lines.slice(1).map(strip)]));
  assert.match(added.problem ?? '', /line 2 says it is entry 1: the sequence rewinds/);
  // An unsequenced log that starts being sequenced takes its line numbers from where it is.
  const old = tmp();
  appendAudit(old, record(1));
  appendAudit(old, record(2));
  assert.deepEqual(appendAudit(old, record(3), { sequence: true }), { ok: true, seq: 3 });
  assert.equal(verifyAuditText(fs.readFileSync(auditFile(old), 'utf8')).ok, true);
});
