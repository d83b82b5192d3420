// A kube command after `kubectl config use-context NAME` on the same line acts
// on NAME whatever the kubeconfig says when the line is judged: a switch to
// production makes a later delete a production write. Only ever stricter: a
// switch to a development context, or a command naming its own context or
// another kubeconfig, keeps its judgment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test('a kube command after a switch to a production context targets production', () => {
  const e = engine();
  for (const command of [
    'kubectl config use-context production && kubectl delete pod x',
    'kubectl config use-context production && kubectl delete deploy x',
    'kubectl config use-context prod-eu; kubectl scale deploy api --replicas=0',
    'kubectl config use-context prod-eu && helm uninstall api',
    'kubectx production && kubectl delete pod x',
    'oc config use-context production && oc delete pod x',
  ]) {
    const r = e.judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.equal(r.environment.production, true, command);
    assert.ok(
      r.findings.some((f) => f.id === 'env.production-write'),
      command,
    );
  }
});

test('a switch elsewhere, reads, and commands naming their own context keep their judgment', () => {
  const e = engine();
  for (const command of [
    'kubectl config use-context dev && kubectl delete pod x',
    'kubectl config use-context production && kubectl get pods',
    'kubectl config use-context production; kubectl logs api-0',
    'kubectl config use-context production && kubectl --context dev delete pod x',
    'kubectl config use-context production --kubeconfig other.yaml && kubectl delete pod x',
    'kubectl config use-context staging && kubectl rollout status deploy/api',
  ])
    assert.equal(e.decide(command), 'allow', command);
});
