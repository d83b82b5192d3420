// After an update: hook entries written before the launcher (a pinned node
// and a versioned extension folder) are found in every host's files, at user
// level and in each workspace, and rewritten to run the launcher, keeping
// every other hook; a second pass finds nothing. The editor's uninstall
// clean-up (dist/uninstall.js, run as the editor runs it) unwires everything
// once no AgentGuard is left, and changes nothing otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { addHook, hookCommand, hookFile, type Scope } from '../../../src/core/hosts/hostConfig';
import { delegateFile, GENERATED_HOSTS, hookScript, legacyHookCommand } from '../../../src/core/hosts/hostFiles';
import { kiroHookFile } from '../../../src/core/hosts/kiro';
import { opencodePlugin } from '../../../src/core/hosts/opencode';
import { HOSTS, type HostId } from '../../../src/core/hosts/types';
import { launcherPath } from '../../../src/core/launcher';
import { readLauncher, recordWiredWorkspace, wiredWorkspaces, writeLauncher } from '../../../src/core/launcher/file';
import { installHooks, repairHooks, staleHooks, wiredCommands } from '../../../src/core/launcher/wiring';
import { installCopy } from '../support/launcherHarness';
import { sandbox, type Sandbox } from '../support/hookHarness';
import { asAccount } from '../support/account';

const OLD_NODE = '/home/me/.nvm/versions/node/v18.0.0/bin/node';
const OLD_CLI = '/home/me/.vscode/extensions/agentguard.agentguard-0.1.0/dist/cli.js';

/** The hook files `agentguard install` wrote before the launcher, with a team's own hook beside ours where the format allows one. */
function writeLegacy(sb: Sandbox, host: HostId, scope: Scope): void {
  const ws = scope === 'project' ? sb.workspace : sb.home;
  const file = hookFile(host, scope, ws, sb.home);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const old = legacyHookCommand(host, OLD_NODE, OLD_CLI, 'linux');
  if (host === 'cline') fs.writeFileSync(file, hookScript('cline', old), { mode: 0o755 });
  else if (host === 'kiro') fs.writeFileSync(file, kiroHookFile(old, 90));
  else if (host === 'opencode')
    fs.writeFileSync(
      file,
      opencodePlugin('/x').replace(
        JSON.stringify(['/x', 'hook', 'opencode']),
        JSON.stringify([OLD_NODE, OLD_CLI, 'hook', 'opencode']),
      ),
    );
  else if (host === 'amp') {
    const delegate = delegateFile('amp', scope, ws, sb.home)!;
    fs.writeFileSync(delegate, hookScript('amp', old), { mode: 0o755 });
    const edited = addHook('{ "amp.permissions": [{ "tool": "Read", "action": "allow" }] }', 'amp', delegate);
    assert.ok(edited.ok);
    fs.writeFileSync(file, edited.text);
  } else {
    const theirs =
      host === 'claude'
        ? '{ "hooks": { "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "./team-lint.sh" }] }] } }'
        : '{}';
    const edited = addHook(theirs, host, old);
    assert.ok(edited.ok, host);
    fs.writeFileSync(file, edited.text);
  }
}

test('entries that run a pinned node and a versioned folder are found in every host, both scopes, and rewritten to run the launcher', () => {
  const sb = sandbox();
  try {
    for (const host of HOSTS) for (const scope of ['project', 'user'] as Scope[]) writeLegacy(sb, host, scope);
    const launcher = launcherPath(sb.home);
    for (const scope of ['project', 'user'] as Scope[]) {
      const ws = scope === 'project' ? sb.workspace : sb.home;
      const stale = staleHooks(scope, ws, sb.home, launcher);
      assert.deepEqual([...new Set(stale.map((s) => s.host))].sort(), [...HOSTS].sort(), scope);
      for (const s of stale) assert.ok(s.command.includes(OLD_CLI), `${s.host}: ${s.command}`);
      const { outcomes } = repairHooks(scope, ws, sb.home, launcher);
      assert.deepEqual(
        outcomes.filter((o) => o.status !== 'updated').map((o) => `${o.host}: ${o.status} ${o.error ?? ''}`),
        [],
      );
      assert.deepEqual(staleHooks(scope, ws, sb.home, launcher), [], `${scope}: nothing stale after the repair`);
      for (const host of HOSTS) {
        const wired = wiredCommands(host, scope, ws, sb.home);
        const expected = hookCommand(
          host,
          launcher,
          (GENERATED_HOSTS.has(host) && host !== 'kiro') || host === 'amp' ? 'linux' : process.platform,
        );
        assert.ok(wired.length > 0 && wired.every((w) => w.command === expected), `${host}: ${JSON.stringify(wired)}`);
      }
      // A second pass changes nothing.
      assert.deepEqual(repairHooks(scope, ws, sb.home, launcher).outcomes, []);
    }
    // The team's own hooks stay, with the previous file kept as a backup.
    const claude = parseJsonc(fs.readFileSync(path.join(sb.workspace, '.claude', 'settings.json'), 'utf8'));
    assert.deepEqual(claude.hooks.PreToolUse[0], {
      matcher: 'Bash',
      hooks: [{ type: 'command', command: './team-lint.sh' }],
    });
    assert.equal(claude.hooks.PreToolUse.length, 2);
    assert.ok(
      fs.readFileSync(path.join(sb.workspace, '.claude', 'settings.json.agentguard-backup'), 'utf8').includes(OLD_CLI),
    );
    const amp = parseJsonc(fs.readFileSync(hookFile('amp', 'project', sb.workspace, sb.home), 'utf8'));
    assert.deepEqual(amp['amp.permissions'][1], { tool: 'Read', action: 'allow' });
    assert.ok(
      (fs.statSync(hookFile('cline', 'project', sb.workspace, sb.home)).mode & 0o111) !== 0,
      "Cline's hook file stays executable",
    );
  } finally {
    sb.cleanup();
  }
});

test("a file with AgentGuard's entry twice (a hand edit) is left with exactly the launcher's", () => {
  const sb = sandbox();
  try {
    const file = hookFile('cursor', 'project', sb.workspace, sb.home);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const doubled = {
      version: 1,
      hooks: {
        beforeShellExecution: [
          { command: './audit.sh' },
          { command: legacyHookCommand('cursor', OLD_NODE, OLD_CLI, 'linux') },
          { command: `'/elsewhere/agentguard' hook cursor` },
        ],
      },
    };
    fs.writeFileSync(file, JSON.stringify(doubled, null, 2));
    const launcher = launcherPath(sb.home);
    repairHooks('project', sb.workspace, sb.home, launcher);
    assert.deepEqual(staleHooks('project', sb.workspace, sb.home, launcher), []);
    const after = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(
      after.hooks.beforeShellExecution.map((h: { command: string }) => h.command),
      ['./audit.sh', hookCommand('cursor', launcher)],
    );
  } finally {
    sb.cleanup();
  }
});

/**
 * What the editor does when the extension is uninstalled: mark its folder in .obsolete, then run `node dist/uninstall.js`,
 * as an account whose home is the sandbox's (with HOME `home`, the sandbox's unless another is named).
 */
function editorUninstall(
  sb: Sandbox,
  folder: string,
  mark = true,
  home = sb.home,
): { code: number | null; stdout: string; stderr: string } {
  // Not marked: the editor's list names other extensions only (it keeps one while anything waits for removal).
  fs.writeFileSync(
    path.join(path.dirname(folder), '.obsolete'),
    JSON.stringify(mark ? { [path.basename(folder)]: true } : { 'someone.other-1.0.0': true }),
  );
  const account = asAccount(sb.home, sb.root) ?? [];
  const argv = [
    ...account,
    process.execPath,
    path.join(folder, 'dist', 'uninstall.js'),
    '--type=extension-post-uninstall',
  ];
  const r = spawnSync(argv[0], argv.slice(1), {
    env: { PATH: process.env.PATH ?? '', HOME: home },
    encoding: 'utf8',
    timeout: 5000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the editor's uninstall clean-up unwires every recorded hook and removes the launcher once no AgentGuard is left", () => {
  const sb = sandbox();
  try {
    const extensions = path.join(sb.home, '.vscode', 'extensions');
    const folder = installCopy(extensions, '0.1.0');
    const { file: launcher } = writeLauncher({
      home: sb.home,
      runtime: { kind: 'node', path: process.execPath },
      extensionFolder: folder,
    });
    const other = path.join(sb.home, 'code', 'other');
    fs.mkdirSync(other, { recursive: true });
    for (const ws of [sb.workspace, other]) {
      installHooks({ hosts: HOSTS, scope: 'project', workspace: ws, home: sb.home, launcher });
      recordWiredWorkspace(sb.home, ws, true);
    }
    installHooks({ hosts: ['claude', 'cursor'], scope: 'user', workspace: sb.home, home: sb.home, launcher });
    fs.writeFileSync(
      path.join(sb.workspace, '.claude', 'settings.json'),
      JSON.stringify({
        permissions: { allow: ['Bash(npm test)'] },
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: hookCommand('claude', launcher) }] }],
        },
      }),
    );
    const link = path.join(sb.home, '.local', 'bin', 'agentguard');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(launcher, link);

    // Started by hand (not marked uninstalled by the editor): nothing changes.
    const byHand = editorUninstall(sb, folder, false);
    assert.equal(byHand.code, 0, byHand.stderr);
    assert.match(byHand.stdout, /nothing changed .*not marked uninstalled/);
    assert.ok(fs.existsSync(launcher));

    // Another AgentGuard left (Cursor's): hooks keep running it.
    const cursorCopy = installCopy(path.join(sb.home, '.cursor', 'extensions'), '0.0.9');
    const kept = editorUninstall(sb, folder);
    assert.match(kept.stdout, /nothing changed .*still installed at .*agentguard\.agentguard-0\.0\.9/);
    assert.equal(staleHooks('project', sb.workspace, sb.home, launcher).length, 0);
    assert.ok(wiredCommands('claude', 'project', sb.workspace, sb.home).length);

    fs.rmSync(cursorCopy, { recursive: true });
    const r = editorUninstall(sb, folder);
    assert.equal(r.code, 0, r.stderr);
    for (const ws of [sb.workspace, other])
      for (const host of HOSTS) assert.deepEqual(wiredCommands(host, 'project', ws, sb.home), [], `${host} in ${ws}`);
    for (const host of HOSTS) assert.deepEqual(wiredCommands(host, 'user', sb.home, sb.home), [], `${host} user`);
    assert.deepEqual(
      JSON.parse(fs.readFileSync(path.join(sb.workspace, '.claude', 'settings.json'), 'utf8')),
      { permissions: { allow: ['Bash(npm test)'] } },
      'the rest of the file stays',
    );
    assert.equal(fs.existsSync(launcher), false);
    assert.equal(fs.existsSync(link), false);
    assert.equal(readLauncher(sb.home), undefined);
    assert.deepEqual(wiredWorkspaces(sb.home), []);
    assert.match(r.stdout, /removed .*\.agentguard\/bin\/agentguard/);
  } finally {
    sb.cleanup();
  }
});

test("the editor's uninstall clean-up started with another HOME cleans the account's home and leaves a launcher planted in HOME", (t) => {
  const sb = sandbox();
  try {
    if (!asAccount(sb.home, sb.root)) return t.skip('bubblewrap is needed to run as an account of its own');
    const folder = installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
    const { file: launcher } = writeLauncher({
      home: sb.home,
      runtime: { kind: 'node', path: process.execPath },
      extensionFolder: folder,
    });
    installHooks({ hosts: ['claude'], scope: 'project', workspace: sb.workspace, home: sb.home, launcher });
    recordWiredWorkspace(sb.home, sb.workspace, true);
    // Another HOME, with a launcher and an AgentGuard install of its own there: none of it is the account's.
    const elsewhere = path.join(sb.root, 'elsewhere');
    installCopy(path.join(elsewhere, '.vscode', 'extensions'), '0.2.0');
    const planted = writeLauncher({ home: elsewhere, runtime: { kind: 'node', path: process.execPath } }).file;
    const r = editorUninstall(sb, folder, true, elsewhere);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /nothing changed/, 'the install in the other HOME keeps nothing');
    assert.deepEqual(wiredCommands('claude', 'project', sb.workspace, sb.home), []);
    assert.equal(fs.existsSync(launcher), false, "the account's launcher is removed");
    assert.ok(fs.existsSync(planted), "the other HOME's is not AgentGuard's to remove");
  } finally {
    sb.cleanup();
  }
});
