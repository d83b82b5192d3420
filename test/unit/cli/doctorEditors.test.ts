// doctor's `editors` line: what the recorded editor binaries rest on, and,
// under a managed policy, whether each is out of the user's reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editorBinaryLines, ptraceLines } from '../../../src/cli/doctorEditors';

test("doctor says the editors' record rests on the host sandboxes' deny-write lists without a managed policy", () => {
  const lines = editorBinaryLines('/nonexistent', false, [
    { path: '/usr/share/code/code', sha256: '0'.repeat(64), stamp: 'x' },
  ]);
  assert.equal(lines.length, 1);
  assert.match(
    lines[0],
    /^editors {4}\/usr\/share\/code\/code: recorded in editor-binaries\.json .*a file of yours.*host sandboxes' deny-write lists/,
  );
  assert.match(editorBinaryLines('/nonexistent', false, [])[0], /no editor recorded its binary/);
});

test('under a managed policy doctor says which recorded editor binary is not trusted, and why', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-editors-'));
  try {
    const mine = path.join(dir, 'code');
    fs.writeFileSync(mine, '', { mode: 0o755 });
    const [line, how] = editorBinaryLines(dir, true, [{ path: mine, sha256: '0'.repeat(64), stamp: 'x' }]);
    // The test's own file (and, as root, any file) is within reach.
    assert.match(
      line,
      /^editors {4}\S+\/code: NOT TRUSTED under the managed policy, \S+\/code is writable by uid \d+ .*asks go to the agent host$/,
    );
    // What the answering process runs is checked as well, and doctor says how ACLs are read on this machine.
    assert.match(how, /^editors {4}what the answering process runs is checked too: the editor's own entry point/);
    assert.match(
      how,
      fs.existsSync('/usr/bin/getfacl')
        ? /; POSIX ACLs read with \/usr\/bin\/getfacl$/
        : /; getfacl is not installed \(Debian package acl\): a file with a POSIX ACL is not trusted/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('doctor says whether a process of yours may trace the editor, and what an approval then proves', () => {
  assert.deepEqual(ptraceLines(undefined), []);
  for (const open of ['absent', 0] as const) {
    const [line] = ptraceLines(open);
    assert.match(line, /^ptrace {5}.*any process of yours may trace the editor's processes and answer as the editor/);
    assert.match(line, /an approval proves only that it was recorded: any process of yours can drive the editor/);
  }
  assert.match(ptraceLines(0)[0], /set kernel\.yama\.ptrace_scope to 1 \(sudo sysctl kernel\.yama\.ptrace_scope=1/);
  assert.match(ptraceLines('absent')[0], /this kernel has no Yama ptrace setting/);
  for (const closed of [1, 2, 3] as const) {
    const [line] = ptraceLines(closed);
    assert.match(line, /an approval is the running editor's \("peerProof":"kernel"\)/);
    assert.match(line, /an editor an agent starts itself with hidden options .* passes the check/);
    assert.doesNotMatch(line, /proves only that it was recorded/);
  }
  assert.match(ptraceLines(1)[0], /traces only its own descendants/);
  assert.match(ptraceLines(3)[0], /is 3: only an administrator's process traces another/);
});
