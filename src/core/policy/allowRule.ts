// "Always allow in this workspace": the one exact rule a human's click adds
// to `.agentguard.json`, and the new file text with that rule in it
// (comments and formatting kept). Pure; the editor writes the file.
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, type ParseError } from 'jsonc-parser';
import { normalize } from '../parse/normalize';
import type { AnalysisContext } from '../types';
import { GUARD_FILE_ID, MANAGED_PATH_ID, PRODUCTION_WRITE_ID } from './rules';

export interface AllowRuleInput {
  command: string;
  cwd: string;
  env: Record<string, string>;
  findingIds: readonly string[];
  score: number;
  denyThreshold: number;
  production: boolean;
}

export type AllowRuleOffer = { ok: true; match: string } | { ok: false; why: string };

/** `*`, `?` and `\` are glob syntax in a rule's match: escaped, so the rule names this command only. */
function escapeGlob(word: string): string {
  return word.replace(/[\\*?]/g, '\\$&');
}

/**
 * The exact `match` for this command, or why none is offered: production
 * targets, AgentGuard's own files, the kill switch and deny-level findings
 * always stay with a human; compound lines are not one command.
 */
export function exactAllowRule(input: AllowRuleInput, ctx: AnalysisContext): AllowRuleOffer {
  if (input.production) return { ok: false, why: 'production targets always need a human' };
  if (input.score >= input.denyThreshold) return { ok: false, why: 'deny-level findings are never allowed by a rule' };
  if (
    input.findingIds.some(
      (id) =>
        id === GUARD_FILE_ID || id === PRODUCTION_WRITE_ID || id.startsWith('killswitch.') || id.startsWith('config.'),
    )
  ) {
    return { ok: false, why: "AgentGuard's own files and production writes always need a human" };
  }
  if (input.findingIds.some((id) => id === MANAGED_PATH_ID || id.startsWith('policy.managed'))) {
    return { ok: false, why: "the organization's managed policy gates this, and no workspace rule can lift it" };
  }
  const { commands, findings } = normalize({ command: input.command, cwd: input.cwd, env: input.env }, ctx);
  if (findings.length) return { ok: false, why: 'AgentGuard could not read this command exactly' };
  if (commands.length !== 1) return { ok: false, why: 'only a single command can be allowed by one exact rule' };
  const argv = commands[0].argv;
  if (!argv.length || commands[0].dynamic.some(Boolean))
    return { ok: false, why: 'the command holds values only known when it runs' };
  if (argv.some((w) => /\s\s|[\n\r\t]/.test(w) || w === ''))
    return { ok: false, why: 'the command has words a rule cannot spell exactly' };
  return { ok: true, match: argv.map(escapeGlob).join(' ') };
}

/** A commented starting config, for "Open Policy" and for the first "Always allow". */
export const CONFIG_TEMPLATE = `// AgentGuard policy for this workspace: what agents may do without asking.
// Reference: https://github.com/agentguard/agentguard#configuration
{
  // Environments and how to recognise them (hosts, variables, kube contexts, AWS profiles).
  "environments": {
    // "production": { "production": true, "hosts": ["*.prod.example.com"], "env": { "NODE_ENV": "production" } }
  },
  // Rules over one normalized command: "allow", "ask" or "deny". A deny rule wins over everything.
  "rules": [
    // { "match": "git push * --force", "decision": "deny", "reason": "force pushes go through review" }
  ],
  // Files agents may not write, move or delete without a human (minimatch globs).
  "protectedPaths": [],
  // Risk scores (0-100) from which AgentGuard asks, and denies.
  "thresholds": { "ask": 40, "deny": 90 }
}
`;

/**
 * `text` (or the template when there is no file) with `{match, decision:
 * "allow"}` appended to `rules`. Undefined when the text cannot be parsed
 * (the human fixes the file first) or already has exactly this rule.
 */
export function addAllowRule(
  text: string | undefined,
  match: string,
  reason: string,
): { text: string } | { problem: string } {
  const base = text ?? CONFIG_TEMPLATE;
  const errors: ParseError[] = [];
  const value = parse(base, errors, { allowTrailingComma: true }) as { rules?: unknown } | undefined;
  if (errors.length || typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: '.agentguard.json cannot be parsed; fix it first' };
  const rules = Array.isArray(value.rules) ? (value.rules as unknown[]) : undefined;
  if (value.rules !== undefined && !rules) return { problem: '"rules" in .agentguard.json is not a list' };
  if (
    rules?.some(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        (r as { match?: unknown; decision?: unknown }).match === match &&
        (r as { decision?: unknown }).decision === 'allow',
    )
  ) {
    return { problem: 'this rule is already in .agentguard.json' };
  }
  const eol = base.includes('\r\n') ? '\r\n' : '\n';
  const rule = { match, decision: 'allow', reason };
  const list = rules?.length ? findNodeAtLocation(parseTree(base)!, ['rules']) : undefined;
  const last = list?.children?.[list.children.length - 1];
  if (last) {
    // Appended by hand after the last rule, on one line, with that rule's
    // indentation: jsonc-parser's modify would reformat the rule before it.
    const lineStart = base.lastIndexOf('\n', last.offset) + 1;
    const indent = /^[ \t]*/.exec(base.slice(lineStart, last.offset))![0];
    const at = last.offset + last.length;
    const line = `{ "match": ${JSON.stringify(match)}, "decision": "allow", "reason": ${JSON.stringify(reason)} }`;
    return { text: `${base.slice(0, at)},${eol}${indent}${line}${base.slice(at)}` };
  }
  const edits = modify(base, ['rules', 0], rule, {
    isArrayInsertion: true,
    formattingOptions: { insertSpaces: true, tabSize: detectIndent(base), eol },
  });
  return { text: applyEdits(base, edits) };
}

function detectIndent(text: string): number {
  const m = /\n( +)"/.exec(text);
  return m ? Math.min(8, m[1].length) : 2;
}
