// Paths no agent may write, move or delete without a human: the config's
// protectedPaths plus the built-in list (config, hook files, VCS internals,
// backups, AgentGuard's own state).
import type { Config } from './config/schema';
import type { AnalysisContext, Finding, SimpleCommand } from './types';

// Placeholder until written.
export function protectedPathFindings(_cmd: SimpleCommand, _ctx: AnalysisContext, _config: Config | undefined): Finding[] {
  return [];
}
