// Searching outside the workspace for credentials asks; searching the workspace, or for anything else, does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
};

test('recursive searches of home, other projects or the system for tokens and keys ask', () => {
  for (const c of [
    'grep -rIl "ghp_" ~/code',
    'grep -R -e "BEGIN OPENSSH PRIVATE KEY" /home',
    'rg --hidden -l "aws_secret_access_key" ~',
    'rg -uu "xoxb-" /srv',
    'ag -l "client_secret" ~/Downloads',
    'find ~ -type f -name "*.p12"',
    'find /etc /opt -iname "*credentials*"',
    'fd -H -e pem . ~/',
    'locate id_ed25519',
  ]) {
    const r = evaluate({ command: c }, opts);
    assert.notEqual(r.decision, 'allow', c);
    assert.ok(
      r.findings.some((f) => f.id === 'secrets.hunt'),
      `${c}: ${r.findings.map((f) => f.id).join(',')}`,
    );
  }
});

test('searching the workspace or temp folders, or for ordinary words, stays allowed', () => {
  for (const c of [
    'grep -rn "token" src',
    'rg -i "password" .',
    'rg "api_key" tests/',
    'find . -name ".env.example"',
    'grep -rn "TODO" ~',
    'find ~/code -name "*.ts"',
    'grep -rn "secret" /tmp/build-output',
    'fd component src',
  ])
    assert.equal(evaluate({ command: c }, opts).decision, 'allow', c);
});
