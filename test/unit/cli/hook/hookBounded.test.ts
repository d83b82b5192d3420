// Nothing an agent puts at a path the hook reads may stall it or open it: a
// FIFO, a directory or a device where a state file or the workspace config
// belongs is refused at once and answered, failing closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, claudeDecision, fixture, hookEnv, runHook, withInput, withSandbox } from '../../support/hookHarness';

const fifo = (p: string) => process.platform !== 'win32' && spawnSync('mkfifo', [p]).status === 0;

test(
  'a FIFO or a directory at the kill switch path counts as engaged, answered at once',
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      assert.ok(fifo(path.join(sb.state, 'killswitch.json')));
      const r = await runHook('claude', fixture('claude/bash', sb), sb);
      assert.equal(r.code, 0);
      assert.equal(claudeDecision(r).decision, 'deny');
      assert.match(
        claudeDecision(r).reason,
        /kill switch is engaged \(kill switch file unreadable: .*killswitch\.json is a FIFO, not a regular file\)/,
      );
      assert.ok(r.ms < 5000, `took ${r.ms} ms`);
      fs.rmSync(path.join(sb.state, 'killswitch.json'));
      fs.mkdirSync(path.join(sb.state, 'killswitch.json'));
      assert.match(
        claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb)).reason,
        /is a directory, not a regular file/,
      );
      // A link (to a file saying "released") is not the switch AgentGuard wrote.
      fs.rmSync(path.join(sb.state, 'killswitch.json'), { recursive: true });
      fs.writeFileSync(path.join(sb.root, 'released.json'), '{"engaged":false}');
      fs.symlinkSync(path.join(sb.root, 'released.json'), path.join(sb.state, 'killswitch.json'));
      assert.match(
        claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb)).reason,
        /kill switch is engaged \(.*is a symbolic link\)/,
      );
    }),
);

test(
  'a FIFO as .agentguard.json or as a config cache entry never stalls the hook',
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      // Fill the cache once with a valid config, then replace every cache entry with a FIFO.
      fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), '{ "rules": [] }\n');
      assert.equal(claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb)).decision, 'defer');
      const cache = path.join(sb.state, 'config-cache');
      for (const name of fs.readdirSync(cache)) {
        fs.rmSync(path.join(cache, name));
        assert.ok(fifo(path.join(cache, name)));
      }
      const cached = await runHook('claude', fixture('claude/bash', sb), sb);
      assert.equal(claudeDecision(cached).decision, 'defer', 'the config is validated again instead');
      assert.ok(cached.ms < 5000);

      fs.rmSync(path.join(sb.workspace, '.agentguard.json'));
      assert.ok(fifo(path.join(sb.workspace, '.agentguard.json')));
      const r = await runHook('claude', fixture('claude/bash', sb), sb);
      assert.equal(claudeDecision(r).decision, 'ask');
      assert.match(claudeDecision(r).reason, /\.agentguard\.json is not a regular file/);
      assert.ok(r.ms < 5000);
    }),
);

test(
  'a gated call the rate limiter cannot record is denied; allowed calls go on',
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      fs.mkdirSync(path.join(sb.state, 'gated.log'));
      const gated = await runHook(
        'claude',
        withInput(fixture('claude/bash', sb), { command: 'git push --force origin main' }),
        sb,
      );
      assert.equal(claudeDecision(gated).decision, 'deny');
      assert.match(
        claudeDecision(gated).reason,
        /could not count this gated call toward the rate limit, so it is blocked .*\[ratelimit\.unrecorded\]/,
      );
      assert.equal(claudeDecision(await runHook('claude', fixture('claude/bash', sb), sb)).decision, 'defer');
    }),
);

test(
  "a FIFO at the audit log's path does not hold the hook: it answers and exits",
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      assert.ok(fifo(path.join(sb.state, 'audit.jsonl')));
      const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'rm -rf /' }), sb);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(claudeDecision(r).decision, 'deny');
      assert.match(r.stderr, /cannot write its audit log/);
      assert.ok(r.ms < 5000, `took ${r.ms} ms`);
    }),
);

// Stdin is first read without a stream (hook/stdin.ts); a payload still on its way when the hook starts is read on
// through one, from where the first read stopped: its start and its end must make one payload, judged whole.
test(
  'a payload that arrives in parts, on a socket pair or a pipe, is judged whole',
  { skip: process.platform === 'win32' },
  () =>
    withSandbox(async (sb) => {
      const payload = JSON.stringify(withInput(fixture('claude/bash', sb), { command: 'rm -rf /' }));
      const cut = payload.indexOf('rm -rf');
      const [head, tail] = [payload.slice(0, cut), payload.slice(cut)];
      // A Node host's stdin is a socket pair; a shell's pipeline a pipe.
      const ways = {
        'socket pair': () => spawn(process.execPath, [CLI, 'hook', 'claude'], { cwd: sb.workspace, env: hookEnv(sb) }),
        pipe: () =>
          spawn('/bin/sh', ['-c', `(printf %s "$HEAD"; sleep 0.3; printf %s "$TAIL") | "$NODE" "$CLI" hook claude`], {
            cwd: sb.workspace,
            env: { ...hookEnv(sb), HEAD: head, TAIL: tail, NODE: process.execPath, CLI },
          }),
      };
      for (const [way, start] of Object.entries(ways)) {
        const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = start();
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (b: Buffer) => (stdout += b));
          child.stderr.on('data', (b: Buffer) => (stderr += b));
          if (way === 'socket pair') {
            child.stdin.write(head);
            setTimeout(() => child.stdin.end(tail), 300);
          }
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        });
        assert.equal(r.code, 0, r.stderr);
        const decided = claudeDecision({ ...r, json: JSON.parse(r.stdout) as Record<string, unknown>, ms: 0 });
        assert.equal(decided.decision, 'deny', `${way}: ${r.stdout}`);
        assert.doesNotMatch(decided.reason, /could not judge/, way);
        assert.match(decided.reason, /\[fs\.rm-root\]/, way);
      }
    }),
);
