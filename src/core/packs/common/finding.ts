// A finding as every pack builds one, in one argument order: its stable id,
// how much it weighs, what a human reads, what it hits, and the safer way
// where one exists. An empty target or alternative is left out.
import type { Finding } from '../../types';

export function finding(id: string, severity: number, summary: string, target?: string, alternative?: string): Finding {
  const f: Finding = { id, severity, summary };
  if (target) f.target = target;
  if (alternative) f.alternative = alternative;
  return f;
}
