// A hook call in its own process (no editor judge) looks at each file it
// shares between its parts once: the passwd entry and the relocation record
// (the front door's reading of the state folder, handed to the full CLI),
// the managed policy (whether a service keeps the call, and the policy it is
// judged with) and the user's Claude Code settings. Counted from inside the
// built CLI's process by a preload that watches node:fs and os.userInfo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountHome, relocationFile } from '../../../src/core/state';
import { managedPolicyFile } from '../../../src/core/policy/managed';
import { fixture, runHook, withInput, withSandbox } from '../support/hookHarness';

const WATCH = `
const fs = require('node:fs');
const os = require('node:os');
const watched = JSON.parse(process.env.READS_WATCH);
const counts = { userInfo: 0 };
for (const f of Object.values(watched)) counts[f] = 0;
for (const name of ['statSync', 'lstatSync', 'openSync', 'readFileSync', 'existsSync', 'accessSync']) {
  const original = fs[name];
  fs[name] = function (p, ...rest) {
    if (typeof p === 'string' && p in counts) counts[p]++;
    return original.call(this, p, ...rest);
  };
}
const userInfo = os.userInfo;
os.userInfo = function (...a) {
  counts.userInfo++;
  return userInfo.apply(this, a);
};
const exit = process.exit;
process.exit = function (...a) {
  fs.writeFileSync(process.env.READS_OUT, JSON.stringify(counts));
  return exit.apply(this, a);
};
`;

test('a hook call in its own process reads each shared file once', () =>
  withSandbox(async (sb) => {
    const settings = path.join(sb.home, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ sandbox: { enabled: true } }));
    const watch = path.join(sb.root, 'watch.cjs');
    fs.writeFileSync(watch, WATCH);
    const node = path.join(sb.root, 'node');
    fs.writeFileSync(node, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} -r ${JSON.stringify(watch)} "$@"\n`, {
      mode: 0o755,
    });
    const out = path.join(sb.root, 'reads.json');
    const watched = { relocation: relocationFile(accountHome()), managed: managedPolicyFile(), settings };
    const env = { AGENTGUARD_JUDGE: 'off', READS_WATCH: JSON.stringify(watched), READS_OUT: out };
    const payload = withInput(fixture('claude/bash', sb), { command: 'git status' });
    const r = await runHook('claude', payload, sb, env, sb.workspace, undefined, node);
    assert.equal(r.code, 0, r.stderr);
    const counts = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, number>;
    assert.deepEqual(
      {
        userInfo: counts.userInfo,
        relocation: counts[watched.relocation],
        managed: counts[watched.managed],
        settings: counts[settings],
      },
      // The relocation record: a stat, then its open (the read is on the descriptor); the settings: a stat and a read.
      { userInfo: 1, relocation: 2, managed: 1, settings: 2 },
    );
  }));
