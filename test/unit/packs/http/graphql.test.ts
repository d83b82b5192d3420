import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGraphql } from '../../../../src/core/packs/http/graphql';
import { destructiveName, wordParts } from '../../../../src/core/packs/http/words';
import { engine } from '../../support/engineHarness';

const fields = (body: string): string[] => readGraphql(body).mutationFields;

test('top-level mutation fields from JSON, batches, raw documents and escaped JSON', () => {
  assert.deepEqual(fields('{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'), ['volumeDelete']);
  assert.deepEqual(fields('[{"query":"query { me { id } }"},{"query":"mutation { serviceDelete(id: \\"s\\") }"}]'), [
    'serviceDelete',
  ]);
  assert.deepEqual(fields('mutation Cleanup($id: ID!) @trace { a: projectDelete(id: $id) { id } b: login(x: 1) }'), [
    'projectDelete',
    'login',
  ]);
  assert.deepEqual(
    fields(
      'mutation {\n  createUser(input: {name: "x", tags: ["a", "b"]}) { id user { posts { id } } }\n  removeTag(id: 2)\n}',
    ),
    ['createUser', 'removeTag'],
  );
  // JSON the shell left invalid (a stray escape): read loosely, still found.
  assert.deepEqual(fields('{"query":"mutation { volumeDelete(volumeId: \\"x\\") }", bad}'), ['volumeDelete']);
  assert.deepEqual(fields('{\\"query\\":\\"mutation {\\\\n volumeDelete(volumeId: \\\\\\"x\\\\\\") }\\"}'), [
    'volumeDelete',
  ]);
  assert.deepEqual(fields('query=mutation%7BdeleteProject(id%3A1)%7D&variables=%7B%7D'), ['deleteProject']);
});

test('nested selections, arguments and strings do not count as top-level fields', () => {
  assert.deepEqual(
    fields('mutation { createPost(input: {title: "delete me (later)"}) { author { deleteAt removeUrl } } }'),
    ['createPost'],
  );
  assert.deepEqual(fields('{"query":"query { posts(where: {title: \\"mutation { deleteAll }\\"}) { id } }"}'), []);
  assert.deepEqual(fields('{"query":"{ deleteRequests { id } }"}'), [], 'a shorthand query');
  assert.deepEqual(fields('{"query":"query Q { a } mutation M { purgeQueue(name: \\"jobs\\") }"}'), ['purgeQueue']);
});

test('isGraphql tells GraphQL bodies from JSON that merely has a "query" key', () => {
  assert.equal(readGraphql('{"query":"query { me { id } }"}').isGraphql, true);
  assert.equal(readGraphql('mutation { x }').isGraphql, true);
  assert.equal(readGraphql('{"query":{"match_all":{}}}').isGraphql, false);
  assert.equal(readGraphql('{"user":"a"}').isGraphql, false);
  assert.deepEqual(
    readGraphql('{"operationName":"DeleteVolume","extensions":{"persistedQuery":{"sha256Hash":"ab"}}}').operationNames,
    ['DeleteVolume'],
  );
});

test('huge or hostile bodies are bounded', () => {
  const deep = 'mutation { a' + '('.repeat(50_000) + ' }';
  const start = process.hrtime.bigint();
  readGraphql(deep);
  readGraphql('{"query":"' + 'mutation '.repeat(20_000) + '"}');
  readGraphql('"'.repeat(100_000));
  assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 500);
});

test('word parts split camelCase, snake_case, kebab-case and acronyms', () => {
  assert.deepEqual(wordParts('volumeInstanceBackupDelete'), ['volume', 'instance', 'backup', 'delete']);
  assert.deepEqual(wordParts('delete_users'), ['delete', 'users']);
  assert.deepEqual(wordParts('_delete_by_query'), ['delete', 'by', 'query']);
  assert.deepEqual(wordParts('DELETEUser'), ['delete', 'user']);
  assert.deepEqual(wordParts('purge-queue'), ['purge', 'queue']);
});

test('destructive names: the verb must be a whole word part', () => {
  for (const name of [
    'volumeDelete',
    'deleteProject',
    'project_delete',
    'removeMember',
    'dropTable',
    'truncateEvents',
    'resetDatabase',
    'destroyMachine',
    'wipeData',
    'terminateInstance',
    'FLUSHALL',
  ]) {
    assert.equal(destructiveName(name)?.tier, 'delete', name);
  }
  for (const name of [
    'createUser',
    'login',
    'serviceInstanceRedeploy',
    'deletedAt',
    'undelete',
    'modelName',
    'dropdown',
    'updateRemoteUrl',
    'removalDate',
  ]) {
    assert.equal(destructiveName(name), undefined, name);
  }
  // Deleting a cache or resetting a password loses nothing that matters.
  for (const name of ['purgeCache', 'resetPassword', 'passwordReset', 'clearCache', 'removeFromCart'])
    assert.equal(destructiveName(name), undefined, name);
  assert.equal(destructiveName('revokeToken')?.tier, 'revoke');
  assert.equal(destructiveName('volumeInstanceBackupRestore')?.tier, 'overwrite');
});

test('gh api graphql reads a -F query=@FILE it cannot read as a body nobody read; a readable one by its text', () => {
  const { decide, ids } = engine({
    '/tmp/drop.graphql': 'mutation { deleteRepository(input: {repositoryId: "R_1"}) { clientMutationId } }',
    '/tmp/me.graphql': 'query { viewer { login } }',
  });
  assert.deepEqual(ids('gh api graphql -F query=@/tmp/missing.graphql'), ['http.graphql-unknown-body']);
  assert.deepEqual(ids('gh api graphql -F query=@/tmp/drop.graphql'), ['http.graphql-destructive-mutation']);
  assert.equal(decide('gh api graphql -F query=@/tmp/me.graphql'), 'allow');
  // A REST field read from a file that is not there sends an empty value, and stays quiet.
  assert.equal(decide('gh api repos/acme/api/issues -F body=@/tmp/missing.md -f title=x'), 'allow');
});

test('a GraphQL operation sent only as a persisted hash or id asks: the server holds its text', () => {
  const { decide, ids } = engine({});
  const apq = '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab12"}},"variables":{"id":"v"}}';
  for (const command of [
    `curl https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer t' -d '${apq}'`,
    `curl https://api.example.com/gql -d '[{"doc_id":"123","variables":{"id":"v"}}]'`,
    `curl https://api.example.com/relay -d '{"documentId":"abc","variables":{}}'`,
  ])
    assert.deepEqual(ids(command), ['http.graphql-unknown-body'], command);
  // The document sent beside its hash is read as any other; a GET is a read; other JSON is not GraphQL.
  for (const command of [
    `curl https://api.example.com/graphql -d '{"query":"query { me { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab12"}}}'`,
    `curl -G https://api.example.com/graphql --data-urlencode 'extensions=${apq}'`,
    `curl https://api.example.com/items -d '{"name":"x","id":"3"}'`,
  ])
    assert.equal(decide(command), 'allow', command);
});
