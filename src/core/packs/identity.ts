// Identity and secrets: who may do what, and the keys that prove it. Gated
// are broad power granted (owner and admin roles attached or bound, trust
// opened to anyone, an outside collaborator made admin — see the HTTP pack),
// long-lived credentials minted (access keys, service-account keys, root
// tokens), secrets and secret engines destroyed or disabled, and production
// secrets written into CI settings, and machines or databases opened to the
// whole internet (identity/exposure.ts). Listing, reading policies, narrow grants
// and ordinary CI variables stay quiet.
import { positionals } from '../command/args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { asksForHelp, SEV, weigh, type CliAnalyzer } from './common/deletion';
import { analyzer } from './common/verbSpec';
import { identityGrantFindings } from './identity/grants';
import { forgeKeyFindings } from './identity/forgeKeys';
import { publicFindings } from './identity/public';
import { exposureFindings } from './identity/exposure';
import { ciSecretFindings } from './identity/ci';
import { finding } from './common/finding';
import { own } from '../text/own';

const ALT_SECRET =
  "check nothing still reads it, keep a copy in the secret manager's history, and let a human delete it";

/** Go-style flags: `-policy=root`, `--policy root`, `-policy root`. */
function goFlag(argv: readonly string[], name: string): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(argv[i]);
    if (m && m[1] === name) return m[2] ?? argv[i + 1];
  }
  return undefined;
}

/**
 * `vault write sys/seal`, `vault delete sys/mounts/secret`: the raw API paths
 * behind the operator, secrets, auth, policy and lease commands, read as
 * those commands (an agent that knows the API skips the friendly spelling).
 */
function sysCall(words: readonly string[]): string[] | undefined {
  const [op, at] = words;
  if ((op !== 'write' && op !== 'delete') || !at) return undefined;
  const m = /^\/?(?:v1\/)?sys\/(.+?)\/?$/.exec(at);
  if (!m) return undefined;
  const [head, ...rest] = m[1].split('/');
  const tail = rest.join('/') || undefined;
  if (op === 'write' && (head === 'seal' || head === 'step-down')) return ['operator', head];
  if (op === 'write' && (head === 'revoke-prefix' || head === 'revoke-force')) return ['lease', 'revoke', tail ?? ''];
  if (op === 'write' && head === 'leases' && /^revoke-(?:prefix|force)\//.test(tail ?? ''))
    return ['lease', 'revoke', tail?.slice(tail.indexOf('/') + 1) ?? ''];
  if (op === 'delete' && head === 'mounts') return ['secrets', 'disable', tail ?? ''];
  if (op === 'delete' && head === 'auth') return ['auth', 'disable', tail ?? ''];
  if (op === 'delete' && (head === 'policy' || head === 'policies')) return ['policy', 'delete', rest.at(-1) ?? ''];
  return undefined;
}

const vault: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    const w = positionals(argv, [
      '-address',
      '-namespace',
      '-format',
      '-field',
      '-mount',
      '-versions',
      '-policy',
      '-period',
      '-ttl',
      '-role',
      '-method',
      '-path',
      '-output-curl-string',
      '-mode',
    ]);
    const raw = sysCall(w);
    const [group, verb, path] = raw ?? w;
    if (group === 'secrets' && (verb === 'disable' || verb === 'move')) {
      return [
        finding(
          'identity.secret-engine-disable',
          verb === 'disable' ? SEV.critical : 60,
          `vault secrets ${verb} ${path ?? ''} ${verb === 'disable' ? 'disables the secrets engine and deletes every secret in it' : 'moves the engine: everything reading the old path breaks'}`.replace(
            '  ',
            ' ',
          ),
          path,
          ALT_SECRET,
        ),
      ];
    }
    if (group === 'auth' && verb === 'disable')
      return [
        finding(
          'identity.auth-disable',
          70,
          `vault auth disable ${path ?? ''} removes the auth method: every token and login it issued is revoked`.replace(
            '  ',
            ' ',
          ),
          path,
          ALT_SECRET,
        ),
      ];
    if (group === 'kv' && (verb === 'destroy' || (verb === 'metadata' && path === 'delete'))) {
      const at = verb === 'destroy' ? path : w[3];
      return [
        finding(
          'identity.secret-destroy',
          weigh(75, at),
          `vault kv ${verb === 'destroy' ? 'destroy' : 'metadata delete'} ${at ?? ''} deletes secret versions for good: they cannot be undeleted`.replace(
            '  ',
            ' ',
          ),
          at,
          ALT_SECRET,
        ),
      ];
    }
    if (group === 'kv' && verb === 'delete')
      return [
        finding(
          'identity.secret-delete',
          weigh(SEV.small, path),
          `vault kv delete ${path ?? ''} deletes the latest version of the secret`.replace('  ', ' '),
          path,
          ALT_SECRET,
        ),
      ];
    if (group === 'policy' && verb === 'delete')
      return [
        finding(
          'identity.policy-delete',
          SEV.config,
          `vault policy delete ${path ?? ''} removes the policy from every token that holds it`.replace('  ', ' '),
          path,
          ALT_SECRET,
        ),
      ];
    if (
      group === 'token' &&
      verb === 'create' &&
      (/(?:^|,)root(?:,|$)/.test(goFlag(argv, 'policy') ?? '') ||
        (argv.some((a) => /^--?orphan$/.test(a)) && !goFlag(argv, 'ttl')))
    ) {
      return [
        finding(
          'identity.long-lived-credential',
          70,
          'vault token create mints a root or orphan token that does not expire with its parent',
          'vault token',
          'create a token with a narrow policy and a short -ttl',
        ),
      ];
    }
    if (
      group === 'operator' &&
      (verb === 'seal' || verb === 'step-down' || (verb === 'raft' && path === 'snapshot' && w[3] === 'restore'))
    ) {
      return [
        finding(
          'identity.vault-operator',
          verb === 'raft' ? 80 : 70,
          `vault operator ${(raw ?? w).slice(1, 4).join(' ')} ${verb === 'seal' ? 'seals Vault: every client loses its secrets until it is unsealed' : 'changes the whole Vault cluster'}`,
          'Vault',
          'let the operators of Vault do this',
        ),
      ];
    }
    if (group === 'lease' && verb === 'revoke' && (raw || argv.some((a) => /^--?(?:prefix|force)$/.test(a))))
      return [
        finding(
          'identity.credential-revoke',
          60,
          `vault lease revoke -prefix revokes every credential issued under ${path ?? 'the prefix'}`,
          path,
          ALT_SECRET,
        ),
      ];
    if (group === 'token' && verb === 'revoke' && goFlag(argv, 'mode') === 'path')
      return [
        finding(
          'identity.credential-revoke',
          path === 'auth/' || path === 'auth' ? 75 : 60,
          `vault token revoke -mode=path revokes every token issued under ${path ?? 'the path'}${path === 'auth/' || path === 'auth' ? ': every login to Vault' : ''}`,
          path,
          ALT_SECRET,
        ),
      ];
    if (group === 'delete')
      return [
        finding(
          'identity.secret-delete',
          weigh(55, verb),
          `vault delete ${verb ?? ''} deletes what the path holds`.replace('  ', ' '),
          verb,
          ALT_SECRET,
        ),
      ];
    return undefined;
  },
  effect(cmd) {
    const [group, verb] = positionals(cmd.argv);
    if (
      group === 'read' ||
      group === 'list' ||
      group === 'status' ||
      group === 'version' ||
      group === 'login' ||
      group === 'print'
    )
      return 'read';
    if (
      (group === 'kv' || group === 'secrets' || group === 'policy' || group === 'auth' || group === 'token') &&
      (verb === 'get' || verb === 'list' || verb === 'read' || verb === 'lookup')
    )
      return 'read';
    return 'write';
  },
};

const secretManagers: Record<string, CliAnalyzer> = {
  vault,
  doppler: analyzer({
    id: 'doppler',
    family: 'identity',
    product: 'Doppler',
    valueOptions: ['-p', '--project', '-c', '--config', '--token', '--scope'],
    targetOptions: ['--project', '-p', '--config', '-c'],
  }),
  infisical: analyzer({
    id: 'infisical',
    family: 'identity',
    product: 'Infisical',
    valueOptions: ['--env', '--path', '--projectId', '--token', '--domain'],
  }),
  op: analyzer({
    id: 'op',
    family: 'identity',
    product: '1Password',
    valueOptions: ['--vault', '--account', '--session', '--format', '--categories', '--tags'],
  }),
  bw: analyzer({ id: 'bw', family: 'identity', product: 'Bitwarden', valueOptions: ['--session', '--organizationid'] }),
  // The local password stores and the desktop keyring: `pass rm -r work`, `gopass rm x`, `lpass rm x` and
  // `secret-tool clear ATTR VALUE` delete saved secrets no command brings back (`clear` is secret-tool's delete).
  pass: analyzer({ id: 'pass', family: 'identity', product: 'the password store', valueOptions: [] }),
  gopass: analyzer({ id: 'gopass', family: 'identity', product: 'gopass', valueOptions: ['--store'] }),
  lpass: analyzer({ id: 'lpass', family: 'identity', product: 'LastPass', valueOptions: ['--color'] }),
  'secret-tool': analyzer({
    id: 'secret-tool',
    family: 'identity',
    product: 'the desktop keyring',
    valueOptions: ['--label', '--collection'],
    aliases: { clear: 'delete' },
  }),
  akeyless: analyzer({
    id: 'akeyless',
    family: 'identity',
    product: 'Akeyless',
    valueOptions: ['--profile', '--name', '-n'],
    targetOptions: ['--name', '-n'],
  }),
};

const GRANT_CLIS = new Set(['aws', 'gcloud', 'gsutil', 'az', 'kubectl', 'oc']);
const CI_CLIS = new Set(['gh', 'glab', 'vercel', 'netlify', 'circleci', 'bbcli', 'tea']);

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const name = cmd.argv[0];
  if (asksForHelp(cmd.argv)) return undefined;
  const out = own(secretManagers, name)?.analyze(cmd, ctx) ?? [];
  if (GRANT_CLIS.has(name))
    out.push(...identityGrantFindings(cmd, ctx), ...publicFindings(cmd), ...exposureFindings(cmd));
  if (CI_CLIS.has(name)) out.push(...ciSecretFindings(cmd, ctx), ...forgeKeyFindings(cmd));
  return out.length ? out : undefined;
}

export const identityPack: Pack = {
  id: 'identity',
  commands: [...Object.keys(secretManagers), ...GRANT_CLIS, ...CI_CLIS],
  // Only their grants and CI secrets are read here: their other verbs (`tea repos delete`) are the generic reading's.
  partly: [...GRANT_CLIS, ...CI_CLIS],
  analyze,
  effect(cmd, ctx) {
    const m = own(secretManagers, cmd.argv[0]);
    if (m) return m.effect?.(cmd, ctx);
    return analyze(cmd, ctx) ? 'write' : undefined;
  },
};
