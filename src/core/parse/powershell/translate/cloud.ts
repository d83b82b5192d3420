// Cloud cmdlets as the CLI calls the cloud pack reads: Az PowerShell
// (`Remove-AzResourceGroup` → `az group delete`, `Remove-AzSqlDatabase` →
// `az sql database delete`) and AWS Tools for PowerShell (`Remove-S3Bucket`
// → `aws s3 rb`, `Remove-RDSDBInstance` → `aws rds delete-db-instance`).
// The verb and noun carry the meaning, so a cmdlet nobody listed is still
// judged by what it does to what.
import type { Expanded } from '../../bash/words';
import { type Call, emit, has } from '../call';
import { isDynamic, textOf, wordsOf } from '../values';
import { own } from '../../../text/own';

const kebab = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

const AZ_VERBS: Readonly<Record<string, string>> = {
  remove: 'delete',
  stop: 'stop',
  restart: 'restart',
  start: 'start',
  set: 'update',
  update: 'update',
  new: 'create',
  get: 'show',
  clear: 'delete',
  reset: 'reset',
  disable: 'disable',
  enable: 'enable',
  invoke: 'invoke',
  suspend: 'suspend',
};
const AZ_NOUNS: Readonly<Record<string, string[]>> = {
  ResourceGroup: ['group'],
  Resource: ['resource'],
  VM: ['vm'],
  KeyVault: ['keyvault'],
  WebApp: ['webapp'],
  StorageAccount: ['storage', 'account'],
  SqlDatabase: ['sql', 'db'],
  SqlServer: ['sql', 'server'],
  CosmosDBAccount: ['cosmosdb'],
  AksCluster: ['aks'],
  Disk: ['disk'],
  Snapshot: ['snapshot'],
  PostgreSqlServer: ['postgres', 'server'],
  PostgreSqlFlexibleServer: ['postgres', 'flexible-server'],
  MySqlServer: ['mysql', 'server'],
  FunctionApp: ['functionapp'],
  ContainerRegistry: ['acr'],
  RedisCache: ['redis'],
  VirtualNetwork: ['network', 'vnet'],
  DnsZone: ['network', 'dns', 'zone'],
  DnsRecordSet: ['network', 'dns', 'record-set'],
  RecoveryServicesVault: ['backup', 'vault'],
  RoleAssignment: ['role', 'assignment'],
};
const AZ_OPTIONS: Readonly<Record<string, string>> = {
  name: '--name',
  resourcename: '--name',
  resourcegroupname: '--resource-group',
  vmname: '--name',
  servername: '--server',
  databasename: '--name',
};

function options(call: Call, rename: (k: string) => string): (Expanded | string)[] {
  const out: (Expanded | string)[] = [];
  for (const a of call.args) {
    if (a.param === undefined) {
      if (a.value) out.push(...wordsOf(a.value));
      continue;
    }
    const k = a.param.toLowerCase();
    if (k === 'force' || k === 'asjob' || k === 'passthru' || k === 'confirm') continue;
    const flag = rename(a.param);
    if (!a.value) {
      out.push(flag);
      continue;
    }
    const v = textOf(a.value);
    if (/^true$/i.test(v) && !isDynamic(a.value)) out.push(flag);
    else if (!/^false$/i.test(v)) out.push(flag, ...wordsOf(a.value));
  }
  return out;
}

/** `Verb-AzNoun`: the az command with the same verb and noun. */
export function azCmdlet(call: Call): boolean {
  const m = /^([A-Za-z]+)-Az([A-Za-z0-9]+)$/.exec(call.name);
  if (!m) return false;
  if (call.args.some((a) => /^(?:whatif|wi)$/i.test(a.param ?? ''))) return true;
  const verb = own(AZ_VERBS, m[1].toLowerCase()) ?? kebab(m[1]);
  const noun = own(AZ_NOUNS, m[2]) ?? kebab(m[2]).split('-');
  emit(call, [
    'az',
    ...noun,
    verb,
    ...options(call, (k) => own(AZ_OPTIONS, k.toLowerCase()) ?? '--' + kebab(k)),
    ...(verb === 'delete' && has(call, 'Force') ? ['--yes'] : []),
  ]);
  return true;
}

// AWS Tools for PowerShell: the noun starts with the service's prefix.
const AWS_PREFIXES: Readonly<Record<string, string>> = {
  S3: 's3api',
  EC2: 'ec2',
  RDS: 'rds',
  DDB: 'dynamodb',
  LM: 'lambda',
  CFN: 'cloudformation',
  IAM: 'iam',
  SEC: 'secretsmanager',
  ECR: 'ecr',
  ECS: 'ecs',
  EKS: 'eks',
  KMS: 'kms',
  SQS: 'sqs',
  SNS: 'sns',
  CWL: 'logs',
  CW: 'cloudwatch',
  R53: 'route53',
  ELB2: 'elbv2',
  EB: 'elasticbeanstalk',
  EFS: 'efs',
  EC: 'elasticache',
  RS: 'redshift',
  SSM: 'ssm',
  SFN: 'stepfunctions',
  KIN: 'kinesis',
  GLUE: 'glue',
  ATH: 'athena',
  BAK: 'backup',
  CF: 'cloudfront',
  ASA: 'autoscaling',
  DOC: 'docdb',
  NPT: 'neptune',
};
const AWS_VERBS: Readonly<Record<string, string>> = {
  remove: 'delete',
  stop: 'stop',
  start: 'start',
  clear: 'delete',
  unregister: 'deregister',
  reset: 'reset',
  disable: 'disable',
  get: 'describe',
  new: 'create',
  update: 'update',
  edit: 'change',
  write: 'put',
};
const AWS_PREFIX_RE = new RegExp(
  `^([A-Za-z]+)-(${Object.keys(AWS_PREFIXES)
    .sort((a, b) => b.length - a.length)
    .join('|')})([A-Z][A-Za-z0-9]*)$`,
);

export function isAwsCmdlet(name: string): boolean {
  return AWS_PREFIX_RE.test(name);
}

function named(call: Call, name: string): Expanded | undefined {
  const a = call.args.find((x) => x.param?.toLowerCase() === name.toLowerCase());
  return a?.value ? { value: textOf(a.value), dynamic: isDynamic(a.value) } : undefined;
}

function flagOn(call: Call, name: string): boolean {
  const a = call.args.find((x) => x.param?.toLowerCase() === name.toLowerCase());
  return a !== undefined && (!a.value || /^true$/i.test(textOf(a.value)));
}

export function awsCmdlet(call: Call): boolean {
  const m = AWS_PREFIX_RE.exec(call.name);
  if (!m) return false;
  if (call.args.some((a) => /^(?:whatif|wi)$/i.test(a.param ?? ''))) return true;
  const [, verbWord, prefix, noun] = m;
  const service = AWS_PREFIXES[prefix];
  const verb = own(AWS_VERBS, verbWord.toLowerCase()) ?? kebab(verbWord);
  const bucket = named(call, 'BucketName') ?? (call.bound.rest[0] ? wordsOf(call.bound.rest[0])[0] : undefined);
  if (prefix === 'S3' && noun === 'Bucket' && verb === 'delete' && bucket) {
    emit(call, [
      'aws',
      's3',
      'rb',
      { value: 's3://' + bucket.value, dynamic: bucket.dynamic },
      ...(flagOn(call, 'DeleteBucketContent') ? ['--force'] : []),
    ]);
    return true;
  }
  if (prefix === 'S3' && noun === 'Object' && verb === 'delete' && bucket) {
    const prefixKey = named(call, 'KeyPrefix');
    const key = prefixKey ?? named(call, 'Key') ?? { value: '', dynamic: true };
    emit(call, [
      'aws',
      's3',
      'rm',
      { value: `s3://${bucket.value}/${key.value}`, dynamic: bucket.dynamic || key.dynamic },
      ...(prefixKey ? ['--recursive'] : []),
    ]);
    return true;
  }
  if (prefix === 'EC2' && noun === 'Instance' && verb === 'delete') {
    emit(call, [
      'aws',
      'ec2',
      'terminate-instances',
      '--instance-ids',
      ...(named(call, 'InstanceId') ? [named(call, 'InstanceId')!] : call.bound.rest.flatMap(wordsOf)),
    ]);
    return true;
  }
  const operation = `${verb}-${kebab(noun.replace(/^DB/, 'Db'))}`.replace(/^delete-db-/, 'delete-db-');
  emit(call, [
    'aws',
    service,
    operation,
    ...options(call, (k) => '--' + kebab(k).replace(/^d-b-/, 'db-')).map((w) =>
      w === '--skip-final-snapshot' || w === '--delete-automated-backup'
        ? w === '--delete-automated-backup'
          ? '--delete-automated-backups'
          : w
        : w,
    ),
  ]);
  return true;
}
