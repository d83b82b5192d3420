// A reverse tunnel: `ssh -R 8080:localhost:5432 user@host` opens a port on
// the remote host that leads back into this machine, so whoever reaches that
// port reaches the database, the dev server or (with `-R PORT` alone, a SOCKS
// proxy) the whole local network behind this machine. The local service is
// exposed to another host as surely as if it were served there. A forward
// tunnel (`ssh -L 5432:localhost:5432 bastion`) brings a remote service here
// and stays quiet, as does a reverse tunnel to this machine itself.
import type { Finding, SimpleCommand } from '../../types';
import { isLocalHost } from '../common/urls';
import { finding } from '../common/finding';
import { readSshLine, reverseForwards } from '../../command/ssh';

/** Programs that take ssh's options and open its tunnels. */
export const TUNNELERS = new Set(['ssh', 'autossh']);

/** `user@host`, `ssh://user@host:22` → `host`. */
export function destinationHost(dest: string): string {
  const bare = dest.replace(/^ssh:\/\//i, '').replace(/^[^@]*@/, '');
  const bracketed = /^\[([^\]]+)\]/.exec(bare);
  return bracketed ? bracketed[1] : bare.replace(/:\d*$/, '').replace(/\/.*$/, '');
}

export function reverseTunnelFinding(cmd: SimpleCommand): Finding | undefined {
  const line = readSshLine(cmd.argv);
  const reverse = reverseForwards(line);
  const dest = cmd.argv[line.destination];
  if (!reverse.length || dest === undefined) return undefined;
  const host = destinationHost(dest);
  if (isLocalHost(host)) return undefined;
  const spec = reverse[0];
  return finding(
    'outgoing.reverse-tunnel',
    60,
    `${cmd.argv[0]} -R ${spec} opens a port on ${host} that leads back into this machine: whoever reaches it there reaches the local service`,
    host,
    'forward the remote service here instead (ssh -L), or ask the user before exposing a local port to another host',
  );
}
