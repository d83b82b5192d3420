// kubectl (and oc, kubecolor) and helm. A deletion is weighed by the kind it
// names: a namespace takes everything in it, a PersistentVolumeClaim takes
// the data, a pod comes back by itself. Reads (get, describe, logs) say so,
// so production namespaces can be inspected without a prompt.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { SEV, asksForHelp, isDryRun, weigh, type CliAnalyzer, type Effect } from '../common/deletion';
import { finding } from '../common/finding';
import { helm } from './helm';
import { finalizerFindings } from './kubeFinalizers';
import { own } from '../../text/own';

const KUBECTL_VALUE_OPTIONS = [
  '-n',
  '--namespace',
  '--context',
  '--cluster',
  '--kubeconfig',
  '-s',
  '--server',
  '--user',
  '--token',
  '-l',
  '--selector',
  '-o',
  '--output',
  '-f',
  '--filename',
  '-k',
  '--kustomize',
  '--field-selector',
  '--grace-period',
  '--timeout',
  '-c',
  '--container',
  '--as',
  '--as-group',
  '--request-timeout',
  '--cascade',
  '--replicas',
  '--type',
  '-p',
  '--patch',
  '--for',
  '--since',
  '--tail',
  '-v',
  '--v',
  '--certificate-authority',
  '--client-certificate',
  '--client-key',
  '--tls-server-name',
  '--cache-dir',
  '--profile',
  '--current-replicas',
  '--resource-version',
  '--template',
  '--sort-by',
  '--chunk-size',
  '--image',
  '--port',
  '--pod-selector',
  '--raw',
  '--subresource',
  '-L',
  '--label-columns',
  '--field-manager',
  '--prune-allowlist',
  '--since-time',
  '--max-log-requests',
  '--session-timeout',
];

/** Canonical kind for the spellings kubectl accepts (short names, plurals, `kind.group`). */
const KIND_ALIASES: Record<string, string> = {
  ns: 'namespace',
  namespace: 'namespace',
  namespaces: 'namespace',
  // OpenShift projects are namespaces.
  project: 'namespace',
  projects: 'namespace',
  pvc: 'pvc',
  persistentvolumeclaim: 'pvc',
  persistentvolumeclaims: 'pvc',
  pv: 'pv',
  persistentvolume: 'pv',
  persistentvolumes: 'pv',
  crd: 'crd',
  crds: 'crd',
  customresourcedefinition: 'crd',
  customresourcedefinitions: 'crd',
  all: 'all',
  sts: 'statefulset',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  po: 'pod',
  pod: 'pod',
  pods: 'pod',
  job: 'job',
  jobs: 'job',
  rs: 'replicaset',
  replicaset: 'replicaset',
  replicasets: 'replicaset',
  ev: 'event',
  event: 'event',
  events: 'event',
  no: 'node',
  node: 'node',
  nodes: 'node',
  secret: 'secret',
  secrets: 'secret',
  storageclass: 'storageclass',
  storageclasses: 'storageclass',
  sc: 'storageclass',
};

/** Kinds that come back by themselves or are routine to clean up. */
const ROUTINE_KINDS = new Set(['pod', 'job', 'replicaset', 'event']);

function kindSeverity(kind: string): number {
  switch (kind) {
    case 'namespace':
    case 'crd':
      return SEV.critical;
    case 'pvc':
    case 'pv':
    case 'all':
      return SEV.data;
    case 'statefulset':
    case 'node':
    case 'storageclass':
      return 60;
    default:
      return ROUTINE_KINDS.has(kind) ? SEV.info : SEV.config;
  }
}

function kindWords(kind: string): string {
  switch (kind) {
    case 'namespace':
      return 'the namespace and every resource in it';
    case 'crd':
      return 'the custom resource definition and every resource of that kind';
    case 'pvc':
      return 'the persistent volume claim (its volume and data, with the default reclaim policy)';
    case 'pv':
      return 'the persistent volume and the data on it';
    case 'all':
      return 'every workload and service';
    default:
      return kind;
  }
}

function canonicalKind(word: string): string {
  const base = word.toLowerCase().split('.')[0];
  return own(KIND_ALIASES, base) ?? base;
}

interface KubeTarget {
  kinds: string[];
  names: string[];
  /** `kind/name` for each named resource, as typed. */
  labels: string[];
}

/** `delete pvc a b`, `delete pvc/a deploy/b`, `delete pods,services -l app=x`. */
function targetsOf(args: readonly string[]): KubeTarget {
  const kinds: string[] = [];
  const names: string[] = [];
  const labels: string[] = [];
  if (!args.length) return { kinds, names, labels };
  if (args[0].includes('/')) {
    for (const a of args.slice(0, 16)) {
      const [k, n] = a.split('/', 2);
      kinds.push(canonicalKind(k));
      if (n) {
        names.push(n);
        labels.push(a);
      }
    }
  } else {
    for (const k of args[0].split(',')) kinds.push(canonicalKind(k));
    names.push(...args.slice(1, 16));
    labels.push(...names.map((n) => (kinds.length === 1 ? `${args[0]}/${n}` : n)));
  }
  return { kinds, names, labels };
}

const MANIFEST_KIND = /^\s*kind:\s*["']?([A-Za-z]+)/gm;

/** Kinds declared in a manifest file given to `delete -f` (read bounded; directories and URLs are not). */
function manifestKinds(cmd: SimpleCommand, ctx: AnalysisContext): string[] | undefined {
  const file = optionValue(cmd.argv, ['-f', '--filename']);
  if (!file || file === '-' || /^https?:/.test(file)) return file === '-' && cmd.stdin ? kindsIn(cmd.stdin) : undefined;
  const text = ctx.readFile(file, cmd.cwd);
  return text === undefined ? undefined : kindsIn(text);
}

function kindsIn(text: string): string[] {
  const out: string[] = [];
  MANIFEST_KIND.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MANIFEST_KIND.exec(text)) && out.length < 64) out.push(canonicalKind(m[1]));
  return out;
}

function scopeOf(cmd: SimpleCommand): { namespace?: string; allNamespaces: boolean; context?: string } {
  return {
    namespace: optionValue(cmd.argv, ['-n', '--namespace']),
    allNamespaces: hasFlag(cmd.argv, ['-A', '--all-namespaces']),
    context: optionValue(cmd.argv, ['--context']),
  };
}

function describeTarget(t: KubeTarget, scope: ReturnType<typeof scopeOf>, everything: boolean): string {
  const what = t.labels.length
    ? t.labels.slice(0, 3).join(', ')
    : `${t.kinds.join(',') || 'resources'}${everything ? ' (all)' : ''}`;
  const where = scope.allNamespaces ? ' in every namespace' : scope.namespace ? ` in namespace ${scope.namespace}` : '';
  return `${what}${where}${scope.context ? ` (context ${scope.context})` : ''}`;
}

function kubectlDelete(cmd: SimpleCommand, ctx: AnalysisContext, args: string[]): Finding[] {
  const scope = scopeOf(cmd);
  const everything =
    hasFlag(cmd.argv, ['--all']) ||
    optionValue(cmd.argv, ['-l', '--selector']) !== undefined ||
    optionValue(cmd.argv, ['--field-selector']) !== undefined;
  const parsed = targetsOf(args);
  const names = parsed.names;
  let kinds = parsed.kinds;
  const manifest = optionValue(cmd.argv, ['-f', '--filename']) ?? optionValue(cmd.argv, ['-k', '--kustomize']);
  const fromFile = !kinds.length && manifest !== undefined;
  if (fromFile) kinds = manifestKinds(cmd, ctx) ?? [];
  let severity = kinds.length ? Math.max(...kinds.map(kindSeverity)) : fromFile ? SEV.config : SEV.config;
  if (fromFile && !kinds.length) severity = 60; // unreadable manifest: could hold anything
  if (everything) {
    const routine = kinds.every((k) => ROUTINE_KINDS.has(k));
    // `delete pods -l app=api` restarts one app's pods (their controller recreates them); `--all` takes every one at once.
    const selectorOnly = !hasFlag(cmd.argv, ['--all']) && optionValue(cmd.argv, ['--field-selector']) === undefined;
    severity = Math.max(severity, routine ? (selectorOnly ? 30 : 50) : 70);
  }
  if (scope.allNamespaces) severity = Math.min(89, severity + 10);
  if (hasFlag(cmd.argv, ['--force']) && optionValue(cmd.argv, ['--grace-period']) === '0' && severity >= 40)
    severity = Math.min(89, severity + 5);
  const kindNames = kinds.filter((k) => kindSeverity(k) >= SEV.data);
  const described = describeTarget({ ...parsed, kinds }, scope, everything);
  const target = fromFile ? manifest : kinds[0] === 'namespace' ? names.join(', ') || scope.namespace : described;
  const summary = fromFile
    ? `kubectl delete -f deletes every resource the manifest declares${kinds.length ? ` (${[...new Set(kinds)].slice(0, 4).join(', ')})` : ''}`
    : `kubectl delete removes ${kindNames.length ? kindWords(kindNames[0]) : described}${kindNames.length && names.length ? ` (${names.slice(0, 3).join(', ')})` : ''}${everything && !names.length ? ' — every match' : ''}`;
  return [
    finding(
      severity >= SEV.data ? 'cloud.kubectl-delete-data' : 'cloud.kubectl-delete',
      weigh(severity, target, scope.namespace, scope.context),
      summary,
      target,
      'preview with --dry-run=server, and back up what holds data (velero, a volume snapshot) first',
    ),
  ];
}

// `{"spec":{"replicas":0}}`, `spec: {replicas: 0}`, and a JSON patch's `{"op":"replace","path":"/spec/replicas","value":0}`.
const REPLICAS_ZERO = /\breplicas['"]?\s*:\s*0(?![\d.])|\/replicas['"]?\s*,\s*['"]?value['"]?\s*:\s*0(?![\d.])/;

/** `kubectl patch deploy api -p '{"spec":{"replicas":0}}'` stops every pod, as `kubectl scale --replicas=0` does. */
function patchToZero(cmd: SimpleCommand, args: readonly string[]): Finding[] {
  const patch = optionValue(cmd.argv, ['-p', '--patch']) ?? '';
  if (!REPLICAS_ZERO.test(patch.slice(0, 16 * 1024))) return [];
  const t = describeTarget(targetsOf(args), scopeOf(cmd), false);
  return [
    finding(
      'cloud.kubectl-scale-to-zero',
      weigh(50, t),
      `kubectl patch sets the replicas of ${t} to zero: every pod of it stops`,
      t,
      'scale down gradually, or roll out a change instead',
    ),
  ];
}

function kubectlFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const argv = cmd.argv;
  if (asksForHelp(argv) || isDryRun(argv)) return undefined;
  const words = positionals(argv, KUBECTL_VALUE_OPTIONS);
  const verb = words[0];
  const args = words.slice(1);
  switch (verb) {
    case 'delete': {
      const out = kubectlDelete(cmd, ctx, args);
      return out[0].severity > 0 ? out : undefined;
    }
    case 'drain':
      return [
        finding(
          'cloud.kubectl-drain',
          weigh(55, args[0], optionValue(argv, ['--context'])),
          `kubectl drain evicts every pod from ${args[0] ?? 'the node'}`,
          args[0],
          'cordon the node first and check PodDisruptionBudgets; preview with --dry-run=server',
        ),
      ];
    case 'scale':
      if (optionValue(argv, ['--replicas']) === '0') {
        const t = describeTarget(targetsOf(args), scopeOf(cmd), hasFlag(argv, ['--all']));
        return [
          finding(
            'cloud.kubectl-scale-to-zero',
            weigh(50, t),
            `kubectl scale --replicas=0 stops every pod of ${t}`,
            t,
            'scale down gradually, or roll out a change instead',
          ),
        ];
      }
      return undefined;
    case 'patch': {
      const out = [...(finalizerFindings(cmd, verb, args) ?? []), ...patchToZero(cmd, args)];
      return out.length ? out : undefined;
    }
    case 'replace':
      if (optionValue(argv, ['--raw'])) {
        const stripped = finalizerFindings(cmd, verb, args);
        if (stripped) return stripped;
      }
      if (hasFlag(argv, ['--force'])) {
        return [
          finding(
            'cloud.kubectl-replace-force',
            50,
            'kubectl replace --force deletes and recreates the resources',
            optionValue(argv, ['-f', '--filename']),
            'kubectl apply, which updates in place',
          ),
        ];
      }
      return undefined;
    case 'apply':
      if (hasFlag(argv, ['--prune'])) {
        return [
          finding(
            'cloud.kubectl-apply-prune',
            60,
            'kubectl apply --prune deletes every matching resource that is not in the manifests',
            optionValue(argv, ['-l', '--selector']) ?? optionValue(argv, ['-n', '--namespace']),
            'preview with --dry-run=server first',
          ),
        ];
      }
      return undefined;
    default:
      return undefined;
  }
}

const KUBECTL_READS = new Set([
  'get',
  'describe',
  'logs',
  'top',
  'explain',
  'version',
  'api-resources',
  'api-versions',
  'cluster-info',
  'config',
  'auth',
  'diff',
  'wait',
  'events',
  'port-forward',
  'proxy',
  'completion',
  'kustomize',
  'plugin',
  'options',
  'help',
  'whoami',
]);

function kubectlEffect(cmd: SimpleCommand): Effect | undefined {
  const words = positionals(cmd.argv, KUBECTL_VALUE_OPTIONS);
  const verb = words[0];
  if (verb === undefined) return 'read';
  if (isDryRun(cmd.argv)) return 'read';
  if (KUBECTL_READS.has(verb)) return 'read';
  // `exec … -- CMD`: the normalizer judges CMD itself, with the namespace and context as evidence.
  if ((verb === 'exec' || verb === 'run') && cmd.argv.includes('--')) return 'read';
  if (verb === 'rollout') return words[1] === 'status' || words[1] === 'history' ? 'read' : 'write';
  return 'write';
}

const kubectl: CliAnalyzer = { analyze: kubectlFindings, effect: kubectlEffect };

export const kubernetesAnalyzers: Record<string, CliAnalyzer> = {
  kubectl,
  oc: kubectl,
  kubecolor: kubectl,
  helm,
};
