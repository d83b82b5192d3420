// The hook's front door (cli/launcher.ts) reads the account's home and the
// relocation record to choose the call's state folder; the full CLI, loaded
// after it in the same process for that one call, takes that reading
// (pinStateChoice) instead of reading both again. Only that folder, for that
// home, is taken as read: any other folder is checked against the record as
// always. A process that never pins (the editor's judge) reads the record at
// every call, so a relocation withdrawn between two calls is seen.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  accountHome,
  confirmedStateDir,
  defaultStateDir,
  pinStateChoice,
  relocationFile,
} from '../../../src/core/state';
import { confirmedState } from '../support/account';
import { scratchDir } from '../support/scratch';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('node:fs') as typeof fs;

function looksAt<T>(file: string, fn: () => T): { value: T; looks: number } {
  let looks = 0;
  const names = ['statSync', 'lstatSync', 'openSync', 'readFileSync'] as const;
  const mocks = names.map((name) => {
    const original = nodeFs[name] as (...args: unknown[]) => unknown;
    return mock.method(nodeFs, name, (...args: unknown[]) => {
      if (args[0] === file) looks++;
      return original.apply(nodeFs, args);
    });
  });
  try {
    return { value: fn(), looks };
  } finally {
    for (const m of mocks) m.mock.restore();
  }
}

test('an unpinned process reads the relocation record at every call, and sees it change', () => {
  const home = accountHome();
  const record = relocationFile(home);
  const dir = confirmedState(scratchDir('agentguard-pin-'));
  const env = { AGENTGUARD_STATE_DIR: dir };
  const first = looksAt(record, () => confirmedStateDir(env, home));
  assert.deepEqual(first.value, { dir });
  assert.ok(first.looks >= 1);
  // The relocation withdrawn between two calls: the next one falls back to the account's folder.
  const kept = fs.readFileSync(record, 'utf8');
  fs.writeFileSync(record, JSON.stringify({ stateDirs: [] }));
  try {
    const second = looksAt(record, () => confirmedStateDir(env, home));
    assert.deepEqual(second.value, { dir: defaultStateDir(home), ignored: dir });
  } finally {
    fs.writeFileSync(record, kept);
  }
});

test("a hook process takes its front door's reading of the state folder, for that folder and home only", () => {
  const home = accountHome();
  const record = relocationFile(home);
  const dir = confirmedState(scratchDir('agentguard-pin-'));
  const other = path.join(scratchDir('agentguard-pin-other-'), 'state');
  // Pinned for another home (not this account's): nothing is taken.
  pinStateChoice(path.join(home, 'elsewhere'), dir);
  assert.ok(looksAt(record, () => confirmedStateDir({ AGENTGUARD_STATE_DIR: dir }, home)).looks >= 1);
  pinStateChoice(home, dir);
  const pinned = looksAt(record, () => confirmedStateDir({ AGENTGUARD_STATE_DIR: dir }, home));
  assert.deepEqual(pinned.value, { dir });
  assert.equal(pinned.looks, 0, 'the front door read it for this call');
  // Another folder the environment names is checked against the record, and ignored when nobody confirmed it.
  const unconfirmed = looksAt(record, () => confirmedStateDir({ AGENTGUARD_STATE_DIR: other }, home));
  assert.ok(unconfirmed.looks >= 1);
  assert.deepEqual(unconfirmed.value, { dir: defaultStateDir(home), ignored: other });
});
