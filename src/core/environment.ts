// Which environment a command targets, and which one the workspace itself is
// in (the status-bar badge). Evidence is what the command really uses: hosts
// in its URLs, connection strings and flags, where it runs (ssh, containers,
// pods), kube contexts and namespaces, cloud profiles and projects, database
// names, and the variables of the environment it runs with — but a variable
// counts only for a command that reads it (see envReach), so `ls` in a shell
// with a production DATABASE_URL does not target production.
import * as path from 'node:path';
import { optionValue, optionValues, positionals } from './args';
import { identityGlob } from './config/glob';
import type { Config } from './config/schema';
import type { AnalysisContext, EnvironmentMatch, SimpleCommand } from './types';
import { KEEP_PRODUCTION_GUESS, type EffectiveConfig } from './policy/compare';

type ClueKind = 'host' | 'kubeContext' | 'namespace' | 'awsProfile' | 'gcloudProject' | 'database' | 'deployTarget' | 'env';

/** One thing a command points at. */
interface Clue {
  kind: ClueKind;
  /** Host, context, profile…; for `env`, the variable's value (never printed: it may hold a password). */
  value: string;
  /** For `env`: the variable's name. */
  name?: string;
  /** Where it was found, for evidence: `$DATABASE_URL`, `--context`, `ssh target`. */
  from: string;
}

function unknown(): EnvironmentMatch {
  return { name: 'unknown', production: false, evidence: [] };
}

// ---- what counts as production without a config ----------------------------

/** `prod`, `production`, `live` as a word: delimited by . - _ / : , or the ends; `prod2` counts, `productivity`, `olive` do not. */
const PRODUCTION_WORD = /(?:^|[.\-_/:,])(prod|production|live)\d*(?=$|[.\-_/:,])/i;
/** Variables that name the application's environment. */
const ENV_NAME_VARS = new Set(['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'APP_ENVIRONMENT', 'FLASK_ENV', 'DJANGO_ENV', 'MIX_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'ENVIRONMENT', 'ENV', 'STAGE', 'DEPLOY_ENV', 'SPRING_PROFILES_ACTIVE']);
const LOCAL_NAMES = new Set(['localhost', '::1', '0.0.0.0', 'host.docker.internal']);

/** This machine: loopback names and addresses, `*.localhost`, mDNS `*.local`, and unix socket paths. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOCAL_NAMES.has(h) || h.endsWith('.localhost') || h.endsWith('.local') || h.startsWith('/') || /^127(\.\d{1,3}){3}$/.test(h);
}

// ---- which programs use which evidence ---------------------------------------

const DB_CLIS = new Set(['psql', 'pg_dump', 'pg_dumpall', 'pg_restore', 'pg_basebackup', 'dropdb', 'createdb', 'dropuser', 'createuser', 'vacuumdb', 'reindexdb', 'clusterdb', 'pgbench', 'pgcli', 'mysql', 'mariadb', 'mysqldump', 'mariadb-dump', 'mysqladmin', 'mariadb-admin', 'mysqlimport', 'mysqlsh', 'mycli', 'mongosh', 'mongo', 'mongodump', 'mongorestore', 'mongoimport', 'mongoexport', 'redis-cli', 'valkey-cli', 'keydb-cli', 'sqlcmd', 'clickhouse-client', 'clickhouse', 'cqlsh', 'cockroach', 'usql']);
const ORM_TOOLS = new Set(['prisma', 'drizzle-kit', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'mikro-orm', 'rails', 'rake', 'alembic', 'django-admin', 'manage.py', 'artisan', 'flask', 'flyway', 'liquibase', 'dbmate', 'goose', 'migrate', 'atlas', 'sqlx', 'diesel', 'sqitch', 'hasura', 'graphile-migrate', 'node-pg-migrate', 'db-migrate', 'mix', 'ecto', 'supabase']);
const KUBE_TOOLS = new Set(['kubectl', 'kubecolor', 'oc', 'helm', 'helmfile', 'skaffold', 'k9s', 'stern']);
const AWS_TOOLS = new Set(['aws', 'sam', 'cdk', 'cdktf', 'serverless', 'sls', 'copilot', 'eb', 'eksctl', 'terraform', 'tofu', 'terragrunt', 'pulumi']);
const GCLOUD_TOOLS = new Set(['gcloud', 'gsutil', 'bq', 'firebase', 'terraform', 'tofu', 'terragrunt', 'pulumi']);
const CLOUD_TOOLS = new Set([...AWS_TOOLS, ...GCLOUD_TOOLS, ...KUBE_TOOLS, 'az', 'doctl', 'heroku', 'railway', 'fly', 'flyctl', 'vercel', 'netlify', 'wrangler', 'neonctl', 'neon', 'render', 'pscale', 'turso', 'ansible', 'ansible-playbook', 's3cmd']);
/** Run application code, which reads connection strings from its environment. */
const APP_RUNNERS = new Set(['node', 'nodejs', 'deno', 'bun', 'tsx', 'ts-node', 'python', 'python3', 'ruby', 'php', 'perl', 'java', 'go', 'cargo', 'dotnet', 'npm', 'yarn', 'pnpm', 'make', 'just', 'sh', 'bash', 'zsh']);
/** Only print or test data: they reach no environment, whatever their words say. */
const INERT = new Set(['echo', 'printf', 'true', 'false', 'test', '[', '[[', ':', 'printenv', 'export', 'unset', 'read', 'type', 'which', 'whereis', 'basename', 'dirname', 'cd', 'pwd']);
const SSH_LIKE = new Set(['ssh', 'mosh', 'autossh']);
const COPY_OVER_SSH = new Set(['scp', 'sftp', 'rsync']);

const DB_SCHEMES = ['postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'sqlserver', 'mssql', 'clickhouse', 'cockroachdb'];
const URL_IN_WORD = new RegExp(`(?:^|[=:@"'(,])((?:${[...DB_SCHEMES, 'https?', 'ssh', 'ssh\\+git'].map((s) => s.replace('+', '\\+')).join('|')})://[^\\s"'<>]+)`, 'gi');
const DB_URL = new RegExp(`(?:^|[^a-z+])(?:${DB_SCHEMES.map((s) => s.replace('+', '\\+')).join('|')})://`, 'i');

const HOST_VARS = new Set(['PGHOST', 'MYSQL_HOST', 'DB_HOST', 'DATABASE_HOST', 'POSTGRES_HOST', 'REDIS_HOST', 'MONGO_HOST', 'MONGODB_HOST']);
const DATABASE_VARS = new Set(['PGDATABASE', 'MYSQL_DATABASE', 'DB_NAME', 'DATABASE_NAME', 'POSTGRES_DB']);
const AWS_PROFILE_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];
const GCLOUD_PROJECT_VARS = ['CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GCP_PROJECT'];
/** Variables that say something without holding a URL: hosts and database names, for any command that reads connections. */
const CONNECTION_VAR_NAMES: ReadonlySet<string> = new Set([...HOST_VARS, ...DATABASE_VARS]);
/** …and for tools that read their whole environment, also the app's environment name and cloud profiles. */
const READ_BY_TOOLS: ReadonlySet<string> = new Set([...CONNECTION_VAR_NAMES, ...ENV_NAME_VARS, ...AWS_PROFILE_VARS, ...GCLOUD_PROJECT_VARS]);

/** The program as far as evidence goes: `python manage.py` → `manage.py`, `bundle exec rails` → `rails`. */
function programOf(argv: readonly string[]): { name: string; args: readonly string[] } {
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
  } else if (name === 'php' && argv[1] && path.basename(argv[1]) === 'artisan') {
    i = 1;
    name = 'artisan';
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
function envReach(name: string, argv0: string): 'all' | 'connection' | 'named' {
  if (DB_CLIS.has(name) || ORM_TOOLS.has(name) || CLOUD_TOOLS.has(name)) return 'all';
  if (APP_RUNNERS.has(name) || argv0.includes('/') || /\.(sh|py|js|mjs|cjs|ts|rb|pl)$/.test(argv0)) return 'connection';
  return 'named';
}

function isConnectionVar(name: string, value: string): boolean {
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

class ClueSet {
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
    ...(name === 'railway' ? ['-e'] : []), ...(name === 'heroku' || name === 'fly' || name === 'flyctl' ? ['-a'] : []), ...(name === 'pulumi' ? ['-s'] : [])];
  for (const v of optionValues(args, targetFlags)) set.add('deployTarget', v, `${name} deployment target`);
  if ((name === 'vercel' || name === 'netlify') && args.includes('--prod')) set.add('deployTarget', 'production', `${name} --prod`);
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
function cluesOf(cmd: SimpleCommand, ctx: AnalysisContext, configuredVars: ReadonlySet<string>): Clue[] {
  const set = new ClueSet();
  const argv0 = cmd.argv[0] ?? '';
  const { name, args } = programOf(cmd.argv);
  if (!INERT.has(name)) {
    for (let i = 1; i < args.length; i++) set.urls(args[i], 'URL');
    if (DB_CLIS.has(name)) databaseClues(set, name, args);
    else if (ORM_TOOLS.has(name)) for (const h of optionValues(args, ['--host', '--hostname'])) set.add('host', h.toLowerCase(), `${name} --host`);
    if (SSH_LIKE.has(name) || COPY_OVER_SSH.has(name)) sshClues(set, name, args);
    if (KUBE_TOOLS.has(name)) kubeClues(set, name, args, cmd, ctx);
    if (name === 'docker' || name === 'podman') dockerHost(set, args);
    if (CLOUD_TOOLS.has(name)) cloudClues(set, name, args);
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
  const files = explicit ? [explicit]
    : env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
    : [path.join(ctx.home, '.kube', 'config')];
  let cache = kubeCache.get(ctx.readFile);
  if (!cache) {
    cache = new Map();
    kubeCache.set(ctx.readFile, cache);
  }
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

// ---- matching clues against environments ---------------------------------------------

interface CompiledEnvironment {
  name: string;
  production: boolean;
  globs: { kind: Exclude<ClueKind, 'env' | 'deployTarget'>; pattern: string; re: RegExp }[];
  env: { name: string; pattern: string; re: RegExp }[];
}

interface Compiled {
  productionEnvs: CompiledEnvironment[];
  otherEnvs: CompiledEnvironment[];
  /** The built-in guess stands until the config says what production looks like. */
  guess: boolean;
  /** Variables some environment's `env` names. */
  envNames: ReadonlySet<string>;
}

const GUESS_ONLY: Compiled = { productionEnvs: [], otherEnvs: [], guess: true, envNames: new Set() };
const compiledConfigs = new WeakMap<Config, Compiled>();

const GLOB_FIELDS = [
  ['hosts', 'host'], ['kubeContexts', 'kubeContext'], ['namespaces', 'namespace'], ['awsProfiles', 'awsProfile'],
  ['gcloudProjects', 'gcloudProject'], ['databases', 'database'],
] as const;

function compile(config: Config | undefined): Compiled {
  if (!config?.environments) return GUESS_ONLY;
  let c = compiledConfigs.get(config);
  if (c) return c;
  const envs = Object.entries(config.environments).map(([name, e]): CompiledEnvironment => ({
    name,
    production: e.production === true,
    globs: GLOB_FIELDS.flatMap(([field, kind]) => (e[field] ?? []).map((pattern) => ({ kind, pattern, re: identityGlob(pattern) }))),
    env: Object.entries(e.env ?? {}).map(([variable, pattern]) => ({ name: variable, pattern, re: identityGlob(pattern) })),
  }));
  const productionEnvs = envs.filter((e) => e.production);
  c = {
    productionEnvs,
    otherEnvs: envs.filter((e) => !e.production),
    // A production environment the human has not confirmed yet does not switch the guess off (policy/compare.ts).
    guess: productionEnvs.length === 0 || (config as EffectiveConfig)[KEEP_PRODUCTION_GUESS] === true,
    envNames: new Set(envs.flatMap((e) => e.env.map((g) => g.name))),
  };
  compiledConfigs.set(config, c);
  return c;
}

const KIND_LABEL: Record<ClueKind, string> = {
  host: 'host', kubeContext: 'kube context', namespace: 'namespace', awsProfile: 'AWS profile',
  gcloudProject: 'gcloud project', database: 'database', deployTarget: 'deployment target', env: 'variable',
};

function describe(c: Clue): string {
  if (c.kind === 'env') return c.from;
  const from = c.from === 'URL' ? '' : ` (${c.from})`;
  return `${KIND_LABEL[c.kind]} ${c.value}${from}`;
}

function matchEnvironment(env: CompiledEnvironment, clues: readonly Clue[]): string[] {
  const evidence: string[] = [];
  for (const c of clues) {
    if (c.kind === 'env') {
      for (const g of env.env) if (g.name === c.name && g.re.test(c.value)) evidence.push(`${describe(c)} matches "${g.pattern}"`);
    } else {
      for (const g of env.globs) if (g.kind === c.kind && g.re.test(c.value)) evidence.push(`${describe(c)} matches "${g.pattern}"`);
    }
  }
  return evidence;
}

function guessProduction(clues: readonly Clue[]): string[] {
  const hosts = clues.filter((c) => c.kind === 'host');
  const onlyLocalHosts = hosts.length > 0 && hosts.every((c) => isLocalHost(c.value));
  const evidence: string[] = [];
  for (const c of clues) {
    if (c.kind === 'env') {
      if (c.name && ENV_NAME_VARS.has(c.name) && PRODUCTION_WORD.test(c.value)) {
        const where = c.from.indexOf(' in ');
        evidence.push(`${c.name}=${c.value}${where === -1 ? '' : ` (${c.from.slice(where + 1)})`}`);
      }
      continue;
    }
    if (c.kind === 'host' && isLocalHost(c.value)) continue;
    // A database on this machine is a local copy, whatever it is called.
    if (c.kind === 'database' && onlyLocalHosts) continue;
    const word = PRODUCTION_WORD.exec(c.value);
    if (word) evidence.push(`${describe(c)} says "${word[1]}"`);
  }
  return evidence;
}

function judge(clues: readonly Clue[], compiled: Compiled): EnvironmentMatch {
  if (!clues.length) return unknown();
  for (const env of compiled.productionEnvs) {
    const evidence = matchEnvironment(env, clues);
    if (evidence.length) return { name: env.name, production: true, evidence };
  }
  if (compiled.guess) {
    const evidence = guessProduction(clues);
    if (evidence.length) return { name: 'production', production: true, evidence };
  }
  for (const env of compiled.otherEnvs) {
    const evidence = matchEnvironment(env, clues);
    if (evidence.length) return { name: env.name, production: false, evidence };
  }
  const hosts = clues.filter((c) => c.kind === 'host');
  if (hosts.length && hosts.every((c) => isLocalHost(c.value))) {
    return { name: 'local', production: false, evidence: hosts.map((c) => `${describe(c)} is this machine`) };
  }
  return unknown();
}

function rank(m: EnvironmentMatch): number {
  if (m.production) return 3;
  if (m.name === 'local') return 1;
  return m.name === 'unknown' ? 0 : 2;
}

// ---- public --------------------------------------------------------------------------------

// The engine asks about the same command objects twice per decision (the line,
// then each command): remember the last few by identity. A WeakMap would do,
// but costs more per new key than the lookup saves on this path.
const recent: { cmd: SimpleCommand; ctx: AnalysisContext; compiled: Compiled; result: EnvironmentMatch }[] = [];
const RECENT_MAX = 16;

/** The environment one simple command targets. */
export function commandTargetEnvironment(cmd: SimpleCommand, ctx: AnalysisContext, config: Config | undefined): EnvironmentMatch {
  const compiled = compile(config);
  for (const r of recent) if (r.cmd === cmd && r.ctx === ctx && r.compiled === compiled) return r.result;
  const result = judge(cluesOf(cmd, ctx, compiled.envNames), compiled);
  if (recent.length >= RECENT_MAX) recent.shift();
  recent.push({ cmd, ctx, compiled, result });
  return result;
}

/**
 * The environment a command line targets: production if any of its commands
 * targets production (the first such wins), else a configured environment,
 * else `local` when it only reaches this machine, else `unknown`.
 */
/** The environment a whole line targets: the strongest of its commands' (production first). */
export function strongestEnvironment(matches: readonly EnvironmentMatch[]): EnvironmentMatch {
  let best: EnvironmentMatch | undefined;
  for (const m of matches) {
    if (!best || rank(m) > rank(best)) best = m;
    if (best.production) break;
  }
  return best ?? unknown();
}

/** `.env` files that configure the app as it runs from this workspace; `.env.production` only describes a deployment, so it does not make the workspace production. */
export const WORKSPACE_ENV_FILES = ['.env', '.env.local'] as const;

/** KEY=VALUE lines of a dotenv file (`export`, quotes and comments allowed). */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const q = value[0];
    if ((q === '"' || q === "'") && value.indexOf(q, 1) > 0) value = value.slice(1, value.indexOf(q, 1));
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]] = value;
  }
  return out;
}

/**
 * The workspace's own environment, for the status-bar badge: the editor's
 * process environment over the workspace's `.env` and `.env.local`, and the
 * current kube context. Every variable counts here (the badge says what a
 * tool started from this workspace would reach).
 */
export function detectWorkspaceEnvironment(
  workspace: string,
  processEnv: Record<string, string | undefined>,
  config: Config | undefined,
  readFile: AnalysisContext['readFile'],
  home: string = processEnv.HOME ?? '/',
): EnvironmentMatch {
  const env: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const file of WORKSPACE_ENV_FILES) {
    const text = readFile(path.join(workspace, file), workspace);
    if (!text) continue;
    for (const [k, v] of Object.entries(parseDotenv(text))) {
      env[k] = v;
      sources[k] = file;
    }
  }
  for (const [k, v] of Object.entries(processEnv)) {
    if (typeof v !== 'string') continue;
    env[k] = v;
    sources[k] = 'editor environment';
  }

  const set = new ClueSet();
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const from = `$${name} in ${sources[name]}`;
    set.add('env', value, from, name);
    if (isConnectionVar(name, value)) {
      set.urls(value, from);
      if (HOST_VARS.has(name)) set.add('host', value.toLowerCase(), from);
      if (DATABASE_VARS.has(name)) set.add('database', value, from);
    }
    if (AWS_PROFILE_VARS.includes(name)) set.add('awsProfile', value, from);
    if (GCLOUD_PROJECT_VARS.includes(name)) set.add('gcloudProject', value, from);
  }
  const kube = currentKubeContext(env, { home, readFile }, workspace);
  if (kube) set.add('kubeContext', kube.context, `current kube context in ${kube.file}`);
  return judge(set.clues, compile(config));
}

/** Hosts one command reaches beyond this machine (URLs, connection flags, ssh targets), for "mark as production" in editors. */
export function remoteHostsOf(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const hosts = cluesOf(cmd, ctx, new Set()).filter((c) => c.kind === 'host' && !isLocalHost(c.value)).map((c) => c.value);
  return [...new Set(hosts)];
}
