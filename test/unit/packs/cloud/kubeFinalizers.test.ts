// Stripping finalizers lets a pending deletion complete at once, skipping the
// cleanup they guard: a patch that empties or removes them, and `replace --raw
// …/finalize`, ask; other patches stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('patches that empty or remove finalizers ask, whatever the patch type', () => {
  const { judge } = engine();
  for (const command of [
    `kubectl patch ns prod -p '{"metadata":{"finalizers":null}}' --type=merge`,
    `kubectl patch ns prod -p '{"metadata":{"finalizers":[]}}' --type=merge`,
    `kubectl patch namespace staging --type merge --patch '{"metadata": {"finalizers": []}}'`,
    `kubectl patch pvc data --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`,
    `kubectl patch pv pv-1 --type=json -p='[{"path": "/metadata/finalizers", "op": "replace", "value": []}]'`,
    `oc patch project legacy -p '{"spec":{"finalizers":null}}'`,
    `kubectl replace --raw /api/v1/namespaces/stuck/finalize -f ns.json`,
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(
      r.findings.some((f) => f.id === 'cloud.kubectl-strip-finalizers'),
      `${command}: ${r.findings.map((f) => f.id).join(',')}`,
    );
  }
});

test('other patches and raw replaces stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    `kubectl patch ns dev -p '{"metadata":{"labels":{"team":"a"}}}'`,
    `kubectl patch deploy web -p '{"spec":{"replicas":3}}'`,
    `kubectl patch cm app --type=json -p '[{"op":"add","path":"/metadata/finalizers/-","value":"acme.io/keep"}]'`,
    `kubectl replace --raw /apis/example.io/v1/things/a -f thing.json`,
  ])
    assert.equal(decide(command), 'allow', command);
});
