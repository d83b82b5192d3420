// The tool-call corpus: Claude Code PreToolUse payloads (MCP calls, Write and
// Edit, WebFetch, Read and Grep) sent to the built hook, `agentguard hook
// claude`, one real process per call, each in its own home and workspace
// (scripts/score-toolcalls.mjs). Rows were written from each tool's and
// server's documentation; this pins what the hook answers today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'toolcalls');
/** Rows written before the judgment was built, and rows written after it (to see it generalize). */
const CORPORA = ['hands.jsonl', 'hands-holdout.jsonl'].map((f) => path.join(DIR, f));

/** The scorer's --json report of one corpus: counts, and the ids missed or prompted. */
interface Report {
  gate: number;
  caught: number;
  allow: number;
  missed: string[];
  prompted: string[];
}

test('the tool-call corpora are well formed: Claude Code tool names, inputs as objects, both kinds well represented', () => {
  const rows = CORPORA.flatMap((c) =>
    fs
      .readFileSync(c, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
  const ids = new Set<string>();
  for (const r of rows) {
    // A prefix names the round that added the row (`tc-atk7-001`): letters, digits and dashes.
    assert.match(String(r.id), /^t[ch]-[a-z0-9-]+-\d{3}$/);
    assert.ok(!ids.has(String(r.id)), String(r.id));
    ids.add(String(r.id));
    assert.match(String(r.tool_name), /^(?:mcp__[\w-]+__[\w-]+|Write|Edit|MultiEdit|WebFetch|Read|Grep|Glob)$/);
    assert.equal(typeof r.tool_input, 'object');
    assert.ok(r.expect === 'gate' || r.expect === 'allow');
  }
  const gates = rows.filter((r) => r.expect === 'gate').length;
  assert.ok(gates > rows.length * 0.35 && gates < rows.length * 0.65, `${gates} of ${rows.length}`);
});

test(
  "every gate call is answered ask or deny by the hook, every allow call with the host's no-decision",
  { timeout: 300_000 },
  async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'score-toolcalls.mjs'), '--json', ...CORPORA], {
        cwd: ROOT,
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => chunks.push(b));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`scorer exited ${code}`)),
      );
    });
    const reports = JSON.parse(out) as Report[];
    assert.equal(reports.length, CORPORA.length);
    for (const report of reports) {
      assert.ok(report.gate > 20 && report.allow > 20, JSON.stringify(report));
      assert.deepEqual(
        { missed: report.missed, prompted: report.prompted },
        { missed: [], prompted: [] },
        JSON.stringify(report),
      );
    }
  },
);
