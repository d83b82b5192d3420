// The generic reading of CLIs no pack claims: `TOOL NOUN… VERB`, joined and
// verb-first spellings, verb flags, verbs in the program's name, and
// production-named targets. Removing a package, a local toolchain or a cache
// is routine; deleting a service's data, servers or projects is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { genericCliPack } from '../../../src/core/packs/generic';
import { ctx, simple } from '../support/helpers';
import { engine } from '../support/engineHarness';

const { decide } = engine();
const ids = (line: string) => (genericCliPack.analyze(simple(line.split(' ')), ctx()) ?? []).map((f) => f.id);

test('tools nobody named: deleting servers, data, projects asks', () => {
  for (const line of [
    'acmectl cluster wipe production',
    'upctl server delete db-primary --delete-storages',
    'exo compute instance delete prod-db -z ch-gva-2 --force',
    'civo kubernetes remove prod-cluster --yes',
    'northflank delete addon --project acme --addon postgres-main',
    'ionosctl server delete --datacenter-id dc1 --server-id s1 --force',
    'tsuru app-remove -a acme-prod -y',
    'zcli project delete acme',
    'waypoint destroy -auto-approve',
    'kcctl delete connector s3-sink',
    'tilt down --delete-namespaces',
    'datadog-ci synthetics delete-tests --all',
    'coolify resource destroy app-42 --force',
    'convex data clear --prod',
    'kafka-delete-records --offset-json-file x.json',
    // A verb with no noun: the kind named by an option, an undeploy, everything a tool installed.
    'kapp delete -a api -y',
    'kapp delete --app billing',
    'zappa undeploy dev --yes',
    'istioctl uninstall --purge -y',
    'boundary targets delete -id ttcp_1234567890',
  ]) {
    assert.equal(decide(line), 'ask', line);
  }
});

test('routine removals and every reading command stay quiet', () => {
  for (const line of [
    'ollama rm llama3',
    'pip uninstall -y requests',
    'rustup toolchain uninstall nightly',
    'nvm uninstall 16',
    'pyenv uninstall -f 3.9.1',
    'conda env remove -n scratch',
    'poetry env remove python3.11',
    'acmectl cluster status production',
    'acmectl cache clear --local',
    'hcloud server list',
    'k3d cluster delete local',
    'kind delete cluster --name dev',
    // A local machine deleted with its disk asks (packs/common/machines.ts); stopping or a recoverable delete does not.
    'vagrant halt',
    'multipass delete test-vm',
    'mycorpctl db status --env production',
    'kapp inspect -a api',
    // `-a` on a package manager is every version of a package, not an app.
    'gem uninstall -a rails',
    'ollama rm -a',
    'kapp deploy -a api -f config/',
    'zappa status prod',
    'istioctl analyze',
    'istioctl x uninstall-check',
    'boundary targets read -id ttcp_1234567890',
  ]) {
    assert.equal(decide(line), 'allow', line);
  }
});

test('a production-named target makes a change count; the same change elsewhere is routine', () => {
  assert.deepEqual(ids('acmectl deploy production'), ['cli.production-change']);
  assert.deepEqual(ids('acmectl cache clear --env production'), []);
  assert.deepEqual(ids('acmectl restart web --env production'), ['cli.production-change']);
  assert.deepEqual(ids('acmectl restart web --env staging'), []);
  assert.deepEqual(ids('acmectl item rm prod-item'), ['cli.destructive-verb']);
  assert.deepEqual(ids('acmectl item rm dev-item'), []);
});

test('the generic reading never runs for a program a pack claims', () => {
  assert.equal(genericCliPack.commands, 'unclaimed');
  // git's own pack knows `git branch -d` is routine; the generic reading would have read "delete".
  assert.equal(decide('git branch -d feature/x'), 'allow');
});

test('a pack that reads a program only in part leaves its verbs to the generic reading', () => {
  // The identity pack claims tea for the CI secrets it sets; deleting a repository is still a deletion.
  assert.equal(decide('tea repos delete acme/api'), 'ask');
  assert.equal(decide('circleci context delete github acme prod-deploy'), 'ask');
  assert.equal(decide('tea repos list'), 'allow');
  assert.equal(decide('tea pulls create --title fix'), 'allow');
  // A pack that reads the whole program keeps its own judgment: a single pod is routine.
  assert.equal(decide('kubectl delete pod web-prod-1'), 'allow');
});

test('`--all` of a package or environment manager removes what a reinstall brings back; of a service tool it asks', () => {
  for (const c of ['conda remove --name old-env --all -y', 'pipx uninstall --all', 'mamba remove -n x --all'])
    assert.deepEqual(ids(c), [], c);
  for (const c of ['istioctl uninstall --purge -y', 'acmectl delete --all'])
    assert.deepEqual(ids(c), ['cli.destructive-verb'], c);
});
