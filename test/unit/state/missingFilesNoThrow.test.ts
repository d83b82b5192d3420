// Readers of files that are usually not there (a host's settings, a hook
// file, the hook-file record, a host's sandbox settings, the workspace's
// configuration) find them missing without a thrown ENOENT: an exception
// takes a stack trace, some 20-50 µs a file on the editor judge's path of
// every call. Each reader is called on a missing file with node:fs's
// stat, lstat and readFileSync watched; none may throw ENOENT, and each
// still answers "missing" the way it did.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSettingsText } from '../../../src/core/hosts/settingsText';
import { readHookFile, readHookRecord } from '../../../src/core/launcher/hookRecord';
import { hostSandboxStatus } from '../../../src/core/launcher/hostSandbox';
import { loadConfig } from '../../../src/core/config/load';
import { scratchDir } from '../support/scratch';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('node:fs') as typeof fs;

/** What `fn` returned, and the codes of the exceptions node:fs's stat, lstat and readFileSync threw meanwhile. */
function watchingThrows<T>(fn: () => T): { value: T; thrown: string[] } {
  const thrown: string[] = [];
  const watch = <K extends 'statSync' | 'lstatSync' | 'readFileSync'>(name: K) => {
    const original = nodeFs[name] as (...args: unknown[]) => unknown;
    return mock.method(nodeFs, name, (...args: unknown[]) => {
      try {
        return original.apply(nodeFs, args);
      } catch (err) {
        thrown.push(`${name} ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
        throw err;
      }
    });
  };
  const mocks = [watch('statSync'), watch('lstatSync'), watch('readFileSync')];
  try {
    return { value: fn(), thrown };
  } finally {
    for (const m of mocks) m.mock.restore();
  }
}

function withFolder(fn: (root: string) => void): void {
  fn(fs.realpathSync(scratchDir('agentguard-missing-')));
}

test('the watch sees an ENOENT that node:fs throws (so a silent one below is not a blind spot)', () =>
  withFolder((root) => {
    const { thrown } = watchingThrows(() => {
      try {
        fs.statSync(path.join(root, 'nothing'));
      } catch {
        // expected
      }
    });
    assert.deepEqual(thrown, ['statSync ENOENT']);
  }));

test("a host's settings file that is missing reads as no settings, with no exception", () =>
  withFolder((root) => {
    const { value, thrown } = watchingThrows(() => readSettingsText(path.join(root, '.claude', 'settings.json')));
    assert.equal(value, undefined);
    assert.deepEqual(thrown, []);
    fs.writeFileSync(path.join(root, 'settings.json'), '{"a":1}');
    assert.equal(readSettingsText(path.join(root, 'settings.json')), '{"a":1}');
  }));

test('a missing hook file and a missing hook-file record read as none, with no exception', () =>
  withFolder((root) => {
    const { value, thrown } = watchingThrows(() => [
      readHookFile(path.join(root, '.cursor', 'hooks.json')),
      readHookRecord(path.join(root, 'state')),
    ]);
    assert.deepEqual(value, [undefined, []]);
    assert.deepEqual(thrown, []);
    // A parent that is a file is still "missing" to the caller (ENOTDIR), as before.
    fs.writeFileSync(path.join(root, 'file'), 'x');
    assert.equal(readHookFile(path.join(root, 'file', 'hooks.json')), undefined);
  }));

test("a host's sandbox settings that are missing give its status with no exception", () =>
  withFolder((root) => {
    const home = path.join(root, 'home');
    const workspace = path.join(home, 'code', 'app');
    fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
    const env = { HOME: home, PATH: '/usr/bin:/bin' };
    const { value, thrown } = watchingThrows(() => hostSandboxStatus('claude', workspace, home, () => [], env).status);
    assert.equal(typeof value, 'string');
    assert.deepEqual(
      thrown.filter((t) => t.endsWith('ENOENT')),
      [],
    );
  }));

test('a workspace without a configuration loads as none, with no exception', () =>
  withFolder((root) => {
    const { value, thrown } = watchingThrows(() => loadConfig(root));
    assert.deepEqual(value, { ok: true, config: undefined });
    assert.deepEqual(thrown, []);
    // A link to nothing is still told apart from no file.
    fs.symlinkSync(path.join(root, 'gone.json'), path.join(root, '.agentguard.json'));
    const linked = loadConfig(root);
    assert.equal(linked.ok, false);
  }));
