// Audit shipping to a real rsyslog (Debian's rsyslogd, run as nobody, a TCP
// or TLS listener on 127.0.0.1 writing every message to a file): every
// decision of a 1,000-call run arrives once, in order, its chain intact,
// though the listener is down for half the run; alerting events carry a
// severity a SIEM alerts on; `audit verify --shipped` catches what a
// pipeline lost or changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decideHookCall, recordHookCall, type HookCall } from '../../../src/core/frontdoor/call';
import { askEditor } from '../../../src/cli/hook/approval';
import { entryHash } from '../../../src/core/state/audit';
import { recordEvent } from '../../../src/core/state/auditEvents';
import { writeBaseline } from '../../../src/core/policy';
import { parseConfigText } from '../../../src/core/config/load';
import { CLI, fixture, hookEnv, ROOT, runHook, sandbox, withInput, type Sandbox } from '../support/hookHarness';

interface Rsyslog {
  port: number;
  received: string;
  lines(): string[];
  stop(): Promise<void>;
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

type Harness = {
  startRsyslog(o?: object): Promise<Rsyslog | { missing: string }>;
  makeCertificates(dir: string): { cert: string; key: string; ca: string };
};

async function harness(): Promise<Harness> {
  return (await import(pathToFileURL(path.join(ROOT, 'scripts', 'rsyslog-server.mjs')).href)) as Harness;
}

async function rsyslog(t: { skip(msg: string): void }, opts?: object): Promise<Rsyslog | undefined> {
  const rs = await (await harness()).startRsyslog(opts);
  if ('missing' in rs) {
    // CI installs rsyslog (.ci/run), so there these tests must run.
    if (process.env.CI) assert.fail(`rsyslog is not installed in CI (${rs.missing})`);
    t.skip(`rsyslog is not installed: ${rs.missing}`);
    return undefined;
  }
  return rs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function cli(sb: Sandbox, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

function localLines(sb: Sandbox): string[] {
  const file = path.join(sb.state, 'audit.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** A received RFC 5424 line: PRI, MSGID, the structured data, the message (BOM stripped). */
function parse(line: string): { pri: number; msgid: string; sd: Record<string, string>; msg: string } {
  const m =
    /^<(\d+)>1 \S+ \S+ agentguard - (\S+) \[agentguard@32473((?: [a-z]+="(?:[^"\\]|\\.)*")*)\] \uFEFF(.*)$/.exec(line);
  assert.ok(m, `not an AgentGuard syslog line: ${line.slice(0, 200)}`);
  const sd = Object.fromEntries(
    [...m[3].matchAll(/ ([a-z]+)="((?:[^"\\]|\\.)*)"/g)].map((p) => [p[1], p[2].replace(/\\(["\\\]])/g, '$1')]),
  );
  return { pri: Number(m[1]), msgid: m[2], sd, msg: m[4] };
}

/** The received lines against the local log: every entry exactly once, in order, as written, each hashing to itself and pointing at the one before. */
function assertDeliveredOnceInOrder(received: string[], local: string[]): void {
  assert.equal(received.length, local.length, `received ${received.length} of ${local.length} entries`);
  let prev = '0'.repeat(64);
  received.forEach((line, i) => {
    const { sd, msg } = parse(line);
    assert.equal(Number(sd.seq), i + 1, `line ${i + 1} carries entry ${sd.seq}`);
    assert.equal(msg, local[i], `entry ${i + 1} arrived changed`);
    const entry = JSON.parse(msg) as Record<string, unknown>;
    assert.equal(entryHash(entry), sd.hash);
    assert.equal(entry.hash, sd.hash);
    assert.equal(sd.prev, prev, `entry ${i + 1} does not follow the one before`);
    prev = sd.hash;
  });
}

const COMMANDS = [
  'ls -la',
  'git status',
  'rm -rf src',
  'mkfs.ext4 /dev/sda1',
  'git push --force origin main',
  'cat README.md',
  'psql -h db.prod.acme.io -c "DROP TABLE users"',
  'dd if=/dev/zero of=/dev/sda',
];

test('1,000 calls while rsyslog is down for half of them: every decision arrives once, in order, chain intact', async (t) => {
  const rs = await rsyslog(t);
  if (!rs) return;
  const sb = sandbox();
  const running: { follower?: ChildProcess } = {};
  t.after(async () => {
    running.follower?.kill('SIGTERM');
    await rs.cleanup();
    sb.cleanup();
  });
  // A confirmed policy whose rate limit lets a run of gated calls through (otherwise the kill switch halts the run).
  const policy = { rateLimit: { maxGated: 1000, windowSeconds: 1 } };
  const text = JSON.stringify(policy);
  fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), text);
  const loaded = parseConfigText(text, path.join(sb.workspace, '.agentguard.json'));
  assert.ok(loaded.ok && loaded.config);
  writeBaseline(sb.state, sb.workspace, text, loaded.config);

  // `agentguard audit ship` follows the log, as a user service would where no editor runs.
  const follower = spawn(process.execPath, [CLI, 'audit', 'ship', '--syslog', `tcp://127.0.0.1:${rs.port}`], {
    env: hookEnv(sb),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.follower = follower;
  let followerOut = '';
  follower.stdout.on('data', (b: Buffer) => {
    followerOut += b;
  });
  follower.stderr.on('data', (b: Buffer) => {
    followerOut += b;
  });

  const env = hookEnv(sb, { AGENTGUARD_JUDGE: 'off' });
  const decisions = new Map<string, number>();
  for (let i = 0; i < 1000; i++) {
    if (i === 250) await rs.stop();
    if (i === 750) await rs.restart();
    const payload = withInput(fixture('claude/bash', sb), { command: COMMANDS[i % COMMANDS.length] });
    (payload as Record<string, unknown>).tool_use_id = `toolu_${i}`;
    if (i % 50 === 0) {
      // Every fiftieth call through a real hook process, appending beside this one.
      await runHook('claude', payload, sb, { AGENTGUARD_JUDGE: 'off' });
    } else {
      const call: HookCall = {
        host: 'claude',
        input: { ok: true, text: JSON.stringify(payload) },
        env,
        processCwd: sb.workspace,
        started: new Date(),
      };
      const outcome = await decideHookCall(call, { askEditor, warn: () => undefined });
      assert.equal(outcome.declined, false);
      if (!outcome.declined) recordHookCall(outcome, () => undefined);
    }
    // Paced like an agent, so the outage lasts a while.
    if (i % 10 === 0) await sleep(15);
  }
  const local = localLines(sb);
  assert.equal(local.length, 1000);
  for (const l of local) {
    const d = (JSON.parse(l) as { decision: string }).decision;
    decisions.set(d, (decisions.get(d) ?? 0) + 1);
  }
  assert.ok(
    (decisions.get('defer') ?? 0) > 100 && (decisions.get('ask') ?? 0) > 100 && (decisions.get('deny') ?? 0) > 100,
    JSON.stringify([...decisions]),
  );

  await until('every entry at the receiver', () => rs.lines().length >= 1000, 90_000);
  // Nothing more comes (no second copy of a batch sent before or during the outage).
  await sleep(1500);
  follower.kill('SIGTERM');
  await new Promise((r) => follower.once('exit', r));
  await rs.stop();
  assert.match(followerOut, /FAILED: .*ECONNREFUSED/, 'the follower saw the outage');
  assertDeliveredOnceInOrder(rs.lines(), local);

  // The severities a SIEM sorts on: info for allow and no-decision, notice for ask, warning for deny (facility 13, log audit).
  for (const line of rs.lines().slice(0, 40)) {
    const { pri, sd } = parse(line);
    assert.equal(Math.floor(pri / 8), 13);
    const expected = { allow: 6, defer: 6, ask: 5, deny: 4 }[sd.decision as 'allow' | 'defer' | 'ask' | 'deny'];
    if (sd.alert !== 'self-protection') assert.equal(pri % 8, expected, line.slice(0, 160));
  }
  const verify = cli(sb, 'audit', 'verify', '--shipped', rs.received);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /^shipped export intact: 1000 entries \(entries 1–1000\) match the local chain\n/);
});

test('alerting events ship with a severity a SIEM alerts on: denials, kill-switch trips, self-protection, confirmed loosenings, restores', async (t) => {
  const rs = await rsyslog(t);
  if (!rs) return;
  const sb = sandbox();
  t.after(async () => {
    await rs.cleanup();
    sb.cleanup();
  });
  const hook = (command: string) =>
    runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
  await hook('ls');
  await hook('rm -rf ~/.local/state');
  await hook('echo x > .agentguard.json');
  // Six denials in a row trip the rate limiter (five within ten seconds by default), which engages the kill switch.
  for (let i = 0; i < 6; i++) await hook(`mkfs.ext4 /dev/sdb${i}`);
  assert.ok(
    recordEvent(sb.state, {
      event: 'policy.loosening-confirmed',
      by: 'editor',
      workspace: sb.workspace,
      changes: ['allow rule `rm -rf *` (rules[0])'],
    }).ok,
  );
  assert.ok(
    recordEvent(sb.state, { event: 'snapshot.restored', by: 'cli', snapshot: 'snap-1', changes: ['src/a.ts'] }).ok,
  );

  const ship = cli(sb, 'audit', 'ship', '--once', '--syslog', `tcp://127.0.0.1:${rs.port}`);
  assert.equal(ship.status, 0, ship.stdout + ship.stderr);
  await until('every entry at the receiver', () => rs.lines().length === localLines(sb).length, 20_000);
  const got = rs.lines().map(parse);
  const severityOf = (pred: (p: ReturnType<typeof parse>) => boolean) =>
    got.filter(pred).map((p) => `${p.pri % 8} ${p.sd.alert ?? '-'} ${p.msgid}`);
  assert.deepEqual(
    severityOf((p) => p.msg.includes('"command":"ls"')),
    ['6 - decision'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('.local/state')),
    ['1 self-protection selfprotect'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('.agentguard.json')),
    ['1 self-protection selfprotect'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('/dev/sdb0')),
    ['4 denial decision'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('/dev/sdb5')),
    ['4 denial decision'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('ratelimit.tripped')),
    ['2 kill-switch killswitch'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('policy.loosening-confirmed')),
    ['4 loosening-confirmed loosening'],
  );
  assert.deepEqual(
    severityOf((p) => p.msg.includes('snapshot.restored')),
    ['4 snapshot-restore restore'],
  );
});

test("TLS: delivered to rsyslog's TLS listener with the right CA; with the wrong one nothing is sent and the cursor stays", async (t) => {
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-certs-'));
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-certs-other-'));
  const h = await harness();
  const server = h.makeCertificates(certs);
  const wrong = h.makeCertificates(other);
  const rs = await rsyslog(t, { tls: server });
  if (!rs) return;
  const sb = sandbox();
  t.after(async () => {
    await rs.cleanup();
    sb.cleanup();
    fs.rmSync(certs, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  });
  for (const command of ['ls', 'git push --force origin main', 'cat x'])
    await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
  const url = `tls://127.0.0.1:${rs.port}`;
  const refused = cli(sb, 'audit', 'ship', '--once', '--syslog', url, '--ca', wrong.ca);
  assert.equal(refused.status, 1, refused.stdout);
  assert.match(refused.stdout, /FAILED: .*(certificate|self.signed|unable to verify)/i);
  assert.match(refused.stdout, /0 sent, 3 pending/);
  const ok = cli(sb, 'audit', 'ship', '--once', '--syslog', url, '--ca', server.ca);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  await until('three entries over TLS', () => rs.lines().length === 3, 20_000);
  assertDeliveredOnceInOrder(rs.lines(), localLines(sb));
});

test('audit ship --once fails while the receiver is down and delivers everything, once, when it is back', async (t) => {
  const rs = await rsyslog(t);
  if (!rs) return;
  const sb = sandbox();
  t.after(async () => {
    await rs.cleanup();
    sb.cleanup();
  });
  const url = `tcp://127.0.0.1:${rs.port}`;
  await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls' }), sb, { AGENTGUARD_JUDGE: 'off' });
  assert.equal(cli(sb, 'audit', 'ship', '--once', '--syslog', url).status, 0);
  await rs.stop();
  await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'rm -rf src' }), sb, {
    AGENTGUARD_JUDGE: 'off',
  });
  const down = cli(sb, 'audit', 'ship', '--once', '--syslog', url);
  assert.equal(down.status, 1);
  assert.match(down.stdout, /FAILED: .*ECONNREFUSED.*; 0 sent, 1 pending/);
  await rs.restart();
  const back = cli(sb, 'audit', 'ship', '--once', '--syslog', url);
  assert.equal(back.status, 0, back.stdout);
  assert.match(back.stdout, /1 sent, 0 pending/);
  await until('both entries', () => rs.lines().length === 2, 20_000);
  assertDeliveredOnceInOrder(rs.lines(), localLines(sb));
  // No destination at all is a usage error, not a silent success.
  const none = cli(sb, 'audit', 'ship', '--once');
  assert.equal(none.status, 64);
  assert.match(none.stderr, /no destination/);
});

test('a log that no longer continues what was delivered is reported to the receiver as an audit gap, with alert severity', async (t) => {
  const rs = await rsyslog(t);
  if (!rs) return;
  const sb = sandbox();
  t.after(async () => {
    await rs.cleanup();
    sb.cleanup();
  });
  const url = `tcp://127.0.0.1:${rs.port}`;
  for (const command of ['ls', 'cat a'])
    await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
  assert.equal(cli(sb, 'audit', 'ship', '--once', '--syslog', url).status, 0);
  // The log is replaced by another chain (what removing it and starting over looks like).
  fs.rmSync(path.join(sb.state, 'audit.jsonl'));
  fs.rmSync(path.join(sb.state, 'audit.head'), { force: true });
  for (const command of ['git status', 'echo 1', 'echo 2'])
    await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
  const after = cli(sb, 'audit', 'ship', '--once', '--syslog', url);
  assert.equal(after.status, 0, after.stdout);
  assert.match(
    after.stdout,
    /3 sent, 0 pending; GAP: the audit log (is \d+ bytes, shorter than|no longer has an entry ending where delivery stopped)/,
  );
  await until('the notice and the new entries', () => rs.lines().length === 6, 20_000);
  const gap = parse(rs.lines()[2]);
  assert.equal(gap.pri, 13 * 8 + 1);
  assert.equal(gap.sd.alert, 'audit-gap');
  assert.equal(gap.sd.synthetic, 'true');
  // The receiver's copy still checks out entry by entry against the (new) local chain, with the gap named.
  const verify = cli(sb, 'audit', 'verify', '--shipped', rs.received);
  assert.match(verify.stdout, /gap in the local log/);
  // Cut short after delivery: said as such.
  const log = path.join(sb.state, 'audit.jsonl');
  fs.truncateSync(log, Math.floor(fs.statSync(log).size / 2));
  const cut = cli(sb, 'audit', 'ship', '--once', '--syslog', url);
  assert.match(
    cut.stdout,
    /GAP: the audit log is \d+ bytes, shorter than the \d+ already delivered: it was truncated or replaced/,
    cut.stdout,
  );
});

test('a receiver that goes away with the batch unread has not received it: it stays pending', async (t) => {
  const sb = sandbox();
  // Accepts, then resets the connection, as a receiver that crashes or is killed with the batch unread does.
  const server = net.createServer((socket) => socket.resetAndDestroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.close();
    sb.cleanup();
  });
  await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls' }), sb, { AGENTGUARD_JUDGE: 'off' });
  for (let i = 0; i < 3; i++) {
    // Spawned without blocking: the receiver lives in this process.
    const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [CLI, 'audit', 'ship', '--once', '--syslog', `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`],
        { env: hookEnv(sb) },
      );
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => {
        stdout += b;
      });
      child.on('close', (status) => resolve({ status, stdout }));
    });
    assert.equal(r.status, 1, r.stdout);
    assert.match(
      r.stdout,
      /FAILED: .*(ECONNRESET|closed the connection before reading the whole batch).*; 0 sent, 1 pending/,
    );
  }
});

test('audit verify --shipped: an edited, lost or reordered entry is named; one received twice is not an error', async (t) => {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  for (const command of ['ls', 'rm -rf src', 'git status', 'cat a'])
    await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
  const local = localLines(sb);
  const exportFile = path.join(sb.root, 'export.jsonl');
  const check = (lines: string[]) => {
    fs.writeFileSync(exportFile, lines.join('\n') + '\n');
    return cli(sb, 'audit', 'verify', '--shipped', exportFile);
  };
  // A receiver that kept only the message: the entries themselves.
  const intact = check(local);
  assert.equal(intact.status, 0, intact.stdout);
  assert.match(intact.stdout, /^shipped export intact: 4 entries match the local chain/);
  const twice = check([local[0], local[1], local[1], local[2], local[3]]);
  assert.equal(twice.status, 0);
  assert.match(twice.stdout, /1 received twice/);
  const edited = check([local[0], local[1].replace('rm -rf src', 'rm -rf sr'), local[2], local[3]]);
  assert.equal(edited.status, 1);
  assert.match(edited.stdout, /line 2 was edited/);
  const lost = check([local[0], local[2], local[3]]);
  assert.equal(lost.status, 1);
  assert.match(lost.stdout, /line 2 does not follow line 1: the entries between them never arrived/);
  const reordered = check([local[0], local[2], local[1], local[3]]);
  assert.equal(reordered.status, 1);
  assert.match(reordered.stdout, /out of order/);
  const forged = JSON.parse(local[3]) as Record<string, unknown>;
  forged.command = 'forged';
  forged.hash = entryHash(forged);
  const foreign = check([local[0], local[1], local[2], JSON.stringify(forged)]);
  assert.equal(foreign.status, 1);
  assert.match(foreign.stdout, /not in the local audit log/);
});
