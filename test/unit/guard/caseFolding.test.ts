// On a disk that ignores case (macOS, Windows) `~/.AgentGuard` is AgentGuard's
// own folder and `.claude/ſettings.json` (a long s, which Unicode case folding
// takes to `s`) is the host's hook file. The engine folds by the platform it
// is told it judges for, not only the one it runs on; a zero-width character
// makes another name, and asks for itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { foldCase } from '../../../src/core/guard/realPaths';
import { HOME, WORKSPACE } from '../support/helpers';

function judge(command: string, platform: NodeJS.Platform) {
  const opts: EngineOptions = {
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME, SHELL: '/bin/zsh' },
    readFile: () => undefined,
    platform,
  };
  const r = evaluate({ command, cwd: WORKSPACE }, opts);
  return { decision: r.decision, ids: r.findings.map((f) => f.id) };
}

test("AgentGuard's own files are protected under case folding on darwin", () => {
  for (const command of [
    'rm -rf ~/.AgentGuard',
    'echo {} > ~/.AgentGuard/policy.json',
    'mv ~/.AGENTGUARD /tmp/x',
    'echo x > .claude/ſettings.json',
    'echo x > .CLAUDE/settings.json',
  ]) {
    const mac = judge(command, 'darwin');
    assert.notEqual(mac.decision, 'allow', command);
    assert.ok(mac.ids.includes('path.agentguard'), `${command}: ${mac.ids}`);
  }
  // Linux's disks keep case: another folder.
  assert.equal(judge('echo {} > ~/.AgentGuard/policy.json', 'linux').decision, 'allow');
  assert.equal(judge('ls ~/.AgentGuard', 'darwin').decision, 'allow');
  // A zero-width space names another folder everywhere, and asks for the character itself.
  assert.ok(judge('rm -rf ~/.agent\u200bguard', 'darwin').ids.includes('parse.invisible-characters'));
  assert.equal(foldCase('.Claude/\u017Fettings.JSON'), '.claude/settings.json');
});
