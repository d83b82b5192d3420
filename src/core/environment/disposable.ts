// Evidence that what a command acts on is provably throwaway: a test-named
// database on this machine, a local cache or broker, a local Kubernetes
// cluster, an emulator, a payment provider's test mode, a framework's
// development or test database, a pull request's preview environment, or a
// dry run that changes nothing. The weighing of findings (policy/weigh.ts)
// asks for it only when a command has something to weigh, so none of this
// runs on the hot path of harmless commands.
//
// Proof, not absence of doubt: without a clue a target stays unknown, and
// anything remote the command also reaches (a host, a cloud account, a
// cluster) keeps it from counting as local. The names and flags that say so
// on their own are in disposableNames.ts, the clients that stay on this
// machine in localClients.ts.
import { SOCKET_CLIENTS } from '../command/socketClients';
import { opensDatabaseFile } from '../parse/wrappers/sqliteShell';
import type { Config } from '../config/schema';
import type { AnalysisContext, SimpleCommand } from '../types';
import { envReach, isLocalHost, ORM_TOOLS, parseUrlHosts, programOf } from './clues';
import { frameworkEnvironment } from './framework';
import { commandClues } from './index';
import { namesWhere } from './envScan';
import { isLocalCluster, isPreviewName, isTestName, LIVE_KEY, TEST_KEY } from './disposableNames';
import {
  defaultsToLocal,
  EMBEDDED_DATABASES,
  inLocalContainer,
  inMemory,
  localDaemon,
  localMode,
} from './localClients';

/**
 * Servers whose state is regenerable when they run on this machine: caches,
 * key-value stores, message brokers. A local one is a developer's scratch
 * space; a local SQL database needs a test name as well, since a development
 * database can hold work.
 */
const SCRATCH_SERVER_TOOLS = new Set([
  'redis-cli',
  'valkey-cli',
  'keydb-cli',
  'memcflush',
  'etcdctl',
  'consul',
  'nats',
  'rpk',
  'rabbitmqctl',
  'rabbitmqadmin',
  'pulsar-admin',
  'kafka-topics',
  'kafka-topics.sh',
  'kafka-consumer-groups',
  'kafka-consumer-groups.sh',
  'kafka-delete-records',
  'kafka-delete-records.sh',
  'kafka-configs',
  'kafka-configs.sh',
  'kcat',
  'kafkacat',
]);

/** Tools whose clusters and machines run on this one (kind, k3d, minikube, Vagrant, Multipass, Lima). */
const LOCAL_RUNTIME_TOOLS = new Set([
  'kind',
  'k3d',
  'minikube',
  'colima',
  'limactl',
  'lima',
  'multipass',
  'vagrant',
  'orb',
  'orbctl',
  'microk8s',
]);

/** Programs that read the emulator variables of Google's client libraries (`FIRESTORE_EMULATOR_HOST`): application code and the Firebase CLI; gcloud and gsutil do not. */
const EMULATOR_AWARE = new Set(['firebase']);
/** Frameworks' own launchers, which pick their database from the framework environment. */
const FRAMEWORK_LAUNCHERS = new Set(['mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet', 'console', 'bin/console']);

/** A provider's sandbox host: `api.sandbox.paypal.com`, `sandbox.plaid.com`, `connect.squareupsandbox.com`. */
const SANDBOX_HOST = /(?:^|[.-])sandbox(?:[.-]|$)|[a-z]sandbox\.com$/i;

/** A target named for development or tests (`rails -e test`, `--settings=acme.settings.local`): no place elsewhere. */
const DEV_OR_TEST_TARGET = /(?:^|[._-])(?:dev|development|test|testing|local|ci)$/i;

const RUNNER_WORD = /^(?:dotenv|dotenvx|env-cmd|with-env)\b/;

function optionValueOf(argv: readonly string[], flag: string): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(flag) && argv[i].length > flag.length && !argv[i].startsWith('--'))
      return argv[i].slice(flag.length);
  }
  return undefined;
}

export interface TargetEvidence {
  /** Why the whole command acts on something disposable; empty when nothing proves it. */
  disposable: string[];
  /** Every host the command reaches is this machine, and it reaches at least one. */
  onlyLocalHosts: boolean;
  /** Something the command reaches is elsewhere: a remote host, a cloud account, a remote cluster. */
  remote: boolean;
}

/** One scan for the marker test keys carry (`sk_test_…`), before looking at which variables the command reads. */
function mayHoldTestKey(cmd: SimpleCommand): boolean {
  if (cmd.source.includes('_test_')) return true;
  const holding = namesWhere(cmd.env, 'test-key', undefined, (_, v) => v.includes('_test_'));
  if (holding) return holding.length > 0;
  for (const k in cmd.env) if (cmd.env[k]?.includes('_test_')) return true;
  return false;
}

/** Variables one command reads on purpose: assigned on its own line (`K=V cmd`), named in it (`$K`), or named for the tool (`STRIPE_…` for `stripe`). */
function ownVariables(cmd: SimpleCommand, tool: string): string[] {
  const names = new Set<string>();
  for (const m of cmd.source.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=|\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
    names.add(m[1] ?? m[2]);
  const prefix = tool.toUpperCase().replace(/[^A-Z0-9]/g, '_') + '_';
  if (prefix.length > 2) for (const k in cmd.env) if (k.startsWith(prefix)) names.add(k);
  return [...names].filter((n) => typeof cmd.env[n] === 'string');
}

/** A variable that may point a client at an emulator: the only ones `emulatorEvidence` reads. */
const isEmulatorVar = (k: string, v: string): boolean =>
  v !== '' && (k.endsWith('_EMULATOR_HOST') || k.startsWith('AWS_ENDPOINT_URL'));

function emulatorEvidence(cmd: SimpleCommand, name: string, reach: string, remoteHosts: boolean): string | undefined {
  if (remoteHosts) return undefined;
  const aws = name === 'aws' || name === 'sam' || name === 'cdk';
  const libraries = reach === 'connection' || EMULATOR_AWARE.has(name);
  if (!aws && !libraries) return undefined;
  for (const k of namesWhere(cmd.env, 'emulators', undefined, isEmulatorVar) ?? Object.keys(cmd.env)) {
    const v = cmd.env[k];
    if (typeof v !== 'string' || !v) continue;
    const emulator = libraries && k.endsWith('_EMULATOR_HOST');
    const endpoint = (aws || libraries) && k.startsWith('AWS_ENDPOINT_URL');
    if (!emulator && !endpoint) continue;
    const host = v.includes('://') ? parseUrlHosts(v).hosts[0] : v.split(':')[0];
    if (host && isLocalHost(host)) return `$${k} points at an emulator on this machine (${v})`;
  }
  return undefined;
}

/**
 * What the command's clues say about where it acts, beyond production: the
 * evidence that it is disposable, whether all its hosts are this machine's,
 * and whether anything it reaches is remote. Only for commands that are not
 * production (the caller checks first).
 */
export function targetEvidence(cmd: SimpleCommand, ctx: AnalysisContext, config: Config | undefined): TargetEvidence {
  const { name, args } = programOf(cmd.argv);
  const reach = envReach(name, cmd.argv[0] ?? '');
  const clues = commandClues(cmd, ctx, config);
  const disposable: string[] = [];
  let localHosts = 0;
  let remoteHosts = false;
  let remote = false;
  let cloudAccount = false;
  const testDatabases: string[] = [];
  const previews: string[] = [];
  const sandboxes: string[] = [];
  const onLocalDaemon = inLocalContainer(cmd);
  // Inside a pod, or a container of another machine's Docker daemon, `127.0.0.1` is that pod's or machine's own.
  const loopbackElsewhere = cmd.remote?.kind === 'kubectl' || (cmd.remote?.kind === 'docker' && !onLocalDaemon);
  for (const c of clues) {
    switch (c.kind) {
      case 'host':
        if (isLocalHost(c.value)) localHosts += loopbackElsewhere ? 0 : 1;
        // A pod's or container's place is its cluster's or daemon's (a kube context, the Docker daemon), not a host of its own.
        else if (c.from === 'pod' || c.from === 'container') break;
        else if (SANDBOX_HOST.test(c.value)) sandboxes.push(c.value);
        else remoteHosts = remote = true;
        break;
      case 'kubeContext':
        if (isLocalCluster(c.value)) disposable.push(`kube context ${c.value} is a cluster on this machine`);
        else remote = true;
        break;
      case 'awsProfile':
      case 'gcloudProject':
        cloudAccount = true;
        break;
      case 'namespace':
      case 'deployTarget':
        if (isPreviewName(c.value))
          previews.push(`${c.kind === 'namespace' ? 'namespace' : 'target'} ${c.value} is a pull request's preview`);
        else if (c.kind === 'deployTarget' && !DEV_OR_TEST_TARGET.test(c.value)) remote = true;
        break;
      case 'database':
        if (isTestName(c.value)) testDatabases.push(c.value);
        break;
      default:
        break;
    }
  }
  if (localDaemon(cmd, name)) localHosts++;
  // A client that names no server talks to the one on this machine (libpq's Unix socket, MySQL's localhost);
  // a command run inside a container of the local Docker daemon (`docker compose exec db psql`) does too.
  if (!clues.some((c) => c.kind === 'host') && defaultsToLocal(cmd, name)) localHosts++;
  if (onLocalDaemon && !remoteHosts) localHosts++;
  const onlyLocalHosts = localHosts > 0 && !remoteHosts;

  const emulator = emulatorEvidence(cmd, name, reach, remoteHosts);
  if (emulator) disposable.push(emulator);
  else if (cloudAccount) remote = true;

  // A payment or API provider's test mode is its own sandbox, wherever its host is.
  if (mayHoldTestKey(cmd)) {
    const keys = [cmd.source, ...ownVariables(cmd, name).map((n) => cmd.env[n])].join(' ');
    if (TEST_KEY.test(keys) && !LIVE_KEY.test(keys))
      return { disposable: ['a test-mode API key'], onlyLocalHosts, remote };
  }
  if (previews.length) return { disposable: previews, onlyLocalHosts, remote };
  // A provider's sandbox API (`api.sandbox.paypal.com`) is its test mode.
  if (sandboxes.length && !remote)
    return { disposable: sandboxes.map((h) => `${h} is the provider's sandbox`), onlyLocalHosts, remote };
  if (remote) return { disposable: [], onlyLocalHosts, remote };

  if (LOCAL_RUNTIME_TOOLS.has(name)) disposable.push(`${name} runs its clusters and machines on this one`);
  const local = localMode(cmd, name);
  if (local) disposable.push(local);
  // A secret runner loading a test configuration (`dotenv -e .env.test -- …`, parse/runners.ts).
  if (cmd.env.DEPLOY_ENV === 'test' && cmd.via.some((v) => RUNNER_WORD.test(v)))
    disposable.push('its environment is the test configuration it was started with');
  const redisDb =
    name === 'redis-cli' || name === 'valkey-cli' || name === 'keydb-cli' ? optionValueOf(cmd.argv, '-n') : undefined;
  if (redisDb !== undefined && /^[1-9]\d*$/.test(redisDb) && (onlyLocalHosts || !clues.some((c) => c.kind === 'host')))
    disposable.push(`database ${redisDb} of the Redis on this machine, numbered apart from the default one`);
  const user = cmd.env.USER ?? cmd.env.LOGNAME;
  if (user && user.length >= 3 && onlyLocalHosts) {
    // Built only for a command that names a database: most judged commands name none.
    let own: RegExp | undefined;
    for (const c of clues)
      if (
        c.kind === 'database' &&
        !isTestName(c.value) &&
        (own ??= new RegExp(`(?:^|[_\\-.])${user.replace(/[^A-Za-z0-9]/g, '')}(?:$|[_\\-.])`, 'i')).test(c.value)
      )
        disposable.push(`database ${c.value} on this machine is named for its developer (${user})`);
  }
  if (EMBEDDED_DATABASES.has(name) && inMemory(args) && !opensDatabaseFile([...args, cmd.stdin ?? '']))
    disposable.push(`${name} opens an in-memory database that is gone when it exits`);
  if (onlyLocalHosts) {
    for (const db of testDatabases) disposable.push(`database ${db} on this machine is named for tests`);
    if (SCRATCH_SERVER_TOOLS.has(name)) disposable.push(`${name} talks to a server on this machine`);
    // A raw socket named to a server of this machine carries that server's own commands (`FLUSHALL` into
    // `nc 127.0.0.1 6379`): they weigh as its own client's would, `redis-cli -h 127.0.0.1 FLUSHALL`.
    else if ((SOCKET_CLIENTS as readonly string[]).includes(name))
      disposable.push(`${name} talks to a server on this machine, as its own client would`);
  }
  if (ORM_TOOLS.has(name) || FRAMEWORK_LAUNCHERS.has(name)) {
    const fw = frameworkEnvironment(cmd, args);
    if (fw.env === 'test' || fw.env === 'development')
      disposable.push(`the framework runs in its ${fw.name ?? fw.env} environment`);
  }
  return { disposable, onlyLocalHosts, remote };
}
