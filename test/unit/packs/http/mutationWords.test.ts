// GraphQL mutations whose names carry no destructive verb but reshape live
// infrastructure (Railway's serviceInstanceUpdate, volumeInstanceUpdate,
// environmentTriggersDeploy, apiTokenCreate) ask, and so does an upsert told
// to replace everything (`replace: true`); queries and ordinary writes stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asksToWipe, mutationRisk } from '../../../../src/core/packs/http/mutationWords';
import { engine } from '../../support/engineHarness';

const RAILWAY = 'https://backboard.railway.app/graphql/v2';
const post = (document: string, variables?: object) =>
  `curl -s -X POST ${RAILWAY} -H 'Content-Type: application/json' -d '${JSON.stringify({ query: document, ...(variables ? { variables } : {}) })}'`;

test('names: a verb with the noun it acts on', () => {
  assert.equal(mutationRisk('serviceInstanceUpdate')?.tier, 'reconfigure');
  assert.equal(mutationRisk('volumeInstanceUpdate')?.tier, 'reconfigure');
  assert.equal(mutationRisk('updateDisk')?.tier, 'reconfigure');
  assert.equal(mutationRisk('environmentTriggersDeploy')?.tier, 'deploy');
  assert.equal(mutationRisk('serviceInstanceDeploy')?.tier, 'deploy');
  assert.equal(mutationRisk('apiTokenCreate')?.tier, 'credential');
  assert.equal(mutationRisk('createDeployKey')?.tier, 'credential');
  assert.equal(mutationRisk('volumeDelete')?.tier, 'delete', 'the destructive verbs still decide first');
  for (const quiet of [
    'serviceUpdate',
    'projectUpdate',
    'variableUpsert',
    'variableCollectionUpsert',
    'deploymentLogs',
    'serviceInstanceRedeploy',
    'customerAccessTokenCreate',
    'login',
    'createPost',
    'me',
  ])
    assert.equal(mutationRisk(quiet), undefined, quiet);
});

test('a replace or force flag in the arguments or the variables', () => {
  assert.ok(asksToWipe('mutation { variableCollectionUpsert(input: {replace: true, variables: {}}) }'));
  assert.ok(asksToWipe('{"variables":{"input":{"replace":true}}}'));
  assert.ok(asksToWipe('{\\"input\\":{\\"force\\": true}}'), 'escapes the shell left in');
  assert.ok(!asksToWipe('{"variables":{"input":{"replace":false}}}'));
  assert.ok(!asksToWipe('{"variables":{"input":{"replaceMe":true, "noforce": true}}}'));
});

test('Railway mutations that reshape live infrastructure ask', () => {
  const { judge } = engine();
  for (const command of [
    post(
      'mutation { variableCollectionUpsert(input: {projectId: "p", environmentId: "e", variables: {}, replace: true}) }',
    ),
    post('mutation upsert($input: VariableCollectionUpsertInput!) { variableCollectionUpsert(input: $input) }', {
      input: { projectId: 'p', environmentId: 'e', variables: {}, replace: true },
    }),
    post('mutation { serviceInstanceUpdate(serviceId: "s", input: {startCommand: "true"}) }'),
    post('mutation { environmentTriggersDeploy(input: {environmentId: "e", projectId: "p", serviceId: "s"}) }'),
    post('mutation { apiTokenCreate(input: {name: "ci"}) }'),
    post('mutation { volumeInstanceUpdate(volumeId: "v", input: {mountPath: "/tmp"}) }'),
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(
      r.findings.some((f) => f.id === 'http.graphql-destructive-mutation' && f.target === 'backboard.railway.app'),
      command,
    );
  }
});

test('queries and ordinary mutations stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    post('query { me { projects { edges { node { id name } } } } }'),
    post('query { deploymentLogs(deploymentId: "d") { message } }'),
    post('mutation { variableUpsert(input: {projectId: "p", environmentId: "e", name: "A", value: "b"}) }'),
    post('mutation { variableCollectionUpsert(input: {projectId: "p", environmentId: "e", variables: {A: "b"}}) }'),
    post('mutation { serviceUpdate(id: "s", input: {name: "web"}) }'),
  ])
    assert.equal(decide(command), 'allow', command);
});
