// Files a hook call asks about more than once are read once per call: the
// user's Claude Code settings (its off switch for hooks, whether its sandbox
// runs the command, its sandbox for the record) and the organization's
// managed policy (whether a service keeps the call's state, and the policy
// it is judged with). Nothing read is kept for the next call: the editor's
// judge runs decideHookCall for call after call in one process, and a file
// changed between two calls is read again by the second.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decideHookCall, type HookCall, type HookOutcome } from '../../../src/core/frontdoor/call';
import type { HookAuditRecord } from '../../../src/core/frontdoor/audit';
import { managedPolicyFile, type ManagedPolicy } from '../../../src/core/policy/managed';
import { fixture, hookEnv, withInput, withSandbox, type Sandbox } from '../support/hookHarness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('node:fs') as typeof fs;

/** Runs `fn`, counting the looks (stat, lstat, open, read, exists) node:fs takes at `file`. */
async function looksAt<T>(file: string, fn: () => Promise<T>): Promise<{ value: T; looks: number }> {
  let looks = 0;
  const names = ['statSync', 'lstatSync', 'openSync', 'readFileSync', 'existsSync', 'accessSync'] as const;
  const mocks = names.map((name) => {
    const original = nodeFs[name] as (...args: unknown[]) => unknown;
    return mock.method(nodeFs, name, (...args: unknown[]) => {
      if (args[0] === file) looks++;
      return original.apply(nodeFs, args);
    });
  });
  try {
    return { value: await fn(), looks };
  } finally {
    for (const m of mocks) m.mock.restore();
  }
}

function call(sb: Sandbox, command: string, extra: Partial<HookCall> = {}): Promise<HookOutcome> {
  const payload = withInput(fixture('claude/bash', sb), { command });
  return decideHookCall(
    {
      host: 'claude',
      input: { ok: true, text: JSON.stringify(payload) },
      env: hookEnv(sb),
      processCwd: sb.workspace,
      started: new Date(),
      ...extra,
    },
    { askEditor: async () => ({ via: 'editor', decision: 'deny' }), warn: () => undefined },
  );
}

function judged(o: HookOutcome): Extract<HookOutcome, { declined: false }> & { record: HookAuditRecord } {
  assert.equal(o.declined, false);
  return o as Extract<HookOutcome, { declined: false }> & { record: HookAuditRecord };
}

test("a call looks at the user's Claude Code settings once; the next call reads them again", () =>
  withSandbox(async (sb) => {
    const settings = path.join(sb.home, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ sandbox: { enabled: true } }));
    const first = await looksAt(settings, () => call(sb, 'git status'));
    // One stat and one read of its text, for every question the call asks of it.
    assert.equal(first.looks, 2);
    // Changed between two calls, as the editor's judge serves them: the second call reads what is there now.
    fs.writeFileSync(settings, JSON.stringify({ disableAllHooks: true }));
    const second = await looksAt(settings, () => call(sb, 'git status'));
    assert.equal(second.looks, 2);
    assert.notEqual(judged(first.value).record.hostSandbox, undefined);
    assert.equal(judged(second.value).record.hostSandbox, 'on', 'hooks turned off: said as the host sandbox being on');
    assert.notDeepEqual(judged(first.value).record, judged(second.value).record);
    // Gone: the third call finds it missing with one stat.
    fs.rmSync(settings);
    const third = await looksAt(settings, () => call(sb, 'git status'));
    assert.equal(third.looks, 1);
  }));

test('a call the door read the managed policy for is judged with that reading, and does not read it again', () =>
  withSandbox(async (sb) => {
    const file = managedPolicyFile();
    const denyLs: ManagedPolicy = {
      state: 'ok',
      file,
      config: { rules: [{ match: 'ls *', decision: 'deny' }] } as never,
    };
    const given = await looksAt(file, () => call(sb, 'ls -la', { managed: denyLs }));
    assert.equal(given.looks, 0);
    assert.equal(judged(given.value).answer.decision, 'deny', "the door's reading is the one judged with");
    // A call nobody read it for (the editor's judge) reads it itself, each call anew.
    const own = await looksAt(file, () => call(sb, 'ls -la'));
    assert.equal(own.looks, 1);
    const again = await looksAt(file, () => call(sb, 'ls -la'));
    assert.equal(again.looks, 1);
    assert.notEqual(judged(again.value).answer.decision, 'deny');
  }));
