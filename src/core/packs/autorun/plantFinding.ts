// The finding a command that plants code to run later raises, with that code shown.
import type { Finding } from '../../types';

export const SEVERITY = 60;

export function plantFinding(
  id: string,
  summary: string,
  code: string | undefined,
  target: string,
  alternative: string,
): Finding {
  const shown = code === undefined ? '' : `: ${code.length > 300 ? code.slice(0, 299) + '…' : code}`;
  return { id, summary: `${summary}${shown}`, target, alternative, severity: SEVERITY };
}
