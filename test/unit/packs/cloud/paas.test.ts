import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import { ctx, simple } from '../../support/helpers';

const ASK = 40;
const DENY = 90;
const w = (line: string): string[] => line.split(' ');
const run = (argv: string[]) => cloudPack.analyze(simple(argv), ctx()) ?? [];
const ids = (line: string): string[] => run(w(line)).map((f) => f.id);
const score = (line: string): number => run(w(line)).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('railway: deleting a volume takes its backups; it asks at a high severity', () => {
  const [f] = run(w('railway volume delete --volume pg-data'));
  assert.equal(f.id, 'cloud.railway-volume-delete');
  assert.equal(f.target, 'pg-data');
  assert.match(f.summary, /backups/);
  assert.ok(f.severity >= 85 && f.severity < DENY);
  for (const line of ['railway volume rm pg-data', 'railway vol delete pg-data'])
    assert.deepEqual(ids(line), ['cloud.railway-volume-delete'], line);
  assert.deepEqual(ids('railway volume detach pg-data'), ['cloud.railway-volume-detach']);
});

test('railway: project, environment, service, deployment', () => {
  assert.ok(score('railway delete') >= 85);
  assert.deepEqual(ids('railway environment delete staging'), ['cloud.railway-environment-delete']);
  assert.deepEqual(ids('railway env delete staging'), ['cloud.railway-environment-delete']);
  assert.ok(score('railway service delete api') >= ASK);
  assert.deepEqual(ids('railway down'), ['cloud.railway-down']);
  assert.ok(score('railway variables delete API_KEY') >= ASK);
  assert.ok(score('railway variables delete API_KEY') < score('railway service delete api'));
  for (const line of [
    'railway status',
    'railway logs',
    'railway up',
    'railway link',
    'railway variables',
    'railway volume list',
    'railway delete --help',
  ]) {
    assert.deepEqual(ids(line), [], line);
  }
  assert.equal(effect('railway status'), 'read');
  assert.equal(effect('railway logs'), 'read');
  assert.equal(effect('railway variables --set FOO=bar'), 'write');
  assert.equal(effect('railway up'), 'write');
});

test('heroku: pg:reset, app and add-on destruction, restores that overwrite', () => {
  const [reset] = run(w('heroku pg:reset DATABASE_URL --confirm acme-api'));
  assert.equal(reset.id, 'cloud.heroku-pg-reset');
  assert.equal(reset.target, 'acme-api');
  assert.match(reset.alternative ?? '', /pg:backups:capture/);
  assert.deepEqual(ids('heroku apps:destroy --app acme-api --confirm acme-api'), ['cloud.heroku-app-destroy']);
  assert.deepEqual(ids('heroku addons:destroy heroku-postgresql --app acme'), ['cloud.heroku-addon-destroy']);
  assert.deepEqual(ids('heroku pg:backups:restore b101 DATABASE_URL --app acme'), ['cloud.heroku-pg-restore']);
  assert.deepEqual(ids('heroku pg:copy acme::DATABASE_URL HEROKU_POSTGRESQL_PINK --app acme-staging'), [
    'cloud.heroku-pg-copy',
  ]);
  assert.ok(score('heroku pg:backups:delete b101 --app acme') >= 85);
  assert.ok(score('heroku config:unset SECRET --app acme') >= ASK);
  for (const line of [
    'heroku pg:info',
    'heroku config',
    'heroku config:set FOO=1',
    'heroku logs --tail -a acme',
    'heroku pg:backups',
    'heroku pg:backups:capture',
  ]) {
    assert.deepEqual(ids(line), [], line);
  }
  assert.equal(effect('heroku pg:info'), 'read');
  assert.equal(effect('heroku config:set FOO=1'), 'write');
});

test('fly, vercel, netlify: destroy and rm verbs by what they name', () => {
  assert.ok(score('fly volumes destroy vol_123 --yes') >= 80);
  assert.ok(score('fly apps destroy acme-api --yes') >= 85);
  assert.ok(score('flyctl apps destroy acme-api') >= 85);
  assert.ok(score('fly machine destroy 1234 --force') >= ASK);
  assert.ok(score('fly secrets unset API_KEY') >= ASK);
  assert.ok(score('vercel rm acme-web --yes') >= ASK);
  assert.ok(score('vercel project rm acme') > score('vercel env rm API_KEY production'));
  assert.ok(score('netlify sites:delete abc123') >= ASK);
  for (const line of [
    'fly status',
    'fly deploy',
    'fly volumes list',
    'vercel deploy --prod',
    'vercel env ls',
    'netlify deploy --prod',
    'vercel logs x',
  ]) {
    assert.deepEqual(ids(line), [], line);
  }
});

test('supabase db reset: --linked and --db-url reach the remote database; plain reset is local', () => {
  const [f] = run(w('supabase db reset --linked'));
  assert.equal(f.id, 'cloud.supabase-remote-db-reset');
  assert.ok(f.severity >= 85 && f.severity < DENY);
  assert.match(f.alternative ?? '', /without --linked/);
  assert.deepEqual(ids('supabase db reset --db-url postgres://u:p@db.x.supabase.co:5432/postgres'), [
    'cloud.supabase-remote-db-reset',
  ]);
  assert.deepEqual(ids('supabase db reset'), []);
  assert.ok(score('supabase projects delete abcdef') >= 85);
  assert.ok(score('supabase storage rm -r ss:///bucket') > score('supabase storage rm ss:///bucket/a.png'));
  for (const line of ['supabase start', 'supabase db push', 'supabase status']) assert.deepEqual(ids(line), [], line);
});

test('neon, firebase, doctl, wrangler, planetscale, turso', () => {
  assert.ok(score('neonctl projects delete prj-123') >= 85);
  assert.ok(score('neonctl branches delete dev --project-id p') >= ASK);
  assert.deepEqual(ids('neonctl branches reset dev --parent'), ['cloud.neon-branch-reset']);
  assert.deepEqual(ids('firebase firestore:delete --all-collections'), ['cloud.firebase-firestore-delete-all']);
  assert.ok(score('firebase firestore:delete users -r') > score('firebase firestore:delete users/abc'));
  assert.ok(score('firebase database:remove /') >= 85);
  assert.ok(score('doctl databases delete 1234 --force') >= 80);
  assert.ok(score('doctl compute droplet delete web-1') >= ASK);
  assert.ok(score('wrangler d1 delete main-db') >= 80);
  assert.ok(score('wrangler r2 bucket delete assets') > score('wrangler r2 object delete assets/logo.png'));
  assert.ok(score('wrangler kv key delete --binding KV foo') >= ASK);
  assert.ok(score('pscale database delete main --force') >= 80);
  assert.ok(score('turso db destroy main') >= 80);
  for (const line of [
    'neonctl branches list',
    'firebase deploy --only hosting',
    'firebase emulators:start',
    'doctl compute droplet list',
    'wrangler deploy',
    'wrangler dev',
    'wrangler tail',
  ]) {
    assert.deepEqual(ids(line), [], line);
  }
});

test('wrangler d1 execute: only --remote reaches production', () => {
  assert.deepEqual(
    run(['wrangler', 'd1', 'execute', 'main', '--remote', '--command', 'DROP TABLE users']).map((f) => f.id),
    ['cloud.wrangler-d1-destructive-sql'],
  );
  assert.deepEqual(
    run(['wrangler', 'd1', 'execute', 'main', '--remote', '--command', 'SELECT 1']).map((f) => f.id),
    [],
  );
  assert.deepEqual(
    run(['wrangler', 'd1', 'execute', 'main', '--command', 'DROP TABLE users']).map((f) => f.id),
    [],
  );
});

test('gh: repo delete asks high, small deletions lightly, gh api is left to the HTTP pack', () => {
  const [f] = run(w('gh repo delete acme/api --yes'));
  assert.equal(f.id, 'cloud.gh-repo-delete');
  assert.equal(f.target, 'acme/api');
  assert.ok(f.severity >= 85 && f.severity < DENY);
  const release = score('gh release delete v1.2.0 --yes');
  assert.ok(release >= ASK && release < f.severity);
  assert.ok(score('gh secret delete AWS_KEY') >= ASK);
  for (const line of [
    'gh api -X DELETE repos/acme/api',
    'gh pr list',
    'gh pr create --fill',
    'gh repo view',
    'gh release list',
  ])
    assert.deepEqual(ids(line), [], line);
  assert.equal(effect('gh pr list'), 'read');
  assert.equal(effect('gh pr create --fill'), 'write');
});

test('the verb grammar judges CLIs and subcommands nobody listed', () => {
  assert.ok(score('fly mpg destroy cluster1') >= 80, 'an unlisted managed-postgres subcommand');
  assert.ok(score('atlas clusters delete Cluster0 --projectId 1 --force') >= 80);
  assert.ok(score('hcloud volume delete data') >= 80);
  assert.ok(score('cf delete-service mydb -f') >= ASK);
  assert.ok(score('dokku postgres:destroy mydb --force') >= 80);
  assert.ok(score('copilot env delete --name prod') >= ASK);
  assert.ok(score('eb terminate prod-env --force') >= 80);
  assert.deepEqual(ids('amplify remove storage'), [], 'only edits the local backend until the next push');
  // Verb-first CLIs name the kind after the verb.
  assert.ok(score('eksctl delete cluster --name prod') >= 80);
  assert.equal(run(w('eksctl delete cluster --name main'))[0].target, 'main');
  assert.ok(score('velero backup delete nightly-20240101') >= 85);
  assert.ok(score('argocd app delete api --cascade') >= ASK);
  assert.deepEqual(ids('eksctl get clusters'), []);
  assert.deepEqual(ids('velero restore create --from-backup nightly'), []);
  // A resource merely named like a verb is not a verb.
  assert.deepEqual(ids('heroku logs -a delete-me'), []);
  assert.deepEqual(ids('doctl compute droplet get remove-later'), []);
});

test('gh: deleting Actions caches is routine; publishing a repository asks', () => {
  assert.deepEqual(ids('gh cache delete --all'), []);
  assert.deepEqual(ids('gh repo edit acme/api --visibility public --accept-visibility-change-consequences'), [
    'cloud.gh-repo-public',
  ]);
  assert.deepEqual(ids('gh repo edit --visibility=public'), ['cloud.gh-repo-public']);
  assert.deepEqual(ids('gh repo edit --visibility private'), []);
});

test('glab repo delete and helmfile destroy ask; their everyday commands stay quiet', () => {
  assert.ok(score('glab repo delete acme/api --yes') >= 85);
  assert.ok(score('glab repo delete') >= ASK);
  assert.deepEqual(ids('glab mr create --fill'), []);
  assert.ok(score('helmfile destroy') >= ASK);
  assert.ok(score('helmfile -e prod destroy') >= ASK);
  assert.deepEqual(ids('helmfile diff'), []);
  assert.deepEqual(ids('helmfile apply'), []);
});

test('heroku pg:psql -c runs SQL: judged like psql, and a SELECT only reads', () => {
  const drop = run(['heroku', 'pg:psql', '-a', 'acme', '-c', 'DROP TABLE users']);
  assert.equal(drop[0].id, 'sql.drop');
  assert.ok(run(['heroku', 'pg:psql', 'DATABASE_URL', '--app', 'acme', '-c', 'TRUNCATE events']).length > 0);
  assert.deepEqual(run(['heroku', 'pg:psql', '-a', 'acme', '-c', 'SELECT count(*) FROM users']), []);
  assert.equal(cloudPack.effect?.(simple(['heroku', 'pg:psql', '-a', 'acme', '-c', 'SELECT 1']), ctx()), 'read');
  assert.equal(
    cloudPack.effect?.(
      simple(['heroku', 'pg:psql', '-a', 'acme', '-c', "UPDATE users SET plan='pro' WHERE id=1"]),
      ctx(),
    ),
    'write',
  );
  assert.equal(effect('heroku pg:psql -a acme'), 'write');
});
