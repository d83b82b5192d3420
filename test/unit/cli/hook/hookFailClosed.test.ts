// The hook process's last lines of defence, each in a real process: the
// responder (cli/hook/answer.ts) armed as the hook arms it, then left by
// every way out but an answer — its own deadline passing, an exception, a
// rejected promise, the process ending — and the hook's own catch; each must
// still give the host's block. And a payload over the cap is refused from a
// file as from a pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, claudeDecision, fixture, hookEnv, withSandbox } from '../../support/hookHarness';

const ANSWER = path.join(ROOT, 'out', 'src', 'cli', 'hook', 'answer.js');
const HOOK = path.join(ROOT, 'out', 'src', 'cli', 'hook', 'index.js');

/** Runs `body` in a fresh Node with the responder of `host` armed for `deadlineMs`; what the host would read. */
function armed(
  host: string,
  deadlineMs: number,
  body: string,
): { code: number | null; stdout: string; stderr: string } {
  const script = `const { HookResponder } = require(${JSON.stringify(ANSWER)});\nnew HookResponder(${JSON.stringify(host)}).arm(${deadlineMs});\n${body}`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cases: { name: string; body: string; reason: RegExp }[] = [
  { name: 'its own deadline passes', body: 'setInterval(() => {}, 1000);', reason: /did not decide within 1 s/ },
  {
    name: 'an exception nobody catches',
    body: 'setTimeout(() => { throw new Error("boom"); }, 10); setInterval(() => {}, 1000);',
    reason: /internal error: boom/,
  },
  {
    name: 'a rejected promise nobody handles',
    body: 'Promise.reject(new Error("lost")); setInterval(() => {}, 1000);',
    reason: /internal error: lost/,
  },
  {
    name: 'the process ends without an answer',
    body: 'setTimeout(() => process.exit(0), 10);',
    reason: /stopped before it decided/,
  },
];

for (const c of cases) {
  test(`the armed hook blocks when ${c.name}: Claude reads a deny, Windsurf exit 2`, () => {
    const claude = armed('claude', 1000, c.body);
    assert.equal(claude.code, 0, claude.stderr);
    assert.equal(claudeDecision({ ...claude, json: JSON.parse(claude.stdout), ms: 0 }).decision, 'deny', claude.stdout);
    assert.match(claude.stdout, c.reason);
    const windsurf = armed('windsurf', 1000, c.body);
    assert.equal(windsurf.code, 2, windsurf.stdout + windsurf.stderr);
    assert.match(windsurf.stderr, c.reason);
  });
}

test("an internal error in the hook's walk is a recorded deny, never a silent exit", () =>
  withSandbox(async (sb) => {
    // The walk fails where it asks for the working folder.
    const script = `process.cwd = () => { throw new Error('no working folder'); };
require(${JSON.stringify(HOOK)}).runHook(['claude']).then((code) => { process.exitCode = code; });`;
    const r = spawnSync(process.execPath, ['-e', script], {
      cwd: sb.workspace,
      env: hookEnv(sb),
      input: JSON.stringify(fixture('claude/bash', sb)),
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const decided = claudeDecision({
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      json: JSON.parse(r.stdout),
      ms: 0,
    });
    assert.equal(decided.decision, 'deny');
    assert.match(decided.reason, /internal error: no working folder/);
    assert.match(fs.readFileSync(path.join(sb.state, 'audit.jsonl'), 'utf8'), /"hook.internal-error"/);
  }));

test('a payload over the cap is refused when stdin is a file, as when it is a pipe', () =>
  withSandbox(async (sb) => {
    const payload = JSON.stringify({ ...fixture('claude/bash', sb), padding: 'x'.repeat(2 * 1024 * 1024) });
    const file = path.join(sb.root, 'payload.json');
    fs.writeFileSync(file, payload);
    const fd = fs.openSync(file, 'r');
    try {
      const r = spawnSync(process.execPath, [CLI, 'hook', 'claude'], {
        cwd: sb.workspace,
        env: hookEnv(sb, { AGENTGUARD_JUDGE: 'off' }),
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      const decided = claudeDecision({
        code: r.status,
        stdout: r.stdout,
        stderr: r.stderr,
        json: JSON.parse(r.stdout),
        ms: 0,
      });
      assert.deepEqual(decided, {
        decision: 'deny',
        reason: 'AgentGuard could not judge this tool call, so it is blocked: the payload is larger than 1024 KiB',
      });
    } finally {
      fs.closeSync(fd);
    }
  }));
