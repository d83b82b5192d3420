// tmux: the command a new window or session runs, and the keys send-keys types into a shell.
import type { Pending } from '../normalize/scope';
import { joinForShell, skipOptions, type UnwrapStep } from './common';

export function unwrapTmux(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let i = skipOptions(argv, 1, ['-L', '-S', '-f', '-c', '-T']);
  const sub = argv[i];
  if (sub === 'send-keys' || sub === 'send') {
    // Keys typed into a shell: the literal words, with Enter/C-m as line ends, are a command line.
    const j = skipOptions(argv, i + 1, ['-t', '-N']);
    const text = argv
      .slice(j)
      .map((k) => (k === 'Enter' || k === 'C-m' || k === 'KPEnter' ? '\n' : k))
      .join(' ');
    return text.trim() ? { kind: 'script', text, via: 'tmux send-keys', lenient: true } : undefined;
  }
  if (
    sub !== 'new' &&
    sub !== 'new-session' &&
    sub !== 'new-window' &&
    sub !== 'neww' &&
    sub !== 'split-window' &&
    sub !== 'splitw' &&
    sub !== 'respawn-pane'
  )
    return undefined;
  i = skipOptions(argv, i + 1, ['-s', '-n', '-t', '-c', '-x', '-y', '-e', '-F', '-l']);
  return i < argv.length ? { kind: 'script', text: joinForShell(argv.slice(i)), via: `tmux ${sub}` } : undefined;
}
