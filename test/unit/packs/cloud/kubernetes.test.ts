import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import { ctx, simple, WORKSPACE } from '../../support/helpers';
import { evaluate } from '../../../../src/core/engine';

const ASK = 40;
const DENY = 90;
const w = (line: string): string[] => line.split(' ');
const run = (line: string, files: Record<string, string> = {}) => cloudPack.analyze(simple(w(line)), ctx(files)) ?? [];
const score = (line: string, files: Record<string, string> = {}): number =>
  run(line, files).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('deleting a namespace asks, named as the target, in every spelling', () => {
  const [f] = run('kubectl delete namespace production');
  assert.equal(f.id, 'cloud.kubectl-delete-data');
  assert.equal(f.target, 'production');
  assert.match(f.summary, /every resource/);
  assert.ok(f.severity >= 85 && f.severity < DENY);
  for (const line of [
    'kubectl delete ns staging',
    'kubectl delete namespaces/staging',
    'kubectl --context prod delete ns web',
    'oc delete project myproj',
  ]) {
    assert.ok(score(line) >= 85, line);
  }
});

test('volumes, claims, CRDs and delete all ask; --all and -A widen the reach', () => {
  assert.ok(score('kubectl delete pvc --all -n prod') >= 80);
  assert.ok(score('kubectl delete persistentvolumeclaim data-postgres-0') >= 80);
  assert.ok(score('kubectl delete pv pg-data') >= 80);
  assert.ok(score('kubectl delete crd certificates.cert-manager.io') >= 85);
  assert.ok(score('kubectl delete all --all') >= 80);
  assert.ok(score('kubectl delete all --all -n prod') >= 80);
  assert.ok(score('kubectl delete pods --all -A') > score('kubectl delete pods --all -n dev'));
  assert.equal(run('kubectl delete pvc --all -n prod')[0].target, 'pvc (all) in namespace prod');
});

test('workloads ask; a single pod or job (recreated or routine) is informational', () => {
  const deploy = score('kubectl delete deployment api -n prod');
  assert.ok(deploy >= ASK && deploy < 80);
  assert.ok(score('kubectl delete statefulset postgres') >= ASK);
  assert.ok(score('kubectl delete secret db-creds') >= ASK);
  assert.equal(run('kubectl delete deploy/api svc/api')[0].target, 'deploy/api, svc/api');
  for (const line of [
    'kubectl delete pod api-7d9f',
    'kubectl delete job migrate-1',
    'kubectl delete pods api-1 api-2',
  ]) {
    const s = score(line);
    assert.ok(s > 0 && s < ASK, line);
  }
  assert.ok(score('kubectl delete pods --all -n dev') >= ASK, 'every pod at once is not routine');
});

test('delete -f reads the manifest to see what it declares', () => {
  const files = {
    [`${WORKSPACE}/ns.yaml`]: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n',
    [`${WORKSPACE}/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
  };
  assert.ok(score('kubectl delete -f ns.yaml', files) >= 85);
  const cm = score('kubectl delete -f cm.yaml', files);
  assert.ok(cm >= ASK && cm < 80);
  assert.ok(score('kubectl delete -f k8s/', files) >= ASK, 'an unreadable manifest could hold anything');
  assert.equal(run('kubectl delete -f k8s/')[0].target, 'k8s/');
});

test('drain, scale to zero, replace --force and apply --prune ask', () => {
  assert.equal(run('kubectl drain node-1 --ignore-daemonsets')[0].id, 'cloud.kubectl-drain');
  assert.equal(run('kubectl scale deploy/api --replicas=0 -n prod')[0].id, 'cloud.kubectl-scale-to-zero');
  assert.equal(run('kubectl scale deploy/api --replicas 0')[0].id, 'cloud.kubectl-scale-to-zero');
  assert.equal(run('kubectl replace --force -f x.yaml')[0].id, 'cloud.kubectl-replace-force');
  assert.equal(run('kubectl apply -f k8s/ --prune -l app=api')[0].id, 'cloud.kubectl-apply-prune');
  for (const line of [
    'kubectl scale deploy/api --replicas=3',
    'kubectl rollout restart deploy/api -n prod',
    'kubectl apply -f deploy.yaml',
    'kubectl cordon node-1',
  ]) {
    assert.equal(score(line), 0, line);
  }
});

test('dry runs, help and reads stay quiet', () => {
  for (const line of [
    'kubectl delete namespace prod --dry-run=server',
    'kubectl delete pvc data --dry-run=client',
    'kubectl delete ns x --help',
    'kubectl get pods -n prod',
    'kubectl logs deploy/api -n prod --tail=100',
    'kubectl describe pod x',
    'kubectl top nodes',
  ])
    assert.equal(score(line), 0, line);
  assert.ok(score('kubectl delete namespace prod --dry-run=none') >= ASK);
});

test('effect: get/describe/logs read, so production namespaces can be inspected', () => {
  for (const line of [
    'kubectl get pods -n prod',
    'kubectl --context prod-cluster get pods',
    'kubectl logs deploy/api -n prod',
    'kubectl describe svc api',
    'kubectl top pods',
    'kubectl config use-context prod',
    'kubectl rollout status deploy/api',
    'kubectl auth can-i delete pods',
    'kubectl diff -f x.yaml',
    'kubectl delete ns prod --dry-run=server',
  ]) {
    assert.equal(effect(line), 'read', line);
  }
  for (const line of [
    'kubectl apply -f x.yaml',
    'kubectl delete pod x',
    'kubectl scale deploy/api --replicas=2',
    'kubectl rollout restart deploy/api',
    'kubectl edit deploy api',
    'kubectl patch deploy api -p {}',
  ]) {
    assert.equal(effect(line), 'write', line);
  }
});

test('helm uninstall asks, more for releases that hold data', () => {
  const [f] = run('helm uninstall postgres -n prod');
  assert.equal(f.id, 'cloud.helm-uninstall');
  assert.equal(f.target, 'postgres in namespace prod');
  assert.ok(f.severity > score('helm uninstall web-frontend'));
  for (const line of ['helm delete my-release', 'helm del x', 'helm un x']) assert.ok(score(line) >= ASK, line);
  for (const line of [
    'helm uninstall api --dry-run',
    'helm list -A',
    'helm status api',
    'helm template ./chart',
    'helm upgrade --install api ./chart',
    'helm rollback api 3',
  ]) {
    assert.equal(score(line), 0, line);
  }
  assert.equal(effect('helm list -A'), 'read');
  assert.equal(effect('helm repo update'), 'read');
  assert.equal(effect('helm upgrade --install api ./chart -n prod'), 'write');
});

test('pods deleted by label restart one app and stay quiet; --all, --field-selector and every namespace ask', () => {
  assert.ok(score('kubectl delete pod -l app=api -n dev') < ASK);
  assert.ok(score('kubectl delete pods --selector=job-name=migrate-1 -n staging') < ASK);
  assert.ok(score('kubectl delete pods --all -n staging') >= ASK);
  assert.ok(score('kubectl delete pods --field-selector=status.phase=Running') >= ASK);
  assert.ok(score('kubectl delete pods -l app=api -A') >= ASK);
  assert.ok(score('kubectl delete pvc -l app=postgres -n dev') >= ASK);
});

test('kubectl exec into production is judged by the command it runs there', () => {
  const opts = {
    workspace: '/home/dev/code/acme-api',
    home: '/home/dev',
    env: { HOME: '/home/dev' },
    readFile: () => undefined,
  };
  assert.equal(
    evaluate({ command: 'kubectl -n production exec deploy/api -- rails db:migrate:status' }, opts).decision,
    'allow',
  );
  assert.notEqual(
    evaluate({ command: 'kubectl -n production exec deploy/api -- rails db:migrate' }, opts).decision,
    'allow',
  );
  assert.notEqual(evaluate({ command: 'kubectl -n production exec -it deploy/api -- bash' }, opts).decision, 'allow');
});
