// `npm run test:hosts`: every supported agent host's own program (pinned
// versions from the npm registry, scripts/install-real-hosts.sh), pointed
// at a scripted model on 127.0.0.1 and run headless in each of its
// permission modes, with AgentGuard installed by `agentguard install
// --HOST` in a throwaway home and workspace (no editor running).
//
// Each scenario asserts on markers only (what the tool call would create,
// change or delete; what its result handed back to the model):
//   - a routine command runs exactly as it does without AgentGuard;
//   - a destructive, production or planted-code call does not run;
//   - a broken or removed AgentGuard blocks;
// and each risky scenario is also run without AgentGuard in the host's most
// permissive mode, where it must take effect: otherwise a "stopped" would
// prove nothing.
//
// Faults AgentGuard has today are `todo` with the issue they belong to, so
// the suite stays green while they stay visible. The host × scenario × mode
// table goes to test-output/hosts-real/table.md (and results.json).
//
// AGENTGUARD_REAL_HOSTS=claude,gemini   only these hosts
// AGENTGUARD_REAL_HOSTS_SCENARIOS=...   only these scenarios
// AGENTGUARD_REAL_HOSTS_CAPTURE=1       also save each hook payload the hosts send
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureRealHosts, removeRuns, repoRoot, runScenario } from './harness.mjs';
import { HOSTS } from './hosts.mjs';
import { KNOWN } from './known.mjs';
import { startModel } from './model.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { writeReport } from './report.mjs';

const only = (name) => (process.env[name] ? process.env[name].split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const hostIds = only('AGENTGUARD_REAL_HOSTS') ?? Object.keys(HOSTS);
const scenarioIds = only('AGENTGUARD_REAL_HOSTS_SCENARIOS') ?? Object.keys(SCENARIOS);
const capture = process.env.AGENTGUARD_REAL_HOSTS_CAPTURE === '1';
const outDir = path.join(repoRoot, 'test-output', 'hosts-real');

/** Modes a scenario runs in: every mode for the scenarios that say most, the permissive mode for the rest. */
function modesFor(host, scenarioId) {
  const all = Object.keys(host.modes);
  return ['routine', 'rm-rf', 'pocketos', 'git-hook', 'host-settings'].includes(scenarioId) ? all : [host.permissive];
}

const outcomes = [];
let info;
let model;
const started = Date.now();

before(async () => {
  info = ensureRealHosts();
  model = await startModel();
});

after(async () => {
  await model?.close();
  if (info) {
    writeReport({ outDir, info, outcomes, suiteMs: Date.now() - started, hostIds });
    removeRuns(info);
  }
});

for (const hostId of hostIds) {
  const host = HOSTS[hostId];
  describe(`${host.name} (${hostId})`, () => {
    // A routine control per mode, shared by the scenarios that compare with it.
    const controls = new Map();
    async function control(mode, scenarioId) {
      const key = `${mode}/${scenarioId}`;
      if (!controls.has(key)) {
        const scenario = SCENARIOS[scenarioId];
        const c = await runScenario({ info, model, hostId, host, mode, scenarioId, scenario, guard: 'none' });
        outcomes.push(c);
        controls.set(key, c);
      }
      return controls.get(key);
    }

    for (const scenarioId of scenarioIds) {
      const scenario = SCENARIOS[scenarioId];
      for (const mode of modesFor(host, scenarioId)) {
        const key = `${hostId}/${mode}/${scenarioId}`;
        const todo = KNOWN[key] ?? KNOWN[`${hostId}/*/${scenarioId}`] ?? KNOWN[`${hostId}/*/*`];
        test(`${mode}: ${scenario.title}`, { todo }, async (t) => {
          assert.equal(info.hosts[hostId].status, 'ok', `${host.name} is not installed: ${info.hosts[hostId].reason}`);
          const guard = scenario.guard ?? 'installed';
          const guarded = await runScenario({ info, model, hostId, host, mode, scenarioId, scenario, guard, capture });
          outcomes.push(guarded);
          const explain = (o) => `${o.guard}: ${o.result} (exit ${o.exit}, ${o.ms} ms); tool results: ${JSON.stringify(o.toolResults)}; stderr: ${o.stderrTail?.slice(-600)}`;
          if (guarded.result === 'no-adapter') {
            // Still run the host without AgentGuard, for the table: what an adapter would have to stop.
            if (scenario.routine || mode === host.permissive) await control(mode, scenario.guard ? 'routine' : scenarioId);
            assert.fail(`AgentGuard has no adapter for ${host.name}`);
          }
          assert.notEqual(guarded.result, 'timeout', `the host did not finish: ${explain(guarded)}`);
          if (scenario.routine) {
            const c = await control(mode, scenarioId);
            if (c.result === 'no-call' && guarded.result === 'no-call') return t.skip(`${host.name} offers no such tool headless in ${mode}`);
            assert.ok(['ran', 'stopped'].includes(c.result), `the host never made the call without AgentGuard: ${explain(c)}`);
            assert.equal(guarded.result, c.result, `with AgentGuard the routine command must do what it does without: ${explain(guarded)} / ${explain(c)}`);
            return;
          }
          if (guarded.result === 'no-call') return t.skip(`${host.name} offers no such tool headless in ${mode}`);
          assert.notEqual(guarded.result, 'ran', `with AgentGuard the call must not take effect: ${explain(guarded)}`);
          if (mode === host.permissive) {
            // Without AgentGuard the call must take effect, or "stopped" proves nothing.
            const c = await control(mode, scenario.guard ? 'routine' : scenarioId);
            if (c.result === 'stopped') return t.skip(`${host.name} refuses it itself without AgentGuard: ${c.toolResults.join(' ').slice(0, 200)}`);
            assert.equal(c.result, 'ran', `without AgentGuard the scenario must take effect: ${explain(c)}`);
          }
        });
      }
    }
    if (hostId === 'codex' && scenarioIds.includes('secret')) {
      // As a user has it after `agentguard install --codex`: nobody reviewed the hook in Codex's /hooks.
      // (The token read: Codex refuses rm -rf and the PocketOS curl by itself.)
      test('yolo: read .env (a token), hook installed but not trusted in Codex', { todo: KNOWN['codex/untrusted/secret'] }, async () => {
        const scenario = SCENARIOS.secret;
        const o = await runScenario({ info, model, hostId, host, mode: 'yolo', scenarioId: 'secret', scenario, guard: 'installed', capture, codexHookTrust: false });
        outcomes.push({ ...o, mode: 'yolo, hook untrusted' });
        assert.equal(o.result, 'stopped', `Codex ran the call without asking the untrusted hook: ${JSON.stringify(o.toolResults)}`);
      });
    }
  });
}
