// Evidence of an environment, and reading it out of a command. A clue is one
// thing a command points at; some words say production without a config;
// each program reads only some evidence (a variable counts only for a command
// that reads it). Clues come from URLs and connection strings in its words,
// database, ssh, kube and cloud flags, the wrappers it ran through, the
// variables it reads, and the kube context in effect. The tables are in
// programs.ts, URLs in urls.ts, database and ssh flags in clientClues.ts.
import * as path from 'node:path';
import { optionValue, optionValues, positionals } from '../command/args';
import { connectionOf, SOCKET_CLIENTS } from '../command/socketClients';
import type { AnalysisContext, EnvironmentMatch, SimpleCommand } from '../types';
import { repeatableLookup } from '../state/lookups';
import {
  SSH_LIKE,
  AWS_TOOLS,
  GCLOUD_TOOLS,
  KUBE_TOOLS,
  isConnectionVar,
  ENV_NAME_VARS,
  HOST_VARS,
  DATABASE_VARS,
  AWS_PROFILE_VARS,
  GCLOUD_PROJECT_VARS,
  READ_BY_TOOLS,
  CONNECTION_VAR_NAMES,
  programOf,
  INERT,
  DB_CLIS,
  ORM_TOOLS,
  COPY_OVER_SSH,
  CLOUD_TOOLS,
  envReach,
} from './programs';
import { ClueSet, type Clue } from './clueSet';
import { ansibleSetupClues } from './ansibleClues';
import { namesWhere } from './envScan';
import { sshHost, sshClues, databaseClues } from './clientClues';
export { ClueSet, type ClueKind, type Clue } from './clueSet';
export { parseUrlHosts } from './urls';
export {
  PRODUCTION_WORD,
  ENV_NAME_VARS,
  isLocalHost,
  ORM_TOOLS,
  HOST_VARS,
  DATABASE_VARS,
  AWS_PROFILE_VARS,
  GCLOUD_PROJECT_VARS,
  programOf,
  envReach,
  isConnectionVar,
} from './programs';

export function unknown(): EnvironmentMatch {
  return { name: 'unknown', production: false, evidence: [] };
}

function kubeClues(
  set: ClueSet,
  name: string,
  args: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): void {
  const context = optionValue(
    args,
    name === 'helm' || name === 'helmfile' || name === 'skaffold' ? ['--kube-context'] : ['--context'],
  );
  if (context) set.add('kubeContext', context, `${name} --context`);
  else {
    const current = currentKubeContext(cmd.env, ctx, cmd.cwd, optionValue(args, ['--kubeconfig']));
    if (current) set.add('kubeContext', current.context, `current kube context in ${current.file}`);
  }
  set.add('namespace', optionValue(args, ['-n', '--namespace']), `${name} --namespace`);
}

/** ansible's options that take a value, before its host pattern. */
const ANSIBLE_VALUES = [
  '-i',
  '--inventory',
  '--inventory-file',
  '-l',
  '--limit',
  '-m',
  '--module-name',
  '-a',
  '--args',
  '-e',
  '--extra-vars',
  '-u',
  '--user',
  '-f',
  '--forks',
  '-c',
  '--connection',
  '-M',
  '--module-path',
  '-B',
  '-P',
  '--become-user',
  '--private-key',
];

function cloudClues(set: ClueSet, name: string, args: readonly string[]): void {
  if (AWS_TOOLS.has(name))
    set.add('awsProfile', optionValue(args, ['--profile', '--aws-profile']), `${name} --profile`);
  if (GCLOUD_TOOLS.has(name)) {
    const flags =
      name === 'gsutil'
        ? ['-p']
        : name === 'bq'
          ? ['--project_id', '--project']
          : name === 'firebase'
            ? ['--project', '-P']
            : ['--project'];
    set.add('gcloudProject', optionValue(args, flags), `${name} ${flags[0]}`);
  }
  // Deployment targets named on the command line (railway -e, heroku -a, pulumi -s, serverless --stage).
  const targetFlags = [
    '--environment',
    '--env',
    '--stage',
    '--stack',
    '--app',
    ...(name === 'railway' || name === 'helmfile' ? ['-e'] : []),
    ...(name === 'heroku' || name === 'fly' || name === 'flyctl' ? ['-a'] : []),
    ...(name === 'pulumi' ? ['-s'] : []),
  ];
  for (const v of optionValues(args, targetFlags)) set.add('deployTarget', v, `${name} deployment target`);
  // Ansible's inventory, limit and (ad hoc) host pattern name the machines it changes.
  if (name === 'ansible' || name === 'ansible-playbook') {
    for (const v of optionValues(args, ['-i', '--inventory', '--inventory-file', '-l', '--limit']))
      set.add('deployTarget', v, `${name} hosts`);
    if (name === 'ansible') set.add('deployTarget', positionals(args, ANSIBLE_VALUES)[0], 'ansible host pattern');
  }
  if ((name === 'vercel' || name === 'netlify' || name === 'convex') && args.includes('--prod'))
    set.add('deployTarget', 'production', `${name} --prod`);
  // `convex deploy` pushes to the project's production deployment (its dev deployment is `convex dev`'s).
  if (
    name === 'convex' &&
    args[1] === 'deploy' &&
    !args.includes('--preview-create') &&
    !args.includes('--preview-name')
  )
    set.add('deployTarget', 'production', 'convex deploy');
}

/** A framework tool's own flags: `--host`, and the environment it is told to run in (`rails -e production`, `--env=prod`, `--settings=…production`). */
function frameworkClues(set: ClueSet, name: string, args: readonly string[]): void {
  for (const h of optionValues(args, ['--host', '--hostname'])) set.add('host', h.toLowerCase(), `${name} --host`);
  for (const e of optionValues(args, ['-e', '--environment', '--env', '--settings']))
    set.add('deployTarget', e, `${name} environment`);
}

/** Options through which any client names its server: brokers, search engines, admin APIs. */
const SERVER_OPTIONS = new Set([
  '--bootstrap-server',
  '--bootstrap-servers',
  '--server',
  '--servers',
  '--broker',
  '--brokers',
  '--host',
  '--hostname',
  '--endpoint',
  '--endpoints',
  '--url',
  '--uri',
  '--addr',
  '--address',
  '--admin-url',
  '--api-url',
  '--service-url',
  '--cluster-url',
]);

/** `--bootstrap-server kafka-1:9092`, `--server nats://…`, `--endpoints=http://127.0.0.1:2379`, rpk's `-X brokers=…`. */
function serverOptionClues(set: ClueSet, name: string, args: readonly string[]): void {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a.length < 5 || a.charCodeAt(0) !== 45 /* - */) continue;
    let value: string | undefined;
    if (a === '-X' && /^brokers=/.test(args[i + 1] ?? '')) value = args[i + 1].slice(8);
    else if (a.charCodeAt(1) === 45) {
      const eq = a.indexOf('=');
      if (!SERVER_OPTIONS.has(eq === -1 ? a : a.slice(0, eq))) continue;
      value = eq === -1 ? args[i + 1] : a.slice(eq + 1);
    }
    if (!value || value.startsWith('-')) continue;
    for (const part of value.split(',').slice(0, 8)) {
      const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#\s]+)/i.exec(part.trim());
      set.add('host', url ? url[1].replace(/^\[|\]$/g, '').toLowerCase() : sshHost(part.trim()), `${name} server`);
    }
  }
}

/** Wrappers peeled off on the way (`kubectl exec --context prod-eu -n api pod --`, `ssh db-prod`, `docker -H …`). */
function viaClues(set: ClueSet, cmd: SimpleCommand, ctx: AnalysisContext): void {
  // Indexed: run for every command, and until V8 optimizes this (most of a batch) for…of allocates per step.
  for (let i = 0; i < cmd.via.length; i++) {
    const { words, name } = viaWords(cmd.via[i]);
    if (KUBE_TOOLS.has(name)) kubeClues(set, name, words, cmd, ctx);
    else if (SSH_LIKE.has(name)) sshClues(set, name, words);
    else if (name === 'docker' || name === 'podman') dockerHost(set, words);
    // A secret injector run with a named environment's secrets (parse/runners.ts sets DEPLOY_ENV): any program under it targets that environment.
    else if (SECRET_RUNNERS.has(name) && cmd.env.DEPLOY_ENV)
      set.add('env', cmd.env.DEPLOY_ENV, `${name} secrets`, 'DEPLOY_ENV');
  }
}
// A batch's commands run through the same few wrappers (`sudo`, `bash -c`, `kubectl exec … --`): each split once.
const MAX_VIAS = 256;
const viasSplit = new Map<string, { words: readonly string[]; name: string }>();
function viaWords(via: string): { words: readonly string[]; name: string } {
  let v = viasSplit.get(via);
  if (!v) {
    const words = Object.freeze(via.trim().split(/\s+/));
    v = { words, name: path.basename(words[0] ?? '') };
    if (viasSplit.size >= MAX_VIAS) viasSplit.clear();
    viasSplit.set(via, v);
  }
  return v;
}
const SECRET_RUNNERS = new Set([
  'doppler',
  'op',
  'infisical',
  'dotenv',
  'dotenv-cli',
  'dotenvx',
  'aws-vault',
  'railway',
  'env-cmd',
  'with-env',
]);

function dockerHost(set: ClueSet, args: readonly string[]): void {
  const h = optionValue(args, ['-H', '--host']);
  if (h) set.add('host', sshHost(h.replace(/^[a-z]+:\/\//i, '')), 'docker --host');
}

/**
 * Variables as clues. Only variables that can say something become clues:
 * connection strings and database hosts (their hosts and names), the ones a
 * configured environment names, NODE_ENV and friends, cloud profiles and
 * projects — so a command with a 100-variable environment costs a scan of
 * values for `://`, not 100 clues.
 */
function envClues(
  set: ClueSet,
  cmd: SimpleCommand,
  reach: 'all' | 'connection' | 'named',
  tool: string,
  configured: ReadonlySet<string>,
): void {
  const named = new Set<string>();
  if (cmd.source.includes('$')) for (const m of cmd.source.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) named.add(m[1]);
  const consider = (name: string): void => {
    const value = cmd.env[name];
    if (typeof value !== 'string' || !value) return;
    const isNamed = named.has(name);
    const connection = isConnectionVar(name, value);
    if (!(isNamed || reach === 'all' || connection)) return;
    const from = `$${name}`;
    if (isNamed || configured.has(name) || ENV_NAME_VARS.has(name)) set.add('env', value, from, name);
    if (connection || isNamed) {
      set.urls(value, from);
      if (HOST_VARS.has(name)) set.add('host', value.toLowerCase(), from);
      if (DATABASE_VARS.has(name)) set.add('database', value, from);
    }
    if (AWS_PROFILE_VARS.includes(name) && (isNamed || AWS_TOOLS.has(tool))) set.add('awsProfile', value, from);
    if (GCLOUD_PROJECT_VARS.includes(name) && (isNamed || GCLOUD_TOOLS.has(tool)))
      set.add('gcloudProject', value, from);
  };
  if (reach === 'named') {
    for (const name of named) consider(name);
    return;
  }
  // Runs before every command of a database or cloud tool: one scan, few lookups per variable.
  const wanted = reach === 'all' ? READ_BY_TOOLS : CONNECTION_VAR_NAMES;
  const env = cmd.env;
  // A command that names no variable considers the same ones every time in an environment that cannot change.
  const same =
    named.size === 0
      ? reach === 'all'
        ? namesWhere(env, 'clues:all', configured, (n, v) => v.includes('://') || wanted.has(n) || configured.has(n))
        : namesWhere(env, 'clues:connection', undefined, (n, v) => v.includes('://') || wanted.has(n))
      : undefined;
  if (same) {
    for (let i = 0; i < same.length; i++) consider(same[i]);
    return;
  }
  for (const name in env) {
    const value = env[name];
    if (
      (typeof value === 'string' && value.includes('://')) ||
      wanted.has(name) ||
      named.has(name) ||
      (reach === 'all' && configured.has(name))
    ) {
      consider(name);
    }
  }
}

/** Every clue one command gives about where it acts. */
export function cluesOf(cmd: SimpleCommand, ctx: AnalysisContext, configuredVars: ReadonlySet<string>): Clue[] {
  const set = new ClueSet();
  const argv0 = cmd.argv[0] ?? '';
  const { name, args } = programOf(cmd.argv);
  if (!INERT.has(name)) {
    for (let i = 1; i < args.length; i++) set.urls(args[i], 'URL');
    if (DB_CLIS.has(name)) databaseClues(set, name, args);
    else if (ORM_TOOLS.has(name)) frameworkClues(set, name, args);
    if (SSH_LIKE.has(name) || COPY_OVER_SSH.has(name)) sshClues(set, name, args);
    if (KUBE_TOOLS.has(name)) kubeClues(set, name, args, cmd, ctx);
    if (name === 'docker' || name === 'podman') dockerHost(set, args);
    // `nc cache 6379`, `socat - TCP:db:5432`: a raw socket's host is where what is typed into it acts.
    if ((SOCKET_CLIENTS as readonly string[]).includes(name))
      set.add('host', connectionOf(cmd.argv)?.host?.toLowerCase(), 'socket');
    if (CLOUD_TOOLS.has(name)) {
      cloudClues(set, name, args);
      if (name === 'terraform' || name === 'tofu' || name === 'terragrunt')
        set.add('deployTarget', cmd.env.TF_WORKSPACE, 'TF_WORKSPACE');
      if (name === 'ansible' || name === 'ansible-playbook') ansibleSetupClues(set, name, args, cmd, ctx);
    } else if (!DB_CLIS.has(name) && !KUBE_TOOLS.has(name)) serverOptionClues(set, name, args);
    envClues(set, cmd, envReach(name, argv0), name, configuredVars);
  }
  if (cmd.remote) {
    const what = cmd.remote.kind === 'ssh' ? 'ssh target' : cmd.remote.kind === 'docker' ? 'container' : 'pod';
    set.add('host', cmd.remote.kind === 'ssh' ? sshHost(cmd.remote.target) : cmd.remote.target.toLowerCase(), what);
  }
  viaClues(set, cmd, ctx);
  return set.clues;
}

// ---- the current kube context ---------------------------------------------------

const KUBE_CACHE_MS = 5000;
// Per readFile implementation (tests inject their own) and per file; short-lived
// so a long-running editor notices `kubectl config use-context`.
const kubeCache = new WeakMap<AnalysisContext['readFile'], Map<string, { at: number; context: string | undefined }>>();

/** `current-context` of the first kubeconfig that sets one (`--kubeconfig`, `$KUBECONFIG` list, `~/.kube/config`). */
export function currentKubeContext(
  env: Record<string, string | undefined>,
  ctx: Pick<AnalysisContext, 'home' | 'readFile'>,
  cwd: string,
  explicit?: string,
): { context: string; file: string } | undefined {
  const files = (
    explicit
      ? [explicit]
      : env.KUBECONFIG
        ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
        : [path.join(ctx.home, '.kube', 'config')]
  ).map((f) => (f.startsWith('~/') ? path.join(ctx.home, f.slice(2)) : path.resolve(cwd, f)));
  // A cached answer counts too: it came from a file. Looked at again, the files are read past this cache.
  return repeatableLookup(
    () => kubeContextOf(files, ctx, cwd, true),
    () => kubeContextOf(files, ctx, cwd, false),
  );
}

function kubeContextOf(
  files: readonly string[],
  ctx: Pick<AnalysisContext, 'home' | 'readFile'>,
  cwd: string,
  cached: boolean,
): { context: string; file: string } | undefined {
  const cache = kubeCache.get(ctx.readFile) ?? new Map<string, { at: number; context: string | undefined }>();
  kubeCache.set(ctx.readFile, cache);
  const now = Date.now();
  for (const file of files) {
    let hit = cached ? cache.get(file) : undefined;
    if (!hit || now - hit.at > KUBE_CACHE_MS) {
      const text = ctx.readFile(file, cwd);
      const m = text ? /^current-context:[ \t]*(["']?)([^"'\r\n#]*?)\1[ \t]*(?:#.*)?$/m.exec(text) : null;
      hit = { at: now, context: m?.[2] || undefined };
      if (cached) cache.set(file, hit);
    }
    if (hit.context)
      return {
        context: hit.context,
        file: file.startsWith(ctx.home + path.sep) ? '~' + file.slice(ctx.home.length) : file,
      };
  }
  return undefined;
}
