// Workspace rules from `.agentguard.json`: glob over normalised simple commands.
import type { Config, Rule } from './config/schema';
import type { EnvironmentMatch, SimpleCommand } from './types';

export interface RuleMatch {
  index: number;
  rule: Rule;
}

// Placeholder until written.
export function matchRules(_rules: Config['rules'], _cmd: SimpleCommand, _env: EnvironmentMatch): RuleMatch[] {
  return [];
}
