// The judge keeps each call's choice of state folder, and a kept choice never
// outlives what it was worked out from: a relocation confirmed since makes
// the editor decline (the hook then judges in the folder it now uses), and a
// folder removed between calls is made again or, where it cannot be, the
// call is declined for want of a folder to trust: never judged in a folder
// the caller's own process would not use.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { judgedState } from '../../../../src/channels/editorJudge/stateChoice';
import { accountHome, defaultStateDir } from '../../../../src/core/state';
import { asAccount, confirmedState } from '../../support/account';

const ELSEWHERE = 'another folder';

function scratch(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-state-choice-')));
}

test('a relocation confirmed between two calls makes the next one declined, not judged in the old folder', () => {
  const root = scratch();
  try {
    const relocated = path.join(root, 'state');
    const env = { AGENTGUARD_STATE_DIR: relocated };
    const own = path.resolve(defaultStateDir(accountHome()));
    // Not confirmed: the caller uses the default folder, the editor's own here.
    const first = judgedState(env, own, ELSEWHERE);
    assert.ok('state' in first, JSON.stringify(first));
    assert.equal(first.state.dir, own);
    assert.ok('state' in judgedState(env, own, ELSEWHERE), 'asked again, the same');
    // A human confirms it (their editor, or agentguard install): the caller now uses it.
    confirmedState(relocated);
    assert.deepEqual(judgedState(env, own, ELSEWHERE), { decline: ELSEWHERE });
    const there = judgedState(env, relocated, ELSEWHERE);
    assert.ok('state' in there && there.state.dir === relocated, JSON.stringify(there));
    // Removed: still the folder the caller uses (its own process would make it again), still confirmed.
    fs.rmSync(relocated, { recursive: true, force: true });
    const again = judgedState(env, relocated, ELSEWHERE);
    assert.ok('state' in again && again.state.dir === relocated, JSON.stringify(again));
    assert.equal(again.state.unusable, undefined);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// The default folder an ignored relocation falls back to is the account's: removed in an account of this test's own.
const CHILD = `
const fs = require('node:fs');
const path = require('node:path');
const { judgedState } = require(${JSON.stringify(require.resolve('../../../../src/channels/editorJudge/stateChoice'))});
const home = process.argv[1];
const own = path.join(home, '.local', 'state', 'agentguard');
const env = { AGENTGUARD_STATE_DIR: path.join(home, 'unconfirmed') };
const seen = [];
const look = () => {
  const j = judgedState(env, own, 'elsewhere');
  seen.push({ ...('state' in j ? { dir: j.state.dir } : j), made: fs.existsSync(own) });
};
look();
fs.rmSync(own, { recursive: true, force: true });
look();
fs.rmSync(own, { recursive: true, force: true });
// Where the folder cannot be made again (its parent a file), nothing is judged here.
fs.rmSync(path.join(home, '.local', 'state'), { recursive: true, force: true });
fs.writeFileSync(path.join(home, '.local', 'state'), 'not a folder');
look();
process.stdout.write(JSON.stringify(seen));
`;

test(
  'a fallback folder removed between calls is made again, and one that cannot be made is declined',
  { skip: process.platform !== 'linux' },
  (t) => {
    const root = scratch();
    try {
      const home = path.join(root, 'home');
      fs.mkdirSync(home);
      const prefix = asAccount(home, root);
      if (!prefix) return t.skip('no bubblewrap to run as an account of its own');
      const r = spawnSync(prefix[0], [...prefix.slice(1), process.execPath, '-e', CHILD, home], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.status, 0, r.stderr);
      const [first, second, third] = JSON.parse(r.stdout) as {
        dir?: string;
        decline?: string;
        made: boolean;
      }[];
      const own = path.join(home, '.local', 'state', 'agentguard');
      assert.deepEqual(first, { dir: own, made: true });
      assert.deepEqual(second, { dir: own, made: true }, 'made again, as the caller itself would');
      assert.equal(third.dir, undefined, JSON.stringify(third));
      assert.match(third.decline ?? '', /^AgentGuard has no state folder to trust: .* cannot be created/);
      assert.equal(third.made, false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
);
