// Destructive work carried where the command line does not say it: a GraphQL
// mutation sent through a dedicated GraphQL client (gq / graphqurl), judged
// as curl's body is; DynamoDB batch deletes in a request document
// (cloud/awsRequestDocs.ts); Postgres server functions that delete what they
// are given (common/sql/server.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const at = (f: string) => path.join(WORKSPACE, f);

test('a GraphQL mutation sent through gq or graphqurl is judged as the same body sent by curl', () => {
  const { decide, ids } = engine({ [at('ops/delete.graphql')]: 'mutation { projectDelete(id: "p1") }' });
  for (const c of [
    `gq https://backboard.railway.app/graphql/v2 -q 'mutation { volumeDelete(volumeId: "v1") }'`,
    `npx graphqurl https://api.example.com/graphql --query 'mutation DropAll { deleteProject(id: 1) }'`,
    `graphqurl https://api.example.com/graphql -H 'Authorization: Bearer x' -q 'mutation { volumeDelete(id:"x") }'`,
    'gq https://api.example.com/graphql --queryFile ops/delete.graphql',
  ]) {
    assert.notEqual(decide(c), 'allow', c);
    assert.ok(
      ids(c).some((id) => id.startsWith('http.graphql')),
      `${c}: ${ids(c)}`,
    );
  }
  for (const c of [
    `gq https://backboard.railway.app/graphql/v2 -q 'query { me { id } }'`,
    `npx graphqurl https://api.example.com/graphql -q '{ projects { id name } }'`,
    'gq https://api.example.com/graphql -i',
  ])
    assert.equal(decide(c), 'allow', c);
});

test('aws dynamodb batch and transaction writes ask when their request document deletes, or cannot be read', () => {
  const { decide, ids } = engine({
    [at('deletes.json')]: '{"Orders":[{"DeleteRequest":{"Key":{"id":{"S":"1"}}}}]}',
    [at('puts.json')]: '{"Orders":[{"PutRequest":{"Item":{"id":{"S":"1"}}}}]}',
    [at('tx.json')]: '[{"Delete":{"TableName":"Orders","Key":{"id":{"S":"1"}}}}]',
    [at('input.json')]: '{"RequestItems":{"Orders":[{"DeleteRequest":{"Key":{"id":{"S":"1"}}}}]}}',
  });
  assert.ok(ids('aws dynamodb batch-write-item --cli-input-json file://input.json').includes('cloud.aws-data-delete'));
  assert.ok(ids('aws dynamodb batch-write-item --request-items file://deletes.json').includes('cloud.aws-data-delete'));
  assert.ok(ids('aws dynamodb transact-write-items --transact-items file://tx.json').includes('cloud.aws-data-delete'));
  assert.notEqual(
    decide(`aws dynamodb batch-write-item --request-items '{"T":[{"DeleteRequest":{"Key":{"id":{"S":"1"}}}}]}'`),
    'allow',
  );
  // Not there to read: a batch that may delete.
  assert.ok(ids('aws dynamodb batch-write-item --request-items file://missing.json').includes('cloud.aws-delete'));
  assert.equal(decide('aws dynamodb batch-write-item --request-items file://puts.json'), 'allow');
  assert.equal(decide(`aws dynamodb get-item --table-name Orders --key '{"id":{"S":"1"}}'`), 'allow');
});

test('Postgres functions that delete large objects, slots or server files ask; reading them stays quiet', () => {
  const { decide, ids } = engine();
  assert.ok(ids('psql -c "SELECT lo_unlink(oid) FROM pg_largeobject_metadata"').includes('sql.deleting-function'));
  for (const c of [
    'psql "$DATABASE_URL" -c "SELECT lo_unlink(12345)"',
    `psql -c "SELECT pg_drop_replication_slot('orders_cdc')"`,
    'psql -c "\\lo_unlink 12345"',
  ])
    assert.notEqual(decide(c), 'allow', c);
  for (const c of [
    'psql -c "SELECT count(*) FROM pg_largeobject_metadata"',
    `psql -c "SELECT lo_export(123, '/tmp/x')"`,
    'psql -c "SELECT * FROM pg_replication_slots"',
    'psql -c "\\lo_list"',
  ])
    assert.equal(decide(c), 'allow', c);
});
