// The dev container CLI runs what devcontainer.json holds: `devcontainer up`
// its initializeCommand on this machine and the lifecycle commands in the
// container (the workspace mounted), `run-user-commands` those again, `exec`
// its own words. Before, each call was allowed whatever the file held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { lifecycleLines, readDevcontainer } from '../../../src/core/parse/devcontainerCommands';
import { WORKSPACE } from '../support/helpers';

const at = (name: string) => path.join(WORKSPACE, name);

test('a lifecycle command that deletes outside the workspace is judged as the line it runs', () => {
  const { decide } = engine({
    [at('.devcontainer/devcontainer.json')]:
      '{\n  // host side\n  "image": "x",\n  "initializeCommand": "rm -rf ~/notes",\n  "postCreateCommand": "npm ci",\n}\n',
    [at('in/.devcontainer.json')]: '{"image":"x","postCreateCommand":{"a":"npm ci","b":["rm","-rf","/home"]}}',
    [at('ok/.devcontainer.json')]: '{"image":"x","postCreateCommand":"npm ci","postStartCommand":{"web":"npm start"}}',
    [at('broken/.devcontainer.json')]: '{"image":"x", "postCreateCommand": "npm ci" "onCreateCommand": ',
  });
  for (const command of [
    'devcontainer up --workspace-folder .',
    'devcontainer up',
    'devcontainer up --config .devcontainer/devcontainer.json',
    'devcontainer up --workspace-folder in',
    'devcontainer run-user-commands --workspace-folder in',
    'devcontainer up --workspace-folder broken',
    "devcontainer exec --workspace-folder . bash -c 'rm -rf ~/notes'",
  ]) {
    assert.notEqual(decide(command), 'allow', command);
  }
  for (const command of [
    'devcontainer up --workspace-folder ok',
    'devcontainer run-user-commands --workspace-folder ok',
    'devcontainer build --workspace-folder .',
    'devcontainer exec --workspace-folder ok npm test',
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});

test('the reader: a line, a list of words, an object of either, and what it cannot read', () => {
  const { doc, broken } = readDevcontainer(
    '{"initializeCommand":["sh","-c","a b"],"onCreateCommand":{"x":"c","y":["d","e f"]},"postAttachCommand":"g"}',
  );
  assert.equal(broken, false);
  assert.deepEqual(lifecycleLines(doc, ['initializeCommand', 'onCreateCommand', 'postAttachCommand']), [
    'a b',
    'c',
    "d 'e f'",
    'g',
  ]);
  assert.equal(readDevcontainer('{"image": ').broken, true);
});
