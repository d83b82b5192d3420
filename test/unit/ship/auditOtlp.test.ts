// Audit shipping as OpenTelemetry logs: exported by the official SDK
// (OTLP/HTTP, protobuf) to a local receiver that decodes each request with
// the protocol's own definitions (test/fixtures/otlp, protobufjs), as a
// collector would. No collector runs here; the receiver stands in for its
// OTLP/HTTP receiver. The decoded records carry the exact audit line, its
// chain hashes, semantic-convention attributes and a SIEM severity; what the
// receiver turned down is sent again, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import protobuf from 'protobufjs';
import { entryHash } from '../../../src/core/state/audit';
import { shipOnce, shipTargets } from '../../../src/core/ship/index';
import { CLI, fixture, hookEnv, ROOT, runHook, sandbox, withInput, type Sandbox } from '../support/hookHarness';

const PROTOS = path.join(ROOT, 'test', 'fixtures', 'otlp');

function requestType(): protobuf.Type {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTOS, target);
  root.loadSync('opentelemetry/proto/collector/logs/v1/logs_service.proto');
  return root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest');
}

interface KeyValue {
  key: string;
  value: Record<string, unknown>;
}
interface Decoded {
  resourceLogs: {
    resource: { attributes: KeyValue[] };
    scopeLogs: {
      scope: { name: string; version: string };
      logRecords: {
        timeUnixNano: string;
        severityNumber: number;
        severityText: string;
        eventName: string;
        body: { stringValue: string };
        attributes: KeyValue[];
      }[];
    }[];
  }[];
}

function value(v: Record<string, unknown>): unknown {
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('arrayValue' in v) return ((v.arrayValue as { values?: Record<string, unknown>[] }).values ?? []).map(value);
  return undefined;
}

const attrs = (list: KeyValue[]) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));

/** A stand-in for a collector's OTLP/HTTP receiver: decodes every request with the official definitions; can refuse. */
async function receiver(type: protobuf.Type) {
  const requests: Decoded[] = [];
  const raw: Buffer[] = [];
  let refuse = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (refuse) {
        // Not retryable for the exporter: the batch fails at once, and AgentGuard keeps it.
        res.writeHead(400).end();
        return;
      }
      assert.equal(req.url, '/v1/logs');
      assert.equal(req.headers['content-type'], 'application/x-protobuf');
      assert.equal(req.headers['x-team-key'], 'k1');
      raw.push(body);
      requests.push(type.toObject(type.decode(body), { longs: String, enums: Number, defaults: false }) as Decoded);
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/v1/logs`,
    requests,
    raw,
    set refuse(v: boolean) {
      refuse = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function ship(sb: Sandbox, url: string) {
  return spawnSync(process.execPath, [CLI, 'audit', 'ship', '--once', '--otlp', url], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test("OTLP: the official SDK's requests decode with the protocol's definitions into the audit entries, in order, with their chain", async (t) => {
  const type = requestType();
  const rx = await receiver(type);
  const sb = sandbox();
  t.after(async () => {
    await rx.close();
    sb.cleanup();
  });
  for (const command of ['ls', 'mkfs.ext4 /dev/sda1', 'rm -rf src'])
    await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, { AGENTGUARD_JUDGE: 'off' });
  const targets = shipTargets({ otlp: rx.url, otlpHeaders: { 'x-team-key': 'k1' } });
  assert.ok(Array.isArray(targets));

  // The receiver turns the batch down: nothing is counted as delivered.
  rx.refuse = true;
  const refused = await shipOnce(sb.state, targets);
  assert.match(refused[0].error ?? '', /./);
  assert.equal(refused[0].pending, 3);
  rx.refuse = false;
  const ok = await shipOnce(sb.state, targets);
  assert.deepEqual(
    ok.map((r) => [r.delivered, r.pending, r.error]),
    [[3, 0, undefined]],
  );
  // Nothing is sent twice: a second run finds nothing pending.
  assert.deepEqual(
    (await shipOnce(sb.state, targets)).map((r) => r.delivered),
    [0],
  );

  const records = rx.requests.flatMap((r) =>
    r.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords.map((lr) => ({ lr, rl, sl })))),
  );
  const local = fs.readFileSync(path.join(sb.state, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);
  assert.equal(records.length, 3);
  let prev = '0'.repeat(64);
  records.forEach(({ lr, rl, sl }, i) => {
    const resource = attrs(rl.resource.attributes);
    assert.equal(resource['service.name'], 'agentguard');
    assert.equal(typeof resource['host.name'], 'string');
    assert.equal(resource['os.type'], 'linux');
    assert.equal(sl.scope.name, 'agentguard.audit');
    assert.equal(lr.body.stringValue, local[i]);
    const a = attrs(lr.attributes);
    const entry = JSON.parse(lr.body.stringValue) as Record<string, unknown>;
    assert.equal(a['agentguard.audit.hash'], entryHash(entry));
    assert.equal(a['agentguard.audit.prev'], prev);
    assert.equal(a['agentguard.audit.seq'], i + 1);
    prev = a['agentguard.audit.hash'] as string;
    assert.equal(lr.eventName, 'agentguard.decision');
    assert.equal(a['gen_ai.agent.name'], 'claude');
    assert.equal(a['gen_ai.tool.name'], 'Bash');
    assert.equal(a['process.working_directory'], sb.workspace);
    assert.equal(typeof a['user.name'], 'string');
    assert.equal(a['agentguard.decision'], entry.decision);
    assert.deepEqual(a['agentguard.findings'], entry.findings);
    // The entry's own time, to the millisecond it was recorded with.
    assert.equal(Math.round(Number(lr.timeUnixNano) / 1e6), Date.parse(entry.time as string));
  });
  // Who decided: the policy; for the ask nobody in an editor answered, nobody.
  assert.deepEqual(
    records.map(({ lr }) => attrs(lr.attributes)['agentguard.approver']),
    ['policy', 'policy', 'none'],
  );
  // Severity: INFO for the allowed call, WARN for the denial (OpenTelemetry's syslog mapping).
  assert.deepEqual(
    records.map(({ lr }) => [lr.severityNumber, lr.severityText, attrs(lr.attributes)['agentguard.alert'] ?? null]),
    [
      [9, 'INFO', null],
      [13, 'WARNING', 'denial'],
      [10, 'NOTICE', null],
    ],
  );

  // A collector's file export (OTLP/JSON, one request per line) checks against the chain too.
  const exportFile = path.join(sb.root, 'otlp.jsonl');
  fs.writeFileSync(
    exportFile,
    rx.raw.map((b) => JSON.stringify(type.toObject(type.decode(b), { longs: String, enums: Number }))).join('\n') +
      '\n',
  );
  const verify = spawnSync(process.execPath, [CLI, 'audit', 'verify', '--shipped', exportFile], {
    env: hookEnv(sb),
    encoding: 'utf8',
  });
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /^shipped export intact: 3 entries \(entries 1–3\) match the local chain/);
});

test('OTLP through the CLI: an unreachable collector fails `--once` and keeps every entry for later', async (t) => {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'ls' }), sb, { AGENTGUARD_JUDGE: 'off' });
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  const r = ship(sb, `http://127.0.0.1:${port}/v1/logs`);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /FAILED: .*; 0 sent, 1 pending/);
});
