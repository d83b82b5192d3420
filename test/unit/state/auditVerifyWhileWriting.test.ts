import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendAudit, verifyAudit, type AuditRecord } from '../../../src/core/state/audit';

const auditModule = path.resolve(__dirname, '../../../src/core/state/audit.js');

// A hook appends the entry, then its head: `audit verify` run while hooks write
// must not call the moment in between tampering.
test('audit verify while another process appends: never a false alarm', async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-audit-race-')));
  try {
    const record: AuditRecord = {
      time: new Date().toISOString(),
      host: 'claude',
      kind: 'shell',
      command: 'ls',
      decision: 'allow',
      score: 0,
      findings: [],
    };
    appendAudit(root, record);
    // Told to stop between two appends: a writer killed between an entry and its head leaves the head behind (and
    // its lock held) until the next hook, and the last look below is of a log at rest.
    const stop = path.join(root, 'stop');
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const { appendAudit } = require(${JSON.stringify(auditModule)});
         const r = ${JSON.stringify(record)};
         process.stdout.write('go\\n');
         const pause = new Int32Array(new SharedArrayBuffer(4));
         for (let i = 0; i < 1000000; i++) {
           const a = appendAudit(${JSON.stringify(root)}, r);
           if (!a.ok) { console.error(a.error); process.exit(1); }
           if (i % 20 === 19) Atomics.wait(pause, 0, 0, 1);
           if (i % 20 === 19 && require('node:fs').existsSync(${JSON.stringify(stop)})) break;
         }`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // The writer appends until this side has looked 30 times or for 10 s (its own bound only stops a writer nobody
    // kills), pausing 1 ms every 20 entries so the log, which each look reads whole, stays a few thousand entries
    // long: a fixed number of appends ended before ten looks where appending is fast or the machine busy.
    await new Promise<void>((resolve) => writer.stdout!.once('data', () => resolve()));
    const exited = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));
    const alarms: string[] = [];
    let looks = 0;
    const until = Date.now() + 10_000;
    while (running && looks < 30 && Date.now() < until) {
      const v = verifyAudit(root);
      if (running) looks++;
      if (!v.ok) alarms.push(v.problem ?? 'not ok');
      await new Promise((r) => setImmediate(r));
    }
    fs.writeFileSync(stop, '');
    const killer = setTimeout(() => writer.kill(), 10_000);
    await exited;
    clearTimeout(killer);
    assert.ok(looks >= 10, `only ${looks} looks while the writer ran`);
    assert.deepEqual(alarms, [], `${alarms.length} of ${looks} looks raised an alarm: ${alarms.join(' | ')}`);
    assert.equal(verifyAudit(root).ok, true);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
