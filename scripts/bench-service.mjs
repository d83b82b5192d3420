#!/usr/bin/env node
// What the AgentGuard service costs per hook call: `agentguard hook claude`
// (a harmless `ls -la`, the call agents make most) as a developer, with the
// managed policy naming a running service (the hook asks its kill switch,
// then sends it the audit record: two round trips on a Unix socket) against
// the same policy without the `service` key (everything in the developer's
// own state folder). A real service process under its own OS user and a real
// developer account (test/unit/support/serviceWorld.ts: useradd, setpriv,
// bubblewrap); both variants run through the same wrapper, interleaved, so
// its start-up cost is in both and the difference is the service's. Prints
// medians, the ratio and the difference. Needs root on Linux (to make the
// accounts); elsewhere it says so and exits 0.
//
//   node scripts/bench-service.mjs [--runs 30]
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--runs');
const runs = i !== -1 ? Number(process.argv[i + 1]) : 30;
const world = createRequire(import.meta.url)(path.join(root, 'out', 'test', 'unit', 'support', 'serviceWorld.js'));

if (world.CANNOT_RUN) {
  console.log(`hook call with the AgentGuard service: not measured here (${world.CANNOT_RUN})`);
  process.exit(0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const w = world.makeWorld();
let service;
try {
  const base = { rateLimit: { maxGated: 1000, windowSeconds: 60 } };
  const withService = {
    ...base,
    service: { user: w.svc.name, socketDir: w.socketDir, stateDir: w.stateDir, timeoutMs: 2000 },
  };
  w.writePolicy(withService);
  const prepared = await w.run(['node', world.SERVICE_CLI, 'service', 'prepare', '--user', w.dev.name]);
  if (prepared.code !== 0) throw new Error(`service prepare: ${prepared.stderr}`);
  service = w.start(['node', world.SERVICE_CLI, 'service', 'run'], w.svc);
  if (!(await world.socketAppears(w.socket))) throw new Error('the service did not start');
  const payload = world.claudeBash(w, 'ls -la');
  const variants = {
    'node -e 0': { policy: base, argv: ['node', '-e', '0'] },
    'without service': { policy: base, argv: ['node', world.SERVICE_CLI, 'hook', 'claude'] },
    'with service': { policy: withService, argv: ['node', world.SERVICE_CLI, 'hook', 'claude'] },
  };
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let r = -1; r < runs; r++) {
    for (const [name, v] of Object.entries(variants)) {
      w.writePolicy(v.policy);
      const t0 = performance.now();
      const out = await w.run(v.argv, { as: w.dev, input: payload });
      const ms = performance.now() - t0;
      if (out.code !== 0 || (name !== 'node -e 0' && /"permissionDecision":"deny"/.test(out.stdout)))
        throw new Error(`${name}: exit ${out.code}: ${out.stdout}${out.stderr}`);
      if (r >= 0) times[name].push(ms); // the first round warms the page cache, untimed
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  console.log(
    `hook call with the AgentGuard service (\`ls -la\`, Claude Code's payload, as a developer account; ${runs} interleaved runs, each through bubblewrap + setpriv):`,
  );
  for (const k of Object.keys(variants)) console.log(`  ${k.padEnd(16)} median ${m[k].toFixed(1)} ms`);
  const without = m['without service'];
  const withS = m['with service'];
  console.log(
    `  with / without service: ${(withS / without).toFixed(2)}× (+${(withS - without).toFixed(1)} ms per call); over node -e 0: ${(without - m['node -e 0']).toFixed(1)} ms without, ${(withS - m['node -e 0']).toFixed(1)} ms with`,
  );
} finally {
  if (service) await w.stop(service);
  w.cleanup();
}
