// The one reader of the kernel's Yama ptrace setting, and what it makes an
// approval worth. This machine's kernel has no Yama, so scope 1 and above are
// read from fixture files in the kernel's own format; the real file is read
// once too, and agrees with what /proc holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  YAMA_PTRACE_SCOPE_FILE,
  parsePtraceScope,
  peerProofOf,
  peerProofWords,
  readPtraceScope,
} from '../../../src/core/launcher/yama';

test('the setting is parsed as the kernel prints it, and anything else counts as 0', () => {
  assert.equal(parsePtraceScope('0\n'), 0);
  assert.equal(parsePtraceScope('1\n'), 1);
  assert.equal(parsePtraceScope('2\n'), 2);
  assert.equal(parsePtraceScope('3'), 3);
  for (const junk of ['', '4\n', '-1\n', '1 \n', ' 1\n', '11\n', '1\n\n', 'one\n'])
    assert.equal(parsePtraceScope(junk), 0, JSON.stringify(junk));
});

test('a fixture kernel: each scope from its file, no Yama where the folder is missing, 0 where nothing can be read', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-yama-'));
  try {
    const file = path.join(dir, 'sys', 'kernel', 'yama', 'ptrace_scope');
    // No /proc/sys/kernel at all: nothing can be told, so it counts as 0, never as "no Yama" or more.
    assert.equal(readPtraceScope(file, 'linux'), 0);
    fs.mkdirSync(path.dirname(path.dirname(file)), { recursive: true });
    assert.equal(readPtraceScope(file, 'linux'), 'absent');
    fs.mkdirSync(path.dirname(file));
    for (const [text, scope] of [
      ['0\n', 0],
      ['1\n', 1],
      ['2\n', 2],
      ['3\n', 3],
      ['garbage', 0],
    ] as const) {
      fs.writeFileSync(file, text);
      assert.equal(readPtraceScope(file, 'linux'), scope, text);
    }
    // Unreadable (here: a folder where the file belongs) counts as 0.
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.equal(readPtraceScope(file, 'linux'), 0);
    // Not Linux: no such setting.
    assert.equal(readPtraceScope(file, 'darwin'), 'absent');
    assert.equal(readPtraceScope(file, 'win32'), 'absent');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('only scope 1 or more makes the check of the answering process the kernel’s', () => {
  assert.equal(peerProofOf('absent'), 'recorded');
  assert.equal(peerProofOf(0), 'recorded');
  for (const s of [1, 2, 3] as const) assert.equal(peerProofOf(s), 'kernel');
  assert.match(
    peerProofWords('recorded'),
    /proves only that it was recorded: any process of yours can drive the editor/,
  );
  assert.match(peerProofWords('kernel'), /the kernel keeps your other processes from tracing the editor/);
});

test("this machine's own setting is read from the kernel's file", { skip: process.platform !== 'linux' }, () => {
  const expected = fs.existsSync(YAMA_PTRACE_SCOPE_FILE)
    ? parsePtraceScope(fs.readFileSync(YAMA_PTRACE_SCOPE_FILE, 'utf8'))
    : 'absent';
  assert.equal(readPtraceScope(), expected);
});
