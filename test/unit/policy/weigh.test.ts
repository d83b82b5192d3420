// The target's environment weighs every finding (policy/weigh.ts): what a
// command does to a target that is provably disposable — a test database on
// this machine, a local cache or cluster, an emulator, a test-mode key, a
// pull request's preview, a framework's development or test database, a dry
// run — is recorded but does not ask; the same command against anything
// unproven, remote or production still does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weighsByTarget, DISPOSABLE_SEVERITY } from '../../../src/core/policy/weigh';
import { dryRunFlag, isLocalCluster, isPreviewName, isTestName } from '../../../src/core/environment/disposableNames';
import { tierOf } from '../../../src/core/environment/tier';
import { engine } from '../support/engineHarness';

const { decide, judge } = engine();

test('a test-named database on this machine is disposable (named by host, or by no host at all: the clients then connect here); a dev database there, or a test name elsewhere, are not', () => {
  assert.equal(decide("psql postgres://postgres@localhost:5432/app_test -c 'DROP TABLE users'"), 'allow');
  assert.equal(decide('dropdb -h 127.0.0.1 acme_test'), 'allow');
  assert.equal(decide("mysql -h 127.0.0.1 -u root -e 'DROP DATABASE app_test'"), 'allow');
  assert.equal(decide("psql postgres://postgres@localhost:5432/app -c 'DROP TABLE users'"), 'ask');
  assert.equal(decide("psql postgres://app@db.acme.io/app_test -c 'DROP TABLE users'"), 'ask');
  // libpq with no host and no PGHOST connects to this machine's socket; MySQL to localhost.
  assert.equal(decide('dropdb --if-exists acme_test'), 'allow');
  assert.equal(decide("psql -d acme_ci -c 'TRUNCATE users'"), 'allow');
  assert.equal(decide('dropdb tmp_restore_check'), 'allow');
  assert.equal(decide('dropdb --if-exists acme_test', { PGHOST: 'db.acme.io' }), 'ask');
  assert.equal(decide('dropdb acme'), 'ask');
  // A developer's own database, named with their user name, on this machine.
  assert.equal(decide('dropdb acme_dev_alice', { USER: 'alice' }), 'allow');
  assert.equal(decide('dropdb acme_dev_alice', { USER: 'bob' }), 'ask');
  assert.equal(decide("psql -h 10.0.3.7 -d test -c 'DROP TABLE users'"), 'ask');
});

test('a local key-value server or broker is scratch space; one without a named host or on another host is not', () => {
  assert.equal(decide('redis-cli -h 127.0.0.1 FLUSHALL'), 'allow');
  assert.equal(decide('kafka-topics --bootstrap-server localhost:9092 --delete --topic events'), 'allow');
  assert.equal(decide('nats --server nats://127.0.0.1:4222 stream rm ORDERS -f'), 'allow');
  assert.equal(decide('redis-cli FLUSHALL'), 'ask');
  // A numbered database of the local Redis is kept apart from the default one: a test's scratch space.
  assert.equal(decide('redis-cli -n 15 FLUSHDB'), 'allow');
  assert.equal(decide('redis-cli -h cache.acme.io -n 15 FLUSHDB'), 'ask');
  assert.equal(decide('redis-cli -h cache.acme.io FLUSHALL'), 'ask');
  assert.equal(decide('kafka-topics --bootstrap-server kafka.acme.io:9092 --delete --topic events'), 'ask');
});

test('local clusters, local runtimes and in-memory databases are disposable; other clusters are not', () => {
  for (const ctx of ['kind-dev', 'minikube', 'k3d-local', 'docker-desktop']) {
    assert.equal(decide(`kubectl --context ${ctx} delete namespace shop`), 'allow', ctx);
    assert.equal(isLocalCluster(ctx), true);
  }
  assert.equal(decide('kubectl --context gke_acme_europe-west1_main delete namespace shop'), 'ask');
  assert.equal(decide('kind delete cluster --name dev'), 'allow');
  assert.equal(decide("duckdb :memory: -c 'DROP TABLE t'"), 'allow');
  assert.equal(decide("duckdb warehouse.duckdb -c 'DROP TABLE t'"), 'ask');
});

test('emulators: the variable counts only for programs that read it, and only on this machine', () => {
  assert.equal(
    decide('firebase firestore:delete --all-collections --project demo -f', {
      FIRESTORE_EMULATOR_HOST: 'localhost:8080',
    }),
    'allow',
  );
  assert.equal(
    decide('firebase firestore:delete --all-collections --project demo -f', {
      FIRESTORE_EMULATOR_HOST: 'emulator.acme.io:8080',
    }),
    'ask',
  );
  // gcloud talks to the real service whatever the client libraries' variables say.
  assert.equal(
    decide('gcloud pubsub topics delete orders --project demo', { PUBSUB_EMULATOR_HOST: 'localhost:8085' }),
    'ask',
  );
  assert.equal(
    decide('aws dynamodb delete-table --table-name t', { AWS_ENDPOINT_URL: 'http://localhost:4566' }),
    'allow',
  );
});

test('test-mode keys and provider sandboxes are test environments; a live key or a plain host is not', () => {
  assert.equal(decide('STRIPE_API_KEY=sk_test_51Habc stripe customers delete cus_1'), 'allow');
  assert.equal(
    decide('curl -X DELETE https://api.stripe.com/v1/customers/cus_1 -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:'),
    'allow',
  );
  assert.equal(decide('STRIPE_API_KEY=sk_live_51Habc stripe customers delete cus_1'), 'ask');
  assert.equal(decide('curl -X DELETE https://api.stripe.com/v1/customers/cus_1 -u "$STRIPE_SECRET_KEY:"'), 'ask');
  assert.equal(decide('curl -X POST https://api.sandbox.paypal.com/v1/billing/plans/P-1/deactivate'), 'allow');
  assert.equal(decide('curl -X POST https://api.paypal.com/v1/billing/plans/P-1/deactivate'), 'ask');
});

test('pull request previews are disposable unless they sit in production', () => {
  assert.equal(decide('fly apps destroy acme-pr-1234 --yes'), 'allow');
  assert.equal(decide('kubectl delete namespace review-pr-987'), 'allow');
  assert.equal(decide('helm uninstall api-pr-987 -n previews'), 'allow');
  assert.equal(decide('terraform destroy -auto-approve', { TF_WORKSPACE: 'pr-987' }), 'allow');
  assert.equal(decide('fly apps destroy acme-api --yes'), 'ask');
  assert.equal(decide('kubectl --context prod-eu delete namespace pr-12'), 'ask');
  // In production nothing is weighed down: the deletion keeps its own weight beside the production write.
  const prod = judge('kubectl --context prod-eu delete namespace pr-12');
  assert.ok(
    prod.findings.some((f) => f.id === 'cloud.kubectl-delete-data' && f.severity >= 80),
    JSON.stringify(prod.findings),
  );
  assert.equal(isPreviewName('acme-pr-1234'), true);
  assert.equal(isPreviewName('print-service'), false);
  assert.equal(isPreviewName('express'), false);
});

test('framework resets in development or test stay quiet; production denies; no evidence asks', () => {
  assert.equal(decide('RAILS_ENV=development bin/rails db:reset'), 'allow');
  assert.equal(decide('php bin/console doctrine:schema:drop --force --env=test'), 'allow');
  assert.equal(decide('./mvnw -Dspring.profiles.active=test flyway:clean'), 'allow');
  assert.equal(decide('bin/rails db:reset'), 'ask');
  assert.equal(decide('SPRING_PROFILES_ACTIVE=prod ./mvnw flyway:clean'), 'deny');
});

test('dry runs and plan-only forms change nothing; --dry-run=none runs', () => {
  assert.equal(decide('kubectl --context prod-eu delete deployment api --dry-run=server'), 'allow');
  assert.equal(decide("bq query --dry_run --use_legacy_sql=false 'DELETE FROM analytics.users WHERE true'"), 'allow');
  assert.equal(decide('argocd app sync shop --dry-run --prune'), 'allow');
  assert.equal(decide('kubectl delete deployment api --dry-run=none'), 'ask');
  assert.equal(dryRunFlag(['kubectl', 'delete', 'x', '--dry-run=client']), '--dry-run=client');
  assert.equal(dryRunFlag(['kubectl', 'delete', 'x', '--dry-run=none']), undefined);
  assert.equal(dryRunFlag(['tool', '--', '--dry-run']), undefined);
});

test('what a command does to this machine is never weighed by its target', () => {
  // A secret printed, a home folder deleted: the same wherever the command points.
  assert.equal(decide("psql postgres://postgres@localhost/app_test -c 'COPY t TO PROGRAM $$rm -rf ~$$'"), 'ask');
  assert.equal(
    decide(
      'kubectl --context kind-dev exec api -- cat /var/run/secrets/kubernetes.io/serviceaccount/token; rm -rf ~/code',
    ),
    'ask',
  );
  // Same command, disposable target: what it writes on this machine still asks.
  assert.notEqual(decide('redis-cli -h 127.0.0.1 FLUSHALL > ~/.bashrc'), 'allow');
  assert.equal(weighsByTarget({ id: 'fs.rm-home', summary: '', severity: 80 }), false);
  assert.equal(weighsByTarget({ id: 'secrets.read-credential-file', summary: '', severity: 65 }), false);
  assert.equal(weighsByTarget({ id: 'sql.drop', summary: '', severity: 70 }), true);
});

test('a weighed finding stays in the record, below asking, and the environment says why', () => {
  const r = judge('dropdb -h 127.0.0.1 acme_test');
  assert.equal(r.decision, 'allow');
  assert.ok(r.findings.length > 0);
  assert.ok(r.findings.every((f) => f.severity <= DISPOSABLE_SEVERITY));
  assert.match(r.findings[0].summary, /named for tests/);
  assert.equal(tierOf(r.environment), 'ephemeral');
  assert.equal(tierOf(judge("psql -h db.acme.io -c 'DROP TABLE x'").environment), 'unknown');
  assert.equal(tierOf(judge("psql -h db.prod.acme.io -c 'DROP TABLE x'").environment), 'production');
  assert.equal(isTestName('/home/dev/code/acme-api'), false);
  assert.equal(isTestName('acme_test'), true);
});
