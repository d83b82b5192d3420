// doctor's dangerous sample (hosts/samples.ts): doctor probes every wired
// hook event with `rm -rf /`, and each deny counted toward the circuit
// breaker; past its limit (five in ten seconds) the breaker engaged the kill
// switch on the machine of whoever ran doctor, halting every agent. Marked
// as doctor's, that exact call is denied and recorded but not counted;
// anything else, marked or not, is counted as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DANGEROUS_SAMPLE, DOCTOR_PROBE_ENV } from '../../../src/core/hosts/samples';
import { claudeDecision, fixture, readAudit, runHook, withInput, withSandbox } from '../support/hookHarness';

const counted = (state: string): number => {
  const file = path.join(state, 'gated.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
};

test("doctor's dangerous sample is denied and recorded, not counted by the circuit breaker; nothing else is spared", () =>
  withSandbox(async (sb) => {
    const call = (command: string) => withInput(fixture('claude/bash', sb), { command });
    const probe = { [DOCTOR_PROBE_ENV]: '1' };
    // More probes than the breaker's limit, as doctor sends for a machine with many wired events.
    for (let i = 0; i < 7; i++) {
      const r = claudeDecision(await runHook('claude', call(DANGEROUS_SAMPLE), sb, probe));
      assert.equal(r.decision, 'deny', r.reason);
      assert.doesNotMatch(r.reason, /\[killswitch\./, `probe ${i + 1}`);
    }
    assert.equal(counted(sb.state), 0);
    assert.equal(fs.existsSync(path.join(sb.state, 'killswitch.json')), false);
    assert.equal(readAudit(sb).filter((e) => e.command === DANGEROUS_SAMPLE && e.decision === 'deny').length, 7);
    // Marked, another destructive command counts; the sample unmarked counts.
    assert.equal(claudeDecision(await runHook('claude', call('rm -rf ~'), sb, probe)).decision, 'deny');
    assert.equal(counted(sb.state), 1);
    assert.equal(claudeDecision(await runHook('claude', call(`${DANGEROUS_SAMPLE} `), sb, probe)).decision, 'deny');
    assert.equal(counted(sb.state), 2);
    assert.equal(claudeDecision(await runHook('claude', call(DANGEROUS_SAMPLE), sb)).decision, 'deny');
    assert.equal(counted(sb.state), 3);
    assert.equal(
      claudeDecision(await runHook('claude', call(DANGEROUS_SAMPLE), sb, { [DOCTOR_PROBE_ENV]: 'yes' })).decision,
      'deny',
    );
    assert.equal(counted(sb.state), 4);
  }));
