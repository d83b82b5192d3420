// Codex's sandbox as install leaves it: AgentGuard's permission profile
// selected in place of `sandbox_mode` (which would make Codex ignore it),
// the deny-write list's workspace paths read-only, the user's roots and
// network carried over; uninstall gives back the user's file byte for byte,
// and keeps what the user added since.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CODEX_SANDBOX as C } from '../../../src/core/hosts/codexSandbox';
import { CLI, hookEnv, ownAccountNode, sandbox } from '../support/hookHarness';

// A real workspace: which folders exist decides how a missing path is named.
const WS = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-codex-ws-'));
for (const d of ['.claude', '.git/hooks', '.github/hooks', 'vendor/lib/.git/hooks'])
  fs.mkdirSync(path.join(WS, d), { recursive: true });
process.on('exit', () => fs.rmSync(WS, { recursive: true, force: true }));

type Place = { scope: 'project' | 'user'; workspace: string };
const PROJECT: Place = { scope: 'project', workspace: WS };
const USER: Place = { scope: 'user', workspace: WS };
const DENY = [
  '/home/me/.local/state/agentguard',
  '/home/me/.agentguard',
  '/home/me/.local/bin',
  ...[
    '.claude/settings.json',
    '.claude/settings.local.json',
    '.cursor/hooks.json',
    '.amp/settings.json',
    '.amp/agentguard-delegate',
    '.github/hooks',
    '.github/hooks/agentguard.json',
    '.git/config',
    '.git/hooks',
    'vendor/lib/.git/config',
    'vendor/lib/.git/hooks',
  ].map((p) => path.join(WS, p)),
  '/data/shared/.git/hooks',
];

/** Configs as people write them: comments, quoting, tables around the line install replaces. */
const CONFIGS: Record<string, string> = {
  'full access, commented, single-quoted': `# my Codex settings
model = "gpt-5.1-codex"
approval_policy = "never"
sandbox_mode = 'danger-full-access'   # I trust it

[projects."/ws"]
trust_level = "trusted"

[mcp_servers.db]
command = "psql-mcp"
args = ["--read-only"]
`,
  'workspace-write with roots on several lines and the network': `sandbox_mode = "workspace-write"

[sandbox_workspace_write]
# the shared data folder
writable_roots = [
  "/data/shared",
  "${WS}/vendor/lib",
]
network_access = true

[profiles.fast]
model = "gpt-5.1-codex-mini"
`,
  'no sandbox_mode in the project': `model = "o4-mini"

[tools]
web_search = true
`,
  'empty file': '',
  'a profile table of its own further down': `sandbox_mode = "danger-full-access"
[profiles.deep]
model_reasoning_effort = "high"
[projects."/other"]
trust_level = "untrusted"
`,
};

function on(text: string, place: Place = PROJECT) {
  const r = C.turnOn(text, DENY, place);
  assert.ok(r.ok, 'the edit is accepted');
  return r;
}

test("install selects AgentGuard's profile in place of sandbox_mode, and uninstall gives back each file byte for byte", () => {
  for (const [name, text] of Object.entries(CONFIGS)) {
    const r = on(text);
    assert.notEqual(r.text, text, `${name}: changed`);
    assert.match(r.text, /^default_permissions = "agentguard"/m, `${name}: the profile is selected`);
    assert.doesNotMatch(r.text, /^\s*sandbox_mode\s*=/m, `${name}: no sandbox_mode is left for Codex to prefer`);
    assert.match(r.text, /^\[permissions\.agentguard\]\nextends = ":workspace"$/m, name);
    const again = on(r.text);
    assert.equal(again.text, r.text, `${name}: a second install changes nothing`);
    const back = C.takeBack(r.text, r.added);
    assert.ok(back.ok);
    assert.equal(back.text, text, `${name}: uninstall gives back the file as it was`);
  }
});

test("the profile keeps the list's workspace paths read-only, carries the user's roots and network, and names nothing else", () => {
  const r = on(CONFIGS['workspace-write with roots on several lines and the network']);
  const rel = /\[permissions\.agentguard\.filesystem\.":workspace_roots"\]\n([^[]*)/.exec(r.text)?.[1] ?? '';
  assert.deepEqual(
    rel.trim().split('\n'),
    [
      '".claude/settings.json" = "read"',
      '".claude/settings.local.json" = "read"',
      '".cursor" = "read"',
      '".amp" = "read"',
      '".github/hooks" = "read"',
      '".git/config" = "read"',
      '".git/hooks" = "read"',
      '"vendor/lib/.git/config" = "read"',
      '"vendor/lib/.git/hooks" = "read"',
    ],
    'relative to each workspace root; a missing folder is named once (two paths under it collide in bubblewrap), a path under one already listed is not',
  );
  const abs = /\[permissions\.agentguard\.filesystem\]\n([^[]*)/.exec(r.text)?.[1] ?? '';
  assert.deepEqual(
    abs.trim().split('\n'),
    ['"/data/shared" = "write"', `${JSON.stringify(`${WS}/vendor/lib`)} = "write"`, '"/data/shared/.git" = "read"'],
    "the user's roots stay writable, and what of the list lies in one is read-only; the home is read-only under :workspace",
  );
  assert.match(r.text, /\[permissions\.agentguard\.network\]\nenabled = true\n$/);
  assert.deepEqual(r.added.set, {
    sandbox_mode: 'workspace-write',
    default_permissions: null,
    'permissions.agentguard': null,
  });
  assert.deepEqual(r.added.listed, [], 'no writable root is added any more');
  const quiet = on('sandbox_mode = "danger-full-access"\n');
  assert.doesNotMatch(quiet.text, /network|filesystem\]/, 'no network and no absolute path the user did not have');
});

test("never weaker: read-only, a profile of the user's, an unknown mode and the user's file without a mode stay as they are", () => {
  for (const [text, place] of [
    ['sandbox_mode = "read-only"\n', PROJECT],
    ['default_permissions = ":read-only"\n', PROJECT],
    ['default_permissions = "mine"\n[permissions.mine]\nextends = ":workspace"\n', USER],
    ['sandbox_mode = "something-new"\n', PROJECT],
    ['model = "m"\n', USER],
    ['', USER],
  ] as [string, Place][]) {
    const r = on(text, place);
    assert.equal(r.text, text, `unchanged: ${JSON.stringify(text)} (${place.scope})`);
  }
  const user = on('sandbox_mode = "danger-full-access"\n', USER);
  assert.match(user.text, /^default_permissions = "agentguard"/, "the user's file with a mode gets the profile");
  assert.equal(C.turnOn('sandbox_mode = true\n', DENY, PROJECT).ok, false, 'a line it cannot read is refused');
});

test('uninstall keeps what the user added since, and a sandbox_mode the user set again', () => {
  const text = CONFIGS['full access, commented, single-quoted'];
  const r = on(text);
  const later =
    r.text.replace('approval_policy = "never"', 'approval_policy = "never"\nmodel_verbosity = "low"') +
    '\n[mcp_servers.docs]\ncommand = "docs-mcp"\n';
  const back = C.takeBack(later, r.added);
  assert.ok(back.ok);
  assert.equal(
    back.text,
    text.replace('approval_policy = "never"', 'approval_policy = "never"\nmodel_verbosity = "low"') +
      '\n[mcp_servers.docs]\ncommand = "docs-mcp"\n',
  );

  // The user sets a mode again: Codex ignores the profile, and says so.
  const again = r.text.replace(
    'approval_policy = "never"',
    'approval_policy = "never"\nsandbox_mode = "workspace-write"',
  );
  const state = C.read(again, DENY, PROJECT);
  assert.equal(state.listed, undefined, 'the list does not count');
  assert.match(state.voids ?? '', /sandbox_mode = "workspace-write" there makes Codex ignore every permission profile/);
  // Uninstall then leaves the user's line, and takes only its own.
  const kept = C.takeBack(again, r.added);
  assert.ok(kept.ok);
  assert.equal(
    kept.text,
    text
      .replace("sandbox_mode = 'danger-full-access'   # I trust it\n", '')
      .replace('approval_policy = "never"', 'approval_policy = "never"\nsandbox_mode = "workspace-write"'),
  );
  // A second install replaces it too, and uninstall then gives back the line the user wrote last.
  const re = on(again);
  assert.doesNotMatch(re.text, /^\s*sandbox_mode\s*=/m);
  const last = C.takeBack(re.text, { ...r.added });
  assert.ok(last.ok);
  assert.doesNotMatch(last.text, /default_permissions|permissions\.agentguard/);
  assert.equal(last.text.match(/^sandbox_mode = .*$/gm)?.join('|'), 'sandbox_mode = "workspace-write"');
});

test('doctor reads: the profile present and selected, absent, or ignored', () => {
  const r = on(CONFIGS['no sandbox_mode in the project']);
  const present = C.read(r.text, DENY, PROJECT);
  assert.equal(present.on, true);
  assert.deepEqual(present.listed, DENY, 'every path of the list is read-only under it');
  assert.match(present.notes[0], /^AgentGuard's permission profile present and selected/);
  const absent = C.read('sandbox_mode = "workspace-write"\n', DENY, PROJECT);
  assert.equal(absent.listed, undefined);
  assert.match(absent.notes[0], /^AgentGuard's permission profile absent/);
  const roots = C.read('[sandbox_workspace_write]\nwritable_roots = ["/home/me"]\n', DENY, PROJECT);
  assert.match(roots.notes.join(' '), /leave 3 of AgentGuard's paths writable/);
  const unselected = C.read(r.text.replace(/^default_permissions.*\n/m, ''), DENY, PROJECT);
  assert.match(unselected.notes[0], /present but not selected/);
  assert.equal(C.read(undefined, DENY, PROJECT).on, 'default');
});

test('an install from before profiles (workspace-write set, nested repositories made roots) is still taken back', () => {
  const installed =
    'sandbox_mode = "workspace-write"  # agentguard: was "danger-full-access"; `agentguard uninstall --codex` puts it back\n\n[sandbox_workspace_write]\nwritable_roots = ["/ws/sub"]\n';
  const back = C.takeBack(installed, {
    set: { sandbox_mode: 'danger-full-access', sandbox_workspace_write: null },
    listed: ['/ws/sub'],
  });
  assert.ok(back.ok);
  assert.equal(back.text, 'sandbox_mode = "danger-full-access"\n');
});

test('through the CLI: install writes the profile, doctor says it is there and when a sandbox_mode makes Codex ignore it, uninstall takes it back', () => {
  const sb = sandbox();
  // As the sandbox's own account: HOME is the account's home, as a developer has it.
  const cli = (args: string[]) =>
    spawnSync(ownAccountNode(sb), [CLI, ...args], {
      cwd: sb.workspace,
      env: hookEnv(sb),
      encoding: 'utf8',
      timeout: 60_000,
    });
  try {
    spawnSync('git', ['init', '-q', path.join(sb.workspace, 'vendor', 'lib')]);
    const project = path.join(sb.workspace, '.codex', 'config.toml');
    const inst = cli(['install', '--codex']);
    assert.equal(inst.status, 0, inst.stderr);
    assert.match(
      inst.stdout,
      /config\.toml {2}sandbox turned on: default_permissions set to "agentguard" \(was unset\); permissions\.agentguard set to ":workspace, \d+ paths read-only" \(was unset\)/,
    );
    assert.match(fs.readFileSync(project, 'utf8'), /^"vendor\/lib\/\.git\/hooks" = "read"$/m);
    const doctor = cli(['doctor']).stdout;
    assert.match(doctor, /^sandbox {4}codex {7}on\+list: Codex CLI: sandbox on with AgentGuard's deny-write list$/m);
    assert.match(
      doctor,
      /^sandbox {4}codex .*\.codex\/config\.toml {2}on; AgentGuard's list present \(\d+ paths\); note: AgentGuard's permission profile present and selected/m,
    );
    // The user's own file sets a mode: Codex then ignores every profile, and doctor says so.
    const user = path.join(sb.home, '.codex', 'config.toml');
    fs.mkdirSync(path.dirname(user), { recursive: true });
    fs.writeFileSync(user, 'sandbox_mode = "workspace-write"\n');
    const ignored = cli(['doctor']).stdout;
    assert.match(
      ignored,
      /^sandbox {4}codex {7}on: Codex CLI: sandbox on, but AgentGuard's deny-write list is ignored: sandbox_mode = "workspace-write" there makes Codex ignore every permission profile/m,
    );
    assert.match(
      ignored,
      /home\/\.codex\/config\.toml {2}on; AgentGuard's list: the host takes none; note: AgentGuard's permission profile absent/,
    );
    const un = cli(['uninstall', '--codex']);
    assert.equal(un.status, 0, un.stderr);
    assert.ok(!fs.existsSync(project), 'the file install wrote goes with what it held');
    assert.equal(fs.readFileSync(user, 'utf8'), 'sandbox_mode = "workspace-write"\n', "the user's file is theirs");
  } finally {
    sb.cleanup();
  }
});
