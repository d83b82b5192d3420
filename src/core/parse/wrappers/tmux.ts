// tmux: the command a new window or session runs, the keys send-keys types
// into a shell, and the shell lines tmux's own commands run: `run-shell CMD`,
// `if-shell CMD …`, and those two inside the command a hook (`set-hook`) or a
// key binding (`bind-key`) keeps for later.
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
  const later = tmuxShellLines(argv.slice(i), 0);
  if (later.length) return { kind: 'script', text: later.join('\n'), via: `tmux ${sub}` };
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

/** How deep tmux commands held inside tmux commands are read (`bind x if-shell 'a' 'run-shell b'`). */
const MAX_TMUX_DEPTH = 4;

/** A tmux command string as tmux splits it into words (quotes kept together). */
function tmuxWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The operands of a tmux command after its options (`-b`, `-t TARGET`, …). */
function tmuxOperands(words: readonly string[], valued: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (valued.includes(words[i])) i++;
    else if (!(words[i].startsWith('-') && words[i].length > 1)) out.push(words[i]);
  }
  return out;
}

/**
 * The shell lines a tmux command runs now or keeps to run later: `run-shell
 * CMD` (not `-C`, a tmux command), `if-shell CMD THEN [ELSE]`, and a hook's or
 * a key binding's command, read in turn. Deeper nesting than is read counts as
 * a line of its own, so it is judged as text rather than dropped.
 */
export function tmuxShellLines(words: readonly string[], depth: number): string[] {
  const sub = words[0];
  if (depth > MAX_TMUX_DEPTH) return [words.join(' ')];
  switch (sub) {
    case 'run-shell':
    case 'run': {
      if (words.includes('-C'))
        return tmuxShellLines(tmuxWords(tmuxOperands(words, ['-d', '-t', '-c'])[0] ?? ''), depth + 1);
      const cmd = tmuxOperands(words, ['-d', '-t', '-c'])[0];
      return cmd ? [cmd] : [];
    }
    case 'if-shell':
    case 'if': {
      const [test, ...branches] = tmuxOperands(words, ['-t']);
      const out = test && !words.includes('-F') ? [test] : [];
      for (const b of branches) out.push(...tmuxShellLines(tmuxWords(b), depth + 1));
      return out;
    }
    case 'set-hook': {
      const ops = tmuxOperands(words, ['-t']);
      return ops[1] ? tmuxShellLines(tmuxWords(ops.slice(1).join(' ')), depth + 1) : [];
    }
    case 'bind-key':
    case 'bind': {
      const rest = bindOptionsCut(words);
      return rest.length > 1 ? tmuxShellLines(rest.slice(1), depth + 1) : [];
    }
    default:
      return [];
  }
}

/** bind-key's own words up to its command: options (`-n`, `-r`, `-T table`, `-N note`) come before the key only. */
function bindOptionsCut(words: readonly string[]): string[] {
  let i = 1;
  while (i < words.length && words[i].startsWith('-') && words[i].length > 1)
    i += ['-T', '-N'].includes(words[i]) ? 2 : 1;
  // The key, then the command with its own options kept: they belong to it, not to bind-key.
  return words.slice(i);
}
