import type { AnalysisContext, Finding, SimpleCommand } from '../types';

export interface NormalizeInput {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

export interface Normalized {
  commands: SimpleCommand[];
  /** Findings about the text itself: unparseable, too deep, too large, code fetched and run. */
  findings: Finding[];
}

// Placeholder until the parser lands.
export function normalize(_input: NormalizeInput, _ctx: AnalysisContext): Normalized {
  return { commands: [], findings: [] };
}
