// Everything the guard depends on is protected by effect: each attack of a
// same-user agent, run as the hook sees it (built CLI, real files in a
// throwaway HOME and workspace), and the harmless look-alikes that stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { protectedPathFinding, protectedPathFindings } from '../../../src/core/guard/protectedPaths';
import { evaluate } from '../../../src/core/engine';
import { caseInsensitiveFs, HOST_HOOK_FILES } from '../../../src/core/guard';
import type { AnalysisContext } from '../../../src/core/types';
import { claudeDecision, CLI, fixture, runHook, type Sandbox, withInput, withSandbox } from '../support/hookHarness';
import { ctx, HOME, simple, WORKSPACE } from '../support/helpers';
import { confirmedState } from '../support/account';

// Each call gets its own state folder: these tests gate many calls in a row, which would trip the rate limiter.
let calls = 0;
const fresh = (sb: Sandbox) => {
  const dir = path.join(sb.root, `state-${++calls}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  return { AGENTGUARD_STATE_DIR: confirmedState(dir) };
};
const bash = (sb: Sandbox, command: string, cwd = sb.workspace) =>
  runHook('claude', { ...withInput(fixture('claude/bash', sb), { command }), cwd }, sb, fresh(sb), cwd);
const write = (sb: Sandbox, file: string, content = 'x') =>
  runHook('claude', withInput(fixture('claude/write', sb), { file_path: file, content }), sb, fresh(sb));

async function gated(
  r: Promise<Awaited<ReturnType<typeof bash>>>,
  id: RegExp = /\[path\.agentguard\]/,
): Promise<string> {
  const { decision, reason } = claudeDecision(await r);
  assert.ok(decision === 'ask' || decision === 'deny', `${String(decision)}: ${reason}`);
  assert.match(reason, id);
  return reason;
}

async function allowed(r: Promise<Awaited<ReturnType<typeof bash>>>): Promise<void> {
  const { decision, reason } = claudeDecision(await r);
  // Harmless: the host's own permission flow decides (no allow from AgentGuard).
  assert.equal(decision, 'defer', reason);
}

test('a symlinked folder does not hide a hook file from Write or rm', () =>
  withSandbox(async (sb) => {
    fs.mkdirSync(path.join(sb.workspace, '.claude'));
    fs.writeFileSync(path.join(sb.workspace, '.claude', 'settings.json'), '{}');
    fs.symlinkSync('.claude', path.join(sb.workspace, 'x'));
    const reason = await gated(write(sb, path.join(sb.workspace, 'x', 'settings.json'), '{"hooks":{}}'));
    assert.match(reason, /agent hook file.*leads there through a symlink/s);
    await gated(bash(sb, 'rm x/settings.json'));
    await gated(bash(sb, 'echo "{}" > x/settings.json'));
    // A symlink to the config file itself, written through.
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), '{}');
    fs.symlinkSync('.agentguard.json', path.join(sb.workspace, 'cfg'));
    await gated(bash(sb, `printf '{"mode":"monitor"}' > cfg`));
    // Removing the link itself removes only the link.
    await allowed(bash(sb, 'rm cfg'));
  }));

test('a hard link to a protected file is gated when made, and writing through one is seen', () =>
  withSandbox(async (sb) => {
    const config = path.join(sb.workspace, '.agentguard.json');
    fs.writeFileSync(config, '{}');
    await gated(bash(sb, 'ln .agentguard.json notes.txt'), /hard link to \.agentguard\.json/);
    await gated(bash(sb, 'cp -l .agentguard.json notes.txt'));
    fs.linkSync(config, path.join(sb.workspace, 'notes.txt'));
    const reason = await gated(bash(sb, `echo '{"mode":"monitor"}' > notes.txt`));
    assert.match(reason, /a hard link to \.agentguard\.json/);
    await gated(write(sb, path.join(sb.workspace, 'notes.txt'), '{"mode":"monitor"}'));
    // A symbolic link is only a name: making one is not a write.
    await allowed(bash(sb, 'ln -s src/index.ts link.ts'));
  }));

test('a nested .git does not move the workspace root: the config stays protected and its rules keep applying', () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(
      path.join(sb.workspace, '.agentguard.json'),
      JSON.stringify({ rules: [{ match: 'git push *', decision: 'deny', reason: 'pushes go through CI' }] }),
    );
    const sub = path.join(sb.workspace, 'sub');
    fs.mkdirSync(path.join(sub, '.git'), { recursive: true });
    await gated(bash(sb, 'rm ../.agentguard.json', sub));
    await gated(bash(sb, 'rm -f ../.agentguard.json', sub));
    const push = claudeDecision(await bash(sb, 'git push origin main', sub));
    assert.equal(push.decision, 'deny');
    assert.match(push.reason, /pushes go through CI/);
  }));

test('shell start-up files are protected: a planted AGENTGUARD_STATE_DIR would disarm the next session', () =>
  withSandbox(async (sb) => {
    fs.writeFileSync(path.join(sb.home, '.bashrc'), '# rc\n');
    await gated(bash(sb, "echo 'export AGENTGUARD_STATE_DIR=/tmp/elsewhere' >> ~/.bashrc"), /shell start-up file/);
    await gated(write(sb, path.join(sb.home, '.bashrc'), 'export XDG_STATE_HOME=/tmp/x\n'));
    await gated(bash(sb, "echo 'set -x AGENTGUARD_STATE_DIR /tmp' >> ~/.config/fish/config.fish"));
    await gated(bash(sb, 'echo "AGENTGUARD_STATE_DIR=/tmp" | sudo tee -a /etc/environment'));
    // Reading them is free.
    await allowed(bash(sb, 'cat ~/.bashrc'));
    await allowed(bash(sb, 'grep PATH ~/.zshrc'));
  }));

test('the installed extension and its CLI cannot be overwritten, and editor CLIs cannot change extensions', () =>
  withSandbox(async (sb) => {
    const ext = path.join(sb.home, '.vscode', 'extensions', 'agentguard.agentguard-0.1.0', 'dist');
    fs.mkdirSync(ext, { recursive: true });
    fs.writeFileSync(path.join(ext, 'cli.js'), '// the real CLI\n');
    const reason = await gated(write(sb, path.join(ext, 'cli.js'), 'process.stdout.write("{}")'));
    assert.match(reason, /installed extensions/);
    await gated(bash(sb, `cp /tmp/evil.js ${path.join(ext, 'cli.js')}`));
    await gated(bash(sb, 'rm -rf ~/.vscode/extensions/someone.else-1.0.0'));
    await gated(bash(sb, 'echo x > ~/.cursor-server/extensions/x/extension.js'));
    await gated(bash(sb, 'code --install-extension x.vsix'), /--install-extension/);
    await gated(bash(sb, 'cursor --uninstall-extension agentguard.agentguard'));
    await gated(bash(sb, 'code --extensionDevelopmentPath=/tmp/evil .'));
    await gated(bash(sb, 'code --disable-extensions'));
    // Looking is free; opening a file in the editor is not tampering.
    await allowed(bash(sb, 'ls ~/.vscode/extensions'));
    await allowed(bash(sb, 'code src/index.ts'));
    await allowed(bash(sb, 'code --list-extensions'));
    await allowed(write(sb, path.join(sb.workspace, 'src', 'settings.json'), '{}'));
    await allowed(write(sb, path.join(sb.workspace, 'src', 'hooks.json'), '{}'));
  }));

test('hook files of every host, at workspace, ancestor and user level, are built in', () => {
  const c = ctx();
  const hits = (p: string) => protectedPathFinding(p, 'write', c, undefined)?.id;
  for (const row of HOST_HOOK_FILES) {
    for (const f of row.workspace) {
      const file = f.endsWith('/') ? `${f}agentguard.json` : f;
      assert.equal(hits(`${WORKSPACE}/${file}`), 'path.agentguard', `${row.host}: ${file}`);
      // The folders above the workspace up to HOME: a host started there reads them too.
      assert.equal(hits(`${HOME}/code/${file}`), 'path.agentguard', `${row.host}: ancestor ${file}`);
    }
    for (const f of row.user)
      assert.equal(hits(`${HOME}/${f.endsWith('/') ? `${f}x.json` : f}`), 'path.agentguard', `${row.host}: ~/${f}`);
  }
  assert.equal(hits(`${HOME}/code/.agentguard.json`), 'path.agentguard');
  assert.equal(hits(`${WORKSPACE}/src/settings.json`), undefined);
  assert.equal(hits('/etc/hosts.json'), undefined);
});

test('case-insensitive file systems compare protected paths without case', () => {
  const ci: AnalysisContext = { ...ctx(), caseInsensitive: true };
  assert.equal(protectedPathFindings(simple(['rm', '.CLAUDE/Settings.json']), ci, undefined)[0]?.id, 'path.agentguard');
  assert.equal(protectedPathFinding(`${WORKSPACE}/.AgentGuard.JSON`, 'write', ci, undefined)?.id, 'path.agentguard');
  assert.equal(
    protectedPathFindings(simple(['rm', 'MIGRATIONS/1.sql']), ci, { protectedPaths: ['migrations/**'] })[0]?.id,
    'path.protected',
  );
  // A glob spelled in another case over a protected folder, or over the folder of protected files.
  assert.equal(
    protectedPathFindings(simple(['rm', '-f', '.CLAUDE/*'], { dynamic: [false, false, true] }), ci, undefined)[0]?.id,
    'path.agentguard',
  );
  assert.equal(
    protectedPathFindings(simple(['rm', '-f', 'MIGRATIONS/*'], { dynamic: [false, false, true] }), ci, {
      protectedPaths: ['migrations/*.sql'],
    })[0]?.id,
    'path.protected',
  );
  assert.equal(
    protectedPathFindings(simple(['rm', '-f', 'Migrations/2024/*'], { dynamic: [false, false, true] }), ci, {
      protectedPaths: ['migrations/2024/*.sql'],
    })[0]?.id,
    'path.protected',
  );
  // Which disks ignore case: macOS's and Windows' by default, Linux's not.
  assert.deepEqual(
    ['darwin', 'win32', 'linux'].map((p) => caseInsensitiveFs(p as NodeJS.Platform)),
    [true, true, false],
  );
  // Case-sensitive (Linux): a different file.
  assert.deepEqual(protectedPathFindings(simple(['rm', '.CLAUDE/Settings.json']), ctx(), undefined), []);
});

test('symlinks and hard links are resolved through the injected file system', () => {
  const links: Record<string, string> = {
    [`${WORKSPACE}/x`]: `${WORKSPACE}/.claude`,
    [WORKSPACE]: WORKSPACE,
    [HOME]: HOME,
  };
  const fake: AnalysisContext = {
    ...ctx(),
    realpath: (p) => links[p] ?? (p === '/' ? '/' : undefined),
    stat: (p) =>
      p === `${WORKSPACE}/n.txt` || p === `${WORKSPACE}/.agentguard.json`
        ? { dev: 1, ino: 42, nlink: 2, isFile: true }
        : undefined,
  };
  assert.match(
    protectedPathFinding(`${WORKSPACE}/x/settings.json`, 'write', fake, undefined)?.summary ?? '',
    /through a symlink/,
  );
  assert.equal(protectedPathFindings(simple(['rm', 'x/settings.json']), fake, undefined)[0]?.id, 'path.agentguard');
  assert.equal(
    protectedPathFindings(simple(['rm', '-f', 'x/*'], { dynamic: [false, false, true] }), fake, undefined)[0]?.id,
    'path.agentguard',
  );
  assert.match(
    protectedPathFindings(simple(['tee', 'n.txt']), fake, undefined)[0]?.summary ?? '',
    /hard link to \.agentguard\.json/,
  );
  assert.deepEqual(protectedPathFindings(simple(['tee', 'm.txt']), fake, undefined), []);
});

test("AgentGuard's own CLI: install, uninstall and snapshot restore ask; reading commands stay quiet", () => {
  const workspace = '/home/dev/code/acme-api';
  const home = '/home/dev';
  const judge = (command: string) => evaluate({ command }, { workspace, home, env: { HOME: home } });
  for (const command of [
    'agentguard uninstall --claude',
    'agentguard install --cursor --user',
    'npx agentguard uninstall',
    'node ~/.vscode/extensions/agentguard.agentguard-0.1.0/dist/cli.js uninstall --claude',
    'agentguard snapshot restore 20261122-1012-ab12',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'path.agentguard'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  for (const command of [
    'agentguard check -- ls',
    'agentguard snapshot list',
    'agentguard audit verify',
    'agentguard doctor',
    'node dist/cli.js install',
  ]) {
    assert.equal(judge(command).decision, 'allow', command);
  }
});

test('the launcher every hook runs, its folder, the links that put it on PATH and the Node it runs on are protected', () =>
  withSandbox(async (sb) => {
    const launcher = path.join(sb.home, '.agentguard', 'bin', 'agentguard');
    fs.mkdirSync(path.dirname(launcher), { recursive: true });
    fs.writeFileSync(launcher, '#!/bin/sh\n', { mode: 0o755 });
    let reason = await gated(bash(sb, `printf '#!/bin/sh\\nexit 0\\n' > ~/.agentguard/bin/agentguard`));
    assert.match(reason, /AgentGuard's launcher, which every agent hook runs/);
    await gated(write(sb, launcher, '#!/bin/sh\nexit 0\n'));
    await gated(bash(sb, 'rm -rf ~/.agentguard'));
    await gated(bash(sb, 'chmod -x ~/.agentguard/bin/agentguard'));
    await gated(bash(sb, 'mv ~/.agentguard ~/.agentguard.old'));
    await gated(bash(sb, 'ln -sf /tmp/fake ~/.local/bin/agentguard'));
    await gated(bash(sb, 'echo "exit 0" > ~/bin/agentguard'));
    // The Node this hook runs on, when it lives under HOME as a version manager puts it.
    const node = path.join(sb.home, '.nvm', 'versions', 'node', 'v20', 'bin', 'node');
    fs.mkdirSync(path.dirname(node), { recursive: true });
    fs.copyFileSync(process.execPath, node);
    fs.chmodSync(node, 0o755);
    const r = await runHook(
      'claude',
      withInput(fixture('claude/bash', sb), { command: `printf 'x' > ${node}` }),
      sb,
      fresh(sb),
      sb.workspace,
      CLI,
      node,
    );
    reason = claudeDecision(r).reason;
    assert.notEqual(claudeDecision(r).decision, 'allow', reason);
    assert.match(reason, /the Node\.js it runs on/);
    // The extension's uninstall clean-up unwires every hook: the editor's to run, not an agent's.
    await gated(
      bash(
        sb,
        'node ~/.vscode/extensions/agentguard.agentguard-0.1.0/dist/uninstall.js --type=extension-post-uninstall',
      ),
      /uninstall clean-up/,
    );
    // Reading them, and running the command, stay quiet.
    await allowed(bash(sb, 'cat ~/.agentguard/bin/agentguard'));
    await allowed(bash(sb, 'ls -la ~/.agentguard/bin'));
  }));
