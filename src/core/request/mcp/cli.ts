// MCP tools that are a command-line tool under another name: `git_push`,
// `git_reset` (mcp-server-git), `kubectl_scale`, `helm_uninstall`, and the
// Kubernetes servers' `resources_delete`, `pods_delete`, `resources_scale`.
// The call is read as the command line that does the same, so the pack that
// knows the tool judges it (`git reset` only unstages; `git push --force` to
// main is a force push; `kubectl delete namespace` on a local kind cluster
// is disposable) instead of a guess from the verb. A tool handed an argument
// vector (`kubectl {args: ["delete", "ns", "prod"]}`, `run {argv: ["rm", …]}`)
// is read as that program run with those words.
import { shellWord } from '../../text/shellWord';
import { flatArgs } from './flatArgs';
import { programNames } from './meaning';

export interface CliCall {
  server?: string;
  words: readonly string[];
  input: unknown;
}

const q = shellWord;

const args = (input: unknown) => flatArgs(input, { args: true });

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;

const GIT_VERBS = new Set([
  'status',
  'diff',
  'log',
  'show',
  'add',
  'commit',
  'reset',
  'checkout',
  'switch',
  'branch',
  'push',
  'pull',
  'fetch',
  'merge',
  'rebase',
  'clean',
  'stash',
  'restore',
  'tag',
  'init',
  'clone',
  'remote',
]);
const KUBE_VERBS = new Set([
  'get',
  'list',
  'describe',
  'delete',
  'scale',
  'apply',
  'create',
  'patch',
  'logs',
  'log',
  'exec',
  'drain',
  'cordon',
  'uncordon',
  'rollout',
  'edit',
  'label',
  'annotate',
  'top',
  'run',
]);
const HELM_VERBS = new Set([
  'install',
  'upgrade',
  'uninstall',
  'delete',
  'rollback',
  'list',
  'status',
  'get',
  'history',
]);
const KUBE_SERVER = /kube|k8s|openshift/i;
const KUBE_KINDS = new Set([
  'pod',
  'pods',
  'deployment',
  'deployments',
  'namespace',
  'namespaces',
  'service',
  'services',
  'statefulset',
  'statefulsets',
  'daemonset',
  'daemonsets',
  'job',
  'jobs',
  'cronjob',
  'cronjobs',
  'configmap',
  'configmaps',
  'secret',
  'secrets',
  'node',
  'nodes',
  'pvc',
  'pvcs',
  'ingress',
  'ingresses',
  'replicaset',
  'replicasets',
]);

function gitLine(verb: string, a: Record<string, unknown>): string {
  const parts = ['git', verb];
  if (a.force === true) parts.push('--force');
  if (verb === 'reset' && (a.hard === true || str(a.mode) === 'hard')) parts.push('--hard');
  if (verb === 'clean' && a.force !== true) parts.push('-f');
  const remote = str(a.remote);
  const branch = str(a.branchname) ?? str(a.branch) ?? str(a.ref) ?? str(a.revision) ?? str(a.target);
  if (verb === 'push' && (remote || branch)) parts.push(q(remote ?? 'origin'));
  if (branch && verb !== 'log' && verb !== 'status') parts.push(q(branch));
  const files = Array.isArray(a.files) ? a.files.filter((f): f is string => typeof f === 'string').slice(0, 32) : [];
  if (files.length && (verb === 'add' || verb === 'restore' || verb === 'checkout' || verb === 'reset'))
    parts.push('--', ...files.map(q));
  return parts.join(' ');
}

function kubeLine(verb: string, kind: string | undefined, a: Record<string, unknown>): string {
  const parts = ['kubectl', verb === 'list' ? 'get' : verb === 'log' ? 'logs' : verb];
  const k = str(a.kind) ?? str(a.resourcetype) ?? str(a.resource) ?? kind;
  if (k) parts.push(q(k.toLowerCase()));
  const name = str(a.name) ?? str(a.resourcename) ?? str(a.podname);
  if (name) parts.push(q(name));
  const ns = str(a.namespace);
  if (ns) parts.push('-n', q(ns));
  const context = str(a.context);
  if (context) parts.push('--context', q(context));
  const replicas = str(a.replicas) ?? str(a.scale) ?? str(a.count);
  if (verb === 'scale' && replicas !== undefined) parts.push(`--replicas=${q(replicas)}`);
  const selector = str(a.labelselector) ?? str(a.selector);
  if (selector) parts.push('-l', q(selector));
  if (a.allnamespaces === true) parts.push('-A');
  if (a.force === true) parts.push('--force');
  return parts.join(' ');
}

function helmLine(verb: string, a: Record<string, unknown>): string {
  const parts = ['helm', verb];
  const name = str(a.name) ?? str(a.release) ?? str(a.releasename);
  if (name) parts.push(q(name));
  const chart = str(a.chart);
  if (chart && (verb === 'install' || verb === 'upgrade')) parts.push(q(chart));
  const ns = str(a.namespace);
  if (ns) parts.push('-n', q(ns));
  return parts.join(' ');
}

function awsLine(service: string, operation: string, a: Record<string, unknown>): string {
  // The S3 API's operations are `aws s3api …` (`aws s3` is the high-level file commands).
  const parts = [
    'aws',
    q(service.toLowerCase() === 's3' ? 's3api' : service),
    q(
      operation
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .toLowerCase()
        .replace(/_/g, '-'),
    ),
  ];
  const params = a.parameters;
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    for (const [k, v] of Object.entries(params as Record<string, unknown>).slice(0, 32)) {
      const flag =
        '--' +
        k
          .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
          .toLowerCase()
          .replace(/_/g, '-');
      if (v === true) parts.push(flag);
      else if (typeof v === 'string' || typeof v === 'number') parts.push(flag, q(String(v)));
    }
  }
  const region = str(a.region);
  if (region) parts.push('--region', q(region));
  const profile = str(a.profilename) ?? str(a.profile);
  if (profile) parts.push('--profile', q(profile));
  return parts.join(' ');
}

/** The command line an MCP tool call stands for, when its name is a known CLI's; undefined otherwise. */
export function cliLine(call: CliCall): string | undefined {
  const w = call.words;
  const a = args(call.input);
  if (w[0] === 'git' && w[1] && GIT_VERBS.has(w[1])) return gitLine(w[1], a);
  // `use_aws {service_name, operation_name, parameters}`: one AWS CLI call.
  const service = str(a.servicename);
  const operation = str(a.operationname) ?? str(a.operation);
  if (service && operation && /aws/i.test([call.server ?? '', ...w].join(' '))) return awsLine(service, operation, a);
  if (w[0] === 'helm' && w[1] && HELM_VERBS.has(w[1])) return helmLine(w[1] === 'delete' ? 'uninstall' : w[1], a);
  // `install_helm_chart`, `uninstall_helm_chart`.
  if (w.includes('helm')) {
    const verb = w.find((x) => HELM_VERBS.has(x));
    if (verb) return helmLine(verb === 'delete' ? 'uninstall' : verb, a);
  }
  if (w[0] === 'kubectl' && w[1] && KUBE_VERBS.has(w[1]))
    return kubeLine(
      w[1],
      w.slice(2).find((x) => KUBE_KINDS.has(x)),
      a,
    );
  // A Kubernetes server's `<resource>_<verb>`: `pods_delete`, `resources_scale`, `namespaces_list`.
  if (KUBE_SERVER.test(call.server ?? '') && w.length >= 2) {
    const verb = w.find((x) => KUBE_VERBS.has(x));
    if (verb) {
      const noun = w.find((x) => KUBE_KINDS.has(x));
      return kubeLine(verb, noun ? noun.replace(/s$/, '') : undefined, a);
    }
  }
  return undefined;
}

/** Keys that hold an argument vector; more words than this are not a command line anyone types. */
const ARGV_KEYS = ['args', 'argv', 'arguments', 'command', 'cmd', 'commandargs', 'cliargs', 'commandline'];
const MAX_ARGV = 256;

/** Keys that name the program a vector is handed to, as spawn's `(command, args)` and exec servers' `{cmd, args}` do. */
const PROGRAM_KEYS = ['cmd', 'command', 'program', 'executable', 'bin', 'binary'];

/** The program named beside an argument vector: one word, a name or a path, never a shell line (read as one elsewhere). */
function programOf(input: unknown): string | undefined {
  const a = args(input);
  for (const k of PROGRAM_KEYS) {
    const v = a[k];
    if (typeof v === 'string' && /^[^\s'"`$;|&<>()]+$/.test(v)) return v;
  }
  return undefined;
}

function argvOf(input: unknown): string[] | undefined {
  const a = args(input);
  for (const k of ARGV_KEYS) {
    const v = a[k];
    if (!Array.isArray(v) || v.length === 0 || v.length > MAX_ARGV) continue;
    if (!v.every((x) => typeof x === 'string' || typeof x === 'number')) continue;
    return v.map(String);
  }
  return undefined;
}

/**
 * The command line an argument vector stands for: its own first word when
 * that is a program a pack knows, else the program the tool or its server is
 * named after (`mcp__k8s__kubectl`, a `kubectl` tool of a `kube` server).
 * Each word is quoted: a vector reaches the program without a shell.
 */
export function argvLine(call: CliCall): string | undefined {
  const list = argvOf(call.input);
  if (!list) return undefined;
  // `{cmd: "rm", args: ["-rf", "~"]}`: the program named in a key of its own, the vector its words (spawn's shape).
  const head = programOf(call.input);
  if (head !== undefined && head !== list[0]) return [head, ...list].map(q).join(' ');
  if (programNames().has(list[0])) return list.map(q).join(' ');
  const named = [...call.words].reverse().find((w) => programNames().has(w));
  const program =
    named ?? (call.server && programNames().has(call.server.toLowerCase()) ? call.server.toLowerCase() : undefined);
  return program ? [program, ...list].map(q).join(' ') : undefined;
}
