// agentguard.mode is a request until a human confirms monitor: the record in
// the state folder, what the editor does with each setting, and the hook's
// answer before and after the confirmation (the built CLI, spawned).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ANSWER_HARMLESS_SETTING,
  editorModeFile,
  planModeSync,
  planSettingSync,
  readAnswerHarmless,
  readEditorMode,
  readModeRecord,
  requestedEditorMode,
  requestedSetting,
  writeEditorMode,
  writeEditorSetting,
} from '../../../src/core/policy/editorMode';
import { claudeDecision, fixture, runHook, withInput, withSandbox } from '../support/hookHarness';

function withDir(fn: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-mode-'));
  try {
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the settings level that decides: folder, then workspace, then user, then default; an untrusted workspace only tightens', () => {
  assert.deepEqual(requestedEditorMode({ default: 'enforce' }, true), { mode: 'enforce', source: 'default' });
  assert.deepEqual(requestedEditorMode({ default: 'enforce', user: 'monitor' }, true), {
    mode: 'monitor',
    source: 'user',
  });
  assert.deepEqual(requestedEditorMode({ user: 'enforce', workspace: 'monitor' }, true), {
    mode: 'monitor',
    source: 'workspace',
  });
  assert.deepEqual(requestedEditorMode({ workspace: 'enforce', workspaceFolder: 'monitor' }, true), {
    mode: 'monitor',
    source: 'workspaceFolder',
  });
  assert.deepEqual(requestedEditorMode({ workspace: 'monitor', workspaceFolder: 'enforce' }, true), {
    mode: 'enforce',
    source: 'workspaceFolder',
  });
  // Untrusted: a workspace's monitor is skipped, its enforce counts.
  assert.deepEqual(requestedEditorMode({ user: 'enforce', workspaceFolder: 'monitor' }, false), {
    mode: 'enforce',
    source: 'user',
  });
  assert.deepEqual(requestedEditorMode({ user: 'monitor', workspace: 'enforce' }, false), {
    mode: 'enforce',
    source: 'workspace',
  });
  // Anything but "monitor" enforces, and names no source the human would confirm.
  assert.deepEqual(requestedEditorMode({ user: 'MONITOR' }, true), { mode: 'enforce', source: undefined });
  assert.deepEqual(requestedEditorMode({}, true), { mode: 'enforce' });
});

test('planModeSync: enforce applies at once; monitor asks unless a human confirmed it from the same settings level', () => {
  const at = new Date().toISOString();
  const confirmedMonitor = {
    version: 2 as const,
    mode: 'monitor' as const,
    folder: '/w',
    confirmedAt: at,
    source: 'user' as const,
  };
  const enforced = { version: 2 as const, mode: 'enforce' as const, folder: '/w', confirmedAt: at };
  const enforce = { mode: 'enforce' as const, source: 'default' as const };
  const monitor = { mode: 'monitor' as const, source: 'user' as const };
  assert.deepEqual(planModeSync(enforce, undefined), { writeEnforce: true, ask: false });
  assert.deepEqual(planModeSync(enforce, enforced), { writeEnforce: false, ask: false });
  assert.deepEqual(
    planModeSync(enforce, confirmedMonitor),
    { writeEnforce: true, ask: false },
    'back to enforce needs nobody',
  );
  assert.deepEqual(planModeSync(monitor, undefined), { writeEnforce: true, ask: true });
  assert.deepEqual(planModeSync(monitor, enforced), { writeEnforce: false, ask: true });
  assert.deepEqual(
    planModeSync(monitor, confirmedMonitor),
    { writeEnforce: false, ask: false },
    'an unchanged, confirmed setting is not asked about again',
  );
  // The human confirmed monitor in their user settings and later set enforce there, while an agent had written
  // monitor into the workspace settings: that value was never confirmed, so the hook enforces and the editor asks.
  assert.deepEqual(planModeSync({ mode: 'monitor', source: 'workspace' }, confirmedMonitor), {
    writeEnforce: true,
    ask: true,
  });
});

test('a mode file from before confirmations existed (no version) counts as enforce, and the editor asks once', () => {
  withDir((dir) => {
    const file = editorModeFile(dir, '/w');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ mode: 'monitor', folder: path.resolve('/w') }) + '\n');
    assert.equal(readModeRecord(dir, '/w'), undefined);
    assert.equal(readEditorMode(dir, '/w'), 'enforce');
    assert.deepEqual(planModeSync({ mode: 'monitor', source: 'user' }, readModeRecord(dir, '/w')), {
      writeEnforce: true,
      ask: true,
    });
  });
});

test('the mode record: written confirmed, read back for its own folder only; anything odd is enforce', () => {
  withDir((dir) => {
    writeEditorMode(dir, '/w', 'monitor', 'workspace', new Date('2026-01-02T03:04:05Z'));
    assert.deepEqual(readModeRecord(dir, '/w'), {
      version: 2,
      mode: 'monitor',
      folder: path.resolve('/w'),
      confirmedAt: '2026-01-02T03:04:05.000Z',
      source: 'workspace',
    });
    assert.equal(readEditorMode(dir, '/w'), 'monitor');
    assert.equal(readEditorMode(dir, '/other'), 'enforce');
    const file = editorModeFile(dir, '/w');
    const good = fs.readFileSync(file, 'utf8');
    for (const bad of [
      '{',
      'null',
      '[]',
      JSON.stringify({ ...JSON.parse(good), mode: 'off' }),
      JSON.stringify({ ...JSON.parse(good), confirmedAt: 1 }),
      JSON.stringify({ ...JSON.parse(good), folder: '/x' }),
    ]) {
      fs.writeFileSync(file, bad);
      assert.equal(readEditorMode(dir, '/w'), 'enforce', bad);
    }
    // A link in the state folder is never followed, even to a valid record.
    const elsewhere = path.join(dir, 'elsewhere.json');
    fs.writeFileSync(elsewhere, good);
    fs.rmSync(file);
    fs.symlinkSync(elsewhere, file);
    assert.equal(readEditorMode(dir, '/w'), 'enforce');
    fs.rmSync(file);
    writeEditorMode(dir, '/w', 'enforce');
    assert.equal(readModeRecord(dir, '/w')?.mode, 'enforce');
    assert.equal(readModeRecord(dir, '/w')?.source, undefined);
  });
});

test('hook: an unconfirmed monitor file (the old format) gates; the confirmed one allows', async () => {
  await withSandbox(async (sb) => {
    const payload = withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' });
    const file = editorModeFile(sb.state, sb.workspace);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ mode: 'monitor', folder: sb.workspace }) + '\n');
    assert.equal(claudeDecision(await runHook('claude', payload, sb)).decision, 'ask');
    writeEditorMode(sb.state, sb.workspace, 'monitor', 'workspace');
    assert.equal(claudeDecision(await runHook('claude', payload, sb)).decision, 'allow');
  });
});

test('agentguard.answerHarmless is the same kind of request: "allow" needs a human from the same settings level, "defer" applies at once', () => {
  const h = ANSWER_HARMLESS_SETTING;
  assert.deepEqual(requestedSetting(h, { default: 'defer' }, true), { value: 'defer', source: 'default' });
  assert.deepEqual(requestedSetting(h, { default: 'defer', workspace: 'allow' }, true), {
    value: 'allow',
    source: 'workspace',
  });
  // An untrusted workspace may only keep the strict value.
  assert.deepEqual(requestedSetting(h, { user: 'defer', workspace: 'allow' }, false), {
    value: 'defer',
    source: 'user',
  });
  assert.deepEqual(requestedSetting(h, { user: 'ALLOW' }, true), { value: 'defer', source: undefined });
  withDir((dir) => {
    assert.equal(readAnswerHarmless(dir, '/w'), 'defer');
    assert.deepEqual(planSettingSync(h, { value: 'allow', source: 'workspace' }, readModeRecord(dir, '/w')), {
      writeEnforce: true,
      ask: true,
    });
    writeEditorMode(dir, '/w', 'monitor', 'user');
    writeEditorSetting(dir, '/w', h, 'allow', 'workspace', new Date('2026-03-04T05:06:07Z'));
    const record = readModeRecord(dir, '/w');
    assert.deepEqual(record?.answerHarmless, {
      value: 'allow',
      confirmedAt: '2026-03-04T05:06:07.000Z',
      source: 'workspace',
    });
    assert.equal(record?.mode, 'monitor', 'each setting keeps the other');
    assert.equal(readAnswerHarmless(dir, '/w'), 'allow');
    assert.equal(readAnswerHarmless(dir, '/other'), 'defer');
    assert.deepEqual(
      planSettingSync(h, { value: 'allow', source: 'workspace' }, record),
      { writeEnforce: false, ask: false },
      'confirmed from this level',
    );
    assert.deepEqual(
      planSettingSync(h, { value: 'allow', source: 'workspaceFolder' }, record),
      { writeEnforce: true, ask: true },
      'from another level: asked again',
    );
    writeEditorMode(dir, '/w', 'enforce');
    assert.equal(readAnswerHarmless(dir, '/w'), 'allow', 'the mode keeps answerHarmless');
    // A record whose answerHarmless is not one AgentGuard wrote counts as never confirmed.
    const file = editorModeFile(dir, '/w');
    fs.writeFileSync(file, JSON.stringify({ ...readModeRecord(dir, '/w'), answerHarmless: { value: 'allow' } }));
    assert.equal(readAnswerHarmless(dir, '/w'), 'defer');
    writeEditorSetting(dir, '/w', h, 'defer');
    assert.equal(readAnswerHarmless(dir, '/w'), 'defer');
  });
});
