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

test('code an interpreter runs inline that sends SIGUSR1 to another process asks', () => {
  debuggerSignal(['node', '-e', "process.kill(4242, 'SIGUSR1')"]);
  debuggerSignal(['node', '-e', 'process.kill(Number(process.argv[1]), 10)', '4242']);
  debuggerSignal(['node', '-p', 'process._debugProcess(4242)']);
  debuggerSignal(['node', '--eval=process.kill(pid, os.constants.signals.SIGUSR1)']);
  debuggerSignal([
    'nodejs',
    '-e',
    'const {execSync}=require("child_process"); process.kill(+execSync("pgrep -f code-server"), "SIGUSR1")',
  ]);
  debuggerSignal(['python3', '-c', 'import os, signal; os.kill(4242, signal.SIGUSR1)']);
  debuggerSignal(['python', '-c', 'import os; os.kill(int(open("/tmp/pid").read()), 10)']);
  debuggerSignal(['python3', '-c', 'import os, signal as s; os.killpg(4242, s.Signals.SIGUSR1)']);
  debuggerSignal(['ruby', '-e', "Process.kill('USR1', 4242)"]);
  debuggerSignal(['ruby', '-e', 'Process.kill(:SIGUSR1, ARGV[0].to_i)', '4242']);
  debuggerSignal(['perl', '-e', 'kill USR1 => 4242']);
  debuggerSignal(['perl', '-le', "kill 'USR1', $ARGV[0]", '4242']);
  debuggerSignal(['perl', '-e', 'kill 10, 4242;']);
  debuggerSignal(['php', '-r', 'posix_kill(4242, SIGUSR1);']);
  const f = systemPack.analyze(simple(['python3', '-c', 'import os, signal; os.kill(4242, signal.SIGUSR1)']), ctx());
  assert.match(f?.[0]?.summary ?? '', /python3 code sends SIGUSR1 to 4242, which opens the debugger/);
});

test('inline code that sends other signals, or SIGUSR1 to itself, stays quiet', () => {
  quiet(['node', '-e', "process.kill(process.pid, 'SIGTERM')"]);
  quiet(['node', '-e', "process.kill(process.pid, 'SIGUSR1')"]);
  quiet(['node', '-e', 'process.kill(4242, 15)']);
  quiet(['node', '-e', 'process.kill(10)']);
  quiet(['node', '-e', "console.log('kill -USR1 is how nginx reopens logs')"]);
  quiet(['python', '-c', 'import os; os.kill(child, 15)']);
  quiet(['python3', '-c', 'import os, signal; os.kill(os.getpid(), signal.SIGUSR1)']);
  quiet([
    'python3',
    '-c',
    'import signal, threading; signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)',
  ]);
  quiet(['python3', '-c', 'import os; os.kill(10, 0)']);
  quiet(['ruby', '-e', "Process.kill('TERM', 4242)"]);
  quiet(['perl', '-e', 'kill 15, 4242']);
  quiet(['perl', '-e', 'kill 0, 10']);
  quiet(['php', '-r', 'posix_kill($pid, SIGHUP);']);
  quiet(['node', '-e', 'console.log(1)']);
});
