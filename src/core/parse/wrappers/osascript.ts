// AppleScript run from the command line: the shell commands it hands to `do shell script`.
import type { Pending } from '../normalize/scope';
import type { UnwrapStep } from './common';

/**
 * `osascript -e '… do shell script "CMD" …'`: AppleScript that runs shell
 * commands. The commands are read; the call itself is judged too (the
 * macOS pack reads the AppleScript for what it does, like emptying the Trash).
 */
export function unwrapOsascript(p: Pending): UnwrapStep | undefined {
  const lines: string[] = [];
  for (let i = 1; i < p.argv.length; i++)
    if (p.argv[i] === '-e' && p.argv[i + 1] !== undefined) lines.push(p.argv[++i]);
  const commands: string[] = [];
  const re = /do\s+shell\s+script\s+"((?:[^"\\]|\\.)*)"/gi;
  for (const m of lines.join('\n').matchAll(re)) commands.push(m[1].replace(/\\(.)/g, '$1'));
  return commands.length
    ? { kind: 'script', text: commands.join('\n'), via: 'osascript do shell script', alsoEmit: true }
    : undefined;
}
