// Commands aimed at AgentGuard itself. Killing its processes or stopping its
// service disarms it as the kill switch does, and is denied; killing the
// editor's extension host, where its judge runs, asks. Looking at them, and
// killing anything else, stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

const { judge } = engine();
const guardFinding = (command: string) => judge(command).findings.find((f) => f.id === 'path.agentguard');

test("killing AgentGuard's processes or stopping its service is denied, as turning it off is", () => {
  for (const command of [
    'pkill -f agentguard',
    'kill -9 $(pgrep -f agentguard)',
    'pgrep -f agentguard | xargs kill -9',
    'killall -9 agentguard',
    "pkill -f 'agentguard.*service'",
    'systemctl --user stop agentguard',
    'sudo systemctl disable --now agentguard.service',
    'sudo launchctl bootout system/dev.agentguard.service',
    'taskkill /F /IM agentguard.exe',
    'sc stop agentguard',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'deny', `${command}: ${r.findings.map((f) => f.id).join(',')}`);
    assert.match(guardFinding(command)?.summary ?? '', /stops AgentGuard itself/, command);
  }
});

test("killing the editor's extension host, where AgentGuard judges, asks", () => {
  for (const command of ['pkill -f extensionHost', 'kill -9 $(pgrep -f extensionHost)']) {
    assert.equal(judge(command).decision, 'ask', command);
    assert.match(guardFinding(command)?.summary ?? '', /extension host/, command);
  }
});

test('looking at AgentGuard, restarting it, and killing other processes say nothing about AgentGuard', () => {
  for (const command of [
    'pgrep -af agentguard',
    'systemctl status agentguard',
    'sc query agentguard',
    'sudo systemctl restart agentguard',
    'kill %1',
    "pkill -f 'vite'",
    'pkill -f node',
    'kill 1234',
  ]) {
    assert.equal(guardFinding(command), undefined, command);
  }
  for (const command of ['pgrep -af agentguard', 'kill %1', "pkill -f 'vite'"])
    assert.equal(judge(command).decision, 'allow', command);
});

test('a signal that leaves the process running is no stop', () => {
  for (const command of ['pkill -USR1 -f extensionHost', 'kill -0 $(pgrep -f agentguard)', 'pkill -s CONT agentguard'])
    assert.equal(guardFinding(command), undefined, command);
  assert.ok(guardFinding('pkill --signal=KILL agentguard'));
});
