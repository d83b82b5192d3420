import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addAllowRule, CONFIG_TEMPLATE, exactAllowRule } from '../../../src/core/policy/allowRule';
import { parseConfigText } from '../../../src/core/config/load';
import {
  readEditorMode,
  resolveEditorMode,
  withEditorMode,
  writeEditorMode,
} from '../../../src/core/policy/editorMode';
import { evaluate } from '../../../src/core/engine';
import { ctx, WORKSPACE } from '../support/helpers';

const offer = (command: string, extra: Partial<Parameters<typeof exactAllowRule>[0]> = {}) =>
  exactAllowRule(
    {
      command,
      cwd: WORKSPACE,
      env: {},
      findingIds: ['git.force-push'],
      score: 60,
      denyThreshold: 90,
      production: false,
      ...extra,
    },
    ctx(),
  );

test('the exact rule is the normalized command, glob characters escaped', () => {
  assert.deepEqual(offer('git push --force origin main'), { ok: true, match: 'git push --force origin main' });
  assert.deepEqual(offer("sudo rm -rf 'build/*'"), { ok: true, match: 'rm -rf build/\\*' });
});

test('no rule is offered for production, deny-level, guard files, compound or dynamic commands', () => {
  assert.equal(offer('git push --force', { production: true }).ok, false);
  assert.equal(offer('git push --force', { score: 95 }).ok, false);
  assert.equal(offer('rm .agentguard.json', { findingIds: ['path.agentguard'] }).ok, false);
  assert.equal(offer('git push --force && rm -rf x').ok, false);
  assert.equal(offer('rm -rf $DIR').ok, false);
});

test('the written rule keeps comments and formatting, and the engine then allows exactly that command', () => {
  const text =
    '// team policy\n{\n    "rules": [\n        // CI pushes\n        { "match": "git push *", "decision": "ask" }\n    ]\n}\n';
  const r = addAllowRule(text, 'git push --force origin main', 'allowed from the editor');
  assert.ok('text' in r);
  assert.equal(
    r.text,
    '// team policy\n{\n    "rules": [\n        // CI pushes\n        { "match": "git push *", "decision": "ask" },\n        { "match": "git push --force origin main", "decision": "allow", "reason": "allowed from the editor" }\n    ]\n}\n',
  );
  const loaded = parseConfigText(r.text, '/w/.agentguard.json');
  assert.ok(loaded.ok && loaded.config);
  assert.deepEqual(addAllowRule(r.text, 'git push --force origin main', 'x'), {
    problem: 'this rule is already in .agentguard.json',
  });
  assert.ok('problem' in addAllowRule('{ "rules": [', 'x', 'y'));
});

test('a missing file starts from the commented template, which is a valid config', () => {
  const loadedTemplate = parseConfigText(CONFIG_TEMPLATE, '/w/.agentguard.json');
  assert.ok(loadedTemplate.ok, JSON.stringify(loadedTemplate));
  const r = addAllowRule(undefined, 'rm -rf build', 'allowed from the editor');
  assert.ok('text' in r && r.text.includes('// AgentGuard policy for this workspace'));
  const loaded = parseConfigText(r.text, '/w/.agentguard.json');
  assert.ok(loaded.ok && loaded.config);
  const before = evaluate({ command: 'git push --force origin main' }, { workspace: WORKSPACE, env: {} });
  assert.equal(before.decision, 'ask');
  const rule = addAllowRule(undefined, 'git push --force origin main', 'r');
  assert.ok('text' in rule);
  const cfg = parseConfigText(rule.text, '/w/.agentguard.json');
  assert.ok(cfg.ok && cfg.config);
  assert.equal(
    evaluate({ command: 'git push --force origin main' }, { workspace: WORKSPACE, env: {}, config: cfg.config })
      .decision,
    'allow',
  );
  assert.equal(
    evaluate({ command: 'git push --force origin dev' }, { workspace: WORKSPACE, env: {}, config: cfg.config })
      .decision,
    'ask',
  );
});

test('editor mode: monitor allows what would be gated, but never the kill switch or a broken config; unreadable is enforce', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-mode-'));
  try {
    const v = {
      decision: 'ask' as const,
      score: 60,
      environment: { name: 'unknown', production: false, evidence: [] },
      findings: [{ id: 'git.force-push', summary: 's', severity: 60 }],
      warnings: [],
    };
    assert.equal(withEditorMode(v, dir, '/w').decision, 'ask');
    writeEditorMode(dir, '/w', 'monitor');
    assert.equal(readEditorMode(dir, '/w'), 'monitor');
    assert.equal(readEditorMode(dir, '/other'), 'enforce');
    assert.deepEqual({ ...withEditorMode(v, dir, '/w') }, { ...v, decision: 'allow', monitored: 'ask' });
    const halted = {
      ...v,
      decision: 'deny' as const,
      findings: [{ id: 'killswitch.engaged', summary: 'halted', severity: 100 }],
    };
    assert.equal(withEditorMode(halted, dir, '/w').decision, 'deny');
    writeEditorMode(dir, '/w', 'enforce');
    assert.equal(withEditorMode(v, dir, '/w').decision, 'ask');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('editor mode from settings: an untrusted workspace may tighten, never loosen', () => {
  assert.equal(resolveEditorMode({}, false), 'enforce');
  assert.equal(resolveEditorMode({ user: 'monitor' }, false), 'monitor');
  assert.equal(resolveEditorMode({ workspace: 'monitor' }, false), 'enforce');
  assert.equal(resolveEditorMode({ user: 'monitor', workspace: 'enforce' }, false), 'enforce');
  assert.equal(resolveEditorMode({ workspace: 'monitor' }, true), 'monitor');
  assert.equal(resolveEditorMode({ user: 'monitor', workspace: 'enforce' }, true), 'enforce');
  assert.equal(resolveEditorMode({ user: 'bogus' }, true), 'enforce');
});
