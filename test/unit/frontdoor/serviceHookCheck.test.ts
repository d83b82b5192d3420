// What the AgentGuard service examines before it records a hook file: the
// record a real client makes (nextHookRecord, as install and the editor's
// repair send it) for real files, examined the way the service does on
// `hooks.record`. The service-world tests (cli/service.test.ts) run the same
// through the real service as its own user and the real hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { examineHookFile, hookFilePlace, installedEntries } from '../../../src/core/frontdoor/serviceHookCheck';
import { addHook } from '../../../src/core/hosts/hostConfig';
import { generatedFile, installedCommand } from '../../../src/core/hosts/hostFiles';
import { launcherPath } from '../../../src/core/launcher';
import { nextHookRecord, type RecordedHookFile } from '../../../src/core/launcher/hookRecord';

const NOW = new Date('2026-11-24T09:00:00Z');

function world(): { home: string; workspace: string; settings: string; clean: string; done: () => void } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-hookcheck-'));
  const workspace = path.join(home, 'code', 'acme-api');
  fs.mkdirSync(path.join(workspace, '.claude'), { recursive: true });
  const edited = addHook('', 'claude', installedCommand('claude', launcherPath(home)));
  assert.ok(edited.ok);
  const clean = JSON.parse(edited.text) as Record<string, unknown>;
  return {
    home,
    workspace,
    settings: path.join(workspace, '.claude', 'settings.json'),
    clean: JSON.stringify(clean, null, 2),
    done: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

/** The record a client makes for `file` as it is now. */
function sent(file: string, workspace: string): RecordedHookFile {
  const r = nextHookRecord([], [{ host: 'claude', scope: 'project', file }], workspace, '/anything').find(
    (x) => x.file === file,
  );
  assert.ok(r);
  return r;
}

const refusal = (e: ReturnType<typeof examineHookFile>): string => ('refused' in e ? e.refused : '');

test('a hook file as install writes it is kept, with the identity and entries the service read', () => {
  const w = world();
  try {
    fs.writeFileSync(w.settings, w.clean);
    const examined = examineHookFile(sent(w.settings, w.workspace), undefined, w.home, NOW);
    assert.ok('record' in examined, refusal(examined));
    const st = fs.statSync(w.settings);
    assert.equal(examined.record.ino, st.ino);
    assert.equal(examined.record.size, st.size);
    assert.deepEqual(examined.record.entries, installedEntries('claude', w.settings, launcherPath(w.home)));
    assert.equal(examined.record.launcher, launcherPath(w.home));
  } finally {
    w.done();
  }
});

test('a file that takes the hook away, or whose entry is not as install writes it, is refused saying why', () => {
  const w = world();
  try {
    const clean = JSON.parse(w.clean) as { hooks: { PreToolUse: { matcher: string; hooks: unknown[] }[] } };
    const other = (matcher: string) => ({
      matcher,
      hooks: [{ type: 'command', command: 'python3 .claude/rewrite.py' }],
    });
    const cases: [string, unknown, RegExp][] = [
      ['hooks off', { ...clean, disableAllHooks: true }, /sets disableAllHooks/],
      [
        'a handler for Bash',
        { hooks: { PreToolUse: [...clean.hooks.PreToolUse, other('Bash')] } },
        /PreToolUse hook for Bash/,
      ],
      ['a handler for Edit', { hooks: { PreToolUse: [...clean.hooks.PreToolUse, other('^Edit$')] } }, /for Edit/],
      [
        'a handler for every tool',
        { hooks: { PreToolUse: [...clean.hooks.PreToolUse, other('*')] } },
        /PreToolUse hook/,
      ],
      [
        'the entry narrowed',
        { hooks: { PreToolUse: [{ ...clean.hooks.PreToolUse[0], matcher: 'Read' }] } },
        /changed since install: AgentGuard's entry now matches only "Read"/,
      ],
      [
        'the entry running another program of the same name',
        JSON.parse(w.clean.replace(JSON.stringify(launcherPath(w.home)).slice(1, -1), '/tmp/evil/agentguard')),
        /changed since install: AgentGuard's entry now runs '?\/tmp\/evil\/agentguard'? hook claude/,
      ],
    ];
    for (const [what, value, why] of cases) {
      fs.writeFileSync(w.settings, JSON.stringify(value, null, 2));
      assert.match(refusal(examineHookFile(sent(w.settings, w.workspace), undefined, w.home, NOW)), why, what);
    }
    // A file that never held AgentGuard's entry: a handler named agentguard at another path is a handler like any other.
    const local = path.join(w.workspace, '.claude', 'settings.local.json');
    for (const command of ['/some/other/agentguard hook claude', './agentguard hook claude']) {
      fs.writeFileSync(
        local,
        JSON.stringify({ hooks: { PreToolUse: [{ ...other('Bash'), hooks: [{ type: 'command', command }] }] } }),
      );
      assert.match(
        refusal(examineHookFile(sent(local, w.workspace), undefined, w.home, NOW)),
        /PreToolUse hook for Bash|changed since install/,
        command,
      );
    }
  } finally {
    w.done();
  }
});

test("a file that held AgentGuard's entry cannot be recorded without it, nor as gone", () => {
  const w = world();
  try {
    fs.writeFileSync(w.settings, w.clean);
    const kept = examineHookFile(sent(w.settings, w.workspace), undefined, w.home, NOW);
    assert.ok('record' in kept);
    fs.writeFileSync(w.settings, '{}\n');
    // The client's record of the file now: no entries, as one install only looked at.
    const bare = sent(w.settings, w.workspace);
    assert.deepEqual(bare.entries, []);
    assert.match(refusal(examineHookFile(bare, kept.record, w.home, NOW)), /AgentGuard's entry is gone/);
    const { entries: _entries, ...lookedAt } = bare;
    assert.match(refusal(examineHookFile(lookedAt, kept.record, w.home, NOW)), /AgentGuard's entry is gone/);
    fs.rmSync(w.settings);
    const absent = { ...lookedAt, sha256: null, size: 0, ino: 0, ctimeMs: 0 };
    assert.match(refusal(examineHookFile(absent, kept.record, w.home, NOW)), /held AgentGuard's hook and is gone/);
    // Never held: a file install only looked at may be recorded as absent, or as it is when it is clean.
    assert.equal((examineHookFile(absent, undefined, w.home, NOW) as { record: RecordedHookFile }).record.sha256, null);
    fs.writeFileSync(w.settings, '{"cleanupPeriodDays": 20}\n');
    const plain = examineHookFile(sent(w.settings, w.workspace), undefined, w.home, NOW);
    assert.ok('record' in plain && plain.record.entries === undefined, refusal(plain));
  } finally {
    w.done();
  }
});

test('what was sent must be what the service reads: hash, a link, a file of no host, an unknown home', () => {
  const w = world();
  try {
    fs.writeFileSync(w.settings, w.clean);
    const record = sent(w.settings, w.workspace);
    fs.writeFileSync(w.settings, JSON.stringify({ ...(JSON.parse(w.clean) as object), disableAllHooks: true }));
    assert.match(refusal(examineHookFile(record, undefined, w.home, NOW)), /not the file the record describes/);
    const real = path.join(w.home, 'elsewhere.json');
    fs.writeFileSync(real, w.clean);
    fs.rmSync(w.settings);
    fs.symlinkSync(real, w.settings);
    const linked = { ...record, ...(sent(real, w.workspace) as Partial<RecordedHookFile>), file: w.settings };
    assert.match(refusal(examineHookFile(linked, undefined, w.home, NOW)), /symbolic link/);
    assert.match(
      refusal(examineHookFile({ ...record, file: path.join(w.workspace, 'notes.json') }, undefined, w.home, NOW)),
      /not a hook or settings file of Claude Code/,
    );
    fs.rmSync(w.settings);
    fs.writeFileSync(w.settings, w.clean);
    assert.match(refusal(examineHookFile(sent(w.settings, w.workspace), undefined, undefined, NOW)), /home is unknown/);
  } finally {
    w.done();
  }
});

test("the user's own settings are the user level: a handler of the user's there is no workspace's shadow", () => {
  const w = world();
  try {
    const user = path.join(w.home, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(user));
    const v = JSON.parse(w.clean) as { hooks: { PreToolUse: unknown[] } };
    v.hooks.PreToolUse.push({ matcher: 'Bash', hooks: [{ type: 'command', command: '~/bin/log-commands' }] });
    fs.writeFileSync(user, JSON.stringify(v, null, 2));
    assert.deepEqual(hookFilePlace('claude', user), { rel: '.claude/settings.json', base: w.home });
    const examined = examineHookFile(sent(user, w.home), undefined, w.home, NOW);
    assert.ok('record' in examined, refusal(examined));
    // Its entry is still AgentGuard's as written.
    fs.writeFileSync(user, '{}\n');
    assert.match(
      refusal(examineHookFile(sent(user, w.home), examined.record, w.home, NOW)),
      /AgentGuard's entry is gone/,
    );
  } finally {
    w.done();
  }
});

test("a handler planted in a file that never held AgentGuard's entry is refused as someone else's, not as changed since install", () => {
  const w = world();
  try {
    fs.writeFileSync(w.settings, w.clean);
    const local = path.join(w.workspace, '.claude', 'settings.local.json');
    const planted = addHook('', 'claude', '/tmp/evil/agentguard hook claude');
    assert.ok(planted.ok);
    fs.writeFileSync(local, planted.text);
    // Install wrote settings.json and only looked at settings.local.json: its record holds no entries.
    const record = nextHookRecord([], [{ host: 'claude', scope: 'project', file: w.settings }], w.workspace, '/x').find(
      (r) => r.file === local,
    );
    assert.ok(record && record.entries === undefined);
    const why = refusal(examineHookFile(record, undefined, w.home, NOW));
    assert.match(
      why,
      /^adds a PreToolUse handler that is not AgentGuard's: it runs \/tmp\/evil\/agentguard hook claude, not the launcher install writes \('?\/.*\/agentguard'? hook claude\)$/,
    );
    assert.doesNotMatch(why, /since install/);
  } finally {
    w.done();
  }
});

test("Amp's settings are kept only while the program their rule delegates to is AgentGuard's, as install writes it", () => {
  const w = world();
  try {
    const settings = path.join(w.workspace, '.amp', 'settings.json');
    const delegate = path.join(w.workspace, '.amp', 'agentguard-delegate');
    fs.mkdirSync(path.dirname(settings));
    const edited = addHook('', 'amp', delegate);
    assert.ok(edited.ok);
    fs.writeFileSync(settings, edited.text);
    const genuine = generatedFile('amp', launcherPath(w.home));
    fs.writeFileSync(delegate, genuine, { mode: 0o755 });
    const ampSent = (file: string) =>
      nextHookRecord([], [{ host: 'amp', scope: 'project', file }], w.workspace, '/anything').find(
        (x) => x.file === file,
      );
    for (const file of [settings, delegate]) {
      const examined = examineHookFile(ampSent(file)!, undefined, w.home, NOW);
      assert.ok('record' in examined, `${file}: ${refusal(examined)}`);
    }
    fs.writeFileSync(delegate, genuine.replace(/^exec (.+)$/m, '$1; exit 0'));
    assert.match(
      refusal(examineHookFile(ampSent(settings)!, undefined, w.home, NOW)),
      /delegates to \S+agentguard-delegate, not AgentGuard's delegate program as install writes it/,
    );
    assert.match(
      refusal(examineHookFile(ampSent(delegate)!, undefined, w.home, NOW)),
      /is not AgentGuard's delegate program as install writes it/,
    );
    // The program as install writes it, but the developer's home unknown: nothing is AgentGuard's.
    fs.writeFileSync(delegate, genuine);
    assert.ok(refusal(examineHookFile(ampSent(settings)!, undefined, undefined, NOW)));
  } finally {
    w.done();
  }
});

test("a host's folder of hook files is read as the shadow check reads it: any file so named directly in it", () => {
  const ws = path.join(path.sep, 'srv', 'code', 'app');
  const at = (...parts: string[]) => path.join(ws, ...parts);
  const placed = [
    ['opencode', '.opencode/plugin/agentguard.js'],
    ['opencode', '.opencode/plugins/notify.TS'],
    ['cline', '.clinerules/hooks/TaskStart'],
    ['copilot', '.github/hooks/team.json'],
  ] as const;
  for (const [host, rel] of placed)
    assert.deepEqual(hookFilePlace(host, at(...rel.split('/'))), { rel, base: ws }, rel);
  for (const [host, file] of [
    ['opencode', at('.opencode', 'plugins', 'notes.md')],
    ['opencode', at('.opencode', 'plugins', 'lib', 'agentguard.js')],
    ['opencode', at('plugins', 'agentguard.js')],
    ['copilot', at('.github', 'hooks', 'team.yaml')],
  ] as const)
    assert.equal(hookFilePlace(host, file), undefined, file);
});
