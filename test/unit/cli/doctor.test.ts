// `agentguard install`, then `agentguard doctor`, the way a developer has
// them: HOME is the account's own home, and no AGENTGUARD_STATE_DIR, so the
// CLI keeps its state in the account's default state folder, which install
// makes. That is where doctor's probes are judged (a relocation is not
// honoured where the account has a default state folder), so each dangerous
// sample they are denied lands in the real circuit breaker's count unless it
// is recognised as doctor's. The CLI runs as an account whose home is the
// sandbox's (bubblewrap, support/account), so nothing here reaches the real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { defaultStateDir, readKillSwitch } from '../../../src/core/state';
import { rateLimitFile } from '../../../src/core/policy/rateLimit';
import { accountNode } from '../support/account';
import { CLI, sandbox } from '../support/hookHarness';

/** Hosts of each kind of hook doctor runs: a shell command (with Cursor's four events), a hook file, OpenCode's plugin. */
const HOSTS = ['claude', 'cursor', 'copilot', 'codex', 'gemini', 'cline', 'opencode'];

test("install for several hosts, then doctor with HOME the account's home: every host answers, the kill switch stays released and the circuit breaker counted nothing", (t) => {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  const node = accountNode(sb.home, sb.root);
  if (!node) return t.skip('bubblewrap is needed to run as an account of its own');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home };
  const cli = (args: string[]) =>
    spawnSync(node, [CLI, ...args], { cwd: sb.workspace, env, encoding: 'utf8', timeout: 120_000 });

  const installed = cli(['install', ...HOSTS.map((h) => `--${h}`)]);
  assert.equal(installed.status, 0, installed.stdout + installed.stderr);
  const state = defaultStateDir(sb.home);
  assert.ok(fs.existsSync(state), "install keeps its record in the account's default state folder, as for a developer");

  const doctor = cli(['doctor']);
  assert.equal(doctor.status, 0, doctor.stdout + doctor.stderr);
  assert.doesNotMatch(doctor.stdout, /FAILS|HOME is /, doctor.stdout);
  assert.match(doctor.stdout, new RegExp(`^state +${state} \\(kill switch released\\)`, 'm'));
  for (const host of HOSTS)
    assert.match(
      doctor.stdout,
      new RegExp(`^${host} +project .*: harmless true → defer in \\d+ ms; dangerous rm -rf / → deny in \\d+ ms`, 'm'),
      host,
    );
  const probes = doctor.stdout.match(/dangerous rm -rf \/ → deny/g)?.length ?? 0;
  assert.ok(probes > 5, `more dangerous samples (${probes}) than the circuit breaker lets through in ten seconds`);

  assert.equal(readKillSwitch(state).engaged, false, 'the kill switch stays released');
  const counted = fs.existsSync(rateLimitFile(state)) ? fs.readFileSync(rateLimitFile(state), 'utf8').trim() : '';
  assert.equal(counted, '', 'the circuit breaker counted none of the probes');
});
