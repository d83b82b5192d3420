// How a flagged command reads in the editor: the diagnostic's message and
// the hover, both from the findings the engine returned.
import type { Flag } from '../core/frontdoor/documents';
import type { Finding } from '../core/frontdoor/config';

function verb(flag: Flag): string {
  const what = flag.decision === 'deny' ? 'deny' : 'ask before running';
  return flag.result.monitored
    ? `AgentGuard would ${what} this (monitor mode: recorded, not blocked)`
    : `AgentGuard would ${what} this`;
}

function line(f: Finding): string {
  return `${f.summary} [${f.id}]`;
}

/** `AgentGuard would ask before running this: prisma migrate reset drops … [orm.reset]` then `Safer: …`. */
export function diagnosticMessage(flag: Flag): string {
  const findings = [...flag.result.findings].sort((a, b) => b.severity - a.severity);
  const lines: string[] = [];
  if (flag.result.rule)
    lines.push(
      `${verb(flag)}: rule "${flag.result.rule.match}" in .agentguard.json${flag.result.rule.reason ? ` (${flag.result.rule.reason})` : ''}`,
    );
  else if (findings.length) lines.push(`${verb(flag)}: ${line(findings[0])}`);
  else lines.push(`${verb(flag)}`);
  for (const f of findings.slice(flag.result.rule ? 0 : 1, 4)) lines.push(line(f));
  const safer = findings.find((f) => f.alternative)?.alternative;
  if (safer) lines.push(`Safer: ${safer}`);
  return lines.join('\n');
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, '\\$&');
}

/** Markdown hover: decision, score, target environment, each finding with its target and safer alternative. */
export function hoverMarkdown(flag: Flag): string {
  const r = flag.result;
  const env = r.environment;
  const out = [
    `**AgentGuard: ${flag.decision}**${r.monitored ? ' (monitor mode: recorded, not blocked)' : ''} · score ${r.score}/100 · environment **${escape(env.name)}**${env.production ? ' (production)' : ''}`,
    '',
  ];
  if (env.evidence.length) out.push(`Target: ${env.evidence.map(escape).join('; ')}`, '');
  if (r.rule)
    out.push(
      `Decided by rule \`${r.rule.match.replace(/`/g, "'")}\`${r.rule.reason ? `: ${escape(r.rule.reason)}` : ''}`,
      '',
    );
  for (const f of [...r.findings].sort((a, b) => b.severity - a.severity).slice(0, 8)) {
    out.push(`- \`${f.id}\` (${f.severity}): ${escape(f.summary)}${f.target ? ` — target: ${escape(f.target)}` : ''}`);
    if (f.alternative) out.push(`  - safer: ${escape(f.alternative)}`);
  }
  return out.join('\n');
}
