// Which environment a command targets, and which one the workspace itself is in.
import type { Config } from './config/schema';
import type { AnalysisContext, EnvironmentMatch, SimpleCommand } from './types';

// Placeholder until written.
export function detectTargetEnvironment(_cmds: readonly SimpleCommand[], _ctx: AnalysisContext, _config: Config | undefined): EnvironmentMatch {
  return { name: 'unknown', production: false, evidence: [] };
}
