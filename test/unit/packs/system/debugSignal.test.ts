import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemPack } from '../../../../src/core/packs/system';
import { signalOf } from '../../../../src/core/packs/system/debugSignal';
import type { Finding } from '../../../../src/core/types';
import { ctx, simple } from '../../support/helpers';

const ids = (argv: string[]): string[] =>
  (systemPack.analyze(simple(argv), ctx()) ?? []).map((f: Finding) => `${f.id}:${f.severity}`);
const debuggerSignal = (argv: string[]) =>
  assert.deepEqual(ids(argv), ['system.debugger-signal:60'], `${argv.join(' ')} should ask about the debugger`);
const quiet = (argv: string[]) => assert.deepEqual(ids(argv), [], `${argv.join(' ')} should stay quiet`);

test('the signal is read in each spelling kill and pkill take', () => {
  assert.equal(signalOf(['kill', '-USR1', '42']), 'USR1');
  assert.equal(signalOf(['kill', '-s', 'SIGUSR1', '42']), 'SIGUSR1');
  assert.equal(signalOf(['kill', '--signal=USR1', '42']), 'USR1');
  assert.equal(signalOf(['kill', '-10', '42']), '10');
  assert.equal(signalOf(['pkill', '-f', '-USR1', 'node']), 'USR1');
  assert.equal(signalOf(['kill', '42']), undefined);
});

test("SIGUSR1 to a pid, or to Node or an editor by name, asks: it opens a running Node process's debugger", () => {
  debuggerSignal(['kill', '-USR1', '4242']);
  debuggerSignal(['kill', '-s', 'USR1', '4242']);
  debuggerSignal(['kill', '-SIGUSR1', '4242', '4243']);
  debuggerSignal(['kill', '-10', '4242']);
  debuggerSignal(['kill', '-USR1', '$(pgrep -f code-server)']);
  debuggerSignal(['kill', '-s', 'USR1', '$(pidof node)']);
  debuggerSignal(['pkill', '-USR1', '-f', 'bootstrap-fork']);
  debuggerSignal(['pkill', '--signal', 'USR1', 'node']);
  debuggerSignal(['killall', '-USR1', 'code']);
});

test('SIGUSR1 to a program that is not Node, and other signals, stay as they were', () => {
  quiet(['kill', '-USR1', '$(pgrep dd)']);
  quiet(['pkill', '-USR1', 'nginx']);
  quiet(['killall', '-USR1', 'dd']);
  quiet(['kill', '-USR2', '4242']);
  quiet(['kill', '-HUP', '4242']);
  quiet(['kill', '4242']);
  // Other findings still come first where they apply.
  assert.deepEqual(ids(['kill', '-USR1', '-1']), ['system.kill-all:95']);
});
