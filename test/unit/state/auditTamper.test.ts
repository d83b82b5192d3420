// Tamper evidence that outlives a rewritten log: after entries were shipped
// to a real rsyslog, the agent's ways of erasing them — truncating the log
// and its head through a glob that names no AgentGuard path, then letting the
// chain start over; rewriting entries with every hash and the head
// recomputed; moving the shipping cursor to the log's end so the shipper
// skips what was gated — each is named as tampering, locally or by the
// receiver's copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryHash } from '../../../src/core/state/audit';
import { CLI, fixture, hookEnv, ROOT, runHook, sandbox, withInput, type Sandbox } from '../support/hookHarness';

interface Rsyslog {
  port: number;
  received: string;
  lines(): string[];
  stop(): Promise<void>;
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}
interface Harness {
  startRsyslog(opts?: object): Promise<Rsyslog | { missing: string }>;
}

async function rsyslog(t: { skip(msg: string): void }): Promise<Rsyslog | undefined> {
  const h = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'rsyslog-server.mjs')).href)) as Harness;
  const rs = await h.startRsyslog();
  if ('missing' in rs) {
    // CI installs rsyslog (.ci/run), so there these tests must run.
    if (process.env.CI) assert.fail(`rsyslog is not installed in CI (${rs.missing})`);
    t.skip(`rsyslog is not installed: ${rs.missing}`);
    return undefined;
  }
  return rs;
}

function cli(sb: Sandbox, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function calls(sb: Sandbox, commands: string[]): Promise<void> {
  for (const command of commands)
    await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
}

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > end) throw new Error('timed out');
}

async function shipped(t: {
  skip(msg: string): void;
  after(fn: () => Promise<void>): void;
}): Promise<{ sb: Sandbox; rs: Rsyslog; url: string } | undefined> {
  const rs = await rsyslog(t);
  if (!rs) return undefined;
  const sb = sandbox();
  t.after(async () => {
    await rs.cleanup();
    sb.cleanup();
  });
  const url = `tcp://127.0.0.1:${rs.port}`;
  await calls(sb, ['ls', 'rm -rf src', 'git push --force origin main']);
  assert.equal(cli(sb, 'audit', 'ship', '--once', '--syslog', url).status, 0);
  await until(() => rs.lines().length === 3);
  assert.equal(cli(sb, 'audit', 'verify').status, 0);
  return { sb, rs, url };
}

test('the log and its head truncated through a glob, the chain started over: TAMPERED, not intact', async (t) => {
  const s = await shipped(t);
  if (!s) return;
  // What `: > ~/.local/*/*/audit.*` does: every file the glob matches, emptied, no AgentGuard path named.
  for (const name of fs.readdirSync(s.sb.state).filter((n) => n.startsWith('audit.')))
    fs.truncateSync(path.join(s.sb.state, name), 0);
  await calls(s.sb, ['echo fresh']);
  const r = cli(s.sb, 'audit', 'verify');
  assert.equal(r.status, 1, r.stdout);
  assert.match(
    r.stdout,
    /audit log TAMPERED: entry 3 \(.*\) was shipped to tcp:\/\/127\.0\.0\.1:\d+, and the log now has 1: it was truncated or restarted after shipping/,
  );
});

test('entries rewritten with every hash and the head recomputed: TAMPERED, not intact', async (t) => {
  const s = await shipped(t);
  if (!s) return;
  const log = path.join(s.sb.state, 'audit.jsonl');
  // A script that finds the log by glob, turns the gated entries into harmless ones and rebuilds the chain.
  let prev = '0'.repeat(64);
  const rewritten = fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const e = JSON.parse(line) as Record<string, unknown>;
      e.command = 'ls';
      e.decision = 'allow';
      e.prev = prev;
      delete e.hash;
      e.hash = entryHash(e);
      prev = e.hash as string;
      return JSON.stringify(e);
    });
  fs.writeFileSync(log, rewritten.join('\n') + '\n');
  fs.writeFileSync(path.join(s.sb.state, 'audit.head'), prev + '\n');
  const r = cli(s.sb, 'audit', 'verify');
  assert.equal(r.status, 1, r.stdout);
  assert.match(
    r.stdout,
    /audit log TAMPERED: entry 3 was shipped to .* as [0-9a-f]{12}…, and the log's entry 3 is another: it was rewritten after shipping/,
  );
});

test("the shipping cursor moved to the log's end: the receiver's copy names the entries it never got", async (t) => {
  const s = await shipped(t);
  if (!s) return;
  await calls(s.sb, ['rm -rf ~/old', 'dropdb prod', 'echo after']);
  // The agent moves the cursor past the gated entries (it is a file in the account), then the shipper runs.
  const shipDir = path.join(s.sb.state, 'ship');
  const cursorName = fs.readdirSync(shipDir).find((n) => n.endsWith('.cursor.json'))!;
  const cursor = JSON.parse(fs.readFileSync(path.join(shipDir, cursorName), 'utf8')) as Record<string, unknown>;
  const lines = fs.readFileSync(path.join(s.sb.state, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);
  const upTo = lines.slice(0, 5).join('\n').length + 1;
  fs.writeFileSync(
    path.join(shipDir, cursorName),
    JSON.stringify({ ...cursor, offset: upTo, seq: 5, hash: (JSON.parse(lines[4]) as { hash: string }).hash }) + '\n',
  );
  assert.equal(cli(s.sb, 'audit', 'ship', '--once', '--syslog', s.url).status, 0);
  await until(() => s.rs.lines().length === 4);
  const r = cli(s.sb, 'audit', 'verify', '--shipped', s.rs.received);
  assert.notEqual(r.status, 0, r.stdout);
  assert.match(r.stdout, /entry 6.*does not follow.*entry 3/s, r.stdout);
});
