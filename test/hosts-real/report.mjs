// The suite's table: host × scenario × mode, what happened with AgentGuard
// installed and, where it ran, without it; the hook payloads captured; the
// times. Written to test-output/hosts-real/ and printed.
import fs from 'node:fs';
import path from 'node:path';
import { HOSTS } from './hosts.mjs';
import { SANDBOX_SCENARIOS, SCENARIOS } from './scenarios.mjs';

const CELL = { ran: 'RAN', stopped: 'stopped', 'no-call': 'no call', timeout: 'TIMEOUT', 'no-adapter': 'no adapter' };

export function tableOf(outcomes, hostIds) {
  const lines = [];
  for (const hostId of hostIds) {
    const host = HOSTS[hostId];
    const modes = Object.keys(host.modes);
    lines.push(
      `### ${host.name}`,
      '',
      `| scenario | ${modes.join(' | ')} |`,
      `| --- | ${modes.map(() => '---').join(' | ')} |`,
    );
    for (const [scenarioId, scenario] of Object.entries(SCENARIOS)) {
      const cells = modes.map((mode) => {
        const find = (guard) =>
          outcomes.find((o) => o.host === hostId && o.mode === mode && o.scenario === scenarioId && o.guard === guard);
        const guarded = find(scenario.guard ?? 'installed');
        const control = find('none');
        if (!guarded && !control) return '';
        const g = guarded ? (CELL[guarded.result] ?? guarded.result) : '–';
        return control ? `${g} (without: ${CELL[control.result] ?? control.result})` : g;
      });
      if (cells.some(Boolean)) lines.push(`| ${scenario.title} | ${cells.join(' | ')} |`);
    }
    for (const o of outcomes.filter((x) => x.host === hostId && !modes.includes(x.mode))) {
      const title = (SCENARIOS[o.scenario] ?? SANDBOX_SCENARIOS[o.scenario])?.title ?? o.scenario;
      lines.push(`${title}, ${o.mode}: ${CELL[o.result] ?? o.result}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function writeReport({ outDir, info, outcomes, suiteMs, hostIds }) {
  fs.mkdirSync(outDir, { recursive: true });
  const versions = hostIds.map((h) => `${HOSTS[h].name} ${info.hosts[h]?.version ?? '?'}`).join(', ');
  const runs = outcomes.length;
  const hostMs = outcomes.reduce((s, o) => s + (o.ms ?? 0), 0);
  const head = [
    '# Real hosts: host × scenario × mode',
    '',
    `Versions: ${versions}; Node ${info.nodeVersion}.`,
    `${runs} host runs, ${(hostMs / 1000).toFixed(0)} s inside the hosts; suite ${(suiteMs / 1000).toFixed(0)} s; install step ${(info.installMs / 1000).toFixed(1)} s.`,
    'Each cell: with AgentGuard installed, then (without: …) the same run with no AgentGuard. RAN: the call took effect (marker);',
    'stopped: it did not; no call: the host never offered the tool to the model.',
    '',
  ];
  const table = tableOf(outcomes, hostIds);
  fs.writeFileSync(path.join(outDir, 'table.md'), `${head.join('\n')}\n${table}\n`);
  const payloadDir = path.join(outDir, 'payloads');
  const hookMs = {};
  // The hook's time as the host itself logs it, where it does.
  const hostHookMs = {};
  for (const o of outcomes) if (o.hostHookMs?.length) (hostHookMs[o.host] ??= []).push(...o.hostHookMs);
  const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const costs = Object.entries(hostHookMs).map(
    ([h, v]) => `${HOSTS[h].name}: median ${median(v)} ms over ${v.length} hook calls (max ${Math.max(...v)})`,
  );
  if (costs.length)
    fs.appendFileSync(
      path.join(outDir, 'table.md'),
      `\nThe hook's time in the hosts' own logs: ${costs.join('; ')}.\n`,
    );
  for (const o of outcomes) {
    o.payloads?.forEach((p, i) => {
      const dir = path.join(payloadDir, o.host);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${o.mode}-${o.scenario}-${i}.json`), JSON.stringify(p, null, 2));
      (hookMs[o.host] ??= []).push(p.ms);
    });
  }
  fs.writeFileSync(
    path.join(outDir, 'results.json'),
    JSON.stringify({ versions: info.hosts, suiteMs, installMs: info.installMs, hookMs, hostHookMs, outcomes }, null, 2),
  );
  console.log(
    `\n${head.join('\n')}\n${table}${costs.length ? `\nThe hook's time in the hosts' own logs: ${costs.join('; ')}.` : ''}`,
  );
}
