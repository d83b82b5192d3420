import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Config } from '../../../src/core/config/schema';
import { evaluate } from '../../../src/core/engine';
import {
  commandTargetEnvironment,
  detectWorkspaceEnvironment,
  parseDotenv,
  parseUrlHosts,
  strongestEnvironment,
} from '../../../src/core/environment';
import type { AnalysisContext, SimpleCommand } from '../../../src/core/types';
import { HOME, WORKSPACE, ctx, simple } from '../support/helpers';

const target = (cmd: SimpleCommand, config?: Config, c: AnalysisContext = ctx()) =>
  commandTargetEnvironment(cmd, c, config);
const env = (argv: string[], vars: Record<string, string>, extra: Partial<SimpleCommand> = {}) =>
  simple(argv, { env: { HOME, ...vars }, ...extra });

function assertProduction(cmd: SimpleCommand, evidence: RegExp, config?: Config, c?: AnalysisContext): void {
  const m = target(cmd, config, c);
  assert.equal(m.production, true, `${cmd.source}: expected production, got ${JSON.stringify(m)}`);
  assert.ok(
    m.evidence.some((e) => evidence.test(e)),
    `${cmd.source}: evidence ${JSON.stringify(m.evidence)} lacks ${evidence}`,
  );
}

function assertNotProduction(cmd: SimpleCommand, config?: Config, c?: AnalysisContext): void {
  const m = target(cmd, config, c);
  assert.equal(m.production, false, `${cmd.source}: expected not production, got ${JSON.stringify(m)}`);
}

// ---- evidence, no config ------------------------------------------------------

test('hosts in URLs and connection strings of every scheme', () => {
  const urls = [
    'postgres://app:s3cret@db.prod.acme.io:5432/app',
    'postgresql://db-prod.acme.io/app',
    'mysql://root@mysql.production.acme.io/shop',
    'mongodb://mongo.prod.acme.io:27017/app',
    'mongodb+srv://u:p@cluster0-prod.x.mongodb.net/app',
    'redis://cache.prod.acme.io:6379/0',
    'rediss://:pw@cache.live.acme.io:6380',
    'amqp://guest@mq.prod.acme.io/vhost',
    'http://api.prod.acme.io/v1',
    'https://admin.live.acme.io/graphql',
    'ssh://deploy@git.prod.acme.io/srv/app.git',
    'ssh+git://deploy@git.prod.acme.io/srv/app.git',
  ];
  for (const url of urls) {
    const host = parseUrlHosts(url).hosts[0];
    assertProduction(simple(['some-tool', url]), new RegExp(`^host ${host.replace(/\./g, '\\.')}`));
  }
  // inside options and JDBC strings too
  assertProduction(
    simple(['liquibase', '--url=jdbc:postgresql://db.prod.acme.io:5432/app', 'update']),
    /host db\.prod\.acme\.io/,
  );
});

test('URL parsing: userinfo with @, several hosts, IPv6, database names (never a password in evidence)', () => {
  assert.deepEqual(parseUrlHosts('postgres://u:p@ss@h1.x:5432,h2.x:5433/appdb?sslmode=require'), {
    hosts: ['h1.x', 'h2.x'],
    database: 'appdb',
  });
  assert.deepEqual(parseUrlHosts('redis://[::1]:6379/0'), { hosts: ['::1'], database: undefined });
  assert.deepEqual(parseUrlHosts('https://API.Example.com'), { hosts: ['api.example.com'], database: undefined });
  const m = target(simple(['psql', 'postgres://admin:hunter2@db.prod.acme.io/app']));
  assert.ok(!JSON.stringify(m).includes('hunter2'));
});

test('-h/--host/--hostname flags of database CLIs, and libpq connection strings', () => {
  assertProduction(
    simple(['psql', '-h', 'db.prod.acme.io', '-c', 'select 1']),
    /host db\.prod\.acme\.io \(psql --host\)/,
  );
  assertProduction(simple(['mysql', '-hdb-prod.acme.io', 'shop']), /host db-prod\.acme\.io/);
  assertProduction(simple(['redis-cli', '--hostname', 'cache.live.acme.io', 'FLUSHALL']), /host cache\.live\.acme\.io/);
  assertProduction(simple(['mongosh', '--host', 'mongo.prod.acme.io']), /host mongo\.prod\.acme\.io/);
  assertProduction(simple(['psql', 'host=db.prod.acme.io dbname=app user=x']), /host db\.prod\.acme\.io/);
  // -h is help or "human" for other commands: not a host
  assertNotProduction(simple(['ls', '-h', 'prod']));
});

test('ssh, scp and rsync targets, and commands run remotely', () => {
  assertProduction(
    simple(['ssh', '-i', 'key.pem', 'deploy@web1.prod.acme.io']),
    /host web1\.prod\.acme\.io \(ssh target\)/,
  );
  assertProduction(simple(['scp', 'dump.sql', 'root@db-prod:/tmp/']), /host db-prod \(scp target\)/);
  assertProduction(simple(['rsync', '-a', 'dist/', 'www.live.acme.io:/srv/www']), /host www\.live\.acme\.io/);
  assertProduction(
    simple(['rm', '-rf', '/srv/data'], {
      remote: { kind: 'ssh', target: 'admin@db-prod-1' },
      via: ['ssh admin@db-prod-1'],
    }),
    /host db-prod-1 \(ssh target\)/,
  );
  assertProduction(
    simple(['psql', '-c', 'drop table x'], { remote: { kind: 'docker', target: 'postgres-prod' } }),
    /host postgres-prod \(container\)/,
  );
  assertNotProduction(simple(['scp', 'a.txt', './b:c']));
});

test('kube contexts and namespaces, from flags', () => {
  assertProduction(
    simple(['kubectl', '--context', 'prod-eu', 'delete', 'pod', 'api-0']),
    /kube context prod-eu \(kubectl --context\)/,
  );
  assertProduction(simple(['helm', 'uninstall', 'api', '--kube-context=live']), /kube context live/);
  assertProduction(simple(['kubectl', '-n', 'payments-prod', 'delete', 'pod', 'x']), /namespace payments-prod/);
  assertProduction(simple(['kubectl', 'get', 'pods', '--namespace=production']), /namespace production/);
  // the kube context of a kubectl exec wrapper
  assertProduction(
    simple(['rm', '-rf', '/data'], {
      remote: { kind: 'kubectl', target: 'api-0' },
      via: ['kubectl exec --context prod-eu api-0 --'],
    }),
    /kube context prod-eu/,
  );
});

test('the current kube context is read (bounded, cached) only for kube tools without --context', () => {
  let reads = 0;
  const kubeconfig =
    'apiVersion: v1\nclusters: []\ncurrent-context: "arn:aws:eks:eu-west-1:1:cluster/prod"  # set by kubectx\n';
  const c: AnalysisContext = {
    ...ctx(),
    readFile: (p) => {
      if (p === `${HOME}/.kube/config`) {
        reads++;
        return kubeconfig;
      }
      return undefined;
    },
  };
  assertProduction(
    simple(['kubectl', 'delete', 'deployment', 'api']),
    /kube context arn:aws:eks:eu-west-1:1:cluster\/prod \(current kube context in ~\/\.kube\/config\)/,
    undefined,
    c,
  );
  assertProduction(simple(['helm', 'rollback', 'api']), /current kube context/, undefined, c);
  assert.equal(reads, 1, 'read once, then cached');
  assertNotProduction(simple(['ls', '-la']), undefined, c);
  assertNotProduction(simple(['kubectl', '--context', 'dev', 'get', 'pods']), undefined, c);
  assert.equal(reads, 1);
});

test('$KUBECONFIG (a list) and --kubeconfig decide which file holds the current context', () => {
  const files: Record<string, string> = {
    '/cfg/b.yaml': 'current-context: live-cluster\n',
    '/cfg/dev.yaml': 'current-context: dev\n',
  };
  const c: AnalysisContext = { ...ctx(), readFile: (p) => files[p] };
  assertProduction(
    env(['kubectl', 'apply', '-f', 'x.yaml'], { KUBECONFIG: '/cfg/a.yaml:/cfg/b.yaml' }),
    /kube context live-cluster \(current kube context in \/cfg\/b\.yaml\)/,
    undefined,
    c,
  );
  assertNotProduction(
    env(['kubectl', '--kubeconfig', '/cfg/dev.yaml', 'apply'], { KUBECONFIG: '/cfg/b.yaml' }),
    undefined,
    c,
  );
});

test('AWS profiles: --profile and AWS_PROFILE for AWS tools, not for other commands', () => {
  assertProduction(
    simple(['aws', 's3', 'rm', 's3://bucket', '--recursive', '--profile', 'prod']),
    /AWS profile prod \(aws --profile\)/,
  );
  assertProduction(
    env(['terraform', 'destroy'], { AWS_PROFILE: 'acme-production' }),
    /AWS profile acme-production \(\$AWS_PROFILE\)/,
  );
  assertNotProduction(env(['ls'], { AWS_PROFILE: 'prod' }));
  assertNotProduction(env(['git', 'status'], { AWS_PROFILE: 'prod' }));
});

test('gcloud projects: --project and CLOUDSDK_CORE_PROJECT', () => {
  assertProduction(
    simple(['gcloud', 'sql', 'instances', 'delete', 'main', '--project', 'acme-prod']),
    /gcloud project acme-prod/,
  );
  assertProduction(
    env(['gsutil', 'rm', '-r', 'gs://b'], { CLOUDSDK_CORE_PROJECT: 'acme-live' }),
    /gcloud project acme-live \(\$CLOUDSDK_CORE_PROJECT\)/,
  );
  assertProduction(
    simple(['firebase', 'firestore:delete', '--all-collections', '-P', 'shop-production']),
    /gcloud project shop-production/,
  );
});

test('database names: -d/--dbname, positional names, dropdb, URL paths', () => {
  assertProduction(simple(['psql', '-d', 'app_production', '-c', 'delete from users']), /database app_production/);
  assertProduction(simple(['dropdb', 'shop_prod']), /database shop_prod/);
  assertProduction(simple(['mysql', '-D', 'live', '-e', 'drop table x']), /database live/);
  assertProduction(simple(['pg_dump', 'postgres://db.acme.io/billing_production']), /database billing_production/);
  // a production-named database on this machine is a local copy
  assert.equal(target(simple(['psql', '-h', 'localhost', 'app_production'])).name, 'local');
});

test('deployment targets named on cloud CLIs (railway -e, heroku -a, vercel --prod)', () => {
  assertProduction(simple(['railway', 'up', '-e', 'production']), /deployment target production/);
  assertProduction(simple(['heroku', 'pg:reset', '-a', 'shop-prod']), /deployment target shop-prod/);
  assertProduction(simple(['vercel', 'deploy', '--prod']), /vercel --prod/);
});

test('the application a platform API path names (…/apps/NAME/…) is a deployment target', () => {
  const patch = (url: string) => simple(['curl', '-X', 'PATCH', url, '-d', '{"LOG_LEVEL":"info"}']);
  assertProduction(patch('https://api.heroku.com/apps/acme-prod/config-vars'), /deployment target acme-prod/);
  assertProduction(patch('https://api.fly.io/v1/apps/shop-production/machines'), /shop-production/);
  assert.deepEqual(parseUrlHosts('https://api.heroku.com/apps/acme-prod?x=1').app, 'acme-prod');
  // only an app segment names one: services, sites and repositories name too much else
  for (const url of [
    'https://api.example.com/services/live-chat/messages',
    'https://api.github.com/repos/acme/prod-tools',
    'https://api.heroku.com/apps/acme-staging/config-vars',
    'https://api.heroku.com/apps/',
  ]) {
    assert.equal(target(patch(url)).production, false, url);
  }
  // a database URL's path is its database, never an application
  assert.equal(parseUrlHosts('postgres://h/apps').app, undefined);
});

test('prod, production and live count only as words', () => {
  for (const host of [
    'db.prod.acme.io',
    'db-prod.acme.io',
    'prod2.acme.io',
    'app_production',
    'live',
    'eu:prod',
    'api.production',
  ]) {
    assert.equal(target(simple(['psql', `postgres://${host}/x`])).production, true, host);
  }
  for (const host of [
    'productivity.acme.io',
    'prodigy.io',
    'deliver.acme.io',
    'olive.acme.io',
    'liver.io',
    'reproduce.io',
    'nonprod.acme.io',
  ]) {
    assert.equal(target(simple(['psql', `postgres://${host}/x`])).production, false, host);
  }
});

test('NODE_ENV / RAILS_ENV / APP_ENV … = production, for commands that read their environment', () => {
  assertProduction(env(['prisma', 'migrate', 'deploy'], { NODE_ENV: 'production' }), /^NODE_ENV=production$/);
  assertProduction(env(['rails', 'db:drop'], { RAILS_ENV: 'production' }), /RAILS_ENV=production/);
  assertProduction(env(['python', 'manage.py', 'flush'], { APP_ENV: 'production' }), /APP_ENV=production/);
  assertProduction(env(['bundle', 'exec', 'rake', 'db:reset'], { RACK_ENV: 'production' }), /RACK_ENV=production/);
  // a production build reads NODE_ENV but reaches no environment
  assertNotProduction(env(['node', 'build.js'], { NODE_ENV: 'production' }));
  assertNotProduction(env(['npm', 'run', 'build'], { NODE_ENV: 'production' }));
  assertNotProduction(env(['prisma', 'migrate', 'deploy'], { NODE_ENV: 'development' }));
});

test('variables count only for commands that use them', () => {
  const vars = { DATABASE_URL: 'postgres://u:p@db-prod.acme.io/app' };
  // database CLIs and ORMs read DATABASE_URL by themselves
  assertProduction(env(['psql', '-c', 'delete from users'], vars), /host db-prod\.acme\.io \(\$DATABASE_URL\)/);
  assertProduction(env(['prisma', 'db', 'push'], vars), /\$DATABASE_URL/);
  // so does application code
  assertProduction(env(['node', 'scripts/seed.js'], vars), /\$DATABASE_URL/);
  // a command naming the variable uses it
  assertProduction(
    env(['pg_restore', '--clean', '-d', '$DATABASE_URL', 'dump'], vars, {
      source: 'pg_restore --clean -d "$DATABASE_URL" dump',
    }),
    /\$DATABASE_URL/,
  );
  assertProduction(
    env(
      ['curl', '-X', 'DELETE', '$API/users'],
      { API: 'https://api.prod.acme.io' },
      { source: 'curl -X DELETE "$API/users"' },
    ),
    /host api\.prod\.acme\.io \(\$API\)/,
  );
  // other commands do not target the database just because it is in their environment
  assertNotProduction(env(['ls', '-la'], vars));
  assertNotProduction(env(['git', 'commit', '-m', 'x'], vars));
  // printing is not targeting
  assertNotProduction(env(['echo', '$DATABASE_URL'], vars, { source: 'echo $DATABASE_URL' }));
});

test('localhost and 127.0.0.1 are local', () => {
  for (const url of [
    'postgres://localhost/app',
    'postgres://127.0.0.1:5432/app',
    'redis://[::1]:6379',
    'http://api.localhost:3000',
  ]) {
    const m = target(simple(['psql', url]));
    assert.equal(m.name, 'local', url);
    assert.equal(m.production, false);
    assert.match(m.evidence[0], /is this machine/);
  }
  assert.equal(target(simple(['ls'])).name, 'unknown');
});

// ---- with a config ---------------------------------------------------------------

const CONFIG: Config = {
  environments: {
    production: {
      production: true,
      hosts: ['*.prod.acme.internal', 'db.acme.io'],
      env: { DATABASE_URL: '*prod*', NODE_ENV: 'production' },
      kubeContexts: ['prod-*'],
      awsProfiles: ['prod'],
      gcloudProjects: ['acme-main'],
      namespaces: ['payments'],
      databases: ['acme'],
    },
    staging: { hosts: ['*.staging.acme.internal'], kubeContexts: ['staging'] },
  },
};

test('config: every kind of glob identifies the production environment', () => {
  assertProduction(
    simple(['psql', 'postgres://u@db1.prod.acme.internal/app']),
    /host db1\.prod\.acme\.internal matches "\*\.prod\.acme\.internal"/,
    CONFIG,
  );
  assertProduction(simple(['mysql', '-h', 'DB.ACME.IO']), /matches "db\.acme\.io"/, CONFIG);
  assertProduction(
    env(['psql', '-c', 'select 1'], { DATABASE_URL: 'postgres://u@10.0.0.5/app_prod' }),
    /^\$DATABASE_URL matches "\*prod\*"$/,
    CONFIG,
  );
  assertProduction(
    env(['prisma', 'migrate', 'deploy'], { NODE_ENV: 'production' }),
    /\$NODE_ENV matches "production"/,
    CONFIG,
  );
  assertProduction(
    simple(['kubectl', '--context', 'prod-us', 'delete', 'ns', 'x']),
    /kube context prod-us .* matches "prod-\*"/,
    CONFIG,
  );
  assertProduction(
    simple(['aws', 'rds', 'delete-db-instance', '--profile', 'prod']),
    /AWS profile prod .* matches "prod"/,
    CONFIG,
  );
  assertProduction(simple(['gcloud', 'projects', 'delete', '--project', 'acme-main']), /matches "acme-main"/, CONFIG);
  assertProduction(
    simple(['kubectl', '-n', 'payments', 'delete', 'pod', 'x']),
    /namespace payments .* matches "payments"/,
    CONFIG,
  );
  assertProduction(simple(['dropdb', 'acme']), /database acme .* matches "acme"/, CONFIG);
  const m = target(simple(['psql', 'postgres://u@db1.prod.acme.internal/app']), CONFIG);
  assert.equal(m.name, 'production');
});

test('config: a non-production environment is named', () => {
  const m = target(simple(['psql', 'postgres://db.staging.acme.internal/app']), CONFIG);
  assert.deepEqual(m, {
    name: 'staging',
    production: false,
    evidence: ['host db.staging.acme.internal matches "*.staging.acme.internal"'],
  });
});

test('config: facts replace the guess once an environment is marked production', () => {
  assertNotProduction(simple(['psql', 'postgres://db-prod.other.io/app']), CONFIG);
  assert.equal(target(simple(['psql', 'postgres://db-prod.other.io/app']), CONFIG).name, 'unknown');
  // a config that only describes staging still guesses production
  const stagingOnly: Config = { environments: { staging: { hosts: ['*.staging.acme.internal'] } } };
  assertProduction(simple(['psql', 'postgres://db-prod.other.io/app']), /says "prod"/, stagingOnly);
  // a config with rules only keeps the guess too
  assertProduction(simple(['psql', 'postgres://db-prod.other.io/app']), /says "prod"/, { rules: [] });
});

test('config: the first production environment that matches wins, and production beats staging', () => {
  const two: Config = {
    environments: {
      'prod-eu': { production: true, hosts: ['*.eu.acme.io'] },
      'prod-all': { production: true, hosts: ['*.acme.io'] },
    },
  };
  assert.equal(target(simple(['psql', 'postgres://db.eu.acme.io/x']), two).name, 'prod-eu');
  assert.equal(target(simple(['psql', 'postgres://db.us.acme.io/x']), two).name, 'prod-all');
  const line = [
    simple(['psql', 'postgres://db.staging.acme.internal/x']),
    simple(['psql', 'postgres://db.prod.acme.internal/x']),
  ];
  const detectTargetEnvironment = (cmds: SimpleCommand[], c: ReturnType<typeof ctx>, config: typeof CONFIG) =>
    strongestEnvironment(cmds.map((cmd) => commandTargetEnvironment(cmd, c, config)));
  assert.equal(detectTargetEnvironment(line, ctx(), CONFIG).name, 'production');
  assert.equal(detectTargetEnvironment([line[0], simple(['ls'])], ctx(), CONFIG).name, 'staging');
  assert.equal(detectTargetEnvironment([], ctx(), CONFIG).name, 'unknown');
});

// ---- the engine gates writes, not reads --------------------------------------------

const evaluateWith = (command: string, vars: Record<string, string>) =>
  evaluate({ command, env: { HOME, ...vars } }, { workspace: WORKSPACE, home: HOME, readFile: () => undefined });

test('engine: reading production is allowed, writing it is gated', () => {
  const PROD = { PROD: 'postgres://app@db.prod.acme.io/app' };
  const read = evaluateWith('psql "$PROD" -c "SELECT 1"', PROD);
  assert.equal(read.environment.production, true);
  assert.equal(read.decision, 'allow');
  const write = evaluateWith('psql "$PROD" -c "INSERT INTO audit VALUES (1)"', PROD);
  assert.equal(write.environment.production, true);
  assert.notEqual(write.decision, 'allow');
  assert.ok(write.findings.some((f) => f.id === 'env.production-write' && f.target === 'production'));
});

test('engine: only the command that targets production is a production write', () => {
  const r = evaluateWith('psql "$PROD" -c "SELECT count(*) FROM users" | tee /tmp/count.txt', {
    PROD: 'postgres://db.prod.acme.io/app',
  });
  assert.equal(r.environment.production, true);
  assert.ok(!r.findings.some((f) => f.id === 'env.production-write'), JSON.stringify(r.findings));
});

// ---- the workspace's own environment ---------------------------------------------------

const wsFiles =
  (files: Record<string, string>): AnalysisContext['readFile'] =>
  (p) =>
    files[p];

test('workspace: .env and .env.local count; .env.production only describes a deployment', () => {
  const prodEnv = detectWorkspaceEnvironment(
    WORKSPACE,
    { HOME },
    undefined,
    wsFiles({ [`${WORKSPACE}/.env`]: 'DATABASE_URL="postgres://u:pw@db.prod.acme.io/app" # main\n' }),
  );
  assert.equal(prodEnv.production, true);
  assert.match(prodEnv.evidence[0], /host db\.prod\.acme\.io \(\$DATABASE_URL in \.env\)/);
  assert.ok(!prodEnv.evidence.join().includes('pw@'));
  const local = detectWorkspaceEnvironment(
    WORKSPACE,
    { HOME },
    undefined,
    wsFiles({
      [`${WORKSPACE}/.env.local`]: 'export DATABASE_URL=postgres://localhost/app\n',
      [`${WORKSPACE}/.env.production`]: 'DATABASE_URL=postgres://db.prod.acme.io/app\nNODE_ENV=production\n',
    }),
  );
  assert.equal(local.name, 'local');
});

test('workspace: the editor environment wins over .env files, and NODE_ENV=production counts', () => {
  const files = wsFiles({ [`${WORKSPACE}/.env`]: 'DATABASE_URL=postgres://db.prod.acme.io/app\n' });
  assert.equal(
    detectWorkspaceEnvironment(WORKSPACE, { HOME, DATABASE_URL: 'postgres://localhost/app' }, undefined, files).name,
    'local',
  );
  const m = detectWorkspaceEnvironment(WORKSPACE, { HOME, NODE_ENV: 'production' }, undefined, wsFiles({}));
  assert.deepEqual(m, {
    name: 'production',
    production: true,
    evidence: ['NODE_ENV=production (in editor environment)'],
  });
});

test('workspace: the current kube context and config globs', () => {
  const kube = wsFiles({ [`${HOME}/.kube/config`]: 'current-context: prod-eu\n' });
  const m = detectWorkspaceEnvironment(WORKSPACE, { HOME }, CONFIG, kube);
  assert.equal(m.name, 'production');
  assert.match(m.evidence[0], /kube context prod-eu \(current kube context in ~\/\.kube\/config\) matches "prod-\*"/);
  const staging = detectWorkspaceEnvironment(
    WORKSPACE,
    { HOME },
    CONFIG,
    wsFiles({ [`${HOME}/.kube/config`]: 'current-context: staging\n' }),
  );
  assert.equal(staging.name, 'staging');
  assert.equal(detectWorkspaceEnvironment(WORKSPACE, { HOME }, CONFIG, wsFiles({})).name, 'unknown');
});

test('dotenv parsing: export, quotes, comments', () => {
  assert.deepEqual(
    { ...parseDotenv('# c\nexport A=1\nB="two words" # x\nC=\'q\'\nD=plain # comment\nbad line\n') },
    {
      A: '1',
      B: 'two words',
      C: 'q',
      D: 'plain',
    },
  );
});

test('dotenv parsing: a name every object inherits (`__proto__`, `constructor`) is a variable like any other', () => {
  const vars = parseDotenv('__proto__=postgres://db.prod.internal/app\nconstructor=x\n');
  assert.deepEqual(Object.entries(vars), [
    ['__proto__', 'postgres://db.prod.internal/app'],
    ['constructor', 'x'],
  ]);
});

test("a raw socket's host is the command's target, as redis-cli -h's is", () => {
  const judged = (command: string) =>
    evaluate(
      { command, cwd: WORKSPACE, env: { HOME } },
      { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined },
    );
  for (const [socket, client] of [
    ['nc 127.0.0.1 6379 <<< FLUSHALL', 'redis-cli -h 127.0.0.1 FLUSHALL'],
    ["printf 'FLUSHALL\\r\\n' | nc localhost 6379", 'redis-cli -h localhost FLUSHALL'],
    ['nc cache.acme.io 6379 <<< FLUSHALL', 'redis-cli -h cache.acme.io FLUSHALL'],
    ['socat - TCP:prod-redis:6379 <<< FLUSHALL', 'redis-cli -h prod-redis FLUSHALL'],
  ]) {
    const a = judged(socket);
    const b = judged(client);
    assert.equal(a.decision, b.decision, `${socket} vs ${client}`);
    assert.equal(a.environment.production, b.environment.production, socket);
  }
  assert.equal(target(simple(['nc', 'prod.acme.io', '9000'])).production, true);
  assert.equal(target(simple(['nc', '-l', '9000'])).production, false);
});

test("Oracle's clients name their database in the connect string: a production host or alias is production", () => {
  assertProduction(simple(['sqlplus', 'admin/pw@prod-db.acme.io:1521/ORCL']), /sqlplus connect string/);
  assertProduction(simple(['sqlplus', '-s', 'admin/pw@//prod-db.acme.io:1521/ORCL', '@x.sql']), /connect string/);
  assertProduction(simple(['sqlplus', 'admin@prod']), /connect string/);
  assertNotProduction(simple(['sqlplus', 'scott/tiger@localhost/XE']));
  assertNotProduction(simple(['sqlplus', 'scott/tiger@//db.staging.acme.io:1521/APP']));
});
