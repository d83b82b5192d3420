// File snapshots through the real hook: what an allowed or asked call
// deletes or overwrites is copied first and restored byte for byte; an `ls`
// leaves no trace; the store itself is out of an agent's reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../src/channels/approval/server';
import { listSnapshots, snapshotDir } from '../../../src/core/snapshot/store';
import type { ApprovalSubject } from '../../../src/shared/protocol';
import { CLI, claudeDecision, fixture, runHook, sandbox, withInput, type Sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

const bash = (sb: Sandbox, command: string) => withInput(fixture('claude/bash', sb), { command });

function snapshotCli(sb: Sandbox, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'snapshot', ...args], {
    env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(sb.state), HOME: sb.home },
    encoding: 'utf8',
  });
}

/** Bytes that survive only a byte-exact copy: every byte value, CRLF, no final newline. */
const BINARY = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), 13, 10, 0, 255]);

function snapshotIdOf(reason: string): string {
  const id = /snapshot restore (\S+)/.exec(reason)?.[1];
  assert.ok(id, `no snapshot named in: ${reason}`);
  return id;
}

test('rm -r of a folder: snapshot before, restored byte for byte with modes; node_modules inside is skipped', async () => {
  const sb = sandbox();
  try {
    const data = path.join(sb.workspace, 'data');
    fs.mkdirSync(path.join(data, 'nested'), { recursive: true });
    fs.mkdirSync(path.join(data, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(data, 'blob.bin'), BINARY);
    fs.writeFileSync(path.join(data, 'nested', 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o750 });
    fs.writeFileSync(path.join(data, 'node_modules', 'pkg', 'index.js'), 'x'.repeat(1000));
    const r = await runHook('claude', bash(sb, 'rm -r data'), sb);
    const { decision, reason } = claudeDecision(r);
    assert.notEqual(decision, 'deny', reason);
    const id = snapshotIdOf(reason);
    fs.rmSync(data, { recursive: true });

    const restored = snapshotCli(sb, 'restore', id);
    assert.equal(restored.status, 0, restored.stderr);
    assert.deepEqual(fs.readFileSync(path.join(data, 'blob.bin')), BINARY);
    assert.equal(fs.readFileSync(path.join(data, 'nested', 'run.sh'), 'utf8'), '#!/bin/sh\necho hi\n');
    assert.equal(fs.statSync(path.join(data, 'nested', 'run.sh')).mode & 0o777, 0o750);
    assert.equal(fs.existsSync(path.join(data, 'node_modules')), false, 'regenerable folders are not copied');
    const [m] = listSnapshots(sb.state);
    assert.deepEqual(m.skipped, [path.join(data, 'node_modules')]);

    // Blobs and manifests are read-only.
    const blobs = path.join(snapshotDir(sb.state), 'blobs');
    const blob = fs.readdirSync(blobs, { recursive: true, withFileTypes: true }).find((e) => e.isFile())!;
    assert.equal(fs.statSync(path.join(blob.parentPath, blob.name)).mode & 0o777, 0o400);
  } finally {
    sb.cleanup();
  }
});

test('Write over an existing file and sed -i: the old bytes come back; a new file and ls take no snapshot', async () => {
  const sb = sandbox();
  try {
    const file = path.join(sb.workspace, 'src', 'config.txt');
    fs.writeFileSync(file, BINARY);
    const w = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), { file_path: file, content: 'replaced' }),
      sb,
    );
    const writeId = snapshotIdOf(claudeDecision(w).reason);
    fs.writeFileSync(file, 'replaced');

    const notes = path.join(sb.workspace, 'NOTES.md');
    fs.writeFileSync(notes, 'line one\r\nline two\n');
    const s = await runHook('claude', bash(sb, "sed -i 's/one/ONE/' NOTES.md"), sb);
    const sedId = snapshotIdOf(claudeDecision(s).reason);
    assert.equal(spawnSync('sed', ['-i', 's/one/ONE/', notes]).status, 0);

    const before = listSnapshots(sb.state).length;
    await runHook(
      'claude',
      withInput(fixture('claude/write', sb), { file_path: path.join(sb.workspace, 'src', 'new.ts'), content: 'x' }),
      sb,
    );
    const ls = await runHook('claude', bash(sb, 'ls -la'), sb);
    assert.deepEqual(claudeDecision(ls), { decision: 'defer', reason: '' });
    // A harmless overwrite is deferred to the host, and its snapshot note still reaches the human.
    assert.equal(claudeDecision(w).decision, 'defer');
    assert.deepEqual(Object.keys(w.json ?? {}), ['systemMessage']);
    assert.equal(listSnapshots(sb.state).length, before, 'nothing to lose, nothing copied');

    assert.equal(snapshotCli(sb, 'restore', writeId).status, 0);
    assert.deepEqual(fs.readFileSync(file), BINARY);
    assert.equal(snapshotCli(sb, 'restore', sedId).status, 0);
    assert.equal(fs.readFileSync(notes, 'utf8'), 'line one\r\nline two\n');

    const list = JSON.parse(snapshotCli(sb, 'list', '--json').stdout) as Array<{
      id: string;
      kind: string;
      targets: string[];
    }>;
    assert.deepEqual(
      list.map((x) => [x.id, x.kind, x.targets]),
      [
        [sedId, 'files', [notes]],
        [writeId, 'files', [file]],
      ],
    );
    assert.equal(snapshotCli(sb, 'path').stdout, `${snapshotDir(sb.state)}\n`);
    assert.equal(snapshotCli(sb, 'restore', 'nope').status, 1);
  } finally {
    sb.cleanup();
  }
});

test('a file above the size budget is left out by name, and the rest of the action is still snapshotted', async () => {
  const sb = sandbox();
  try {
    fs.writeFileSync(path.join(sb.workspace, 'big.bin'), Buffer.alloc(4096, 7));
    fs.writeFileSync(path.join(sb.workspace, 'small.txt'), 'keep me');
    const r = await runHook('claude', bash(sb, 'rm big.bin small.txt'), sb, { AGENTGUARD_SNAPSHOT_MAX_BYTES: '1000' });
    const { reason } = claudeDecision(r);
    assert.match(reason, /left out 1 file\(s\) too large to copy: big\.bin \(4096 bytes\)/);
    const [m] = listSnapshots(sb.state);
    assert.deepEqual(
      m.files?.filter((f) => f.type === 'file').map((f) => path.basename(f.path)),
      ['small.txt'],
    );
    assert.ok(m.skipped?.some((p) => p.endsWith('big.bin')));
    const alone = await runHook('claude', bash(sb, 'rm big.bin'), sb, { AGENTGUARD_SNAPSHOT_MAX_BYTES: '1000' });
    assert.match(claudeDecision(alone).reason, /no snapshot: left out 1 file\(s\) too large to copy: big\.bin/);
  } finally {
    sb.cleanup();
  }
});

test('commands and edits that would touch the snapshot store or the audit log are denied, whatever the rules say', async () => {
  const sb = sandbox();
  try {
    fs.writeFileSync(
      path.join(sb.workspace, '.agentguard.json'),
      JSON.stringify({
        rules: [
          { match: 'rm *', decision: 'ask' },
          { match: 'truncate *', decision: 'ask' },
        ],
      }),
    );
    const defaultState = path.join(sb.home, '.local', 'state', 'agentguard');
    const cases: Array<[string, Record<string, string>?]> = [
      [`rm -rf ${snapshotDir(sb.state)}`],
      [`truncate -s0 ${path.join(sb.state, 'audit.jsonl')}`],
      [`cd ${sb.state} && rm -rf snapshots`],
      [`cd ${path.join(sb.state, 'snapshots')} && rm -rf ../audit.jsonl`],
      [`echo x > ${path.join(sb.state, 'audit.jsonl')}`],
      [`find ${sb.state} -delete`],
    ];
    for (const [command, env] of cases) {
      const r = await runHook('claude', bash(sb, command), sb, env ?? {});
      assert.equal(claudeDecision(r).decision, 'deny', `${command}: ${r.stdout}`);
    }
    const edit = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), { file_path: path.join(sb.state, 'audit.jsonl'), content: '' }),
      sb,
    );
    assert.equal(claudeDecision(edit).decision, 'deny');
    // Last: once the default folder exists, an unconfirmed relocation is ignored (core/state confirmedStateDir).
    const own = await runHook('claude', bash(sb, 'rm -rf ~/.local/state/agentguard/snapshots'), sb, {
      AGENTGUARD_STATE_DIR: '',
    });
    assert.equal(claudeDecision(own).decision, 'deny');
    assert.ok(!fs.existsSync(path.join(defaultState, 'snapshots')));
  } finally {
    sb.cleanup();
  }
});

test('git checkout -- . and git clean -fd: the changed and untracked files they discard are copied first', async () => {
  const sb = sandbox();
  try {
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: sb.workspace,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
    };
    fs.rmSync(path.join(sb.workspace, '.git'), { recursive: true });
    git('init', '-q');
    fs.writeFileSync(path.join(sb.workspace, 'app.ts'), 'committed\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    fs.writeFileSync(path.join(sb.workspace, 'app.ts'), 'hours of uncommitted work\n');
    fs.writeFileSync(path.join(sb.workspace, 'draft.md'), 'untracked notes\n');
    const r = await runHook('claude', bash(sb, 'git checkout -- . && git clean -fd'), sb);
    const { decision, reason } = claudeDecision(r);
    assert.notEqual(decision, 'deny', reason);
    const id = snapshotIdOf(reason);
    git('checkout', '--', '.');
    git('clean', '-fdq');
    assert.equal(fs.existsSync(path.join(sb.workspace, 'draft.md')), false);
    assert.equal(snapshotCli(sb, 'restore', id).status, 0);
    assert.equal(fs.readFileSync(path.join(sb.workspace, 'app.ts'), 'utf8'), 'hours of uncommitted work\n');
    assert.equal(fs.readFileSync(path.join(sb.workspace, 'draft.md'), 'utf8'), 'untracked notes\n');
  } finally {
    sb.cleanup();
  }
});

test("git's global options are read before the subcommand: -C, -c, --git-dir/--work-tree each snapshot what the command discards", async () => {
  const sb = sandbox();
  try {
    const repo = path.join(sb.workspace, 'sub');
    fs.mkdirSync(repo);
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'app.ts'), 'committed\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    const commands: [string, string][] = [
      ['git -C sub reset --hard', sb.workspace],
      ['git -C code -C acme-api/sub checkout -- .', sb.home],
      ['git -c core.quotepath=off checkout -- .', repo],
      ['git --no-pager -c k.v=1 --git-dir=sub/.git --work-tree sub checkout -- .', sb.workspace],
      ['GIT_DIR=sub/.git GIT_WORK_TREE=sub git reset --hard', sb.workspace],
    ];
    for (const [command, cwd] of commands) {
      const work = `uncommitted work before ${command}\n`;
      fs.writeFileSync(path.join(repo, 'app.ts'), work);
      const payload = { ...bash(sb, command), cwd };
      const r = await runHook('claude', payload, sb, {}, cwd);
      const { decision, reason } = claudeDecision(r);
      assert.notEqual(decision, 'deny', `${command}: ${reason}`);
      const id = snapshotIdOf(reason);
      fs.writeFileSync(path.join(repo, 'app.ts'), 'lost\n');
      assert.equal(snapshotCli(sb, 'restore', id).status, 0, command);
      assert.equal(fs.readFileSync(path.join(repo, 'app.ts'), 'utf8'), work, command);
    }
  } finally {
    sb.cleanup();
  }
});

test('a git discard whose snapshot cannot be planned says so in the answer: a failing git status, a relocated work tree', async () => {
  const sb = sandbox();
  try {
    // The sandbox's .git is an empty folder: git status fails there.
    const failing = claudeDecision(await runHook('claude', bash(sb, 'git reset --hard'), sb));
    assert.notEqual(failing.decision, 'deny', failing.reason);
    assert.match(
      failing.reason,
      /AgentGuard: no snapshot of what `git reset --hard` discards: git status failed in .*: fatal: /,
    );
    const missing = claudeDecision(await runHook('claude', bash(sb, 'git -C gone checkout -- .'), sb));
    assert.match(
      missing.reason,
      /no snapshot of what `git -C gone checkout -- \.` discards: git status could not run in .*gone/,
    );
    const moved = claudeDecision(await runHook('claude', bash(sb, 'git -c core.worktree=/srv/app reset --hard'), sb));
    assert.match(
      moved.reason,
      /no snapshot of what `git -c core\.worktree=\/srv\/app reset --hard` discards: git is told where its files are with -c core\.worktree/,
    );
    assert.equal(listSnapshots(sb.state).length, 0);
    // Reading what a command discards never runs a program the command names in git's configuration.
    const repo = path.join(sb.workspace, 'sub');
    fs.mkdirSync(repo);
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: repo }).status, 0);
    fs.writeFileSync(path.join(repo, 'a.txt'), 'x\n');
    const marker = path.join(sb.root, 'ran');
    const watched = claudeDecision(
      await runHook('claude', bash(sb, `git -c core.fsmonitor='touch ${marker}' -C sub clean -fd`), sb),
    );
    assert.match(watched.reason, /snapshot restore /);
    assert.equal(fs.existsSync(marker), false, watched.reason);
    // Nor one the repository's own configuration names.
    assert.equal(spawnSync('git', ['config', 'core.fsmonitor', `touch ${marker}`], { cwd: repo }).status, 0);
    const configured = claudeDecision(await runHook('claude', bash(sb, 'git -C sub clean -fd'), sb));
    assert.match(configured.reason, /snapshot restore /);
    assert.equal(fs.existsSync(marker), false, configured.reason);
  } finally {
    sb.cleanup();
  }
});

test("the editor's approval request says which snapshot was taken before it asks", async () => {
  const sb = sandbox();
  const seen: ApprovalSubject[] = [];
  const server = await startApprovalServer({
    socketPath: approvalSocketPath(sb.state, sb.workspace),
    decide: async (s) => {
      seen.push(s);
      return 'deny';
    },
  });
  try {
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), JSON.stringify({ protectedPaths: ['docs/**'] }));
    fs.mkdirSync(path.join(sb.workspace, 'docs'));
    fs.writeFileSync(path.join(sb.workspace, 'docs', 'contract.md'), 'signed\n');
    const r = await runHook('claude', bash(sb, 'rm docs/contract.md'), sb);
    assert.equal(claudeDecision(r).decision, 'deny');
    assert.equal(seen.length, 1);
    const [m] = listSnapshots(sb.state);
    assert.deepEqual(seen[0].snapshot, { taken: true, id: m.id, note: `snapshot ${m.id}: 1 file(s), 7 bytes` });
  } finally {
    await server.close();
    sb.cleanup();
  }
});

test('audit tail -f prints entries as they are appended', async () => {
  const sb = sandbox();
  const child = spawn(process.execPath, [CLI, 'audit', 'tail', '-n', '0', '-f'], {
    env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
  });
  try {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    await new Promise((r) => setTimeout(r, 300));
    await runHook('claude', bash(sb, 'echo followed'), sb);
    const deadline = Date.now() + 5000;
    while (!out.includes('echo followed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /"command":"echo followed"/);
  } finally {
    child.kill();
    sb.cleanup();
  }
});

test("restore leaves AgentGuard's own files to a human, so a restore cannot roll back a tightened config", async () => {
  const sb = sandbox();
  try {
    const config = path.join(sb.workspace, '.agentguard.json');
    const notes = path.join(sb.workspace, 'notes.md');
    fs.writeFileSync(config, '{ "rules": [] }\n');
    fs.writeFileSync(notes, 'keep\n');
    const r = await runHook('claude', bash(sb, 'rm notes.md .agentguard.json'), sb);
    const id = snapshotIdOf(claudeDecision(r).reason);
    fs.writeFileSync(config, '{ "rules": [{ "match": "curl *", "decision": "deny" }] }\n');
    fs.rmSync(notes);
    const restored = snapshotCli(sb, 'restore', id);
    assert.equal(restored.status, 0, restored.stderr);
    assert.equal(fs.readFileSync(notes, 'utf8'), 'keep\n');
    assert.match(fs.readFileSync(config, 'utf8'), /curl/, 'the tightened config stays');
    assert.match(
      restored.stdout,
      new RegExp(`not restored \\(AgentGuard's own files.*\\): ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  } finally {
    sb.cleanup();
  }
});

test('rm -rf node_modules copies nothing and says nothing; a SQLite file is copied before a DROP TABLE', async () => {
  const sb = sandbox();
  try {
    fs.mkdirSync(path.join(sb.workspace, 'node_modules', 'big'), { recursive: true });
    fs.writeFileSync(path.join(sb.workspace, 'node_modules', 'big', 'index.js'), 'x'.repeat(100_000));
    const r = await runHook('claude', bash(sb, 'rm -rf node_modules'), sb);
    assert.deepEqual(claudeDecision(r), { decision: 'defer', reason: '' });
    assert.equal(listSnapshots(sb.state).length, 0);

    const db = path.join(sb.workspace, 'data', 'app.db');
    fs.mkdirSync(path.dirname(db));
    fs.writeFileSync(db, BINARY);
    const drop = await runHook('claude', bash(sb, `sqlite3 data/app.db 'DROP TABLE users'`), sb);
    const id = snapshotIdOf(claudeDecision(drop).reason);
    const [m] = listSnapshots(sb.state);
    assert.deepEqual([m.id, m.kind, m.targets], [id, 'database', [db]]);
    fs.writeFileSync(db, 'after the drop');
    assert.equal(snapshotCli(sb, 'restore', id).status, 0);
    assert.deepEqual(fs.readFileSync(db), BINARY);
  } finally {
    sb.cleanup();
  }
});
