// Broad power granted in a cloud or cluster: owner and admin roles assigned
// or bound, policies that allow every action on every resource, trust opened
// to any principal, resources made public, and long-lived keys minted. A
// narrow role (Reader, a service's viewer, a function's execution role) is
// routine and stays quiet.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import { readAsLineLeft } from '../../parse/normalize/emit';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

const ALT_GRANT =
  'grant the narrowest role that does the job, on the narrowest scope, and let a human grant admin rights';
const ALT_KEY = 'use short-lived credentials (roles, workload identity, OIDC) instead of a long-lived key';

const AZURE_BROAD = /^(?:owner|contributor|user access administrator|role based access control administrator)$/i;
const GCP_BROAD =
  /^roles\/(?:owner|editor|iam\.[A-Za-z]*(?:Admin|TokenCreator|serviceAccountUser)|resourcemanager\.[A-Za-z]*Admin|[a-zA-Z]+\.admin)$/;
const GCP_PUBLIC = /^(?:allUsers|allAuthenticatedUsers)$/;
const AWS_BROAD_POLICY = /:policy\/(?:AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]*FullAccess)$/;
const KUBE_BROAD = /^(?:cluster-admin|admin|system:masters)$/;

function broadGrant(what: string, target: string | undefined, severity = 70): Finding {
  return finding('identity.broad-grant', severity, what, target, ALT_GRANT);
}

function doc(value: string | undefined, cmd: SimpleCommand, ctx: AnalysisContext): string {
  if (!value) return '';
  // As an earlier command on the line left it (`cat > trust.json <<EOF … && aws iam …`), else on disk.
  if (value.startsWith('file://')) return readAsLineLeft(cmd, ctx, value.slice(7)) ?? '';
  return value;
}

/** An IAM policy document that allows every action (`*`, `*:*`, `iam:*`) on every resource. */
function allowsEverything(text: string): boolean {
  return (
    /"Effect"\s*:\s*"Allow"/i.test(text) &&
    /"Action"\s*:\s*(?:"(?:\*|\*:\*|iam:\*)"|\[[^\]]*"(?:\*|\*:\*|iam:\*)"[^\]]*\])/.test(text) &&
    /"Resource"\s*:\s*(?:"\*"|\[[^\]]*"\*"[^\]]*\])/.test(text)
  );
}

/** A trust policy any principal can assume. */
function trustsAnyone(text: string): boolean {
  return /"Principal"\s*:\s*(?:"\*"|\{[^}]*"(?:AWS|Federated|Service)"\s*:\s*(?:"\*"|\[[^\]]*"\*")[^}]*\})/.test(text);
}

function aws(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const w = positionals(cmd.argv, [
    '--profile',
    '--region',
    '--output',
    '--query',
    '--endpoint-url',
    '--user-name',
    '--role-name',
    '--group-name',
    '--policy-arn',
    '--policy-name',
    '--policy-document',
    '--assume-role-policy-document',
  ]);
  if (w[0] !== 'iam') return [];
  const op = w[1] ?? '';
  const who = optionValue(cmd.argv, ['--user-name', '--role-name', '--group-name']);
  if (/^attach-(?:user|role|group)-policy$/.test(op)) {
    const arn = optionValue(cmd.argv, ['--policy-arn']) ?? '';
    if (AWS_BROAD_POLICY.test(arn))
      return [
        broadGrant(
          `aws iam ${op} gives ${who ?? 'a principal'} ${arn.slice(arn.lastIndexOf('/') + 1)}: broad power over the account`,
          who,
        ),
      ];
    return [];
  }
  if (/^(?:put-(?:user|role|group)-policy|create-policy|create-policy-version)$/.test(op)) {
    if (allowsEverything(doc(optionValue(cmd.argv, ['--policy-document']), cmd, ctx)))
      return [
        broadGrant(
          `aws iam ${op} writes a policy that allows every action on every resource${who ? ` for ${who}` : ''}`,
          who,
        ),
      ];
    return [];
  }
  if (op === 'update-assume-role-policy' || op === 'create-role') {
    const trust = doc(optionValue(cmd.argv, ['--policy-document', '--assume-role-policy-document']), cmd, ctx);
    if (trustsAnyone(trust))
      return [broadGrant(`aws iam ${op} lets any principal assume the role ${who ?? ''}`.trim(), who, 80)];
    // A new trust for an existing role that cannot be read (a file not there yet, a document from a variable)
    // decides who can become the role, with every permission it holds: it is not taken to be a narrow one. A new
    // role holds no permission yet, and stays quiet unless it trusts anyone.
    if (op === 'update-assume-role-policy' && !/"Principal"/.test(trust))
      return [
        finding(
          'identity.role-trust-unread',
          55,
          `aws iam update-assume-role-policy replaces who may assume ${who ? `the role ${who}` : 'the role'} with a trust policy AgentGuard could not read`,
          who,
          'write the trust policy inline or in a file in the workspace, naming the one principal that needs the role',
        ),
      ];
    return [];
  }
  if (op === 'create-access-key') {
    const root = who === undefined || who === 'root';
    return [
      finding(
        'identity.long-lived-credential',
        root ? 80 : 60,
        `aws iam create-access-key mints a long-lived access key for ${root ? 'the root user' : who}`,
        who ?? 'root',
        ALT_KEY,
      ),
    ];
  }
  if (op === 'create-login-profile' || op === 'create-service-specific-credential' || op === 'upload-ssh-public-key') {
    return [
      finding(
        'identity.long-lived-credential',
        55,
        `aws iam ${op} gives ${who ?? 'a user'} a lasting way to sign in`,
        who,
        ALT_KEY,
      ),
    ];
  }
  if (op === 'add-user-to-group' && /admin/i.test(optionValue(cmd.argv, ['--group-name']) ?? ''))
    return [
      broadGrant(
        `aws iam add-user-to-group puts ${who ?? 'a user'} in ${optionValue(cmd.argv, ['--group-name'])}`,
        who,
        65,
      ),
    ];
  return [];
}

function gcloud(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const w = positionals(argv, [
    '--project',
    '--member',
    '--role',
    '--iam-account',
    '--format',
    '--condition',
    '--account',
  ]);
  if (w.includes('add-iam-policy-binding')) {
    const role = optionValue(argv, ['--role']) ?? '';
    const member = optionValue(argv, ['--member']) ?? '';
    const on = w[w.indexOf('add-iam-policy-binding') + 1];
    if (GCP_PUBLIC.test(member))
      return [
        broadGrant(
          `gcloud … add-iam-policy-binding gives ${member} ${role} on ${on ?? 'the resource'}: anyone on the internet`,
          on,
          80,
        ),
      ];
    if (GCP_BROAD.test(role))
      return [
        broadGrant(
          `gcloud … add-iam-policy-binding gives ${member || 'a member'} ${role} on ${on ?? 'the resource'}`,
          on,
        ),
      ];
    return [];
  }
  if (w.includes('set-iam-policy'))
    return [
      broadGrant(
        `gcloud … set-iam-policy replaces the whole access policy of ${w[w.indexOf('set-iam-policy') + 1] ?? 'the resource'}`,
        w[w.indexOf('set-iam-policy') + 1],
        65,
      ),
    ];
  if (w[0] === 'iam' && w[1] === 'service-accounts' && w[2] === 'keys' && w[3] === 'create') {
    const account = optionValue(argv, ['--iam-account']);
    return [
      finding(
        'identity.long-lived-credential',
        60,
        `gcloud iam service-accounts keys create mints a long-lived key for ${account ?? 'a service account'} and writes it to ${w[4] ?? 'a file'}`,
        account,
        ALT_KEY,
      ),
    ];
  }
  return [];
}

function gsutil(cmd: SimpleCommand): Finding[] {
  const w = positionals(cmd.argv, ['-u', '-o']);
  if (
    (w[0] === 'iam' || w[0] === 'acl') &&
    w[1] === 'ch' &&
    cmd.argv.some((a) => /^(?:allUsers|allAuthenticatedUsers|AllUsers|AllAuthenticatedUsers)(?::|$)/.test(a))
  ) {
    return [
      broadGrant(
        `gsutil ${w[0]} ch makes ${w[w.length - 1] ?? 'a bucket'} readable by anyone on the internet`,
        w[w.length - 1],
        75,
      ),
    ];
  }
  return [];
}

function az(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const w = positionals(argv, [
    '--role',
    '--assignee',
    '--assignee-object-id',
    '--scope',
    '--scopes',
    '--name',
    '-n',
    '--subscription',
    '-g',
    '--resource-group',
    '--id',
    '--years',
    '--end-date',
  ]);
  const role = optionValue(argv, ['--role']);
  if (w[0] === 'role' && w[1] === 'assignment' && w[2] === 'create') {
    const scope = optionValue(argv, ['--scope']) ?? 'the subscription';
    if (
      role &&
      (AZURE_BROAD.test(role) || (/administrator/i.test(role) && /^\/(?:subscriptions\/[^/]+)?\/?$/.test(scope)))
    ) {
      return [
        broadGrant(
          `az role assignment create gives ${optionValue(argv, ['--assignee', '--assignee-object-id']) ?? 'a principal'} the ${role} role on ${scope}`,
          scope,
        ),
      ];
    }
    return [];
  }
  if (w[0] === 'ad' && w[1] === 'sp' && w[2] === 'create-for-rbac') {
    const broad = role !== undefined && AZURE_BROAD.test(role);
    return [
      finding(
        broad ? 'identity.broad-grant' : 'identity.long-lived-credential',
        broad ? 70 : 55,
        `az ad sp create-for-rbac creates a service principal with a client secret${role ? ` and the ${role} role` : ''}`,
        optionValue(argv, ['--scopes', '--name', '-n']),
        ALT_GRANT,
      ),
    ];
  }
  if (w[0] === 'ad' && (w[1] === 'sp' || w[1] === 'app') && w[2] === 'credential' && w[3] === 'reset') {
    return [
      finding(
        'identity.long-lived-credential',
        60,
        `az ad ${w[1]} credential reset mints a new client secret${hasFlag(argv, ['--append']) ? '' : ' and invalidates the ones in use'}`,
        optionValue(argv, ['--id']),
        ALT_KEY,
      ),
    ];
  }
  return [];
}

function kubectl(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const w = positionals(argv, [
    '--clusterrole',
    '--role',
    '--user',
    '--group',
    '--serviceaccount',
    '-n',
    '--namespace',
    '--context',
    '--kubeconfig',
    '-o',
    '--output',
  ]);
  if (w[0] !== 'create' || (w[1] !== 'clusterrolebinding' && w[1] !== 'rolebinding')) return [];
  const role = optionValue(argv, ['--clusterrole', '--role']) ?? '';
  if (!KUBE_BROAD.test(role) || (role === 'admin' && w[1] === 'rolebinding')) return [];
  const who =
    [
      ...optionValues(argv, ['--user']),
      ...optionValues(argv, ['--group']),
      ...optionValues(argv, ['--serviceaccount']),
    ].join(', ') || 'a subject';
  return [
    broadGrant(
      `kubectl create ${w[1]} binds ${who} to ${role}: full control of the ${w[1] === 'clusterrolebinding' ? 'cluster' : 'namespace'}`,
      w[2],
    ),
  ];
}

export function identityGrantFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  switch (cmd.argv[0]) {
    case 'aws':
      return aws(cmd, ctx);
    case 'gcloud':
      return gcloud(cmd);
    case 'gsutil':
      return gsutil(cmd);
    case 'az':
      return az(cmd);
    case 'kubectl':
    case 'oc':
      return kubectl(cmd);
    default:
      return [];
  }
}
