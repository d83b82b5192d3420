// What an editor can offer for a flagged command: the exact allow rule, the
// hosts it reaches (to mark as production), and the safer alternative where
// a pack knows it as a mechanical edit.
import type { Config, Rule } from '../config/schema';
import { evaluate, makeContext } from '../engine';
import { remoteHostsOf } from '../environment';
import { normalize } from '../parse/normalize';
import type { DecisionResult } from '../types';
import type { DocumentJudgeOptions, Flag } from './index';
import { docSpan, isVerbatim } from './snippet';

const MAX_RULES = 8;

/** A rule `match` that matches exactly these words: `*`, `?` and `\` are escaped. */
export function exactMatch(argv: readonly string[]): string {
  return argv.map((w) => w.replace(/[\\*?]/g, '\\$&')).join(' ');
}

function commandsOf(flag: Flag, opts: DocumentJudgeOptions) {
  const env = opts.env ?? {};
  return normalize({ command: flag.command, cwd: opts.cwd, env }, makeContext(opts, env)).commands.filter(
    (c) => c.argv.length,
  );
}

function allows(flag: Flag, config: Config, opts: DocumentJudgeOptions): boolean {
  const r: DecisionResult = evaluate({ command: flag.command, cwd: opts.cwd }, { ...opts, config });
  return (r.monitored ?? r.decision) === 'allow';
}

/**
 * The fewest exact allow rules that let this command through, or undefined
 * when no rule can (AgentGuard's own files, the kill switch). A production
 * target needs the rule to name the environment, so it does.
 */
export function allowRulesFor(flag: Flag, opts: DocumentJudgeOptions): Rule[] | undefined {
  // SQL files are statements, not commands: no rule applies to them.
  if (flag.sql) return undefined;
  const env = flag.result.environment;
  const candidates: Rule[] = [];
  for (const cmd of commandsOf(flag, opts)) {
    const match = exactMatch(cmd.argv);
    if (candidates.some((r) => r.match === match)) continue;
    candidates.push({ match, decision: 'allow', ...(env.production ? { environments: [env.name] } : {}) });
    if (candidates.length >= MAX_RULES) break;
  }
  if (!candidates.length) return undefined;
  const base = opts.config ?? {};
  const withRules = (rules: Rule[]): Config => ({ ...base, rules: [...(base.rules ?? []), ...rules] }) as Config;
  for (const one of candidates) if (allows(flag, withRules([one]), opts)) return [one];
  return allows(flag, withRules(candidates), opts) ? candidates : undefined;
}

/** Hosts the command reaches that could be marked as production. */
export function hostsOf(flag: Flag, opts: DocumentJudgeOptions): string[] {
  if (flag.result.environment.production) return [];
  const ctx = makeContext(opts, opts.env ?? {});
  const hosts = new Set<string>();
  for (const cmd of commandsOf(flag, opts)) for (const h of remoteHostsOf(cmd, ctx)) hosts.add(h);
  return [...hosts].slice(0, 4);
}

export interface SaferEdit {
  title: string;
  /** Document span to replace. */
  start: number;
  end: number;
  newText: string;
}

/** Mechanical safer alternatives (`--force` → `--force-with-lease`) as document edits. */
export function saferEdits(flag: Flag): SaferEdit[] {
  const out: SaferEdit[] = [];
  const text = flag.snippet.text;
  for (const f of flag.result.findings) {
    if (!f.fix || out.some((e) => e.title.includes(f.fix!.word))) continue;
    const word = f.fix.word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    const m = new RegExp(`(^|[\\s;&|(])${word}(?=$|[\\s;&|)])`).exec(text.slice(flag.from, flag.to));
    if (!m) continue;
    let from = flag.from + m.index + m[1].length;
    const to = from + f.fix.word.length;
    // Dropping a word drops the space before it too.
    if (!f.fix.replacement && from > flag.from && /\s/.test(text[from - 1])) from--;
    if (!isVerbatim(flag.snippet, from, to)) continue;
    const span = docSpan(flag.snippet, from, to);
    out.push({
      title: f.fix.replacement ? `Use ${f.fix.replacement} instead of ${f.fix.word}` : `Drop ${f.fix.word}`,
      start: span.start,
      end: span.end,
      newText: f.fix.replacement,
    });
  }
  return out;
}
