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
    ]);
    const [group, verb, path] = w;
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
          `vault operator ${w.slice(1, 4).join(' ')} ${verb === 'seal' ? 'seals Vault: every client loses its secrets until it is unsealed' : 'changes the whole Vault cluster'}`,
          'Vault',
          'let the operators of Vault do this',
        ),
      ];
    }
    if (group === 'lease' && verb === 'revoke' && argv.some((a) => /^--?(?:prefix|force)$/.test(a)))
      return [
        finding(
          'identity.credential-revoke',
          60,
          `vault lease revoke -prefix revokes every credential issued under ${path ?? 'the prefix'}`,
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
  if (CI_CLIS.has(name)) out.push(...ciSecretFindings(cmd, ctx));
  return out.length ? out : undefined;
}

export const identityPack: Pack = {
  id: 'identity',
  commands: [...Object.keys(secretManagers), ...GRANT_CLIS, ...CI_CLIS],
  analyze,
  effect(cmd, ctx) {
    const m = own(secretManagers, cmd.argv[0]);
    if (m) return m.effect?.(cmd, ctx);
    return analyze(cmd, ctx) ? 'write' : undefined;
  },
};
