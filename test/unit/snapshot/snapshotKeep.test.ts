// The way back cannot be evicted or voided by the agent: junk write-and-delete
// cycles cannot push a snapshot out (a day's snapshots and the newest few of
// every file are kept; a store full of them makes the next action ask), and a
// sparse or oversized file deleted alongside is left out by name while the
// rest is still copied. Each step is a real hook call, then the command run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { takeFileSnapshot } from '../../../src/core/snapshot/files';
import { KEEP_PER_FILE, listSnapshots, pruneStore, snapshotDir } from '../../../src/core/snapshot/store';
import { CLI, claudeDecision, fixture, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

const bash = (sb: Sandbox, command: string) => withInput(fixture('claude/bash', sb), { command });

/** What the host does with an answer: runs the command unless it was denied or must ask (its own flow lets a harmless one run here). */
async function agentRuns(
  sb: Sandbox,
  command: string,
  env: Record<string, string> = {},
): Promise<{ decision: unknown; reason: string }> {
  const answer = claudeDecision(await runHook('claude', bash(sb, command), sb, env));
  if (answer.decision === 'allow' || answer.decision === 'defer') {
    const r = spawnSync('bash', ['-c', command], { cwd: sb.workspace, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  return answer;
}

function restore(sb: Sandbox, id: string) {
  return spawnSync(process.execPath, [CLI, 'snapshot', 'restore', id], {
    env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(sb.state), HOME: sb.home },
    encoding: 'utf8',
  });
}

test('junk write-and-delete cycles cannot evict the snapshot of a deleted file; once the store is full the next delete asks', () =>
  withSandbox(async (sb) => {
    const env = { AGENTGUARD_SNAPSHOT_STORE_BYTES: '3000' };
    const notes = path.join(sb.workspace, 'notes.md');
    fs.writeFileSync(notes, 'the only copy of the design notes\n');
    const first = await agentRuns(sb, 'rm notes.md', env);
    assert.equal(first.decision, 'defer', first.reason);
    const id = /snapshot restore (\S+)/.exec(first.reason)?.[1];
    assert.ok(id, first.reason);
    assert.ok(!fs.existsSync(notes));

    const answers: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      // The agent's Write of junk is harmless and allowed; the host writes it.
      const write = claudeDecision(
        await runHook(
          'claude',
          withInput(fixture('claude/write', sb), { file_path: path.join(sb.workspace, `junk${i}.bin`), content: 'x' }),
          sb,
          env,
        ),
      );
      assert.equal(write.decision, 'defer');
      fs.writeFileSync(path.join(sb.workspace, `junk${i}.bin`), Buffer.alloc(1000, i));
      const del = await agentRuns(sb, `rm junk${i}.bin`, env);
      answers.push(del.decision);
      if (del.decision !== 'defer') assert.match(del.reason, /snapshot store is full/);
    }
    // Two junk snapshots fit beside the notes; the third has no room and asks instead of evicting.
    assert.deepEqual(answers, ['defer', 'defer', 'ask', 'ask', 'ask', 'ask']);
    assert.ok(
      listSnapshots(sb.state).some((m) => m.id === id),
      'the snapshot of notes.md is still there',
    );
    const back = restore(sb, id);
    assert.equal(back.status, 0, back.stderr);
    assert.equal(fs.readFileSync(notes, 'utf8'), 'the only copy of the design notes\n');
  }));

test('a sparse 80 MB file deleted alongside is left out by name; the real files are snapshotted and come back', () =>
  withSandbox(async (sb) => {
    const dir = path.join(sb.workspace, 'data');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'customers.csv'), 'id,name\n1,Ada\n');
    const fd = fs.openSync(path.join(dir, 'zeros.img'), 'w');
    fs.ftruncateSync(fd, 80 * 1024 * 1024);
    fs.closeSync(fd);
    const answer = await agentRuns(sb, 'rm -r data');
    assert.notEqual(answer.decision, 'deny', answer.reason);
    assert.match(answer.reason, /left out 1 file\(s\) too large to copy: zeros\.img \(80 MiB, sparse\)/);
    if (answer.decision !== 'allow' && answer.decision !== 'defer') spawnSync('rm', ['-r', dir]);
    assert.ok(!fs.existsSync(dir));
    const id = /snapshot restore (\S+)/.exec(answer.reason)?.[1];
    assert.ok(id, answer.reason);
    assert.equal(restore(sb, id).status, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'customers.csv'), 'utf8'), 'id,name\n1,Ada\n');
    assert.ok(!fs.existsSync(path.join(dir, 'zeros.img')));
  }));

test('past a day, old snapshots go when the store is over budget, except the newest few of each file', () =>
  withSandbox(async (sb) => {
    const ids: string[] = [];
    const file = path.join(sb.workspace, 'a.txt');
    const budget = { maxBytes: 1 << 20, maxFiles: 100, maxMs: 5000, storeBytes: 1 << 30 };
    for (let i = 0; i < KEEP_PER_FILE + 2; i++) {
      fs.writeFileSync(file, `version ${i} ${'.'.repeat(100)}`);
      const r = takeFileSnapshot({
        stateDir: sb.state,
        targets: [file],
        workspace: sb.workspace,
        subject: 'rm a.txt',
        budget,
      });
      assert.ok(r.id);
      ids.push(r.id);
    }
    fs.writeFileSync(path.join(sb.workspace, 'b.txt'), 'b'.repeat(100));
    const other = takeFileSnapshot({
      stateDir: sb.state,
      targets: [path.join(sb.workspace, 'b.txt')],
      workspace: sb.workspace,
      subject: 'rm b.txt',
      budget,
    });
    // Nothing is a day old yet: nothing goes, however small the budget.
    assert.deepEqual(pruneStore(sb.state, 1), []);
    // Two days later, the two oldest versions of a.txt may go; the newest three of a.txt and the only b.txt stay.
    const later = Date.now() + 2 * 24 * 3600 * 1000;
    assert.deepEqual(pruneStore(sb.state, 1, undefined, later).sort(), ids.slice(0, 2).sort());
    assert.deepEqual(
      listSnapshots(sb.state)
        .map((m) => m.id)
        .sort(),
      [...ids.slice(2), other.id].sort(),
    );
    assert.ok(fs.existsSync(snapshotDir(sb.state)));
  }));
