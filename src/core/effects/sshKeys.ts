// ssh-keygen overwrites the key at `-f FILE` only when it is told yes: it asks "Overwrite (y/n)?" on the terminal,
// and a command run without one answers through its stdin (`<<< y`, `yes |`, `< answers`). A new key written
// beside the others is routine (`ssh-keygen -t ed25519 -f ~/.ssh/id_deploy -N ''`), so only the answered form is
// read as a write: the private key and its `.pub` are replaced, and whatever trusted the old key no longer opens.
import type { SimpleCommand } from '../types';
import type { EffectSink } from './types';

/** ssh-keygen's options that take a value (getopt's `a:b:C:D:E:F:f:I:J:j:M:m:N:n:O:P:R:r:S:s:t:V:w:Y:Z:z:`). */
const TAKES_VALUE = new Set('abCDEFfIJjMmNnOPRrSstVwYZz');
/** Modes that read a key, list, print, sign with or edit known_hosts: no key file is generated. */
const OTHER_MODES = new Set('ABcDeFGHiKkLlMpQRrsTYy');

/** Whether something answers the command's prompts: a here-string or heredoc, a pipe, or a file redirected in. */
function stdinAnswered(cmd: SimpleCommand): boolean {
  if (cmd.stdin !== undefined || cmd.stdinFrom !== undefined) return true;
  return cmd.redirects.some((r) => (r.op === '<' || r.op === '<>') && r.fd === 0 && r.target !== '/dev/null');
}

/** `ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N '' <<< y`: the key at FILE (by default `~/.ssh/id_TYPE`) is replaced. */
export function sshKeygenEffects(argv: readonly string[], sink: EffectSink, cmd: SimpleCommand): void {
  if (!stdinAnswered(cmd)) return;
  let file: string | undefined;
  let type = 'ed25519';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.length < 2 || a[0] !== '-') continue;
    for (let j = 1; j < a.length; j++) {
      const flag = a[j];
      if (OTHER_MODES.has(flag)) return;
      if (!TAKES_VALUE.has(flag)) continue;
      const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
      if (flag === 'f') file = value;
      else if (flag === 't' && value) type = value.replace(/-/g, '_');
      break;
    }
  }
  const key = file ?? `~/.ssh/id_${type}`;
  sink.add('write', key);
  sink.add('write', `${key}.pub`);
}
