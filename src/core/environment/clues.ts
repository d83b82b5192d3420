// Evidence of an environment, and reading it out of a command. A clue is one
// thing a command points at; some words say production without a config;
// each program reads only some evidence (a variable counts only for a command
// that reads it). Clues come from URLs and connection strings in its words,
// database, ssh, kube and cloud flags, the wrappers it ran through, the
// variables it reads, and the kube context in effect. One module: every
// command is read this way, and its tables are looked up many times each.
import * as path from 'node:path';
import { optionValue, optionValues, positionals } from '../command/args';
import type { AnalysisContext, EnvironmentMatch, SimpleCommand } from '../types';
import { countLookup } from '../state/lookups';

export type ClueKind = 'host' | 'kubeContext' | 'namespace' | 'awsProfile' | 'gcloudProject' | 'database' | 'deployTarget' | 'env';

/** One thing a command points at. */
export interface Clue {
  kind: ClueKind;
  /** Host, context, profile…; for `env`, the variable's value (never printed: it may hold a password). */
  value: string;
  /** For `env`: the variable's name. */
  name?: string;
  /** Where it was found, for evidence: `$DATABASE_URL`, `--context`, `ssh target`. */
  from: string;
}

export function unknown(): EnvironmentMatch {
  return { name: 'unknown', production: false, evidence: [] };
}

// ---- what counts as production without a config ----------------------------

/** `prod`, `production`, `live` as a word: delimited by . - _ / : , or the ends; `prod2` counts, `productivity`, `olive` do not. */
export const PRODUCTION_WORD = /(?:^|[.\-_/:,])(prod|production|live)\d*(?=$|[.\-_/:,])/i;
/** Variables that name the application's environment. */
export const ENV_NAME_VARS = new Set(['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'APP_ENVIRONMENT', 'FLASK_ENV', 'DJANGO_ENV', 'MIX_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'ENVIRONMENT', 'ENV', 'STAGE', 'DEPLOY_ENV', 'SPRING_PROFILES_ACTIVE']);
const LOCAL_NAMES = new Set(['localhost', '::1', '0.0.0.0', 'host.docker.internal']);

/** This machine: loopback, `*.localhost`, mDNS `*.local`, the Docker host alias, unix sockets; the one rule (packs: common/urls). */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOCAL_NAMES.has(h) || h.endsWith('.localhost') || h.endsWith('.local') || h.startsWith('/') || /^127(\.\d{1,3}){3}$/.test(h);
}

// ---- which programs use which evidence ---------------------------------------

export const DB_CLIS = new Set(['psql', 'pg_dump', 'pg_dumpall', 'pg_restore', 'pg_basebackup', 'dropdb', 'createdb', 'dropuser', 'createuser', 'vacuumdb', 'reindexdb', 'clusterdb', 'pgbench', 'pgcli', 'mysql', 'mariadb', 'mysqldump', 'mariadb-dump', 'mysqladmin', 'mariadb-admin', 'mysqlimport', 'mysqlsh', 'mycli', 'mongosh', 'mongo', 'mongodump', 'mongorestore', 'mongoimport', 'mongoexport', 'redis-cli', 'valkey-cli', 'keydb-cli', 'sqlcmd', 'clickhouse-client', 'clickhouse', 'cqlsh', 'cockroach', 'usql']);
export const ORM_TOOLS = new Set(['prisma', 'drizzle-kit', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'mikro-orm', 'rails', 'rake', 'alembic', 'django-admin', 'manage.py', 'artisan', 'flask', 'flyway', 'liquibase', 'dbmate', 'goose', 'migrate', 'atlas', 'sqlx', 'diesel', 'sqitch', 'hasura', 'graphile-migrate', 'node-pg-migrate', 'db-migrate', 'mix', 'ecto', 'supabase']);
export const KUBE_TOOLS = new Set(['kubectl', 'kubecolor', 'oc', 'helm', 'helmfile', 'skaffold', 'k9s', 'stern']);
export const AWS_TOOLS = new Set(['aws', 'sam', 'cdk', 'cdktf', 'serverless', 'sls', 'copilot', 'eb', 'eksctl', 'terraform', 'tofu', 'terragrunt', 'pulumi']);
export const GCLOUD_TOOLS = new Set(['gcloud', 'gsutil', 'bq', 'firebase', 'terraform', 'tofu', 'terragrunt', 'pulumi']);
export const CLOUD_TOOLS = new Set([...AWS_TOOLS, ...GCLOUD_TOOLS, ...KUBE_TOOLS, 'az', 'doctl', 'heroku', 'railway', 'fly', 'flyctl', 'vercel', 'netlify', 'wrangler', 'neonctl', 'neon', 'render', 'pscale', 'turso', 'ansible', 'ansible-playbook', 's3cmd', 'convex']);
/** Run application code, which reads connection strings from its environment. */
const APP_RUNNERS = new Set(['node', 'nodejs', 'deno', 'bun', 'tsx', 'ts-node', 'python', 'python3', 'ruby', 'php', 'perl', 'java', 'go', 'cargo', 'dotnet', 'npm', 'yarn', 'pnpm', 'make', 'just', 'sh', 'bash', 'zsh']);
/** Only print or test data: they reach no environment, whatever their words say. */
export const INERT = new Set(['echo', 'printf', 'true', 'false', 'test', '[', '[[', ':', 'printenv', 'export', 'unset', 'read', 'type', 'which', 'whereis', 'basename', 'dirname', 'cd', 'pwd']);
export const SSH_LIKE = new Set(['ssh', 'mosh', 'autossh']);
export const COPY_OVER_SSH = new Set(['scp', 'sftp', 'rsync']);

export const DB_SCHEMES = ['postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'sqlserver', 'mssql', 'clickhouse', 'cockroachdb'];
export const URL_IN_WORD = new RegExp(`(?:^|[=:@"'(,])((?:${[...DB_SCHEMES, 'https?', 'ssh', 'ssh\\+git'].map((s) => s.replace('+', '\\+')).join('|')})://[^\\s"'<>]+)`, 'gi');
const DB_URL = new RegExp(`(?:^|[^a-z+])(?:${DB_SCHEMES.map((s) => s.replace('+', '\\+')).join('|')})://`, 'i');

export const HOST_VARS = new Set(['PGHOST', 'MYSQL_HOST', 'DB_HOST', 'DATABASE_HOST', 'POSTGRES_HOST', 'REDIS_HOST', 'MONGO_HOST', 'MONGODB_HOST']);
export const DATABASE_VARS = new Set(['PGDATABASE', 'MYSQL_DATABASE', 'DB_NAME', 'DATABASE_NAME', 'POSTGRES_DB']);
export const AWS_PROFILE_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];
export const GCLOUD_PROJECT_VARS = ['CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GCP_PROJECT'];
/** Variables that say something without holding a URL: hosts and database names, for any command that reads connections. */
export const CONNECTION_VAR_NAMES: ReadonlySet<string> = new Set([...HOST_VARS, ...DATABASE_VARS]);
/** …and for tools that read their whole environment, also the app's environment name and cloud profiles. */
export const READ_BY_TOOLS: ReadonlySet<string> = new Set([...CONNECTION_VAR_NAMES, ...ENV_NAME_VARS, ...AWS_PROFILE_VARS, ...GCLOUD_PROJECT_VARS]);

/** The program as far as evidence goes: `python manage.py` → `manage.py`, `bundle exec rails` → `rails`. */
export function programOf(argv: readonly string[]): { name: string; args: readonly string[] } {
  let i = 0;
  let name = argv[0] ?? '';
  if (name.includes('/')) name = path.basename(name);
  if (name === 'bundle' && argv[1] === 'exec' && argv[2]) {
    i = 2;
    name = path.basename(argv[2]);
  } else if (/^python[\d.]*$/.test(name) && argv[1] === '-m' && argv[2]) {
    i = 2;
    name = argv[2];
  } else if (/^python[\d.]*$/.test(name) && argv[1]?.endsWith('manage.py')) {
    i = 1;
    name = 'manage.py';
  } else if (name === 'php' && argv[1] && (path.basename(argv[1]) === 'artisan' || path.basename(argv[1]) === 'console')) {
    i = 1;
    name = path.basename(argv[1]);
  } else if (['poetry', 'pipenv', 'uv'].includes(name) && argv[1] === 'run' && argv[2]) {
    i = 2;
    name = path.basename(argv[2]);
  }
  return { name, args: argv.slice(i) };
}

/**
 * Which variables of its environment a command reads:
 * - `all`: database CLIs, ORMs and migration tools, cloud and kube CLIs —
 *   they are configured through their environment;
 * - `connection`: application runners (node, python, make, npm…) — only
 *   connection strings and database hosts, not NODE_ENV and friends, or every
 *   production build would count;
 * - `named`: anything else — only the variables its source names (`$VAR`).
 */
export function envReach(name: string, argv0: string): 'all' | 'connection' | 'named' {
  if (DB_CLIS.has(name) || ORM_TOOLS.has(name) || CLOUD_TOOLS.has(name)) return 'all';
  if (APP_RUNNERS.has(name) || argv0.includes('/') || /\.(sh|py|js|mjs|cjs|ts|rb|pl)$/.test(argv0)) return 'connection';
  return 'named';
}

export function isConnectionVar(name: string, value: string): boolean {
  return HOST_VARS.has(name) || DATABASE_VARS.has(name) || (value.includes('://') && DB_URL.test(value));
}

// ---- reading clues out of a command ----------------------------------------

interface ParsedUrl {
  hosts: string[];
  database?: string;
}

// The same DATABASE_URL is read for every database command: parse it once.
const parsedUrls = new Map<string, ParsedUrl>();

/** Hosts (and database) of `scheme://user:pass@host1:5432,host2/db?x`, without trusting `new URL` with odd input. */
export function parseUrlHosts(url: string): ParsedUrl {
  let parsed = parsedUrls.get(url);
  if (!parsed) {
    if (parsedUrls.size >= 256) parsedUrls.clear();
    parsed = parseUrl(url);
    parsedUrls.set(url, parsed);
  }
  return parsed;
}

function parseUrl(url: string): ParsedUrl {
  const schemeEnd = url.indexOf('://');
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  let rest = url.slice(schemeEnd + 3);
  const pathStart = rest.search(/[/?#]/);
  const authority = pathStart === -1 ? rest : rest.slice(0, pathStart);
  rest = pathStart === -1 ? '' : rest.slice(pathStart);
  const hostPart = authority.slice(authority.lastIndexOf('@') + 1);
  const hosts: string[] = [];
  for (const h of hostPart.split(',')) {
    const host = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
    if (host) hosts.push(safeDecode(host).toLowerCase());
  }
  let database: string | undefined;
  if (DB_SCHEMES.includes(scheme) && rest.startsWith('/')) {
    const db = safeDecode(rest.slice(1).split(/[/?#]/)[0]);
    if (db && !/^\d+$/.test(db)) database = db; // redis://host/0 is a number, not a name
  }
  return { hosts, database };
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export class ClueSet {
  readonly clues: Clue[] = [];
  add(kind: ClueKind, value: string | undefined, from: string, name?: string): void {
    if (!value) return;
    const v = kind === 'env' ? value : value.trim();
    if (!v || v.includes('$')) return; // an unresolved expansion says nothing yet
    // A handful of clues per command: a scan is cheaper than a keyed set.
    for (const c of this.clues) if (c.kind === kind && c.value === v && c.name === name) return;
    const clue: Clue = { kind, value: v, from };
    if (name) clue.name = name;
    this.clues.push(clue);
  }
  urls(text: string, from: string): void {
    if (!text.includes('://')) return;
    URL_IN_WORD.lastIndex = 0;
    for (let m = URL_IN_WORD.exec(text); m; m = URL_IN_WORD.exec(text)) {
      const { hosts, database } = parseUrlHosts(m[1]);
      for (const h of hosts) this.add('host', h, from);
      this.add('database', database, from);
    }
  }
  /** libpq `host=… dbname=…` strings. */
  conninfo(text: string, from: string): void {
    if (!text.includes('=')) return;
    for (const m of text.matchAll(/(?:^|\s)(host|hostaddr|dbname)\s*=\s*'?([^\s']+)/g)) {
      if (m[1] === 'dbname') this.add('database', m[2], from);
      else for (const h of m[2].split(',')) this.add('host', h.toLowerCase(), from);
    }
  }
}

const HOST_FLAGS = ['-h', '--host', '--hostname'];
const PSQL_VALUE_OPTS = ['-c', '-d', '-f', '-h', '-p', '-U', '-v', '-o', '-L', '-P', '-T', '-F', '-R', '-S', '--command', '--dbname', '--file', '--host', '--port', '--username', '--set', '--variable', '--output', '--log-file', '--pset', '--table-attr', '--field-separator', '--record-separator', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-N', '-T', '-Z', '-E', '--encoding', '-O', '--owner', '-D', '--tablespace', '-l', '--locale', '--template'];
const MYSQL_VALUE_OPTS = ['-e', '-h', '-P', '-u', '-D', '-S', '--execute', '--host', '--port', '--user', '--database', '--socket', '--defaults-file', '--login-path'];
const MONGO_VALUE_OPTS = ['--host', '--port', '-u', '--username', '--eval', '--file', '-f', '--authenticationDatabase', '--tlsCAFile'];
const SSH_VALUE_OPTS = ['-b', '-B', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-P'];

function databaseClues(set: ClueSet, name: string, args: readonly string[]): void {
  for (const h of optionValues(args, name === 'sqlcmd' ? ['-S', ...HOST_FLAGS] : HOST_FLAGS)) {
    if (h.includes('://')) set.urls(h, `${name} --host`);
    else set.add('host', h.replace(/^tcp:/i, '').split(/[,:]/)[0].toLowerCase(), `${name} --host`);
  }
  for (const w of args.slice(1)) set.conninfo(w, `${name} connection string`);

  const pg = name.startsWith('pg') || ['psql', 'dropdb', 'createdb', 'vacuumdb', 'reindexdb', 'clusterdb', 'dropuser', 'createuser'].includes(name);
  const mysql = name.startsWith('mysql') || name.startsWith('mariadb') || name === 'mycli';
  const mongo = name.startsWith('mongo');
  const flagged = pg ? optionValue(args, ['-d', '--dbname', '--maintenance-db'])
    : mysql ? optionValue(args, ['-D', '--database'])
    : mongo ? optionValue(args, ['--db', '-d']) : undefined;
  const first = pg ? positionals(args, PSQL_VALUE_OPTS)[0]
    : mysql ? positionals(args, MYSQL_VALUE_OPTS)[0]
    : mongo ? positionals(args, MONGO_VALUE_OPTS)[0] : undefined;
  for (const db of [flagged, first]) {
    if (!db || db.includes('://') || db.includes('=')) continue; // URLs and conninfo are read above
    // mongosh host/db
    set.add('database', mongo && db.includes('/') ? db.slice(db.indexOf('/') + 1) : db, `${name} database`);
    if (mongo && db.includes('/')) set.add('host', db.slice(0, db.indexOf('/')).split(':')[0].toLowerCase(), `${name} target`);
  }
}

function sshHost(target: string): string {
  const at = target.slice(target.lastIndexOf('@') + 1);
  return (at.startsWith('[') ? at.slice(1, at.indexOf(']')) : at.split(':')[0]).toLowerCase();
}

function sshClues(set: ClueSet, name: string, args: readonly string[]): void {
  if (SSH_LIKE.has(name)) {
    const target = positionals(args, SSH_VALUE_OPTS)[0];
    if (target && !target.includes('://')) set.add('host', sshHost(target), `${name} target`);
    for (const jump of optionValues(args, ['-J'])) for (const j of jump.split(',')) set.add('host', sshHost(j), `${name} jump host`);
    return;
  }
  // scp/rsync/sftp: `[user@]host:path` operands (not `./a:b`, `/x:y` or `C:\`)
  for (const w of args.slice(1)) {
    if (w.startsWith('-')) continue;
    const m = /^(?:[^@/\s]+@)?([A-Za-z0-9][A-Za-z0-9._-]*|\[[0-9a-fA-F:]+\]):/.exec(w);
    if (m && m[1].length > 1) set.add('host', sshHost(m[1]), `${name} target`);
    else if (name === 'sftp' && /^[^-/.][^/\s]*$/.test(w)) set.add('host', sshHost(w), `${name} target`);
  }
}

function kubeClues(set: ClueSet, name: string, args: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): void {
  const context = optionValue(args, name === 'helm' || name === 'helmfile' || name === 'skaffold' ? ['--kube-context'] : ['--context']);
  if (context) set.add('kubeContext', context, `${name} --context`);
  else {
    const current = currentKubeContext(cmd.env, ctx, cmd.cwd, optionValue(args, ['--kubeconfig']));
    if (current) set.add('kubeContext', current.context, `current kube context in ${current.file}`);
  }
  set.add('namespace', optionValue(args, ['-n', '--namespace']), `${name} --namespace`);
}

function cloudClues(set: ClueSet, name: string, args: readonly string[]): void {
  if (AWS_TOOLS.has(name)) set.add('awsProfile', optionValue(args, ['--profile', '--aws-profile']), `${name} --profile`);
  if (GCLOUD_TOOLS.has(name)) {
    const flags = name === 'gsutil' ? ['-p'] : name === 'bq' ? ['--project_id', '--project'] : name === 'firebase' ? ['--project', '-P'] : ['--project'];
    set.add('gcloudProject', optionValue(args, flags), `${name} ${flags[0]}`);
  }
  // Deployment targets named on the command line (railway -e, heroku -a, pulumi -s, serverless --stage).
  const targetFlags = ['--environment', '--env', '--stage', '--stack', '--app',
    ...(name === 'railway' || name === 'helmfile' ? ['-e'] : []), ...(name === 'heroku' || name === 'fly' || name === 'flyctl' ? ['-a'] : []), ...(name === 'pulumi' ? ['-s'] : [])];
  for (const v of optionValues(args, targetFlags)) set.add('deployTarget', v, `${name} deployment target`);
  if ((name === 'vercel' || name === 'netlify' || name === 'convex') && args.includes('--prod')) set.add('deployTarget', 'production', `${name} --prod`);
  // `convex deploy` pushes to the project's production deployment (its dev deployment is `convex dev`'s).
  if (name === 'convex' && args[1] === 'deploy' && !args.includes('--preview-create') && !args.includes('--preview-name')) set.add('deployTarget', 'production', 'convex deploy');
}

/** A framework tool's own flags: `--host`, and the environment it is told to run in (`rails -e production`, `--env=prod`, `--settings=…production`). */
function frameworkClues(set: ClueSet, name: string, args: readonly string[]): void {
  for (const h of optionValues(args, ['--host', '--hostname'])) set.add('host', h.toLowerCase(), `${name} --host`);
  for (const e of optionValues(args, ['-e', '--environment', '--env', '--settings'])) set.add('deployTarget', e, `${name} environment`);
}

/** Options through which any client names its server: brokers, search engines, admin APIs. */
const SERVER_OPTIONS = new Set(['--bootstrap-server', '--bootstrap-servers', '--server', '--servers', '--broker', '--brokers', '--host', '--hostname', '--endpoint', '--endpoints', '--url', '--uri', '--addr', '--address', '--admin-url', '--api-url', '--service-url', '--cluster-url']);

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
  for (const via of cmd.via) {
    const words = via.trim().split(/\s+/);
    const name = path.basename(words[0] ?? '');
    if (KUBE_TOOLS.has(name)) kubeClues(set, name, words, cmd, ctx);
    else if (SSH_LIKE.has(name)) sshClues(set, name, words);
    else if (name === 'docker' || name === 'podman') dockerHost(set, words);
    // A secret injector run with a named environment's secrets (parse/runners.ts sets DEPLOY_ENV): any program under it targets that environment.
    else if (SECRET_RUNNERS.has(name) && cmd.env.DEPLOY_ENV) set.add('env', cmd.env.DEPLOY_ENV, `${name} secrets`, 'DEPLOY_ENV');
  }
}
const SECRET_RUNNERS = new Set(['doppler', 'op', 'infisical', 'dotenv', 'dotenvx', 'aws-vault', 'railway', 'env-cmd', 'with-env']);

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
function envClues(set: ClueSet, cmd: SimpleCommand, reach: 'all' | 'connection' | 'named', tool: string, configured: ReadonlySet<string>): void {
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
    if (GCLOUD_PROJECT_VARS.includes(name) && (isNamed || GCLOUD_TOOLS.has(tool))) set.add('gcloudProject', value, from);
  };
  if (reach === 'named') {
    for (const name of named) consider(name);
    return;
  }
  // Runs before every command of a database or cloud tool: one scan, few lookups per variable.
  const wanted = reach === 'all' ? READ_BY_TOOLS : CONNECTION_VAR_NAMES;
  const env = cmd.env;
  for (const name in env) {
    const value = env[name];
    if ((typeof value === 'string' && value.includes('://')) || wanted.has(name) || named.has(name) || (reach === 'all' && configured.has(name))) {
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
    if (CLOUD_TOOLS.has(name)) {
      cloudClues(set, name, args);
      if (name === 'terraform' || name === 'tofu' || name === 'terragrunt') set.add('deployTarget', cmd.env.TF_WORKSPACE, 'TF_WORKSPACE');
    }
    else if (!DB_CLIS.has(name) && !KUBE_TOOLS.has(name)) serverOptionClues(set, name, args);
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
export function currentKubeContext(env: Record<string, string | undefined>, ctx: Pick<AnalysisContext, 'home' | 'readFile'>, cwd: string, explicit?: string): { context: string; file: string } | undefined {
  countLookup(); // a cached answer too: it came from a file
  const files = explicit ? [explicit]
    : env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
    : [path.join(ctx.home, '.kube', 'config')];
  const cache = kubeCache.get(ctx.readFile) ?? new Map<string, { at: number; context: string | undefined }>();
  kubeCache.set(ctx.readFile, cache);
  const now = Date.now();
  for (const f of files) {
    const file = f.startsWith('~/') ? path.join(ctx.home, f.slice(2)) : path.resolve(cwd, f);
    let hit = cache.get(file);
    if (!hit || now - hit.at > KUBE_CACHE_MS) {
      const text = ctx.readFile(file, cwd);
      const m = text ? /^current-context:[ \t]*(["']?)([^"'\r\n#]*?)\1[ \t]*(?:#.*)?$/m.exec(text) : null;
      hit = { at: now, context: m?.[2] || undefined };
      cache.set(file, hit);
    }
    if (hit.context) return { context: hit.context, file: file.startsWith(ctx.home + path.sep) ? '~' + file.slice(ctx.home.length) : file };
  }
  return undefined;
}
