// What a host's own sandbox costs a routine call: the same headless run of
// one routine shell call (`git status --short > status.txt`) with the host's
// sandbox on as `agentguard install` sets it and off, alternated, ROUNDS
// times each, in one process. Prints the median wall time of the host's
// whole run (start, one model turn with the call, the answer) per side and
// their difference. Run under the shared lock:
//   flock /tmp/agentguard-heavy.lock node scripts/throwaway-account.mjs node test/hosts-real/sandboxCost.mjs [ROUNDS]
import { ensureRealHosts, removeRuns, runScenario } from './harness.mjs';
import { HOSTS } from './hosts.mjs';
import { startModel } from './model.mjs';
import { SANDBOX_SCENARIOS } from './scenarios.mjs';

const rounds = Number(process.argv[2] ?? 5);
const info = ensureRealHosts();
const model = await startModel();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const scenario = SANDBOX_SCENARIOS['sandbox-routine'];
try {
  for (const [hostId, host] of Object.entries(HOSTS).filter(([, h]) => h.sandbox)) {
    const times = { on: [], off: [] };
    for (let i = 0; i < rounds; i++) {
      for (const side of i % 2 ? ['off', 'on'] : ['on', 'off']) {
        const { mode, installArgs } = side === 'on' ? { mode: host.sandbox.mode, installArgs: [] } : host.sandbox.off;
        const o = await runScenario({
          info,
          model,
          hostId,
          host,
          mode,
          scenarioId: 'sandbox-cost',
          scenario,
          guard: 'installed',
          installArgs,
        });
        if (o.result !== 'ran')
          throw new Error(
            `${hostId} ${side}: the routine call did not run (${o.result}): ${o.toolResults.join(' ').slice(0, 300)}`,
          );
        times[side].push(o.ms);
      }
    }
    const on = median(times.on);
    const off = median(times.off);
    process.stdout.write(
      `${host.name.padEnd(12)} sandbox on ${on} ms, off ${off} ms (median of ${rounds}; on: ${times.on.join(' ')}; off: ${times.off.join(' ')}): ${on - off >= 0 ? '+' : ''}${on - off} ms per run of one routine call\n`,
    );
  }
} finally {
  await model.close();
  removeRuns(info);
}
