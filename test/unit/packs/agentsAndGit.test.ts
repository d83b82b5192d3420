// Agents started with their permission checks off (packs/agents.ts); git's
// abbreviated options (packs/common/gitOptions.ts); cloud metadata addresses in
// every spelling (packs/secrets/network.ts); editor settings edits that guard
// nothing (guard/editorSettings.ts); SQL that opens data to everyone
// (packs/common/sql/access.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';
import { expandOptions, fullOption } from '../../../src/core/packs/common/gitOptions';
import { canonicalHost } from '../../../src/core/packs/secrets/network';
import { harmlessSettingsEdit } from '../../../src/core/guard/editorSettings';
import { analyzeSql } from '../../../src/core/packs/common/sql';

const { decide, ids } = engine();

test('agents started with their permission checks off, and MCP servers added through a host CLI, ask', () => {
  for (const c of [
    'claude --dangerously-skip-permissions -p x',
    'claude -p x --permission-mode bypassPermissions',
    'codex --yolo x',
    'codex -s danger-full-access x',
    'gemini --approval-mode=yolo -p x',
    'cursor-agent -f -p x',
    'copilot --allow-all-tools -p x',
    'amp --dangerously-allow-all -x y',
    'aider --yes-always',
    'npx @anthropic-ai/claude-code --dangerously-skip-permissions',
  ]) {
    assert.ok(ids(c).includes('guard.unguarded-agent'), `${c}: ${ids(c)}`);
  }
  assert.ok(ids('claude mcp add db -- npx -y server-postgres').includes('autorun.mcp-server'));
  for (const c of [
    'claude -p "explain"',
    'codex exec x',
    'codex --full-auto x',
    'gemini -p x',
    'claude mcp list',
    'claude mcp remove x',
    'codex --sandbox workspace-write x',
  ]) {
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  }
});

test('claude started with settings that switch its hooks off, or that skip the files they are written in, asks', () => {
  const files = engine({
    [`${WORKSPACE}/ci/off.json`]: '{ "disableAllHooks": true }',
    [`${WORKSPACE}/ci/model.json`]: '{ "model": "sonnet" }',
  });
  for (const c of [
    `claude -p x --settings '{"disableAllHooks":true}'`,
    `claude -p x --settings='{"disableAllHooks": true}'`,
    'claude -p x --settings ci/off.json',
    'claude -p x --settings ci/unknown.json',
    'claude -p x --setting-sources user',
    'claude -p x --setting-sources=project,local',
  ]) {
    assert.ok(files.ids(c).includes('guard.unguarded-agent'), `${c}: ${files.ids(c)}`);
  }
  for (const c of [
    `claude -p x --settings '{"model":"sonnet"}'`,
    'claude -p x --settings ci/model.json',
    'claude -p x --setting-sources user,project,local',
  ]) {
    assert.equal(files.decide(c), 'allow', `${c}: ${files.ids(c)}`);
  }
});

test("git's abbreviated long options are read as git reads them", () => {
  assert.equal(fullOption('push', '--del'), '--delete');
  assert.equal(fullOption('push', '--mir'), '--mirror');
  assert.equal(fullOption('push', '--force-w'), '--force-with-lease');
  assert.equal(fullOption('push', '--for'), '--force', 'ambiguous: read as the candidate the others extend');
  assert.equal(fullOption('branch', '--for'), '--for', 'ambiguous between force and format: git refuses it');
  assert.equal(fullOption('reset', '--har'), '--hard');
  assert.equal(fullOption('push', '--no-veri'), '--no-verify');
  assert.deepEqual(expandOptions('clean', ['clean', '--forc', '-d', '--', '--har']), [
    'clean',
    '--force',
    '-d',
    '--',
    '--har',
  ]);
  const plain = ['clean', '-fd'];
  assert.equal(expandOptions('clean', plain), plain, 'nothing abbreviated: the same words, not a copy');
  for (const c of [
    'git push --del origin main',
    'git reset --har HEAD~2',
    'git clean --forc -d',
    'git checkout --forc main',
  ])
    assert.notEqual(decide(c), 'allow', c);
  for (const c of ['git push --follow-t origin main', 'git reset --sof HEAD~1', 'git branch --del merged'])
    assert.equal(decide(c), 'allow', c);
});

test('metadata addresses in every spelling inet_aton accepts', () => {
  for (const h of [
    '2852039166',
    '0xa9fea9fe',
    '0251.0376.0251.0376',
    '169.254.43518',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
  ])
    assert.equal(canonicalHost(h), '169.254.169.254', h);
  assert.equal(canonicalHost('example.com'), 'example.com');
  assert.notEqual(decide('curl http://0xa9fea9fe/latest/meta-data/iam/security-credentials/x'), 'allow');
  assert.notEqual(decide('wget -qO- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'), 'allow');
  assert.equal(decide('curl http://169.254.169.254/latest/meta-data/instance-id'), 'allow');
});

test("an editor settings edit that changes only keys guarding nothing is the project's own", () => {
  const p = '/w/.vscode/settings.json';
  assert.equal(
    harmlessSettingsEdit(p, '{ "editor.tabSize": 2 }', '{ "editor.tabSize": 4, "files.exclude": { "dist": true } }'),
    true,
  );
  assert.equal(harmlessSettingsEdit(p, undefined, '{ "terminal.integrated.defaultProfile.linux": "zsh" }'), true);
  assert.equal(harmlessSettingsEdit(p, '{}', '{ "chat.tools.autoApprove": true }'), false);
  assert.equal(harmlessSettingsEdit(p, '{}', '{ "agentguard.mode": "monitor" }'), false);
  assert.equal(harmlessSettingsEdit(p, '{}', '{ "terminal.integrated.env.linux": { "BASH_ENV": "/tmp/x" } }'), false);
  assert.equal(harmlessSettingsEdit(p, '{}', '{ "terminal.integrated.defaultProfile.linux": "sh" }'), false);
  assert.equal(harmlessSettingsEdit(p, '{}', '{ broken'), false);
  assert.equal(harmlessSettingsEdit('/w/.claude/settings.json', '{}', '{}'), false);
});

test('SQL that opens data to everyone: row-level security off, grants to anon, open policies, BYPASSRLS', () => {
  const sqlIds = (s: string) => analyzeSql(s).map((f) => f.id);
  assert.deepEqual(sqlIds('alter table public.profiles disable row level security;'), ['sql.rls-disabled']);
  assert.deepEqual(sqlIds('ALTER TABLE t NO FORCE ROW LEVEL SECURITY'), ['sql.rls-disabled']);
  assert.deepEqual(sqlIds('grant select on all tables in schema public to anon;'), ['sql.grant-anonymous']);
  assert.deepEqual(sqlIds('create policy p on payments for select to anon using (true);'), ['sql.open-policy']);
  assert.deepEqual(sqlIds('ALTER ROLE app BYPASSRLS'), ['sql.bypass-rls']);
  assert.deepEqual(sqlIds('alter table notes enable row level security;'), []);
  assert.deepEqual(sqlIds('create policy own on notes for select to authenticated using (auth.uid() = user_id);'), []);
  assert.deepEqual(sqlIds('grant select on t to reporting;'), []);
});
