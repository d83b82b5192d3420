// A program fed by a process substitution on its input (`bash < <(CMD)`) reads
// what CMD prints, as `CMD | bash` does.
import { shellWord } from '../../text/shellWord';
import type { Pending } from '../normalize/scope';
import type { UnwrapStep } from './common';

/** `bash < <(CMD)` reads what CMD prints: the same as `CMD | bash`, read again without the redirection. */
export function fedByProcess(p: Pending, via: string): UnwrapStep | undefined {
  if (p.stdin !== undefined || p.stdinFrom) return undefined;
  const fed = p.redirects.find((r) => r.op === '<' && r.fd === 0 && /^<\(.*\)$/s.test(r.target));
  return fed
    ? { kind: 'script', text: `${fed.target.slice(2, -1)} | ${p.argv.map(shellWord).join(' ')}`, via }
    : undefined;
}
