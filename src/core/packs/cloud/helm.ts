// Helm: which releases an uninstall or rollback takes down, and which calls only read.
import { optionValue, positionals } from '../../command/args';
import { SEV, asksForHelp, isDryRun, weigh, type CliAnalyzer } from '../common/deletion';
import { finding } from '../common/finding';

// ---- helm ----------------------------------------------------------------------

const HELM_VALUE_OPTIONS = [
  '-n',
  '--namespace',
  '--kube-context',
  '--kubeconfig',
  '--timeout',
  '-f',
  '--values',
  '--set',
  '--set-string',
  '--set-file',
  '--set-json',
  '--version',
  '--description',
  '--cascade',
  '-o',
  '--output',
  '--repo',
  '--post-renderer',
  '--registry-config',
  '--repository-cache',
  '--repository-config',
  '--burst-limit',
  '--qps',
  '--kube-apiserver',
  '--kube-as-user',
  '--kube-token',
];

const HELM_UNINSTALL = new Set(['uninstall', 'delete', 'del', 'un']);

const HELM_READS = new Set([
  'list',
  'ls',
  'status',
  'get',
  'history',
  'hist',
  'template',
  'lint',
  'show',
  'inspect',
  'search',
  'repo',
  'version',
  'env',
  'dependency',
  'dep',
  'verify',
  'pull',
  'fetch',
  'package',
  'plugin',
  'completion',
  'create',
  'registry',
  'help',
  'diff',
]);

/** Releases that usually hold data: their volumes may go with them. */
const STATEFUL_RELEASE =
  /postgres|mysql|maria|mongo|redis|db\b|database|kafka|elastic|opensearch|minio|cassandra|clickhouse|rabbit|etcd|zookeeper|vault|nats|timescale|influx|neo4j/i;

export const helm: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv) || isDryRun(argv)) return undefined;
    const words = positionals(argv, HELM_VALUE_OPTIONS);
    if (!HELM_UNINSTALL.has(words[0])) return undefined;
    const releases = words.slice(1, 8);
    const ns = optionValue(argv, ['-n', '--namespace']);
    const stateful = releases.some((r) => STATEFUL_RELEASE.test(r));
    const target = `${releases.join(', ') || 'release'}${ns ? ` in namespace ${ns}` : ''}`;
    return [
      finding(
        'cloud.helm-uninstall',
        weigh(stateful ? SEV.data : SEV.service, ns, ...releases, optionValue(argv, ['--kube-context'])),
        `helm uninstall removes the release ${target} and every resource it installed${stateful ? ' — it looks like a data store' : ''}`,
        target,
        "helm get manifest first, and snapshot the release's volumes before removing it",
      ),
    ];
  },
  effect(cmd) {
    const verb = positionals(cmd.argv, HELM_VALUE_OPTIONS)[0];
    if (verb === undefined || HELM_READS.has(verb)) return 'read';
    return isDryRun(cmd.argv) ? 'read' : 'write';
  },
};
