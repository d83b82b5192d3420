// A package source set in the environment (`npm_config_registry=http://… npm
// install`, an earlier `export PIP_INDEX_URL=http://…`) serves the install's
// code over plain http just as `--registry http://…` does, and asks the same.
// https, a mirror on this machine, and a command that installs nothing stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { plainHttpEnvSourceFinding } from '../../../../src/core/packs/system/plainHttpInstall';

test('a plain-http registry or index set in the environment asks at install', () => {
  const { decide, ids } = engine();
  for (const command of [
    'npm_config_registry=http://registry.example.com npm install',
    'export npm_config_registry=http://registry.example.com && npm install lodash',
    'NPM_CONFIG_REGISTRY=http://registry.example.com pnpm add zod',
    'YARN_REGISTRY=http://registry.example.com yarn install',
    'YARN_NPM_REGISTRY_SERVER=http://registry.example.com yarn',
    'PIP_INDEX_URL=http://pypi.example.com/simple pip install requests',
    'PIP_EXTRA_INDEX_URL="https://pypi.org/simple http://pypi.corp.example/simple" python3 -m pip install acme',
    'UV_INDEX=internal=http://pypi.corp.example/simple uv sync',
    'npm_config_registry=http://npm.internal.example npx create-vite app',
    'npm_config_registry=http://npm.internal.example pnpm dlx create-vite app',
  ]) {
    assert.notEqual(decide(command), 'allow', command);
    assert.ok(ids(command).includes('system.remote-code'), `${command}: ${ids(command)}`);
  }
  for (const command of [
    'npm_config_registry=http://localhost:4873 npm install',
    'npm_config_registry=https://registry.npmjs.org npm install',
    'PIP_INDEX_URL=http://127.0.0.1:8080/simple pip install requests',
    'npm_config_registry=http://registry.example.com npm run build',
    'PIP_INDEX_URL=http://pypi.example.com/simple pip list',
    'npm_config_registry=http://localhost:4873 npx create-vite app',
    'npm_config_registry=https://registry.npmjs.org npm exec create-vite app',
  ])
    assert.equal(decide(command), 'allow', command);
  // The variable a user's own environment holds is judged only for installs, and names itself in the target.
  const f = plainHttpEnvSourceFinding('npm', ['npm', 'ci'], { npm_config_registry: 'http://10.0.0.5:4873' });
  assert.equal(f?.target, 'npm_config_registry=http://10.0.0.5:4873');
  assert.equal(
    plainHttpEnvSourceFinding('npm', ['npm', 'test'], { npm_config_registry: 'http://x.example' }),
    undefined,
  );
});
